"""The mock interview: presets, the question draw, a clock-driven state machine, the report.

Pure logic (no Streamlit), so every rule is tested with a fake clock:

- Time is wall-clock epoch seconds (`time.time()`), injectable: every method takes `now`,
  and when it is omitted the interview asks its `clock` callable. Deadlines are STORED as
  timestamps (never as "seconds left" counted down by reruns), so a rerun, a page switch
  or a slow render cannot make the countdown drift: what is left is always
  `deadline - now`.
- Each question goes pending -> active -> answered | skipped | timed_out (or not_reached
  when the interview ends first). After an answer, an optional follow-up phase has its own
  short deadline.
- `tick(now)` is the only thing that moves on by itself: once the question deadline has
  passed it marks the phase timed_out (keeping the typed text) and starts the next one with
  a deadline counted from `now`. Calling it again, even 100 times in a row, changes
  nothing until the NEW deadline passes, so a burst of reruns never skips questions.
- Pause freezes both clocks: on resume both deadlines move forward by the pause length.
"""

from __future__ import annotations

import math
import random
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from simulacro.follow_ups import FollowUpPlan, choose_follow_up, covers_point
from simulacro.grading import (
    RATINGS,
    coverage_of,
    detail_labels,
    grade,
    scored_tally,
    suggest_rating,
)
from simulacro.model import SECTIONS, Question
from simulacro.star import applies_to, check_star

if TYPE_CHECKING:
    from fsrs import Card

    from simulacro.answer_key import KeyEntry

Clock = Callable[[], float]

# Question / follow-up states.
PENDING = "pending"
ACTIVE = "active"
ANSWERED = "answered"
SKIPPED = "skipped"
TIMED_OUT = "timed_out"
NOT_REACHED = "not_reached"
STATUSES: tuple[str, ...] = (PENDING, ACTIVE, ANSWERED, SKIPPED, TIMED_OUT, NOT_REACHED)

# Phases of the current question.
MAIN = "main"
FOLLOW_UP = "follow_up"

# Why the interview ended.
END_COMPLETED = "completed"  # every question went by
END_BY_USER = "ended"  # the End interview button
END_TIME_UP = "time_up"  # the total interview time ran out

WARNING_SECONDS = 30  # the countdown turns to the warning colour in the last 30 s
MIN_SECONDS_PER_QUESTION = 5
MAX_SECONDS_PER_QUESTION = 3600
MIN_FOLLOW_UP_SECONDS = 5
MAX_QUESTIONS = 40
MAX_TOTAL_SECONDS = 4 * 3600
REPORT_VERSION = 1
LEFT_OPEN_AFTER_S = 3600  # an interview noticed this long after its end was left open

PROJECT_SECTIONS: dict[str, str] = {
    "bankchurn": "BankChurn-Predictor",
    "carvision": "CarVision-Market-Intelligence",
    "telecomai": "TelecomAI-Customer-Intelligence",
}


# --------------------------------------------------------------------------- configuration
@dataclass(frozen=True)
class InterviewConfig:
    """What to draw and how long everything lasts. Build it with a preset or `custom()`."""

    preset: str
    sections: tuple[str, ...] = ()  # empty = every section
    project: str | None = None  # deep dive: questions of one project (and its section)
    n_questions: int = 8
    seconds_per_question: int = 300
    total_seconds: int = 45 * 60
    follow_ups: bool = True
    follow_up_seconds: int = 60
    seed: int | None = None
    weak_first: bool = False

    def validate(self) -> InterviewConfig:
        """Return self, or raise ValueError saying which setting is wrong and why."""
        if not 1 <= self.n_questions <= MAX_QUESTIONS:
            raise ValueError(
                f"number of questions: {self.n_questions} is outside 1-{MAX_QUESTIONS}"
            )
        if not MIN_SECONDS_PER_QUESTION <= self.seconds_per_question <= MAX_SECONDS_PER_QUESTION:
            raise ValueError(
                f"time per question: {self.seconds_per_question} s is outside "
                f"{MIN_SECONDS_PER_QUESTION}-{MAX_SECONDS_PER_QUESTION} s"
            )
        if not self.seconds_per_question <= self.total_seconds <= MAX_TOTAL_SECONDS:
            raise ValueError(
                f"total time: {self.total_seconds} s must be at least one question "
                f"({self.seconds_per_question} s) and at most {MAX_TOTAL_SECONDS // 3600} h"
            )
        if self.follow_ups and not (
            MIN_FOLLOW_UP_SECONDS <= self.follow_up_seconds <= MAX_SECONDS_PER_QUESTION
        ):
            raise ValueError(
                f"follow-up time: {self.follow_up_seconds} s is outside "
                f"{MIN_FOLLOW_UP_SECONDS}-{MAX_SECONDS_PER_QUESTION} s"
            )
        if not all(isinstance(s, str) and s.strip() for s in self.sections):
            raise ValueError("sections: each section must be a name")
        if self.project is not None and self.project not in PROJECT_SECTIONS:
            raise ValueError(
                f"project: {self.project!r} is not one of {', '.join(PROJECT_SECTIONS)}"
            )
        return self

    def with_options(
        self, *, seed: int | None = None, weak_first: bool | None = None
    ) -> InterviewConfig:
        """A copy with the draw options the setup screen adds to any preset."""
        return replace(
            self,
            seed=self.seed if seed is None else seed,
            weak_first=self.weak_first if weak_first is None else weak_first,
        )


def _deep_dive(project: str) -> InterviewConfig:
    # 5 x (3:00 + 1:00 follow-up) = 20 min on one project.
    return InterviewConfig(
        f"deep_{project}",
        project=project,
        n_questions=5,
        seconds_per_question=180,
        total_seconds=20 * 60,
    )


PRESETS: dict[str, InterviewConfig] = {
    # 8 x (4:30 + 1:00 follow-up) = 44 min inside a 45-minute loop.
    "loop": InterviewConfig("loop", n_questions=8, seconds_per_question=270, total_seconds=45 * 60),
    **{f"deep_{name}": _deep_dive(name) for name in ("bankchurn", "carvision", "telecomai")},
    # 10 x 90 s, no follow-ups: 15 min.
    "rapid": InterviewConfig(
        "rapid", n_questions=10, seconds_per_question=90, total_seconds=15 * 60, follow_ups=False
    ),
}
CUSTOM = "custom"


def custom(
    sections: Iterable[str] = (),
    n_questions: int = 5,
    seconds_per_question: int = 180,
    total_seconds: int | None = None,
    follow_ups: bool = False,
    follow_up_seconds: int = 60,
    seed: int | None = None,
    weak_first: bool = False,
    known_sections: Sequence[str] = SECTIONS,
) -> InterviewConfig:
    """A validated custom interview. `total_seconds=None`: every question plus follow-ups.

    `known_sections`: the sections of the deck being studied (the built-in ones by default).
    """
    unknown = [s for s in sections if s not in known_sections]
    if unknown:
        raise ValueError(f"sections: unknown {', '.join(map(repr, unknown))}")
    if total_seconds is None:
        per = seconds_per_question + (follow_up_seconds if follow_ups else 0)
        total_seconds = min(per * n_questions, MAX_TOTAL_SECONDS)
    return InterviewConfig(
        CUSTOM,
        sections=tuple(sections),
        n_questions=int(n_questions),
        seconds_per_question=int(seconds_per_question),
        total_seconds=int(total_seconds),
        follow_ups=bool(follow_ups),
        follow_up_seconds=int(follow_up_seconds),
        seed=seed,
        weak_first=weak_first,
    ).validate()


# --------------------------------------------------------------------------- the draw
def candidate_pool(questions: Iterable[Question], config: InterviewConfig) -> list[Question]:
    """The questions an interview may draw from (sections filter, or a project deep dive)."""
    pool = list(questions)
    if config.project is not None:
        home = PROJECT_SECTIONS[config.project]
        pool = [q for q in pool if q.project == config.project or q.section == home]
    if config.sections:
        wanted = set(config.sections)
        pool = [q for q in pool if q.section in wanted]
    return pool


def _section_rank(section: str) -> int:
    return SECTIONS.index(section) if section in SECTIONS else len(SECTIONS)


def draw(
    questions: Iterable[Question],
    n: int,
    *,
    seed: int | None = None,
    weakness: Mapping[int, float] | None = None,
    weak_first: bool = False,
) -> list[Question]:
    """`n` questions spread across sections the way an interview runs. Pure and seeded.

    Sections take turns (round robin) so 8 questions from 10 sections come from 8
    different sections; which sections and which questions is random (seeded). With
    `weak_first`, sections holding the weakest questions go first and, inside a section,
    higher `weakness` (0..1, see `weakness_scores`) wins; ties stay random. The result is
    ordered like the source document's interview: fundamentals first, leadership last.
    """
    rng = random.Random(seed)
    scores = weakness or {}
    groups: dict[str, list[Question]] = {}
    for q in sorted(questions, key=lambda q: q.number):  # input order must not matter
        groups.setdefault(q.section, []).append(q)
    if n <= 0 or not groups:
        return []
    queues: dict[str, list[Question]] = {}
    for section, items in groups.items():
        jitter = {q.number: rng.random() for q in items}
        if weak_first:
            items = sorted(items, key=lambda q: (-scores.get(q.number, 0.0), jitter[q.number]))
        else:
            items = sorted(items, key=lambda q: jitter[q.number])
        queues[section] = items
    section_jitter = {s: rng.random() for s in sorted(queues)}
    if weak_first:
        order = sorted(
            queues, key=lambda s: (-scores.get(queues[s][0].number, 0.0), section_jitter[s])
        )
    else:
        order = sorted(queues, key=lambda s: section_jitter[s])
    picked: list[tuple[int, Question]] = []  # (turn, question)
    turn = 0
    while len(picked) < n and any(queues.values()):
        for section in order:
            if queues[section] and len(picked) < n:
                picked.append((turn, queues[section].pop(0)))
        turn += 1
    ordered = sorted(picked, key=lambda item: (_section_rank(item[1].section), item[0]))
    return [q for _, q in ordered]


def weakness_scores(
    cards: Mapping[int, Card],
    lapses: Mapping[int, int] | None = None,
    now: datetime | None = None,
    numbers: Iterable[int] = (),
) -> dict[int, float]:
    """How weak the learner is on each question, 0 (solid) .. 1 (weak), from the store.

    Reviewed questions: the larger of the forgetting risk now (1 - FSRS retrievability) and
    a lapse score (rated Again once 0.7, twice 0.85, three times or more 1.0). The lapse
    score matters because right after an Again review FSRS still predicts recall, yet that
    is exactly what an interview should probe. Never-reviewed questions score 0.5
    (unknown): below proven weak spots, above well-known ones. `numbers` adds unseen ones.
    """
    from simulacro.scheduling import retrievability

    lapses = lapses or {}
    scores = {number: 0.5 for number in numbers}
    for number, card in cards.items():
        forgetting = 1.0 - retrievability(card, now)
        misses = lapses.get(number, 0)
        lapse_score = min(1.0, 0.55 + 0.15 * misses) if misses > 0 else 0.0
        scores[number] = round(min(1.0, max(0.0, forgetting, lapse_score)), 4)
    return scores


# --------------------------------------------------------------------------- the state machine
@dataclass
class QuestionRun:
    """One question of the interview as it happens."""

    number: int
    budget_s: float
    status: str = PENDING
    answer: str = ""
    aloud: bool = False
    used_s: float = 0.0
    follow_up: str | None = None  # the follow-up text, if one will be asked
    follow_up_status: str | None = None  # None = no follow-up for this question
    follow_up_answer: str = ""
    follow_up_used_s: float = 0.0
    follow_up_plan: FollowUpPlan | None = None  # None = the fixed text above is asked
    follow_up_kind: str | None = None  # follow_ups.PROBE / DEEPER / DRAWN once chosen
    follow_up_target: str | None = None  # the missed key point a probe asks about
    recording: str | None = None  # slot of the spoken answer (simulacro.recordings)
    recording_s: float = 0.0
    follow_up_recording: str | None = None
    follow_up_recording_s: float = 0.0


ENDED_HERE = (-1, "end")  # where a timeout that ended the interview is shown: the report


@dataclass(frozen=True)
class TimeoutNotice:
    """What the page says after a phase ran out of time, until the learner moves on."""

    position: int  # 1-based question position
    phase: str  # MAIN or FOLLOW_UP: which part ran out
    kept: bool  # something had been typed (or said) and was kept
    shown_at: tuple[int, int | str] = (0, MAIN)  # (index, phase) it is shown on


@dataclass
class Interview:
    """A running mock interview. Create it with `Interview.start(...)`."""

    config: InterviewConfig
    runs: list[QuestionRun]
    started_at: float
    interview_deadline: float
    question_deadline: float
    phase_started_at: float  # when the current phase started (or last resumed)
    index: int = 0
    phase: str = MAIN
    paused_at: float | None = None
    paused_s: float = 0.0
    ended_at: float | None = None
    end_reason: str | None = None
    auto_advances: int = 0  # how many times tick() moved on by itself
    last_timeout: TimeoutNotice | None = None
    token: str = field(default_factory=lambda: uuid.uuid4().hex)  # names its recordings
    left_open_s: float | None = None  # set when it was found long after its time ran out
    clock: Clock = field(default=time.time, repr=False, compare=False)

    # ---- creation ----------------------------------------------------------------------
    @classmethod
    def start(
        cls,
        config: InterviewConfig,
        numbers: Sequence[int],
        follow_ups: Mapping[int, str | FollowUpPlan] | None = None,
        now: float | None = None,
        clock: Clock = time.time,
    ) -> Interview:
        """Start at `now` (default: `clock()`), the first question active."""
        if not numbers:
            raise ValueError("no questions match these settings: widen the sections")
        config.validate()
        moment = clock() if now is None else float(now)
        follow_ups = (follow_ups or {}) if config.follow_ups else {}
        runs = []
        for n in numbers:
            given = follow_ups.get(n)
            plan = given if isinstance(given, FollowUpPlan) else None
            runs.append(
                QuestionRun(
                    number=n,
                    budget_s=float(config.seconds_per_question),
                    # A plan is decided when the answer is in; until then, the drawn one.
                    follow_up=plan.drawn if plan else given,
                    follow_up_status=PENDING if given else None,
                    follow_up_plan=plan,
                )
            )
        runs[0].status = ACTIVE
        total_deadline = moment + config.total_seconds
        return cls(
            config=config,
            runs=runs,
            started_at=moment,
            interview_deadline=total_deadline,
            question_deadline=min(moment + config.seconds_per_question, total_deadline),
            phase_started_at=moment,
            clock=clock,
        )

    # ---- reading -----------------------------------------------------------------------
    def _now(self, now: float | None) -> float:
        return self.clock() if now is None else float(now)

    @property
    def finished(self) -> bool:
        return self.ended_at is not None

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    @property
    def current(self) -> QuestionRun | None:
        return None if self.finished else self.runs[self.index]

    def _frozen_now(self, now: float | None) -> float:
        """The time the clocks show: the pause moment while paused, the end once ended."""
        moment = self._now(now)
        if self.ended_at is not None:
            return self.ended_at
        return self.paused_at if self.paused_at is not None else moment

    def question_remaining(self, now: float | None = None) -> float:
        """Seconds left on the current question (or follow-up), never below 0."""
        if self.finished:
            return 0.0
        return max(0.0, self.question_deadline - self._frozen_now(now))

    def total_remaining(self, now: float | None = None) -> float:
        """Seconds left for the whole interview, never below 0."""
        if self.finished:
            return max(0.0, self.interview_deadline - self.ended_at)  # type: ignore[operator]
        return max(0.0, self.interview_deadline - self._frozen_now(now))

    def phase_budget(self) -> float:
        """The length of the current phase (question budget or follow-up time)."""
        if self.phase == FOLLOW_UP:
            return float(self.config.follow_up_seconds)
        return float(self.config.seconds_per_question)

    # ---- typed text --------------------------------------------------------------------
    def set_answer(self, text: str | None = None, aloud: bool | None = None) -> None:
        """Remember what the learner typed for the current phase (None = unchanged)."""
        run = self.current
        if run is None:
            return
        if self.phase == FOLLOW_UP:
            if text is not None:
                run.follow_up_answer = str(text)
        else:
            if text is not None:
                run.answer = str(text)
            if aloud is not None:
                run.aloud = bool(aloud)

    def recording_slot(self) -> str:
        """File slot of the current phase's spoken answer, e.g. "q2_main"."""
        return f"q{self.index + 1}_{self.phase}"

    def set_recording(self, slot: str | None, seconds: float = 0.0) -> None:
        """A spoken answer for the current phase was kept (slot) or removed (None)."""
        run = self.current
        if run is None:
            return
        if self.phase == FOLLOW_UP:
            run.follow_up_recording, run.follow_up_recording_s = slot, float(seconds)
        else:
            run.recording, run.recording_s = slot, float(seconds)
            if slot is not None:
                run.aloud = True  # a recording is an answer given aloud

    def _said_something(self) -> bool:
        run = self.runs[self.index]
        if self.phase == FOLLOW_UP:
            return bool(run.follow_up_answer.strip() or run.follow_up_recording)
        return bool(run.answer.strip() or run.aloud or run.recording)

    # ---- transitions -------------------------------------------------------------------
    def _close_phase(self, status: str, moment: float) -> None:
        """End the current phase with `status`, adding the active time it used."""
        run = self.runs[self.index]
        spent = max(0.0, min(moment, self.question_deadline) - self.phase_started_at)
        if self.phase == FOLLOW_UP:
            run.follow_up_used_s = round(run.follow_up_used_s + spent, 3)
            run.follow_up_status = status
        else:
            run.used_s = round(run.used_s + spent, 3)
            run.status = status
            if run.follow_up_status == PENDING and status != ANSWERED:
                run.follow_up_status = NOT_REACHED  # no follow-up after a skip or timeout

    def _open_phase(self, phase: str, moment: float) -> None:
        self.phase = phase
        self.phase_started_at = moment
        budget = (
            self.config.follow_up_seconds
            if phase == FOLLOW_UP
            else self.config.seconds_per_question
        )
        # Counted from the moment the phase is shown, and never past the interview's end.
        self.question_deadline = min(moment + budget, self.interview_deadline)
        run = self.runs[self.index]
        if phase == FOLLOW_UP:
            run.follow_up_status = ACTIVE
        else:
            run.status = ACTIVE

    def _advance(self, moment: float) -> None:
        """After the current phase closed: its follow-up, the next question, or the end."""
        run = self.runs[self.index]
        if self.phase == MAIN and run.status == ANSWERED and run.follow_up_status == PENDING:
            if run.follow_up_plan is not None:  # probe what this answer left out
                chosen = choose_follow_up(run.follow_up_plan, run.answer)
                run.follow_up = chosen.text
                run.follow_up_kind, run.follow_up_target = chosen.kind, chosen.target
            self._open_phase(FOLLOW_UP, moment)
            return
        if self.index + 1 < len(self.runs):
            self.index += 1
            self._open_phase(MAIN, moment)
            return
        self._finish(moment, END_COMPLETED)

    def _finish(self, moment: float, reason: str) -> None:
        for run in self.runs:
            if run.status in (PENDING, ACTIVE):
                run.status = NOT_REACHED
            if run.follow_up_status in (PENDING, ACTIVE):
                run.follow_up_status = NOT_REACHED
        self.ended_at = moment
        self.end_reason = reason
        self.paused_at = None

    def _guard(self) -> None:
        if self.finished:
            raise ValueError("the interview has ended")

    def next(
        self, answer: str | None = None, aloud: bool | None = None, now: float | None = None
    ) -> None:
        """Next: the current question (or follow-up) is answered; move on."""
        self._guard()
        moment = self._now(now)
        if self.tick(moment, answer, aloud):
            return  # the deadline had already passed: it timed out, and we moved on
        self.set_answer(answer, aloud)
        if self.paused:
            self.resume(moment)
        self._close_phase(ANSWERED, moment)
        self._advance(moment)

    def skip(self, now: float | None = None) -> None:
        """Skip the current question (its follow-up too) or just the current follow-up."""
        self._guard()
        moment = self._now(now)
        if self.tick(moment):
            return
        if self.paused:
            self.resume(moment)
        self._close_phase(SKIPPED, moment)
        self._advance(moment)

    def pause(self, now: float | None = None) -> None:
        """Freeze both clocks (question and interview)."""
        self._guard()
        moment = self._now(now)
        if self.paused or self.tick(moment):
            return
        self.paused_at = moment

    def resume(self, now: float | None = None) -> None:
        """Unfreeze: both deadlines move forward by the length of the pause."""
        self._guard()
        if self.paused_at is None:
            return
        moment = max(self._now(now), self.paused_at)
        gap = moment - self.paused_at
        self.question_deadline += gap
        self.interview_deadline += gap
        self.phase_started_at += gap
        self.paused_s = round(self.paused_s + gap, 3)
        self.paused_at = None

    def end(
        self, answer: str | None = None, aloud: bool | None = None, now: float | None = None
    ) -> None:
        """End now. The current phase counts as answered if anything was typed/said."""
        if self.finished:
            return
        moment = self._now(now)
        if self.paused_at is not None:
            moment = self.paused_at  # time stood still during the pause
        self.set_answer(answer, aloud)
        run = self.runs[self.index]
        self._close_phase(ANSWERED if self._said_something() else SKIPPED, moment)
        if run.follow_up_status == PENDING:
            run.follow_up_status = NOT_REACHED
        self._finish(moment, END_BY_USER)

    def tick(
        self, now: float | None = None, answer: str | None = None, aloud: bool | None = None
    ) -> bool:
        """Move on by itself if a deadline has passed. True when something changed.

        The current phase is timed out ONCE, keeping what was typed (`answer`, if given,
        is stored first), and the next phase starts with a deadline counted from `now`.
        Paused or ended interviews never change here.
        """
        if self.finished or self.paused:
            return False
        moment = self._now(now)
        if moment < self.question_deadline and moment < self.interview_deadline:
            return False
        self.set_answer(answer, aloud)
        self.auto_advances += 1
        deadline = self.question_deadline
        timed_out = (self.index + 1, self.phase, self._said_something())
        if moment - min(deadline, self.interview_deadline) > LEFT_OPEN_AFTER_S:
            # Found long after its time ran out (a tab left open, a laptop asleep for days).
            self.left_open_s = round(moment - self.started_at, 1)
        self._close_phase(TIMED_OUT, moment)
        if self.index + 1 >= len(self.runs):  # the last question ran out: that is the end
            self._finish(min(moment, deadline), END_COMPLETED)
        elif moment >= self.interview_deadline:  # questions left but no interview time
            self._finish(self.interview_deadline, END_TIME_UP)
        else:
            self._advance(moment)  # the next question starts now, with its full budget
        position, phase, kept = timed_out
        shown_at = ENDED_HERE if self.finished else (self.index, self.phase)
        self.last_timeout = TimeoutNotice(position, phase, kept, shown_at)
        return True

    def timeout_notice(self) -> TimeoutNotice | None:
        """The time-ran-out notice to show now: only on the phase that the timeout opened
        (a Next, Skip or a later timeout moves past it) or on the report it ended in."""
        notice = self.last_timeout
        if notice is None:
            return None
        here = ENDED_HERE if self.finished else (self.index, self.phase)
        return notice if notice.shown_at == here else None

    # ---- helpers for the page ------------------------------------------------------------
    def position_label(self) -> tuple[int, int]:
        """(1-based position of the current question, number of questions)."""
        return min(self.index + 1, len(self.runs)), len(self.runs)


def warning_zone(seconds_left: float) -> bool:
    """Whether a countdown is in its last `WARNING_SECONDS` (shown in the warning colour)."""
    return seconds_left <= WARNING_SECONDS


def format_clock(seconds: float) -> str:
    """mm:ss (h:mm:ss from one hour), rounding UP so 0:00 means the time is really over."""
    whole = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


# --------------------------------------------------------------------------- the report
RATING_STEP_DOWN = {"easy": "good", "good": "hard", "hard": "again", "again": "again"}


def suggested_rating(coverage: float | None, status: str, answer: str, aloud: bool) -> str | None:
    """Self-rating suggestion for a question: from key-point coverage, one step lower when
    the question ran out of time (it used its whole budget). Skipped/unreached: None.

    Answered aloud with nothing typed: "good" (we cannot grade speech; the learner adjusts).
    """
    if status not in (ANSWERED, TIMED_OUT):
        return None
    if not answer.strip() and aloud:
        base = "good"
    elif coverage is None:  # no answer key for this question: judge by whether text exists
        base = "good" if answer.strip() else "again"
    else:
        base = suggest_rating(coverage, not answer.strip())
    return RATING_STEP_DOWN[base] if status == TIMED_OUT else base


@dataclass
class ReportRow:
    position: int
    number: int
    title: str
    section: str
    status: str
    budget_s: float
    used_s: float
    answer: str
    aloud: bool
    covered: list[str]
    missed: list[str]
    coverage: float | None  # None: no answer key for this question, or nothing to grade
    suggested_rating: str | None  # the grader's suggestion: shown, never saved by itself
    self_rating: str | None  # only what the learner confirmed or chose; None = unrated
    follow_up: str | None
    follow_up_status: str | None
    follow_up_answer: str
    follow_up_used_s: float
    follow_up_budget_s: float = 0.0  # 0 when no follow-up was asked
    follow_up_kind: str | None = None  # follow_ups.PROBE / DEEPER / DRAWN; None = fixed
    follow_up_target: str | None = None  # the key point the probe asked about
    follow_up_covered: bool | None = None  # did the follow-up answer cover that point
    star: dict[str, dict] | None = None  # STAR parts of a Liderazgo answer (star.as_dict)
    recording: str | None = None  # slot of the spoken answer (simulacro.recordings)
    recording_s: float = 0.0
    follow_up_recording: str | None = None
    follow_up_recording_s: float = 0.0
    listened: list[str] | None = None  # key points ticked while listening (None = not yet)
    all_points: list[str] = field(default_factory=list)  # key order, once ticked by ear
    overrides: dict[str, bool] = field(default_factory=dict)  # learner's corrections
    grader_covered: list[str] = field(default_factory=list)  # before any correction
    details: list[str] = field(default_factory=list)  # unscored project-detail points

    @property
    def points_text(self) -> str:
        """Scored key points covered, as "covered/total" ("-" when nothing was graded)."""
        if self.coverage is None:
            return "-"
        hits, total = scored_tally(self.covered, [*self.covered, *self.missed], self.details)
        return f"{hits}/{total}"

    @property
    def over_budget_s(self) -> float:
        return round(max(0.0, self.used_s - self.budget_s), 3)

    @property
    def rateable(self) -> bool:
        """Whether a rating of this row would be a review: something was recalled."""
        return self.status in (ANSWERED, TIMED_OUT)


@dataclass
class Report:
    preset: str
    config: dict[str, Any]
    started_at: str  # ISO 8601 UTC
    ended_at: str
    end_reason: str
    paused_s: float
    rows: list[ReportRow]
    version: int = REPORT_VERSION
    token: str = ""  # the interview's token: its recordings' folder
    left_open_s: float | None = None

    # ---- totals ------------------------------------------------------------------------
    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def totals(self) -> dict[str, Any]:
        graded = [r.coverage for r in self.rows if r.coverage is not None]
        used = sum(r.used_s + r.follow_up_used_s for r in self.rows)
        budget = sum(r.budget_s + r.follow_up_budget_s for r in self.rows)
        return {
            "questions": len(self.rows),
            "answered": self.count(ANSWERED),
            "skipped": self.count(SKIPPED),
            "timed_out": self.count(TIMED_OUT),
            "not_reached": self.count(NOT_REACHED),
            "follow_ups_answered": sum(1 for r in self.rows if r.follow_up_status == ANSWERED),
            "mean_coverage": round(sum(graded) / len(graded), 4) if graded else None,
            "time_used_s": round(used, 1),
            "time_budget_s": round(budget, 1),
            "time_used_ratio": round(used / budget, 4) if budget else None,
            "paused_s": round(self.paused_s, 1),
        }

    def set_rating(self, position: int, rating: str | None) -> None:
        """The learner's own rating of question `position` (1-based); None = unrated.

        Skipped and unreached questions cannot be rated: nothing was recalled.
        """
        if rating is not None and rating not in RATINGS:
            raise ValueError(f"rating: {rating!r} is not one of {'/'.join(RATINGS)}")
        row = self.rows[position - 1]
        if rating is not None and not row.rateable:
            raise ValueError(
                f"question {position}: a {STATUS_TEXT.get(row.status, row.status)} "
                "question cannot be rated"
            )
        row.self_rating = rating

    def accept_suggestions(self) -> list[int]:
        """Confirm the grader's suggestion on every rateable row still unrated.

        Ratings the learner already chose are kept. Returns the positions it rated.
        """
        accepted = []
        for row in self.rows:
            if row.rateable and row.self_rating is None and row.suggested_rating is not None:
                row.self_rating = row.suggested_rating
                accepted.append(row.position)
        return accepted

    def set_listened(self, position: int, labels: Sequence[str]) -> None:
        """Key points the learner ticked while listening to a spoken answer: they are its
        grading (speech is not transcribed), so coverage and the suggestion follow them.
        Only for a row answered aloud with nothing typed."""
        row = self.rows[position - 1]
        if row.answer.strip() or not (row.aloud or row.recording) or not row.rateable:
            raise ValueError(f"question {position}: only a spoken answer is ticked by ear")
        points = [*row.covered, *row.missed] if row.listened is None else row.all_points
        ticked = set(labels)
        unknown = ticked - set(points)
        if unknown:
            raise ValueError(f"question {position}: unknown key point(s) {sorted(unknown)}")
        row.all_points = list(points)
        row.listened = [p for p in points if p in ticked]
        row.covered = list(row.listened)
        row.missed = [p for p in points if p not in ticked]
        if points:
            row.coverage = round(coverage_of(row.covered, points, row.details), 4)
            base = suggest_rating(row.coverage, answer_is_empty=False)
            row.suggested_rating = RATING_STEP_DOWN[base] if row.status == TIMED_OUT else base

    def correct_grading(
        self, position: int, labels: Sequence[str], overrides: Mapping[str, bool]
    ) -> None:
        """The learner corrected the grader ("show why"): `overrides` maps a key-point label
        to covered or not; coverage and the suggestion follow (one step lower when timed
        out). `labels`: the entry's key points in key order."""
        row = self.rows[position - 1]
        if not row.rateable or not row.answer.strip():
            raise ValueError(f"question {position}: only a typed answer has grader evidence")
        unknown = set(overrides) - set(labels)
        if unknown:
            raise ValueError(f"question {position}: unknown key point(s) {sorted(unknown)}")
        grader = set(row.grader_covered)
        row.overrides = {label: bool(v) for label, v in overrides.items()}
        row.covered = [label for label in labels if row.overrides.get(label, label in grader)]
        row.missed = [label for label in labels if label not in row.covered]
        if labels:
            row.coverage = round(coverage_of(row.covered, labels, row.details), 4)
            base = suggest_rating(row.coverage)
            row.suggested_rating = RATING_STEP_DOWN[base] if row.status == TIMED_OUT else base

    @property
    def unrated(self) -> list[int]:
        """Positions of the rows that could be reviews but have no confirmed rating."""
        return [r.position for r in self.rows if r.rateable and r.self_rating is None]

    # ---- export ------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (what the progress store saves), totals included."""
        data = asdict(self)
        data["totals"] = self.totals
        for row_dict, row in zip(data["rows"], self.rows, strict=True):
            row_dict["over_budget_s"] = row.over_budget_s
        return data

    def reviews(self) -> list[dict[str, Any]]:
        """One spaced-repetition review per answered or timed-out question THE LEARNER RATED.

        A suggestion nobody confirmed is not a review (it would feed the schedule a rating
        nobody gave), and skipped or unreached questions never are: nothing was recalled.
        """
        out = []
        for r in self.rows:
            if not r.rateable or r.self_rating is None:
                continue
            out.append(
                {
                    "number": r.number,
                    "rating": r.self_rating,
                    "duration_s": round(r.used_s, 3),
                    "typed_answer": r.answer,
                    "covered": list(r.covered),
                    "overrides": dict(r.overrides),
                }
            )
        return out


STUDY_NEXT_LIMIT = 5
_RATING_RANK = {rating: rank for rank, rating in enumerate(RATINGS)}  # again=0 .. easy=3


def study_next(report: Report, limit: int = STUDY_NEXT_LIMIT) -> list[ReportRow]:
    """The questions that went worst, worst first: what to self-quiz next.

    Skipped questions first (nothing was recalled), then the ones rated, or suggested,
    Again or Hard (the learner's own rating wins over the suggestion), lower key-point
    coverage first. Questions that went well, and those never reached, are left out.
    """
    weak: list[tuple[tuple[int, float, int], ReportRow]] = []
    for row in report.rows:
        if row.status == SKIPPED:
            weak.append(((-1, 0.0, row.position), row))
            continue
        rating = row.self_rating or row.suggested_rating
        if not row.rateable or rating is None or _RATING_RANK[rating] > _RATING_RANK["hard"]:
            continue
        coverage = row.coverage if row.coverage is not None else 0.0
        weak.append(((_RATING_RANK[rating], coverage, row.position), row))
    return [row for _, row in sorted(weak, key=lambda item: item[0])][: max(0, limit)]


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")


def build_report(
    interview: Interview,
    questions: Mapping[int, Question],
    key: Mapping[int, KeyEntry],
) -> Report:
    """The report of an ended interview: grading of every typed answer, totals, timing."""
    if not interview.finished:
        raise ValueError("the interview is still running: end it first")
    rows = []
    for position, run in enumerate(interview.runs, start=1):
        question = questions.get(run.number)
        entry = key.get(run.number)
        prompt = question.prompt if question else ""
        covered: list[str] = []
        missed: list[str] = []
        coverage: float | None = None
        if entry is not None and run.status in (ANSWERED, TIMED_OUT) and run.answer.strip():
            result = grade(run.answer, entry, prompt)
            covered, missed, coverage = result.covered, result.missed, round(result.coverage, 4)
        elif entry is not None and run.status in (ANSWERED, TIMED_OUT) and not run.aloud:
            missed, coverage = [p.label for p in entry.key_points], 0.0
        elif entry is not None:
            missed = [p.label for p in entry.key_points]
        suggestion = suggested_rating(coverage, run.status, run.answer, run.aloud)
        rows.append(
            ReportRow(
                position=position,
                number=run.number,
                title=question.title if question else f"#{run.number}",
                section=question.section if question else "",
                status=run.status,
                budget_s=run.budget_s,
                used_s=round(run.used_s, 1),
                answer=run.answer,
                aloud=run.aloud,
                covered=covered,
                missed=missed,
                grader_covered=list(covered),
                details=detail_labels(entry.key_points) if entry is not None else [],
                coverage=coverage,
                suggested_rating=suggestion,
                self_rating=None,  # unrated until the learner confirms or chooses
                follow_up=run.follow_up,
                follow_up_status=run.follow_up_status,
                follow_up_answer=run.follow_up_answer,
                follow_up_used_s=round(run.follow_up_used_s, 1),
                follow_up_budget_s=float(interview.config.follow_up_seconds)
                if run.follow_up_status in (ANSWERED, SKIPPED, TIMED_OUT)
                else 0.0,
                follow_up_kind=run.follow_up_kind,
                follow_up_target=run.follow_up_target,
                follow_up_covered=covers_point(
                    run.follow_up_answer, entry, run.follow_up_target, prompt
                )
                if run.follow_up_status in (ANSWERED, TIMED_OUT)
                else None,
                star=check_star(run.answer).as_dict()
                if question and applies_to(question.section) and run.answer.strip()
                else None,
                recording=run.recording,
                recording_s=run.recording_s,
                follow_up_recording=run.follow_up_recording,
                follow_up_recording_s=run.follow_up_recording_s,
            )
        )
    config = asdict(interview.config)
    config["sections"] = list(interview.config.sections)
    return Report(
        preset=interview.config.preset,
        config=config,
        started_at=_iso(interview.started_at),
        ended_at=_iso(interview.ended_at or interview.started_at),
        end_reason=interview.end_reason or END_BY_USER,
        paused_s=interview.paused_s,
        rows=rows,
        token=interview.token,
        left_open_s=interview.left_open_s,
    )


STATUS_TEXT = {
    ANSWERED: "answered",
    SKIPPED: "skipped",
    TIMED_OUT: "timed out",
    NOT_REACHED: "not reached",
    PENDING: "pending",
    ACTIVE: "active",
}


def _md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell (no pipes or line breaks)."""
    return " ".join(str(text).replace("|", "\\|").split())


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.strip().splitlines())


def _rating_cell(row: ReportRow) -> str:
    """The learner's rating, else the unconfirmed suggestion marked as such."""
    if row.self_rating:
        return row.self_rating
    if row.rateable and row.suggested_rating:
        return f"unrated (suggested {row.suggested_rating})"
    return "-"


def report_markdown(report: Report, title: str = "Mock interview report") -> str:
    """The whole report as Markdown (summary, table, then each question in detail)."""
    t = report.totals
    coverage = "n/a" if t["mean_coverage"] is None else f"{t['mean_coverage']:.0%}"
    lines = [
        f"# {title}",
        "",
        f"- Preset: {report.preset}",
        f"- Started: {report.started_at} · ended: {report.ended_at} ({report.end_reason})",
        f"- Questions: {t['questions']} · answered {t['answered']} · skipped {t['skipped']}"
        f" · timed out {t['timed_out']} · not reached {t['not_reached']}",
        f"- Key-point coverage (answered questions): {coverage}",
        f"- Time used: {format_clock(t['time_used_s'])} of {format_clock(t['time_budget_s'])}"
        f" budgeted (paused {format_clock(t['paused_s'])})",
        "",
        "| # | Question | Status | Time used / budget | Key points | Self-rating |",
        "|---|---|---|---|---|---|",
    ]
    for r in report.rows:
        points = r.points_text
        lines.append(
            f"| {r.position} | {r.number}. {_md_cell(r.title)}"
            f" | {STATUS_TEXT.get(r.status, r.status)}"
            f" | {format_clock(r.used_s)} / {format_clock(r.budget_s)} | {points}"
            f" | {_rating_cell(r)} |"
        )
    for r in report.rows:
        lines += ["", f"## {r.position}. Pregunta {r.number}: {r.title}", ""]
        lines.append(
            f"Status: {STATUS_TEXT.get(r.status, r.status)} · time {format_clock(r.used_s)}"
            f" of {format_clock(r.budget_s)} · self-rating: {_rating_cell(r)}"
        )
        lines.append("")
        if r.answer.strip():
            lines += ["Your answer:", "", _quote(r.answer), ""]
        elif r.aloud:
            lines += ["Answered aloud.", ""]
        if r.covered:
            lines += [f"- [x] {label}" for label in r.covered]
        if r.missed:
            lines += [f"- [ ] {label}" for label in r.missed]
        if r.star:
            marks = ", ".join(
                f"{name} {'yes' if part['found'] else 'no'}" for name, part in r.star.items()
            )
            lines += ["", f"STAR structure: {marks}"]
        if r.follow_up:
            lines += [
                "",
                f"Follow-up ({STATUS_TEXT.get(r.follow_up_status or '', '-')}): {r.follow_up}",
            ]
            if r.follow_up_target:
                covered = {True: "covered", False: "still missing", None: "-"}
                lines.append(
                    f"Probed the missed point: {r.follow_up_target}"
                    f" ({covered[r.follow_up_covered]} in the follow-up answer)"
                )
            if r.follow_up_answer.strip():
                lines += ["", _quote(r.follow_up_answer)]
    return "\n".join(lines).rstrip() + "\n"


__all__ = [
    "ACTIVE",
    "ANSWERED",
    "CUSTOM",
    "FOLLOW_UP",
    "MAIN",
    "NOT_REACHED",
    "PENDING",
    "PRESETS",
    "SKIPPED",
    "TIMED_OUT",
    "Interview",
    "TimeoutNotice",
    "InterviewConfig",
    "QuestionRun",
    "Report",
    "ReportRow",
    "build_report",
    "candidate_pool",
    "custom",
    "draw",
    "format_clock",
    "report_markdown",
    "study_next",
    "suggested_rating",
    "warning_zone",
    "weakness_scores",
]
