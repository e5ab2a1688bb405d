"""The grader's lexicon file: the shipped one is clean, a malformed one says file:line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulacro.answer_key import KeyEntry, KeyPoint
from simulacro.grading import grade
from simulacro.grading_lexicon import default_lexicon, load_lexicon, parse_lexicon_text

GOOD = """\
stopwords: [el, la, de, se, al]
numbers: {cinco: 5}
terms: [smote]
negations: [no, en vez de]
not_negations: [para no]
privatives: [Sin]
framings: [Cuando, mistake]
polarity: [mas, Menos]
rivals:
  probes: ["liveness|livenessprobe", readiness]
concepts:
  overfitting: [sobreajuste, overfitting, se ajusta al ruido]
synonyms:
  remove: [eliminar, drop]
"""


def test_the_shipped_lexicon_has_no_problems():
    lexicon = default_lexicon()
    assert [str(p) for p in lexicon.problems] == []
    assert len(lexicon.concepts) > 100 and "de" in lexicon.stopwords
    assert dict(lexicon.numbers)["cero"] == "0"


def test_every_section_is_read():
    lexicon = parse_lexicon_text(GOOD, "lex.yaml")
    assert lexicon.problems == ()
    assert lexicon.stopwords == {"el", "la", "de", "se", "al"}
    assert lexicon.number_map == {"cinco": "5"}
    assert lexicon.terms == {"smote"}
    assert lexicon.negations == (("no",), ("en", "vez", "de"))
    assert lexicon.not_negations == (("para", "no"),)
    assert lexicon.privatives == {"sin"}
    assert lexicon.framings == {"cuando", "mistake"}
    assert lexicon.polarity == {"mas", "menos"}
    assert lexicon.rivals == ((frozenset({"liveness", "livenessprobe"}), frozenset({"readiness"})),)
    overfitting, remove = lexicon.concepts
    assert overfitting.specific and not remove.specific
    assert ("ajusta", "ruido") in overfitting.terms  # stop words dropped from terms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("concepts: [a, b", "lex.yaml:1: malformed YAML"),
        ("", "lex.yaml:1: the lexicon is empty"),
        ("- a\n- b\n", "lex.yaml:1: the top level must be a mapping"),
        ("colours: [red]\n", "lex.yaml:1: unknown section 'colours'"),
        ("stopwords: de\n", "lex.yaml:1: stopwords must be a list"),
        ("terms: [smote, ~]\n", "lex.yaml:1: terms: an item must be non-empty text"),
        ("terms: [two words]\n", "lex.yaml:1: terms: 'two words' must be a single word"),
        ("numbers:\n  cinco: five\n", "lex.yaml:2: numbers: 'cinco' must map to digits"),
        ("concepts:\n  solo: [uno]\n", "lex.yaml:2: concept 'solo' needs at least two terms"),
        ("concepts: [a]\n", "lex.yaml:1: concepts must be a mapping"),
        ("polarity: [mas, no tanto]\n", "lex.yaml:1: polarity: 'no tanto' must be a single word"),
        ("framings: [si, a menudo]\n", "lex.yaml:1: framings: 'a menudo' must be a single word"),
        ("rivals: [a, b]\n", "lex.yaml:1: rivals must be a mapping"),
        ("rivals:\n  probes: [liveness]\n", "lex.yaml:2: rival group 'probes' needs at least two"),
        ("rivals:\n  probes: liveness\n", "lex.yaml:2: rival group 'probes' must be a list"),
        (
            "stopwords: [de]\nconcepts:\n  x: [de, y]\n",
            "lex.yaml:3: concept 'x': 'de' has no content",
        ),
    ],
)
def test_malformed_lexicon_reports_file_and_line(text, expected):
    problems = [str(p) for p in parse_lexicon_text(text, "lex.yaml").problems]
    assert any(p.startswith(expected) for p in problems), problems


def test_a_broken_lexicon_file_still_grades(tmp_path):
    path = tmp_path / "lexicon.yaml"
    path.write_bytes(b"concepts: [\xff")
    lexicon = load_lexicon(path)
    assert [p.message for p in lexicon.problems] == ["the lexicon is not valid UTF-8"]
    missing = load_lexicon(tmp_path / "nope.yaml")
    assert "cannot read the lexicon" in missing.problems[0].message
    entry = KeyEntry(1, (KeyPoint("Split", ("split antes de fit",)),), ("?",))
    assert grade("split antes de fit", entry, lexicon=lexicon).covered == ["Split"]


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_fuzz_any_text_parses_or_reports(text):
    lexicon = parse_lexicon_text(text, "lex.yaml")
    for problem in lexicon.problems:
        assert problem.file == "lex.yaml" and problem.line >= 1 and problem.message
