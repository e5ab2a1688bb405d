"""Progress per deck: version-4 migration keeps everything; each deck has its own progress."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from simulacro import cli_import
from simulacro.decks import built_in_deck, load_deck
from simulacro.store import DB_NAME, ProgressStore
from simulacro.store_schema import MIGRATIONS, SCHEMA_VERSION

FAMILY = Path(__file__).resolve().parent / "fixtures" / "family"
T = "2026-11-01T10:00:00.000000+00:00"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("SIMULACRO_DATA_DIR", str(folder))
    return folder


def _version_3_file(folder: Path) -> None:
    """A genuine version-3 progress file, with a row in every table."""
    folder.mkdir(parents=True)
    conn = sqlite3.connect(folder / DB_NAME, isolation_level=None)
    for script in MIGRATIONS[:3]:
        conn.executescript(script)
    conn.execute("PRAGMA user_version = 3")
    store_card = ProgressStore.in_memory()
    store_card.record_review(41, "good", 10.0)
    (card_json,) = store_card._read(lambda c: c.execute("SELECT card_json FROM cards").fetchone())
    conn.execute("INSERT INTO cards VALUES (41, ?, ?, ?)", (card_json, T, T))
    for review_id in (1, 2, 7):
        conn.execute(
            "INSERT INTO reviews (id, number, rating, typed_answer, covered_json, reviewed_at,"
            " duration_s, overrides_json) VALUES (?, 41, 'good', 'umbral', '[\"A\"]', ?, 3.5,"
            " '{\"A\": true}')",
            (review_id, T),
        )
    conn.execute("INSERT INTO bookmarks VALUES (58, ?)", (T,))
    conn.execute("INSERT INTO notes VALUES (58, 'mi nota', ?)", (T,))
    conn.execute("INSERT INTO mock_sessions (saved_at, report_json) VALUES (?, '{}')", (T,))
    conn.close()


def test_version_4_migration_keeps_every_row_of_the_built_in_deck(data_dir):
    _version_3_file(data_dir)
    store = ProgressStore.open(built_in_deck().progress_dir)
    assert store.warning is None and store.schema_version() == SCHEMA_VERSION == 4
    dump = store.dump()
    assert [c["number"] for c in dump["cards"]] == [41]
    assert [(r["number"], r["typed_answer"], r["duration_s"]) for r in dump["reviews"]] == [
        (41, "umbral", 3.5)
    ] * 3
    assert store.reviews()[0].overrides == {"A": True}
    assert store.bookmarks() == [58] and store.notes() == {58: "mi nota"}
    assert len(store.mock_sessions()) == 1
    new = store.record_review(500, "easy", 2.0)  # a deck's own number beyond 115
    assert new.id == 8  # ids go on after the highest one (AUTOINCREMENT kept)
    conn = sqlite3.connect(data_dir / DB_NAME)
    indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"reviews_by_time", "reviews_by_number"} <= indexes
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO bookmarks VALUES (1000, ?)", (T,))


def test_each_deck_keeps_its_own_progress(data_dir, capsys):
    assert cli_import.main([str(FAMILY / "simulacro_junior.md"), "--deck", "junior"]) == 0
    lead = ProgressStore.open(built_in_deck().progress_dir)
    junior = ProgressStore.open(load_deck("junior").progress_dir)
    lead.set_bookmark(12, True)
    lead.record_review(12, "good", 5.0)
    junior.set_note(12, "GroupBy: split-apply-combine")
    junior.save_mock_session(
        {"preset": "rapid"}, [{"number": 31, "rating": "hard", "duration_s": 9}]
    )
    assert lead.bookmarks() == [12] and junior.bookmarks() == []
    assert lead.notes() == {} and junior.notes() == {12: "GroupBy: split-apply-combine"}
    assert set(lead.cards()) == {12} and set(junior.cards()) == {31}
    assert lead.mock_sessions() == [] and len(junior.mock_sessions()) == 1
    assert (data_dir / "decks" / "junior" / DB_NAME).is_file()
