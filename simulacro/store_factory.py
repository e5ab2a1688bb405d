"""Which progress store serves a deck for a learner.

Local mode (the default): `learner` is None and the deck's SQLite file in its own folder is
used, exactly as before. Hosted mode: every learner gets a store of their own, so no
learner's reviews, bookmarks, notes or mock history can reach another's: a SQLite folder per
learner, or, when `SIMULACRO_DATABASE_URL=postgresql://...` is set, the learner's rows in
one shared PostgreSQL database (`store_pg`, imported only then: psycopg never loads locally).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from simulacro.store import ProgressStore

if TYPE_CHECKING:
    from simulacro.store_protocol import ProgressStoreLike

LEARNERS_FOLDER = "learners"
DATABASE_URL_ENV = "SIMULACRO_DATABASE_URL"


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


def open_progress_store(progress_dir: Path, *, deck: str, learner: str | None) -> ProgressStoreLike:
    """The progress store of `deck` for `learner` (None = the local single-user store).

    `deck` names the deck in a shared database; the SQLite stores tell decks apart by folder.
    Raises StoreUnavailable when $SIMULACRO_DATABASE_URL is set but cannot be used.
    """
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    if url:
        try:
            from simulacro import store_pg
        except ImportError as exc:
            raise StoreUnavailable(
                f"{DATABASE_URL_ENV} is set but the PostgreSQL driver is not installed "
                f"({exc}): pip install -r requirements.txt"
            ) from None
        return store_pg.open_store(url, deck=deck, learner=learner)
    if learner is None:
        return ProgressStore.open(progress_dir)
    return ProgressStore.open(learner_progress_dir(progress_dir, learner))
