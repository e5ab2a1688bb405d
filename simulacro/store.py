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
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from fsrs import Card

from simulacro import scheduling
from simulacro.model import TOTAL_QUESTIONS
from simulacro.scheduling import utc
from simulacro.store_schema import RATINGS, SCHEMA_VERSION, migrate

ENV_VAR = "SIMULACRO_DATA_DIR"
DB_NAME = "progress.sqlite3"
BUSY_TIMEOUT_MS = 5_000
LOCK_RETRY_S = 30.0  # total time we keep retrying a locked database before giving up
MAX_IDLE_CONNECTIONS = 4  # pooled per store; a Streamlit server runs a few sessions at once
SQLITE_MAGIC = b"SQLite format 3\x00"

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
    if not 1 <= number <= TOTAL_QUESTIONS:
        raise ValueError(f"{where}: {number} is outside 1-{TOTAL_QUESTIONS}")
    return number


def check_rating(rating: object, where: str = "rating") -> str:
    value = rating.strip().lower() if isinstance(rating, str) else rating
    if value not in RATINGS:
        raise ValueError(f"{where}: {rating!r} is not one of {'/'.join(RATINGS)}")
    return value  # type: ignore[return-value]


class _Corrupt(Exception):
    """The file at the database path is not a usable SQLite database."""


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
                f"The progress file {path} could not be read ({exc}). It was moved to "
                f"{moved} (nothing was deleted) and a fresh progress file was started."
            )
        except ValueError as exc:  # a newer schema: leave the file alone
            return cls._fallback(f"{exc}. Progress is kept in memory only for now.", path)
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
        except (_Corrupt, sqlite3.Error, OSError, ValueError) as exc:
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
        if self.path is not None and self.path.exists() and self.path.stat().st_size > 0:
            with self.path.open("rb") as handle:
                if handle.read(16) != SQLITE_MAGIC:
                    raise _Corrupt("it is not an SQLite database")
        deadline = time.monotonic() + LOCK_RETRY_S
        while True:
            try:
                self._check()
                break
            except sqlite3.DatabaseError as exc:
                if _is_corruption(exc):
                    raise _Corrupt(str(exc)) from exc
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

    def _check(self) -> None:
        with self._connection() as conn:
            if self.path is not None:
                conn.execute("PRAGMA journal_mode = WAL")  # persistent: set once per file
            check = conn.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise _Corrupt(f"integrity check failed: {check[0] if check else '?'}")

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
        except BaseException:
            conn.close()
            raise
        if conn.in_transaction or self._idle.qsize() >= MAX_IDLE_CONNECTIONS:
            conn.close()
        else:
            self._idle.put(conn)

    def _run(self, work: Callable[[sqlite3.Connection], T], begin: str) -> T:
        """Run `work` in one transaction, retrying while another writer holds the lock."""
        deadline = time.monotonic() + LOCK_RETRY_S
        delay = 0.01
        while True:
            try:
                with self._connection() as conn:
                    conn.execute(begin)
                    try:
                        result = work(conn)
                        conn.execute("COMMIT")
                    except BaseException:
                        if conn.in_transaction:
                            conn.execute("ROLLBACK")
                        raise
                    return result
            except sqlite3.OperationalError as exc:
                if not _is_lock_error(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

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
        return [
            Review(
                int(r[0]),
                int(r[1]),
                r[2],
                float(r[3]),
                r[4],
                tuple(json.loads(r[5])),
                datetime.fromisoformat(r[6]),
                json.loads(r[7]),
            )
            for r in rows
        ]

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
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    try:
        path.rename(target)
    except FileNotFoundError:  # another process moved it first
        pass
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            try:
                # `<moved>-wal` is where SQLite looks when someone opens the moved file.
                companion.rename(target.with_name(target.name + suffix))
            except OSError:
                pass
    return target


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
