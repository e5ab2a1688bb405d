"""The progress store: concurrency, recovery, migration, export/import."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from simulacro import progress_cli, scheduling
from simulacro import store as store_module
from simulacro.progress_io import (
    ProgressImportError,
    export_json,
    export_progress,
    import_progress,
)
from simulacro.store import DB_NAME, ProgressStore
from simulacro.store_schema import SCHEMA_VERSION, V1_SCHEMA

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def _fill(store: ProgressStore, n: int = 40) -> None:
    ratings = ("again", "hard", "good", "easy")
    for i in range(n):
        store.record_review(
            1 + (i * 7) % 115,
            ratings[i % 4],
            5.0 + i,
            typed_answer=f"respuesta {i} con acentos: ñ á",
            covered=[f"punto {i}"] if i % 2 else [],
            when=T0 + timedelta(hours=i * 5),
        )
    store.set_bookmark(41, True)
    store.set_bookmark(58, True)
    store.set_note(41, "Umbrales 0.3 / 0.7")
    store.save_mock_session({"preset": "rapid", "questions": [41, 58], "coverage": 0.5})


def _digest(directory: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.iterdir())
        if p.is_file()
    }


def test_open_creates_the_folder_and_a_current_schema(isolated_data_dir):
    store = ProgressStore.open()
    assert store.warning is None
    assert store.path == isolated_data_dir / DB_NAME
    assert store.path.is_file()
    assert store.schema_version() == SCHEMA_VERSION
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_record_review_updates_the_card_and_keeps_every_field():
    store = ProgressStore.open()
    store.record_review(41, "good", 12.5, "umbral 0.3", ["Umbrales"], when=T0)
    store.record_review(41, "again", 3, when=T0 + timedelta(days=2))
    reviews = store.reviews(41)
    assert [r.rating for r in reviews] == ["good", "again"]
    assert reviews[0].duration_s == 12.5
    assert reviews[0].typed_answer == "umbral 0.3"
    assert reviews[0].covered == ("Umbrales",)
    assert reviews[0].reviewed_at == T0
    card = store.card(41)
    assert card is not None and card.card_id == 41
    assert card.last_review == T0 + timedelta(days=2)
    assert store.lapses() == {41: 1}
    with pytest.raises(ValueError, match="rating"):
        store.record_review(41, "great", 1)
    with pytest.raises(ValueError, match="outside 1-999"):  # a deck may number up to 999
        store.record_review(1000, "good", 1)
    assert store.review_count() == 2  # the rejected calls wrote nothing


def test_bookmarks_notes_and_mock_sessions():
    store = ProgressStore.open()
    store.set_bookmark(7, True)
    store.set_bookmark(7, True)  # idempotent
    assert store.is_bookmarked(7) and store.bookmarks() == [7]
    store.set_bookmark(7, False)
    assert not store.is_bookmarked(7)
    store.set_note(9, "mi nota")
    assert store.note(9) == "mi nota" and store.notes() == {9: "mi nota"}
    store.set_note(9, "   ")
    assert store.note(9) == "" and store.notes() == {}
    first = store.save_mock_session({"score": 1})
    second = store.save_mock_session({"score": 2})
    sessions = store.mock_sessions()
    assert [s["id"] for s in sessions] == [first, second]
    assert [s["score"] for s in sessions] == [1, 2]


def test_threads_writing_at_once_lose_no_review():
    # Streamlit tabs are threads sharing the cached store; add one with its own object too.
    shared, other = ProgressStore.open(), ProgressStore.open()
    stores = [shared, shared, other]
    errors: list[BaseException] = []
    start = threading.Barrier(len(stores))

    def writer(store: ProgressStore, offset: int) -> None:
        try:
            start.wait()
            for i in range(100):
                store.record_review(1 + (offset + i) % 115, "good", 1.0)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(s, k * 40)) for k, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert shared.review_count() == 300
    # Every review also advanced its card: 300 reviews over 115 cards, none skipped.
    assert sum(1 for r in shared.reviews() if r.rating == "good") == 300
    cards = shared.cards()
    assert len(cards) == 115
    # No lost update: replaying each question's reviews in commit order gives its card.
    by_number: dict[int, list] = {}
    for review in sorted(shared.reviews(), key=lambda r: r.id):
        by_number.setdefault(review.number, []).append(review)
    for number, reviews in by_number.items():
        card = scheduling.new_card(number, reviews[0].reviewed_at)
        for review in reviews:
            card = scheduling.apply_review(card, review.rating, review.reviewed_at)
        assert card.to_dict() == cards[number].to_dict(), number


_PROCESS_WRITER = """
import sys
sys.path.insert(0, sys.argv[1])
from simulacro.store import ProgressStore
store = ProgressStore.open(sys.argv[2])
assert store.warning is None, store.warning
for i in range(int(sys.argv[3])):
    store.record_review(1 + (int(sys.argv[4]) + i) % 115, "hard", 2.0)
"""


def test_two_processes_writing_at_once_lose_no_review(isolated_data_dir):
    # No file yet: both processes race to create and migrate it, then to write.
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _PROCESS_WRITER, str(ROOT), str(isolated_data_dir), "150", k],
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in ("0", "60")
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    assert ProgressStore.open().review_count() == 300


def test_a_held_lock_is_waited_out_not_shown(monkeypatch, isolated_data_dir):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 50)  # force our retry loop to work
    store = ProgressStore.open()
    blocker = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    released = threading.Timer(0.6, lambda: blocker.execute("COMMIT"))
    released.start()
    started = time.monotonic()
    store.record_review(3, "good", 1.0)  # must not raise "database is locked"
    assert time.monotonic() - started >= 0.5
    released.join()
    blocker.close()
    assert store.review_count() == 1


def test_non_sqlite_file_is_moved_aside_and_kept(isolated_data_dir):
    isolated_data_dir.mkdir(parents=True)
    bad = isolated_data_dir / DB_NAME
    bad.write_bytes(b"this is my shopping list, not a database\n")
    store = ProgressStore.open()
    moved = [p for p in isolated_data_dir.iterdir() if p.name.startswith(f"{DB_NAME}.corrupt-")]
    assert len(moved) == 1
    assert moved[0].read_bytes() == b"this is my shopping list, not a database\n"
    assert store.warning and str(moved[0]) in store.warning
    assert store.path == bad and store.schema_version() == SCHEMA_VERSION
    store.record_review(1, "good", 1.0)
    assert store.review_count() == 1


def test_damaged_sqlite_file_is_moved_aside(isolated_data_dir):
    store = ProgressStore.open()
    _fill(store, 300)
    store.close()  # checkpoint the WAL into the file we are about to damage
    data = bytearray(store.path.read_bytes())
    assert len(data) > 3 * 4096
    data[4096 : 3 * 4096] = os.urandom(2 * 4096)  # trash pages 2-3, keep the header
    store.path.write_bytes(bytes(data))
    fresh = ProgressStore.open()
    moved = [p for p in isolated_data_dir.iterdir() if ".corrupt-" in p.name]
    assert [p.read_bytes() for p in moved if p.name.endswith(tuple("0123456789Z"))] == [bytes(data)]
    assert fresh.warning and "moved to" in fresh.warning
    assert fresh.review_count() == 0


def test_migration_from_version_1_keeps_the_data(isolated_data_dir):
    isolated_data_dir.mkdir(parents=True)
    conn = sqlite3.connect(isolated_data_dir / DB_NAME, isolation_level=None)
    conn.executescript(V1_SCHEMA)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO reviews (number, rating, typed_answer, covered_json, reviewed_at)"
        " VALUES (41, 'good', 'viejo', '[]', '2026-10-01T10:00:00.000000+00:00')"
    )
    conn.execute("INSERT INTO bookmarks VALUES (41, '2026-10-01T10:00:00.000000+00:00')")
    conn.close()
    with pytest.raises(sqlite3.OperationalError):  # v1 really has no notes table
        sqlite3.connect(isolated_data_dir / DB_NAME).execute("SELECT * FROM notes")

    store = ProgressStore.open()
    assert store.warning is None
    assert store.schema_version() == SCHEMA_VERSION == 4
    [old] = store.reviews()
    assert (old.number, old.rating, old.typed_answer, old.duration_s) == (41, "good", "viejo", 0)
    assert old.overrides == {}  # version 3: no corrections of the grader before
    assert store.bookmarks() == [41]
    store.set_note(41, "ahora hay notas")
    store.record_review(41, "easy", 4.5)
    assert store.note(41) == "ahora hay notas"
    assert store.reviews()[-1].duration_s == 4.5


def test_grader_overrides_are_stored_with_the_review_and_round_trip(tmp_path):
    source = ProgressStore.open(tmp_path / "a")
    corrections = {"Umbral 0.3": True, "Contacto proactivo": False}
    source.record_review(41, "good", 9.0, "umbral", ["Umbral 0.3"], overrides=corrections)
    source.record_review(42, "hard", 3.0)
    assert [r.overrides for r in source.reviews()] == [corrections, {}]
    with pytest.raises(ValueError, match="overrides"):
        source.record_review(41, "good", 1.0, overrides={"x": "yes"})
    target = ProgressStore.open(tmp_path / "b")
    import_progress(target, export_json(source))
    assert [r.overrides for r in target.reviews()] == [corrections, {}]
    assert export_progress(target)["reviews"] == export_progress(source)["reviews"]
    document = json.loads(export_json(source))
    document["reviews"][0]["overrides"] = {"Umbral 0.3": "yes"}
    with pytest.raises(ProgressImportError, match=r"reviews\[0\]\.overrides"):
        import_progress(target, document)


def test_unusable_folder_falls_back_to_memory_with_a_warning(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("SIMULACRO_DATA_DIR", str(blocker / "data"))  # parent is a file
    store = ProgressStore.open()
    assert store.in_memory_only and store.path is None
    assert store.warning and "memory" in store.warning and str(blocker / "data") in store.warning
    store.record_review(5, "good", 1.0)
    store.set_note(5, "sí")
    assert store.review_count() == 1 and store.note(5) == "sí"


def test_export_import_round_trip_is_equal(tmp_path):
    source = ProgressStore.open(tmp_path / "a")
    _fill(source)
    exported = export_progress(source)
    target = ProgressStore.open(tmp_path / "b")
    target.record_review(100, "again", 1.0)  # replaced by the import
    summary = import_progress(target, export_json(source))
    assert summary.reviews == 40 and summary.bookmarks == 2 and summary.notes == 1
    again = export_progress(target)
    exported.pop("exported_at"), again.pop("exported_at")
    assert again == exported
    assert target.cards() == source.cards()
    assert target.note(41) == "Umbrales 0.3 / 0.7"


def test_invalid_import_changes_nothing_and_says_where(isolated_data_dir):
    store = ProgressStore.open()
    _fill(store)
    document = export_progress(store)
    document["reviews"][12]["rating"] = "great"
    document["bookmarks"][1]["number"] = 1200
    document["notes"][0]["updated_at"] = "yesterday"
    store.close()  # everything checkpointed into the main file, no -wal left to compare
    before = _digest(isolated_data_dir)
    with pytest.raises(ProgressImportError) as caught:
        import_progress(store, json.dumps(document))
    assert _digest(isolated_data_dir) == before
    assert caught.value.errors == [
        "reviews[12].rating: 'great' is not one of again/hard/good/easy",
        "bookmarks[1].number: 1200 is outside 1-999",
        "notes[0].updated_at: 'yesterday' is not an ISO 8601 timestamp",
    ]
    # ...while a valid import of the same store does rewrite the file.
    document = export_progress(store)
    document["reviews"] = document["reviews"][:5]
    import_progress(store, document)
    store.close()
    assert _digest(isolated_data_dir) != before and store.review_count() == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "not valid JSON at line 1"),
        ("[]", "expected a JSON object"),
        ('{"format": "simulacro-progress", "schema_version": 99}', "schema_version: 99"),
    ],
)
def test_import_rejects_malformed_documents(text, expected):
    store = ProgressStore.open()
    with pytest.raises(ProgressImportError, match=expected):
        import_progress(store, text)


def test_cli_export_and_import(tmp_path, capsys):
    store = ProgressStore.open()
    _fill(store, 10)
    out = tmp_path / "progress.json"
    assert progress_cli.export_main([str(out)]) == 0
    assert json.loads(out.read_text())["reviews"][0]["number"] == 1
    store.reset()
    assert store.review_count() == 0
    assert progress_cli.import_main([str(out)]) == 0
    assert store.review_count() == 10
    bad = tmp_path / "bad.json"
    document = json.loads(out.read_text())
    document["reviews"][3]["number"] = 0
    bad.write_text(json.dumps(document))
    capsys.readouterr()
    assert progress_cli.import_main([str(bad)]) == 1
    assert "reviews[3].number: 0 is outside 1-999" in capsys.readouterr().err
    assert store.review_count() == 10


def test_mock_session_and_its_reviews_are_saved_together():
    store = ProgressStore.open()
    reviews = [
        {"number": 41, "rating": "good", "duration_s": 80.0, "typed_answer": "umbral"},
        {"number": 58, "rating": "hard", "duration_s": 95.5, "covered": ["MAPE"]},
    ]
    session_id = store.save_mock_session({"preset": "rapid"}, reviews=reviews)
    assert [s["id"] for s in store.mock_sessions()] == [session_id]
    assert [(r.number, r.rating) for r in store.reviews()] == [(41, "good"), (58, "hard")]
    assert set(store.cards()) == {41, 58}
    bad = [*reviews, {"number": 1000, "rating": "good", "duration_s": 1.0}]
    with pytest.raises(ValueError, match="1000"):
        store.save_mock_session({"preset": "rapid"}, reviews=bad)
    assert len(store.mock_sessions()) == 1 and store.review_count() == 2  # nothing half-saved
