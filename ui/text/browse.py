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
ANY = "any"  # an empty filter keeps every question (same word as the Self-quiz filters)
RESULTS = "{n} question(s)"
UNKNOWN_QUESTION_LINK = "There is no question `{q}` in the bank; showing the list instead."
NO_RESULTS = "No question matches the search and filters. Clear a filter or try other words."
PICK = "Question"
QUESTION_HEADING = "Question {number} · {title}"
SHOW_ALL = "Show all answers"
REVEAL = "Show answer"
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

IMPORT_TITLE = "Import another document of the family"
IMPORT_HELP = (
    "A *Simulacro Entrevista* document (part 1, a Mid or Junior variant…) as Markdown or the "
    "plain text extracted from it, or a plain Q&A file (`## Q: …` / `A: …`). Import it as a "
    "deck of its own (its sections, a generated answer key, its own progress), or into the "
    "built-in deck."
)
IMPORT_HOSTED = (
    "In this shared deployment the decks are the same for every learner, so only whoever runs "
    "it adds one (`python -m simulacro import` on the server); your progress stays your own."
)
IMPORT_UPLOAD = "Document (.md or .txt)"
IMPORT_MODE = "Import as"
IMPORT_MODES = {
    "deck": "A new deck",
    "add": "New numbers into the built-in deck",
    "replace": "Replace the built-in deck's authored questions",
}
IMPORT_PARSED = (
    "{n} question(s) found: {new} new, {existing} already in the bank (left as they are)."
)
IMPORT_PARSED_DECK = "{n} question(s) found in {sections} section(s) of the document."
IMPORT_SKIPPED = "{n} placeholder(s) or cross-file reference(s) skipped, and notes:"
IMPORT_PROBLEMS = "{n} part(s) of the document could not be imported:"
IMPORT_DECK_NAME = "Deck name"
IMPORT_DECK_NAME_HELP = "Lowercase letters, digits, '-' or '_' (used in links: ?deck=NAME)."
IMPORT_DECK_TAKEN = "A deck called '{name}' already exists: choose another name."
IMPORT_DECK_BUTTON = "Create deck '{name}' with {n} question(s)"
IMPORT_DECK_DONE = (
    "Deck '{name}' created with {n} question(s) and a generated answer key; you are now "
    "studying it (switch decks in the sidebar)."
)
IMPORT_BUTTON = "Add {n} new question(s) to the bank"
IMPORT_NOTHING_NEW = "Nothing to add: every question of this document is already in the bank."
IMPORT_DONE = (
    "Added {n} question(s) to `{folder}`. They have no tags yet: edit their files to add "
    "2-5 tags and run `python -m simulacro validate`."
)
IMPORT_REPLACE_PLAN = (
    "{replaced} authored question(s) would be replaced by the document's own (keeping our "
    "tags, demos and review notes), {added} added; {kept} from the source document stay as "
    "they are."
)
IMPORT_REPLACE_BUTTON = "Replace/add {n} question(s) in the built-in deck"
IMPORT_REPLACE_DONE = (
    "Replaced {replaced} authored question(s) and added {added}; answer key regenerated for "
    "{regenerated} whose answer no longer matched it."
)
IMPORT_WRITE_FAILED = "Could not write to `{folder}`: {error}. Nothing was added."
REVIEW_NOTE_CAPTION = (
    "Review note by the Simulacro team: the answer above is quoted from the source document "
    "as written; this note corrects or completes it."
)

EXPORT_TITLE = "Export: study guide, Anki deck"
EXPORT_EMPTY = "The deck has no questions to export."
EXPORT_WHAT = "{n} question(s): {what}. Pick a section above to export only that one."
EXPORT_WHOLE_DECK = "the whole deck {title}"
EXPORT_GUIDE = "Study guide (HTML)"
EXPORT_GUIDE_HELP = (
    "One self-contained page: contents, every answer, review notes and key points; "
    "prints cleanly (File → Print → Save as PDF)."
)
EXPORT_ANKI = "Anki deck (.apkg)"
EXPORT_ANKI_HELP = (
    "One note per question, tagged by section and topic. Importing a newer export into "
    "Anki updates the notes instead of duplicating them."
)
