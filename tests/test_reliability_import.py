"""Hostile progress imports: each ends in a `where: what` message, the store untouched.

The cases come from a fault-injection pass (issue 13): they used to end in a traceback or
be accepted without a word.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from simulacro.progress_io import ProgressImportError, export_progress, import_progress
from simulacro.store import ProgressStore

ROOT = Path(__file__).resolve().parents[1]
FORMAT_HEAD = '{"format": "simulacro-progress", "schema_version": 2, '


def _store_with_reviews(n: int = 3) -> ProgressStore:
    store = ProgressStore.open()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(n):
        store.record_review(41 + i, "good", 12.0, when=start + timedelta(hours=i))
    return store


def _document(store: ProgressStore) -> dict:
    return json.loads(json.dumps(export_progress(store)))


def _errors(store: ProgressStore, source) -> list[str]:
    with pytest.raises(ProgressImportError) as caught:
        import_progress(store, source)
    return caught.value.errors


def _deep(depth: int) -> str:
    return FORMAT_HEAD + '"reviews": ' + "[" * depth + "]" * depth + "}"


DIGITS = FORMAT_HEAD + '"reviews": [{"duration_s": ' + "7" * 5000 + "}]}"
FRACTION = FORMAT_HEAD + '"reviews": [{"duration_s": 0.' + "1" * 5000 + "}]}"
DEEP = _deep(200_000)
HOSTILE = {
    "nested 200,000 deep": (
        DEEP,
        f"file: line 1, column {DEEP.index('[') + 64}: nested deeper than 64 levels",
    ),
    "5,000-digit number": (
        DIGITS,
        f"file: line 1, column {DIGITS.index('7') + 1}: a number of 5000 digits",
    ),
    "5,000-digit fraction": (
        FRACTION,
        f"file: line 1, column {FRACTION.index('0.') + 1}: a number of 5002 characters",
    ),
    "deep on line 3": (
        "\n\n  " + '{"a": ' * 100,
        "file: line 3, column 387: nested deeper than 64 levels",
    ),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_hostile_json_is_refused_before_parsing(case):
    text, message = HOSTILE[case]
    store = _store_with_reviews()
    errors = _errors(store, text)
    assert any(error.startswith(message) for error in errors), errors
    assert store.review_count() == 3


@pytest.mark.parametrize(
    "moment",
    ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+00:01"],
)
def test_a_date_outside_the_utc_calendar_is_a_validation_error(moment):
    store = _store_with_reviews()
    document = _document(store)
    document["reviews"][1]["reviewed_at"] = moment
    document["bookmarks"] = [{"number": 41, "created_at": moment}]
    document["cards"][0]["card"]["due"] = moment
    errors = _errors(store, json.dumps(document))
    expected = f"{moment!r} is outside the years 1-9999 once converted to UTC"
    assert f"reviews[1].reviewed_at: {expected}" in errors
    assert f"bookmarks[0].created_at: {expected}" in errors
    assert f"cards[0].card.due: {expected}" in errors
    assert store.review_count() == 3


def test_duplicated_reviews_are_reported_with_both_places():
    store = _store_with_reviews()
    document = _document(store)
    document["reviews"].append(dict(document["reviews"][0]))
    document["reviews"].append(dict(document["reviews"][2]))
    errors = _errors(store, json.dumps(document))
    at = document["reviews"][0]["reviewed_at"]
    assert errors == [
        f"reviews[3]: the same review as reviews[0] (question 41 at {at}), listed twice",
        f"reviews[4]: the same review as reviews[2] (question 43 at "
        f"{document['reviews'][2]['reviewed_at']}), listed twice",
    ]
    assert store.review_count() == 3


@pytest.mark.parametrize("where", ["typed_answer", "note", "report value", "report key"])
def test_a_lone_surrogate_escape_is_refused_with_its_place(where):
    store = _store_with_reviews()
    document = _document(store)
    half = "\ud83d"  # the first half of an emoji, alone
    if where == "typed_answer":
        document["reviews"][0]["typed_answer"] = f"a{half}b"
    elif where == "note":
        document["notes"] = [
            {"number": 41, "text": half, "updated_at": "2026-01-01T00:00:00+00:00"}
        ]
    else:
        report = {"x": half} if where == "report value" else {half: 1}
        document["mock_sessions"] = [{"saved_at": "2026-01-01T00:00:00+00:00", "report": report}]
    text = json.dumps(document)  # ensure_ascii: written as the escape \ud83d
    [error] = _errors(store, text)
    opening_quote = text.rfind('"', 0, text.index("\\ud83d"))
    assert error.startswith(f"file: line 1, column {opening_quote + 1}: "), error
    assert "text with the escape \\ud83d, half of a character" in error
    assert store.review_count() == 3


def test_an_oversized_import_is_refused_with_its_size():
    store = _store_with_reviews()
    errors = _errors(store, b" " * (60 * 1024 * 1024))
    assert errors == ["file: 60.0 MB, over the 50.0 MB limit of a progress export"]


def test_a_good_export_still_round_trips():
    store = _store_with_reviews(5)
    text = json.dumps(_document(store))
    other = ProgressStore.open(store.path.parent.parent / "other")
    summary = import_progress(other, text)
    assert summary.reviews == 5 and other.dump() == store.dump()


@pytest.mark.parametrize("case", ["nested", "digits", "date", "duplicate"])
def test_cli_import_reports_each_case_without_a_traceback(tmp_path, case):
    store = _store_with_reviews()
    document = _document(store)
    if case == "nested":
        text = _deep(200_000)
        expected = "nested deeper than"
    elif case == "digits":
        text = FORMAT_HEAD + '"reviews": [{"duration_s": ' + "7" * 5000 + "}]}"
        expected = "a number of 5000 digits"
    elif case == "date":
        document["reviews"][0]["reviewed_at"] = "0001-01-01T00:00:00+14:00"
        text = json.dumps(document)
        expected = "reviews[0].reviewed_at: '0001-01-01T00:00:00+14:00' is outside"
    else:
        document["reviews"].append(document["reviews"][0])
        text = json.dumps(document)
        expected = "reviews[3]: the same review as reviews[0]"
    source = tmp_path / "progress.json"
    source.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "simulacro", "import-progress", str(source)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SIMULACRO_DATA_DIR": str(store.path.parent)},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert expected in result.stderr
    assert store.review_count() == 3


def test_cli_import_of_a_fifo_says_so(tmp_path):
    fifo = tmp_path / "progress.json"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "simulacro", "import-progress", str(fifo)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"error: cannot read {fifo}: not a regular file (a FIFO)" in result.stderr


def _open_progress(app_test):
    at = app_test()
    at.run()
    at.switch_page("pages/progress.py").run()
    assert not at.exception
    return at


@pytest.mark.parametrize("case", ["nested", "digits", "date", "duplicate"])
def test_progress_page_import_shows_each_case_as_a_message(app_test, case):
    store = _store_with_reviews()
    document = _document(store)
    if case == "nested":
        payload, expected = _deep(200_000), "nested deeper than"
    elif case == "digits":
        payload = FORMAT_HEAD + '"reviews": [{"duration_s": ' + "7" * 5000 + "}]}"
        expected = "a number of 5000 digits"
    elif case == "date":
        document["notes"] = [{"number": 41, "text": "x", "updated_at": "0001-01-01T00:00:00+14:00"}]
        payload, expected = json.dumps(document), "notes[0].updated_at: "
    else:
        document["reviews"].append(document["reviews"][1])
        payload, expected = json.dumps(document), "reviews[3]: the same review as reviews[1]"
    at = _open_progress(app_test)
    at.file_uploader(key="progress_import_file").upload(
        "progress.json", payload.encode(), "application/json"
    )
    at.run()
    at.button(key="progress_import").click().run()
    assert not at.exception
    assert any("Nothing was imported" in e.value for e in at.error)
    assert any(expected in c.value for c in at.code)
    assert store.review_count() == 3


def test_a_nul_character_anywhere_is_refused_with_its_place_and_nothing_written():
    # PostgreSQL text cannot hold NUL (SQLite can): both engines refuse the same file.
    store = ProgressStore.open()
    store.record_review(3, "good", 1.0, "mine")
    document = export_progress(store)
    document["reviews"][0]["typed_answer"] = "a\x00b"
    document["mock_sessions"] = [
        {"saved_at": document["reviews"][0]["reviewed_at"], "report": {"k\x00": ["x\x00"]}}
    ]
    with pytest.raises(ProgressImportError) as caught:
        import_progress(store, document)
    message = str(caught.value)
    assert "reviews[0].typed_answer: contains a NUL character" in message
    assert "mock_sessions[0].report.k\\u0000: contains a NUL character" in message
    assert "mock_sessions[0].report.k\\u0000[0]: contains a NUL character" in message
    assert [r.typed_answer for r in store.reviews()] == ["mine"]
