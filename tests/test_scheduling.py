"""FSRS scheduling, study queues, readiness forecast, and the quiz session state."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from simulacro import scheduling
from simulacro.model import Question, section_for_number
from simulacro.quiz_session import QuizSession
from simulacro.search import filter_questions
from simulacro.store import ProgressStore

T0 = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


def _q(number: int, project: str = "none", tags: tuple[str, ...] = ("metrics",)) -> Question:
    return Question(
        number=number,
        section=section_for_number(number) or "",
        title=f"Q{number}",
        prompt="¿?",
        answer="respuesta",
        tags=tags,
        project=project,
    )


def _graduated(number: int, rating: str, when: datetime = T0):
    """A card taken through its learning steps, then rated `rating` once more."""
    card = scheduling.new_card(number, when)
    for step in range(3):
        card = scheduling.apply_review(card, "good", when + timedelta(days=step))
    return scheduling.apply_review(card, rating, when + timedelta(days=4))


def test_card_id_is_the_question_number():
    card = scheduling.apply_review(scheduling.new_card(58, T0), "good", T0)
    assert card.card_id == 58


@pytest.mark.parametrize("fresh", [True, False])
def test_again_comes_back_sooner_than_easy(fresh):
    if fresh:
        again = scheduling.apply_review(scheduling.new_card(1, T0), "again", T0)
        easy = scheduling.apply_review(scheduling.new_card(2, T0), "easy", T0)
    else:
        again, easy = _graduated(1, "again"), _graduated(2, "easy")
    assert again.due < easy.due
    assert (easy.due - again.due) > timedelta(days=1)


def test_again_sooner_than_easy_through_the_store():
    store = ProgressStore.open()
    store.record_review(10, "again", 3.0, when=T0)
    store.record_review(11, "easy", 3.0, when=T0)
    cards = store.cards()
    assert cards[10].due < cards[11].due
    intervals = scheduling.preview_intervals(None, 12, T0)
    assert intervals["again"] < intervals["hard"] <= intervals["good"] < intervals["easy"]


def test_due_now_lists_only_due_cards():
    questions = [_q(n) for n in (1, 2, 3, 4, 5)]
    cards = {
        1: scheduling.apply_review(scheduling.new_card(1, T0), "again", T0),  # ~1 min
        2: _graduated(2, "easy"),  # weeks away
        3: _graduated(3, "again"),  # minutes after the last review
        4: _graduated(4, "good"),
    }
    now = T0 + timedelta(days=5)
    due = scheduling.due_now(questions, cards, now)
    expected = {n for n, c in cards.items() if c.due <= now}
    assert {q.number for q in due} == expected
    assert expected and 2 not in expected and 5 not in {q.number for q in due}  # 5 is new
    assert all(cards[q.number].due <= now for q in due)
    assert [cards[q.number].due for q in due] == sorted(cards[q.number].due for q in due)
    assert scheduling.due_now(questions, cards, T0 - timedelta(days=1)) == []


def test_queues_new_weakest_random_bookmarked_and_filters():
    questions = [
        _q(1, "none", ("metrics",)),
        _q(41, "bankchurn", ("calibration",)),
        _q(58, "carvision", ("validation",)),
    ]
    questions.append(_q(59, "carvision", ("leakage", "metrics")))
    cards = {41: _graduated(41, "easy"), 58: _graduated(58, "again"), 59: _graduated(59, "good")}
    now = T0 + timedelta(days=30)
    assert [q.number for q in scheduling.new_questions(questions, cards)] == [1]
    weakest = scheduling.weakest_first(questions, cards, {58: 3}, now)
    values = [scheduling.retrievability(cards[q.number], now) for q in weakest]
    assert values == sorted(values) and weakest[0].number == 58
    first = scheduling.random_n(questions, 3, seed=7)
    assert first == scheduling.random_n(questions, 3, seed=7) and len(set(first)) == 3
    assert [q.number for q in scheduling.bookmarked(questions, [59, 1])] == [1, 59]
    filtered = filter_questions(questions, projects=["carvision"], tags=["metrics"])
    assert [q.number for q in filtered] == [59]
    sections = filter_questions(questions, sections=["BankChurn-Predictor"])
    assert [q.number for q in sections] == [41]
    assert len(scheduling.select("random", questions, cards, limit=2, seed=1)) == 2
    with pytest.raises(ValueError, match="mode"):
        scheduling.select("hardest", questions, cards)


def test_readiness_forecast():
    questions = [_q(n) for n in (1, 2, 3)] + [_q(n) for n in (16, 17)]
    strong, weak = _graduated(1, "easy"), _graduated(2, "hard")
    cards = {1: strong, 2: weak}
    soon = scheduling.readiness(questions, cards, T0 + timedelta(days=5))
    later = scheduling.readiness(questions, cards, date(2027, 6, 1))
    fundamentals = soon.by_section["Fundamentos de ML"]
    expected = (
        scheduling.retrievability(strong, soon.at) + scheduling.retrievability(weak, soon.at)
    ) / 3  # question 3 is unseen and counts as 0
    assert fundamentals == pytest.approx(expected)
    assert soon.by_section["MLOps y ciclo de vida"] == 0
    assert later.by_section["Fundamentos de ML"] < fundamentals  # memory decays
    assert later.overall < soon.overall
    assert [a.number for a in later.at_risk] == [2, 1]  # both fade, the weaker first
    assert all(a.seen for a in later.at_risk)
    # Study first: the fading ones, then unseen questions of the weakest section.
    assert [a.number for a in later.study_first][:2] == [2, 1]
    assert [a.number for a in later.study_first][2:] == [16, 17, 3]


def test_due_next_days_and_mastery():
    now = T0 + timedelta(days=4)
    cards = {1: _graduated(1, "again"), 2: _graduated(2, "good"), 3: _graduated(3, "easy")}
    due = scheduling.due_next_days(cards, now, days=7)
    assert len(due) == 7 and due[0][0] == now.date()
    in_week = sum(
        1 for c in cards.values() if c.due < datetime.combine(due[-1][0], datetime.max.time(), UTC)
    )
    assert sum(n for _, n in due) == in_week
    mastery = scheduling.mastery_by_section([_q(1), _q(2), _q(3), _q(4)], cards, now)
    [fundamentals] = mastery
    assert (fundamentals.questions, fundamentals.seen) == (4, 3)
    values = [scheduling.retrievability(c, now) for c in cards.values()]
    assert fundamentals.retrievability == pytest.approx(sum(values) / 4)  # 4 unseen = 0
    assert fundamentals.mastered == 2  # the Again card is relearning, not mastered


def test_quiz_session_flow_with_a_fake_clock():
    session = QuizSession.start([5, 6, 7], "due", now=100.0)
    assert session.current == 5
    session.reveal("mi respuesta", aloud=False)
    result = session.rate("good", 130.0, suggested="hard", coverage=0.4, covered=("a",))
    assert (result.number, result.duration_s, result.typed_answer) == (5, 30.0, "mi respuesta")
    assert session.current == 6 and not session.revealed
    session.skip(140.0)
    session.reveal("", aloud=True)
    session.rate("again", 150.0)
    assert session.finished
    summary = session.summary()
    assert summary["cards_done"] == 2 and summary["skipped"] == 1
    assert summary["ratings"] == {"again": 1, "hard": 0, "good": 1, "easy": 0}
    assert summary["coverage"] == pytest.approx(0.4)
    assert summary["total_s"] == 50.0
    with pytest.raises(ValueError):
        session.rate("good", 160.0)


def test_check_key_points_typed_and_spoken():
    from simulacro.answer_key import KeyEntry, KeyPoint
    from simulacro.quiz_session import check_key_points

    entry = KeyEntry(
        41,
        (
            KeyPoint("Umbrales", ("0.3", "0.7")),
            KeyPoint("Acción de negocio", ("contacto proactivo",)),
            KeyPoint("Calibración", ("calibracion",)),
        ),
        (),
    )
    typed = check_key_points(entry, "Uso umbrales 0,3 y 0,7 con calibración", aloud=False)
    assert typed["covered"] == ("Umbrales", "Calibración")
    assert typed["missed"] == ("Acción de negocio",)
    assert typed["suggested"] == "good"
    corrected = check_key_points(
        entry,
        "Uso umbrales 0,3 y 0,7 con calibración",
        aloud=False,
        overrides={"Acción de negocio": True, "Calibración": False, "unknown": True},
    )
    assert corrected["covered"] == ("Umbrales", "Acción de negocio")
    assert corrected["missed"] == ("Calibración",)
    everything = {"Acción de negocio": True}
    assert (
        check_key_points(entry, "umbral 0,3 0,7 calibrado", False, overrides=everything)[
            "suggested"
        ]
        == "easy"
    )
    spoken = check_key_points(entry, "", aloud=True, ticked=[False, True])
    assert spoken["covered"] == ("Acción de negocio",) and spoken["suggested"] == "hard"
    assert check_key_points(entry, "texto", aloud=True)["suggested"] == "again"  # no ticks
    assert check_key_points(None, "x", aloud=False)["suggested"] is None
