"""Full-text search and filters over the bank (accent- and case-insensitive)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from simulacro.grading import normalize
from simulacro.model import Question

# Where a term is found decides the rank: the number, then the title, prompt, answer.
_FIELD_WEIGHTS = (("title", 8), ("prompt", 4), ("answer", 1))


@dataclass(frozen=True)
class _Entry:
    question: Question
    number: str
    fields: tuple[tuple[str, int], ...]  # (normalised text padded with spaces, weight)


class SearchIndex:
    """Normalised text of every question, built once so each search is a few substring scans."""

    def __init__(self, questions: Sequence[Question]) -> None:
        self._entries = [
            _Entry(
                question,
                str(question.number),
                tuple(
                    (f" {normalize(getattr(question, name))} ", weight)
                    for name, weight in _FIELD_WEIGHTS
                ),
            )
            for question in questions
        ]

    def search(self, query: str) -> list[Question]:
        """Questions containing every term of the query, best matches first.

        A term matches the start of a word ("regulariz" finds "regularización"); a term
        that is a number also matches the question number exactly.
        """
        terms = normalize(query).split()
        if not terms:
            return [entry.question for entry in self._entries]
        scored: list[tuple[int, int, Question]] = []
        for entry in self._entries:
            score = 0
            for term in terms:
                term_score = 100 if term == entry.number else 0
                for text, weight in entry.fields:
                    if f" {term}" in text:
                        term_score += weight
                if term_score == 0:
                    break
                score += term_score
            else:
                scored.append((-score, entry.question.number, entry.question))
        scored.sort(key=lambda item: (item[0], item[1]))
        return [question for _, _, question in scored]


def filter_questions(
    questions: Iterable[Question],
    *,
    sections: Iterable[str] = (),
    projects: Iterable[str] = (),
    sources: Iterable[str] = (),
    difficulties: Iterable[int] = (),
    tags: Iterable[str] = (),
) -> list[Question]:
    """Questions matching every non-empty filter (values within one filter are OR-ed)."""
    sections, projects, sources = set(sections), set(projects), set(sources)
    difficulties, tags = set(difficulties), set(tags)
    return [
        question
        for question in questions
        if (not sections or question.section in sections)
        and (not projects or question.project in projects)
        and (not sources or question.source in sources)
        and (not difficulties or question.difficulty in difficulties)
        and (not tags or tags.intersection(question.tags))
    ]
