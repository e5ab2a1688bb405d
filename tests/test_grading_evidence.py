"""The "show why" widget's helpers: literal Markdown, the highlighted sentence, overrides."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from simulacro.answer_key import KeyEntry, KeyPoint
from simulacro.grading import Evidence, grade
from ui.grading_evidence import (
    corrected_result,
    escape_markdown,
    highlighted_sentence,
    overrides_from_state,
    toggle_key,
)

ENTRY = KeyEntry(
    1,
    (
        KeyPoint("Split antes de fit", ("split antes de cualquier fit",)),
        KeyPoint("Pipeline", ("scaler dentro del pipeline",)),
    ),
    ("?",),
)


def test_markdown_from_the_learner_is_shown_literally():
    assert escape_markdown("**x** [a](b) $x$ :red[y]\nz") == (
        r"\*\*x\*\* \[a\]\(b\) \$x\$ \:red\[y\] z"
    )


def test_the_sentence_around_the_evidence_is_shown_with_the_match_highlighted():
    answer = "Primero esto. Hago el split antes de cualquier fit, siempre. Luego lo otro."
    result = grade(answer, ENTRY)
    shown = highlighted_sentence(answer, result.evidence["Split antes de fit"])
    assert shown == (r"…Hago el :orange-background[**split antes de cualquier fit**], siempre\.…")


def test_a_very_long_sentence_is_cut_around_the_match():
    answer = "palabra " * 500 + "split antes de cualquier fit " + "otra " * 500
    evidence = grade(answer, ENTRY).evidence["Split antes de fit"]
    shown = highlighted_sentence(answer, evidence)
    assert len(shown) < 600 and shown.startswith("…") and shown.endswith("…")


def test_overrides_are_only_the_toggles_that_disagree_with_the_grader():
    result = grade("Hago el split antes de cualquier fit", ENTRY)
    state = {toggle_key("k", 0): True, toggle_key("k", 1): True}
    assert overrides_from_state(state, "k", ENTRY, result) == {"Pipeline": True}
    corrected = corrected_result("k", ENTRY, result, state)
    assert corrected.coverage == 1.0 and corrected.suggested_rating == "easy"
    untouched = corrected_result("k", ENTRY, result, {})
    assert untouched.covered == result.covered and untouched.overrides == {}
    state = {toggle_key("k", 0): False}
    assert corrected_result("k", ENTRY, result, state).suggested_rating == "again"


@settings(max_examples=80, deadline=None)
@given(st.text(min_size=1, max_size=300), st.data())
def test_fuzz_any_span_renders(answer, data):
    start = data.draw(st.integers(0, len(answer) - 1))
    end = data.draw(st.integers(start + 1, len(answer)))
    shown = highlighted_sentence(answer, Evidence("p", start, end, answer[start:end]))
    assert ":orange-background[**" in shown
