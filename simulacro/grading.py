"""Grade a typed self-quiz answer against the key points of `answers.yaml`.

Matching is deliberately simple and predictable, so a candidate can see why a point
counted: both texts are normalised (INTERFACES.md: NFKD, accents dropped, lowercase, every
char outside [a-z0-9] becomes a space, whitespace collapsed) and a key point is covered
when ANY of its accepted phrases appears in the answer as whole words. "0,3" therefore
matches "0.3", "Estratificación" matches "estratificacion", but "umbral" does not match
"umbrales" (list both forms in the key when both are natural).

Suggested self-rating from the share of key points covered (`coverage`):
    empty answer or coverage 0 -> "again"
    coverage < 0.5             -> "hard"
    coverage < 0.9             -> "good"
    coverage >= 0.9            -> "easy"
It is only a suggestion: the user confirms or overrides it in the quiz.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # avoid an import cycle: answer_key uses normalize() from here
    from simulacro.answer_key import KeyEntry
    from simulacro.model import Problem, Question

RATINGS: tuple[str, ...] = ("again", "hard", "good", "easy")
HARD_BELOW = 0.5
GOOD_BELOW = 0.9

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalize(text: str) -> str:
    """NFKD, drop combining marks, lowercase, non-[a-z0-9] -> space, collapse, strip."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # One regex pass both replaces the punctuation and collapses the whitespace.
    return _NON_ALNUM.sub(" ", without_marks.lower()).strip()


def phrase_in(phrase: str, normalized_text: str) -> bool:
    """Whether `phrase` occurs as whole words in an ALREADY normalised text."""
    needle = normalize(phrase)
    if not needle:  # a phrase without letters/digits must never match (even "")
        return False
    return f" {needle} " in f" {normalized_text} "


@dataclass(frozen=True)
class GradeResult:
    covered: list[str]  # labels of the key points the answer mentions, in key order
    missed: list[str]
    coverage: float  # len(covered) / number of key points, 0..1
    suggested_rating: str  # one of RATINGS
    matched: dict[str, str] = field(default_factory=dict)  # label -> first phrase found


def suggest_rating(coverage: float, answer_is_empty: bool = False) -> str:
    """The self-rating suggested for a coverage (see the module docstring)."""
    if answer_is_empty or coverage <= 0:
        return "again"
    if coverage < HARD_BELOW:
        return "hard"
    if coverage < GOOD_BELOW:
        return "good"
    return "easy"


def grade(answer_text: str, entry: KeyEntry) -> GradeResult:
    """Which key points of `entry` the typed answer covers, and the suggested rating."""
    text = normalize(answer_text)
    covered: list[str] = []
    missed: list[str] = []
    matched: dict[str, str] = {}
    for point in entry.key_points:
        hit = next((p for p in point.phrases if phrase_in(p, text)), None) if text else None
        if hit is None:
            missed.append(point.label)
        else:
            covered.append(point.label)
            matched[point.label] = hit
    total = len(entry.key_points)
    coverage = len(covered) / total if total else 0.0
    return GradeResult(covered, missed, coverage, suggest_rating(coverage, not text), matched)


def model_answer_text(question: Question) -> str:
    """The text a question's key points must be found in: its prompt plus its answer."""
    return f"{question.prompt}\n\n{question.answer}"


def check_key_against_questions(
    entries: dict[int, KeyEntry], questions: Iterable[Question], file_label: str = "answers.yaml"
) -> list[Problem]:
    """Content checks that need both the key and the bank (for `validate`).

    Reports questions without an entry and key points that the question's own model
    answer does not cover (the key and the answer must agree).
    """
    from simulacro.model import Problem

    problems: list[Problem] = []
    for question in questions:
        entry = entries.get(question.number)
        if entry is None:
            # Reported against the question file: that is where the gap is visible.
            problems.append(
                Problem(
                    question.file or file_label,
                    question.line or 1,
                    f"question {question.number} has no entry in {file_label}",
                )
            )
            continue
        text = normalize(model_answer_text(question))
        for point in entry.key_points:
            if not any(phrase_in(p, text) for p in point.phrases):
                problems.append(
                    Problem(
                        file_label,
                        point.line,
                        f"question {question.number}: key point {point.label!r} is not "
                        "covered by the question's own model answer (no phrase found)",
                    )
                )
    return problems
