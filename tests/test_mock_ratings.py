"""AppTest of the report's ratings: a suggestion is offered, never saved unless confirmed."""

from __future__ import annotations

import time

import pytest

from simulacro import interview as iv
from simulacro.store import ProgressStore
from ui import mock_widgets as mw
from ui.text import grading as grading_text

PAGE = "pages/mock_interview.py"
NUMBERS = [41, 58, 96]
FULL_41 = "umbral 0.3 y 0.7, riesgo alto, contacto proactivo, retención"


@pytest.fixture
def report_page(app_test):
    """The report of a 3-question interview: answered, skipped, answered (timed out)."""
    at = app_test()
    at.run()
    at.switch_page(PAGE)
    config = iv.custom(n_questions=3, seconds_per_question=60)
    now = time.time()
    interview = iv.Interview.start(config, NUMBERS, now=now - 200)
    interview.next(FULL_41, now=now - 190)
    interview.skip(now - 180)
    interview.tick(now - 100, answer="algo de texto")  # the last one ran out of time
    assert interview.finished
    at.session_state[mw.INTERVIEW] = interview
    at.run()
    assert not at.exception
    return at


def report(at) -> iv.Report:
    return at.session_state[mw.REPORT]


def table_ratings(at) -> list[str]:
    return list(at.dataframe[0].value["Self-rating"])


def test_nothing_is_rated_until_the_learner_says_so(report_page):
    at = report_page
    rows = report(at).rows
    assert [r.status for r in rows] == [iv.ANSWERED, iv.SKIPPED, iv.TIMED_OUT]
    assert all(r.self_rating is None for r in rows)
    assert rows[0].suggested_rating is not None and rows[2].suggested_rating is not None
    assert at.selectbox(key="mock_rating_1").value is None
    assert at.selectbox(key="mock_rating_3").value is None
    with pytest.raises(KeyError):  # a skipped question has no rating widget at all
        at.selectbox(key="mock_rating_2")
    assert any("Skipped: not a review" in c.value for c in at.caption)
    ratings = table_ratings(at)
    assert ratings[0].startswith("not rated (suggested: ") and ratings[1] == "—"
    assert any("2 question(s) not rated yet" in i.value for i in at.info)
    assert any("one step lower: the time ran out" in c.value for c in at.caption)


def test_saving_unrated_records_no_review_and_says_how_many(report_page):
    at = report_page
    at.button(key="mock_save").click().run()
    assert not at.exception
    [message] = [s.value for s in at.success]
    assert "0 question review(s) recorded" in message
    assert "2 question(s) left unrated: not reviews" in message
    store = ProgressStore.open()
    assert store.reviews() == []
    assert all(store.card(n) is None for n in NUMBERS)
    [saved] = store.mock_sessions()
    assert [r["self_rating"] for r in saved["rows"]] == [None, None, None]
    assert [r["suggested_rating"] for r in saved["rows"]][1] is None  # skipped
    assert any("saved unrated: not a review" in m.value for m in at.markdown)


def test_confirming_one_suggestion_and_changing_another(report_page):
    at = report_page
    suggested = report(at).rows[0].suggested_rating
    at.button(key="mock_accept_1").click().run()
    assert at.selectbox(key="mock_rating_1").value == suggested
    at.selectbox(key="mock_rating_3").set_value("easy").run()
    assert table_ratings(at)[0] == suggested.capitalize()
    at.button(key="mock_save").click().run()
    reviews = {r.number: r.rating for r in ProgressStore.open().reviews()}
    assert reviews == {41: suggested, 96: "easy"}  # 58 was skipped: never a review


def test_accept_all_keeps_the_learners_own_choices(report_page):
    at = report_page
    at.selectbox(key="mock_rating_3").set_value("again").run()
    at.button(key="mock_accept_all").click().run()
    assert not at.exception
    rows = report(at).rows
    assert at.selectbox(key="mock_rating_1").value == rows[0].suggested_rating
    assert at.selectbox(key="mock_rating_3").value == "again"
    assert not [i for i in at.info if "not rated yet" in i.value]
    at.button(key="mock_save").click().run()
    [message] = [s.value for s in at.success]
    assert "2 question review(s) recorded" in message and "unrated" not in message
    reviews = {r.number: r.rating for r in ProgressStore.open().reviews()}
    assert reviews == {41: rows[0].suggested_rating, 96: "again"}


def test_show_why_gives_the_evidence_and_a_correction_regrades_and_is_saved(app_test):
    at = app_test()
    at.run()
    at.switch_page(PAGE)
    now = time.time()
    interview = iv.Interview.start(iv.custom(n_questions=1), [41], now=now - 10)
    interview.next("uso un umbral de 0.3 y 0.7 para el riesgo", now=now - 5)
    at.session_state[mw.INTERVIEW] = interview
    at.run()
    row = report(at).rows[0]
    grader = list(row.covered)
    assert grader and row.missed
    at.toggle(key="mock_why_1").set_value(True).run()
    assert not at.exception
    assert any("Not found in your answer." in c.value for c in at.caption)
    # Question 41's 0.3/0.7 cut-offs are a project detail: shown apart, not scored.
    assert any(grading_text.DETAIL_CAPTION in c.value for c in at.caption)
    assert any(":orange-background[" in m.value for m in at.markdown)  # the matched words
    missed_index = len(grader)  # here the covered points come first in key order
    at.toggle(key=f"mock_ev_1_ov_{missed_index}").set_value(True).run()  # grader was wrong
    assert len(row.covered) == len(grader) + 1 and row.overrides
    before = dict(row.overrides)
    at.toggle(key="mock_why_1").set_value(False).run()  # hiding the evidence keeps it
    at.run()
    assert row.overrides == before and len(row.covered) == len(grader) + 1
    at.button(key="mock_accept_all").click().run()
    at.button(key="mock_save").click().run()
    [review] = ProgressStore.open().reviews()
    assert len(review.covered) == len(grader) + 1
    assert review.overrides == before  # the correction is stored with the review
