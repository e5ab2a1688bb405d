"""Hosted mode's SQLite fallback gives every learner a folder of their own."""

from __future__ import annotations

from simulacro.store_factory import learner_folder_name, open_progress_store


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
