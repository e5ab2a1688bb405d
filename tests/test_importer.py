"""The importer: both document forms, every extraction repair, and malformed input."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulacro import cli_import
from simulacro.importer import ImportError_, decode_document, import_file, parse_document
from simulacro.repair import guess_code_language, repair_markdown

# A verbatim copy of the source document (shared/seed/000_f5a4daf806028b66.txt), kept in
# the repository so the import tests do not depend on a folder outside it.
SEED = Path(__file__).resolve().parent / "fixtures" / "simulacro_parte2_seed.txt"

SEED_TITLES = {
    41: "Risk Level Classification",
    42: "Feature Contribution Explanation",
    43: "Model Metadata",
    44: "Lifespan vs On-Event Loading",
    45: "Test Coverage Strategy",
    51: "Feature Type Inference",
    52: "Segment Error Analysis",
    53: "Dual Application (API + Dashboard)",
    54: "Price Category Leakage",
    55: "Split Indices Persistence",
    56: "Dummy Baseline",
    57: "Random Forest para Regresión",
    58: "MAPE Calculation",
    59: "Streamlit Sections",
    60: "API vs Dashboard Trade-offs",
    63: "Unified Pipeline Benefit",
    64: "Config YAML Structure",
    65: "Stratify con Clasificación Binaria",
    66: "Simple Model Debugging",
    67: "Gradient Boosting Learning Rate",
    68: "Evaluation Metrics Save",
    69: "FastAPI App TelecomAI",
    70: "TelecomAI Business Context",
    73: "Error Handling Philosophy",
    74: "Dependency Management",
    75: "API Versioning",
    76: "Configuration Hierarchy",
    77: "Async vs Sync en FastAPI",
    78: "Testing Pyramid",
    79: "Code Review Checklist",
    80: "Technical Debt Management",
    83: "Matrix Testing Strategy",
    84: "Fail-Fast Strategy",
    85: "Docker Build Caching",
    86: "Security Scanning Results",
    87: "Coverage Thresholds",
    88: "Integration Test Strategy",
    89: "Documentation Validation",
    90: "Deployment Strategy",
    93: "Resource Requests vs Limits",
    94: "Prometheus Scraping",
    95: "ConfigMap Usage",
    96: "Rolling Update Strategy",
    97: "Volume Mounts para Modelos",
    98: "Ingress Configuration",
    99: "Terraform Overview",
    100: "Disaster Recovery",
    102: "Bias Detection",
    103: "Model Card Maintenance",
    104: "Human-in-the-Loop",
    105: "GDPR Compliance",
    107: "Team Communication",
    108: "Mentoring Junior Engineers",
    109: "Stakeholder Management",
    110: "Technical Debt Negotiation",
    111: "Production Incident Response",
    112: "Cross-functional Collaboration",
    113: "Prioritization Framework",
    114: "Remote Team Leadership",
    115: "Career Growth Path",
}

MARKDOWN_DOCUMENT = """# Simulacro Entrevista Lead/Senior ML Engineer - Parte 1

# 3. BankChurn-Predictor (Preguntas 31-45)

## Pregunta 31: Project Structure

**¿Cómo estructuras el proyecto?**

### Respuesta:

```python
def main() -> None:
    pass
```

Beneficio: claridad.

# Preguntas 41-45: BankChurn (continuación)

## Pregunta 41: Risk Level Classification

**¿Cómo categorizas el riesgo de churn?**

### Respuesta:

```
def assign(p):
    return "high" if p > 0.7 else "low"
```

Uso en negocio: - **High:** Contacto proactivo - **Low:** Monitoreo
"""


@pytest.fixture(scope="module")
def seed_result():
    assert SEED.exists(), f"seed document not found at {SEED}"
    return import_file(SEED)


def test_seed_yields_exactly_the_60_numbers_with_their_titles(seed_result):
    assert seed_result.problems == []
    titles = {question.number: question.title for question in seed_result.questions}
    assert titles == SEED_TITLES


def test_seed_questions_have_prompt_answer_and_section(seed_result):
    for question in seed_result.questions:
        assert question.prompt and "\n" not in question.prompt, question.number
        assert "Respuesta" not in question.prompt, question.number
        assert question.answer.strip()
        assert question.source == "seed"
    by_number = {question.number: question for question in seed_result.questions}
    assert by_number[58].section == "CarVision-Market-Intelligence"
    assert by_number[58].project == "carvision"
    assert by_number[113].section == "Liderazgo"


def test_seed_answers_carry_no_extraction_debris(seed_result):
    for question in seed_result.questions:
        answer = question.answer
        assert "\t" not in answer, question.number
        assert "\\\\;" not in answer, question.number
        assert "\\times" not in answer, question.number
        assert not any(line.endswith(" ") for line in answer.split("\n")), question.number
        fences = [line for line in answer.split("\n") if line.startswith("```")]
        assert len(fences) % 2 == 0, question.number
        assert all(fence != "```" for fence in fences[0::2]), f"untagged fence in {question.number}"


def test_seed_repairs_tables_lists_latex_and_escapes(seed_result):
    by_number = {question.number: question for question in seed_result.questions}
    assert "| Criterio | RandomForest | XGBoost |\n|---|---|---|" in by_number[57].answer
    assert "- **High:** Contacto proactivo inmediato\n- **Medium:**" in by_number[41].answer
    assert "Total jobs: 2 × 3 = 6" in by_number[83].answer
    assert "-exec markdown-link-check {} \\;" in by_number[89].answer
    assert "```json" in by_number[43].answer
    assert "```dockerfile" in by_number[85].answer
    assert "```yaml" in by_number[64].answer
    assert "1. **Minimización:**" in by_number[105].answer
    assert "2. **Pseudonimización:**" in by_number[105].answer


def test_markdown_form_is_parsed_like_the_plain_form():
    result = parse_document(MARKDOWN_DOCUMENT, "doc.md")
    assert result.problems == []
    assert [q.number for q in result.questions] == [31, 41]
    first, second = result.questions
    assert first.title == "Project Structure"
    assert first.prompt == "¿Cómo estructuras el proyecto?"
    assert first.answer.startswith("```python\ndef main()")
    assert "Preguntas 41-45" not in first.answer  # the next section heading is not content
    assert second.answer.startswith("```python\ndef assign(p):")
    expected_list = "Uso en negocio:\n\n- **High:** Contacto proactivo\n- **Low:** Monitoreo"
    assert expected_list in second.answer


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("FROM python:3.11-slim\nRUN pip install x\nCOPY . .", "dockerfile"),
        ('{\n  "version": "1.0.0",\n  "metrics": {"f1": 0.8}\n}', "json"),
        ("model:\n  name: rf\n  params:\n    max_depth: 10", "yaml"),
        ("pip install -r requirements.txt\ndocker build -t app .", "bash"),
        ("import numpy as np\nx = np.zeros(3)", "python"),
        ("app/\n├── main.py", "text"),
        ("[pytest]\naddopts = -q", "text"),
    ],
)
def test_code_language_guess(code, language):
    assert guess_code_language(code) == language


def test_tab_separated_lines_become_a_markdown_table():
    repaired = repair_markdown("Tabla:\n\nA\tB\n1\t2\n3\t4\n\nFin.")
    assert "| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |" in repaired


def test_trailing_spaces_and_stray_escapes_are_cleaned():
    repaired = repair_markdown("```\nfind . -exec ls {} \\\\;  \n```\n\nTexto  ")
    assert repaired == "```bash\nfind . -exec ls {} \\;\n```\n\nTexto\n"


def _document(*blocks: str) -> str:
    return "\n\n".join(blocks)


def test_missing_respuesta_is_reported_with_line_and_other_questions_survive():
    text = _document(
        "Pregunta 1: A",
        "¿Uno?",
        "Texto sin la línea de respuesta.",
        "Pregunta 2: B",
        "¿Dos?",
        "Respuesta:",
        "Bien.",
    )
    result = parse_document(text, "doc.txt")
    assert [q.number for q in result.questions] == [2]
    assert [str(p) for p in result.problems] == ["doc.txt:1: question 1 has no 'Respuesta:' line"]


def test_duplicate_number_is_reported_and_the_first_kept():
    text = _document(
        "Pregunta 7: A", "¿Uno?", "Respuesta:", "x", "Pregunta 7: B", "¿Otra?", "Respuesta:", "y"
    )
    result = parse_document(text, "doc.txt")
    assert [q.title for q in result.questions] == ["A"]
    assert "duplicate question number 7 (first at line 1)" in str(result.problems[0])
    assert str(result.problems[0]).startswith("doc.txt:9:")


def test_empty_file_binary_garbage_and_huge_file_are_refused_clearly(tmp_path):
    with pytest.raises(ImportError_, match="the file is empty"):
        decode_document(b"  \n", "empty.txt")
    with pytest.raises(ImportError_, match="binary file"):
        decode_document(bytes(range(256)) * 10, "garbage.bin")
    with pytest.raises(ImportError_, match=r"5\.0 MB, over the 2 MB limit"):
        decode_document(b"Pregunta 1: x\n" * (5 * 1024 * 1024 // 14 + 1), "big.txt")
    with pytest.raises(ImportError_, match=r"latin\.txt:2: the file is not UTF-8"):
        decode_document("linea\nañadida".encode("latin-1"), "latin.txt")
    with pytest.raises(ImportError_, match="no question found"):
        parse_document("Un texto cualquiera\nsin preguntas", "other.txt")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02\xff" * 1000, "binary file"),
        (b"x" * (5 * 1024 * 1024), "over the 2 MB limit"),
        ("Pregunta 1: A\n\n¿Uno?\n\nSin respuesta".encode(), "has no 'Respuesta:' line"),
    ],
)
def test_import_command_reports_bad_files_without_traceback(tmp_path, capsys, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    exit_code = cli_import.main([str(path), "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert exit_code == 1
    assert message in captured.err
    assert "Traceback" not in captured.err + captured.out


def test_import_command_writes_files_and_keeps_curated_metadata(tmp_path, capsys):
    out = tmp_path / "questions"
    assert cli_import.main([str(SEED), "--out", str(out)]) == 0
    files = sorted(out.glob("*.md"))
    assert len(files) == 60
    target = out / "058-mape-calculation.md"
    target.write_text(target.read_text().replace("tags: []", "tags: [metrics, statistics]"))
    assert cli_import.main([str(SEED), "--out", str(out)]) == 0
    assert "skipped 60 existing" in capsys.readouterr().out
    assert cli_import.main([str(SEED), "--out", str(out), "--overwrite"]) == 0
    assert "tags: [metrics, statistics]" in target.read_text()
    assert len(list(out.glob("*.md"))) == 60


def test_closing_matter_after_the_last_question_is_not_part_of_its_answer(seed_result):
    last = max(seed_result.questions, key=lambda q: q.number)
    assert last.number == 115
    assert last.answer.rstrip().endswith("- **Staff:** Cross-team influence, technical vision")
    assert "Fin del Simulacro" not in last.answer and "Resumen y Recursos" not in last.answer


def test_closing_matter_rules_in_both_forms_and_only_after_the_last_question():
    plain = _document(
        "Pregunta 1: A",
        "¿Uno?",
        "Respuesta:",
        "Resumen del enfoque",
        "texto",
        "Pregunta 2: B",
        "¿Dos?",
        "Respuesta:",
        "Bien.",
        "Conclusiones",
        "Gracias por leer.",
    )
    first, second = parse_document(plain, "doc.txt").questions
    assert "Resumen del enfoque" in first.answer  # inside an answer: kept
    assert second.answer == "Bien.\n"
    markdown = "## Pregunta 3: C\n\n**¿Tres?**\n\n### Respuesta:\n\nSí.\n\n# Anexo\n\nNotas."
    (third,) = parse_document(markdown, "doc.md").questions
    assert third.answer == "Sí.\n"


def test_reimporting_keeps_the_review_note(tmp_path, capsys):
    out = tmp_path / "questions"
    assert cli_import.main([str(SEED), "--out", str(out)]) == 0
    target = out / "058-mape-calculation.md"
    target.write_text(target.read_text() + "\n## Nota de revisión\n\nOjo con y_true = 0.\n")
    assert cli_import.main([str(SEED), "--out", str(out), "--overwrite"]) == 0
    assert target.read_text().endswith("## Nota de revisión\n\nOjo con y_true = 0.\n")
