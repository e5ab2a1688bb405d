"""Grading a typed answer: normalisation, the matcher and each of its rules, evidence,
overrides, coverage, suggested rating, and bad or random input."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulacro.answer_key import KeyEntry, KeyPoint, parse_answer_key_text
from simulacro.grading import (
    DEFAULT_OPTIONS,
    LOOSE_FROM,
    RATINGS,
    GradeResult,
    apply_overrides,
    check_key_against_questions,
    grade,
    model_answer_text,
    normalize,
    phrase_in,
    sentence_span,
    suggest_rating,
    window,
)
from simulacro.model import LocalizedText, Question

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
        (0.5, False, "hard"),
        (0.51, False, "good"),
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


def test_check_key_against_questions_also_needs_the_english_model_answer():
    key = parse_answer_key_text(
        "41:\n"
        "  key_points:\n"
        "    - label: Umbrales\n"
        '      phrases: ["0.3"]\n'
        "    - label: Acción\n"
        '      phrases: ["contacto proactivo", "proactive outreach"]\n'
        "  follow_ups: [x]\n"
    )
    spanish = _question(41, "¿Riesgo?", "Umbral 0,3; contacto proactivo a los high.")
    english = LocalizedText("Risk", "Risk?", "A 0.3 threshold; we call the high ones.")
    translated = dataclasses.replace(spanish, translations={"en": english})
    problems = [str(p) for p in check_key_against_questions(key.entries, [translated])]
    assert problems == [
        "answers.yaml:5: question 41: key point 'Acción' is not covered by the question's "
        "English model answer (no phrase found)",
    ]
    # The English text is graded with its own prompt and review note, like the original.
    fixed = LocalizedText("Risk", "Risk?", "A 0.3 threshold.", "Then proactive outreach.")
    translated = dataclasses.replace(spanish, translations={"en": fixed})
    assert check_key_against_questions(key.entries, [translated]) == []
    # A deck without translations is only checked against its own answer.
    assert check_key_against_questions(key.entries, [spanish]) == []


# ---- the matcher ------------------------------------------------------------------------
def _entry(*points: tuple[str, tuple[str, ...]]) -> KeyEntry:
    return KeyEntry(1, tuple(KeyPoint(label, phrases) for label, phrases in points), ("?",))


def _covered(answer: str, *points, prompt: str = "", **options) -> list[str]:
    chosen = dataclasses.replace(DEFAULT_OPTIONS, **options)
    return grade(answer, _entry(*points), prompt, options=chosen).covered


SPLIT = ("Split antes de fit", ("split antes de cualquier fit", "split before fit"))
OVERFIT = ("Sobreajuste", ("riesgo de overfitting",))
SCALE_FIRST = ("Split antes de escalar", ("split antes de escalar", "split before scaling"))


@pytest.mark.parametrize(
    ("answer", "point"),
    [
        ("Primero hago el split, antes de cualquier fit", SPLIT),  # stop words dropped
        ("before any fit I split the data", SPLIT),  # any order inside the window
        ("Los UMBRALES bajos", ("Umbral", ("umbral bajo",))),  # stems, case
        ("the model overfits", ("Overfit", ("overfitting risk", "overfitting"))),  # EN stem
        ("uso cinco folds", ("5 folds", ("5 folds",))),  # number word -> digit
        ("five folds", ("5 folds", ("cinco folds",))),
        ("un alfa de 0,05", ("alfa 0.05", ("alfa 0.05",))),  # decimal comma
        ("estratifcacion por clase", ("Estratificación", ("estratificacion por clase",))),
        ("hay riesgo de que se ajuste al ruido", OVERFIT),  # concept lexicon
        ("risk of overfit", OVERFIT),
        ("random over-sampling", ("Oversampling", ("random oversampling",))),  # compound
        ("model trained_at 2024", ("Fecha", ("trained_at",))),  # whole identifier
        # British spellings are their American words (and the other way round).
        ("we optimise recall first", ("Recall", ("optimize recall",))),
        ("stronger regularisation", ("Reg", ("stronger regularization",))),
        ("the model's behavior drifts", ("Drift", ("model behaviour drifts",))),
        ("I analysed the residuals", ("Residuos", ("analyzed residuals",))),
        # "don't" is "do not" on both sides; a clitic ("there's", "model's") is no content.
        ("I don't swallow exceptions", ("No tragar", ("don't swallow exceptions",))),
        ("it doesn't crash at startup", ("No cae", ("does not crash at startup",))),
        # A fronted relation keeps its object after it: still "split before scaling".
        ("Antes de escalar, hago el split", SCALE_FIRST),
        ("Before scaling anything I split the data", SCALE_FIRST),
    ],
)
def test_paraphrases_that_count(answer, point):
    assert _covered(answer, point) == [point[0]]


@pytest.mark.parametrize(
    ("answer", "point", "why"),
    [
        (
            "split the data " + "and then much later, after many other steps, " * 3 + "fit",
            SPLIT,
            "window",
        ),
        ("rollback", ("Rollback con undo", ("rollback",)), "a bare common word"),
        ("modelo recien cargado", ("Carga", ("load_model",)), "identifier only whole"),
        ("ya no hace falta sMAPE", ("sMAPE", ("smape",)), "negation before"),
        (
            "calls y minutes no estan correlacionadas",
            ("Colinealidad", ("calls minutes correlacionadas",)),
            "negation inside",
        ),
        (
            "except ValueError",
            ("Nada de except Exception", ("except exception",)),
            "one word per unit",
        ),
        ("the weights", ("Pesos", ("eliminar pesos",)), "a synonym group is not bare-ok"),
        (
            "El class_weight balanceado no sirve en este modelo",
            ("Pesos", ("class_weight balanceado",)),
            "negation just after, same clause",
        ),
        (
            "the stratified folds are not needed here",
            ("Estratificar", ("stratified folds",)),
            "English negation after",
        ),
        ("a four hour window", ("Ventana", ("four hor window",)), "-our words of 4 letters"),
        ("pruebo el modelo", ("Tests", ("prueba por modulo",)), "a real word is not a typo"),
        ("Escalé todo el dataset antes del split", SCALE_FIRST, "relation reversed"),
        ("I scaled everything before the split", SCALE_FIRST, "relation reversed, EN"),
        ("the cost of noise", ("Ruido", ("cost of noize",)), "short -ise words stay"),
        # A typo keeps the first letter: a dropped prefix reverses the word's meaning.
        ("la sincronia da cultura", ("Async", ("asincronia da cultura",)), "a- dropped"),
        ("realistic results", ("Irreal", ("unrealistic results",)), "un- dropped"),
    ],
)
def test_things_that_do_not_count(answer, point, why):
    assert _covered(answer, point) == [], why


@pytest.mark.parametrize(
    "answer",
    [
        "Miro media y desviación por fold, no un único número",  # contrast after a comma
        "Reporto media y desviación; no me fío de un fold suelto",  # another clause
        "media y desviación por fold y nunca un solo número",  # beyond two words after
    ],
)
def test_a_negation_after_the_clause_or_past_its_reach_does_not_cancel(answer: str):
    point = ("Media y desviación", ("media y desviacion",))
    assert _covered(answer, point) == [point[0]]


def test_purpose_is_not_a_negation():
    point = ("División por cero", ("division por cero",))
    assert _covered("Para no dividir por cero cuando el precio es 0", point) == [point[0]]


def test_words_that_only_echo_the_prompt_earn_nothing():
    point = (
        "Soft voting",
        ("soft voting",),
    )
    prompt = "¿Por qué soft voting?"
    assert _covered("uso soft voting", point, prompt=prompt) == []
    assert _covered("uso soft voting", point) == [point[0]]  # without the prompt it counts
    # a phrase with one new word beside the echoed ones still counts
    assert _covered(
        "soft voting promedia probabilidades",
        ("Promedia", ("soft voting promedia probabilidades",)),
        prompt=prompt,
    ) == ["Promedia"]


TESTS_PER_MODULE = ("Tests por módulo", ("tests por modulo", "module tests"))


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        ("Tengo tests por módulo.", True),
        ("Los tests van por módulo, uno cada uno.", True),  # one sentence, any order
        ("Separo el código por módulo. Los tests los escribo al final.", False),
        ("Split the code by module! Tests come later.", False),
        ("Every module has its own tests.", True),
        ("We write the code by module? tests later", False),
    ],
)
def test_a_two_word_phrase_stands_in_one_sentence(answer, found):
    assert _covered(answer, TESTS_PER_MODULE) == (["Tests por módulo"] if found else [])


def test_a_longer_phrase_may_still_span_two_sentences():
    point = ("Scaler", ("scaler fitted only on train",))
    assert _covered("The scaler is fitted. Only on train data.", point) == ["Scaler"]


def test_each_feature_can_be_switched_off_for_the_ablation():
    assert _covered("Los UMBRALES bajos", ("U", ("umbral bajo",)), stems=False) == []
    assert _covered("uso cinco folds", ("5", ("5 folds",)), numbers=False) == []
    assert (
        _covered("estratifcacion por clase", ("E", ("estratificacion por clase",)), typos=False)
        == []
    )
    assert _covered("asincornia da cultura", ("A", ("asincronia da cultura",))) == ["A"]
    assert _covered("hay riesgo de que se ajuste al ruido", OVERFIT, lexicon=False) == []
    assert _covered("before any other fit step I split", SPLIT, window=False) == []
    assert _covered("before any other fit step I split", SPLIT) == ["Split antes de fit"]
    assert _covered(
        "uso soft voting", ("S", ("soft voting",)), prompt="soft voting?", echo=False
    ) == ["S"]
    assert _covered("ya no hace falta sMAPE", ("s", ("smape",)), negation=False) == ["s"]
    assert _covered("rollback", ("R", ("rollback",)), bare_words=False) == ["R"]
    assert _covered("Por módulo. Tests al final.", TESTS_PER_MODULE, sentences=False) == [
        "Tests por módulo"
    ]


def test_evidence_is_the_matched_span_of_the_answer():
    answer = "Antes de nada: hago el split antes de cualquier fit. Luego escalo."
    result = grade(answer, _entry(SPLIT))
    evidence = result.evidence["Split antes de fit"]
    assert evidence.phrase == "split antes de cualquier fit"
    assert answer[evidence.start : evidence.end] == evidence.text == "split antes de cualquier fit"
    begin, end = sentence_span(answer, evidence.start, evidence.end)
    assert answer[begin:end].strip() == "hago el split antes de cualquier fit."
    assert result.as_dict()["evidence"]["Split antes de fit"] == evidence.as_dict()


def test_overrides_recompute_coverage_and_rating():
    result = grade("Umbral 0.3 y contacto proactivo", ENTRY)
    labels = [p.label for p in ENTRY.key_points]
    assert result.coverage == 0.5 and result.suggested_rating == "hard"  # half: with effort
    everything = apply_overrides(
        result, ENTRY.key_points, {"Ofertas de retención": True, "Monitoreo estándar": True}
    )
    assert everything.coverage == 1.0 and everything.suggested_rating == "easy"
    assert everything.evidence == result.evidence  # the grader's evidence is kept
    nothing = apply_overrides(
        result, ENTRY.key_points, {label: False for label in labels} | {"x": True}
    )
    assert nothing.covered == [] and nothing.suggested_rating == "again"
    assert nothing.overrides == {label: False for label in labels}  # unknown labels dropped


# ---- bad input: a result, never a traceback, in bounded time ------------------------------
@pytest.mark.parametrize(
    "answer",
    [
        "",
        "   \n\t  ",
        "\x00\x01\x02\xff\ufffd" * 2000,  # binary-looking
        "переобучение и утечка данных",  # another script
        "過学習とデータリーク",
        "🙂" * 500,
        "split antes de fit " * 6000,  # ~100 KB
        "a" * 100_000,
    ],
    ids=["empty", "whitespace", "binary", "cyrillic", "japanese", "emoji", "100kb", "one-word"],
)
def test_bad_answers_get_a_result(answer):
    result = grade(answer, ENTRY, "¿Cómo categorizas el riesgo?")
    assert 0.0 <= result.coverage <= 1.0
    assert result.suggested_rating in RATINGS
    for evidence in result.evidence.values():
        assert 0 <= evidence.start < evidence.end <= len(answer)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.text(max_size=60))
def test_fuzz_any_text_grades_with_consistent_evidence(answer, prompt):
    result = grade(answer, ENTRY, prompt)
    assert result.covered + result.missed == [p.label for p in ENTRY.key_points] or set(
        result.covered + result.missed
    ) == {p.label for p in ENTRY.key_points}
    assert result.coverage == len(result.covered) / len(ENTRY.key_points)
    assert set(result.evidence) == set(result.covered)
    for evidence in result.evidence.values():
        assert answer[evidence.start : evidence.end] == evidence.text
    if not answer.strip():
        assert result.suggested_rating == "again"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=4), st.text(max_size=200))
def test_fuzz_any_key_phrase_compiles_and_matches_itself_or_nothing(phrases, answer):
    entry = _entry(("P", tuple(phrases)))
    grade(answer, entry)  # never raises
    for phrase in phrases:
        grade(phrase, entry)


# "mismo split" (2 content words) may spread over window(2) = 6 content words, no more.
SAME_SPLIT = ("Mismo split", ("mismo split",))


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        ("el mismo split", True),
        ("el mismo conjunto, reparto fijo guardado, split", True),  # 6 content words
        ("el mismo conjunto, reparto fijo guardado hoy, split", False),  # 7 content words
    ],
)
def test_a_phrase_spreads_over_at_most_its_window(answer: str, found: bool):
    assert window(2) == 6
    assert (_covered(answer, SAME_SPLIT) == ["Mismo split"]) is found


# "poco" is a content word: "poco profundo" (shallow) is the opposite of "profundo" (deep).
SHALLOW = ("Árboles poco profundos", ("arboles poco profundos",))


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        ("uso árboles poco profundos", True),
        ("I use shallow trees", True),
        ("uso árboles profundos", False),
        ("I use deep trees", False),
    ],
)
def test_shallow_is_not_deep(answer: str, found: bool):
    assert (_covered(answer, SHALLOW) == [SHALLOW[0]]) is found


# A phrase of LOOSE_FROM+ content words is found with any one of them missing; a shorter
# phrase needs all of its words.
REQUIREMENTS_FIRST = (
    "Requirements antes del código",
    ("copiar requirements antes del codigo fuente", "requirements first"),
)


@pytest.mark.parametrize(
    ("answer", "found", "options"),
    [
        ("copio requirements antes que el código fuente", True, {}),  # all five words
        ("requirements va antes del código fuente", True, {}),  # "copiar" missing
        ("requirements va antes del código fuente", False, {"loose": False}),
        ("requirements y el código fuente", False, {}),  # two words missing
        ("first the code", False, {}),  # a two-word phrase needs both
    ],
)
def test_a_long_phrase_may_miss_one_word(answer: str, found: bool, options: dict):
    assert LOOSE_FROM == 4
    covered = _covered(answer, REQUIREMENTS_FIRST, **options)
    assert (covered == [REQUIREMENTS_FIRST[0]]) is found


# A long phrase may miss one word, but never a direction word of the lexicon's `polarity`
# (nor a number): "mayor C regulariza menos" is not "menor C regulariza mas".
STRONGER = ("C pequeño regulariza más", ("menor c mas regularizacion fuerte",))


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        ("un C menor da más regularización, más fuerte", True),
        ("con C menor la regularización es más fuerte", True),
        ("con C menor la regularización es fuerte", False),  # "mas" missing: never dropped
        ("con C mayor más regularización fuerte", False),  # "menor" missing: never dropped
    ],
)
def test_a_direction_word_is_never_the_missing_one(answer: str, found: bool):
    assert (_covered(answer, STRONGER) == [STRONGER[0]]) is found


# A point that names one entity of a `rivals` group is not covered by a claim whose nearest
# entity of that group, in the same sentence, is another one.
RESTART = ("Liveness reinicia el contenedor", ("reinicia el contenedor",))
MEDIAN = ("Imputar con la mediana", ("imputar con la mediana", "median imputation"))


@pytest.mark.parametrize(
    ("answer", "point", "found"),
    [
        ("Si falla la liveness, se reinicia el contenedor.", RESTART, True),
        ("La readiness es la que reinicia el contenedor.", RESTART, False),
        ("La readiness es la que reinicia el contenedor. Liveness no.", RESTART, False),
        ("Reinicia el contenedor: eso lo hace la liveness, no la readiness.", RESTART, True),
        ("Uso liveness y readiness; si algo se cuelga, reinicia el contenedor.", RESTART, True),
        ("I impute with the median, not the mean.", MEDIAN, True),
        ("Median imputation for numbers.", MEDIAN, True),
        ("Impute the mean or the median.", MEDIAN, True),  # listed together
        ("Imputé con la media de la columna.", MEDIAN, False),  # "media" shares a stem
    ],
)
def test_a_claim_said_of_a_rival_entity_does_not_count(answer, point, found):
    assert (_covered(answer, point) == [point[0]]) is found
    assert _covered(answer, point, rivals=False) == [point[0]]  # the switch for the ablation


# When a match ends on the point's entity after the claim's words, or holds a rival entity
# too, the claim belongs to the entity nearest to its words: in a list of tools in the wrong
# roles, the words between two tools describe the one before them.
TRIVY = ("Imagen con Trivy", ("trivy escanea la imagen",))
CACHE_DATA = ("cache_data para datos", ("st.cache_data para los datos",))


@pytest.mark.parametrize(
    ("answer", "point", "found"),
    [
        ("Trivy escanea la imagen Docker.", TRIVY, True),
        ("La imagen Docker la escanea Trivy en CI.", TRIVY, True),
        ("Bandit escanea la imagen Docker, Trivy revisa el codigo.", TRIVY, False),
        ("Uso st.cache_data para los datos y st.cache_resource para el modelo.", CACHE_DATA, True),
        ("Uso st.cache_data para el modelo y st.cache_resource para los datos.", CACHE_DATA, False),
    ],
)
def test_a_claim_between_two_rival_entities_belongs_to_the_nearest(answer, point, found):
    assert (_covered(answer, point) == [point[0]]) is found


# An identifier of a `rivals` group is one entity, not its words: "st.cache_data para el
# modelo" names cache_data in the model's role and does not state "cachear los datos"
# through the words "cache" and "data" of the identifier itself.
CACHE_POINTS = (
    (
        "st.cache_data para datos",
        ("cachear los datos", "cache the data", "cache_data para los datos", "cache_data for data"),
    ),
    (
        "st.cache_resource para el modelo",
        ("cachear el modelo", "cache the model", "cache_resource para el modelo", "cache models"),
    ),
)
BOTH = [point[0] for point in CACHE_POINTS]


@pytest.mark.parametrize(
    ("answer", "covered"),
    [
        ("Uso st.cache_data para el modelo.", []),
        ("I use st.cache_data for the model.", []),
        ("st.cache_data para el modelo y st.cache_resource para los datos.", []),
        ("I put st.cache_data on the model and st.cache_resource on the data.", []),
        ("st.cache_data para los datos y st.cache_resource para el modelo.", BOTH),
        ("cache_data for the data, and cache_resource for the model.", BOTH),
        ("Cacheo los datos con st.cache_data. Cacheo el modelo con st.cache_resource.", BOTH),
        ("I cache the data with cache_data. I cache the model with cache_resource.", BOTH),
    ],
)
def test_a_rival_identifier_is_one_entity_not_its_words(answer: str, covered: list[str]):
    assert _covered(answer, *CACHE_POINTS) == covered


def test_a_rival_identifier_keeps_its_words_with_the_switch_off():
    swapped = "Uso st.cache_data para el modelo."
    assert _covered(swapped, *CACHE_POINTS, rival_identifiers=False) == [BOTH[0]]


# A key phrase that starts with a negation needs that negation first in the answer, and a
# long one never drops it.
NO_PROMISE = ("No prometer 99%", ("no prometer", "never except exception pass"))


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        ("No prometo fechas que no controlo.", True),
        ("Les prometo un 99 % y no les enseño nada.", False),  # the "no" comes after
        ("Never use except Exception: pass.", True),
        ("The API never fails: I wrap it in except Exception and pass.", True),  # all four
        ("The API never fails: I wrap it all in except Exception.", False),  # "pass" missing
    ],
)
def test_a_negative_phrase_needs_its_negation_first(answer: str, found: bool):
    assert (_covered(answer, NO_PROMISE) == [NO_PROMISE[0]]) is found


# A phrase that pairs words with one number needs that number to be the one nearest to its
# words: "maxSurge 1 y maxUnavailable 0" does not state "maxUnavailable 1".
MAX_UNAVAILABLE = ("maxUnavailable 1", ("maxunavailable 1",))


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        ("maxUnavailable: 1 y maxSurge: 0", True),
        ("maxUnavailable de 1 pod como mucho", True),
        ("maxSurge: 1 and maxUnavailable: 0", False),
        ("maxUnavailable a cero y maxSurge a 1", False),  # "cero" is the number 0
    ],
)
def test_a_number_belongs_to_the_nearest_words(answer: str, found: bool):
    assert (_covered(answer, MAX_UNAVAILABLE) == [MAX_UNAVAILABLE[0]]) is found
    assert _covered(answer, MAX_UNAVAILABLE, bound_numbers=False) == [MAX_UNAVAILABLE[0]]


@pytest.mark.parametrize(
    "answer",
    ["/predict devuelve 503 mientras no haya modelo", "it returns 503 while not loaded"],
)
def test_a_condition_after_a_match_is_not_a_negation(answer: str):
    point = ("503", ("devuelve 503", "returns 503"))
    assert _covered(answer, point) == ["503"]


# ---- short plurals and English contractions ----------------------------------------------
MAP_CODES = ("Mapear a códigos", ("map errors to status codes",))
ACRONYM = ("Revisión de PRs", ("revisar el pr",))
ON_ITS_OWN = ("Humano decide", ("does not act on its own",))


@pytest.mark.parametrize(
    ("answer", "point"),
    [
        ("the API layer maps errors to status codes", MAP_CODES),  # "maps" == "map"
        ("revisamos los PRs antes de fusionar", ACRONYM),  # "PRs" == "PR"
        ("the model doesn't act on its own", ON_ITS_OWN),  # "doesn't" == "does not"
        ("the model can't act on its own... it does not act on its own", ON_ITS_OWN),
    ],
)
def test_short_plurals_and_contractions_match(answer, point):
    assert _covered(answer, point) == [point[0]]


def test_short_plural_does_not_join_a_lexicon_group():
    # "docs" is in the lexicon group of "documentacion"; its singular "doc" only meets
    # "doc"/"docs", so "documentacion" alone does not state the phrase "doc check".
    point = ("Chequeo", ("doc check",))
    assert _covered("documentacion check", point) == []
    assert _covered("the docs check runs in CI", point) == [point[0]]


@pytest.mark.parametrize(
    "answer",
    [
        "the model doesn't act on its own",
        "the model doesn’t act on its own",  # a curly apostrophe, as macOS and phones type it
        "I wouldn't let the model act on its own",
        "the model shouldn’t act on its own",
        "the model mustn't act on its own",
    ],
)
def test_a_contraction_still_negates(answer):
    point = ("Escala", ("act on its own",))
    assert _covered(answer, point) == []
    assert _covered(answer.replace("n't", "").replace("n’t", ""), point) == [point[0]]


@pytest.mark.parametrize(
    ("answer", "denial"),
    [
        ("No olvides cargar el modelo una vez al arrancar.", "No quieras cargar el modelo una vez"),
        ("Nunca olvides cargar el modelo una vez.", "Nunca intentes cargar el modelo una vez."),
        ("Don't forget to load the model once.", "Don't load the model once at startup."),
        ("Do not forget to load the model once.", "Do not try to load the model once."),
    ],
)
def test_do_not_forget_is_an_instruction_not_a_denial(answer, denial):
    # "No olvides X" tells the listener to do X (lexicon `not_negations`).
    point = ("Carga", ("cargar el modelo una vez", "load the model once"))
    assert _covered(answer, point) == [point[0]]
    assert _covered(denial, point) == []


def test_everyday_words_cross_languages_through_the_lexicon():
    # No stem joins these pairs; the lexicon's synonym groups do (simulacro/lexicon.yaml).
    point = ("Orden", ("mantiene el orden",))
    assert _covered("the split keeps the row order", point) == [point[0]]
    point = ("Trafico", ("contenedor sin trafico",))
    assert _covered("the container is left without traffic", point) == [point[0]]
    # "mantenimiento" (maintenance) shares the stem of "mantener", so it is not "keep"
    assert _covered("coste de mantenimiento del orden", ("Orden", ("keeps the order",))) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("I don't swallow exceptions", ["i", "do", "not", "swallow", "exceptions"]),
        (
            "it doesn’t act; it won't crash",
            ["it", "does", "not", "act", "it", "will", "not", "crash"],
        ),
        ("the model's output, they're fine", ["the", "model", "output", "they", "fine"]),
        ("no n't here", ["no", "not", "here"]),  # a lone "n" before "'t" leaves no word
    ],
)
def test_contractions_and_clitics_become_words(text, words):
    from simulacro.grading_text import tokenize

    assert [t.folded for t in tokenize(text)] == words
