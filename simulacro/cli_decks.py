"""`python -m simulacro decks [--json]` and `python -m simulacro questions --deck NAME --json`."""

from __future__ import annotations

import argparse
import json
import sys

from simulacro.decks import BUILT_IN, Deck, DeckError, list_decks, load_deck


def deck_summary(deck: Deck) -> dict:
    """Name, title, question count, sections with counts, source file: one deck, as JSON."""
    bank = deck.bank()
    return {
        "name": deck.name,
        "title": deck.title,
        "built_in": deck.built_in,
        "questions": len(bank.questions),
        "sections": bank.counts_by_section(),
        "source_file": deck.source_file,
        "imported_at": deck.imported_at,
        "answer_key": "generated" if deck.generated_key else "curated",
        "problems": len(bank.problems),
    }


def decks_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulacro decks")
    parser.add_argument("--json", action="store_true", help="machine-readable list")
    args = parser.parse_args(argv)
    decks, problems = list_decks()
    summaries = [deck_summary(deck) for deck in decks]
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if args.json:
        print(json.dumps(summaries, ensure_ascii=False, indent=2))
        return 0
    for item in summaries:
        sections = ", ".join(f"{name} ({n})" for name, n in item["sections"].items() if n)
        print(
            f"{item['name']:<12} {item['questions']:>4} question(s)  {item['title']}\n"
            f"{'':<12} source: {item['source_file']}; key: {item['answer_key']}\n"
            f"{'':<12} sections: {sections}"
        )
    return 0


def questions_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulacro questions")
    parser.add_argument("--deck", default=BUILT_IN, help=f"deck name (default: {BUILT_IN})")
    parser.add_argument("--json", action="store_true", help="every field, as JSON")
    parser.add_argument(
        "--lang",
        default=None,
        help="the text in this language (e.g. en, from questions/en/); "
        "a question without a translation keeps the original (its 'lang' says which)",
    )
    args = parser.parse_args(argv)
    try:
        deck = load_deck(args.deck)
    except DeckError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    bank = deck.bank()
    rows = []
    for q in bank.questions:
        translated = args.lang in q.translations
        text = q.localized(args.lang if translated else None)
        row = {
            "number": q.number,
            "title": text.title,
            "section": q.section,
            "project": q.project,
            "tags": list(q.tags),
            "source": q.source,
            "prompt": text.prompt,
            "answer": text.answer,
        }
        if args.lang:
            row["lang"] = args.lang if translated else "es"
            row["review_note"] = text.review_note
            row["going_further"] = text.going_further
        rows.append(row)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['number']:>4}  {row['section']:<32} {row['title']}")
    return 0
