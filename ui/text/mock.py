"""Strings of the Mock interview page and the interview history on the Progress page."""

TITLE = "Mock interview"
INTRO = (
    "A timed interview like the real thing: one question at a time, a visible clock, "
    "follow-ups, and an honest report at the end."
)

# ---- setup
FORMAT = "Format"
PRESET_LABELS = {
    "loop": "Lead/Senior loop",
    "deep_bankchurn": "Project deep dive: BankChurn",
    "deep_carvision": "Project deep dive: CarVision",
    "deep_telecomai": "Project deep dive: TelecomAI",
    "rapid": "Rapid fire",
    "custom": "Custom",
}
PRESET_CAPTIONS = {
    "loop": "45 min · 8 questions across sections · follow-ups",
    "deep_bankchurn": "20 min · 5 questions on BankChurn-Predictor · follow-ups",
    "deep_carvision": "20 min · 5 questions on CarVision-Market-Intelligence · follow-ups",
    "deep_telecomai": "20 min · 5 questions on TelecomAI-Customer-Intelligence · follow-ups",
    "rapid": "10 questions × 90 s · no follow-ups",
    "custom": "Choose sections, number of questions and times",
}
SECTIONS = "Sections"
SECTIONS_HELP = "Empty = every section."
SECTIONS_ALL = "All sections"
N_QUESTIONS = "Number of questions"
SECONDS_PER_QUESTION = "Time per question (seconds)"
SECONDS_HELP = "At least 5 s. 90 = 1:30, 180 = 3 min, 300 = 5 min."
TOTAL_MINUTES = "Total time (minutes, 0 = questions + follow-ups)"
TOTAL_HELP = "The interview ends when the total time runs out, even with questions left."
FOLLOW_UPS = "Include follow-up questions"
FOLLOW_UPS_HELP = (
    "After you answer, the interviewer asks about a key point your answer missed; "
    "with nothing missed, a deeper follow-up from the answer key."
)
FOLLOW_UP_SECONDS = "Follow-up time (seconds)"
WEAK_FIRST = "Prefer questions I am weak on"
WEAK_FIRST_HELP = (
    "Uses your progress: questions you tend to forget or rated Again come first. "
    "Questions you never reviewed count as medium."
)
SEED = "Seed (optional)"
SEED_HELP = "The same seed and settings draw the same questions. Empty = a new random draw."
SUMMARY = (
    "**{n} questions** · {per} per question{follow} · **{total}** in total · "
    "drawn from {pool} matching question(s)"
)
SUMMARY_FOLLOW = " · follow-ups {follow}"
START = "Start interview"
NO_QUESTIONS = "No question matches these settings: choose other sections."
FEWER = "Only {n} question(s) match these settings; the interview has {n}."
BAD_SETTINGS = "Check the settings: {error}"
RESUMED = "Interview in progress (question {pos} of {n})."

# ---- interview
QUESTION_OF = "Question {pos} of {n} · {section} · #{number}"
FOLLOW_UP_OF = "Follow-up · question {pos} of {n} · #{number}"
FOLLOW_UP_INTRO = "The interviewer follows up:"
FOLLOW_UP_INTROS = {  # by follow_ups.PROBE / DEEPER / DRAWN
    "probe": "The interviewer probes what your answer left out:",
    "deeper": "You covered the key points, so the interviewer goes deeper:",
    "drawn": "The interviewer follows up:",
}
ORIGINAL_QUESTION = "The question you just answered"
QUESTION_CLOCK = "Time left for this question"
FOLLOW_UP_CLOCK = "Time left for the follow-up"
TOTAL_CLOCK = "Interview time left"
PAUSED_CLOCK = "Paused"
LAST_SECONDS = "Last 30 seconds"
ANSWER = "Your answer"
ANSWER_PLACEHOLDER = "Type your answer (it is kept if the time runs out)…"
FOLLOW_UP_ANSWER = "Your answer to the follow-up"
ALOUD = "I answered aloud"
ALOUD_HELP = "Answering out loud is good practice; the report cannot grade speech."
SPEAK = "Read the questions aloud"
SPEAK_HELP = (
    "Your browser's own voice reads each question and follow-up (a Spanish voice when it "
    "has one). Offline: nothing is sent anywhere."
)
SPEECH_NO_VOICE = "This browser has no voice for speech: read the question on screen."
SPEECH_READING = "Read aloud ({voice})."
SPEECH_OTHER_VOICE = "Read aloud with the browser's default voice (no Spanish voice found)."
SPEECH_AGAIN = "🔊 Again"
RECORD = "Answer aloud (record)"
RECORD_HELP = (
    "Recorded in the browser, kept only in your data folder with this interview, and played "
    "back in the report. WAV, at most 20 MB (about 10 minutes). You can also type."
)
RECORDING_KEPT = "Recording kept ({length}); it plays back in the report."
RECORDING_FAILED = "Question {pos}: {error}. Nothing else was lost: your typed answer is kept."
RECORDING_GONE = "The recording of this answer is no longer in the data folder."
RECORDING_LENGTH = "Your spoken answer ({length}):"
KEY_POINTS_LISTEN = "Key points: tick what you said while listening"
LEFT_OPEN = (
    "This interview was left open for {length}: it ended when its time ran out. What you "
    "typed and recorded is kept below."
)
DAYS = "{days} day(s) {hours} h"
HOURS = "{hours} h"
NEXT = "Next"
SKIP = "Skip"
PAUSE = "Pause"
RESUME = "Resume"
END = "End interview"
PAUSED = "Paused: both clocks are stopped. Resume when you are ready."
TIMEOUT_NOTICE = {  # (phase, something typed or said)
    ("main", True): "Time ran out on question {pos} — your answer was kept.",
    ("main", False): "Time ran out on question {pos} — nothing had been typed.",
    ("follow_up", True): "Time ran out on the follow-up of question {pos} — your answer was kept.",
    ("follow_up", False): (
        "Time ran out on the follow-up of question {pos} — nothing had been typed."
    ),
}
ROW_TIMED_OUT = "Time ran out on this question; what you had typed is kept below."
FOLLOW_UP_TIMED_OUT = "Time ran out on the follow-up."

# ---- report
REPORT = "Report"
END_REASONS = {
    "completed": "Every question went by.",
    "ended": "You ended the interview.",
    "time_up": "The interview time ran out.",
}
ANSWERED = "Answered"
COVERAGE = "Key points covered"
COVERAGE_HELP = "Average share of the answer key's points your typed answers mention."
TIME_USED_OF = "Time used (of {budget})"
TIME_USED_HELP = "Active time on questions and follow-ups; pauses do not count."
TIMED_OUT = "Timed out"
SKIPPED = "Skipped"
STATUS = {
    "answered": "answered",
    "skipped": "skipped",
    "timed_out": "timed out",
    "not_reached": "not reached",
    "active": "active",
    "pending": "pending",
}
COL_POS = "#"
COL_QUESTION = "Question"
COL_STATUS = "Status"
COL_USED = "Time used (s)"
COL_BUDGET = "Budget (s)"
COL_POINTS = "Key points"
COL_COVERAGE = "Coverage"
COL_RATING = "Self-rating"
CHART_TITLE = "Time per question vs budget"
CHART_USED = "Time used"
CHART_BUDGET = "Budget"
CHART_X = "Question"
CHART_Y = "Seconds"
DETAILS = "Question by question"
ROW_TITLE = "{pos}. Question {number}: {title} — {status}"
ROW_TIMING = "Time {used} of {budget} · {points}"
ROW_POINTS = "{covered}/{total} key points"
ROW_NO_KEY = "no answer key for this question"
YOUR_ANSWER = "Your answer"
MODEL_ANSWER = "Model answer"
NOTHING_TYPED = "Nothing typed."
ANSWERED_ALOUD = "Answered aloud."
KEY_POINTS = "Key points"
SHOW_WHY = "Show why"
SHOW_WHY_HELP = (
    "For each key point, the sentence of your answer that covered it (or “not found”). "
    "Flip a point the grader got wrong: the coverage and the suggestion follow."
)
STAR_TITLE = "STAR structure ({found}/{total})"
STAR_PARTS = {
    "situation": "Situation: the context",
    "task": "Task: what you had to do",
    "action": "Action: what you did",
    "result": "Result: how it ended",
    "impact": "A number for the impact",
}
STAR_WHERE = "Found in: “{sentence}”"
STAR_HINTS = {
    "situation": "Set the scene first: “En mi anterior equipo…” / “At my previous job…”.",
    "task": "Say what was yours to do: “Mi tarea era…” / “My task was…”.",
    "action": "Say what YOU did, in the first person: “Propuse…” / “I proposed…”.",
    "result": "Close with the outcome: “Como resultado…” / “As a result…”.",
    "impact": "Put a number on it: “-35 % incidents”, “from 10 days to 3”.",
}
RATE = "Self-rating"
RATE_HELP = (
    "Your own rating schedules this question's next review when you save. "
    "Left unrated, the question is not a review."
)
RATING_LABELS = {"again": "Again", "hard": "Hard", "good": "Good", "easy": "Easy"}
NO_RATING = "—"
UNRATED = "Not rated"
UNRATED_SUGGESTED = "not rated (suggested: {rating})"
SUGGESTED = "Suggested from the key points covered: **{rating}**{why}"
SUGGESTED_TIMED_OUT = " (one step lower: the time ran out)"
ACCEPT_ONE = "Use {rating}"
ACCEPT_ALL = "Accept all suggestions"
ACCEPT_ALL_HELP = "Rates every question you have not rated yet with its suggestion."
UNRATED_NOTE = (
    "{n} question(s) not rated yet. Confirm or change each suggestion: only the ratings you "
    "give become reviews when you save."
)
NOT_A_REVIEW = "{status}: not a review (nothing to rate)."
RATED = "**Self-rating:** {rating} (saved)"
LEFT_UNRATED = "**Self-rating:** none (saved unrated: not a review)"
FOLLOW_UP = "Follow-up ({status}): {text}"
PROBED = {  # did the follow-up answer cover the missed point it asked about
    True: "The follow-up probed “{point}”, which your first answer missed: now covered.",
    False: "The follow-up probed “{point}”, which your first answer missed: still missing.",
    None: "The follow-up probed “{point}”, which your first answer missed.",
}
SAVE = "Save to progress"
SAVE_HELP = "Stores this report in your history; each question you rated becomes a review."
SAVED = "Saved (interview #{id}); {n} question review(s) recorded."
SAVED_UNRATED = "{n} question(s) left unrated: not reviews."
SAVE_FAILED = "Could not save to the progress store: {error}"
ALREADY_SAVED = "Saved to your progress."
STUDY_NEXT = "Study these next"
STUDY_NOTHING = "Nothing went badly in this interview: no question to study next."
STUDY_ROW = "- **{number}.** {title} — {why}"
STUDY_SAVE_FIRST = (
    "Save to progress first if you want this interview in your history; the quiz does not need it."
)
STUDY_START = "Self-quiz these {n} question(s) now"
WHY_SKIPPED = "skipped"
WHY_RATED = "you rated it {rating}"
WHY_SUGGESTED = "suggested {rating}"
WHY_POINTS = ", {covered}/{total} key points"
DOWNLOAD = "Download report (Markdown)"
NEW = "New interview"
MD_TITLE = "Mock interview report"

# ---- history (Progress page)
HISTORY_EMPTY = "No mock interview saved yet: finish one and press “Save to progress”."
HISTORY_TABLE = "Interviews"
H_DATE = "Date"
H_FORMAT = "Format"
H_QUESTIONS = "Questions"
H_ANSWERED = "Answered"
H_COVERAGE = "Coverage"
H_TIME = "Time used / budget"
TREND = "Trend across interviews"
TREND_COVERAGE = "Key-point coverage"
TREND_TIME = "Time used / budget"
TREND_X = "Interview"
TREND_Y = "Share"
CUSTOM_SHAPE = "{n} × {per}"
CUSTOM_FOLLOW = " + follow-ups"
H_VS_PREVIOUS = "Coverage vs earlier (same format)"
H_FIRST = "first of its format"
COMPARE_TITLE = "Latest interview vs your {n} earlier one(s) of the same format ({format})"
COMPARE_FIRST = (
    "Your latest interview is the first of its format ({format}): the next one of the same "
    "format will be compared with it."
)
COMPARE_HELP = "Earlier interviews of this format averaged {before} ({n} interview(s))."
HISTORY_SKIPPED = "{n} saved interview(s) could not be read and are not shown."
