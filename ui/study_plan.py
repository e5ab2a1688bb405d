"""The learner's plan settings (interview date, target, new-card limit) and the cached plan.

Home, Progress and the Self-quiz's "Today's plan" mode read the same settings: the
Progress widgets write them, and a shadow copy (ui/persist.py) keeps them when another page
runs. The plan itself is cached on a digest of the cards, so a rerun that changed nothing
does not replay FSRS.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

import streamlit as st
from fsrs import Card

from simulacro.model import Question
from simulacro.plan import PlanError, StudyPlan, build_plan, check_interview_date
from simulacro.scheduling import TARGET_RETRIEVABILITY
from ui.persist import restore

DATE_KEY = "progress_interview_date"
TARGET_KEY = "progress_plan_target"
NEW_LIMIT_KEY = "progress_plan_new_limit"  # 0: spread the new cards evenly
DEFAULT_DAYS_AHEAD = 14
TARGETS = (0.8, 0.85, 0.9, 0.95)


def today() -> date:
    return datetime.now(UTC).date()


def interview_date() -> date:
    """The chosen interview date (not checked), or two weeks from today."""
    restore(DATE_KEY)
    value = st.session_state.get(DATE_KEY)
    return value if isinstance(value, date) else today() + timedelta(days=DEFAULT_DAYS_AHEAD)


def settings() -> tuple[date, float, int | None]:
    """(interview date, target recall, new cards per day or None for an even spread)."""
    restore(TARGET_KEY, NEW_LIMIT_KEY)
    target = st.session_state.get(TARGET_KEY) or TARGET_RETRIEVABILITY
    limit = st.session_state.get(NEW_LIMIT_KEY) or None
    return interview_date(), float(target), None if limit is None else int(limit)


def date_problem(day: date) -> str | None:
    """Why the interview date cannot be planned for, or None."""
    try:
        check_interview_date(day, today())
    except PlanError as exc:
        return str(exc)
    return None


def _digest(questions: list[Question], cards: dict[int, Card]) -> str:
    rows = [(q.number, q.section) for q in questions]
    rows += [
        (n, c.due.isoformat(), c.stability, c.difficulty, c.state, c.step)
        for n, c in sorted(cards.items())
    ]
    return hashlib.sha1(repr(rows).encode()).hexdigest()


@st.cache_data(show_spinner=False, max_entries=32)
def _plan(
    digest: str,
    minute: str,
    day: date,
    target: float,
    limit: int | None,
    new_today: int,
    _questions: list[Question],
    _cards: dict[int, Card],
) -> StudyPlan:
    now = datetime.fromisoformat(minute)
    return build_plan(
        _questions, _cards, day, now, target=target, new_per_day=limit, new_done_today=new_today
    )


def current_plan(
    questions: list[Question], cards: dict[int, Card], new_today: int
) -> StudyPlan | str:
    """Today's plan for the chosen settings, or the message saying why there is none."""
    day, target, limit = settings()
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    try:
        return _plan(
            _digest(questions, cards),
            now.isoformat(),
            day,
            target,
            limit,
            new_today,
            questions,
            cards,
        )
    except PlanError as exc:
        return str(exc)


PLAN_MODE = "plan"  # the Self-quiz mode that follows the plan
