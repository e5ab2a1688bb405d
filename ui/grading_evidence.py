""" "Show why": the grader's evidence for each key point, with the learner's corrections.

Reusable by any page that grades a typed answer (the Self-quiz reveal, the mock interview
report). Usage:

    from simulacro.grading import grade
    from ui.grading_evidence import render_grading_evidence

    result = grade(answer, entry, question.prompt)
    corrected = render_grading_evidence(answer, entry, result, key_prefix="quiz_ev")
    corrected.coverage, corrected.suggested_rating, corrected.overrides  # after corrections

For each key point it draws the label, whether it is covered, the sentence of the answer
that matched with the matched words highlighted (or the sentence that states the point's
opposite, in red, or "not found"), and a "covered" toggle
the learner can flip when the grader is wrong. The toggles live in st.session_state under
`{key_prefix}_ov_{i}` (i = the key point's position), so `corrected_result` can rebuild the
same corrected result in a button callback, before the widgets are drawn again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import streamlit as st

from simulacro.answer_key import KeyEntry
from simulacro.grading import Evidence, GradeResult, apply_overrides, sentence_span
from ui.markdown_safe import HIGHLIGHT, HIGHLIGHT_AGAINST
from ui.text import grading as text

# Every ASCII punctuation char may be backslash-escaped in CommonMark; escaping them all
# shows the learner's text literally (no bold, links, LaTeX or directives from it).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")
MAX_SHOWN_CHARS = 400  # a very long sentence is cut around the match


def toggle_key(key_prefix: str, index: int) -> str:
    """The session-state key of the "covered" toggle of key point `index`."""
    return f"{key_prefix}_ov_{index}"


def escape_markdown(value: str) -> str:
    """The text, shown literally by st.markdown (line breaks become spaces)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(value.split()))


def highlighted_sentence(answer: str, evidence: Evidence, against: bool = False) -> str:
    """Markdown of the sentence around the evidence with the matched words highlighted, in
    bold (`against`: the words contradict a key point, in the red of the typed answer)."""
    highlight = HIGHLIGHT_AGAINST if against else HIGHLIGHT
    begin, end = sentence_span(answer, evidence.start, evidence.end)
    begin = max(begin, evidence.start - MAX_SHOWN_CHARS // 2)
    end = min(end, evidence.end + MAX_SHOWN_CHARS // 2)
    before = answer[begin : evidence.start]
    match = answer[evidence.start : evidence.end]
    after = answer[evidence.end : end]
    return (
        ("…" if begin > 0 else "")
        + escape_markdown(before)
        + (" " if before[-1:].isspace() else "")
        + highlight.format(f"**{escape_markdown(match)}**")
        + (" " if after[:1].isspace() else "")
        + escape_markdown(after)
        + ("…" if end < len(answer) else "")
    )


def overrides_from_state(
    state: Mapping, key_prefix: str, entry: KeyEntry, result: GradeResult
) -> dict[str, bool]:
    """The learner's corrections: label -> covered, only where a toggle differs from the
    grader."""
    found = set(result.covered)
    out: dict[str, bool] = {}
    for i, point in enumerate(entry.key_points):
        value = state.get(toggle_key(key_prefix, i))
        if value is not None and bool(value) != (point.label in found):
            out[point.label] = bool(value)
    return out


def corrected_result(
    key_prefix: str, entry: KeyEntry, result: GradeResult, state: Mapping | None = None
) -> GradeResult:
    """`result` with the toggles' corrections applied (coverage and rating recomputed)."""
    state = st.session_state if state is None else state
    overrides = overrides_from_state(state, key_prefix, entry, result)
    return apply_overrides(result, entry.key_points, overrides)


def render_grading_evidence(
    answer: str, entry: KeyEntry, result: GradeResult, *, key_prefix: str
) -> GradeResult:
    """Draw the evidence of every key point with its toggle; return the corrected result."""
    for i, point in enumerate(entry.key_points):
        found = point.label in result.covered
        with st.container(border=True, key=f"{key_prefix}_point_{i}"):
            corrected = st.session_state.get(toggle_key(key_prefix, i), found)
            if point.detail:  # shown for the portfolio's owner, out of the score
                mark = text.DETAIL_FOUND if corrected else text.DETAIL_MISSING
                st.markdown(mark.format(label=escape_markdown(point.label)))
                st.caption(text.DETAIL_CAPTION, help=text.DETAIL_HELP)
            else:
                mark = text.COVERED if corrected else text.MISSED
                st.markdown(mark.format(label=escape_markdown(point.label)))
            evidence = result.evidence.get(point.label)
            against = result.contradicted.get(point.label)
            if evidence is not None:
                st.markdown(highlighted_sentence(answer, evidence))
                st.caption(text.MATCHED_PHRASE.format(phrase=escape_markdown(evidence.phrase)))
            elif against is not None:
                st.markdown(highlighted_sentence(answer, against, against=True))
                st.caption(text.CONTRADICTED.format(phrase=escape_markdown(against.phrase)))
            else:
                st.caption(text.NOT_FOUND)
            # Below the evidence, full width: a narrow column cut its label to "C…".
            # The label stays the same: a new label would make Streamlit reset the toggle.
            st.toggle(
                text.TOGGLE, value=found, key=toggle_key(key_prefix, i), help=text.TOGGLE_HELP
            )
            if bool(corrected) != found:
                st.caption(text.OVERRIDDEN)
    return corrected_result(key_prefix, entry, result)
