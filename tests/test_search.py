"""Search: title matches first, snippets around the match with the matched words marked."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulacro.bank import load_bank
from simulacro.grading import normalize
from simulacro.model import Question
from simulacro.search import SearchIndex, normalize_with_positions, snippet
from ui.markdown_safe import escape_markdown, snippet_markdown

BANK = load_bank().questions


def make(number: int, title: str, prompt: str, answer: str) -> Question:
    return Question(number, "Fundamentos de ML", title, prompt, answer)


def test_title_matches_rank_before_answer_matches():
    """'leakage' in a title beats many 'leakage's in an answer (was: 108 Mentoring first)."""
    index = SearchIndex(BANK)
    hits = index.search("leakage")
    in_title = [q for q in hits if "leakage" in normalize(q.title)]
    assert in_title and hits[: len(in_title)] == in_title
    assert hits[0].number in (1, 54)


def test_title_first_on_small_bank():
    questions = [
        make(1, "Other", "¿x?", "leakage leakage leakage leakage " * 20),
        make(2, "Leakage", "¿y?", "nada"),
    ]
    assert [q.number for q in SearchIndex(questions).search("leakage")] == [2, 1]


def test_snippet_marks_the_matched_words_in_the_original_text():
    question = make(7, "T", "¿Qué es la regularización?", "La **Regularización** L2 reduce…")
    found = snippet(question, "regularizacion")
    assert found is not None and found.field == "prompt"
    assert found.matched == ["regularización"]
    assert "¿Qué es la regularización?" in found.text


def test_snippet_from_the_answer_when_the_prompt_has_no_match():
    question = make(7, "T", "¿Pregunta?", "Intro. " * 40 + "Usa `MAPE` con epsilon. " + "x " * 200)
    found = snippet(question, "mape epsilon")
    assert found.field == "answer"
    assert found.matched == ["MAPE", "epsilon"]  # code marks dropped
    assert found.segments[0] == ("…", False) and found.segments[-1] == ("…", False)
    assert len(found.text) <= 170


def test_snippet_of_a_title_only_match_is_the_start_of_the_prompt():
    question = make(7, "Leakage", "¿Cómo lo evitas?", "Con un pipeline.")
    found = snippet(question, "leakage")
    assert found.matched == [] and found.text == "¿Cómo lo evitas?"


def test_no_terms_no_snippet():
    assert snippet(BANK[0], "  ¿?  ") is None


def test_every_bank_hit_has_a_snippet_with_its_terms():
    index = SearchIndex(BANK)
    for query in ("mape", "leakage", "kubernetes", "regularizacion", "fairness"):
        for question in index.search(query):
            found = snippet(question, query)
            title_only = query in normalize(question.title)
            assert found.matched or title_only, (query, question.number)
            for part in found.matched:
                assert normalize(part).startswith(query)


text_strategy = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200
)


@settings(max_examples=300, deadline=None)
@given(text_strategy)
def test_positions_normalisation_agrees_with_the_graders(text):
    normalised, positions = normalize_with_positions(text)
    assert normalised == normalize(text)
    assert len(positions) == len(normalised)
    assert positions == sorted(positions) and all(0 <= p < len(text) for p in positions)


words = st.lists(
    st.sampled_from(["MAPE", "métrica", "Árbol", "leak", "*", "`x`", "$2$", "[a](b)", "é"]),
    max_size=60,
).map(" ".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prompt=words, answer=words, query=st.sampled_from(["mape", "arbol", "metr", "e", "leak"]))
def test_snippet_is_a_window_of_the_text_and_marks_only_the_terms(prompt, answer, query):
    question = make(3, "Z", prompt, answer)
    found = snippet(question, query)
    assert found is not None
    body = found.text.strip("…")
    source = " ".join(getattr(question, found.field).replace("`", "").split())
    assert body in source
    for part in found.matched:
        assert normalize(part).startswith(query)
    rendered = snippet_markdown(found)
    assert rendered.count(":orange-background[") == len(found.matched)


@settings(max_examples=200, deadline=None)
@given(text_strategy)
def test_escaped_markdown_has_no_unescaped_punctuation(text):
    escaped = escape_markdown(text)
    i = 0
    while i < len(escaped):
        ch = escaped[i]
        if ch == "\\":
            i += 2
            continue
        assert ch not in string.punctuation, (text, escaped)
        i += 1
