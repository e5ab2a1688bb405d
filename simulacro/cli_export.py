"""What the export commands read: a deck's title, questions and answer key."""

from __future__ import annotations

from simulacro.answer_key import AnswerKey, load_answer_key
from simulacro.decks import BUILT_IN, DeckError, load_deck
from simulacro.export_files import ExportError
from simulacro.model import Question


def load_for_export(deck_name: str | None) -> tuple[str, list[Question], AnswerKey]:
    """(title, questions, answer key) of the deck; ExportError for an unknown deck."""
    try:
        deck = load_deck(deck_name or BUILT_IN)
    except DeckError as error:
        raise ExportError(str(error)) from None
    bank = deck.bank()
    key = load_answer_key(deck.answers_path, [q.number for q in bank.questions])
    return deck.title, bank.questions, key
