"""`python -m simulacro export FILE` and `python -m simulacro import FILE.json` (progress).

Both act on the store in $SIMULACRO_DATA_DIR (or the per-user default, or --data-dir).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulacro.progress_io import (
    MAX_IMPORT_BYTES,
    ProgressImportError,
    export_json,
    import_progress,
)
from simulacro.safe_file import UnreadableFile, read_capped
from simulacro.store import ProgressStore


def _store(data_dir: str | None) -> ProgressStore:
    store = ProgressStore.open(data_dir)
    if store.warning:
        print(f"warning: {store.warning}", file=sys.stderr)
    return store


def export_main(argv: list[str]) -> int:
    """Write all progress to FILE as JSON ('-' = standard output)."""
    parser = argparse.ArgumentParser(
        prog="python -m simulacro export", description="Export progress to JSON."
    )
    parser.add_argument("file", help="where to write the JSON ('-' for standard output)")
    parser.add_argument("--data-dir", help="progress folder (default: $SIMULACRO_DATA_DIR)")
    args = parser.parse_args(argv)
    store = _store(args.data_dir)
    text = export_json(store)
    if args.file == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.file)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"error: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"exported {store.review_count()} review(s) from {store.location} to {target}")
    return 0


def import_main(argv: list[str]) -> int:
    """Replace all progress with the content of FILE.json, after validating all of it."""
    parser = argparse.ArgumentParser(
        prog="python -m simulacro import",
        description="Import progress from a JSON export (replaces the current progress; "
        "nothing changes if the file has any problem).",
    )
    parser.add_argument("file", help="a JSON file written by `python -m simulacro export`")
    parser.add_argument("--data-dir", help="progress folder (default: $SIMULACRO_DATA_DIR)")
    args = parser.parse_args(argv)
    source = Path(args.file)
    try:
        raw = read_capped(source, MAX_IMPORT_BYTES)
    except UnreadableFile as exc:
        print(f"error: cannot read {source}: {exc.reason}", file=sys.stderr)
        return 1
    store = _store(args.data_dir)
    try:
        summary = import_progress(store, raw)
    except ProgressImportError as exc:
        print(f"error: {source}: {exc}", file=sys.stderr)
        return 1
    print(f"imported {summary} from {source} into {store.location}")
    return 0


# `python -m simulacro import-progress FILE` resolves to this name.
import_progress_main = import_main


def main(argv: list[str]) -> int:
    """Dispatch when called as `simulacro.progress_cli` directly: export|import FILE."""
    if argv and argv[0] == "export":
        return export_main(argv[1:])
    if argv and argv[0] == "import":
        return import_main(argv[1:])
    print("usage: python -m simulacro.progress_cli export|import FILE", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
