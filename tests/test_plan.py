"""The study plan to the interview date: invariants over dates, targets, limits and progress."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulacro import scheduling
from simulacro.bank import load_bank
from simulacro.model import Question
from simulacro.plan import PlanError, build_plan, check_interview_date, streak

BANK = load_bank().questions
NOW = datetime(2026, 12, 2, 16, 0, tzinfo=UTC)


def reviewed(numbers, ratings, start: datetime) -> dict:
    """Cards after the given ratings, one review a day from `start`."""
    cards = {}
    for i, (number, rating) in enumerate(zip(numbers, ratings, strict=False)):
        card = cards.get(number) or scheduling.new_card(number, start)
        cards[number] = scheduling.apply_review(card, rating, start + timedelta(hours=i))
    return cards


def test_an_empty_deck_spreads_new_cards_evenly_and_reaches_the_target():
    plan = build_plan(BANK, {}, NOW.date() + timedelta(days=14), NOW)
    assert plan.days_left == 14
    assert plan.new_per_day == 9  # ceil(115 / 14)
    assert sum(day.new for day in plan.days) == 115
    assert plan.reachable and plan.not_reached == []
    assert all(s.expected_recall >= 0.9 for s in plan.sections)
    assert len(plan.today) == 9 and plan.days[0].cards == 9
    assert [s.section for s in plan.sections][0] == "Fundamentos de ML"


def test_a_new_card_limit_that_cannot_fit_reports_what_is_left_out():
    plan = build_plan(BANK, {}, NOW.date() + timedelta(days=10), NOW, new_per_day=5)
    assert len(plan.not_reached) == 115 - 50
    assert not plan.reachable
    assert sum(s.not_reached for s in plan.sections) == 65
    assert plan.expected_recall < 0.5
    assert all(day.new <= 5 for day in plan.days)


def test_new_cards_done_today_count_against_todays_limit():
    plan = build_plan(
        BANK, {}, NOW.date() + timedelta(days=30), NOW, new_per_day=4, new_done_today=3
    )
    assert plan.days[0].new == 1 and plan.days[1].new == 4


def test_a_strong_card_needs_nothing_a_fading_one_comes_back():
    strong = reviewed([1] * 6, ["good"] * 6, NOW - timedelta(days=400))
    # a card reviewed once long ago has faded: it is due today
    faded = reviewed([2], ["good"], NOW - timedelta(days=60))
    cards = {**strong, **faded}
    questions = [q for q in BANK if q.number in (1, 2)]
    plan = build_plan(questions, cards, NOW.date() + timedelta(days=3), NOW)
    assert 2 in plan.today
    assert plan.expected_recall >= 0.9


def test_interview_today_still_plans_a_review():
    plan = build_plan(BANK[:5], {}, NOW.date(), NOW)
    assert plan.days_left == 1 and len(plan.today) == 5


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (NOW.date() - timedelta(days=1), "is in the past"),
        (NOW.date() + timedelta(days=366), "more than a year away"),
    ],
)
def test_bad_interview_dates_say_what_is_wrong(day, message):
    with pytest.raises(PlanError, match=message):
        build_plan(BANK, {}, day, NOW)
    with pytest.raises(PlanError, match=message):
        check_interview_date(day, NOW.date())


def test_bad_target_limit_and_empty_deck():
    later = NOW.date() + timedelta(days=5)
    with pytest.raises(PlanError, match="target recall"):
        build_plan(BANK, {}, later, NOW, target=0.5)
    with pytest.raises(PlanError, match="new cards per day"):
        build_plan(BANK, {}, later, NOW, new_per_day=0)
    with pytest.raises(PlanError, match="no questions"):
        build_plan([], {}, later, NOW)


def test_a_section_of_its_own_is_planned_after_the_known_ones():
    odd = Question(200, "Extra", "T", "¿P?", "R")
    plan = build_plan([BANK[0], odd], {}, NOW.date() + timedelta(days=4), NOW)
    assert [s.section for s in plan.sections] == ["Fundamentos de ML", "Extra"]


@settings(max_examples=40, deadline=None)
@given(
    days=st.integers(min_value=0, max_value=365),
    target=st.sampled_from([0.7, 0.8, 0.9, 0.95, 0.97]),
    limit=st.one_of(st.none(), st.integers(min_value=1, max_value=20)),
    history=st.lists(
        st.tuples(st.integers(1, 115), st.sampled_from(sorted(scheduling.RATING_BY_NAME))),
        max_size=40,
    ),
    ago=st.integers(min_value=0, max_value=200),
)
def test_plan_invariants(days, target, limit, history, ago):
    cards = reviewed([n for n, _ in history], [r for _, r in history], NOW - timedelta(days=ago))
    day = NOW.date() + timedelta(days=days)
    plan = build_plan(BANK, cards, day, NOW, target=target, new_per_day=limit)
    unseen = {q.number for q in BANK} - set(cards)
    new_total = sum(d.new for d in plan.days)
    assert new_total + len(plan.not_reached) == len(unseen)
    assert set(plan.not_reached) <= unseen
    assert all(d.new <= plan.new_per_day and d.new <= d.cards for d in plan.days)
    assert len(plan.days) == plan.days_left == max(days, 1)
    assert len(set(plan.today)) == len(plan.today) == plan.days[0].cards
    for section in plan.sections:
        assert 0.0 <= section.expected_recall <= 1.0
        if section.not_reached == 0:  # every card was planned to the target
            assert section.expected_recall >= target - 1e-9, section


def test_streak_counts_consecutive_days_ending_today_or_yesterday():
    today = date(2026, 12, 2)
    days = {"2026-11-29": 2, "2026-11-30": 1, "2026-12-01": 4}
    assert streak(days, today) == 3  # today not studied yet: the streak is still alive
    assert streak({**days, "2026-12-02": 1}, today) == 4
    assert streak({"2026-11-28": 3}, today) == 0
    assert streak({}, today) == 0
