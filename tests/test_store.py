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
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_store_contract import fill  # the same 40 reviews, bookmarks, notes, mocks

from simulacro import progress_cli
from simulacro import store as store_module
from simulacro.progress_io import (
    ProgressImportError,
    export_progress,
    import_progress,
)
from simulacro.store import DB_NAME, ProgressStore
from simulacro.store_schema import SCHEMA_VERSION, V1_SCHEMA

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


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


_OVERLAPPING_WRITER = """
import os
import sys
import time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from simulacro.store import ProgressStore
store = ProgressStore.open(sys.argv[2])
assert store.warning is None, store.warning
gate, until = Path(sys.argv[3]), sys.argv[5]
(gate / str(os.getpid())).touch()  # start writing together, so every exit overlaps writes
deadline = time.monotonic() + 60
while len(list(gate.iterdir())) < int(sys.argv[4]) and time.monotonic() < deadline:
    time.sleep(0.005)
done = 0
if until.isdigit():  # write that many, then stop cleanly (the last close checkpoints)
    for done in range(1, int(until) + 1):
        store.record_review(1 + done % 115, "good", 1.0)
    store.close()
    sys.exit(0)
limit = time.monotonic() + 120  # never outlive a test that failed
while not Path(until).exists() and time.monotonic() < limit:
    done += 1
    store.record_review(1 + done % 115, "good", 1.0)
for _ in range(10):  # written after the others stopped
    done += 1
    store.record_review(1 + done % 115, "good", 1.0)
print(done)  # every review confirmed to the caller
os._exit(0)  # killed: no checkpoint, its last reviews are only in the -wal
"""

_ONE_REVIEW = """
import sys
sys.path.insert(0, sys.argv[1])
from simulacro.store import ProgressStore
store = ProgressStore.open()
store.record_review(2, "good", 1.0)
store.close()
"""


def _run_python(code: str, *args: object) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_another_process_exiting_does_not_delete_our_wal(isolated_data_dir):
    # Regression: our own header check opened and closed the database file, and closing
    # any descriptor drops every POSIX lock the process holds on it (SQLite's SHARED lock
    # too). A second process that then closed its last connection thought it was the last
    # user and deleted the -wal we kept writing to: what we wrote after that was lost.
    store = ProgressStore.open()
    store.record_review(1, "good", 1.0)  # runs the header check with our connections open
    _run_python(_ONE_REVIEW)  # opens, writes, closes its last connection, exits
    assert (isolated_data_dir / f"{DB_NAME}-wal").exists()
    for number in range(2, 7):
        store.record_review(number, "good", 1.0)
    count = "from simulacro.store import ProgressStore; print(ProgressStore.open().review_count())"
    seen = _run_python(f"import sys; sys.path.insert(0, sys.argv[1]); {count}")
    assert int(seen) == 7  # another process sees every review we confirmed
    assert store.review_count() == 7


def test_processes_that_stop_while_another_writes_lose_no_review(tmp_path):
    # Four processes race to create a fresh file and write together; three stop cleanly
    # one after another while the fourth keeps writing, then it is killed: only a -wal
    # still on disk can hold its last reviews. Every confirmed review must be there.
    started = time.monotonic()
    for attempt in range(3):
        if attempt and time.monotonic() - started > 15:  # bounded by count and by time
            break
        folder, gate, stop = (tmp_path / f"{name}-{attempt}" for name in ("data", "gate", "stop"))
        gate.mkdir()
        args = [sys.executable, "-c", _OVERLAPPING_WRITER, ROOT, folder, gate, "4"]
        stoppers = [subprocess.Popen([*args, str(n)], stderr=subprocess.PIPE) for n in (20, 40, 60)]
        survivor = subprocess.Popen([*args, stop], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for p in stoppers:
            assert p.wait(timeout=120) == 0, p.stderr.read()  # type: ignore[union-attr]
        stop.touch()
        out, err = survivor.communicate(timeout=120)
        assert survivor.returncode == 0, err
        confirmed = 20 + 40 + 60 + int(out)
        assert ProgressStore.open(folder).review_count() == confirmed, f"round {attempt}"


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
    fill(store, 300)
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


def test_invalid_import_changes_nothing_and_says_where(isolated_data_dir):
    store = ProgressStore.open()
    fill(store)
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
    fill(store, 10)
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
