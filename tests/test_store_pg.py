"""The hosted progress store on a real throwaway PostgreSQL server: app processes writing at
once, migrations, a dropped connection, a server down or newer, wrong URL or credentials.

The behaviour the SQLite store shares is in test_store_contract.py (run on both engines).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

from simulacro import scheduling, store_pg
from simulacro.store_factory import DATABASE_URL_ENV, StoreUnavailable, open_progress_store
from simulacro.store_pg_schema import TABLES, migrate
from simulacro.store_schema import SCHEMA_VERSION

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parent.parent


def _sql(url: str, statement: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def _snapshot(url: str) -> dict[str, object]:
    """Every table of the database and its rows: what 'nothing was written' compares."""
    tables = [
        name
        for (name,) in _sql(
            url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        )
    ]
    return {t: sorted(map(repr, _sql(url, f"SELECT * FROM {t}"))) for t in tables}  # noqa: S608


def _terminate_others(url: str) -> int:
    """pg_terminate_backend of every other connection to this database (the pool's)."""
    rows = _sql(
        url,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    return len(rows)


@pytest.fixture
def database(postgres_server):
    """A new empty database of this test (no Simulacro tables yet); its URL."""
    return postgres_server.create_database(f"t_{uuid.uuid4().hex[:12]}")


# ------------------------------------------------------------------ two app processes
_APP_PROCESS = """
import json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from simulacro.store_factory import open_progress_store
learner, count, offset = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
store = open_progress_store(Path("unused"), deck="lead", learner=learner)
foreign = set()
for i in range(count):
    # A few cards only: the two processes of a learner review the same card at once.
    store.record_review(1 + (offset + i) % 5, "good", 1.0, typed_answer=f"{learner}:{i}")
    if i % 10 == 0:  # read while the others write: only this learner's rows, ever
        seen = {r.typed_answer for r in store.reviews()}
        foreign |= {a for a in seen if a.split(":")[0] != learner}
print(json.dumps({"foreign": sorted(foreign), "count": store.review_count()}))
"""


def test_app_processes_writing_at_once_lose_nothing_and_read_only_their_own(database):
    # An empty database: the four processes also race to create the schema.
    env = {**os.environ, DATABASE_URL_ENV: database}
    jobs = [("ana", 80, 0), ("ana", 80, 2), ("bob", 80, 0), ("cleo", 80, 3)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _APP_PROCESS, str(ROOT), learner, str(n), str(offset)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for learner, n, offset in jobs
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert all(r["foreign"] == [] for r in results)
    assert _sql(database, "SELECT version FROM schema_version") == [(SCHEMA_VERSION,)]
    stores = {
        name: store_pg.open_store(database, deck="lead", learner=name)
        for name in ("ana", "bob", "cleo")
    }
    assert {n: s.review_count() for n, s in stores.items()} == {"ana": 160, "bob": 80, "cleo": 80}
    ana = stores["ana"]
    assert sorted(r.typed_answer for r in ana.reviews()) == sorted(
        f"ana:{i}" for i in range(80) for _ in range(2)
    )
    assert {r.typed_answer.split(":")[0] for r in stores["bob"].reviews()} == {"bob"}
    # No lost update: each card is its reviews replayed in commit order.
    cards = ana.cards()
    by_number: dict[int, list] = {}
    for review in sorted(ana.reviews(), key=lambda r: r.id):
        by_number.setdefault(review.number, []).append(review)
    for number, reviews in by_number.items():
        card = scheduling.new_card(number, reviews[0].reviewed_at)
        for review in reviews:
            card = scheduling.apply_review(card, review.rating, review.reviewed_at, 1.0)
        assert card.to_dict() == cards[number].to_dict(), number


def test_learners_and_decks_never_see_each_other(postgres_url):
    run = uuid.uuid4().hex[:8]
    ana = store_pg.open_store(postgres_url, deck="lead", learner=f"ana-{run}")
    ana_other_deck = store_pg.open_store(postgres_url, deck="mine", learner=f"ana-{run}")
    bob = store_pg.open_store(postgres_url, deck="lead", learner=f"bob-{run}")
    ana.record_review(41, "good", 2.0, "secreto de ana")
    ana.set_bookmark(41, True)
    ana.set_note(41, "nota privada")
    ana.save_mock_session({"who": "ana"})
    empty = {"cards": [], "reviews": [], "bookmarks": [], "notes": [], "mock_sessions": []}
    assert bob.dump() == empty and ana_other_deck.dump() == empty
    assert bob.note(41) == "" and not bob.is_bookmarked(41) and bob.card(41) is None
    bob.reset()
    ana_other_deck.replace_all(empty)
    assert ana.review_count() == 1 and ana.notes() == {41: "nota privada"}


def test_every_statement_on_progress_tables_is_scoped_by_learner_and_deck(
    postgres_url, monkeypatch
):
    seen: list[str] = []
    for cls, name in ((psycopg.Connection, "execute"), (psycopg.Cursor, "executemany")):
        real = getattr(cls, name)

        def spy(self, query, *args, _real=real, **kwargs):
            seen.append(str(query))
            return _real(self, query, *args, **kwargs)

        monkeypatch.setattr(cls, name, spy)
    store = store_pg.open_store(postgres_url, deck="lead", learner=f"spy-{uuid.uuid4()}")
    store.record_review(3, "again", 1.0)
    store.save_mock_session({"a": 1}, reviews=[{"number": 4, "rating": "easy", "duration_s": 2}])
    store.set_bookmark(3, True), store.set_bookmark(3, False), store.set_note(3, "n")
    store.set_note(3, "")
    data = store.dump()
    store.replace_all(data)
    for read in ("cards", "reviews", "review_count", "reviews_per_day", "rating_counts"):
        getattr(store, read)()
    store.lapses(), store.bookmarks(), store.notes(), store.mock_sessions(), store.reset()
    store.card(3), store.note(3), store.is_bookmarked(3), store.reviews(3)
    touching = [q for q in seen if re.search(rf"\b({'|'.join(TABLES)})\b", q)]
    assert len(touching) >= 25
    unscoped = [q for q in touching if "%(l)s" not in q or "%(d)s" not in q]
    assert unscoped == []


# ------------------------------------------------------------------ migrations
def test_an_empty_database_is_migrated_to_the_current_schema(database):
    store = store_pg.open_store(database, deck="lead", learner="ana")
    assert store.schema_version() == SCHEMA_VERSION
    assert _sql(database, "SELECT version FROM schema_version") == [(SCHEMA_VERSION,)]
    tables = {t for (t,) in _sql(database, "SELECT tablename FROM pg_tables")}
    assert {*TABLES, "schema_version"} <= tables
    store.record_review(999, "good", 1.0)  # version 4's widened question numbers


def test_the_previous_schema_version_is_migrated_keeping_the_data(database):
    with psycopg.connect(database, autocommit=True) as conn:
        migrate(conn, target=SCHEMA_VERSION - 1)
        conn.execute(
            "INSERT INTO reviews (learner, deck, number, rating, typed_answer, covered_json,"
            " reviewed_at, duration_s, overrides_json) VALUES ('ana', 'lead', 41, 'good',"
            " 'umbral', '[\"Umbral\"]', '2026-11-01T09:00:00.000000+00:00', 4.5, '{\"x\": true}')"
        )
        conn.execute(
            "INSERT INTO notes VALUES ('ana', 'lead', 41, 'nota', "
            "'2026-11-01T09:00:00.000000+00:00')"
        )
        with pytest.raises(psycopg.errors.CheckViolation):  # version 3 stops at 115
            conn.execute(
                "INSERT INTO bookmarks VALUES ('ana', 'lead', 500, '2026-11-01T09:00:00+00:00')"
            )
    assert _sql(database, "SELECT version FROM schema_version") == [(SCHEMA_VERSION - 1,)]
    store = store_pg.open_store(database, deck="lead", learner="ana")
    assert store.schema_version() == SCHEMA_VERSION
    (review,) = store.reviews()
    assert (review.number, review.typed_answer, review.duration_s) == (41, "umbral", 4.5)
    assert review.covered == ("Umbral",) and review.overrides == {"x": True}
    assert store.notes() == {41: "nota"}
    store.set_bookmark(500, True)
    assert store.bookmarks() == [500]


def test_a_newer_schema_is_refused_clearly_and_left_untouched(database):
    with psycopg.connect(database, autocommit=True) as conn:
        migrate(conn)
        conn.execute("UPDATE schema_version SET version = %s", (SCHEMA_VERSION + 1,))
        conn.execute("INSERT INTO bookmarks VALUES ('ana', 'lead', 5, 'then')")
    before = _snapshot(database)
    with pytest.raises(StoreUnavailable) as caught:
        store_pg.open_store(database, deck="lead", learner="ana")
    message = str(caught.value)
    assert "newer version of Simulacro" in message
    assert f"schema version {SCHEMA_VERSION + 1}" in message and "untouched" in message
    assert database.rsplit("/", 1)[1] in message
    assert _snapshot(database) == before


# ------------------------------------------------------------------ a dropped connection
def test_a_dropped_connection_reconnects_and_loses_nothing(database, monkeypatch):
    store = store_pg.open_store(database, deck="lead", learner="ana")
    for i in range(5):
        store.record_review(1 + i, "good", 1.0)
    store.set_note(1, "antes")
    assert _terminate_others(database) >= 1  # every pooled connection is now dead
    assert store.review_count() == 5  # a read: reconnects, runs again
    assert _terminate_others(database) >= 1
    store.record_review(6, "hard", 1.0)  # a write that had not committed: runs again
    assert store.review_count() == 6

    # Dropped in the middle of a write transaction (after its first statements).
    real = scheduling.apply_review
    dropped: list[int] = []

    def drop_then_apply(*args, **kwargs):
        if not dropped:
            dropped.append(_terminate_others(database))
        return real(*args, **kwargs)

    monkeypatch.setattr(scheduling, "apply_review", drop_then_apply)
    review = store.record_review(7, "easy", 1.0)
    assert len(dropped) == 1 and dropped[0] >= 1  # the writing connection among them
    assert [r.id for r in store.reviews(7)] == [review.id]  # once, not twice
    assert store.review_count() == 7 and store.note(1) == "antes"


def test_a_server_restart_mid_session_loses_nothing(postgres_server, database):
    store = store_pg.open_store(database, deck="lead", learner="ana")
    store.record_review(1, "good", 1.0)
    store.set_bookmark(1, True)
    postgres_server.stop()
    postgres_server.start()
    store.record_review(2, "good", 1.0)
    assert store.review_count() == 2 and store.bookmarks() == [1]


def test_a_write_while_the_server_is_down_fails_clearly(postgres_server, database, monkeypatch):
    monkeypatch.setattr(store_pg, "POOL_TIMEOUT_S", 0.5)
    store = store_pg.open_store(database, deck="lead", learner="ana")
    store.record_review(1, "good", 1.0)
    postgres_server.stop()
    try:
        with pytest.raises(StoreUnavailable) as caught:
            store.record_review(2, "good", 1.0)
    finally:
        postgres_server.start()
    message = str(caught.value)
    assert message.startswith("The change was not saved")
    assert f"{postgres_server.host}:{postgres_server.port}" in message
    assert "refused" in message.lower() or "no such file" in message.lower(), message
    assert store.review_count() == 1


# ------------------------------------------------------------------ bad configuration
def test_the_server_down_at_start_is_a_clear_message(tmp_path, monkeypatch):
    from tools.server import free_port as _free_port

    port = _free_port()  # nothing listens there
    monkeypatch.setenv(DATABASE_URL_ENV, f"postgresql://app:hunter2@127.0.0.1:{port}/simulacro")
    with pytest.raises(StoreUnavailable) as caught:
        open_progress_store(tmp_path, deck="lead", learner="ana")
    message = str(caught.value)
    assert f"postgresql://app@127.0.0.1:{port}/simulacro" in message
    assert "refused" in message.lower() and "hunter2" not in message
    assert not (tmp_path / "learners").exists()  # no SQLite fallback written either


@pytest.fixture
def password_database(postgres_server):
    """A database owned by a role that must give its password (scram), not trusted."""
    role, password = "simulacro_pw", "Tr1cky pass/@:word"
    hba = postgres_server.data_dir / "pg_hba.conf"
    rule = f"host all {role} 127.0.0.1/32 scram-sha-256\n"
    if rule not in hba.read_text():
        stat = hba.stat()
        hba.write_text(rule + hba.read_text())  # first match wins: before the trust lines
        os.chown(hba, stat.st_uid, stat.st_gid)
        postgres_server._run(["pg_ctl", "-D", str(postgres_server.data_dir), "reload"])
        admin = postgres_server.url()
        _sql(admin, f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        _sql(admin, f"CREATE DATABASE simulacro_pw OWNER {role}")
    host = f"{postgres_server.host}:{postgres_server.port}"
    return role, password, host


def test_wrong_credentials_say_so_without_the_password(password_database, tmp_path, monkeypatch):
    from urllib.parse import quote

    role, password, host = password_database
    wrong = f"postgresql://{role}:{quote('wrong-Secret-9', safe='')}@{host}/simulacro_pw"
    monkeypatch.setenv(DATABASE_URL_ENV, wrong)
    with pytest.raises(StoreUnavailable) as caught:
        open_progress_store(tmp_path, deck="lead", learner="ana")
    message = str(caught.value)
    assert "password authentication failed" in message and role in message
    assert "wrong-Secret-9" not in message and "wrong-Secret" not in message
    # The right password works, and is never part of where the store says it is.
    right = f"postgresql://{role}:{quote(password, safe='')}@{host}/simulacro_pw"
    monkeypatch.setenv(DATABASE_URL_ENV, right)
    store = open_progress_store(tmp_path, deck="lead", learner="ana")
    store.record_review(1, "good", 1.0)
    assert store.location == "the shared PostgreSQL database 'simulacro_pw' (deck 'lead')"


def test_a_missing_database_or_role_is_named(postgres_server, tmp_path, monkeypatch):
    host = f"{postgres_server.host}:{postgres_server.port}"
    for url, expected in (
        (f"postgresql://{postgres_server.user}@{host}/no_such_db", '"no_such_db" does not exist'),
        (f"postgresql://nobody@{host}/postgres", '"nobody" does not exist'),
    ):
        monkeypatch.setenv(DATABASE_URL_ENV, url)
        with pytest.raises(StoreUnavailable, match=expected):
            open_progress_store(tmp_path, deck="lead", learner="ana")


def test_the_bench_plug_in_times_both_engines(postgres_url, monkeypatch):
    from tools import store_pg_bench
    from tools.bench import BENCH_PLUGINS

    assert "tools.store_pg_bench:bench" in BENCH_PLUGINS
    monkeypatch.setenv(DATABASE_URL_ENV, postgres_url)
    for name, value in (("N_WRITES", 3), ("N_READS", 2), ("N_FILLED", 20), ("N_THREAD_WRITES", 2)):
        monkeypatch.setattr(store_pg_bench, name, value)
    report = store_pg_bench.bench()
    for engine in ("store_sqlite", "store_postgres"):
        figures = report[engine]
        assert figures["record_review"]["median_ms"] > 0, engine
        assert set(figures) >= {"reviews", "cards", "review_count", "dump"}
    assert report["store_postgres"]["server"] == DATABASE_URL_ENV
    leftovers = _sql(postgres_url, "SELECT count(*) FROM reviews WHERE learner LIKE 'bench-%%'")
    assert leftovers == [(0,)]  # the bench removed what it wrote


def test_text_postgresql_cannot_hold_is_refused_clearly_and_writes_nothing(postgres_url):
    # PostgreSQL text cannot hold NUL (SQLite can): a clear ValueError, not a driver error.
    store = store_pg.open_store(postgres_url, deck="lead", learner=f"nul-{uuid.uuid4()}")
    with pytest.raises(ValueError, match="typed_answer: contains a NUL"):
        store.record_review(1, "good", 1.0, "a\x00b")
    with pytest.raises(ValueError, match="note: contains a NUL"):
        store.set_note(1, "a\x00b")
    store.record_review(2, "good", 1.0)
    data = store.dump()
    data["reviews"][0]["typed_answer"] = "x\x00"
    with pytest.raises(ValueError, match=r"reviews\[0\]\.typed_answer"):
        store.replace_all(data)
    assert store.review_count() == 1 and store.notes() == {}


def test_a_commit_without_answer_saves_the_review_exactly_once(database, monkeypatch):
    store = store_pg.open_store(database, deck="lead", learner="ana")
    store.record_review(1, "good", 1.0)
    real_execute = psycopg.Connection.execute
    armed: list[bool] = []

    def commit_then_lose_the_answer(self, query, *args, **kwargs):
        result = real_execute(self, query, *args, **kwargs)
        if query == "COMMIT" and armed:
            armed.pop()  # the server committed; the app never hears back
            raise psycopg.OperationalError("server closed the connection unexpectedly")
        return result

    monkeypatch.setattr(psycopg.Connection, "execute", commit_then_lose_the_answer)
    armed.append(True)
    review = store.record_review(2, "hard", 2.5, "dos")
    assert armed == []
    armed.append(True)
    session = store.save_mock_session({"m": 1})
    assert armed == []
    monkeypatch.setattr(psycopg.Connection, "execute", real_execute)
    assert [r.id for r in store.reviews(2)] == [review.id]  # found, not written twice
    assert [s["id"] for s in store.mock_sessions()] == [session]
    lost: list[str] = []

    # Dropped before the COMMIT reached the server: looked for, missing, written again.
    real_insert = store_pg._insert_review

    def insert_then_drop(conn, scope, row):
        result = real_insert(conn, scope, row)
        if not lost:
            lost.append("before")
            _terminate_others(database)  # this very connection too: COMMIT fails
        return result

    monkeypatch.setattr(store_pg, "_insert_review", insert_then_drop)
    again = store.record_review(3, "easy", 1.0)
    assert lost == ["before"]
    assert [r.id for r in store.reviews(3)] == [again.id]
    assert store.review_count() == 3
    assert [s["id"] for s in store.mock_sessions()] == [session]


def test_a_store_outlives_close_pools(database):
    store = store_pg.open_store(database, deck="lead", learner="ana")
    store.record_review(1, "good", 1.0)
    store_pg.close_pools()  # a clean shutdown of the pools, or a test's teardown
    store.record_review(2, "good", 1.0)
    assert store.review_count() == 2
