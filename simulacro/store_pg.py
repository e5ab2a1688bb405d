"""The hosted progress store: PostgreSQL shared by every learner and deck, one pool per URL.

Same public interface and behaviour as the local `store.ProgressStore` (both satisfy
`store_protocol.ProgressStoreLike`); `store_factory.open_progress_store` picks this one when
`SIMULACRO_DATABASE_URL=postgresql://...` is set. Design choices, and why:

- Plain SQL per dialect, not SQLAlchemy Core, on these measurements: of the SQLite store's
  1,062 lines, 64 hold SQL (54 literals, 17 of them PRAGMA/BEGIN/COMMIT that only SQLite
  has), so Core could share at most ~37 short statements (~47 lines). The rest (WAL, file
  identity, corruption recovery, `backup`, the in-memory fallback) talks to `sqlite3`
  directly and would stay hand-written under SQLAlchemy too, and the upserts need each
  dialect's own `insert()` anyway. This module holds 37 statements on 61 lines, each scoped
  by learner and deck with `RETURNING id` and advisory locks. Core would cost a 3.4 MB wheel
  (14 MB installed) and 1.0-2.0 s of import (psycopg + psycopg_pool: 0.15-0.37 s; measured
  on the shared 2-core machine), plus a table-definition layer, to save those ~47 lines;
  putting it under the local store would make the default mode heavier, which it must not
  get. The two stores share the validation (`store._new_review`, `check_number`, `iso`),
  the `Review` type and the schema version numbers instead.
- Isolation: every row carries (learner, deck), every key starts with them and every
  statement filters on them (tests/test_store_pg.py checks each statement), so one store
  object can never reach another learner's rows.
- Writes run one at a time per (learner, deck) under a transaction advisory lock, as
  SQLite's `BEGIN IMMEDIATE` does per file: a review reads and advances its card in the
  same transaction, so two app processes never both start from the same old card. Reads
  run in one REPEATABLE READ READ ONLY snapshot (`dump` sees one moment).
- One `psycopg_pool.ConnectionPool` per URL and process, shared by every learner's store.
  The database is checked and migrated once per URL with a direct connection first, so a
  wrong URL, password or schema gets libpq's own reason, not a pool timeout.
- A dropped connection (server restart, `pg_terminate_backend`): the pool's idle
  connections are checked, and the operation runs once more: every read, every write whose
  COMMIT was not sent, every idempotent write (upsert, delete, replace). A review or mock
  interview whose COMMIT got no answer is first looked for (its row has a microsecond
  timestamp): found, it is not written twice; missing, it is written again. A write that
  still fails raises `StoreUnavailable`, and nothing confirmed is ever lost.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

import psycopg
from fsrs import Card
from psycopg import pq
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from simulacro import scheduling
from simulacro.scheduling import utc
from simulacro.store import RATINGS, Review, _new_review, _ReviewRow, check_number, iso
from simulacro.store_factory import StoreUnavailable
from simulacro.store_pg_schema import NewerSchema, migrate
from simulacro.store_schema import SCHEMA_VERSION

SCHEMES = ("postgresql", "postgres")
CONNECT_TIMEOUT_S = 5  # libpq's connect_timeout unless the URL sets one
POOL_TIMEOUT_S = 5.0  # longest wait for a pooled connection before StoreUnavailable
POOL_MIN_SIZE = 1
POOL_MAX_SIZE = 10  # per process; a Streamlit server runs a few sessions' writes at once

T = TypeVar("T")
Conn = psycopg.Connection[Any]

_pools: dict[str, ConnectionPool] = {}
_pools_lock = threading.Lock()


# --------------------------------------------------------------------------- the URL
class DatabaseUrl:
    """A checked `postgresql://` URL: libpq's parameters and a description without password."""

    def __init__(self, url: str) -> None:
        scheme = url.split("://", 1)[0].lower() if "://" in url else ""
        if scheme not in SCHEMES:
            shown = f"'{scheme}://'" if scheme else "no scheme"
            raise StoreUnavailable(
                f"SIMULACRO_DATABASE_URL must start with postgresql:// (it has {shown}); "
                "unset it to keep progress in the local SQLite file."
            )
        try:
            urlsplit(url).port  # noqa: B018 - raises ValueError for a bad port
            params = conninfo_to_dict(url)
        except (ValueError, psycopg.ProgrammingError) as exc:
            raise StoreUnavailable(
                f"SIMULACRO_DATABASE_URL is not a valid PostgreSQL URL ({_redact(str(exc), url)})"
            ) from None
        self.url = url
        self.password = str(params.get("password") or "")
        self.kwargs: dict[str, Any] = {"autocommit": True}
        if "connect_timeout" not in params:
            self.kwargs["connect_timeout"] = CONNECT_TIMEOUT_S
        user = params.get("user")
        host = params.get("host") or "localhost"
        port = params.get("port") or "5432"
        self.dbname = str(params.get("dbname") or user or "")
        self.shown = f"postgresql://{f'{user}@' if user else ''}{host}:{port}/{self.dbname}"

    def redact(self, text: str) -> str:
        """`text` with the password (and the raw URL, which holds it) taken out."""
        return _redact(text, self.url, self.password)


def _redact(text: str, *secrets: str) -> str:
    for secret in sorted(filter(None, secrets), key=len, reverse=True):
        text = text.replace(secret, "***")
    return " ".join(text.split())  # libpq's reasons span lines; a message is one


def _pool_for(target: DatabaseUrl) -> ConnectionPool:
    """The process's pool for this URL, created (after checking and migrating) on first use."""
    with _pools_lock:
        pool = _pools.get(target.url)
        if pool is not None:
            return pool
        try:
            with psycopg.connect(target.url, **target.kwargs) as conn:
                migrate(conn)
        except NewerSchema as exc:
            raise StoreUnavailable(
                f"The progress database {target.shown} was written by a newer version of "
                f"Simulacro (schema version {exc.found}; this version reads up to "
                f"{SCHEMA_VERSION}). It was left untouched: update Simulacro."
            ) from None
        except psycopg.Error as exc:
            raise StoreUnavailable(
                f"Cannot use the progress database {target.shown}: {target.redact(str(exc))}"
            ) from None
        pool = ConnectionPool(
            target.url,
            kwargs=target.kwargs,
            min_size=POOL_MIN_SIZE,
            max_size=POOL_MAX_SIZE,
            timeout=POOL_TIMEOUT_S,
            open=False,
            name="simulacro-progress",
        )
        try:
            pool.open(wait=True, timeout=POOL_TIMEOUT_S)
        except PoolTimeout:
            pool.close()
            raise StoreUnavailable(
                f"Cannot use the progress database {target.shown}: no connection within "
                f"{POOL_TIMEOUT_S:g} s"
            ) from None
        _pools[target.url] = pool
        return pool


def close_pools() -> None:
    """Close every pool of this process (tests, a clean shutdown)."""
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        pool.close()


def open_store(url: str, *, deck: str, learner: str | None) -> PostgresProgressStore:
    """The store of `deck` for `learner` in the database at `url`; StoreUnavailable if not."""
    if not learner:
        raise StoreUnavailable(
            "The shared progress database (SIMULACRO_DATABASE_URL) keeps each learner's "
            "progress apart, so it needs a signed-in learner; none was given."
        )
    if not deck:
        raise StoreUnavailable("The shared progress database needs a deck name; none was given.")
    target = DatabaseUrl(url)
    _pool_for(target)  # checked, migrated and connected now, or StoreUnavailable
    return PostgresProgressStore(target, learner=learner, deck=deck)


# --------------------------------------------------------------------------- the store
class PostgresProgressStore:
    """Progress of one learner in one deck, in the shared database. Open it with `open_store`."""

    warning: str | None = None  # nothing falls back here: a failure is StoreUnavailable
    in_memory_only = False

    def __init__(self, target: DatabaseUrl, *, learner: str, deck: str):
        self._target = target
        self.learner = learner
        self.deck = deck
        self._scope = {"l": learner, "d": deck}
        self._lock_key = json.dumps([learner, deck], ensure_ascii=False)

    @property
    def _pool(self) -> ConnectionPool:
        # Looked up each time: after close_pools() a store still works on a new pool.
        return _pools.get(self._target.url) or _pool_for(self._target)

    @property
    def location(self) -> str:
        # Shown to the learner: the database's name, not its host or user (errors name
        # those, for whoever runs the app).
        return f"the shared PostgreSQL database '{self._target.dbname}' (deck '{self.deck}')"

    def verify(self) -> None:
        """Nothing to check up front: a failed operation reconnects or says why."""

    def close(self) -> None:
        """Nothing to release: the pool is shared by every store of the process
        (`close_pools` closes it). The store stays usable, as the SQLite one does."""

    # ---- transactions ----------------------------------------------------------------
    def _run(
        self,
        work: Callable[[Conn], T],
        *,
        write: bool,
        confirm: Callable[[Conn], T | None] | None = None,
    ) -> T:
        """Run `work` in one transaction; after a dropped connection, run it once more.

        A write whose COMMIT got no answer may have been saved: `confirm` (a read that
        finds the row the write made, or None) tells, so a review is neither lost nor saved
        twice. Writes without `confirm` are idempotent (an upsert, a delete, a replace).
        """
        for attempt in (1, 2):
            committing = False
            try:
                with self._pool.connection(timeout=POOL_TIMEOUT_S) as conn:
                    if write:
                        conn.execute("BEGIN")
                        conn.execute(
                            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
                            (self._lock_key,),
                        )
                    else:
                        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    try:
                        result = work(conn)
                        committing = True
                        conn.execute("COMMIT")
                    except BaseException:
                        _rollback(conn)
                        raise
                    return result
            except PoolTimeout as exc:
                raise self._unavailable(exc, write, committing) from None
            except psycopg.OperationalError as exc:
                if attempt == 2:
                    raise self._unavailable(exc, write, committing) from None
                self._pool.check()  # drop every dead idle connection, not just this one
                if committing and confirm is not None:
                    try:
                        saved = self._run(confirm, write=False)
                    except StoreUnavailable:
                        raise self._unavailable(exc, write, committing) from None
                    if saved is not None:
                        return saved  # the COMMIT had reached the server
            except psycopg.Error as exc:
                raise self._unavailable(exc, write, committing) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _unavailable(self, exc: Exception, write: bool, committing: bool) -> StoreUnavailable:
        if isinstance(exc, PoolTimeout):
            reason = self._why_no_connection()
        else:
            reason = self._target.redact(str(exc)) or type(exc).__name__
        if not write:
            outcome = "Progress could not be read"
        elif committing:
            outcome = "The connection was lost while saving: the change may not have been saved"
        else:
            outcome = "The change was not saved"
        return StoreUnavailable(
            f"{outcome}: the progress database {self._target.shown} failed ({reason})."
        )

    def _why_no_connection(self) -> str:
        """libpq's own reason when the pool had no connection to give (server down...)."""
        try:
            with psycopg.connect(self._target.url, **{**self._target.kwargs, "connect_timeout": 2}):
                pass
        except psycopg.Error as exc:
            return self._target.redact(str(exc))
        return f"all {POOL_MAX_SIZE} connections of this app were busy for {POOL_TIMEOUT_S:g} s"

    def _write(
        self, work: Callable[[Conn], T], confirm: Callable[[Conn], T | None] | None = None
    ) -> T:
        return self._run(work, write=True, confirm=confirm)

    def _read(self, work: Callable[[Conn], T]) -> T:
        return self._run(work, write=False)

    def _rows(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        return self._read(lambda c: c.execute(sql, {**self._scope, **params}).fetchall())

    def schema_version(self) -> int:
        return int(self._rows("SELECT max(version) FROM schema_version")[0][0])

    # ---- reviews and cards -----------------------------------------------------------
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
        """Store one review and update the question's FSRS card, in one transaction."""
        review = _new_review(number, rating, duration_s, typed_answer, covered, when, overrides)
        _check_text(review[4], "typed_answer")
        review_id = self._write(
            lambda conn: _insert_review(conn, self._scope, review),
            confirm=lambda conn: _find_review(conn, self._scope, review),
        )
        return Review(review_id, *review[1:])

    def cards(self) -> dict[int, Card]:
        rows = self._rows(
            "SELECT number, card_json FROM cards WHERE learner = %(l)s AND deck = %(d)s"
        )
        return {int(number): Card.from_json(text) for number, text in rows}

    def card(self, number: int) -> Card | None:
        rows = self._rows(
            "SELECT card_json FROM cards WHERE learner = %(l)s AND deck = %(d)s AND number = %(n)s",
            n=number,
        )
        return Card.from_json(rows[0][0]) if rows else None

    def reviews(self, number: int | None = None, since: datetime | None = None) -> list[Review]:
        """Reviews oldest first, optionally of one question and/or since a moment."""
        sql = (
            "SELECT id, number, rating, duration_s, typed_answer, covered_json, reviewed_at,"
            " overrides_json FROM reviews WHERE learner = %(l)s AND deck = %(d)s"
        )
        if number is not None:
            sql += " AND number = %(n)s"
        if since is not None:
            sql += " AND reviewed_at >= %(since)s"
        sql += " ORDER BY reviewed_at, id"
        rows = self._rows(sql, n=number, since=iso(since) if since is not None else None)
        return [Review.from_row(r) for r in rows]

    def review_count(self) -> int:
        rows = self._rows("SELECT count(*) FROM reviews WHERE learner = %(l)s AND deck = %(d)s")
        return int(rows[0][0])

    def reviews_per_day(self) -> dict[str, int]:
        """{'YYYY-MM-DD' (UTC): number of reviews}, oldest day first."""
        rows = self._rows(
            "SELECT substr(reviewed_at, 1, 10) AS day, count(*) FROM reviews"
            " WHERE learner = %(l)s AND deck = %(d)s GROUP BY day ORDER BY day"
        )
        return {day: int(n) for day, n in rows}

    def new_on(self, day: date) -> int:
        """How many questions were reviewed for the first time on `day` (UTC)."""
        rows = self._rows(
            "SELECT count(*) FROM (SELECT min(reviewed_at) AS first FROM reviews"
            " WHERE learner = %(l)s AND deck = %(d)s GROUP BY number) AS firsts"
            " WHERE substr(first, 1, 10) = %(day)s",
            day=day.isoformat(),
        )
        return int(rows[0][0])

    def rating_counts(self) -> dict[str, int]:
        rows = self._rows(
            "SELECT rating, count(*) FROM reviews WHERE learner = %(l)s AND deck = %(d)s"
            " GROUP BY rating"
        )
        counts = dict.fromkeys(RATINGS, 0)
        counts.update({rating: int(n) for rating, n in rows})
        return counts

    def lapses(self) -> dict[int, int]:
        """{question number: how many times it was rated Again}."""
        rows = self._rows(
            "SELECT number, count(*) FROM reviews WHERE learner = %(l)s AND deck = %(d)s"
            " AND rating = 'again' GROUP BY number"
        )
        return {int(number): int(n) for number, n in rows}

    # ---- bookmarks and notes ---------------------------------------------------------
    def bookmarks(self) -> list[int]:
        rows = self._rows(
            "SELECT number FROM bookmarks WHERE learner = %(l)s AND deck = %(d)s ORDER BY number"
        )
        return [int(r[0]) for r in rows]

    def is_bookmarked(self, number: int) -> bool:
        return bool(
            self._rows(
                "SELECT 1 FROM bookmarks WHERE learner = %(l)s AND deck = %(d)s AND number = %(n)s",
                n=number,
            )
        )

    def set_bookmark(self, number: int, on: bool) -> None:
        number = check_number(number)
        if on:
            sql = (
                "INSERT INTO bookmarks (learner, deck, number, created_at)"
                " VALUES (%(l)s, %(d)s, %(n)s, %(at)s) ON CONFLICT DO NOTHING"
            )
        else:
            sql = "DELETE FROM bookmarks WHERE learner = %(l)s AND deck = %(d)s AND number = %(n)s"
        params = {**self._scope, "n": number, "at": iso(utc())}
        self._write(lambda c: c.execute(sql, params))

    def notes(self) -> dict[int, str]:
        rows = self._rows(
            "SELECT number, text FROM notes WHERE learner = %(l)s AND deck = %(d)s ORDER BY number"
        )
        return {int(number): text for number, text in rows}

    def note(self, number: int) -> str:
        rows = self._rows(
            "SELECT text FROM notes WHERE learner = %(l)s AND deck = %(d)s AND number = %(n)s",
            n=number,
        )
        return rows[0][0] if rows else ""

    def set_note(self, number: int, text: str) -> None:
        """Save the personal note of a question; blank text deletes it."""
        number = check_number(number)
        if text.strip():
            _check_text(text, "note")
            sql = (
                "INSERT INTO notes (learner, deck, number, text, updated_at)"
                " VALUES (%(l)s, %(d)s, %(n)s, %(text)s, %(at)s)"
                " ON CONFLICT (learner, deck, number) DO UPDATE SET text = excluded.text,"
                " updated_at = excluded.updated_at"
            )
        else:
            sql = "DELETE FROM notes WHERE learner = %(l)s AND deck = %(d)s AND number = %(n)s"
        params = {**self._scope, "n": number, "text": text, "at": iso(utc())}
        self._write(lambda c: c.execute(sql, params))

    # ---- mock interviews -------------------------------------------------------------
    def save_mock_session(self, report: dict, reviews: Iterable[dict] = ()) -> int:
        """Store a mock-interview report and its reviews in one transaction; returns its id."""
        if not isinstance(report, dict):
            raise ValueError("report: a mock-interview report must be a dict")
        text = json.dumps(report, ensure_ascii=False, default=str)
        now = iso(utc())
        checked = [_new_review(**review) for review in reviews]  # validate before writing
        for review in checked:
            _check_text(review[4], "typed_answer")

        def work(conn: Conn) -> int:
            row = conn.execute(
                "INSERT INTO mock_sessions (learner, deck, saved_at, report_json)"
                " VALUES (%(l)s, %(d)s, %(at)s, %(report)s) RETURNING id",
                {**self._scope, "at": now, "report": text},
            ).fetchone()
            for review in checked:
                _insert_review(conn, self._scope, review)
            return int(row[0])  # type: ignore[index]

        def saved(conn: Conn) -> int | None:
            row = conn.execute(
                "SELECT max(id) FROM mock_sessions WHERE learner = %(l)s AND deck = %(d)s"
                " AND saved_at = %(at)s AND report_json = %(report)s",
                {**self._scope, "at": now, "report": text},
            ).fetchone()
            return None if row is None or row[0] is None else int(row[0])

        return self._write(work, confirm=saved)

    def mock_sessions(self) -> list[dict]:
        """Saved reports, oldest first: each is the saved dict plus `id` and `saved_at`."""
        rows = self._rows(
            "SELECT id, saved_at, report_json FROM mock_sessions"
            " WHERE learner = %(l)s AND deck = %(d)s ORDER BY saved_at, id"
        )
        return [{**json.loads(text), "id": int(i), "saved_at": saved} for i, saved, text in rows]

    # ---- whole-store operations --------------------------------------------------------
    def reset(self) -> None:
        """Delete all of this learner's progress in this deck (one transaction)."""
        self._write(lambda c: _clear_all(c, self._scope))

    def dump(self) -> dict[str, list[dict]]:
        """Every row, in a stable order, as plain JSON-ready dicts (one read snapshot).

        The same data gives the same dict as the SQLite store's `dump`.
        """
        scope = self._scope

        def work(conn: Conn) -> dict[str, list[dict]]:
            def rows(sql: str) -> list[tuple[Any, ...]]:
                return conn.execute(sql, scope).fetchall()

            where = " WHERE learner = %(l)s AND deck = %(d)s"
            cards = [
                {"number": int(n), "card": json.loads(text)}
                for n, text in rows(f"SELECT number, card_json FROM cards{where} ORDER BY number")
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
                for r in rows(
                    "SELECT number, rating, duration_s, typed_answer, covered_json, reviewed_at,"
                    f" overrides_json FROM reviews{where} ORDER BY reviewed_at, id"
                )
            ]
            bookmarks = [
                {"number": int(n), "created_at": at}
                for n, at in rows(
                    f"SELECT number, created_at FROM bookmarks{where} ORDER BY number"
                )
            ]
            notes = [
                {"number": int(n), "text": text, "updated_at": at}
                for n, text, at in rows(
                    f"SELECT number, text, updated_at FROM notes{where} ORDER BY number"
                )
            ]
            mocks = [
                {"saved_at": at, "report": json.loads(text)}
                for at, text in rows(
                    f"SELECT saved_at, report_json FROM mock_sessions{where} ORDER BY saved_at, id"
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
        """Replace this learner's rows in this deck with `data` (the shape `dump` returns,
        already validated). Idempotent, so a dropped connection is simply retried."""
        for i, r in enumerate(data["reviews"]):
            _check_text(r["typed_answer"], f"reviews[{i}].typed_answer")
        for i, n in enumerate(data["notes"]):
            _check_text(n["text"], f"notes[{i}].text")
        scope = self._scope

        def work(conn: Conn) -> None:
            _clear_all(conn, scope)
            now = utc()
            for item in data["cards"]:
                _put_card(conn, scope, item["number"], Card.from_dict(item["card"]), now)
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO reviews (learner, deck, number, rating, duration_s,"
                    " typed_answer, covered_json, reviewed_at, overrides_json)"
                    " VALUES (%(l)s, %(d)s, %(n)s, %(rating)s, %(duration)s, %(typed)s,"
                    " %(covered)s, %(at)s, %(overrides)s)",
                    [
                        {
                            **scope,
                            "n": r["number"],
                            "rating": r["rating"],
                            "duration": float(r["duration_s"]),
                            "typed": r["typed_answer"],
                            "covered": json.dumps(list(r["covered"]), ensure_ascii=False),
                            "at": iso(datetime.fromisoformat(r["reviewed_at"])),
                            "overrides": json.dumps(
                                dict(r.get("overrides") or {}), ensure_ascii=False
                            ),
                        }
                        for r in data["reviews"]
                    ],
                )
                cur.executemany(
                    "INSERT INTO bookmarks (learner, deck, number, created_at)"
                    " VALUES (%(l)s, %(d)s, %(n)s, %(at)s)",
                    [
                        {
                            **scope,
                            "n": b["number"],
                            "at": iso(datetime.fromisoformat(b["created_at"])),
                        }
                        for b in data["bookmarks"]
                    ],
                )
                cur.executemany(
                    "INSERT INTO notes (learner, deck, number, text, updated_at)"
                    " VALUES (%(l)s, %(d)s, %(n)s, %(text)s, %(at)s)",
                    [
                        {
                            **scope,
                            "n": n["number"],
                            "text": n["text"],
                            "at": iso(datetime.fromisoformat(n["updated_at"])),
                        }
                        for n in data["notes"]
                    ],
                )
                cur.executemany(
                    "INSERT INTO mock_sessions (learner, deck, saved_at, report_json)"
                    " VALUES (%(l)s, %(d)s, %(at)s, %(report)s)",
                    [
                        {
                            **scope,
                            "at": iso(datetime.fromisoformat(m["saved_at"])),
                            "report": json.dumps(m["report"], ensure_ascii=False),
                        }
                        for m in data["mock_sessions"]
                    ],
                )

        self._write(work)


def _check_text(text: str, where: str) -> None:
    # PostgreSQL text cannot hold NUL; SQLite can. Refuse it here as a clear input error.
    if "\x00" in text:
        raise ValueError(f"{where}: contains a NUL character (\\x00), which cannot be stored")


def _rollback(conn: Conn) -> None:
    if conn.closed or conn.info.transaction_status == pq.TransactionStatus.IDLE:
        return
    try:
        conn.execute("ROLLBACK")
    except psycopg.Error:
        pass  # a broken connection: the pool discards it


def _insert_review(conn: Conn, scope: dict[str, str], review: _ReviewRow) -> int:
    """Insert a review and advance its card, inside the caller's write transaction (which
    holds the learner's advisory lock, so no other writer read the same old card)."""
    _, number, rating, duration, typed_answer, covered, moment, overrides = review
    found = conn.execute(
        "SELECT card_json FROM cards WHERE learner = %(l)s AND deck = %(d)s AND number = %(n)s",
        {**scope, "n": number},
    ).fetchone()
    card = Card.from_json(found[0]) if found else scheduling.new_card(number, moment)
    card = scheduling.apply_review(card, rating, moment, duration)
    _put_card(conn, scope, number, card, moment)
    row = conn.execute(
        "INSERT INTO reviews (learner, deck, number, rating, duration_s, typed_answer,"
        " covered_json, reviewed_at, overrides_json) VALUES (%(l)s, %(d)s, %(n)s, %(rating)s,"
        " %(duration)s, %(typed)s, %(covered)s, %(at)s, %(overrides)s) RETURNING id",
        {
            **scope,
            "n": number,
            "rating": rating,
            "duration": duration,
            "typed": typed_answer,
            "covered": json.dumps(covered, ensure_ascii=False),
            "at": iso(moment),
            "overrides": json.dumps(overrides, ensure_ascii=False),
        },
    ).fetchone()
    return int(row[0])  # type: ignore[index]


def _find_review(conn: Conn, scope: dict[str, str], review: _ReviewRow) -> int | None:
    """The id of the row `_insert_review` made for `review`, if its COMMIT went through.

    Its moment has microseconds: two reviews of one card alike in every field below are
    one review (a caller passing the same explicit `when` twice would be the exception).
    """
    _, number, rating, duration, typed_answer, _, moment, _ = review
    row = conn.execute(
        "SELECT max(id) FROM reviews WHERE learner = %(l)s AND deck = %(d)s AND number = %(n)s"
        " AND reviewed_at = %(at)s AND rating = %(rating)s AND duration_s = %(duration)s"
        " AND typed_answer = %(typed)s",
        {
            **scope,
            "n": number,
            "at": iso(moment),
            "rating": rating,
            "duration": duration,
            "typed": typed_answer,
        },
    ).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def _put_card(conn: Conn, scope: dict[str, str], number: int, card: Card, now: datetime) -> None:
    conn.execute(
        "INSERT INTO cards (learner, deck, number, card_json, due, updated_at)"
        " VALUES (%(l)s, %(d)s, %(n)s, %(card)s, %(due)s, %(at)s)"
        " ON CONFLICT (learner, deck, number) DO UPDATE SET card_json = excluded.card_json,"
        " due = excluded.due, updated_at = excluded.updated_at",
        {**scope, "n": number, "card": card.to_json(), "due": iso(card.due), "at": iso(now)},
    )


def _clear_all(conn: Conn, scope: dict[str, str]) -> None:
    for table in ("cards", "reviews", "bookmarks", "notes", "mock_sessions"):
        conn.execute(f"DELETE FROM {table} WHERE learner = %(l)s AND deck = %(d)s", scope)  # noqa: S608


__all__ = ["DatabaseUrl", "PostgresProgressStore", "close_pools", "open_store"]
