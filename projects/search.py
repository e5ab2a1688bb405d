"""Search over the demos (id, title, claim, project, question numbers); no Streamlit.

Same normalisation as the question search and the grader (accents and case ignored).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from projects.demo import DemoSpec
from simulacro.grading import normalize

_QUESTION_TERM = re.compile(r"^(?:q|p|pregunta|question)?(\d{1,3})$")
# Where a term is found decides the rank: a question number, the id/title, then the claim.
_QUESTION_SCORE = 100
_FIELD_WEIGHTS = (("id", 8), ("title", 8), ("project", 2), ("claim", 3))


def _fields(spec: DemoSpec, project_title: str) -> tuple[tuple[str, int], ...]:
    texts = {
        "id": spec.id.replace("_", " ").replace(".", " "),
        "title": spec.title,
        "project": f"{spec.project} {project_title}",
        "claim": spec.claim,
    }
    return tuple((f" {normalize(texts[name])} ", weight) for name, weight in _FIELD_WEIGHTS)


def search_demos(
    specs: Iterable[DemoSpec],
    query: str,
    project_titles: dict[str, str] | None = None,
) -> list[DemoSpec]:
    """Demos matching every term of `query`, best first (ties keep the given order).

    A term matches the start of a word ("leak" finds "leakage"); a number (also "q41",
    "P41") matches a question number the demo illustrates, or a number in its text.
    An empty query returns every demo.
    """
    specs = list(specs)
    terms = normalize(query).split()
    # "q 41" after normalising "Q-41": glue a lone q/p to the number that follows.
    merged: list[str] = []
    for term in terms:
        if merged and merged[-1] in {"q", "p"} and term.isdigit():
            merged[-1] += term
        else:
            merged.append(term)
    if not merged:
        return specs
    titles = project_titles or {}
    scored: list[tuple[int, int, DemoSpec]] = []
    for order, spec in enumerate(specs):
        fields = _fields(spec, titles.get(spec.project, ""))
        total = 0
        for term in merged:
            term_score = 0
            number = _QUESTION_TERM.match(term)
            if number and int(number.group(1)) in spec.questions:
                term_score += _QUESTION_SCORE
            word = number.group(1) if number and term[0].isalpha() else term
            for text, weight in fields:
                if f" {word}" in text:
                    term_score += weight
            if term_score == 0:
                break  # every term must match somewhere
            total += term_score
        else:
            scored.append((-total, order, spec))
    return [spec for _, _, spec in sorted(scored, key=lambda item: item[:2])]
