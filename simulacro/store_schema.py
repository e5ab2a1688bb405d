"""The progress database schema, versioned with `PRAGMA user_version`, and its migrations.

A fresh file starts at version 0 and runs every migration in order; an older file runs only
the missing ones. Each migration runs inside the caller's write transaction, so a failure
leaves the file at its previous version. Never edit a released migration: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

RATINGS: tuple[str, ...] = ("again", "hard", "good", "easy")

# Version 1: the first release. Reviews had no duration and there were no personal notes.
_V1 = """
CREATE TABLE cards (
    number      INTEGER PRIMARY KEY CHECK (number BETWEEN 1 AND 115),
    card_json   TEXT NOT NULL,          -- fsrs.Card.to_json(), card_id == number
    due         TEXT NOT NULL,          -- ISO 8601 UTC, copied from the card for queries
    updated_at  TEXT NOT NULL
);
CREATE TABLE reviews (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    number        INTEGER NOT NULL CHECK (number BETWEEN 1 AND 115),
    rating        TEXT NOT NULL CHECK (rating IN ('again', 'hard', 'good', 'easy')),
    typed_answer  TEXT NOT NULL DEFAULT '',
    covered_json  TEXT NOT NULL DEFAULT '[]',   -- key-point labels covered
    reviewed_at   TEXT NOT NULL                 -- ISO 8601 UTC
);
CREATE INDEX reviews_by_time ON reviews (reviewed_at);
CREATE INDEX reviews_by_number ON reviews (number);
CREATE TABLE bookmarks (
    number      INTEGER PRIMARY KEY CHECK (number BETWEEN 1 AND 115),
    created_at  TEXT NOT NULL
);
CREATE TABLE mock_sessions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    saved_at     TEXT NOT NULL,
    report_json  TEXT NOT NULL
);
"""

# Version 2: time taken per review, and personal notes per question.
_V2 = """
ALTER TABLE reviews ADD COLUMN duration_s REAL NOT NULL DEFAULT 0;
CREATE TABLE notes (
    number      INTEGER PRIMARY KEY CHECK (number BETWEEN 1 AND 115),
    text        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
"""

# Version 3: the learner's corrections of the grader, per review (label -> covered).
_V3 = """
ALTER TABLE reviews ADD COLUMN overrides_json TEXT NOT NULL DEFAULT '{}';
"""


# Version 4: decks. A deck of its own (an imported document, with its own progress file)
# numbers its questions up to 999, so the CHECK on `number` widens from 1-115 to 1-999
# (model.MAX_QUESTION_NUMBER). SQLite cannot alter a CHECK: each table is rebuilt from its
# own stored definition, so the columns earlier migrations added come along unchanged.
_DECK_NUMBER_TABLES = ("cards", "reviews", "bookmarks", "notes")


def _v4_deck_numbers(conn: sqlite3.Connection) -> None:
    for table in _DECK_NUMBER_TABLES:
        (definition,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        indexes = [
            row[0]
            for row in conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
                " AND sql IS NOT NULL",
                (table,),
            )
        ]
        widened = definition.replace("BETWEEN 1 AND 115", "BETWEEN 1 AND 999")
        conn.execute(widened.replace(f"CREATE TABLE {table}", f"CREATE TABLE {table}_v4", 1))
        conn.execute(f"INSERT INTO {table}_v4 SELECT * FROM {table}")  # noqa: S608 - ours
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE {table}_v4 RENAME TO {table}")
        for index in indexes:
            conn.execute(index)


# MIGRATIONS[i] takes a database from version i to version i + 1: a script, or a function
# run inside the same transaction when plain SQL cannot express the change.
MIGRATIONS: tuple[str | Callable[[sqlite3.Connection], None], ...] = (
    _V1,
    _V2,
    _V3,
    _v4_deck_numbers,
)
SCHEMA_VERSION = len(MIGRATIONS)
# Exports written at these versions have the same shape (version 4 only widened numbers).
EXPORT_COMPATIBLE_VERSIONS: tuple[int, ...] = (3, 4)
V1_SCHEMA = _V1  # exposed so tests can build a genuine version-1 file


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to SCHEMA_VERSION inside the caller's transaction.

    Returns the version found before migrating. Raises ValueError for a file written by a
    newer app (we must not guess what its tables mean).
    """
    found = user_version(conn)
    if found > SCHEMA_VERSION:
        raise ValueError(
            f"the progress file has schema version {found}, newer than this app "
            f"supports ({SCHEMA_VERSION}); update Simulacro"
        )
    for version in range(found, SCHEMA_VERSION):
        step = MIGRATIONS[version]
        if callable(step):
            step(conn)
        else:
            for statement in _statements(step):
                conn.execute(statement)
        # PRAGMA takes no parameters; the value is our own int.
        conn.execute(f"PRAGMA user_version = {version + 1}")
    return found


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would COMMIT our txn)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
