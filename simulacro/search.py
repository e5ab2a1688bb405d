"""Full-text search and filters over the bank (accent- and case-insensitive).

A search ranks questions whose title holds the terms first, and gives each hit a snippet:
a short window of the prompt or answer around the first match, split into plain and
matched segments so the page can highlight the matched words without trusting the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from simulacro.grading import normalize
from simulacro.model import Question

# Where a term is found decides the rank: the number, then the title, prompt, answer.
_FIELD_WEIGHTS = (("title", 8), ("prompt", 4), ("answer", 1))
SNIPPET_CHARS = 160  # about two lines of the Browse list
_ALNUM = re.compile(r"[a-z0-9]")
_FENCE = re.compile(r"^\s*(```|~~~).*$", re.MULTILINE)
_SPACES = re.compile(r"\s+")
_EMPHASIS = re.compile(r"\*\*|__|`")


def normalize_with_positions(text: str) -> tuple[str, list[int]]:
    """`simulacro.grading.normalize(text)` plus, for each of its characters, the index of
    the character of `text` it came from (so a match can be cut out of the original)."""
    chars: list[str] = []
    positions: list[int] = []
    for index, original in enumerate(text or ""):
        for ch in unicodedata.normalize("NFKD", original):
            if unicodedata.combining(ch):
                continue
            for low in ch.lower():
                if _ALNUM.fullmatch(low):
                    chars.append(low)
                    positions.append(index)
                elif chars and chars[-1] != " ":
                    chars.append(" ")
                    positions.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        positions.pop()
    return "".join(chars), positions


@dataclass(frozen=True)
class Snippet:
    """A window of a question's text: (text, matched) segments, ellipses included."""

    segments: tuple[tuple[str, bool], ...]
    field: str  # "prompt" or "answer"

    @property
    def text(self) -> str:
        return "".join(part for part, _ in self.segments)

    @property
    def matched(self) -> list[str]:
        return [part for part, hit in self.segments if hit]


@dataclass(frozen=True)
class _Entry:
    question: Question
    number: str
    fields: tuple[tuple[str, int], ...]  # (normalised text padded with spaces, weight)


def _plain(markdown_text: str) -> str:
    """The text a snippet quotes: fence lines, bold and code marks dropped, one space."""
    without_marks = _EMPHASIS.sub("", _FENCE.sub(" ", markdown_text))
    return _SPACES.sub(" ", without_marks).strip()


def _terms(query: str) -> list[str]:
    return normalize(query).split()


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
        that is a number also matches the question number exactly. Questions whose title
        holds more of the terms come first; then the weighted score, then the number.
        """
        terms = _terms(query)
        if not terms:
            return [entry.question for entry in self._entries]
        scored: list[tuple[int, int, int, Question]] = []
        for entry in self._entries:
            score = 0
            in_title = 0
            for term in terms:
                term_score = 100 if term == entry.number else 0
                for text, weight in entry.fields:
                    if f" {term}" in text:
                        term_score += weight
                if term_score == 0:
                    break
                score += term_score
                in_title += f" {term}" in entry.fields[0][0] or term == entry.number
            else:
                scored.append((-in_title, -score, entry.question.number, entry.question))
        scored.sort(key=lambda item: item[:3])
        return [item[3] for item in scored]


def snippet(question: Question, query: str, width: int = SNIPPET_CHARS) -> Snippet | None:
    """About `width` characters of the prompt or answer around the first matched term, with
    every term occurrence (start of a word) marked; None when the query has no term.

    When only the title or the number matched, the snippet is the start of the prompt."""
    terms = _terms(query)
    if not terms:
        return None
    for field_name in ("prompt", "answer"):
        plain = _plain(getattr(question, field_name))
        spans = _match_spans(plain, terms)
        if spans:
            return _cut(plain, spans, width, field_name)
    return _cut(_plain(question.prompt), [], width, "prompt")


def _match_spans(plain: str, terms: list[str]) -> list[tuple[int, int]]:
    """(start, end) in `plain` of every occurrence of a term at the start of a word."""
    normalised, positions = normalize_with_positions(plain)
    padded = f" {normalised}"
    spans: list[tuple[int, int]] = []
    for term in terms:
        needle = f" {term}"
        start = padded.find(needle)
        while start != -1:
            first = start  # index in `normalised` of the term's first character
            last = first + len(term) - 1
            spans.append((positions[first], positions[last] + 1))
            start = padded.find(needle, start + 1)
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _cut(plain: str, spans: list[tuple[int, int]], width: int, field_name: str) -> Snippet:
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start:  # begin at a word boundary
        space = plain.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(plain), start + width)
    if end < len(plain):
        space = plain.rfind(" ", start, end)
        end = space if space > first else end
    segments: list[tuple[str, bool]] = []
    if start:
        segments.append(("…", False))
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start > cursor:
            segments.append((plain[cursor:span_start], False))
        segments.append((plain[span_start:span_end], True))
        cursor = span_end
    if cursor < end:
        segments.append((plain[cursor:end], False))
    if end < len(plain):
        segments.append(("…", False))
    return Snippet(tuple(segments), field_name)


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
