"""Hosted mode's SQLite fallback gives every learner a folder of their own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulacro.store_factory import (
    DATABASE_URL_ENV,
    StoreUnavailable,
    learner_folder_name,
    open_progress_store,
)

ROOT = Path(__file__).resolve().parent.parent


def test_local_mode_uses_the_deck_folder(tmp_path):
    store = open_progress_store(tmp_path, deck="lead", learner=None)
    assert store.location.startswith(str(tmp_path / "progress")) or str(tmp_path) in store.location


def test_learners_do_not_share_a_store(tmp_path):
    ana = open_progress_store(tmp_path, deck="lead", learner="ana@example.com")
    bob = open_progress_store(tmp_path, deck="lead", learner="bob@example.com")
    ana.set_bookmark(5, True)
    assert ana.bookmarks() == [5]
    assert bob.bookmarks() == []
    again = open_progress_store(tmp_path, deck="lead", learner="ana@example.com")
    assert again.bookmarks() == [5]


def test_folder_names_never_collide_on_case_or_punctuation():
    names = {learner_folder_name(n) for n in ("a/b", "a_b", "A_B", "a b", "../x", "")}
    assert len(names) == 6
    assert all("/" not in n and not n.startswith(".") for n in names)


# ---------------------------------------------------------------- SIMULACRO_DATABASE_URL
_LOCAL_ONLY = """
import sys
from pathlib import Path
from simulacro.store_factory import open_progress_store
store = open_progress_store(Path(sys.argv[1]), deck="lead", learner=None)
store.record_review(1, "good", 1.0)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("psycopg", "psycopg_pool"))
assert not loaded and "simulacro.store_pg" not in sys.modules, loaded
print(store.location)
"""


def test_the_local_store_never_loads_the_postgresql_driver(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != DATABASE_URL_ENV}
    env["SIMULACRO_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-c", _LOCAL_ONLY, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert str(tmp_path) in result.stdout and "sqlite3" in result.stdout


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://app:pw@db/simulacro", "must start with postgresql:// (it has 'mysql://')"),
        ("sqlite:///tmp/x.db", "must start with postgresql:// (it has 'sqlite://')"),
        ("db.example.org/simulacro", "must start with postgresql:// (it has no scheme)"),
        ("postgresql://app:pw@db:99999/simulacro", "not a valid PostgreSQL URL"),
        ("postgresql://app:pw@db/simulacro?sslmode=sometimes&x=%zz", "not a valid PostgreSQL URL"),
    ],
)
def test_a_bad_database_url_is_refused_before_connecting(url, expected, tmp_path, monkeypatch):
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    with pytest.raises(StoreUnavailable) as caught:
        open_progress_store(tmp_path, deck="lead", learner="ana")
    assert expected in str(caught.value)
    assert ":pw@" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []  # no SQLite store made instead


def test_the_shared_database_needs_a_learner(tmp_path, monkeypatch):
    monkeypatch.setenv(DATABASE_URL_ENV, "postgresql://app:pw@127.0.0.1:1/simulacro")
    with pytest.raises(StoreUnavailable, match="needs a signed-in learner"):
        open_progress_store(tmp_path, deck="lead", learner=None)


def test_a_blank_database_url_keeps_the_local_store(tmp_path, monkeypatch):
    monkeypatch.setenv(DATABASE_URL_ENV, "  ")
    store = open_progress_store(tmp_path, deck="lead", learner=None)
    assert str(tmp_path) in store.location
