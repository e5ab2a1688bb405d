"""Strings of the "show why" grading evidence widget (ui/grading_evidence.py)."""

COVERED = ":green[:material/check_circle:] **{label}**"
MISSED = ":red[:material/cancel:] **{label}**"
TOGGLE = "Covered"
TOGGLE_HELP = "Flip it if the grader got this point wrong; the suggested rating follows."
NOT_FOUND = "Not found in your answer."
MATCHED_PHRASE = "Matched the key phrase “{phrase}”."
CONTRADICTED = (
    "Your answer states the opposite of this point (the misconception “{phrase}”), so it "
    "does not count."
)
OVERRIDDEN = "Corrected by you: the suggested rating follows."
DETAIL_FOUND = ":blue[:material/check_circle:] **{label}**"
DETAIL_MISSING = ":gray[:material/radio_button_unchecked:] **{label}**"
DETAIL_SUFFIX = " · project detail"
DETAIL_HELP = (
    "A fact about this portfolio's own implementation (a chosen value, a helper's name). "
    "Worth knowing for your interview, but it does not count in the score: a strong answer "
    "written from the question alone would not state it."
)
DETAIL_CAPTION = "Project detail: not scored."
