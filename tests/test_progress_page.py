"""AppTest of the Progress page: empty store, 500 reviews, import, reset, bookmarks."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

from simulacro.bank import load_bank
from simulacro.progress_io import export_json
from simulacro.store import ProgressStore
from simulacro.store_schema import RATINGS
from ui.text import progress as text


def _open_progress(app_test):
    at = app_test()
    at.run()
    at.switch_page("pages/progress.py").run()
    assert not at.exception
    return at


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _synthetic(store: ProgressStore, n: int, seed: int = 5) -> list[int]:
    numbers = [q.number for q in load_bank().questions]
    rng = random.Random(seed)
    start = datetime.now(UTC) - timedelta(days=45)
    step = timedelta(days=45) / n
    for i in range(n):
        store.record_review(rng.choice(numbers), rng.choice(RATINGS), 20.0, when=start + step * i)
    return numbers


def test_empty_store_renders(app_test):
    at = _open_progress(app_test)
    metrics = _metrics(at)
    assert metrics["Reviews"] == "0"
    assert metrics["Questions seen"].startswith("0/")
    assert any("No reviews yet" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 3  # mastery+readiness, plan, activity+due
    assert not at.error


def test_store_with_500_reviews_renders_the_forecast(app_test):
    store = ProgressStore.open()
    numbers = _synthetic(store, 500)
    store.set_bookmark(numbers[0], True)
    store.set_note(numbers[1], "repasar esto")
    at = _open_progress(app_test)
    metrics = _metrics(at)
    assert metrics["Reviews"] == "500"
    seen = sum(1 for n in numbers if n in store.cards())
    assert metrics["Questions seen"] == f"{seen}/{len(numbers)}"
    assert not at.info  # no "no reviews yet"
    soon = metrics[next(label for label in metrics if label.startswith("Expected recall"))]
    far = datetime.now(UTC).date() + timedelta(days=365)
    at.date_input(key="progress_interview_date").set_value(far).run()
    assert not at.exception
    later = _metrics(at)[f"Expected recall on {far.isoformat()}"]
    assert int(later.rstrip("%")) < int(soon.rstrip("%"))  # memory decays without study
    assert at.dataframe  # at-risk / study-first tables
    [table] = [d.value for d in at.dataframe if "Note" in d.value.columns]
    assert list(table["#"]) == [numbers[0], numbers[1]]
    assert list(table["Note"]) == ["", "repasar esto"]
    at.selectbox(key="progress_edit_number").set_value(numbers[1]).run()
    assert at.text_area(key=f"progress_note_{numbers[1]}").value == "repasar esto"
    study_first = [d.value for d in at.dataframe if "Seen" in d.value.columns]
    assert len(study_first) == 1 and len(study_first[0]) > 0
    at.radio(key="progress_list").set_value(text.AT_RISK).run()
    assert not at.exception
    assert not [d for d in at.dataframe if "Seen" in d.value.columns]  # one list at a time


def test_bookmark_toggle_and_note_are_saved(app_test):
    store = ProgressStore.open()
    store.set_bookmark(41, True)
    at = _open_progress(app_test)
    at.text_area(key="progress_note_41").input("umbrales 0.3/0.7").run()
    assert store.note(41) == "umbrales 0.3/0.7"
    at.toggle(key="progress_bookmark_41").set_value(False).run()
    assert not at.exception
    assert not store.is_bookmarked(41)


def test_import_of_a_bad_file_shows_an_error_and_changes_nothing(app_test, tmp_path):
    store = ProgressStore.open()
    _synthetic(store, 30)
    document = json.loads(export_json(store))
    document["reviews"][4]["rating"] = "great"
    at = _open_progress(app_test)
    at.file_uploader(key="progress_import_file").upload(
        "progress.json", json.dumps(document).encode(), "application/json"
    )
    at.run()
    at.button(key="progress_import").click().run()
    assert not at.exception
    assert any("Nothing was imported" in e.value for e in at.error)
    assert any("reviews[4].rating: 'great'" in c.value for c in at.code)
    assert store.review_count() == 30

    at.file_uploader(key="progress_import_file").upload(
        "notes.json", b"{ this is not json", "application/json"
    )
    at.run()
    at.button(key="progress_import").click().run()
    assert any("not valid JSON" in c.value for c in at.code)


def test_good_import_and_reset(app_test):
    source = ProgressStore.open(ProgressStore.open().path.parent.parent / "other")
    _synthetic(source, 12)
    store = ProgressStore.open()
    at = _open_progress(app_test)
    at.file_uploader(key="progress_import_file").upload(
        "progress.json", export_json(source).encode(), "application/json"
    )
    at.run()
    at.button(key="progress_import").click().run()
    assert any("Imported 12 review(s)" in s.value for s in at.success)
    assert store.review_count() == 12 and _metrics(at)["Reviews"] == "12"

    assert at.button(key="progress_reset").disabled  # needs the confirmation first
    at.checkbox(key="progress_reset_confirm").check().run()
    at.button(key="progress_reset").click().run()
    assert not at.exception
    assert store.review_count() == 0 and _metrics(at)["Reviews"] == "0"


def test_unusable_data_folder_shows_a_warning_on_both_pages(app_test, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("SIMULACRO_DATA_DIR", str(blocker / "data"))
    at = _open_progress(app_test)
    assert any("kept in memory" in w.value for w in at.warning)
    at.switch_page("pages/quiz.py").run()
    assert not at.exception
    assert any("kept in memory" in w.value for w in at.warning)


def test_corrupted_file_is_reported_with_the_moved_path(app_test, isolated_data_dir):
    isolated_data_dir.mkdir(parents=True)
    (isolated_data_dir / "progress.sqlite3").write_bytes(b"garbage, not sqlite")
    at = _open_progress(app_test)
    [moved] = [p for p in isolated_data_dir.iterdir() if ".corrupt-" in p.name]
    assert any(str(moved) in w.value for w in at.warning)
    assert moved.read_bytes() == b"garbage, not sqlite"
