"""The app when its files go bad while it runs: a warning on the page, never a traceback.

AppTest runs the app in this process, so the test can damage the files between two runs
exactly as another program (or a person) would.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from simulacro.bank import DEFAULT_QUESTIONS_DIR
from simulacro.store import DB_NAME, ProgressStore

PAGES = ["pages/progress.py", "pages/quiz.py", "pages/browse.py"]


def _open(app_test, page: str):
    at = app_test()
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def _warnings(at) -> str:
    return "\n".join(w.value for w in at.warning)


def _seed(data_dir: Path) -> None:
    store = ProgressStore.open(data_dir)
    for number in (41, 42, 43):
        store.record_review(number, "good", 10.0)
    store.close()


@pytest.mark.parametrize("page", PAGES)
def test_store_damaged_while_the_app_runs_shows_a_warning(app_test, isolated_data_dir, page):
    _seed(isolated_data_dir)
    at = _open(app_test, page)
    path = isolated_data_dir / DB_NAME
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    path.write_bytes(os.urandom(path.stat().st_size))
    at.run()
    assert not at.exception
    assert "was damaged while the app was running" in _warnings(at)
    assert [p for p in isolated_data_dir.iterdir() if ".corrupt-" in p.name]


@pytest.mark.parametrize("page", PAGES)
def test_store_deleted_while_the_app_runs_is_written_back(app_test, isolated_data_dir, page):
    _seed(isolated_data_dir)
    at = _open(app_test, page)
    (isolated_data_dir / DB_NAME).unlink()
    at.run()
    assert not at.exception
    assert "was deleted while the app was running" in _warnings(at)
    assert ProgressStore.open(isolated_data_dir).review_count() == 3


BROKEN_KEY = "41:\n  key_points: [unclosed\n"


@pytest.mark.parametrize("page", ["pages/quiz.py", "pages/mock_interview.py"])
def test_a_broken_answer_key_is_shown(app_test, tmp_path, monkeypatch, page):
    broken = tmp_path / "answers.yaml"
    broken.write_text(BROKEN_KEY, encoding="utf-8")
    monkeypatch.setattr("ui.answer_key.DEFAULT_PATH", broken)
    at = _open(app_test, page)
    assert "problem(s) in the answer key" in _warnings(at)
    assert any("answers.yaml" in c.value for c in at.code)


@pytest.mark.timeout(120)
def test_an_answer_key_that_is_a_fifo_is_shown_not_waited_for(app_test, tmp_path, monkeypatch):
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    monkeypatch.setattr("ui.answer_key.DEFAULT_PATH", fifo)
    at = _open(app_test, "pages/quiz.py")
    assert "problem(s) in the answer key" in _warnings(at)
    assert any("not a regular file (a FIFO)" in c.value for c in at.code)


@pytest.mark.timeout(120)
def test_fifo_and_dev_zero_in_the_questions_folder_are_listed_on_browse(
    app_test, tmp_path, monkeypatch
):
    folder = tmp_path / "questions"
    folder.mkdir()
    for path in sorted(DEFAULT_QUESTIONS_DIR.glob("04[1-3]-*.md")):
        shutil.copy(path, folder / path.name)
    os.mkfifo(folder / "951-x.md")
    (folder / "952-zero.md").symlink_to("/dev/zero")
    monkeypatch.setenv("SIMULACRO_QUESTIONS_DIR", str(folder))
    at = _open(app_test, "pages/browse.py")
    problems = "\n".join(c.value for c in at.code)
    assert "questions/951-x.md:1: not a regular file (a FIFO)" in problems
    assert "questions/952-zero.md:1: not a regular file (a character device)" in problems
