"""Strings of the entry point and the Home page."""

APP_TITLE = "Simulacro — Lead/Senior ML Engineer interview prep"
NAV_STUDY = "Study"
NAV_PRACTICE = "Practice"
PAGE_HOME = "Home"
PAGE_BROWSE = "Browse questions"
PAGE_DEMOS = "Live demos"
PAGE_QUIZ = "Self-quiz"
PAGE_MOCK = "Mock interview"
PAGE_PROGRESS = "Progress"
SIDEBAR_CAPTION = "Offline study app · progress stays on this machine"
STORE_UNAVAILABLE = (
    "Your progress cannot be read right now ({error}). Nothing was changed; reload the page "
    "in a moment."
)
CONTENT_PROBLEMS = "{n} problem(s) in the question bank; the valid questions are still served."
CONTENT_PROBLEMS_DETAILS = "Show the problems (file:line: message)"
ANSWER_KEY_PROBLEMS = (
    "{n} problem(s) in the answer key `{file}`: the questions they touch are quizzed "
    "without their key points until it is fixed (`python -m simulacro validate`)."
)

HOME_TITLE = "Simulacro"
HOME_TAGLINE = "Interview prep for Lead/Senior ML & MLOps engineers"
HOME_INTRO = (
    "The {total} questions of the *Simulacro Entrevista Lead/Senior ML Engineer* document, "
    "grouped by topic, with model answers in Spanish, **live demos** you can run next to "
    "them, a **self-quiz** with spaced repetition and a timed **mock interview**. "
    "Everything runs offline on this machine."
)
HOME_INTRO_DECK = (
    "The {total} questions of *{title}*, the deck you imported, grouped by the document's own "
    "sections, with its model answers, a **self-quiz** with spaced repetition and a timed "
    "**mock interview**. Its progress is kept apart from the other decks."
)
HOME_DECK_NOTE = (
    "Imported from `{file}`; its answer key was generated from the answers (bold terms, "
    "lists, code). Switch decks in the sidebar."
)
HOME_SECTIONS = "Sections"
HOME_START = "Start"
HOME_GO_BROWSE = "Browse the questions"
HOME_GO_DEMOS = "Run the live demos"
HOME_GO_QUIZ = "Quiz yourself"
HOME_GO_MOCK = "Start a mock interview"
HOME_GO_PROGRESS = "See your progress"
HOME_SOURCE_NOTE = (
    "{seed} questions come from the source document; {authored} were written by the "
    "Simulacro team to complete part 1 (marked *authored*)."
)
HOME_COUNT_HELP = "questions"
HOME_ABOUT_BROWSE = "All questions by section, full-text search, model answers."
HOME_ABOUT_DEMOS = "Move a slider, see the model or metric change, read the code that ran."
HOME_ABOUT_QUIZ = "Answer from memory; spaced repetition brings back what you are forgetting."
HOME_ABOUT_MOCK = "A timed interview with a live countdown, follow-ups and a report."
HOME_ABOUT_PROGRESS = "Mastery per section, readiness for your interview date, history."

HOME_TODAY = "Today"
HOME_DUE = "Due now"
HOME_NEW_LEFT = "New left today"
HOME_NEW_LEFT_HELP = (
    "New questions today's plan still has for you (set the daily limit in Progress)."
)
HOME_STREAK = "Streak"
HOME_TO_INTERVIEW = "To the interview"
HOME_DAYS = "{n} d"
HOME_PLAN = (
    "Today's plan: {n} card(s) · about {per_day:.0f} a day until {day} for {target:.0%} recall "
    "on the day."
)
HOME_NO_PLAN = "No plan: {problem}. Set the interview date in Progress."
HOME_START_TODAY = "Start today's review"
HOME_RESUME_QUIZ = "Resume the self-quiz (card {i} of {n})"
HOME_RESUME_MOCK = "Resume the mock interview (question {i} of {n})"
HOME_SEE_PLAN = "Interview date and plan"
HOME_EMPTY_DECK = "The question bank is empty: nothing to study yet. Import a document in Browse."
