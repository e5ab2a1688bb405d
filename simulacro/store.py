"""The local progress store: SQLite in a per-user data folder, safe for concurrent writers.

What it keeps: the FSRS card of each question, every review, bookmarks, personal notes and
mock-interview sessions. Design choices, and why:

- A new connection per operation (no connection shared between threads): Streamlit runs
  every browser tab in its own thread, and two app processes may share the folder.
- WAL mode + `busy_timeout` + `BEGIN IMMEDIATE` for every write: readers never block the
  writer, writers queue instead of failing, and a write transaction never has to upgrade a
  read lock (the classic source of SQLITE_BUSY in WAL). If the lock is still busy after
  the timeout we retry with a back-off, so "database is locked" never reaches the user.
- A corrupted or foreign file is renamed `<name>.corrupt-<UTC timestamp>` (never deleted)
  and a fresh store is started; an unusable folder (read-only, not a directory) falls back
  to an in-memory store. In both cases `store.warning` says what happened.
- The world can change while the app runs, so every write transaction checks that the file
  at the path is still the one we opened (device + inode), `verify()` lets a page check
  before it starts, and a "not a database"/"malformed" error on any operation recovers
  instead of propagating: what is still readable through our open connection is kept,
  the bad file is moved aside, the file is recreated, and `warning` says so.
- A file is created complete (built under a temporary name, then linked into place), so
  a 0-byte progress file is never ours in the making: it is reported.
- Another live process must never lose a review to our checks: the database file is read
  only through descriptors never closed (closing any one drops the process's POSIX locks,
  SQLite's included), and a -wal is moved aside as garbage only under SQLite's EXCLUSIVE
  lock (see store_files).
"""

from __future__ import annotations

import json
import math
import os
import queue
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from fsrs import Card

from simulacro import scheduling, store_files
from simulacro.model import MAX_QUESTION_NUMBER
from simulacro.scheduling import utc
from simulacro.store_schema import RATINGS, SCHEMA_VERSION, migrate

ENV_VAR = "SIMULACRO_DATA_DIR"
DB_NAME = "progress.sqlite3"
BUSY_TIMEOUT_MS = 5_000
LOCK_RETRY_S = 30.0  # total time we keep retrying a locked database before giving up
MAX_IDLE_CONNECTIONS = 4  # pooled per store; a Streamlit server runs a few sessions at once
SQLITE_MAGIC = store_files.SQLITE_MAGIC
MAX_RECOVERIES_PER_CALL = 2  # a file that keeps breaking ends in an error, not a loop

T = TypeVar("T")


# --------------------------------------------------------------------------- locations
def default_data_dir() -> Path:
    """The per-user data folder, following each platform's convention."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "simulacro"


def resolve_data_dir(data_dir: Path | str | None = None) -> Path:
    """`data_dir` if given, else $SIMULACRO_DATA_DIR, else the per-user default."""
    if data_dir is not None:
        return Path(data_dir).expanduser()
    env = os.environ.get(ENV_VAR, "").strip()
    return Path(env).expanduser() if env else default_data_dir()


# --------------------------------------------------------------------------- helpers
def iso(when: datetime) -> str:
    """Fixed-width ISO 8601 UTC text, so string order is time order in SQL."""
    return utc(when).isoformat(timespec="microseconds")


def _is_lock_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _is_corruption(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and any(
        word in text for word in ("not a database", "malformed", "corrupt", "encrypted")
    )


def check_number(number: object, where: str = "number") -> int:
    if isinstance(number, bool) or not isinstance(number, int):
        raise ValueError(f"{where}: {number!r} is not a question number")
    if not 1 <= number <= MAX_QUESTION_NUMBER:  # the bank of each deck says which exist
        raise ValueError(f"{where}: {number} is outside 1-{MAX_QUESTION_NUMBER}")
    return number


def check_rating(rating: object, where: str = "rating") -> str:
    value = rating.strip().lower() if isinstance(rating, str) else rating
    if value not in RATINGS:
        raise ValueError(f"{where}: {rating!r} is not one of {'/'.join(RATINGS)}")
    return value  # type: ignore[return-value]


class _Corrupt(Exception):
    """The file at the database path is not a usable SQLite database.

    `str()` is a phrase that completes "The progress file X ...".
    """


class _Newer(Exception):
    """The file was written by a newer Simulacro; we must not touch it."""

    def __init__(self, found: int) -> None:
        self.found = found
        super().__init__(found)


class _Moved(Exception):
    """The file at the path is no longer the one this store opened (deleted or replaced)."""


class _Damaged(Exception):
    """The file we opened no longer starts like an SQLite database."""


@dataclass(frozen=True)
class Review:
    id: int
    number: int
    rating: str
    duration_s: float
    typed_answer: str
    covered: tuple[str, ...]
    reviewed_at: datetime
    # The learner's corrections of the grader (key-point label -> covered), if any.
    overrides: Mapping[str, bool] = field(default_factory=dict)

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Review:
        """A review from the columns both stores select: id, number, rating, duration_s,
        typed_answer, covered (JSON), reviewed_at (ISO), overrides (JSON)."""
        return cls(
            int(row[0]),
            int(row[1]),
            row[2],
            float(row[3]),
            row[4],
            tuple(json.loads(row[5])),
            datetime.fromisoformat(row[6]),
            json.loads(row[7]),
        )


# --------------------------------------------------------------------------- the store
class ProgressStore:
    """Progress of one learner. Open it with `ProgressStore.open()`."""

    def __init__(self, path: Path | None, warning: str | None = None) -> None:
        self.path = path  # None for the in-memory fallback
        self.warning = warning
        self._memory: sqlite3.Connection | None = None
        self._keeper: sqlite3.Connection | None = None
        self._lock = threading.RLock()  # serialises access to the in-memory connection
        self._idle: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        self._identity: store_files.Identity | None = None  # of the file we opened
        self._companions: dict[str, store_files.Identity | None] = {}
        self._recovery = threading.Lock()
        self._recovering = False
        self._notes: list[str] = []  # findings of _initialise that do not stop it
        if path is None:
            self._memory = sqlite3.connect(
                ":memory:", isolation_level=None, check_same_thread=False
            )

    # ---- opening ----------------------------------------------------------------------
    @classmethod
    def open(cls, data_dir: Path | str | None = None) -> ProgressStore:
        """Open (creating if needed) the store in `data_dir` / $SIMULACRO_DATA_DIR / default.

        Never raises for a bad location or a bad file: it falls back and sets `warning`.
        """
        directory = resolve_data_dir(data_dir)
        path = directory / DB_NAME
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return cls._fallback(
                f"Cannot use the progress folder {directory} ({exc.strerror or exc}). "
                "Progress is kept in memory only and will be lost when the app stops; "
                f"set {ENV_VAR} to a writable folder."
            )
        store = cls(path)
        try:
            store._initialise()
            return store
        except _Corrupt as exc:
            moved = _move_aside(path)
            warning = (
                f"The progress file {path} {exc}. It was moved to "
                f"{moved} (nothing was deleted) and a fresh progress file was started."
            )
        except _Newer as exc:  # leave the file exactly as it is
            return cls._fallback(_newer_message(path, exc.found))
        except ValueError as exc:  # a newer schema found by migrate (a race): same
            return cls._fallback(f"{exc}. Progress is kept in memory only for now.")
        except (sqlite3.Error, OSError) as exc:
            return cls._fallback(
                f"Cannot write the progress file {path} ({exc}). Progress is kept in memory "
                "only and will be lost when the app stops; "
                f"set {ENV_VAR} to a writable folder.",
                path,
            )
        store = cls(path, warning)
        try:
            store._initialise()
        except (_Corrupt, _Newer, sqlite3.Error, OSError, ValueError) as exc:
            return cls._fallback(f"{warning} Starting it failed too ({exc}); using memory.")
        return store

    @classmethod
    def in_memory(cls, warning: str | None = None) -> ProgressStore:
        store = cls(None, warning)
        store._initialise()
        return store

    @classmethod
    def _fallback(cls, warning: str, existing: Path | None = None) -> ProgressStore:
        """In-memory store, preloaded with a readable existing file if there is one."""
        store = cls(None, warning)
        if existing is not None and existing.is_file():
            try:
                uri = f"file:{quote(str(existing))}?immutable=1"
                source = sqlite3.connect(uri, uri=True)
                try:
                    source.backup(store._memory)  # type: ignore[arg-type]
                finally:
                    source.close()
                store.warning = f"{warning} Your saved progress was loaded read-only."
            except sqlite3.Error:
                pass
        try:
            store._initialise()
        except (ValueError, sqlite3.Error):
            store = cls(None, warning)
            store._initialise()
        return store

    def _initialise(self) -> None:
        """Check the file, switch to WAL, and migrate the schema to the current version."""
        if self.path is not None:
            self._inspect_file()
        deadline = time.monotonic() + LOCK_RETRY_S
        while True:
            try:
                self._check()
                break
            except sqlite3.DatabaseError as exc:
                if _is_corruption(exc):
                    raise _Corrupt(f"could not be read ({exc})") from exc
                # Another process is creating or migrating the same file: wait for it.
                if not _is_lock_error(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self._write(migrate)
        if self.path is not None:
            # An idle connection kept open for the store's lifetime: without it, every
            # per-operation connection is the last one to close, which checkpoints the WAL
            # and fsyncs the database on every single write. It never holds a lock.
            self._keeper = sqlite3.connect(str(self.path), check_same_thread=False)
            self._keeper.execute("SELECT count(*) FROM sqlite_master").fetchall()
            self._identity = store_files.identity(self.path)
            # Stable while the keeper is open (SQLite removes them at the last close only),
            # so after a replacement we can tell our old -wal/-shm from the new file's.
            self._companions = {
                suffix: store_files.identity(self.path.with_name(self.path.name + suffix))
                for suffix in store_files.COMPANIONS
            }
        if self._notes:
            self.warning = " ".join(filter(None, [self.warning, *self._notes]))
            self._notes = []

    def _inspect_file(self) -> None:
        """Before SQLite touches the file: create it whole, or check what is there."""
        path = self.path
        assert path is not None
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            self._clear_orphans(path)
            self._create(path)
            return
        if size == 0:
            self._notes.append(
                f"The progress file {path} was empty (0 bytes: whatever was in it was lost "
                "before this app opened it); a fresh progress file was started. If you "
                "have an export, import it on the Progress page."
            )
        elif store_files.database_header(path) != SQLITE_MAGIC:
            raise _Corrupt("is not an SQLite database (its first bytes are not SQLite's)")
        if store_files.wal_is_garbage(path):
            self._move_garbage_wal(path, size)

    def _move_garbage_wal(self, path: Path, size: int) -> None:
        """Move aside a -wal that does not start like one, if nobody else is using it.

        We read its first bytes while another process may be writing it; only SQLite's
        EXCLUSIVE lock proves it is not a live log (moving a live one loses every review
        in it and every later one). An empty database is the exception: SQLite deletes the
        -wal of an empty database as it opens it, so no connection can be using one.
        """
        with store_files.sole_user(path) if size else nullcontext(True) as alone:
            if not alone or not store_files.wal_is_garbage(path):
                return  # in use (SQLite reads a bad header as an empty log) or fixed since
            wal = path.with_name(path.name + "-wal")
            moved = store_files.move_aside(wal, "garbage", companions=False)
        self._notes.append(
            f"{wal} was not an SQLite write-ahead log (its first bytes are wrong), so "
            f"it held no progress SQLite could read; it was moved to {moved}. The "
            "progress file itself was used as it is."
        )

    def _clear_orphans(self, path: Path) -> None:
        """Move aside a -wal/-shm whose database is gone: SQLite must not replay it into
        the new file (it belonged to another one)."""
        for suffix in store_files.COMPANIONS:
            companion = path.with_name(path.name + suffix)
            if companion.exists() and not path.exists():
                moved = store_files.move_aside(companion, "orphan", companions=False)
                if suffix == "-wal":
                    self._notes.append(
                        f"{companion} was left by a progress file that is gone; it was moved "
                        f"to {moved} (nothing was deleted)."
                    )

    def _create(self, path: Path, source: sqlite3.Connection | None = None) -> None:
        """A complete progress file at `path` (a copy of `source`, else empty and migrated).

        Built under a temporary name and linked into place, so no other process ever sees
        it half made; if another process created the file first, theirs is kept.
        """
        temporary = path.with_name(f"{path.name}.new-{os.getpid()}-{threading.get_ident()}")
        try:
            conn = sqlite3.connect(str(temporary), isolation_level=None)
            try:
                if source is not None:
                    source.backup(conn)
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("BEGIN IMMEDIATE")
                migrate(conn)
                conn.execute("COMMIT")
            finally:
                conn.close()  # the last connection: checkpoints and removes its -wal
            try:
                os.link(temporary, path)
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links: no other writer to race
                if not path.exists():
                    os.replace(temporary, path)
        finally:
            for leftover in (temporary, *(Path(f"{temporary}{s}") for s in ("-wal", "-shm"))):
                try:
                    leftover.unlink()
                except FileNotFoundError:
                    pass

    def _check(self) -> None:
        with self._connection() as conn:
            if self.path is not None:
                # Read-only questions first: a newer or foreign file must stay untouched.
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                if version > SCHEMA_VERSION:
                    raise _Newer(version)
                tables = store_files.foreign_tables(conn, version)
                if tables is not None:
                    raise _Corrupt(
                        "is an SQLite database of another program, not a Simulacro progress "
                        f"file (its tables: {', '.join(tables) or 'none'}"
                        f"{'' if version == 0 else f'; schema version {version}'})"
                    )
                conn.execute("PRAGMA journal_mode = WAL")  # persistent: set once per file
            check = conn.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise _Corrupt(
                    f"is damaged (SQLite's integrity check says: {check[0] if check else '?'})"
                )

    def close(self) -> None:
        """Release the idle connection (checkpoints the WAL). The store stays usable."""
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                break
        keeper, self._keeper = self._keeper, None
        if keeper is not None:
            keeper.close()

    # ---- connections and transactions --------------------------------------------------
    @property
    def in_memory_only(self) -> bool:
        return self.path is None

    @property
    def location(self) -> str:
        return str(self.path) if self.path is not None else "memory (not saved)"

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        if self._memory is not None:
            with self._lock:
                yield self._memory
            return
        # Connections are pooled: opening one (and its pragmas) costs more than most of our
        # queries. A connection serves one thread at a time; a failed one is not reused.
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = sqlite3.connect(
                str(self.path),
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,  # we issue BEGIN/COMMIT ourselves
                check_same_thread=False,
            )
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA synchronous = NORMAL")  # durable in WAL; fsync at checkpoint
        try:
            yield conn
        except (_Moved, _Damaged):
            self._idle.put(conn)  # sound, and its page cache may be all that is left
            raise
        except BaseException:
            conn.close()
            raise
        if conn.in_transaction or self._idle.qsize() >= MAX_IDLE_CONNECTIONS:
            conn.close()
        else:
            self._idle.put(conn)

    def _run(self, work: Callable[[sqlite3.Connection], T], begin: str) -> T:
        """Run `work` in one transaction, retrying while another writer holds the lock.

        A write first checks (holding the write lock) that the file is still ours; a
        deleted, replaced or damaged file is recovered and the work runs again on it.
        """
        deadline = time.monotonic() + LOCK_RETRY_S
        delay = 0.01
        recoveries = 0
        while True:
            try:
                with self._connection() as conn:
                    conn.execute(begin)
                    try:
                        if begin == "BEGIN IMMEDIATE" and self.path is not None:
                            self._check_file()
                        result = work(conn)
                        conn.execute("COMMIT")
                    except BaseException:
                        if conn.in_transaction:
                            try:
                                conn.execute("ROLLBACK")
                            except sqlite3.Error:
                                pass  # a damaged file may refuse even that; conn is dropped
                        raise
                    return result
            except _Moved as exc:
                recoveries = self._count_recovery(recoveries, exc)
                self._recover(str(exc), damaged=False)
            except _Damaged as exc:
                recoveries = self._count_recovery(recoveries, exc)
                self._recover(str(exc), damaged=True)
            except sqlite3.DatabaseError as exc:
                if _is_corruption(exc) and self.path is not None and not self._recovering:
                    recoveries = self._count_recovery(recoveries, exc)
                    self._recover(f"was damaged while the app was running ({exc})", damaged=True)
                    continue
                if not _is_lock_error(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

    @staticmethod
    def _count_recovery(done: int, cause: Exception) -> int:
        if done >= MAX_RECOVERIES_PER_CALL:
            raise sqlite3.DatabaseError(f"the progress file keeps breaking ({cause})")
        return done + 1

    def _check_file(self) -> None:
        """Raise _Moved when the file at the path is not the one we opened, _Damaged when
        it no longer starts like SQLite (SQLite itself may not notice while the pages it
        needs are in the WAL, and would then checkpoint into garbage)."""
        if self._identity is None or self._recovering:
            return
        current = store_files.identity(self.path)  # type: ignore[arg-type]
        if current is None:
            raise _Moved("was deleted while the app was running")
        if current != self._identity:
            raise _Moved("was replaced by another file while the app was running")
        if store_files.database_header(self.path) not in (SQLITE_MAGIC, None):  # type: ignore[arg-type]
            raise _Damaged(
                "was damaged while the app was running (it no longer starts like an SQLite "
                "database)"
            )

    def verify(self) -> None:
        """A cheap check for a page to run first: file still ours, still starts like SQLite.

        Recovers (and sets `warning`) as a failed operation would, so the page's warning
        is already up to date when it draws it. Never raises for a bad file.
        """
        if self.path is None or self._recovering:
            return
        try:
            self._check_file()
        except _Moved as exc:
            self._recover(str(exc), damaged=False)
        except _Damaged as exc:
            self._recover(str(exc), damaged=True)

    # ---- recovery ----------------------------------------------------------------------
    def _snapshot(self) -> sqlite3.Connection | None:
        """An in-memory copy of what our open connections can still read, or None.

        Pooled connections first: their page cache may hold pages the file lost (a header
        overwritten while every change was still in the WAL), then the keeper, then a new
        connection. A whole-page copy if one passes the integrity check, else row by row.
        """
        sources: list[sqlite3.Connection] = []
        while True:
            try:
                sources.append(self._idle.get_nowait())
            except queue.Empty:
                break
        for conn in sources:
            self._idle.put(conn)  # close() closes them after the recovery
        if self._keeper is not None:
            sources.append(self._keeper)
        elif self.path is not None and self.path.exists():
            try:  # closed since: a new connection sees the same (damaged) file
                self._keeper = sqlite3.connect(str(self.path), check_same_thread=False)
                sources.append(self._keeper)
            except sqlite3.Error:
                pass
        for source in sources:
            copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            try:
                source.backup(copy)
                check = copy.execute("PRAGMA quick_check").fetchone()
                if check is None or check[0] != "ok":
                    raise sqlite3.DatabaseError(str(check))
                copy.execute("SELECT count(*) FROM reviews").fetchone()
                return copy
            except sqlite3.Error:
                copy.close()
        for source in sources:
            salvaged = self._salvage(source)
            if salvaged is not None:
                return salvaged
        return None

    @staticmethod
    def _salvage(source: sqlite3.Connection) -> sqlite3.Connection | None:
        """Row by row, what can still be read of a damaged file (a page-level copy failed)."""
        copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        copy.execute("BEGIN")
        migrate(copy)
        ours = {name for (name,) in copy.execute("SELECT name FROM sqlite_master")}
        rows = 0
        for table in sorted(ours - {"sqlite_sequence"}):
            try:
                cursor = source.execute(f"SELECT * FROM {table}")  # noqa: S608 - our names
                names = ", ".join(d[0] for d in cursor.description)
                marks = ", ".join("?" * len(cursor.description))
                for row in cursor:  # stops at the first unreadable page of the table
                    copy.execute(f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({marks})", row)
                    rows += 1
            except sqlite3.Error:
                continue
        copy.execute("COMMIT")
        if not rows:
            copy.close()
            return None
        return copy

    def _recover(self, what: str, damaged: bool) -> None:
        """Make the path hold a usable progress file again, keeping what can be kept."""
        with self._recovery:
            if not damaged and store_files.identity(self.path) == self._identity:  # type: ignore[arg-type]
                return  # another thread recovered while we waited
            self._recovering = True
            try:
                self.warning = self._recover_file(what, damaged)
            finally:
                self._recovering = False

    def _recover_file(self, what: str, damaged: bool) -> str:
        path = self.path
        assert path is not None
        snapshot = self._snapshot()
        kept = _review_count(snapshot)
        self.close()  # our connections still point at the old file
        message = [f"The progress file {path} {what}."]
        if damaged or not path.exists():
            if damaged and path.exists():
                moved = _move_aside(path)
                message.append(f"It was moved to {moved} (nothing was deleted).")
            return " ".join([*message, self._restart(path, snapshot, kept)])
        # Replaced: the new file is what someone put there on purpose; use it if we can,
        # but not with our old -wal, which SQLite would replay into it.
        for suffix, known in self._companions.items():
            companion = path.with_name(path.name + suffix)
            if known is not None and store_files.identity(companion) == known:
                store_files.move_aside(companion, "orphan", companions=False)
        try:
            self._initialise()
        except _Corrupt as exc:
            moved = _move_aside(path)
            message.append(f"The new file {exc}; it was moved to {moved}.")
            return " ".join([*message, self._restart(path, snapshot, kept)])
        except (_Newer, ValueError, sqlite3.Error, OSError) as exc:
            message.append(f"The new file cannot be used ({exc}).")
            return " ".join([*message, self._to_memory(snapshot)])
        message.append("The app now uses the new file.")
        if snapshot is not None and kept:
            side = store_files.aside_name(path, "before-replace")
            self._save_copy(snapshot, side)
            message.append(f"What it had before ({kept} review(s)) was saved to {side}.")
        return " ".join(message)

    def _restart(self, path: Path, snapshot: sqlite3.Connection | None, kept: int) -> str:
        """Recreate the file at `path`, from the snapshot if there is one."""
        try:
            self._clear_orphans(path)
            self._notes = []  # what we say below covers the old companions
            self._create(path, snapshot)
            self._initialise()
        except (_Corrupt, _Newer, ValueError, sqlite3.Error, OSError) as exc:
            return f"Recreating it failed ({exc}). {self._to_memory(snapshot)}"
        if snapshot is None:
            return (
                "Nothing in it could be read any more, so a fresh progress file was started; "
                "if you have an export, import it on the Progress page."
            )
        return (
            f"The progress still readable in the running app ({kept} review(s), with the "
            f"cards, bookmarks, notes and mock interviews) was written to a new {path.name}."
        )

    def _to_memory(self, snapshot: sqlite3.Connection | None) -> str:
        """Last resort: keep going in memory, with the snapshot if there is one."""
        self.close()
        self.path = None
        self._identity = None
        self._memory = snapshot or sqlite3.connect(
            ":memory:", isolation_level=None, check_same_thread=False
        )
        self._write(migrate)
        return (
            "Progress is kept in memory only and will be lost when the app stops; "
            f"set {ENV_VAR} to a writable folder."
        )

    @staticmethod
    def _save_copy(snapshot: sqlite3.Connection, target: Path) -> None:
        try:
            conn = sqlite3.connect(str(target))
            try:
                snapshot.backup(conn)
            finally:
                conn.close()
        except sqlite3.Error:
            pass
        finally:
            snapshot.close()

    def _write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        return self._run(work, "BEGIN IMMEDIATE")

    def _read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        return self._run(work, "BEGIN")  # one consistent snapshot for multi-query reads

    def schema_version(self) -> int:
        return self._read(lambda c: int(c.execute("PRAGMA user_version").fetchone()[0]))

    # ---- reviews and cards -------------------------------------------------------------
    def record_review(
        self,
        number: int,
        rating: str,
        duration_s: float,
        typed_answer: str = "",
        covered: Iterable[str] = (),
        when: datetime | None = None,
        overrides: Mapping[str, bool] | None = None,
    ) -> Review:
        """Store one review and update the question's FSRS card, in one transaction.

        `overrides`: the learner's corrections of the grader (key-point label -> covered).
        """
        review = _new_review(number, rating, duration_s, typed_answer, covered, when, overrides)
        review_id = self._write(lambda conn: _insert_review(conn, review))
        return Review(review_id, *review[1:])

    def cards(self) -> dict[int, Card]:
        """The FSRS card of every question reviewed at least once."""
        rows = self._read(lambda c: c.execute("SELECT number, card_json FROM cards").fetchall())
        return {int(number): Card.from_json(text) for number, text in rows}

    def card(self, number: int) -> Card | None:
        rows = self._read(
            lambda c: c.execute(
                "SELECT card_json FROM cards WHERE number = ?", (number,)
            ).fetchall()
        )
        return Card.from_json(rows[0][0]) if rows else None

    def reviews(self, number: int | None = None, since: datetime | None = None) -> list[Review]:
        """Reviews oldest first, optionally of one question and/or since a moment."""
        sql = (
            "SELECT id, number, rating, duration_s, typed_answer, covered_json, reviewed_at,"
            " overrides_json FROM reviews WHERE 1 = 1"
        )
        params: list[Any] = []
        if number is not None:
            sql += " AND number = ?"
            params.append(number)
        if since is not None:
            sql += " AND reviewed_at >= ?"
            params.append(iso(since))
        sql += " ORDER BY reviewed_at, id"
        rows = self._read(lambda c: c.execute(sql, params).fetchall())
        return [Review.from_row(r) for r in rows]

    def review_count(self) -> int:
        return self._read(lambda c: int(c.execute("SELECT count(*) FROM reviews").fetchone()[0]))

    def reviews_per_day(self) -> dict[str, int]:
        """{'YYYY-MM-DD' (UTC): number of reviews}, oldest day first."""
        rows = self._read(
            lambda c: c.execute(
                "SELECT substr(reviewed_at, 1, 10) AS day, count(*) FROM reviews"
                " GROUP BY day ORDER BY day"
            ).fetchall()
        )
        return {day: int(n) for day, n in rows}

    def new_on(self, day: date) -> int:
        """How many questions were reviewed for the first time on `day` (UTC)."""
        rows = self._read(
            lambda c: c.execute(
                "SELECT count(*) FROM (SELECT min(reviewed_at) AS first FROM reviews"
                " GROUP BY number) WHERE substr(first, 1, 10) = ?",
                (day.isoformat(),),
            ).fetchone()
        )
        return int(rows[0])

    def rating_counts(self) -> dict[str, int]:
        rows = self._read(
            lambda c: c.execute("SELECT rating, count(*) FROM reviews GROUP BY rating").fetchall()
        )
        counts = dict.fromkeys(RATINGS, 0)
        counts.update({rating: int(n) for rating, n in rows})
        return counts

    def lapses(self) -> dict[int, int]:
        """{question number: how many times it was rated Again}."""
        rows = self._read(
            lambda c: c.execute(
                "SELECT number, count(*) FROM reviews WHERE rating = 'again' GROUP BY number"
            ).fetchall()
        )
        return {int(number): int(n) for number, n in rows}

    # ---- bookmarks and notes -----------------------------------------------------------
    def bookmarks(self) -> list[int]:
        rows = self._read(
            lambda c: c.execute("SELECT number FROM bookmarks ORDER BY number").fetchall()
        )
        return [int(r[0]) for r in rows]

    def is_bookmarked(self, number: int) -> bool:
        rows = self._read(
            lambda c: c.execute("SELECT 1 FROM bookmarks WHERE number = ?", (number,)).fetchall()
        )
        return bool(rows)

    def set_bookmark(self, number: int, on: bool) -> None:
        number = check_number(number)
        if on:
            sql, params = (
                "INSERT OR IGNORE INTO bookmarks (number, created_at) VALUES (?, ?)",
                (number, iso(utc())),
            )
        else:
            sql, params = "DELETE FROM bookmarks WHERE number = ?", (number,)
        self._write(lambda c: c.execute(sql, params))

    def notes(self) -> dict[int, str]:
        rows = self._read(
            lambda c: c.execute("SELECT number, text FROM notes ORDER BY number").fetchall()
        )
        return {int(number): text for number, text in rows}

    def note(self, number: int) -> str:
        rows = self._read(
            lambda c: c.execute("SELECT text FROM notes WHERE number = ?", (number,)).fetchall()
        )
        return rows[0][0] if rows else ""

    def set_note(self, number: int, text: str) -> None:
        """Save the personal note of a question; blank text deletes it."""
        number = check_number(number)
        if text.strip():
            sql, params = (
                "INSERT INTO notes (number, text, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT(number) DO UPDATE SET text = excluded.text,"
                " updated_at = excluded.updated_at",
                (number, text, iso(utc())),
            )
        else:
            sql, params = "DELETE FROM notes WHERE number = ?", (number,)
        self._write(lambda c: c.execute(sql, params))

    # ---- mock interviews ---------------------------------------------------------------
    def save_mock_session(self, report: dict, reviews: Iterable[dict] = ()) -> int:
        """Store a mock-interview report (any JSON-serialisable dict); returns its id.

        `reviews` (optional): dicts of `record_review` keyword arguments, saved in the same
        transaction as the report, so a report is never stored without its reviews.
        """
        if not isinstance(report, dict):
            raise ValueError("report: a mock-interview report must be a dict")
        text = json.dumps(report, ensure_ascii=False, default=str)
        now = iso(utc())
        checked = [_new_review(**review) for review in reviews]  # validate before writing

        def work(conn: sqlite3.Connection) -> int:
            cursor = conn.execute(
                "INSERT INTO mock_sessions (saved_at, report_json) VALUES (?, ?)", (now, text)
            )
            for review in checked:
                _insert_review(conn, review)
            return int(cursor.lastrowid or 0)

        return self._write(work)

    def mock_sessions(self) -> list[dict]:
        """Saved reports, oldest first: each is the saved dict plus `id` and `saved_at`."""
        rows = self._read(
            lambda c: c.execute(
                "SELECT id, saved_at, report_json FROM mock_sessions ORDER BY saved_at, id"
            ).fetchall()
        )
        return [{**json.loads(text), "id": int(i), "saved_at": saved} for i, saved, text in rows]

    # ---- whole-store operations (used by progress_io and the Progress page) -------------
    def reset(self) -> None:
        """Delete all progress (one transaction)."""
        self._write(_clear_all)

    def dump(self) -> dict[str, list[dict]]:
        """Every row, in a stable order, as plain JSON-ready dicts (one read snapshot)."""

        def work(conn: sqlite3.Connection) -> dict[str, list[dict]]:
            cards = [
                {"number": int(n), "card": json.loads(text)}
                for n, text in conn.execute("SELECT number, card_json FROM cards ORDER BY number")
            ]
            reviews = [
                {
                    "number": int(r[0]),
                    "rating": r[1],
                    "duration_s": float(r[2]),
                    "typed_answer": r[3],
                    "covered": json.loads(r[4]),
                    "reviewed_at": r[5],
                    "overrides": json.loads(r[6]),
                }
                for r in conn.execute(
                    "SELECT number, rating, duration_s, typed_answer, covered_json, reviewed_at,"
                    " overrides_json FROM reviews ORDER BY reviewed_at, id"
                )
            ]
            bookmarks = [
                {"number": int(n), "created_at": at}
                for n, at in conn.execute("SELECT number, created_at FROM bookmarks ORDER BY 1")
            ]
            notes = [
                {"number": int(n), "text": text, "updated_at": at}
                for n, text, at in conn.execute(
                    "SELECT number, text, updated_at FROM notes ORDER BY number"
                )
            ]
            mocks = [
                {"saved_at": at, "report": json.loads(text)}
                for at, text in conn.execute(
                    "SELECT saved_at, report_json FROM mock_sessions ORDER BY saved_at, id"
                )
            ]
            return {
                "cards": cards,
                "reviews": reviews,
                "bookmarks": bookmarks,
                "notes": notes,
                "mock_sessions": mocks,
            }

        return self._read(work)

    def replace_all(self, data: dict[str, list[dict]]) -> None:
        """Replace every row with `data` (the shape `dump` returns, already validated)."""

        def work(conn: sqlite3.Connection) -> None:
            _clear_all(conn)
            for item in data["cards"]:
                card = Card.from_dict(item["card"])
                _put_card(conn, item["number"], card, utc())
            conn.executemany(
                "INSERT INTO reviews (number, rating, duration_s, typed_answer, covered_json,"
                " reviewed_at, overrides_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        r["number"],
                        r["rating"],
                        float(r["duration_s"]),
                        r["typed_answer"],
                        json.dumps(list(r["covered"]), ensure_ascii=False),
                        iso(datetime.fromisoformat(r["reviewed_at"])),
                        json.dumps(dict(r.get("overrides") or {}), ensure_ascii=False),
                    )
                    for r in data["reviews"]
                ],
            )
            conn.executemany(
                "INSERT INTO bookmarks (number, created_at) VALUES (?, ?)",
                [
                    (b["number"], iso(datetime.fromisoformat(b["created_at"])))
                    for b in data["bookmarks"]
                ],
            )
            conn.executemany(
                "INSERT INTO notes (number, text, updated_at) VALUES (?, ?, ?)",
                [
                    (n["number"], n["text"], iso(datetime.fromisoformat(n["updated_at"])))
                    for n in data["notes"]
                ],
            )
            conn.executemany(
                "INSERT INTO mock_sessions (saved_at, report_json) VALUES (?, ?)",
                [
                    (
                        iso(datetime.fromisoformat(m["saved_at"])),
                        json.dumps(m["report"], ensure_ascii=False),
                    )
                    for m in data["mock_sessions"]
                ],
            )

        self._write(work)


_ReviewRow = tuple[int, int, str, float, str, tuple[str, ...], datetime, dict[str, bool]]


def _new_review(
    number: int,
    rating: str,
    duration_s: float,
    typed_answer: str = "",
    covered: Iterable[str] = (),
    when: datetime | None = None,
    overrides: Mapping[str, bool] | None = None,
) -> _ReviewRow:
    """A validated review row (id 0 until inserted); raises ValueError on bad input."""
    number = check_number(number)
    rating = check_rating(rating)
    try:
        duration = float(duration_s)
    except (TypeError, ValueError):
        duration = math.nan
    if not math.isfinite(duration) or duration < 0:
        raise ValueError(f"duration_s: {duration_s!r} must be a non-negative number")
    if not isinstance(typed_answer, str):
        raise ValueError(f"typed_answer: {typed_answer!r} is not text")
    covered_labels = tuple(str(label) for label in covered)
    corrections = dict(overrides or {})
    if not all(isinstance(k, str) and isinstance(v, bool) for k, v in corrections.items()):
        raise ValueError(f"overrides: {overrides!r} must map key-point labels to true/false")
    return (0, number, rating, duration, typed_answer, covered_labels, utc(when), corrections)


def _insert_review(conn: sqlite3.Connection, review: _ReviewRow) -> int:
    """Insert a review and advance its card, inside the caller's write transaction.

    The card is read inside the same transaction (BEGIN IMMEDIATE), so two writers can
    never both start from the same old card and lose one of the updates.
    """
    _, number, rating, duration, typed_answer, covered, moment, overrides = review
    found = conn.execute("SELECT card_json FROM cards WHERE number = ?", (number,)).fetchone()
    card = Card.from_json(found[0]) if found else scheduling.new_card(number, moment)
    card = scheduling.apply_review(card, rating, moment, duration)
    _put_card(conn, number, card, moment)
    cursor = conn.execute(
        "INSERT INTO reviews (number, rating, duration_s, typed_answer, covered_json,"
        " reviewed_at, overrides_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            number,
            rating,
            duration,
            typed_answer,
            json.dumps(covered, ensure_ascii=False),
            iso(moment),
            json.dumps(overrides, ensure_ascii=False),
        ),
    )
    return int(cursor.lastrowid or 0)


def _put_card(conn: sqlite3.Connection, number: int, card: Card, now: datetime) -> None:
    conn.execute(
        "INSERT INTO cards (number, card_json, due, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(number) DO UPDATE SET card_json = excluded.card_json,"
        " due = excluded.due, updated_at = excluded.updated_at",
        (number, card.to_json(), iso(card.due), iso(now)),
    )


def _clear_all(conn: sqlite3.Connection) -> None:
    for table in ("cards", "reviews", "bookmarks", "notes", "mock_sessions"):
        conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names


def _move_aside(path: Path) -> Path:
    """Rename a bad database (and its -wal/-shm companions) out of the way; never delete."""
    return store_files.move_aside(path, "corrupt")


def _review_count(conn: sqlite3.Connection | None) -> int:
    if conn is None:
        return 0
    try:
        return int(conn.execute("SELECT count(*) FROM reviews").fetchone()[0])
    except sqlite3.Error:
        return 0


def _newer_message(path: Path, found: int) -> str:
    return (
        f"The progress file {path} was written by a newer version of Simulacro (schema "
        f"version {found}; this version reads up to {SCHEMA_VERSION}). It was left "
        "untouched: update Simulacro to see that progress. Until then, progress is kept in "
        f"memory only and will be lost when the app stops (or set {ENV_VAR} to another "
        "folder)."
    )


__all__ = [
    "DB_NAME",
    "ENV_VAR",
    "RATINGS",
    "SCHEMA_VERSION",
    "ProgressStore",
    "Review",
    "default_data_dir",
    "resolve_data_dir",
]
