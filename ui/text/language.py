"""UI strings of the content-language switch and of the parts shown after an answer."""

SWITCH_LABEL = "Content language"
SWITCH_HELP = (
    "The language of the questions and model answers. The quiz and the mock interview run "
    "and are graded in English when English is chosen."
)
MODE_LABELS = {"es": "Español", "en": "English", "both": "Both side by side"}
COLUMN_LABELS = {"es": "Español", "en": "English"}
NO_TRANSLATION = "No English version of this question yet; it is shown in Spanish."
GOING_FURTHER = {"es": "Para ir más allá", "en": "Going further"}
GOING_FURTHER_CAPTION = "What a strong Lead/Senior answer adds. Not needed for the grade."
UNKNOWN_LANGUAGE = "Unknown content language '{value}' in the link; showing Spanish."
