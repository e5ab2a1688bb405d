"""Strings of the deck switcher and of the deck parts of the document import."""

SWITCHER = "Deck"
SWITCHER_HELP = (
    "Each deck is one interview document with its own sections, answer key and progress. "
    "Import another one in Browse → Import another document."
)
GENERATED_KEY = "Answer key generated from the document's answers (edit `{file}`)."
UNKNOWN_DECK = "There is no deck `{name}`; showing the built-in deck."
BROKEN_DECKS = "{n} deck folder(s) could not be read: {problems}"
