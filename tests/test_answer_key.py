"""The answer key loader: every kind of broken answers.yaml is reported with its real line."""

from __future__ import annotations

import textwrap

import pytest

from simulacro.answer_key import KeyEntry, KeyPoint, load_answer_key, parse_answer_key_text

TIERS = '["low medium high", "high", "medium", "low"]'
GOOD_ENTRY = """\
41:
  key_points:
    - label: Umbrales 0.3 y 0.7
      phrases: ["0.3", "0.7", "umbral"]
    - label: Acción por nivel
      phrases: ["contacto proactivo", "ofertas de retencion"]
    - label: Tres niveles
      phrases: ["low medium high", "high", "medium", "low"]
  follow_ups:
    - "¿Cómo elegirías los umbrales?"
"""


def parse(text: str, **kwargs):
    return parse_answer_key_text(textwrap.dedent(text), "answers.yaml", **kwargs)


def messages(key) -> list[str]:
    return [str(p) for p in key.problems]


def only_problem(text: str, **kwargs) -> str:
    key = parse(text, **kwargs)
    assert len(key.problems) == 1, messages(key)
    return str(key.problems[0])


def test_valid_entry_is_parsed_without_problems():
    key = parse(GOOD_ENTRY)
    assert key.problems == []
    entry = key.entries[41]
    assert isinstance(entry, KeyEntry)
    assert entry.number == 41
    assert entry.key_points[0] == KeyPoint("Umbrales 0.3 y 0.7", ("0.3", "0.7", "umbral"))
    assert [p.label for p in entry.key_points] == [
        "Umbrales 0.3 y 0.7",
        "Acción por nivel",
        "Tres niveles",
    ]
    assert entry.follow_ups == ("¿Cómo elegirías los umbrales?",)
    assert entry.key_points[1].line == 5


def test_unquoted_number_phrase_keeps_its_source_text():
    key = parse(GOOD_ENTRY.replace('["0.3", "0.7", "umbral"]', "[0.30, 0.7, umbral]"))
    assert key.problems == []
    assert key.entries[41].key_points[0].phrases == ("0.30", "0.7", "umbral")


def test_unknown_question_number_out_of_range():
    text = GOOD_ENTRY + GOOD_ENTRY.replace("41:", "116:")
    msg = only_problem(text)
    assert msg.startswith("answers.yaml:11: unknown question number 116")
    assert set(parse(text).entries) == {41}


def test_unknown_question_number_not_in_bank():
    text = GOOD_ENTRY + GOOD_ENTRY.replace("41:", "42:")
    msg = only_problem(text, valid_numbers=[41])
    assert msg.startswith("answers.yaml:11: unknown question number 42")


def test_question_number_must_be_an_integer():
    msg = only_problem(GOOD_ENTRY + "\nq42:\n  key_points: []\n")
    assert msg.startswith("answers.yaml:12: question number must be an integer")


def test_duplicate_question_number_keeps_the_first():
    second = GOOD_ENTRY.replace("Tres niveles", "Otra cosa")
    key = parse(GOOD_ENTRY + second)
    assert messages(key) == [
        "answers.yaml:11: duplicate question number 41 (first defined at line 1)"
    ]
    assert key.entries[41].key_points[2].label == "Tres niveles"


def test_duplicate_label_in_a_question():
    text = GOOD_ENTRY.replace("Tres niveles", "Umbrales 0.3 y 0.7")
    msg = only_problem(text)
    assert msg == (
        "answers.yaml:7: question 41: duplicate key point label 'Umbrales 0.3 y 0.7' "
        "(first at line 3)"
    )


@pytest.mark.parametrize(
    ("old", "new", "line", "fragment"),
    [
        ("- label: Tres niveles\n", "- label:\n", 7, "empty key point"),
        ("- label: Tres niveles\n", '- label: "  "\n', 7, "empty key point"),
        ('      phrases: ["low medium high", "high", "medium", "low"]\n', "", 7, "no phrases"),
        ('["low medium high", "high", "medium", "low"]', "[]", 8, "no phrases"),
        ('["low medium high", "high", "medium", "low"]', '["high", ""]', 8, "empty phrase"),
        ('["low medium high", "high", "medium", "low"]', '["high", "--"]', 8, "empty phrase"),
    ],
)
def test_empty_key_point(old, new, line, fragment):
    text = GOOD_ENTRY.replace(old, new)
    assert text != GOOD_ENTRY
    key = parse(text)
    # The broken point is reported and dropped, which also leaves 2 valid points.
    assert any(
        str(p).startswith(f"answers.yaml:{line}: ") and fragment in p.message for p in key.problems
    ), messages(key)
    assert [p.label for p in key.entries[41].key_points] == [
        "Umbrales 0.3 y 0.7",
        "Acción por nivel",
    ]


def test_too_few_key_points():
    text = GOOD_ENTRY.replace(f"    - label: Tres niveles\n      phrases: {TIERS}\n", "")
    assert only_problem(text) == "answers.yaml:3: question 41: 2 key points, expected 3-6"


def test_too_many_key_points():
    extra = "".join(f'    - label: Extra {i}\n      phrases: ["extra {i}"]\n' for i in range(4))
    text = GOOD_ENTRY.replace("  follow_ups:\n", extra + "  follow_ups:\n")
    assert only_problem(text) == "answers.yaml:3: question 41: 7 key points, expected 3-6"


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ('  follow_ups:\n    - "¿Cómo elegirías los umbrales?"\n', "", 1),
        ('  follow_ups:\n    - "¿Cómo elegirías los umbrales?"\n', "  follow_ups: []\n", 9),
        ('  follow_ups:\n    - "¿Cómo elegirías los umbrales?"\n', "  follow_ups:\n", 1),
    ],
)
def test_no_follow_up(old, new, line):
    text = GOOD_ENTRY.replace(old, new)
    assert only_problem(text) == f"answers.yaml:{line}: question 41: no follow-up question"


def test_malformed_yaml_reports_the_parser_line():
    text = GOOD_ENTRY.replace('["contacto proactivo", "ofertas de retencion"]', '["contacto')
    key = parse(text)
    assert key.entries == {}
    assert len(key.problems) == 1
    problem = key.problems[0]
    assert problem.file == "answers.yaml"
    assert problem.message.startswith("malformed YAML")
    # The unclosed quote swallows line 7; the parser fails where the next scalar starts.
    assert problem.line == 8


def test_malformed_yaml_bad_indentation_line():
    text = GOOD_ENTRY.replace("  follow_ups:", " follow_ups:")
    key = parse(text)
    assert [p.line for p in key.problems] == [9]
    assert key.problems[0].message.startswith("malformed YAML")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- 41\n- 42\n", "answers.yaml:1: the top level must be a mapping"),
        ("41: hello\n", "answers.yaml:1: question 41: expected a mapping"),
        (
            "41:\n  key_points: lots\n  follow_ups: [a]\n",
            "answers.yaml:2: question 41: key_points must be a list",
        ),
        (
            GOOD_ENTRY.replace('- "¿Cómo elegirías los umbrales?"', "- {q: 1}"),
            "answers.yaml:10: question 41: a follow-up must be text",
        ),
        (
            GOOD_ENTRY.replace('["low medium high", "high", "medium", "low"]', '"high"'),
            "answers.yaml:8: question 41: key point 'Tres niveles': phrases must be a list",
        ),
        (
            GOOD_ENTRY.replace('["low medium high", "high", "medium", "low"]', '["high", [low]]'),
            "answers.yaml:8: question 41: key point 'Tres niveles': a phrase must be text",
        ),
        (
            GOOD_ENTRY.replace("    - label: Tres niveles", "    - Tres niveles\n    - label: X"),
            "answers.yaml:7: question 41: a key point must be a mapping",
        ),
        (
            GOOD_ENTRY.replace("  follow_ups:", "  followups:"),
            "answers.yaml:9: question 41: unknown key 'followups'",
        ),
    ],
)
def test_wrong_types(text, expected):
    key = parse(text)
    assert any(str(p).startswith(expected) for p in key.problems), messages(key)


def test_every_problem_is_reported_and_valid_entries_survive():
    broken = textwrap.dedent(
        """\
        42:
          key_points:
            - label: Solo uno
              phrases: [shap]
          follow_ups: []
        500:
          key_points: []
        """
    )
    key = parse(GOOD_ENTRY + broken)
    assert messages(key) == [
        "answers.yaml:13: question 42: 1 key points, expected 3-6",
        "answers.yaml:15: question 42: no follow-up question",
        "answers.yaml:16: unknown question number 500 (must be 1-115)",
    ]
    assert set(key.entries) == {41, 42}


def test_empty_file():
    assert messages(parse("# only a comment\n")) == [
        "answers.yaml:1: the answer key is empty (expected a mapping: number -> entry)"
    ]


def test_load_from_disk_uses_the_file_name_and_never_raises(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text(GOOD_ENTRY + "0:\n  key_points: []\n", encoding="utf-8")
    key = load_answer_key(path)
    assert set(key.entries) == {41}
    assert [(p.line, p.message.split(" (")[0]) for p in key.problems] == [
        (11, "unknown question number 0")
    ]
    assert key.problems[0].file.endswith("answers.yaml")

    missing = load_answer_key(tmp_path / "nope.yaml")
    assert missing.entries == {} and "not found" in missing.problems[0].message

    path.write_bytes(b"41:\n  key_points: \xff\n")
    assert "UTF-8" in load_answer_key(path).problems[0].message
    assert load_answer_key(path).problems[0].line == 2


def test_cached_loader_reloads_when_the_file_changes(tmp_path, monkeypatch):
    import os

    import ui.answer_key as cached

    calls = []

    def counting_load(path, valid_numbers=None):
        calls.append(path)
        return load_answer_key(path, valid_numbers)

    monkeypatch.setattr(cached, "load_answer_key", counting_load)
    path = tmp_path / "answers.yaml"
    path.write_text(GOOD_ENTRY, encoding="utf-8")
    first = cached.get_answer_key(path)
    assert set(first.entries) == {41} and first.problems == []
    assert set(cached.get_answer_key(path).entries) == {41}
    assert len(calls) == 1  # served from the cache while the file is unchanged

    path.write_text(GOOD_ENTRY + GOOD_ENTRY.replace("41:", "42:"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert set(cached.get_answer_key(path).entries) == {41, 42}
    assert len(calls) == 2


QUESTION_41 = """\
---
number: 41
section: BankChurn-Predictor
project: bankchurn
tags: [models, calibration]
difficulty: 1
demos: []
source: seed
---

# Pregunta 41: Risk Level Classification

¿Cómo categorizas el riesgo de churn?

## Respuesta

Con un umbral de 0.3 y otro de 0.7 (low, medium, high): contacto proactivo inmediato a los
high y ofertas de retencion a los medium.
"""


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (GOOD_ENTRY + GOOD_ENTRY.replace("41:", "99:"), ":11: unknown question number 99"),
        (GOOD_ENTRY + GOOD_ENTRY, ":11: duplicate question number 41"),
        (GOOD_ENTRY.replace("Tres niveles", "Umbrales 0.3 y 0.7"), ":7: question 41: duplicate"),
        (GOOD_ENTRY.replace("- label: Tres niveles\n", "- label:\n"), ":7: question 41: empty"),
        (GOOD_ENTRY.replace("  follow_ups:", " follow_ups:"), ":9: malformed YAML"),
        (GOOD_ENTRY.replace(TIERS, '["shap values"]'), ":7: question 41"),
    ],
)
def test_validate_command_reports_file_and_line(tmp_path, capsys, broken, expected):
    from simulacro.cli_validate import main

    questions = tmp_path / "questions"
    questions.mkdir()
    (questions / "041-risk-level-classification.md").write_text(QUESTION_41, encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text(GOOD_ENTRY, encoding="utf-8")
    args = ["--questions", str(questions), "--answers", str(answers)]
    assert main(args) == 0, capsys.readouterr().out

    capsys.readouterr()
    answers.write_text(broken, encoding="utf-8")
    assert main(args) == 1
    out = capsys.readouterr().out
    assert f"answers.yaml{expected}" in out, out
