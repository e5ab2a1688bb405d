"""`python -m simulacro import FILE`: an interview document -> questions.

    import DOC                              new numbers into questions/ (the built-in deck)
    import DOC --deck NAME                  a new deck of its own (sections, generated key)
    import DOC --deck lead --replace-authored
                                            the document's own questions replace the ones
                                            the team wrote, keeping our tags and notes
A `.json` file is a progress export instead, and goes to the progress importer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulacro.bank import DEFAULT_QUESTIONS_DIR
from simulacro.importer import ImportError_, ImportResult, import_file, write_questions


def report(result: ImportResult) -> None:
    """What was skipped, what could not be read, and what deserves a look: one line each."""
    for item in result.skipped:
        print(item, file=sys.stderr)
    for notice in result.notices:
        print(f"{notice.file}:{notice.line}: note: {notice.message}", file=sys.stderr)
    for problem in result.problems:
        print(problem, file=sys.stderr)


def _read(path: Path, built_in: bool) -> ImportResult | None:
    """The parsed document with its report printed, or None after printing why not."""
    try:
        result = import_file(path, built_in=built_in)
    except ImportError_ as error:
        print(f"error: {error}", file=sys.stderr)
        return None
    report(result)
    return result


def _into_new_deck(args: argparse.Namespace) -> int:
    from simulacro.decks import DeckError, check_deck_name, create_deck, load_deck

    try:
        check_deck_name(args.deck)
        load_deck(args.deck)
    except DeckError as error:
        if "there is no deck" not in str(error):
            print(f"error: {error}", file=sys.stderr)
            return 1
    else:
        print(
            f"error: deck {args.deck!r} already exists; choose another name, nothing was changed",
            file=sys.stderr,
        )
        return 1
    result = _read(args.file, built_in=False)
    if result is None:
        return 1
    if args.dry_run:
        print(
            f"parsed {len(result.questions)} question(s) from {args.file} in "
            f"{len(result.sections)} section(s); would create deck {args.deck!r}; "
            f"skipped {len(result.skipped)}; {len(result.problems)} problem(s)"
        )
        return 1 if result.problems else 0
    try:
        created = create_deck(args.deck, result, args.file.name)
    except DeckError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for problem in created.dropped:
        print(problem, file=sys.stderr)
    deck = created.deck
    print(
        f"created deck {deck.name!r} ({deck.title}): {len(created.written)} question(s) in "
        f"{len(deck.sections or ())} section(s), answer key generated; "
        f"skipped {len(result.skipped)} placeholder(s)/reference(s); "
        f"{len(result.problems) + len(created.dropped)} part(s) could not be read"
    )
    print(f"study it: python -m streamlit run app.py, then ?deck={deck.name}")
    return 1 if result.problems or created.dropped else 0


def _replace_authored(args: argparse.Namespace) -> int:
    from simulacro.decks import replace_authored

    result = _read(args.file, built_in=True)
    if result is None:
        return 1
    summary = replace_authored(result, args.file.name, dry_run=args.dry_run)
    verb = "would replace" if args.dry_run else "replaced"
    print(
        f"parsed {len(result.questions)} question(s) from {args.file}; {verb} "
        f"{len(summary.replaced)} authored question(s), added {len(summary.added)}, left "
        f"{len(summary.kept_seed)} seed question(s) as they are; answer key regenerated for "
        f"{len(summary.regenerated_key)}; {len(result.problems)} problem(s)"
    )
    return 1 if result.problems else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulacro import")
    parser.add_argument("file", type=Path, help="the document (.txt or .md), or a progress .json")
    parser.add_argument("--out", type=Path, default=DEFAULT_QUESTIONS_DIR)
    parser.add_argument(
        "--deck",
        default=None,
        help="import as a new deck of this name (or 'lead' with --replace-authored)",
    )
    parser.add_argument(
        "--replace-authored",
        action="store_true",
        help="with --deck lead: the document's questions replace the team-written ones",
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="replace existing question files (their metadata is kept)",
    )
    parser.add_argument("--dry-run", action="store_true", help="parse and report, write nothing")
    args = parser.parse_args(argv)

    if args.file.suffix.lower() == ".json":
        from simulacro import progress_cli

        return progress_cli.import_main([str(args.file)])

    from simulacro.decks import BUILT_IN

    if args.replace_authored:
        if args.deck not in (None, BUILT_IN):
            print(
                f"error: --replace-authored works on the built-in deck ({BUILT_IN!r}), "
                f"not {args.deck!r}",
                file=sys.stderr,
            )
            return 2
        return _replace_authored(args)
    if args.deck is not None and args.deck != BUILT_IN:
        return _into_new_deck(args)

    result = _read(args.file, built_in=True)
    if result is None:
        return 1
    summary = write_questions(
        result.questions, args.out, overwrite=args.overwrite, dry_run=args.dry_run
    )
    written, skipped = len(summary.written), len(summary.skipped)
    numbers = sorted(q.number for q in result.questions)
    print(
        f"parsed {len(numbers)} question(s) from {args.file}; "
        f"{'would write' if args.dry_run else 'wrote'} {written}, "
        f"skipped {skipped} existing (use --overwrite, or --deck NAME for a deck of its own); "
        f"{len(result.problems)} problem(s)"
    )
    return 1 if result.problems else 0
