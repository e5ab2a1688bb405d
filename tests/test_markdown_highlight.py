"""The typed answer shown with its evidence (orange) and contradictions (red) highlighted."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ui.markdown_safe import highlighted_markdown

_MARK = re.compile(r":(orange-background|red-background|red)\[((?:\\.|[^\]\\])*)\]")


def test_evidence_and_contradiction_are_highlighted_in_their_colours():
    text = "Hago el split. Luego escalo todo el dataset."
    shown = highlighted_markdown(text, [(8, 13)], [(21, 43)])
    assert shown == (
        r"Hago el :orange-background[split]\. Luego :red-background[:red[escalo todo el dataset]]\."
    )


def test_a_contradiction_wins_where_both_overlap_and_paragraphs_are_kept():
    text = "uno dos tres\n\ncuatro"
    shown = highlighted_markdown(text, [(0, 7)], [(4, 7)])
    assert shown == ":orange-background[uno ]:red-background[:red[dos]] tres\n\ncuatro"


def test_without_contradictions_it_is_the_evidence_only():
    assert highlighted_markdown("a b", [(0, 1)]) == ":orange-background[a] b"
    assert highlighted_markdown("a b", [(0, 1)], []) == ":orange-background[a] b"


@settings(max_examples=80, deadline=None)
@given(
    st.text(min_size=1, max_size=200),
    st.lists(st.tuples(st.integers(-5, 210), st.integers(-5, 210)), max_size=4),
    st.lists(st.tuples(st.integers(-5, 210), st.integers(-5, 210)), max_size=4),
)
def test_fuzz_any_spans_render_the_text_literally(text, spans, against):
    shown = highlighted_markdown(text, spans, against)
    # Removing the marks gives back the text (escaped, whitespace as paragraphs).
    plain = _MARK.sub(lambda m: m.group(2), shown)
    plain = _MARK.sub(lambda m: m.group(2), plain)  # the red text inside its background
    plain = re.sub(r"\\(.)", r"\1", plain)
    assert "".join(plain.split()) == "".join(text.split())
