"""Which progress store serves a deck for a learner.

Local mode (the default): `learner` is None and the deck's SQLite file in its own folder is
used, exactly as before. Hosted mode: every learner gets a store of their own, so no
learner's reviews, bookmarks, notes or mock history can reach another's.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from simulacro.store import ProgressStore

LEARNERS_FOLDER = "learners"


class StoreUnavailable(RuntimeError):
    """The progress store cannot be opened or written (unreachable database, wrong URL,
    a newer schema, a hosted store asked for without a learner). The message says what and
    where, for the page to show; nothing was written."""

_SAFE = re.compile(r"[^a-z0-9._-]+")


def learner_folder_name(learner: str) -> str:
    """A folder name unique to `learner`: readable prefix plus a hash (so "a/b" and "a_b",
    or names that differ only in case, never share a folder)."""
    digest = hashlib.sha256(learner.encode("utf-8")).hexdigest()[:16]
    readable = _SAFE.sub("_", learner.lower()).strip("._")[:40] or "learner"
    return f"{readable}-{digest}"


def learner_progress_dir(progress_dir: Path, learner: str) -> Path:
    """Where a learner's SQLite progress of this deck lives in hosted mode without a database."""
    return Path(progress_dir) / LEARNERS_FOLDER / learner_folder_name(learner)


def open_progress_store(progress_dir: Path, *, deck: str, learner: str | None) -> ProgressStore:
    """The progress store of `deck` for `learner` (None = the local single-user store).

    `deck` names the deck in a shared database; the SQLite stores tell decks apart by folder.
    """
    if learner is None:
        return ProgressStore.open(progress_dir)
    return ProgressStore.open(learner_progress_dir(progress_dir, learner))
