"""The state of one self-quiz session: a queue of questions, reveal, rate, summary.

Pure and clock-injectable (every method that needs the time takes `now`, in seconds), so
the Quiz page only lays out widgets and the flow is testable without Streamlit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from simulacro.grading import (
    GradeResult,
    apply_overrides,
    coverage_of,
    detail_labels,
    grade,
    suggest_rating,
)
from simulacro.store_schema import RATINGS

if TYPE_CHECKING:
    from simulacro.answer_key import KeyEntry


@dataclass(frozen=True)
class CardResult:
    number: int
    rating: str | None  # None = skipped
    suggested: str | None
    coverage: float | None  # None when the question has no key points
    covered: tuple[str, ...]
    missed: tuple[str, ...]
    duration_s: float
    typed_answer: str = ""
    aloud: bool = False


@dataclass
class QuizSession:
    numbers: list[int]
    mode: str
    started_at: float
    index: int = 0
    revealed: bool = False
    typed_answer: str = ""
    aloud: bool = False
    card_started_at: float = 0.0
    ended_at: float | None = None
    results: list[CardResult] = field(default_factory=list)

    @classmethod
    def start(cls, numbers: list[int], mode: str, now: float) -> QuizSession:
        if not numbers:
            raise ValueError("a quiz session needs at least one question")
        return cls(list(numbers), mode, started_at=now, card_started_at=now)

    @property
    def finished(self) -> bool:
        return self.ended_at is not None

    @property
    def current(self) -> int | None:
        if self.finished or self.index >= len(self.numbers):
            return None
        return self.numbers[self.index]

    def reveal(self, typed_answer: str, aloud: bool) -> None:
        """Show the model answer; the typed text is frozen from here on."""
        if self.current is None:
            return
        self.revealed, self.typed_answer, self.aloud = True, typed_answer, aloud

    def elapsed(self, now: float) -> float:
        return max(0.0, now - self.card_started_at)

    def rate(
        self,
        rating: str,
        now: float,
        suggested: str | None = None,
        coverage: float | None = None,
        covered: tuple[str, ...] = (),
        missed: tuple[str, ...] = (),
    ) -> CardResult:
        """Record the learner's rating of the current card and move to the next."""
        if rating not in RATINGS:
            raise ValueError(f"rating: {rating!r} is not one of {'/'.join(RATINGS)}")
        number = self.current
        if number is None:
            raise ValueError("the session has no current card")
        result = CardResult(
            number,
            rating,
            suggested,
            coverage,
            tuple(covered),
            tuple(missed),
            self.elapsed(now),
            self.typed_answer,
            self.aloud,
        )
        self._advance(result, now)
        return result

    def skip(self, now: float) -> None:
        number = self.current
        if number is None:
            return
        self._advance(CardResult(number, None, None, None, (), (), self.elapsed(now)), now)

    def end(self, now: float) -> None:
        if self.ended_at is None:
            self.ended_at = now

    def _advance(self, result: CardResult, now: float) -> None:
        self.results.append(result)
        self.index += 1
        self.revealed, self.typed_answer, self.aloud = False, "", False
        self.card_started_at = now
        if self.index >= len(self.numbers):
            self.end(now)

    def missed(self) -> list[int]:
        """Cards rated Again or Hard, or skipped, in the order they came (each once)."""
        numbers = [r.number for r in self.results if r.rating in (None, "again", "hard")]
        return list(dict.fromkeys(numbers))

    def summary(self) -> dict:
        """Cards done, rating counts, mean key-point coverage, time (for the end screen)."""
        rated = [r for r in self.results if r.rating is not None]
        graded = [r.coverage for r in rated if r.coverage is not None]
        counts = Counter(r.rating for r in rated)
        end = self.ended_at if self.ended_at is not None else self.card_started_at
        return {
            "cards_done": len(rated),
            "skipped": len(self.results) - len(rated),
            "remaining": len(self.numbers) - len(self.results),
            "ratings": {name: counts.get(name, 0) for name in RATINGS},
            "coverage": sum(graded) / len(graded) if graded else None,
            "total_s": max(0.0, end - self.started_at),
            "answer_s": sum(r.duration_s for r in rated),
        }


def self_check(typed_answer: str, aloud: bool) -> bool:
    """Answered aloud (or typed nothing): the learner ticks the key points themselves."""
    return aloud or not typed_answer.strip()


def check_key_points(
    entry: KeyEntry | None,
    typed_answer: str,
    aloud: bool,
    ticked: Sequence[bool] = (),
    prompt: str = "",
    overrides: Mapping[str, bool] | None = None,
    result: GradeResult | None = None,
) -> dict:
    """Covered/missed key points and the suggested rating for one revealed card.

    Typed answers are graded by `simulacro.grading.grade` (`prompt`: the question's, whose
    echoes earn nothing), then the learner's `overrides` (label -> covered) are applied;
    spoken ones (or an empty box) use the points the learner ticked (`ticked[i]` for key
    point i). A caller that already graded the answer passes its `result` so the answer is
    not graded again. Returns the keyword arguments of `QuizSession.rate`: suggested, coverage,
    covered, missed. Without key points there is nothing to suggest (all None / empty).
    """
    if entry is None or not entry.key_points:
        return {"suggested": None, "coverage": None, "covered": (), "missed": ()}
    labels = [point.label for point in entry.key_points]
    if self_check(typed_answer, aloud):
        marks = list(ticked) + [False] * (len(labels) - len(ticked))
        covered = tuple(label for label, mark in zip(labels, marks, strict=False) if mark)
        coverage = coverage_of(covered, labels, detail_labels(entry.key_points))
        suggested = suggest_rating(coverage)
    else:
        if result is None:
            result = grade(typed_answer, entry, prompt)
        if overrides:
            result = apply_overrides(result, entry.key_points, overrides)
        covered, coverage, suggested = (
            tuple(result.covered),
            result.coverage,
            result.suggested_rating,
        )
    missed = tuple(label for label in labels if label not in covered)
    return {"suggested": suggested, "coverage": coverage, "covered": covered, "missed": missed}
