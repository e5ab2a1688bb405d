"""Strings of the "show why" grading evidence widget (ui/grading_evidence.py)."""

COVERED = ":green[:material/check_circle:] **{label}**"
MISSED = ":red[:material/cancel:] **{label}**"
TOGGLE = "Covered"
TOGGLE_HELP = "Flip it if the grader got this point wrong; the suggested rating follows."
NOT_FOUND = "Not found in your answer."
MATCHED_PHRASE = "Matched the key phrase “{phrase}”."
OVERRIDDEN = "Corrected by you: the suggested rating follows."
