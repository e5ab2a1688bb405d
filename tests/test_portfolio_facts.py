"""The team-written answers say what the portfolio did (issue 16): each fact is in its file,
and questions 22, 30 and 91 tell one story about the probes."""

from __future__ import annotations

import pytest

from simulacro.answer_key import load_answer_key
from simulacro.bank import load_bank

# question number -> literal strings its answer (or review note) must contain
FACTS: dict[int, tuple[str, ...]] = {
    2: ('class_weight="balanced_subsample"', "SMOTE", "RandomUnderSampler", "imbalanced-learn"),
    33: ("from imblearn.over_sampling import SMOTE", "RandomUnderSampler", "fit_resample"),
    8: ('solver="liblinear"', "optuna", 'suggest_float("C", 0.01, 10.0, log=True)'),
    9: ("~0.85", "por debajo del 3 %"),
    10: ("3.214", "unas 2.000", "AUC de 0.84"),
    61: ("3.214", "unas 2.000", "AUC de 0.84"),
    14: ('cv="prefit"', 'method="sigmoid"', "X_calib", "set de calibración apartado"),
    16: ('experiment_name: "bankchurn-experiment"',),
    22: ("initialDelaySeconds: 30", "initialDelaySeconds: 10", "un único endpoint, `/health`"),
    24: ("/predict_batch", "MAX_BATCH_SIZE = 1000", "status_code=400"),
    29: ("abs(proba - 0.5) * 2", "abs(probability - 0.5) * 2"),
    35: ("99.5 %", "P95", "50 ms", "< 0.3"),
    36: ("plana", "77 %"),
    39: ("FROM python:3.13-slim AS builder", "FROM python:3.13-slim AS runtime", "CMD curl"),
    48: ("n_boot=200", "(200 veces)"),
    49: ('order_col: str = "model_year"', "`model_year`"),
    81: ("ci-mlops.yml", "black --check", "flake8", "mypy"),
}
# a fact the file must no longer state (the guess it replaced)
NOT_ANY_MORE: dict[int, tuple[str, ...]] = {
    2: ('class_weight="balanced")',),
    16: ('experiment_name: "bankchurn"\n',),
    24: ("se responde 422",),
    29: ("max(proba, 1 - proba)",),
    39: ("python:3.11-slim",),
    48: ("n_boot=1000",),
    81: ("# .github/workflows/ci.yml",),
}


@pytest.fixture(scope="module")
def bank():
    return load_bank().by_number


@pytest.mark.parametrize("number", sorted(FACTS))
def test_each_portfolio_fact_is_in_its_question(bank, number):
    question = bank[number]
    text = f"{question.answer}\n{question.review_note}"
    missing = [fact for fact in FACTS[number] if fact not in text]
    assert not missing, f"question {number} lacks {missing}"
    stale = [old for old in NOT_ANY_MORE.get(number, ()) if old in text]
    assert not stale, f"question {number} still says {stale}"
    assert question.source == "authored"


def test_where_the_portfolio_is_not_best_practice_a_review_note_says_so(bank):
    for number in (8, 14, 22, 24, 29, 30, 33, 35, 36, 39, 48, 49, 81, 91):
        assert bank[number].review_note, f"question {number} has no review note"


def _probe_block(text: str, probe: str) -> str:
    """The YAML lines of one probe in a manifest snippet (up to the next probe)."""
    after = text.split(f"{probe}:", 1)[1]
    return after.split("Probe:", 1)[0]


def test_22_30_and_91_tell_one_story_about_the_probes(bank):
    for number in (22, 91):
        answer = bank[number].answer
        for probe, delay in (("livenessProbe", "30"), ("readinessProbe", "10")):
            block = _probe_block(answer, probe)
            assert "/health" in block and f"initialDelaySeconds: {delay}" in block, (number, probe)
        assert "startupProbe" not in answer and "/live" not in answer  # not what it did
        note = bank[number].review_note
        assert "startupProbe" in note and "/live" in note  # the better practice
    degraded = bank[30]
    assert "la liveness pregunta al mismo `/health`" in degraded.answer
    assert "/live" in degraded.review_note
    assert "sigue en 200" not in degraded.answer  # it does not, with one /health


def test_the_answer_key_of_the_probe_questions_follows_the_story():
    key = load_answer_key()
    labels = {n: [p.label for p in key.entries[n].key_points] for n in (22, 30, 91)}
    assert "Un solo /health para las dos probes" in labels[22]
    assert any("/live" in label for label in labels[30])
    assert any("/health" in label for label in labels[91])
    assert not any("liveness sigue OK" in label for label in labels[30])


def test_every_seed_answer_goes_further_in_both_languages(bank):
    seeds = [q for q in bank.values() if q.source == "seed"]
    assert len(seeds) == 60
    for question in seeds:
        english = question.translations["en"]
        for text in (question.going_further, english.going_further):
            lines = [line for line in text.splitlines() if line.strip()]
            assert 3 <= len(lines) <= 6, (question.number, len(lines))
        assert "Para ir más allá" not in question.answer  # kept apart from the source text
