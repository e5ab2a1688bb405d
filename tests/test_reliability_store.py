"""The progress store when the world changes under it: damage, deletion, replacement while
it runs; foreign, newer, empty files and a garbage -wal when it opens.

Each case ends with the data kept (moved aside, written back or left untouched) and a
warning that names the file; never an exception.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from simulacro import store_files
from simulacro.store import ProgressStore
from simulacro.store_schema import SCHEMA_VERSION

START = datetime(2026, 3, 1, tzinfo=UTC)


def _filled(folder: Path, n: int = 20) -> ProgressStore:
    store = ProgressStore.open(folder)
    for i in range(n):
        store.record_review(41 + i % 10, "good", 5.0, when=START + timedelta(minutes=i))
    store.set_bookmark(41, True)
    store.set_note(42, "repasar")
    return store


def _checkpoint(path: Path) -> None:
    """Move every committed page from the WAL into the file, as a long run would."""
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _aside(folder: Path, tag: str) -> list[Path]:
    return sorted(p for p in folder.iterdir() if f".{tag}-" in p.name and "-wal" not in p.name)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- damage while running
@pytest.mark.parametrize("damage", ["garbage over the whole file", "garbage in the header"])
def test_damage_while_running_is_recovered_on_the_next_operation(isolated_data_dir, damage):
    store = _filled(isolated_data_dir)
    _checkpoint(store.path)
    size = store.path.stat().st_size
    garbage = os.urandom(size if damage.startswith("garbage over") else 100)
    with store.path.open("r+b") as handle:
        handle.write(garbage)
    # Every kind of operation works afterwards: reads, writes, whole-store ones.
    store.cards()
    store.reviews()
    store.record_review(50, "easy", 3.0)
    assert "was damaged while the app was running" in store.warning
    [moved] = _aside(isolated_data_dir, "corrupt")
    assert str(moved) in store.warning
    assert moved.read_bytes()[: len(garbage)] == garbage  # the damaged file, kept
    reopened = ProgressStore.open(isolated_data_dir)
    assert reopened.warning is None
    assert 50 in reopened.cards()


def test_damage_deep_in_the_file_is_recovered_too(isolated_data_dir):
    store = _filled(isolated_data_dir, n=400)
    store.close()
    size = store.path.stat().st_size
    with store.path.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(os.urandom(16 * 1024))
    store.reviews()  # SQLite says "malformed" here
    store.record_review(50, "easy", 3.0)
    assert "was damaged while the app was running (database disk image is malformed)" in (
        store.warning
    )
    assert _aside(isolated_data_dir, "corrupt")
    assert ProgressStore.open(isolated_data_dir).review_count() >= 1


def test_damage_that_sqlite_does_not_notice_yet_is_caught_by_the_header_check(
    isolated_data_dir,
):
    # Every page is still in the WAL, so SQLite reads fine, and would checkpoint the
    # progress into garbage later; the check on each write catches it and keeps it all.
    store = _filled(isolated_data_dir)
    with store.path.open("r+b") as handle:
        handle.write(b"X" * 100)
    store.record_review(50, "easy", 3.0)
    assert "no longer starts like an SQLite database" in store.warning
    reopened = ProgressStore.open(isolated_data_dir)
    assert reopened.review_count() == 21 and reopened.note(42) == "repasar"


def test_verify_recovers_before_a_page_reads(isolated_data_dir):
    store = _filled(isolated_data_dir)
    _checkpoint(store.path)
    store.path.write_bytes(b"not sqlite at all")
    store.verify()
    assert "was damaged while the app was running" in store.warning
    assert store.review_count() >= 0  # usable, no exception


# --------------------------------------------------------------- deleted or replaced
@pytest.mark.parametrize("which", [("",), ("", "-wal", "-shm")], ids=["db", "db+wal+shm"])
def test_deleted_database_is_detected_and_written_back(isolated_data_dir, which):
    store = _filled(isolated_data_dir)
    for suffix in which:
        Path(f"{store.path}{suffix}").unlink()
    store.record_review(50, "easy", 3.0)  # used to be confirmed, then lost at restart
    assert "was deleted while the app was running" in store.warning
    assert "20 review(s)" in store.warning
    store.close()
    reopened = ProgressStore.open(isolated_data_dir)
    assert reopened.review_count() == 21
    assert reopened.bookmarks() == [41] and reopened.note(42) == "repasar"
    assert reopened.warning is None


def test_database_replaced_by_another_progress_file_is_adopted_and_ours_kept(
    isolated_data_dir, tmp_path
):
    store = _filled(isolated_data_dir)
    other = ProgressStore.open(tmp_path / "other")
    other.record_review(99, "hard", 1.0)
    other.close()
    os.replace(other.path, store.path)  # e.g. a backup restored with mv
    store.record_review(100, "good", 1.0)
    assert "was replaced by another file while the app was running" in store.warning
    [kept] = _aside(isolated_data_dir, "before-replace")
    assert str(kept) in store.warning and "20 review(s)" in store.warning
    assert sorted(store.cards()) == [99, 100]
    saved = sqlite3.connect(str(kept))
    assert saved.execute("SELECT count(*) FROM reviews").fetchone()[0] == 20


def test_database_replaced_by_garbage_is_moved_aside_and_ours_written_back(isolated_data_dir):
    store = _filled(isolated_data_dir)
    replacement = isolated_data_dir / "incoming"
    replacement.write_bytes(b"garbage " * 100)
    os.replace(replacement, store.path)
    store.set_bookmark(43, True)
    assert "was replaced by another file" in store.warning
    assert "is not an SQLite database" in store.warning
    [moved] = _aside(isolated_data_dir, "corrupt")
    assert moved.read_bytes() == b"garbage " * 100
    reopened = ProgressStore.open(isolated_data_dir)
    assert reopened.review_count() == 20 and reopened.bookmarks() == [41, 43]


# ------------------------------------------------------------------ files found at open
def test_foreign_sqlite_file_is_named_as_such_and_moved_aside(isolated_data_dir):
    isolated_data_dir.mkdir(parents=True)
    path = isolated_data_dir / "progress.sqlite3"
    conn = sqlite3.connect(str(path))
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("CREATE TABLE reviews (stars INTEGER)")
    conn.execute("INSERT INTO invoices VALUES (1, 9.5)")
    conn.commit()
    conn.close()
    digest = _sha(path)
    store = ProgressStore.open(isolated_data_dir)
    assert "is an SQLite database of another program, not a Simulacro progress file" in (
        store.warning
    )
    assert "its tables: invoices, reviews" in store.warning
    assert "cannot write" not in store.warning.lower()
    [moved] = _aside(isolated_data_dir, "corrupt")
    assert _sha(moved) == digest  # untouched, only renamed
    assert not store.in_memory_only and store.review_count() == 0


def test_newer_database_is_left_untouched_and_named(isolated_data_dir):
    store = _filled(isolated_data_dir)
    store.close()
    conn = sqlite3.connect(str(store.path))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    digest = _sha(store.path)
    opened = ProgressStore.open(isolated_data_dir)
    assert opened.in_memory_only
    assert f"The progress file {store.path} was written by a newer version" in opened.warning
    assert f"schema version {SCHEMA_VERSION + 5}" in opened.warning
    assert "left untouched" in opened.warning
    opened.record_review(41, "good", 1.0)  # works, in memory
    assert _sha(store.path) == digest
    assert not _aside(isolated_data_dir, "corrupt")


def test_zero_byte_database_is_reported(isolated_data_dir):
    isolated_data_dir.mkdir(parents=True)
    (isolated_data_dir / "progress.sqlite3").write_bytes(b"")
    store = ProgressStore.open(isolated_data_dir)
    assert "was empty (0 bytes" in store.warning
    assert str(isolated_data_dir / "progress.sqlite3") in store.warning
    store.record_review(41, "good", 1.0)
    assert ProgressStore.open(isolated_data_dir).review_count() == 1


def test_a_new_store_is_never_a_zero_byte_file_and_never_warns(isolated_data_dir):
    store = ProgressStore.open(isolated_data_dir)
    assert store.warning is None
    assert store.path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert not [p for p in isolated_data_dir.iterdir() if ".new-" in p.name]


def test_garbage_wal_is_reported_and_moved_aside(isolated_data_dir):
    store = _filled(isolated_data_dir)
    store.close()
    wal = Path(f"{store.path}-wal")
    wal.write_bytes(b"this is not a write-ahead log" * 50)
    opened = ProgressStore.open(isolated_data_dir)
    assert f"{wal} was not an SQLite write-ahead log" in opened.warning
    [moved] = [p for p in isolated_data_dir.iterdir() if ".garbage-" in p.name]
    assert moved.read_bytes().startswith(b"this is not a write-ahead log")
    assert opened.review_count() == 20  # the database itself was fine


_LIVE_WRITER = """
import os
import sys
import time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from simulacro.store import ProgressStore
store = ProgressStore.open(sys.argv[2])
for i in range(5):
    store.record_review(1 + i, "good", 1.0)
Path(sys.argv[3]).touch()  # 5 reviews confirmed, all still in the -wal only
deadline = time.monotonic() + 60
while not Path(sys.argv[4]).exists() and time.monotonic() < deadline:
    time.sleep(0.01)
for i in range(5):
    store.record_review(6 + i, "good", 1.0)
os._exit(0)  # killed: no checkpoint
"""


def test_a_live_wal_is_never_moved_aside_as_garbage(isolated_data_dir, tmp_path, monkeypatch):
    # Its first bytes are read while another process may be writing it; a misreading
    # must not move aside a log that another process is still writing to.
    ready, go = tmp_path / "ready", tmp_path / "go"
    root = Path(__file__).resolve().parent.parent
    writer = subprocess.Popen(
        [sys.executable, "-c", _LIVE_WRITER, root, isolated_data_dir, ready, go],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not ready.exists() and writer.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    monkeypatch.setattr(store_files, "wal_is_garbage", lambda path: True)  # misread
    opened = ProgressStore.open(isolated_data_dir)
    go.touch()
    _, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert opened.warning is None
    assert not [p for p in isolated_data_dir.iterdir() if ".garbage-" in p.name]
    assert opened.review_count() == 10  # the writer's 10 confirmed reviews, none lost


def test_orphan_wal_of_a_deleted_database_is_not_replayed_into_a_new_one(isolated_data_dir):
    store = _filled(isolated_data_dir)
    wal_bytes = Path(f"{store.path}-wal").read_bytes()
    del store  # the app stopped without a checkpoint (keeper still open in this test)
    import gc

    gc.collect()
    path = isolated_data_dir / "progress.sqlite3"
    path.unlink()
    Path(f"{path}-wal").write_bytes(wal_bytes)  # as the crash left it
    opened = ProgressStore.open(isolated_data_dir)
    assert opened.warning and "was left by a progress file that is gone" in opened.warning
    assert opened.review_count() == 0
    assert [p for p in isolated_data_dir.iterdir() if ".orphan-" in p.name]
