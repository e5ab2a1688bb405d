"""Grading a typed answer: normalisation, whole-word matching, coverage, suggested rating."""

from __future__ import annotations

import dataclasses

import pytest

from simulacro.answer_key import KeyEntry, KeyPoint, parse_answer_key_text
from simulacro.grading import (
    GradeResult,
    check_key_against_questions,
    grade,
    model_answer_text,
    normalize,
    phrase_in,
    suggest_rating,
)
from simulacro.model import Question

ENTRY = KeyEntry(
    41,
    (
        KeyPoint("Umbrales 0.3 y 0.7", ("0.3", "0.7", "umbral", "threshold")),
        KeyPoint("Contacto proactivo", ("contacto proactivo", "proactive outreach", "llamar")),
        KeyPoint("Ofertas de retención", ("ofertas de retención", "retention offer")),
        KeyPoint("Monitoreo estándar", ("monitoreo estándar", "standard monitoring")),
    ),
    ("¿Y si el coste de un falso negativo se duplica?",),
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Retención", "retencion"),
        ("ESTRATIFICACIÓN  ", "estratificacion"),
        ("pingüino ñandú", "pinguino nandu"),
        ("0.3", "0 3"),
        ("0,3", "0 3"),
        ("F1-score (macro)!", "f1 score macro"),
        ("split\tantes\n\nde   fit", "split antes de fit"),
        ("y_true + 1e-8", "y true 1e 8"),
        ("ﬁt", "fit"),  # NFKD folds the ligature
        ("¿Qué?¡", "que"),
        ("", ""),
        ("  ...  ", ""),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_phrase_matches_whole_words_only():
    text = normalize("Los umbrales de 0,3 y 0.7; usamos retention offers.")
    assert phrase_in("0.3", text)
    assert phrase_in("0,7", text)
    assert phrase_in("UMBRALES", text)
    assert not phrase_in("umbral", text)  # whole words: the plural is a different word
    assert not phrase_in("retention offer", text)
    assert not phrase_in("3 y 0", "x")
    assert not phrase_in("--", text)  # no letters/digits: never matches


def test_empty_answer_scores_zero():
    for answer in ("", "   ", "\n\t", "¿?!..."):
        result = grade(answer, ENTRY)
        assert isinstance(result, GradeResult)
        assert result.covered == []
        assert result.missed == [p.label for p in ENTRY.key_points]
        assert result.coverage == 0.0
        assert result.suggested_rating == "again"


def test_unrelated_answer_covers_nothing():
    answer = "Usaría Docker con un multi-stage build y caché de pip para acelerar el CI."
    result = grade(answer, ENTRY)
    assert result.covered == [] and result.coverage == 0.0
    assert result.suggested_rating == "again"


def test_paraphrase_with_an_accepted_phrasing_counts():
    # English technical terms, other case, and Spanish without accents are accepted.
    answer = (
        "Pondría un THRESHOLD bajo y haría proactive outreach; a los medios, ofertas de retencion."
    )
    result = grade(answer, ENTRY)
    assert result.covered == ["Umbrales 0.3 y 0.7", "Contacto proactivo", "Ofertas de retención"]
    assert result.missed == ["Monitoreo estándar"]
    assert result.coverage == pytest.approx(0.75)
    assert result.suggested_rating == "good"
    assert result.matched["Contacto proactivo"] == "proactive outreach"


def test_decimal_comma_matches_decimal_point():
    assert grade("probabilidad mayor que 0,7", ENTRY).covered == ["Umbrales 0.3 y 0.7"]


def test_full_answer_is_easy_and_single_point_is_hard():
    full = (
        "Umbral 0.3 y 0.7: contacto proactivo a los high, ofertas de retención, monitoreo estándar."
    )
    result = grade(full, ENTRY)
    assert result.coverage == 1.0 and result.missed == []
    assert result.suggested_rating == "easy"
    assert grade("el umbral importa", ENTRY).suggested_rating == "hard"


@pytest.mark.parametrize(
    ("coverage", "empty", "rating"),
    [
        (0.0, False, "again"),
        (0.49, False, "hard"),
        (0.5, False, "good"),
        (0.89, False, "good"),
        (0.9, False, "easy"),
        (1.0, False, "easy"),
        (1.0, True, "again"),
    ],
)
def test_suggested_rating_thresholds(coverage, empty, rating):
    assert suggest_rating(coverage, empty) == rating


def _question(number: int, prompt: str, answer: str) -> Question:
    return Question(
        number=number,
        section="BankChurn-Predictor",
        title="Risk Level Classification",
        prompt=prompt,
        answer=answer,
        file=f"questions/{number:03d}-x.md",
        line=1,
    )


def test_model_answer_text_is_the_answer_and_its_review_note():
    q = _question(41, "¿Cómo categorizas el riesgo?", "Con umbrales 0.3 y 0.7.")
    q = dataclasses.replace(q, review_note="Ojo con la calibración.")
    text = model_answer_text(q)
    assert "Con umbrales 0.3 y 0.7." in text and "Ojo con la calibración." in text
    assert "¿Cómo categorizas" not in text  # the prompt is what an echo repeats
    assert "Risk Level" not in text  # the title is not part of it


def test_check_key_against_questions_reports_uncovered_points_and_missing_entries():
    key = parse_answer_key_text(
        "41:\n"
        "  key_points:\n"
        "    - label: Umbrales\n"
        '      phrases: ["0.3"]\n'
        "    - label: SHAP\n"
        '      phrases: ["shap values"]\n'
        "    - label: Acción\n"
        '      phrases: ["contacto proactivo"]\n'
        "  follow_ups: [x]\n"
    )
    assert key.problems == []
    questions = [
        _question(41, "¿Riesgo?", "Umbral 0,3; contacto proactivo a los high."),
        _question(42, "¿Explicación?", "Distancia a la media."),
    ]
    problems = [str(p) for p in check_key_against_questions(key.entries, questions)]
    assert problems == [
        "answers.yaml:5: question 41: key point 'SHAP' is not covered by the question's "
        "own model answer (no phrase found)",
        "questions/042-x.md:1: question 42 has no entry in answers.yaml",
    ]
