"""The export commands' shared part: options, reading the deck, reporting the result."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

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


# write(file, questions, key, deck_name=..., title=..., section=...) -> the path written
Writer = Callable[..., Path]


def export_command(
    argv: list[str], *, command: str, about: str, file_help: str, write: Writer
) -> int:
    """`python -m simulacro COMMAND FILE [--deck NAME] [--section S]`: 0, or 1 and a message."""
    parser = argparse.ArgumentParser(prog=f"python -m simulacro {command}", description=about)
    parser.add_argument("file", help=file_help)
    parser.add_argument("--deck", default=None, help="deck name (default: the built-in deck)")
    parser.add_argument("--section", default=None, help="only this section")
    args = parser.parse_args(argv)
    try:
        title, questions, key = load_for_export(args.deck)
        written = write(
            args.file,
            questions,
            key,
            deck_name=args.deck or BUILT_IN,
            title=title,
            section=args.section,
        )
    except ExportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {written}")
    return 0
