"""Strings of the Browse page."""

TITLE = "Browse questions"
SEARCH = "Search"
SEARCH_PLACEHOLDER = "e.g. mape, regularizacion, leakage, 58"
SECTION = "Section"
ALL_SECTIONS = "All sections"
FILTERS = "Filters"
PROJECT = "Project"
SOURCE = "Source"
DIFFICULTY = "Difficulty"
TAGS = "Tags"
RESULTS = "{n} question(s)"
NO_RESULTS = "No question matches the search and filters. Clear a filter or try other words."
PICK = "Question"
SHOW_ALL = "Show all answers"
REVEAL = "Show answer"
ANSWER = "Respuesta"
PREVIOUS = "← Previous"
NEXT = "Next →"
DEMOS = "Live demos for this question"
RUN_DEMO = "Run here: {title}"
OPEN_DEMO = "Open in Live demos"
SOURCE_SEED = "from the source document"
SOURCE_AUTHORED = "authored by the Simulacro team"
DIFFICULTY_LABELS = {1: "basic", 2: "solid", 3: "lead-level"}
PROJECT_LABELS = {
    "bankchurn": "BankChurn",
    "carvision": "CarVision",
    "telecomai": "TelecomAI",
    "none": "General",
}
YOUR_NOTES = "Your bookmark and notes"
UNKNOWN_DEMO = "Unknown demo id '{demo}' in {file} (run `python -m simulacro validate`)."
