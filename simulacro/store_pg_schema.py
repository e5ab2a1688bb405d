"""The PostgreSQL progress schema and its migrations, numbered like SQLite's (store_schema).

One database serves every learner and every deck: each row carries (learner, deck) and
each key starts with them. Version N here holds what version N of the SQLite file holds,
so `SCHEMA_VERSION` is shared and an export is the same whichever engine wrote it.
Timestamps and JSON stay TEXT, as in SQLite: the export copies them byte for byte, and the
fixed-width ISO text sorts in time order (timestamps use the "C" collation: byte order, as
SQLite's, whatever the database's locale).

The version lives in the one-row table `schema_version`. Migrations run in one transaction
while holding an advisory lock, so two app processes starting at once never migrate twice, and a
failure leaves the database at its previous version (PostgreSQL's DDL is transactional).
Never edit a released migration: add one here and in store_schema.
"""

from __future__ import annotations

from typing import Any

from simulacro.store_schema import SCHEMA_VERSION

# pg_advisory_lock key of the migration ("simulacro" in ASCII hex, truncated).
MIGRATION_LOCK = 0x73696D756C6163

_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)"

# Version 1: the first release. Constraints on `number` are named so version 4 can widen them.
_V1 = """
CREATE TABLE cards (
    learner     text NOT NULL,
    deck        text NOT NULL,
    number      integer NOT NULL CONSTRAINT cards_number CHECK (number BETWEEN 1 AND 115),
    card_json   text NOT NULL,
    due         text COLLATE "C" NOT NULL,
    updated_at  text COLLATE "C" NOT NULL,
    PRIMARY KEY (learner, deck, number)
);
CREATE TABLE reviews (
    id            bigserial PRIMARY KEY,
    learner       text NOT NULL,
    deck          text NOT NULL,
    number        integer NOT NULL CONSTRAINT reviews_number CHECK (number BETWEEN 1 AND 115),
    rating        text NOT NULL CHECK (rating IN ('again', 'hard', 'good', 'easy')),
    typed_answer  text NOT NULL DEFAULT '',
    covered_json  text NOT NULL DEFAULT '[]',
    reviewed_at   text COLLATE "C" NOT NULL
);
CREATE INDEX reviews_by_time ON reviews (learner, deck, reviewed_at);
CREATE INDEX reviews_by_number ON reviews (learner, deck, number);
CREATE TABLE bookmarks (
    learner     text NOT NULL,
    deck        text NOT NULL,
    number      integer NOT NULL CONSTRAINT bookmarks_number CHECK (number BETWEEN 1 AND 115),
    created_at  text COLLATE "C" NOT NULL,
    PRIMARY KEY (learner, deck, number)
);
CREATE TABLE mock_sessions (
    id           bigserial PRIMARY KEY,
    learner      text NOT NULL,
    deck         text NOT NULL,
    saved_at     text COLLATE "C" NOT NULL,
    report_json  text NOT NULL
);
CREATE INDEX mock_sessions_by_learner ON mock_sessions (learner, deck, saved_at);
"""

# Version 2: time taken per review, and personal notes per question.
_V2 = """
ALTER TABLE reviews ADD COLUMN duration_s double precision NOT NULL DEFAULT 0;
CREATE TABLE notes (
    learner     text NOT NULL,
    deck        text NOT NULL,
    number      integer NOT NULL CONSTRAINT notes_number CHECK (number BETWEEN 1 AND 115),
    text        text NOT NULL,
    updated_at  text COLLATE "C" NOT NULL,
    PRIMARY KEY (learner, deck, number)
);
"""

# Version 3: the learner's corrections of the grader, per review (label -> covered).
_V3 = """
ALTER TABLE reviews ADD COLUMN overrides_json text NOT NULL DEFAULT '{}';
"""

# Version 4: decks number their questions up to 999 (model.MAX_QUESTION_NUMBER).
_V4 = "\n".join(
    f"ALTER TABLE {table} DROP CONSTRAINT {table}_number;\n"
    f"ALTER TABLE {table} ADD CONSTRAINT {table}_number CHECK (number BETWEEN 1 AND 999);"
    for table in ("cards", "reviews", "bookmarks", "notes")
)

# MIGRATIONS[i] takes a database from version i to version i + 1.
MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4)
TABLES: tuple[str, ...] = ("cards", "reviews", "bookmarks", "notes", "mock_sessions")

if len(MIGRATIONS) != SCHEMA_VERSION:  # pragma: no cover - caught by any import in tests
    raise RuntimeError("store_pg_schema and store_schema disagree on the schema version")


class NewerSchema(Exception):
    """The database was written by a newer Simulacro; it must stay untouched."""

    def __init__(self, found: int) -> None:
        self.found = found
        super().__init__(found)


def found_version(conn: Any) -> int:
    """The database's schema version (0: no Simulacro tables yet). Reads only."""
    row = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    if not row[0]:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: Any, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema up to `target` (a psycopg connection in autocommit mode).

    Returns the version found. A database already current is only read (no lock, no
    write); a newer one raises NewerSchema before anything is written.
    """
    found = found_version(conn)
    if found > SCHEMA_VERSION:
        raise NewerSchema(found)
    if found >= target:
        return found
    # A session lock taken before the transaction, not pg_advisory_xact_lock inside it: a
    # backend reads the catalog changes others committed when a transaction starts, so a
    # transaction begun before the lock was granted would not see the tables the process
    # that held the lock just created ("relation cards already exists": measured).
    conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
    try:
        with conn.transaction():
            found = found_version(conn)  # another process may have migrated while we waited
            if found > SCHEMA_VERSION:
                raise NewerSchema(found)
            conn.execute(_VERSION_TABLE)
            if not conn.execute("SELECT 1 FROM schema_version").fetchone():
                conn.execute("INSERT INTO schema_version (version) VALUES (0)")
            for version in range(found, target):
                for statement in _statements(MIGRATIONS[version]):
                    conn.execute(statement)
                conn.execute("UPDATE schema_version SET version = %s", (version + 1,))
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
    return found


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
