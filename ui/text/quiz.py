"""Strings of the Self-quiz page."""

TITLE = "Self-quiz"
INTRO = (
    "Answer from memory, compare with the model answer, rate yourself. "
    "FSRS spaced repetition decides when each question comes back."
)
SETUP = "Choose what to practise"
SECTIONS = "Sections"
PROJECTS = "Projects"
TAGS = "Tags"
ANY = "any"
MODE = "Mode"
MODE_LABELS = {
    "due": "Due now",
    "new": "New",
    "weakest": "Weakest first",
    "random": "Random",
    "bookmarked": "Bookmarked",
    "plan": "Today's plan",
    "redo": "Redo missed",
}
MODE_HELP = (
    "Due now: cards FSRS scheduled for today or earlier. New: never reviewed. "
    "Weakest first: reviewed cards with the lowest recall probability and most lapses. "
    "Random: a random draw. Bookmarked: your bookmarks. Today's plan: today's cards of the "
    "plan to your interview date (set it in Progress)."
)
LIMIT = "Max cards"
SEED = "Seed (optional, for a reproducible random draw)"
MATCHING = "{n} question(s) match · {due} due now · {new} new · {marked} bookmarked"
START = "Start session"
EMPTY = {
    "due": "Nothing is due now with these filters. Try **New** or **Weakest first**.",
    "new": "You have reviewed every question that matches these filters. Try **Weakest first**.",
    "weakest": "No reviewed question matches yet. Start with **New**.",
    "random": "No question matches these filters.",
    "bookmarked": "No bookmarked question matches. Bookmark questions in Browse or here.",
    "plan": "Today's plan has nothing left with these filters: you are done for today.",
}
PROGRESS = "Card {i} of {n} · {mode}"
END = "End session"
QUESTION_HEADER = "Question {number} · {section}"
YOUR_ANSWER = "Your answer (optional: type it to get your key points checked)"
ANSWER_PLACEHOLDER = "Type your answer as you would say it in the interview…"
ALOUD = "I answered aloud (tick the key points myself)"
REVEAL = "Show answer"
SKIP = "Skip"
SHORTCUTS = "Keys: Alt+S show answer · Alt+1..4 rate Again/Hard/Good/Easy"
MODEL_ANSWER = "Model answer"
TYPED = "Your answer"
ANSWERED_ALOUD = "You answered aloud: tick the key points you covered."
NOTHING_TYPED = "You typed nothing: tick the key points you would have covered."
EVIDENCE_HIGHLIGHTED = "Highlighted: the words that covered a key point."
EVIDENCE_AND_CONTRADICTIONS_HIGHLIGHTED = (
    "Highlighted: the words that covered a key point; in red, what states a point's opposite."
)
REDO_MISSED = "Redo the ones I missed ({n})"
REDO_MISSED_HELP = "A new session with the cards you rated Again or Hard, or skipped."
PLAN_PROBLEM = "No plan for today: {problem}. Set the interview date in Progress."
KEY_POINTS = "Key points"
KEY_POINTS_AUTO = "Checked against your typed answer: {covered}/{total} covered ({pct:.0%})."
KEY_POINTS_SELF = "Tick the points your spoken answer covered."
NO_KEY_POINTS = "No key points for this question yet; rate yourself against the model answer."
SUGGESTED = "Suggested rating: **{rating}** (confirm or pick another)"
RATE = "How well did you know it?"
RATING_LABELS = {"again": "Again", "hard": "Hard", "good": "Good", "easy": "Easy"}
RATING_BUTTON = "{label} · {interval}"
FOLLOW_UP = "Follow-up question"
DEMO_LINK = "Live demo: {demo}"
BROWSE_LINK = "Open question {number} in Browse"
BOOKMARK_NOTE = "Bookmark and note"
SUMMARY = "Session summary"
CARDS_DONE = "Cards done"
SKIPPED = "Skipped"
COVERAGE = "Key-point coverage"
TIME = "Time"
NOT_GRADED = "—"
RATINGS_CHART = "Ratings"
TABLE_NUMBER = "Question"
TABLE_TITLE = "Title"
TABLE_RATING = "Rating"
TABLE_SUGGESTED = "Suggested"
TABLE_COVERAGE = "Coverage"
TABLE_TIME = "Time (s)"
NEW_SESSION = "New session"
NOTHING_DONE = "No card was rated in this session."
NO_QUESTIONS = "The question bank is empty; nothing to quiz on."
SAVE_FAILED = "Your rating could not be saved ({error}). Try the rating again."
SAVED = "Saved: {rating} · next review in {interval}."
REVIEW_NOTE_CAPTION = (
    "Review note by the Simulacro team: the model answer is quoted from the source document; "
    "this note corrects or completes it."
)
KEY_POINTS_GENERATED = (
    "Generated from the document's answer (its bold terms, lists and code), not written by "
    "hand: edit the deck's answers.yaml to improve it."
)
