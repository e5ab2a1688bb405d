"""`python -m simulacro export FILE` and `python -m simulacro import FILE.json` (progress).

Both act on the store in $SIMULACRO_DATA_DIR (or the per-user default, or --data-dir);
with `--learner EMAIL`, on that learner's own store of a hosted deployment (the export then
names the learner, and an import refuses a file that names another one).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulacro.decks import BUILT_IN
from simulacro.hosting import LearnerIdError, normalise_learner
from simulacro.progress_io import (
    MAX_IMPORT_BYTES,
    ProgressImportError,
    export_json,
    import_progress,
)
from simulacro.safe_file import UnreadableFile, read_capped
from simulacro.store import ProgressStore, resolve_data_dir
from simulacro.store_factory import StoreUnavailable, open_progress_store

LEARNER_HELP = "a hosted deployment's learner (e-mail): act on their own progress only"


class _Refused(Exception):
    """The store or the learner cannot be used; the message says why."""


def _learner(raw: str | None) -> str | None:
    if raw is None:
        return None
    try:
        return normalise_learner(raw, where="--learner")
    except LearnerIdError as exc:
        raise _Refused(str(exc)) from exc


def _store(data_dir: str | None, learner: str | None = None) -> ProgressStore:
    try:
        if learner is None:
            store = ProgressStore.open(data_dir)
        else:
            folder = resolve_data_dir(data_dir)
            store = open_progress_store(folder, deck=BUILT_IN, learner=learner)
    except StoreUnavailable as exc:
        raise _Refused(str(exc)) from exc
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
    parser.add_argument("--learner", help=LEARNER_HELP)
    args = parser.parse_args(argv)
    try:
        learner = _learner(args.learner)
        store = _store(args.data_dir, learner)
    except _Refused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    text = export_json(store, learner=learner)
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
    parser.add_argument("--learner", help=LEARNER_HELP)
    args = parser.parse_args(argv)
    try:
        learner = _learner(args.learner)
    except _Refused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    source = Path(args.file)
    try:
        raw = read_capped(source, MAX_IMPORT_BYTES)
    except UnreadableFile as exc:
        print(f"error: cannot read {source}: {exc.reason}", file=sys.stderr)
        return 1
    try:
        store = _store(args.data_dir, learner)
        summary = import_progress(store, raw, learner=learner)
    except ProgressImportError as exc:
        print(f"error: {source}: {exc}", file=sys.stderr)
        return 1
    except (_Refused, StoreUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
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
