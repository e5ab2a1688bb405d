"""What the progress store knows about its files on disk, apart from SQL.

The store asks these questions before trusting a file: is it still the file we opened
(identity), does it start like SQLite, is its `-wal` a write-ahead log, which tables does
it hold. A bad file is renamed aside with a timestamp, never deleted.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

SQLITE_MAGIC = b"SQLite format 3\x00"
WAL_MAGICS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")  # big- and little-endian checksums
COMPANIONS = ("-wal", "-shm")
# Tables every Simulacro progress file has from schema version 1 on.
OUR_TABLES = frozenset({"cards", "reviews", "bookmarks", "mock_sessions"})

Identity = tuple[int, int]


def identity(path: Path) -> Identity | None:
    """(device, inode) of the file at `path`, None if there is none."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def header(path: Path, size: int = 16) -> bytes | None:
    """The first bytes of the file, None if it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError:
        return None


# POSIX record locks belong to a process and an inode, and closing ANY descriptor of that
# inode drops all of them, SQLite's own locks included (SQLite's "How to corrupt", 2.2).
# Once our SHARED lock on the database is gone, another process closing its last
# connection believes it is the last user: it checkpoints and DELETES the -wal and -shm we
# are still writing to, and every review we commit after that is lost. So the database
# file itself is read through one descriptor per file (inode), opened once and never
# closed, as SQLite's unix VFS does with its own descriptors. Windows locks belong to a
# handle and an open handle would block renaming the file aside: open and close there.
_HELD: dict[Identity, int] = {}
_SPARE: list[int] = []  # a second descriptor of an inode already held: closing it is unsafe
_HELD_LOCK = threading.Lock()
_KEEP_OPEN = sys.platform != "win32"


def database_header(path: Path, size: int = 16) -> bytes | None:
    """The first bytes of a database SQLite may have open in this process, None if none.

    Unlike `header`, it never closes a descriptor of the file (see _HELD above).
    """
    if not _KEEP_OPEN:
        return header(path, size)
    with _HELD_LOCK:
        known = identity(path)
        fd = _HELD.get(known) if known is not None else None
        if fd is None:
            try:
                fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
                info = os.fstat(fd)
            except OSError:
                return None
            held = _HELD.setdefault((info.st_dev, info.st_ino), fd)
            if held != fd:  # replaced between stat and open by a file we already hold
                _SPARE.append(fd)
    try:
        return os.pread(fd, size, 0)
    except OSError:
        return None


def wal_is_garbage(path: Path) -> bool:
    """A non-empty `<db>-wal` that does not start like a write-ahead log.

    SQLite silently ignores such a file (and may overwrite it), so we report it instead.
    An empty one is normal (left by a checkpoint).
    """
    start = header(path.with_name(path.name + "-wal"), 4)
    return bool(start) and start not in WAL_MAGICS


@contextmanager
def sole_user(path: Path) -> Iterator[bool]:
    """Yield True while we hold SQLite's EXCLUSIVE lock on the database at `path`.

    Every connection, in any process, holds a SHARED lock on the database while it is
    open, so holding EXCLUSIVE proves that nobody else is reading or writing its -wal: only
    then may it be moved aside. Yields False at once (no waiting) when someone else has it
    open. Never creates the file. SQLite reads the -wal (and checkpoints a valid one at
    the end), so do not use it when the -wal must not reach this database.
    """
    try:
        conn = sqlite3.connect(
            f"file:{quote(str(path))}?mode=rw", uri=True, timeout=0, isolation_level=None
        )
    except sqlite3.Error:
        yield False
        return
    try:
        try:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")  # keep the lock after BEGIN
            conn.execute("BEGIN EXCLUSIVE")
            held = True
        except sqlite3.Error:  # locked by another connection, or not a database
            held = False
        yield held
    finally:
        conn.close()


def foreign_tables(conn: sqlite3.Connection, version: int) -> list[str] | None:
    """The tables of a file that is not ours (None when it is ours or empty)."""
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    tables = sorted(name for (name,) in rows if not name.startswith("sqlite_"))
    if version == 0:
        return tables or None  # a fresh file has no table; any table belongs to someone else
    return None if OUR_TABLES <= set(tables) else tables


def aside_name(path: Path, tag: str) -> Path:
    """`<name>.<tag>-<UTC stamp>[-n]`, a name that does not exist yet."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{tag}-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{tag}-{stamp}-{counter}")
        counter += 1
    return target


def move_aside(path: Path, tag: str = "corrupt", companions: bool = True) -> Path:
    """Rename a bad file (and its -wal/-shm companions) out of the way; never delete."""
    target = aside_name(path, tag)
    try:
        path.rename(target)
    except FileNotFoundError:  # another process moved it first
        pass
    if companions:
        for suffix in COMPANIONS:
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                try:
                    # `<moved>-wal` is where SQLite looks when someone opens the moved file.
                    companion.rename(target.with_name(target.name + suffix))
                except OSError:
                    pass
    return target
