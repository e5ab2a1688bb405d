"""Shared by the exporters: what to export (deck, section) and writing it all or nothing."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from simulacro.model import Question


class ExportError(ValueError):
    """An export that cannot be made: says what and where; nothing was written."""


def pick_questions(
    questions: Sequence[Question], deck_title: str, section: str | None = None
) -> list[Question]:
    """The deck's questions (of `section` when given); ExportError when there are none."""
    if not questions:
        raise ExportError(f"the deck '{deck_title}' has no questions to export")
    if section is None:
        return list(questions)
    chosen = [q for q in questions if q.section == section]
    if not chosen:
        present = ", ".join(dict.fromkeys(q.section for q in questions))
        raise ExportError(
            f"the section '{section}' has no questions in the deck '{deck_title}' "
            f"(sections: {present})"
        )
    return chosen


def write_atomically(path: Path | str, data: bytes) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, renamed into
    place: a reader never sees half a file, and a failed write leaves the old one."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ExportError(f"cannot write {target}: it is a folder")
    if not folder.is_dir():
        raise ExportError(f"cannot write {target}: the folder {folder} does not exist")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; an export is a normal file
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise ExportError(f"cannot write {target}: {error.strerror or error}") from None
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
    return target
