"""Spaced repetition with FSRS (the `fsrs` package) and the study views built on it.

One FSRS card per question; its `card_id` is the question number, so an exported card
always maps back to the same question. All datetimes are aware UTC (fsrs requires it).
The selection functions take `simulacro.model.Question` objects and a {number: Card} map
(from `ProgressStore.cards()`), so they are pure and easy to test.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from fsrs import Card, Rating, Scheduler, State

from simulacro.model import SECTIONS, Question

RATING_BY_NAME: dict[str, Rating] = {
    "again": Rating.Again,
    "hard": Rating.Hard,
    "good": Rating.Good,
    "easy": Rating.Easy,
}
MODES: tuple[str, ...] = ("due", "new", "weakest", "random", "bookmarked")
TARGET_RETRIEVABILITY = 0.9  # the scheduler's desired retention; below it = "at risk"


@lru_cache(maxsize=1)
def scheduler() -> Scheduler:
    """The shared FSRS scheduler (default weights, 90 % desired retention).

    Fuzzing is off so the same reviews always give the same schedule (reproducible tests,
    identical results after export/import); with 115 cards there is no pile-up to spread.
    """
    return Scheduler(desired_retention=TARGET_RETRIEVABILITY, enable_fuzzing=False)


def utc(when: datetime | None = None) -> datetime:
    """`when` as an aware UTC datetime (naive values are taken as UTC); now if None."""
    if when is None:
        return datetime.now(UTC)
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def new_card(number: int, when: datetime | None = None) -> Card:
    """A fresh card for question `number` (card id = number), due at `when`."""
    return Card(card_id=number, due=utc(when))


def apply_review(
    card: Card, rating: str, when: datetime | None = None, duration_s: float | None = None
) -> Card:
    """The card after a review with `rating` (again/hard/good/easy) at `when`."""
    duration_ms = None if duration_s is None else int(duration_s * 1000)
    updated, _log = scheduler().review_card(
        card, RATING_BY_NAME[rating], review_datetime=utc(when), review_duration=duration_ms
    )
    return updated


def preview_intervals(card: Card | None, number: int, when: datetime | None = None) -> dict:
    """{rating: timedelta until the card would be due again} for the four ratings."""
    now = utc(when)
    base = card or new_card(number, now)
    return {name: apply_review(base, name, now).due - now for name in RATING_BY_NAME}


def format_interval(delta: timedelta) -> str:
    """Short human text for an interval: '10 min', '5 h', '3 d', '2 mo'."""
    minutes = max(1, round(delta.total_seconds() / 60))
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 24 * 60:
        return f"{round(minutes / 60)} h"
    days = round(minutes / 1440)
    if days < 31:
        return f"{days} d"
    if days < 365:
        return f"{round(days / 30)} mo"
    return f"{days / 365:.1f} y"


def retrievability(card: Card | None, at: datetime | None = None) -> float:
    """Predicted probability of recall at `at` (0 for a question never reviewed)."""
    if card is None:
        return 0.0
    return float(scheduler().get_card_retrievability(card, current_datetime=utc(at)))


def is_due(card: Card, now: datetime | None = None) -> bool:
    return card.due <= utc(now)


# --------------------------------------------------------------------------- selection
def due_now(
    questions: Iterable[Question], cards: dict[int, Card], now: datetime | None = None
) -> list[Question]:
    """Reviewed questions whose card is due, most overdue first."""
    moment = utc(now)
    due = [q for q in questions if q.number in cards and cards[q.number].due <= moment]
    return sorted(due, key=lambda q: (cards[q.number].due, q.number))


def new_questions(questions: Iterable[Question], cards: dict[int, Card]) -> list[Question]:
    """Questions never reviewed, in bank order."""
    return [q for q in questions if q.number not in cards]


def weakest_first(
    questions: Iterable[Question],
    cards: dict[int, Card],
    lapses: dict[int, int] | None = None,
    now: datetime | None = None,
) -> list[Question]:
    """Reviewed questions, lowest retrievability first, then most lapses (Again ratings)."""
    lapses = lapses or {}
    seen = [q for q in questions if q.number in cards]
    return sorted(
        seen,
        key=lambda q: (
            round(retrievability(cards[q.number], now), 4),
            -lapses.get(q.number, 0),
            q.number,
        ),
    )


def random_n(questions: Sequence[Question], n: int, seed: int | None = None) -> list[Question]:
    """`n` distinct questions drawn at random (reproducible with `seed`)."""
    pool = list(questions)
    return random.Random(seed).sample(pool, min(max(n, 0), len(pool)))


def bookmarked(questions: Iterable[Question], bookmarks: Iterable[int]) -> list[Question]:
    marks = set(bookmarks)
    return [q for q in questions if q.number in marks]


def select(
    mode: str,
    questions: Sequence[Question],
    cards: dict[int, Card],
    *,
    now: datetime | None = None,
    bookmarks: Iterable[int] = (),
    lapses: dict[int, int] | None = None,
    limit: int | None = None,
    seed: int | None = None,
) -> list[Question]:
    """The study queue for `mode` (one of MODES), at most `limit` questions."""
    if mode == "due":
        queue = due_now(questions, cards, now)
    elif mode == "new":
        queue = new_questions(questions, cards)
    elif mode == "weakest":
        queue = weakest_first(questions, cards, lapses, now)
    elif mode == "random":
        queue = random_n(questions, limit if limit is not None else len(questions), seed)
    elif mode == "bookmarked":
        queue = bookmarked(questions, bookmarks)
    else:
        raise ValueError(f"mode: {mode!r} is not one of {', '.join(MODES)}")
    return queue if limit is None else queue[: max(limit, 0)]


# --------------------------------------------------------------------------- statistics
def due_next_days(
    cards: dict[int, Card], now: datetime | None = None, days: int = 7
) -> list[tuple[date, int]]:
    """Cards due on each of the next `days` UTC days; today includes the overdue ones."""
    moment = utc(now)
    today = moment.date()
    counts = {today + timedelta(days=i): 0 for i in range(days)}
    for card in cards.values():
        day = max(card.due.astimezone(UTC).date(), today)
        if day in counts:
            counts[day] += 1
    return list(counts.items())


@dataclass(frozen=True)
class SectionMastery:
    section: str
    questions: int  # in the bank
    seen: int  # reviewed at least once
    mastered: int  # in the Review state and still above the target retrievability
    retrievability: float  # average now, unseen questions count as 0


def mastery_by_section(
    questions: Iterable[Question], cards: dict[int, Card], now: datetime | None = None
) -> list[SectionMastery]:
    """Mastery per section, in the document's section order."""
    groups: dict[str, list[Question]] = {}
    for q in questions:
        groups.setdefault(q.section, []).append(q)
    result = []
    for section in [s for s in SECTIONS if s in groups] + sorted(set(groups) - set(SECTIONS)):
        items = groups[section]
        values = [retrievability(cards.get(q.number), now) for q in items]
        mastered = sum(
            1
            for q, r in zip(items, values, strict=True)
            if q.number in cards
            and cards[q.number].state == State.Review
            and r >= TARGET_RETRIEVABILITY
        )
        result.append(
            SectionMastery(
                section=section,
                questions=len(items),
                seen=sum(1 for q in items if q.number in cards),
                mastered=mastered,
                retrievability=sum(values) / len(values),
            )
        )
    return result


@dataclass(frozen=True)
class AtRisk:
    number: int
    title: str
    section: str
    retrievability: float  # at the interview date
    seen: bool


@dataclass(frozen=True)
class Readiness:
    at: datetime
    by_section: dict[str, float]  # average retrievability at `at` (unseen = 0)
    overall: float
    at_risk: list[AtRisk]  # seen questions below the target at `at`, weakest first
    study_first: list[AtRisk] = field(default_factory=list)


def interview_moment(day: date | datetime) -> datetime:
    """An interview date as a UTC moment (09:00 UTC on that day for a plain date)."""
    if isinstance(day, datetime):
        return utc(day)
    return datetime.combine(day, time(9, 0), tzinfo=UTC)


def readiness(
    questions: Iterable[Question],
    cards: dict[int, Card],
    interview: date | datetime,
    limit: int = 10,
) -> Readiness:
    """Forecast of what the learner will remember on the interview date.

    For each section: the average FSRS retrievability at that date (unseen = 0). At risk:
    questions already reviewed that will have dropped below the target by then. Study
    these first: the at-risk ones (a quick review revives them), then unseen questions
    from the weakest sections.
    """
    at = interview_moment(interview)
    items = list(questions)
    values = {q.number: retrievability(cards.get(q.number), at) for q in items}
    by_section: dict[str, list[float]] = {}
    for q in items:
        by_section.setdefault(q.section, []).append(values[q.number])
    section_avg = {s: sum(v) / len(v) for s, v in by_section.items()}
    ordered = {s: section_avg[s] for s in SECTIONS if s in section_avg}
    ordered.update({s: v for s, v in section_avg.items() if s not in ordered})

    def entry(q: Question) -> AtRisk:
        return AtRisk(q.number, q.title, q.section, values[q.number], q.number in cards)

    at_risk = sorted(
        (entry(q) for q in items if q.number in cards and values[q.number] < TARGET_RETRIEVABILITY),
        key=lambda a: (a.retrievability, a.number),
    )
    unseen = sorted(
        (entry(q) for q in items if q.number not in cards),
        key=lambda a: (section_avg[a.section], a.number),
    )
    overall = sum(values.values()) / len(values) if values else 0.0
    return Readiness(
        at=at,
        by_section=ordered,
        overall=overall,
        at_risk=at_risk[:limit],
        study_first=(at_risk + unseen)[:limit],
    )
