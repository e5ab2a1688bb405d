"""A study plan to the interview date: how many cards a day, per section, to get there.

The plan replays FSRS forward. Each question must reach the target recall (e.g. 90 %) on
the interview day: a question already reviewed is reviewed again whenever its predicted
recall would drop below the target before the interview (FSRS's own due date when the
target is the scheduler's retention); an unseen question is first introduced on some day
and then follows the same rule. Every simulated review is rated "good", so the plan is
what a learner who knows the answer when asked would have to do; a lapse adds reviews.

New questions are spread evenly over the days left (as late as still works, none on the
interview day), or capped by a daily limit of new cards; questions the cap cannot fit
before the interview are reported as not reached.

Pure: questions, cards, dates in; numbers out. Day boundaries are UTC, as in Progress.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from fsrs import Card, Rating, Scheduler

from simulacro.model import SECTIONS, Question
from simulacro.scheduling import TARGET_RETRIEVABILITY, interview_moment, new_card, utc

MAX_DAYS_AHEAD = 365
MIN_TARGET, MAX_TARGET = 0.70, 0.97
MAX_NEW_PER_DAY = 115
STUDY_HOUR = 9  # a later day's study session is taken to start at 09:00 UTC
TODAY_LEAD = timedelta(hours=1)  # an interview today is taken to be at least an hour away
_MAX_REVIEWS_PER_CARD = 60  # a safety bound; FSRS intervals grow, a card needs far fewer


class PlanError(ValueError):
    """An input the plan cannot use (interview date, target, limit); says which and why."""


@lru_cache(maxsize=8)
def _scheduler(target: float) -> Scheduler:
    return Scheduler(desired_retention=target, enable_fuzzing=False)


def check_interview_date(day: date, today: date) -> None:
    """Raise PlanError for a date in the past or more than a year away."""
    if day < today:
        raise PlanError(f"the interview date {day.isoformat()} is in the past (today is {today})")
    if day > today + timedelta(days=MAX_DAYS_AHEAD):
        raise PlanError(
            f"the interview date {day.isoformat()} is more than a year away "
            f"(the latest is {(today + timedelta(days=MAX_DAYS_AHEAD)).isoformat()})"
        )


def _check(target: float, new_per_day: int | None) -> None:
    if not MIN_TARGET <= target <= MAX_TARGET:
        raise PlanError(f"target recall {target:.0%} is outside {MIN_TARGET:.0%}-{MAX_TARGET:.0%}")
    if new_per_day is not None and not 1 <= new_per_day <= MAX_NEW_PER_DAY:
        raise PlanError(f"new cards per day must be 1-{MAX_NEW_PER_DAY}, not {new_per_day}")


@dataclass(frozen=True)
class SectionPlan:
    section: str
    questions: int
    unseen: int
    reviews: int  # simulated reviews from now to the interview
    cards_per_day: float  # distinct cards a day, on average over the days left
    expected_recall: float  # average predicted recall on the day if the plan is followed
    not_reached: int  # unseen questions the new-card limit leaves out


@dataclass(frozen=True)
class DayPlan:
    day: date
    cards: int  # distinct questions to study that day
    new: int  # of which seen for the first time


@dataclass(frozen=True)
class StudyPlan:
    interview: date
    days_left: int  # study days before the interview day (today counts)
    target: float
    new_per_day: int  # the limit in force (the even spread when none was given)
    sections: list[SectionPlan]
    days: list[DayPlan]
    today: list[int]  # question numbers to study today: due reviews first, then new ones
    not_reached: list[int] = field(default_factory=list)

    @property
    def cards_per_day(self) -> float:
        return sum(s.cards_per_day for s in self.sections)

    @property
    def reachable(self) -> bool:
        return not self.not_reached

    @property
    def expected_recall(self) -> float:
        total = sum(s.questions for s in self.sections)
        return sum(s.expected_recall * s.questions for s in self.sections) / total if total else 0.0


def _session_start(day: date, now: datetime) -> datetime:
    return now if day <= now.date() else datetime.combine(day, time(STUDY_HOUR), tzinfo=UTC)


def _replay(
    card: Card, start: datetime, interview: datetime, target: float
) -> tuple[list[datetime], float]:
    """Review times of `card` from `start` until it holds `target` recall at `interview`,
    and the recall it then has on the day.

    Reviews follow the target's own FSRS schedule: whole days apart once the card is past
    its learning steps (FSRS counts elapsed days, so two reviews on one day barely help).
    When the next due day falls after the interview but the recall would end under the
    target, one more review goes on the day before the interview.
    """
    scheduler = _scheduler(target)
    moments: list[datetime] = []
    when = start
    for _ in range(_MAX_REVIEWS_PER_CARD):
        if when >= interview:
            break
        card, _log = scheduler.review_card(card, Rating.Good, review_datetime=when)
        moments.append(when)
        if scheduler.get_card_retrievability(card, current_datetime=interview) >= target:
            break
        next_time = card.due
        if next_time >= interview:  # rounded to days, the schedule overshoots: one more
            next_time = max(when + timedelta(days=1), interview - timedelta(days=1))
        when = next_time
    recall = float(scheduler.get_card_retrievability(card, current_datetime=interview))
    return moments, recall


def _drop_below(
    scheduler: Scheduler, card: Card, after: datetime, before: datetime, target: float
) -> datetime:
    """About the moment the card's recall falls to `target` (bisection to a minute)."""
    low, high = after, before
    while high - low > timedelta(minutes=1):
        middle = low + (high - low) / 2
        if scheduler.get_card_retrievability(card, current_datetime=middle) >= target:
            low = middle
        else:
            high = middle
    return low


def _first_review_due(card: Card, now: datetime, interview: datetime, target: float) -> datetime:
    """When a reviewed card next needs a review for the plan (may be after the interview)."""
    scheduler = _scheduler(target)
    if scheduler.get_card_retrievability(card, current_datetime=interview) >= target:
        return interview
    if scheduler.get_card_retrievability(card, current_datetime=now) < target:
        return now
    return max(now, min(card.due, _drop_below(scheduler, card, now, interview, target)))


def build_plan(
    questions: Sequence[Question],
    cards: dict[int, Card],
    interview: date,
    now: datetime | None = None,
    *,
    target: float = TARGET_RETRIEVABILITY,
    new_per_day: int | None = None,
    new_done_today: int = 0,
) -> StudyPlan:
    """The plan from `now` to the interview day (see the module docstring).

    `new_done_today` (questions seen for the first time today) counts against today's
    new-card limit. Raises PlanError for an unusable date, target or limit, and for a
    bank without questions.
    """
    moment = utc(now)
    today = moment.date()
    check_interview_date(interview, today)
    _check(target, new_per_day)
    if not questions:
        raise PlanError("the deck has no questions to plan")
    day_of_interview = interview_moment(interview)
    study_days = [today + timedelta(days=i) for i in range((interview - today).days)]
    if not study_days:  # the interview is today: what can still be revived in an hour
        study_days = [today]
        day_of_interview = max(day_of_interview, moment + TODAY_LEAD)
    days_left = len(study_days)

    unseen = _new_order(questions, cards, moment)
    if new_per_day is None:
        limit = max(1, math.ceil(len(unseen) / days_left)) if unseen else 1
    else:
        limit = new_per_day
    introduced: dict[int, datetime] = {}
    left = list(unseen)
    for index, day in enumerate(study_days):
        room = limit - (new_done_today if index == 0 else 0)
        for number in left[: max(room, 0)]:
            introduced[number] = _session_start(day, moment)
        left = left[max(room, 0) :]
    not_reached = left

    per_day: dict[date, set[int]] = defaultdict(set)
    new_on: Counter[date] = Counter()
    recall: dict[int, float] = {}
    reviews: Counter[int] = Counter()
    for question in questions:
        number = question.number
        card = cards.get(number)
        if card is None:
            if number not in introduced:
                recall[number] = 0.0
                continue
            start = introduced[number]
            card = new_card(number, start)
            new_on[start.date()] += 1
        else:
            start = _first_review_due(card, moment, day_of_interview, target)
        moments, recall[number] = _replay(card, start, day_of_interview, target)
        reviews[number] = len(moments)
        for when in moments:
            per_day[max(when.date(), today)].add(number)

    sections = _by_section(questions, cards, recall, reviews, per_day, not_reached, days_left)
    days = [DayPlan(day, len(per_day.get(day, ())), new_on.get(day, 0)) for day in study_days]
    todays = per_day.get(today, set())
    due_first = sorted((n for n in todays if n in cards), key=lambda n: (cards[n].due, n)) + [
        n for n in unseen if n in todays
    ]
    return StudyPlan(
        interview=interview,
        days_left=days_left,
        target=target,
        new_per_day=limit,
        sections=sections,
        days=days,
        today=due_first,
        not_reached=sorted(not_reached),
    )


def _new_order(questions: Iterable[Question], cards: dict[int, Card], now: datetime) -> list[int]:
    """Unseen questions, weakest section first (lowest share seen), then by number."""
    items = list(questions)
    seen_share: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for q in items:
        seen_share[q.section][0] += q.number in cards
        seen_share[q.section][1] += 1
    return [
        q.number
        for q in sorted(
            (q for q in items if q.number not in cards),
            key=lambda q: (seen_share[q.section][0] / seen_share[q.section][1], q.number),
        )
    ]


def _by_section(
    questions: Sequence[Question],
    cards: dict[int, Card],
    recall: dict[int, float],
    reviews: Counter[int],
    per_day: dict[date, set[int]],
    not_reached: list[int],
    days_left: int,
) -> list[SectionPlan]:
    groups: dict[str, list[int]] = defaultdict(list)
    for q in questions:
        groups[q.section].append(q.number)
    order = [s for s in SECTIONS if s in groups] + sorted(set(groups) - set(SECTIONS))
    missing = set(not_reached)
    result = []
    for section in order:
        numbers = set(groups[section])
        card_days = sum(len(numbers & cards_that_day) for cards_that_day in per_day.values())
        result.append(
            SectionPlan(
                section=section,
                questions=len(numbers),
                unseen=sum(1 for n in numbers if n not in cards),
                reviews=sum(reviews[n] for n in numbers),
                cards_per_day=card_days / days_left,
                expected_recall=sum(recall[n] for n in numbers) / len(numbers),
                not_reached=len(numbers & missing),
            )
        )
    return result


def streak(reviews_per_day: dict[str, int], today: date) -> int:
    """Consecutive UTC days with a review, ending today (or yesterday: today is not over)."""
    days = {day for day, count in reviews_per_day.items() if count > 0}
    current = today if today.isoformat() in days else today - timedelta(days=1)
    count = 0
    while current.isoformat() in days:
        count += 1
        current -= timedelta(days=1)
    return count
