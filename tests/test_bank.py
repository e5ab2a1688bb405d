"""Loading and validating the question bank: every problem as file:line: message."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from simulacro.bank import load_bank
from simulacro.model import SECTIONS
from simulacro.navigation import neighbours, parse_question_param, resolve_selected
from simulacro.search import SearchIndex, filter_questions

ROOT = Path(__file__).resolve().parents[1]

GOOD = """---
number: {number}
section: {section}
project: carvision
tags: [metrics, statistics]
difficulty: 2
demos: []
source: seed
---

# Pregunta {number}: MAPE Calculation

¿Por qué sumas epsilon en MAPE?

## Respuesta

```python
mape = 1
```

Texto de la respuesta.
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def good(number: int = 58, section: str = "CarVision-Market-Intelligence") -> str:
    return GOOD.format(number=number, section=section)


def messages(bank) -> list[str]:
    return [str(problem) for problem in bank.problems]


def test_a_valid_file_loads_with_all_fields(tmp_path):
    write(tmp_path / "q", "058-mape.md", good())
    bank = load_bank(tmp_path / "q", known_demo_ids=set())
    assert bank.problems == []
    (question,) = bank.questions
    assert (question.number, question.title, question.project) == (
        58,
        "MAPE Calculation",
        "carvision",
    )
    assert question.prompt == "¿Por qué sumas epsilon en MAPE?"
    assert question.answer.startswith("```python\nmape = 1\n```")
    assert question.tags == ("metrics", "statistics")
    assert question.file == "q/058-mape.md"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            good().replace("section: CarVision-Market-Intelligence", "section: Astrología"),
            "q/058-x.md:3: unknown section 'Astrología'",
        ),
        (
            good().replace("section: CarVision-Market-Intelligence", "section: Liderazgo"),
            "q/058-x.md:3: question 58 belongs to section 'CarVision-Market-Intelligence'",
        ),
        (
            good().replace("demos: []", "demos: [carvision.nope]"),
            "q/058-x.md:7: unknown demo id 'carvision.nope'",
        ),
        (
            good().replace("tags: [metrics, statistics]", "tags: [metrics, astrology]"),
            "q/058-x.md:5: unknown tag(s) astrology",
        ),
        (
            good().replace("difficulty: 2", "difficulty: hard"),
            "q/058-x.md:6: difficulty must be 1, 2 or 3",
        ),
        (
            good().replace("tags: [metrics, statistics]", "tags: [metrics, [statistics"),
            "q/058-x.md:5: malformed front matter",
        ),
        (good().replace("---\nnumber", "number", 1), "q/058-x.md:1: missing front matter"),
        (
            good().replace("number: 58", "number: fifty"),
            "q/058-x.md:2: 'number' must be an integer, got 'fifty'",
        ),
        (
            good().replace("¿Por qué sumas epsilon en MAPE?", ""),
            "q/058-x.md:11: question 58 has no prompt",
        ),
        (good().split("## Respuesta")[0] + "## Respuesta\n\n", "question 58 has an empty answer"),
        (good().replace("## Respuesta", "Respuesta"), "missing '## Respuesta' heading"),
        (
            good().replace("# Pregunta 58:", "# Pregunta 57:"),
            "heading says Pregunta 57 but front matter says number 58",
        ),
        (good().replace("```python", "```"), "q/058-x.md:17: code fence without a language tag"),
        (good().replace("source: seed", "source: copied"), "q/058-x.md:8: unknown source 'copied'"),
        (good().replace("number: 58", "number: 200"), "q/058-x.md:2: question number 200 is"),
    ],
    ids=lambda value: value[:40] if "---" not in value else "case",
)
def test_each_kind_of_problem_is_reported_with_file_and_line(tmp_path, text, expected):
    write(tmp_path / "q", "058-x.md", text)
    bank = load_bank(tmp_path / "q", known_demo_ids={"carvision.mape_vs_smape"})
    assert any(expected in message for message in messages(bank)), messages(bank)


def test_duplicate_numbers_keep_the_first_file_and_report_the_second(tmp_path):
    write(tmp_path / "q", "058-a.md", good())
    write(tmp_path / "q", "058-b.md", good())
    bank = load_bank(tmp_path / "q")
    assert [q.file for q in bank.questions] == ["q/058-a.md"]
    assert messages(bank) == ["q/058-b.md:2: duplicate question number 58 (also in q/058-a.md)"]


def test_garbage_files_are_reported_and_valid_questions_still_served(tmp_path):
    folder = tmp_path / "q"
    write(folder, "058-ok.md", good())
    (folder / "001-binary.md").write_bytes(bytes(range(256)) * 4)
    (folder / "002-empty.md").write_bytes(b"")
    (folder / "003-huge.md").write_bytes(b"a" * (5 * 1024 * 1024))
    (folder / "004-latin.md").write_bytes("---\nnúmero".encode("latin-1"))
    bank = load_bank(folder)
    assert [q.number for q in bank.questions] == [58]
    text = "\n".join(messages(bank))
    assert "q/001-binary.md:1: binary file" in text
    assert "q/002-empty.md:1: missing front matter" in text
    assert "q/003-huge.md:1: file is 5120 KB, over the 256 KB limit" in text
    assert "q/004-latin.md:2: file is not UTF-8 text" in text


def test_translations_attach_to_their_question(tmp_path):
    folder = tmp_path / "q"
    write(folder, "058-mape.md", good())
    write(
        folder / "en",
        "058-mape.md",
        "---\nnumber: 58\n---\n\n# Question 58: MAPE\n\nWhy epsilon?\n\n## Answer\n\n"
        "```python\nmape = 1\n```\n\nBecause.",
    )
    write(
        folder / "en",
        "059-ghost.md",
        "---\nnumber: 59\n---\n\n# Pregunta 59: G\n\nQ?\n\n## Respuesta\n\nA.",
    )
    bank = load_bank(folder)
    question = bank.questions[0]
    assert question.localized("en").prompt == "Why epsilon?"
    assert question.localized("fr").prompt == "¿Por qué sumas epsilon en MAPE?"
    assert messages(bank) == [
        "q/en/059-ghost.md:1: translation of question 59, which does not exist"
    ]


def test_missing_folder_is_a_problem_not_a_crash(tmp_path):
    bank = load_bank(tmp_path / "nowhere")
    assert bank.questions == [] and "question folder not found" in messages(bank)[0]


def test_shipped_bank_has_115_questions_in_complete_sections():
    bank = load_bank()
    assert bank.problems == [], "\n".join(messages(bank))
    assert [q.number for q in bank.questions] == list(range(1, 116))
    assert list(bank.counts_by_section().values()) == [15, 15, 15, 15, 10, 10, 10, 10, 5, 10]
    assert bank.counts_by_section().keys() == set(SECTIONS)
    assert bank.counts_by_source() == {"seed": 60, "authored": 55}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "simulacro", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_validate_exits_zero_on_the_shipped_content_and_prints_json():
    result = run_cli("validate", "--json")
    summary = json.loads(result.stdout)
    assert summary["problems"] == []
    assert result.returncode == 0
    assert summary["questions"] == 115
    assert summary["by_source"] == {"seed": 60, "authored": 55}
    assert summary["by_section"]["Liderazgo"] == 10


def test_validate_exits_non_zero_with_file_and_line_on_a_broken_bank(tmp_path):
    folder = tmp_path / "q"
    write(folder, "058-a.md", good().replace("demos: []", "demos: [nope.demo]"))
    answers = write(tmp_path, "answers.yaml", "999:\n  key_points: []\n")
    result = run_cli("validate", "--questions", str(folder), "--answers", str(answers))
    assert result.returncode == 1
    assert "q/058-a.md:7: unknown demo id 'nope.demo'" in result.stdout
    assert "answers.yaml:1:" in result.stdout
    assert "Traceback" not in result.stderr


def test_search_ignores_case_and_accents_and_ranks_titles_first():
    index = SearchIndex(load_bank().questions)
    assert index.search("MAPE")[0].number == 58
    assert 8 in [q.number for q in index.search("regularizacion")]
    assert index.search("58")[0].number == 58
    assert [q.number for q in index.search("")] == list(range(1, 116))
    assert index.search("zzzz-no-such-term") == []
    # every term must match
    both = index.search("leakage price_category")
    assert both and all("price" in (q.title + q.prompt + q.answer).lower() for q in both)


def test_filters_combine_across_and_or_within():
    questions = load_bank().questions
    carvision = filter_questions(questions, projects=["carvision"])
    assert carvision and all(q.project == "carvision" for q in carvision)
    authored_ops = filter_questions(questions, sources=["authored"], sections=["Liderazgo"])
    assert [q.number for q in authored_ops] == [106]
    either = filter_questions(questions, difficulties=[1, 3])
    assert all(q.difficulty in (1, 3) for q in either)
    tagged = filter_questions(questions, tags=["leakage"])
    assert 1 in [q.number for q in tagged] and all("leakage" in q.tags for q in tagged)


def test_navigation_helpers():
    assert parse_question_param("58", [57, 58]) == 58
    assert parse_question_param(["x", "57"], [57, 58]) == 57
    assert parse_question_param("abc", [58]) is None
    assert parse_question_param("999", [58]) is None
    assert resolve_selected(58, [57, 58]) == 58
    assert resolve_selected(1, [57, 58]) == 57
    assert resolve_selected(1, []) is None
    assert neighbours([1, 5, 9], 5) == (1, 9)
    assert neighbours([1, 5, 9], 1) == (None, 5)
    assert neighbours([1, 5, 9], 9) == (5, None)
    assert neighbours([1, 5, 9], 4) == (None, None)


def test_a_review_note_is_kept_apart_from_the_answer(tmp_path):
    text = good() + "\n## Nota de revisión\n\nEl `+ 1e-8` solo evita la excepción.\n"
    write(tmp_path / "q", "058-x.md", text)
    (question,) = load_bank(tmp_path / "q").questions
    assert question.answer.endswith("Texto de la respuesta.")
    assert question.review_note == "El `+ 1e-8` solo evita la excepción."
    # a heading of that name inside a code block is code, not a note
    fenced = good().replace("mape = 1", "mape = 1\n## Nota de revisión")
    write(tmp_path / "r", "058-x.md", fenced)
    (question,) = load_bank(tmp_path / "r").questions
    assert question.review_note == "" and "## Nota de revisión" in question.answer


def test_shipped_review_notes_are_kept_apart_from_the_answers():
    # seed answers get errata; authored ones, the better practice where the portfolio chose
    # otherwise (tests/test_portfolio_facts.py)
    noted = [q for q in load_bank().questions if q.review_note]
    assert {q.source for q in noted} == {"seed", "authored"}
    assert all("Nota de revisi" not in q.answer for q in load_bank().questions)
