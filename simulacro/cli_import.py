"""`python -m simulacro import FILE`: a Simulacro document -> question files.

A `.json` file is a progress export instead, and goes to the progress importer.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from simulacro.bank import DEFAULT_QUESTIONS_DIR, QUESTION_GLOB
from simulacro.importer import ImportError_, import_file
from simulacro.model import Question
from simulacro.qformat import file_name, parse_question_file, render_question_file


def _existing_files(out_dir: Path) -> dict[int, Path]:
    existing: dict[int, Path] = {}
    for path in out_dir.glob(QUESTION_GLOB):
        prefix = path.name.split("-", 1)[0]
        if prefix.isdigit():
            existing[int(prefix)] = path
    return existing


def _keep_metadata(question: Question, path: Path) -> Question:
    """Re-importing keeps the curated metadata (tags, difficulty, demos, project)."""
    parsed = parse_question_file(path.read_text(encoding="utf-8"))
    old = parsed.question
    if old is None:
        return question
    return replace(
        question, tags=old.tags, difficulty=old.difficulty, demos=old.demos, project=old.project
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulacro import")
    parser.add_argument("file", type=Path, help="the document (.txt or .md), or a progress .json")
    parser.add_argument("--out", type=Path, default=DEFAULT_QUESTIONS_DIR)
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

    try:
        result = import_file(args.file)
    except ImportError_ as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for problem in result.problems:
        print(problem, file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    existing = _existing_files(args.out)
    written = skipped = 0
    for question in result.questions:
        old_path = existing.get(question.number)
        if old_path and not args.overwrite:
            skipped += 1
            continue
        if old_path:
            question = _keep_metadata(question, old_path)
        if not args.dry_run:
            if old_path:
                old_path.unlink()
            (args.out / file_name(question)).write_text(
                render_question_file(question), encoding="utf-8"
            )
        written += 1
    numbers = sorted(q.number for q in result.questions)
    print(
        f"parsed {len(numbers)} question(s) from {args.file}; "
        f"{'would write' if args.dry_run else 'wrote'} {written}, "
        f"skipped {skipped} existing (use --overwrite); {len(result.problems)} problem(s)"
    )
    return 1 if result.problems else 0
