"""Translations (questions/en/) and the English answer key (answers.en.yaml)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from simulacro.answer_key import load_answer_key, parse_answer_key_text
from simulacro.answer_key_en import localize_key, parse_english_key
from simulacro.bank import load_bank
from simulacro.cli_validate import collect
from simulacro.qformat import parse_question_file, render_question_file

ORIGINAL = """---
number: 58
section: CarVision-Market-Intelligence
project: carvision
tags: [metrics, statistics]
difficulty: 2
demos: []
source: seed
---

# Pregunta 58: MAPE

¿Por qué sumas epsilon en MAPE?

## Respuesta

```python
mape = 1
```

Texto.

## Nota de revisión

Ojo.

## Para ir más allá

A escala, ```no es un bloque``` en línea.

```yaml
k: 1
```
"""

TRANSLATION = """---
number: 58
---

# Question 58: MAPE

Why add an epsilon?

## Answer

```python
mape = 1
```

Text.

## Review note

Careful.

## Going further

At scale.

```yaml
k: 1
```
"""


def bank_with(tmp_path: Path, translation: str):
    folder = tmp_path / "q"
    (folder / "en").mkdir(parents=True, exist_ok=True)
    (folder / "058-mape.md").write_text(ORIGINAL, encoding="utf-8")
    (folder / "en" / "058-mape.md").write_text(translation, encoding="utf-8")
    return load_bank(folder)


def messages(bank) -> list[str]:
    return [str(problem) for problem in bank.problems]


def test_both_languages_headings_parse_into_the_same_parts(tmp_path):
    bank = bank_with(tmp_path, TRANSLATION)
    assert messages(bank) == []
    (question,) = bank.questions
    assert question.review_note == "Ojo."
    assert question.going_further.startswith("A escala")
    assert question.answer.endswith("Texto.")
    english = question.localized("en")
    assert (english.title, english.prompt) == ("MAPE", "Why add an epsilon?")
    assert english.answer.endswith("Text.") and english.review_note == "Careful."
    assert english.going_further.startswith("At scale.")
    assert question.localized(None).going_further == question.going_further


def test_going_further_may_come_before_the_review_note():
    note = "## Nota de revisión\n\nOjo.\n"
    swapped = ORIGINAL.replace(note + "\n", "") + "\n" + note
    parsed = parse_question_file(swapped)
    assert parsed.question.review_note == "Ojo."
    assert parsed.question.going_further.endswith("k: 1\n```")


def test_a_heading_inside_code_is_not_a_section():
    text = ORIGINAL.replace("mape = 1", "mape = 1\n## Para ir más allá")
    question = parse_question_file(text).question
    assert "## Para ir más allá" in question.answer


def test_render_then_parse_keeps_every_part():
    question = parse_question_file(ORIGINAL).question
    again = parse_question_file(render_question_file(question)).question
    assert (again.answer, again.review_note, again.going_further) == (
        question.answer,
        question.review_note,
        question.going_further,
    )


def test_a_missing_review_note_or_going_further_is_reported(tmp_path):
    no_note = TRANSLATION.replace("## Review note\n\nCareful.\n\n", "")
    assert messages(bank_with(tmp_path / "a", no_note)) == [
        "q/en/058-mape.md:1: translation of question 58 has no review note "
        "('## Review note'); the original has one"
    ]
    no_further = TRANSLATION.split("## Going further")[0]
    text = "\n".join(messages(bank_with(tmp_path / "b", no_further)))
    assert "has no going-further section ('## Going further')" in text
    # the yaml block lived in the going-further part: the code blocks differ too
    assert "has 1 code block(s) [python]; the original has 2 [python, yaml]" in text


def test_different_code_blocks_are_reported(tmp_path):
    wrong_language = TRANSLATION.replace("```python", "```bash")
    assert messages(bank_with(tmp_path / "a", wrong_language)) == [
        "q/en/058-mape.md:1: translation of question 58 has 2 code block(s) "
        "[bash, yaml]; the original has 2 [python, yaml]"
    ]
    extra = TRANSLATION.replace("Text.", "Text.\n\n```python\nx = 2\n```")
    assert "has 3 code block(s)" in messages(bank_with(tmp_path / "b", extra))[0]


def test_a_translation_missing_its_answer_or_prompt_is_reported(tmp_path):
    no_answer = TRANSLATION.split("## Answer")[0]
    expected = "missing '## Respuesta' heading before the answer ('## Answer' in English)"
    assert expected in messages(bank_with(tmp_path / "a", no_answer))[0]
    no_prompt = TRANSLATION.replace("Why add an epsilon?", "")
    bank = bank_with(tmp_path / "b", no_prompt)
    assert "question 58 has no prompt" in messages(bank)[0]
    assert bank.questions[0].translations == {}


def test_a_part_the_original_lacks_is_reported(tmp_path):
    plain = ORIGINAL.split("## Nota de revisión")[0]
    folder = tmp_path / "q"
    (folder / "en").mkdir(parents=True)
    (folder / "058-mape.md").write_text(plain, encoding="utf-8")
    (folder / "en" / "058-mape.md").write_text(TRANSLATION, encoding="utf-8")
    text = "\n".join(messages(load_bank(folder)))
    assert "has a review note ('## Review note'); the original has none" in text


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_translation_text_loads_or_reports_never_raises(tmp_path_factory, body):
    folder = tmp_path_factory.mktemp("fuzz")
    bank = bank_with(folder, "---\nnumber: 58\n---\n" + body)
    assert len(bank.questions) == 1


def test_shipped_translations_match_their_originals():
    bank = load_bank()
    assert bank.problems == []
    english = [q for q in bank.questions if "en" in q.translations]
    assert english, "questions/en/ has at least the example translation"
    for question in english:
        names = {p.name for p in (Path(__file__).parents[1] / "questions" / "en").glob("*.md")}
        assert Path(question.file).name in names  # same file name as the Spanish one


KEY = """
58:
  key_points:
    - label: División por cero
      phrases: ["division por cero", "division by zero"]
    - label: Epsilon
      phrases: ["epsilon"]
    - label: sMAPE
      phrases: ["smape"]
  follow_ups:
    - "¿Y con precio 1?"
"""


def test_english_key_relabels_points_and_follow_ups_keeping_phrases():
    base = parse_answer_key_text(KEY)
    english = parse_english_key(
        '58:\n  key_points: ["Division by zero", "Epsilon", "sMAPE"]\n'
        '  follow_ups: ["And with a price of 1?"]\n',
        base,
    )
    assert english.problems == []
    entry = localize_key(base, english, "en").entries[58]
    assert [p.label for p in entry.key_points] == ["Division by zero", "Epsilon", "sMAPE"]
    assert entry.key_points[0].phrases == base.entries[58].key_points[0].phrases
    assert entry.follow_ups == ("And with a price of 1?",)
    assert localize_key(base, english, "es") is base


def test_english_key_counts_must_match_the_spanish_key():
    base = parse_answer_key_text(KEY)
    short = parse_english_key('58:\n  key_points: ["A", "B"]\n  follow_ups: ["C"]\n', base)
    assert [str(p) for p in short.problems] == [
        "answers.en.yaml:1: question 58: 2 key point label(s), answers.yaml has 3"
    ]
    follow = parse_english_key('58:\n  key_points: ["A", "B", "C"]\n  follow_ups: []\n', base)
    assert "0 follow-up(s), answers.yaml has 1" in str(follow.problems[0])
    unknown = parse_english_key('7:\n  key_points: ["A"]\n  follow_ups: ["C"]\n', base)
    assert "question 7 has no entry in answers.yaml" in str(unknown.problems[0])
    missing = parse_english_key("", base)
    assert missing.problems == []  # an empty file: nothing to check yet
    other = parse_answer_key_text(KEY + KEY.replace("58:", "59:"))
    absent = parse_english_key('58:\n  key_points: ["A", "B", "C"]\n  follow_ups: ["C"]\n', other)
    assert [str(p) for p in absent.problems] == [
        "answers.en.yaml:0: question 59 has no English entry (its answers.yaml has one)"
    ]
    broken = parse_english_key("58: [", base)
    assert "malformed YAML" in str(broken.problems[0])


def test_shipped_english_key_lines_up_and_validate_is_clean():
    from simulacro.answer_key_en import load_english_key

    base = load_answer_key()
    english = load_english_key(base)
    assert english.problems == [] and english.entries
    bank, problems = collect(Path(__file__).parents[1] / "questions", None)
    assert problems == []
