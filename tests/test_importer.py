"""The importer: both document forms, every extraction repair, and malformed input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulacro import cli_import
from simulacro.answer_key import parse_answer_key_text
from simulacro.grading import check_key_against_questions
from simulacro.importer import ImportError_, decode_document, import_file, parse_document
from simulacro.keygen import generate_entry, paraphrases, render_key
from simulacro.model import PROJECTS, TAGS
from simulacro.qformat import unlabelled_fences
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


# ---------------------------------------------------------------- documents of the family
FAMILY = Path(__file__).resolve().parent / "fixtures" / "family"
FAMILY_EXPECTED = {
    # file: (numbers, sections in order, skipped lines)
    "simulacro_junior.md": (
        [1, 2, 3, 11, 12, 31, 32, 33],
        ["Fundamentos de Python", "Pandas y Datos", "Git y Herramientas"],
        [79, 124, 191],
    ),
    "simulacro_mid.md": (
        [1, 2, 3, 13, 14, 15, 25, 26],
        ["Modelado y Evaluación", "MLOps Práctico", "Proyecto CarVision"],
        [61, 134, 171],
    ),
    "simulacro_lead_parte1.md": (
        [1, 2, 16, 17, 31, 46],
        [
            "Fundamentos de ML",
            "MLOps y ciclo de vida",
            "BankChurn-Predictor",
            "CarVision-Market-Intelligence",
        ],
        [42, 108, 132, 136],
    ),
}


def _family(name: str):
    return import_file(FAMILY / name, built_in=False)


@pytest.mark.parametrize("name", sorted(FAMILY_EXPECTED))
def test_family_document_numbers_sections_and_skipped_placeholders(name):
    numbers, sections, skipped = FAMILY_EXPECTED[name]
    result = _family(name)
    assert result.problems == []
    assert [q.number for q in result.questions] == numbers
    assert result.sections == sections
    assert [item.line for item in result.skipped] == skipped
    for question in result.questions:
        assert question.prompt.startswith("¿") and question.prompt.endswith("?"), question
        assert "Respuesta" not in question.answer
        assert question.section in sections


@pytest.mark.parametrize("name", sorted(FAMILY_EXPECTED))
def test_family_answers_have_no_separator_placeholder_or_reference(name):
    for question in _family(name).questions:
        lines = question.answer.rstrip().split("\n")
        assert "---" not in [line.strip() for line in lines], question.number
        assert "Continúa" not in question.answer and "Ver archivo" not in question.answer
        assert "Pregunta" not in question.answer, question.number


def test_section_headings_of_the_document_decide_the_section_not_the_number():
    by_number = {q.number: q for q in _family("simulacro_junior.md").questions}
    assert by_number[31].section == "Git y Herramientas"  # not BankChurn-Predictor
    assert by_number[31].project == "none"
    lead = {q.number: q for q in import_file(FAMILY / "simulacro_lead_parte1.md").questions}
    assert lead[31].section == "BankChurn-Predictor"  # built-in deck: the number ranges


def test_nested_fences_in_a_markdown_block_are_kept_whole():
    (question,) = [q for q in _family("simulacro_junior.md").questions if q.number == 31]
    answer = question.answer
    assert "````markdown\n## Formato\n\n```bash\ngit commit -m" in answer
    assert "```\n\nTipos permitidos: feat, fix, docs, test, refactor.\n````" in answer
    assert answer.rstrip().endswith("automáticamente.")
    assert unlabelled_fences(answer) == []


def test_tables_lists_and_code_of_markdown_documents_survive():
    by_number = {q.number: q for q in _family("simulacro_mid.md").questions}
    assert "| C | Efecto |\n|---|---|\n| 0.01 |" in by_number[3].answer
    assert by_number[14].answer.startswith("Uso un **multi-stage build**")
    assert "```dockerfile\nFROM python:3.11-slim AS builder" in by_number[14].answer
    assert "- Usuario **no root** por seguridad." in by_number[14].answer


def test_mixed_heading_styles_are_read_and_named_with_their_line():
    result = _family("simulacro_junior.md")
    assert [q.title for q in result.questions][2] == "Manejo de Excepciones"
    (notice,) = result.notices
    assert notice.line == 57
    assert "'### Pregunta N'" in notice.message and "'## Pregunta N'" in notice.message


def test_difficulty_and_project_are_inferred_from_the_document():
    junior = _family("simulacro_junior.md").questions
    assert {q.difficulty for q in junior} == {1}
    mid = {q.number: q for q in _family("simulacro_mid.md").questions}
    assert {q.difficulty for q in mid.values()} == {2}
    assert mid[1].project == "bankchurn" and mid[26].project == "carvision"
    assert mid[2].project == "none"


@pytest.mark.parametrize("name", [*sorted(FAMILY_EXPECTED), "plain_qa.md"])
def test_inferred_tags_and_generated_key_validate(name):
    result = _family(name)
    for question in result.questions:
        assert 2 <= len(question.tags) <= 5 and set(question.tags) <= set(TAGS), question
        assert question.project in PROJECTS
    entries = [generate_entry(q) for q in result.questions]
    assert all(entries)
    text = render_key(entries, name)
    assert text.startswith("# Answer key GENERATED")
    key = parse_answer_key_text(text, "answers.yaml", [q.number for q in result.questions])
    assert key.problems == []
    assert check_key_against_questions(key.entries, result.questions) == []


def test_generated_key_points_come_from_bold_terms_lists_and_code():
    by_number = {q.number: q for q in _family("simulacro_lead_parte1.md").questions}
    labels = [p.label for p in generate_entry(by_number[46]).key_points]
    assert "Pipeline de sklearn" in labels  # bold
    assert "FeatureEngineer" in labels and "ColumnTransformer" in labels  # table cells
    labels = [p.label for p in generate_entry(by_number[2]).key_points]
    assert labels[0] == "F1 como métrica principal"
    assert "ResampleClassifier" in labels  # inline code identifier
    first = generate_entry(by_number[46]).key_points[0]
    assert first.label == first.phrases[0] == "Pipeline de sklearn"


def test_paraphrases_cover_other_wordings():
    assert "Separación de responsabilidades" in paraphrases("Separación de responsabilidades (SoC)")
    assert "SoC" in paraphrases("Separación de responsabilidades (SoC)")
    assert "Feature Engineer" in paraphrases("FeatureEngineer")
    assert "cross validation" in paraphrases("validación cruzada")


def test_plain_qa_document_reports_what_it_could_not_read_line_by_line():
    result = _family("plain_qa.md")
    assert [q.number for q in result.questions] == [1, 2, 3]
    assert result.questions[0].title == "Qué es el overfitting"
    assert result.questions[2].prompt == "¿Qué mide el AUC-ROC?"
    assert result.questions[2].answer.startswith("La capacidad del modelo de **ordenar**")
    assert [str(p) for p in result.problems] == [
        f"{FAMILY / 'plain_qa.md'}:20: question 'Una pregunta sin respuesta' has no answer "
        "('A:' line); lines 20-22 not read"
    ]


def test_plain_qa_text_before_the_first_question_is_reported():
    text = "Notas sueltas\n\nQ: ¿Uno?\nA: Respuesta con **término clave** y `codigo_x`."
    result = parse_document(text, "qa.md", built_in=False)
    assert [q.prompt for q in result.questions] == ["¿Uno?"]
    assert (
        str(result.problems[0]) == "qa.md:1: text outside any question, not read: 'Notas sueltas'"
    )


def test_an_unclosed_fence_is_reported_with_its_line():
    text = "## Pregunta 1: A\n\n¿Uno?\n\n### Respuesta:\n\n```python\nx = 1\n"
    result = parse_document(text, "doc.md", built_in=False)
    assert "doc.md:7: code block is never closed" in str(result.problems[0])
    assert result.questions[0].answer.startswith("```python\nx = 1\n```")


@pytest.mark.parametrize(
    "heading",
    [
        "## Pregunta 7: Título",
        "### Pregunta 7 - Título",
        "**Pregunta 7:** Título",
        "**Pregunta 7: Título**",
        "Pregunta 7. Título",
        "#### Pregunta 7 – Título",
        "## 🔹 Pregunta 7: Título",
    ],
)
def test_question_heading_styles(heading):
    text = f"{heading}\n\n**¿Qué?**\n\n**Respuesta:**\n\nAlgo **importante** aquí.\n"
    (question,) = parse_document(text, "doc.md", built_in=False).questions
    assert (question.number, question.title, question.prompt) == (7, "Título", "¿Qué?")


@pytest.mark.parametrize(
    "line",
    [
        "## Pregunta 41-45: [Ver archivo parte 2]",
        "## Preguntas 51-60: [Ver archivo parte 2]",
        "## Preguntas 51-60 (ver parte 2)",
        "### Pregunta 4 – 12: [Ver archivo parte 2]",
        "## Pregunta 46: [Ver archivo parte 2]",
        "**[Continúa en Parte 2]**",
        "> Continúa en el archivo de la parte 2…",
    ],
)
def test_placeholders_and_references_are_skipped_never_swallowed(line):
    text = _document(
        "## Pregunta 1: A", "**¿Uno?**", "### Respuesta:", "Texto de la respuesta.", "---", line
    )
    result = parse_document(text, "doc.md", built_in=False)
    assert result.problems == []
    assert [q.number for q in result.questions] == [1]
    assert result.questions[0].answer == "Texto de la respuesta.\n"
    (skipped,) = result.skipped
    assert skipped.line == 11 and str(skipped).startswith("doc.md:11: skipped:")


# ---------------------------------------------------------------- fuzz (bounded)
_BLOCKS = st.sampled_from(
    [
        "## Pregunta {n}: Título {n}",
        "### Pregunta {n} - Otro",
        "**Pregunta {n}:** Negrita",
        "Pregunta {n}: Plano",
        "**¿Pregunta de verdad?**",
        "### Respuesta:",
        "**Respuesta:**",
        "Respuesta:",
        "Texto con **negrita** y `codigo_x` y una lista:",
        "- elemento uno\n- elemento dos",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "```python\nx = 1\n```",
        "```markdown\n## T\n```bash\nls\n```\n```",
        "```",
        "---",
        "# {n}. Sección {n} (Preguntas {n}-{m})",
        "## Preguntas {n}-{m}: [Ver archivo parte 2]",
        "**[Continúa en Parte 2]**",
        "Q: ¿pregunta {n}?",
        "A: respuesta **clave** {n}",
        "",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_BLOCKS, st.integers(1, 130), st.integers(0, 20)), max_size=25))
def test_fuzz_family_documents_parse_or_fail_with_our_error(blocks):
    text = "\n\n".join(b.format(n=n, m=n + d) for b, n, d in blocks)
    for built_in in (True, False):
        try:
            result = parse_document(text, "fuzz.md", built_in=built_in)
        except ImportError_:
            continue
        numbers = [q.number for q in result.questions]
        assert len(numbers) == len(set(numbers))
        for question in result.questions:
            assert question.prompt.strip() and question.answer.strip()
            assert "Continúa en Parte" not in question.answer
            assert question.section and (built_in or question.section in result.sections)
            assert 2 <= len(question.tags) <= 5 or built_in


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_fuzz_any_text_parses_or_fails_with_our_error(text):
    try:
        parse_document(text, "any.txt", built_in=False)
    except ImportError_:
        pass


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "# 🐍 1. Python Básico (Preguntas 1-10)\n\n## Pregunta 1: A\n\n**¿Uno?**\n\n"
            "### ✅ Respuesta:\n\nUsa **listas** y **tuplas** con `append`.\n",
            (1, "A", "¿Uno?", "Python Básico"),
        ),
        (
            "## Sección 2: Datos (Preguntas 11-20)\n\n## Pregunta 11\n\n"
            "**¿Qué es un DataFrame?**\n\n**Respuesta:** Una **tabla** de pandas.\n",
            (11, "Qué es un DataFrame", "¿Qué es un DataFrame?", "Datos"),
        ),
        (
            "## Pregunta 5: ¿Qué es el overfitting?\n\n### Respuesta\n\nMemoriza el **ruido**.\n",
            (5, "¿Qué es el overfitting?", "¿Qué es el overfitting?", "General"),
        ),
        (
            "## Parte 3 - MLOps (Preguntas 21-30)\n\n### Pregunta 21. Registro\n\n"
            "> ¿Qué es un model registry?\n\n#### Respuesta esperada:\n\nUn **catálogo**.\n",
            (21, "Registro", "¿Qué es un model registry?", "MLOps"),
        ),
    ],
)
def test_more_variants_of_the_family(text, expected):
    (question,) = parse_document(text, "doc.md", built_in=False).questions
    assert (question.number, question.title, question.prompt, question.section) == expected
