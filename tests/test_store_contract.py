"""The behaviour both progress stores promise (store_protocol.ProgressStoreLike), run on
SQLite and on a real PostgreSQL server: the same calls must give the same answers."""

from __future__ import annotations

import inspect
import json
import threading
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from simulacro import scheduling
from simulacro.progress_io import ProgressImportError, export_json, export_progress, import_progress
from simulacro.store import ProgressStore
from simulacro.store_protocol import ProgressStoreLike
from simulacro.store_schema import SCHEMA_VERSION

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
ENGINES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=ENGINES)
def engine(request):
    return request.param


@pytest.fixture
def open_store(engine, request, tmp_path):
    """open_store(name) -> a fresh store of `engine`; the same name gives the same store."""
    if engine == "sqlite":
        return lambda name="a": ProgressStore.open(tmp_path / name)
    from simulacro import store_pg

    url = request.getfixturevalue("postgres_url")
    run = uuid.uuid4().hex[:8]  # learners of this test only, in the shared database
    return lambda name="a": store_pg.open_store(url, deck="lead", learner=f"{name}-{run}")


def fill(store: ProgressStoreLike, n: int = 40) -> None:
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


def test_both_stores_have_every_method_of_the_protocol(open_store):
    store = open_store()
    assert isinstance(store, ProgressStoreLike)
    for name, member in inspect.getmembers(ProgressStoreLike, callable):
        if name.startswith("_"):
            continue
        expected = inspect.signature(member)
        assert inspect.signature(getattr(store, name).__func__) == expected, name
    assert store.warning is None and not store.in_memory_only and store.location
    assert store.schema_version() == SCHEMA_VERSION


def test_record_review_updates_the_card_and_keeps_every_field(open_store):
    store = open_store()
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
    assert store.card(42) is None
    assert store.lapses() == {41: 1}
    with pytest.raises(ValueError, match="rating"):
        store.record_review(41, "great", 1)
    with pytest.raises(ValueError, match="outside 1-999"):  # a deck may number up to 999
        store.record_review(1000, "good", 1)
    assert store.review_count() == 2  # the rejected calls wrote nothing


def test_the_read_queries_agree(open_store):
    store = open_store()
    fill(store, 12)
    assert store.review_count() == 12
    assert store.rating_counts() == {"again": 3, "hard": 3, "good": 3, "easy": 3}
    assert store.reviews_per_day() == {"2026-11-01": 3, "2026-11-02": 5, "2026-11-03": 4}
    assert store.new_on(date(2026, 11, 2)) == 5 and store.new_on(date(2026, 11, 9)) == 0
    since = store.reviews(since=T0 + timedelta(hours=50))
    assert [r.reviewed_at for r in since] == [T0 + timedelta(hours=h) for h in (50, 55)]
    assert [r.number for r in store.reviews(8)] == [8]
    assert sorted(store.cards()) == sorted({1 + (i * 7) % 115 for i in range(12)})


def test_bookmarks_notes_and_mock_sessions(open_store):
    store = open_store()
    store.set_bookmark(7, True)
    store.set_bookmark(7, True)  # idempotent
    assert store.is_bookmarked(7) and store.bookmarks() == [7]
    store.set_bookmark(7, False)
    assert not store.is_bookmarked(7)
    store.set_note(9, "mi nota")
    store.set_note(9, "mi nota, corregida")
    assert store.note(9) == "mi nota, corregida" and store.notes() == {9: "mi nota, corregida"}
    store.set_note(9, "   ")
    assert store.note(9) == "" and store.notes() == {}
    first = store.save_mock_session({"score": 1})
    second = store.save_mock_session({"score": 2})
    sessions = store.mock_sessions()
    assert [s["id"] for s in sessions] == [first, second]
    assert [s["score"] for s in sessions] == [1, 2]


def test_mock_session_and_its_reviews_are_saved_together(open_store):
    store = open_store()
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


def test_threads_writing_at_once_lose_no_review(open_store):
    # Streamlit tabs are threads sharing the cached store; add one with its own object too.
    shared, other = open_store(), open_store()
    stores = [shared, shared, other]
    errors: list[BaseException] = []
    start = threading.Barrier(len(stores))

    def writer(store: ProgressStoreLike, offset: int) -> None:
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


def test_grader_overrides_are_stored_with_the_review_and_round_trip(open_store):
    source = open_store("a")
    corrections = {"Umbral 0.3": True, "Contacto proactivo": False}
    source.record_review(41, "good", 9.0, "umbral", ["Umbral 0.3"], overrides=corrections)
    source.record_review(42, "hard", 3.0)
    assert [r.overrides for r in source.reviews()] == [corrections, {}]
    with pytest.raises(ValueError, match="overrides"):
        source.record_review(41, "good", 1.0, overrides={"x": "yes"})
    target = open_store("b")
    import_progress(target, export_json(source))
    assert [r.overrides for r in target.reviews()] == [corrections, {}]
    assert export_progress(target)["reviews"] == export_progress(source)["reviews"]


def test_export_import_round_trip_is_equal_and_reset_empties(open_store):
    source = open_store("a")
    fill(source)
    exported = export_progress(source)
    target = open_store("b")
    target.record_review(100, "again", 1.0)  # replaced by the import
    summary = import_progress(target, export_json(source))
    assert summary.reviews == 40 and summary.bookmarks == 2 and summary.notes == 1
    again = export_progress(target)
    exported.pop("exported_at"), again.pop("exported_at")
    assert again == exported
    assert target.cards() == source.cards()
    assert target.note(41) == "Umbrales 0.3 / 0.7"
    target.reset()
    assert target.dump() == {k: [] for k in exported if isinstance(exported[k], list)}
    assert source.review_count() == 40  # another store's reset touched nothing here


def test_invalid_import_changes_nothing(open_store):
    store = open_store()
    fill(store, 10)
    before = store.dump()
    document = export_progress(store)
    document["reviews"][3]["rating"] = "great"
    with pytest.raises(ProgressImportError, match=r"reviews\[3\]\.rating"):
        import_progress(store, json.dumps(document))
    assert store.dump() == before


@pytest.mark.postgres
def test_the_export_is_byte_identical_between_engines(tmp_path, postgres_url):
    from simulacro import store_pg

    lite = ProgressStore.open(tmp_path / "lite")
    fill(lite)
    lite.record_review(999, "easy", 0.1 + 0.2, 'ü \u2028 "q" \\ \U0001f600', ["x"], when=T0)
    document = export_json(lite, now=T0)
    hosted = store_pg.open_store(postgres_url, deck="lead", learner=f"bytes-{uuid.uuid4()}")
    import_progress(hosted, document)
    assert export_json(hosted, now=T0) == document
    # ...and back: PostgreSQL's export imported into a new SQLite file exports the same bytes.
    back = ProgressStore.open(tmp_path / "back")
    import_progress(back, export_json(hosted, now=T0))
    assert export_json(back, now=T0).encode() == document.encode()
