"""`python -m simulacro validate [--json]`: every content problem as file:line: message."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from simulacro.bank import QUESTIONS_DIR_ENV, configured_questions_dir, load_bank
from simulacro.model import Problem


def known_demo_ids() -> tuple[set[str] | None, list[Problem]]:
    """Ids of the registered demos; if the registry cannot load, say so and skip the check."""
    try:
        from projects.registry import all_demos

        return set(all_demos()), []
    except Exception as error:  # a broken demo module must not hide content problems
        return None, [
            Problem(
                "projects/registry.py",
                0,
                f"demo registry failed to load ({error}); demo ids not checked",
            )
        ]


def collect(
    questions_dir: Path, answers_path: Path | None, sections: tuple[str, ...] | None = None
) -> tuple[object, list[Problem]]:
    """The bank and every problem of questions/ and answers.yaml (`sections`: a deck's own)."""
    from simulacro.answer_key import load_answer_key
    from simulacro.grading import check_key_against_questions
    from simulacro.grading_lexicon import default_lexicon

    demo_ids, problems = known_demo_ids()
    bank = load_bank(questions_dir, known_demo_ids=demo_ids, sections=sections)
    problems = bank.problems + problems
    key = load_answer_key(answers_path, valid_numbers=[q.number for q in bank.questions])
    problems += key.problems
    problems += list(default_lexicon().problems)  # the grader's lexicon (simulacro/lexicon.yaml)
    problems += check_key_against_questions(key.entries, bank.questions, key.file)
    if answers_path is None:  # the built-in key has an English companion
        from simulacro.answer_key_en import load_english_key

        problems += load_english_key(key).problems
    return bank, problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulacro validate")
    parser.add_argument(
        "--questions",
        type=Path,
        default=None,
        help=f"question folder (default: ${QUESTIONS_DIR_ENV}, else questions/)",
    )
    parser.add_argument("--answers", type=Path, default=None, help="default: answers.yaml")
    parser.add_argument("--deck", default=None, help="check this deck (see `decks`)")
    parser.add_argument("--json", action="store_true", help="machine-readable summary")
    args = parser.parse_args(argv)
    if args.deck is not None:
        from simulacro.decks import DeckError, load_deck

        try:
            deck = load_deck(args.deck)
        except DeckError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        bank, problems = collect(
            args.questions or deck.questions_dir, args.answers or deck.answers_path, deck.sections
        )
    else:
        bank, problems = collect(args.questions or configured_questions_dir(), args.answers)
    if args.json:
        print(
            json.dumps(
                {
                    "questions": len(bank.questions),
                    "by_source": bank.counts_by_source(),
                    "by_section": bank.counts_by_section(),
                    "problems": [str(problem) for problem in problems],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for problem in problems:
            print(problem)
        print(
            f"{len(bank.questions)} question(s) loaded, {len(problems)} problem(s)", file=sys.stderr
        )
    return 1 if problems else 0
