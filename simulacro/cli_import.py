"""`python -m simulacro import FILE`: a Simulacro document -> question files.

A `.json` file is a progress export instead, and goes to the progress importer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulacro.bank import DEFAULT_QUESTIONS_DIR
from simulacro.importer import ImportError_, import_file, write_questions


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
    summary = write_questions(
        result.questions, args.out, overwrite=args.overwrite, dry_run=args.dry_run
    )
    written, skipped = len(summary.written), len(summary.skipped)
    numbers = sorted(q.number for q in result.questions)
    print(
        f"parsed {len(numbers)} question(s) from {args.file}; "
        f"{'would write' if args.dry_run else 'wrote'} {written}, "
        f"skipped {skipped} existing (use --overwrite); {len(result.problems)} problem(s)"
    )
    return 1 if result.problems else 0
