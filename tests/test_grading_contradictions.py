"""Key-point contradictions: a claim stating a point's opposite denies the point."""

from __future__ import annotations

import json
import textwrap
from dataclasses import replace

from simulacro import grading_cli
from simulacro.answer_key import (
    AnswerKey,
    KeyEntry,
    KeyPoint,
    load_answer_key,
    parse_answer_key_text,
)
from simulacro.bank import load_bank
from simulacro.grading import check_key_against_questions, grade

SPLIT = KeyPoint(
    "Split antes de fit",
    ("split antes de cualquier fit", "split before fit"),
    contradictions=("escalo todo el dataset antes del split", "scale the whole dataset first"),
)
SEGMENTS = KeyPoint(
    "RMSE por segmento",
    ("rmse por segmento", "error por segmento"),
    contradictions=("error medio global aplicado a cada segmento",),
)
ENTRY = KeyEntry(1, (SPLIT, SEGMENTS), ("?",))


def test_an_affirmed_contradiction_denies_the_point_whatever_else_matched():
    answer = (
        "Hago el split antes de cualquier fit. Bueno, en realidad escalo todo el dataset "
        "antes del split, así el modelo conoce la distribución global."
    )
    result = grade(answer, ENTRY)
    assert "Split antes de fit" in result.missed and "Split antes de fit" not in result.covered
    against = result.contradicted["Split antes de fit"]
    assert against.phrase == "escalo todo el dataset antes del split"
    assert answer[against.start : against.end] == against.text
    assert against.text.startswith("escalo todo el dataset")
    assert "Split antes de fit" not in result.evidence
    assert result.coverage == 0.0 and result.suggested_rating == "again"


def test_a_negated_contradiction_does_not_count():
    answer = "Nunca escalo todo el dataset antes del split: hago el split antes de cualquier fit."
    result = grade(answer, ENTRY)
    assert result.covered == ["Split antes de fit"] and result.contradicted == {}


def test_a_contradiction_keeps_the_order_of_its_relation_word():
    # "split antes de escalar" is the right order: not "escalo ... antes del split".
    answer = "Hago el split antes de escalar el dataset: split antes de cualquier fit."
    assert grade(answer, ENTRY).contradicted == {}


def test_every_word_of_a_long_contradiction_is_needed():
    # A long key phrase may be found with one word missing; a contradiction may not:
    # "error medio por segmento" holds 3 of its 4 content words and states the point.
    answer = "Calculo el error medio por segmento y lo comparo con el global."
    result = grade(answer, ENTRY)
    assert result.contradicted == {} and "RMSE por segmento" in result.covered


def test_a_contradiction_is_found_in_other_words_and_in_english():
    answer = "Calculo el error medio global y lo aplico a cada segmento del catálogo."
    assert "RMSE por segmento" in grade(answer, ENTRY).contradicted
    english = "I scale the whole dataset first and then split it."
    assert "Split antes de fit" in grade(english, ENTRY).contradicted


def test_the_contradiction_is_reported_in_the_result_dict():
    result = grade("Escalo todo el dataset antes del split.", ENTRY)
    shape = result.as_dict()["contradicted"]["Split antes de fit"]
    assert set(shape) == {"phrase", "start", "end", "text"}


def test_learner_override_still_wins_over_a_contradiction():
    from simulacro.grading import apply_overrides

    result = grade("Escalo todo el dataset antes del split.", ENTRY)
    corrected = apply_overrides(result, ENTRY.key_points, {"Split antes de fit": True})
    assert corrected.covered == ["Split antes de fit"] and corrected.coverage == 0.5


def test_contradictions_are_parsed_and_bad_ones_reported_with_their_line():
    text = textwrap.dedent(
        """\
        41:
          key_points:
            - label: Umbrales
              phrases: ["umbral 0.3"]
              contradictions: ["un solo umbral fijo", "single fixed threshold"]
            - label: Acción por nivel
              phrases: ["contacto proactivo"]
              contradictions: "no es una lista"
            - label: Tres niveles
              phrases: ["tres niveles"]
              contradictions: ["???"]
          follow_ups:
            - "¿Por qué?"
        """
    )
    key = parse_answer_key_text(text, "answers.yaml")
    messages = [str(p) for p in key.problems]
    assert messages == [
        "answers.yaml:8: question 41: key point 'Acción por nivel': contradictions must be a "
        "list, got 'no es una lista'",
        "answers.yaml:11: question 41: key point 'Tres niveles': empty phrase '???' (no "
        "letters or digits, it could never match)",
    ], messages
    [point] = key.entries[41].key_points
    assert point.contradictions == ("un solo umbral fijo", "single fixed threshold")


def test_validate_refuses_a_contradiction_that_the_model_answer_affirms():
    question = next(q for q in load_bank().questions if q.number == 1)
    sentence = question.answer.split(".")[0]
    words = [w for w in sentence.split() if len(w) > 5][:3]
    assert len(words) == 3, sentence
    entry = load_answer_key_entry(1)
    first = replace(entry.key_points[0], contradictions=(" ".join(words),), line=7)
    broken = replace(entry, key_points=(first, *entry.key_points[1:]))
    problems = [str(p) for p in check_key_against_questions({1: broken}, [question])]
    assert any(
        p.startswith("answers.yaml:7: question 1: key point") and "contradiction" in p
        for p in problems
    ), problems
    assert check_key_against_questions({1: entry}, [question]) == []


def load_answer_key_entry(number: int) -> KeyEntry:
    return load_answer_key().get(number)


def _cli(monkeypatch, capsys, answer: str, *args: str) -> str:
    import io
    import sys
    import types

    key = AnswerKey({1: ENTRY}, [], "answers.yaml")
    monkeypatch.setattr(grading_cli, "load_answer_key", lambda **_: key)
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(answer.encode())))
    assert grading_cli.main(["--question", "1", *args]) == 0
    return capsys.readouterr().out


def test_grade_json_holds_contradicted_only_when_a_point_is_contradicted(monkeypatch, capsys):
    wrong = json.loads(
        _cli(monkeypatch, capsys, "Escalo todo el dataset antes del split.", "--json")
    )
    assert wrong["contradicted"]["Split antes de fit"]["text"].startswith("Escalo")
    right = json.loads(_cli(monkeypatch, capsys, "Split antes de cualquier fit.", "--json"))
    assert set(right) == {"coverage", "covered", "missed", "suggested_rating", "evidence"}


def test_grade_text_marks_a_contradicted_point(monkeypatch, capsys):
    out = _cli(monkeypatch, capsys, "Escalo todo el dataset antes del split.")
    assert "[!] Split antes de fit  contradicted by “Escalo todo el dataset antes del split”" in out


def test_grading_eval_counts_points_denied_against_and_with_the_labels():
    from simulacro import grading_eval

    key = AnswerKey({1: ENTRY}, [], "answers.yaml")
    text = "Escalo todo el dataset antes del split; split antes de cualquier fit."
    items = [
        grading_eval.Item("x.yaml", 1, "wrong", text, ()),
        grading_eval.Item("x.yaml", 1, "excellent_es", text, ("Split antes de fit",)),
        grading_eval.Item(
            "x.yaml", 1, "excellent_en", "Split before fit.", ("Split antes de fit",)
        ),
    ]
    report = grading_eval.evaluate(items, key, {})
    assert report["contradicted"] == {"unlabelled": 1, "labelled": 1}
    assert "contradictions: 1 points denied" in grading_eval.format_report(report)


def test_a_contradiction_stands_in_one_sentence():
    point = KeyPoint(
        "503 sin modelo",
        ("503 si el modelo no esta cargado",),
        contradictions=("modelo no esta cargado devuelvo un 400",),
    )
    entry = KeyEntry(26, (point, SEGMENTS), ("?",))
    across = "Los errores de dominio devuelven 400. Si el modelo no está cargado, respondo 503."
    assert grade(across, entry).contradicted == {}
    within = "El modelo no está cargado y devuelvo un 400 y listo."
    assert "503 sin modelo" in grade(within, entry).contradicted


def test_a_contradiction_is_stated_compactly():
    # The words of "error medio global aplicado a cada segmento" far apart in one sentence
    # are not that claim.
    answer = (
        "El error medio por marca lo comparo con el global, que aplicado sin más esconde "
        "problemas, y reviso modelo, año, kilometraje y precio de cada segmento."
    )
    assert grade(answer, ENTRY).contradicted == {}
    assert (
        "RMSE por segmento"
        in grade("Error medio global aplicado a cada segmento.", ENTRY).contradicted
    )


def test_a_described_mistake_is_not_a_claim():
    # A framing word (lexicon `framings`) before the match, in its clause, or inside it.
    for answer in (
        "Hay fuga cuando escalo todo el dataset antes del split: por eso hago el split antes "
        "de cualquier fit.",
        "It avoids the classic mistake to scale the whole dataset first; split before fit.",
        "Split before fit. The risk is to scale the whole dataset first.",
        # A rejected option: the tempting shortcut is not what the answer does.
        "Split before fit. The tempting shortcut is to scale the whole dataset first; I reject it.",
        "Split antes de cualquier fit; el atajo sería escalar todo el dataset antes del split.",
        # The naive approach, or what people do, told to be rejected.
        "The naive approach is to scale the whole dataset first. I split before any fit.",
        "Lo ingenuo es escalar todo el dataset antes del split; yo hago el split antes del fit.",
        "A lot of people scale the whole dataset first, but I split before fit.",
        # A reviewer flagging the bug in a pull request.
        "I'd flag that this PR scales the whole dataset first: split before fit.",
        "The bug was that we scaled the whole dataset first; now the split goes before fit.",
        # A rejected practice, named to be ruled out.
        "Se descarta escalar todo el dataset antes del split: split antes de cualquier fit.",
        "We rejected scaling the whole dataset first and split before any fit.",
    ):
        result = grade(answer, ENTRY)
        assert result.contradicted == {}, answer
        assert "Split antes de fit" in result.covered, answer
    # A question asks; the answer that follows it is the claim.
    for answer in (
        "¿Escalo todo el dataset antes del split? No: split antes de cualquier fit.",
        "Do I scale the whole dataset first? I split before any fit.",
    ):
        result = grade(answer, ENTRY)
        assert result.contradicted == {}, answer
        assert "Split antes de fit" in result.covered, answer
    # ... but only its own sentence: an earlier question does not reach a long claim.
    asked_before = "¿Qué hago? " + "Primero miro los datos con calma y " * 10
    claimed = asked_before + "escalo todo el dataset antes del split."
    assert "Split antes de fit" in grade(claimed, ENTRY).contradicted
    # In another clause the framing word does not reach it.
    claimed = "Cuando hay prisa, escalo todo el dataset antes del split."
    assert "Split antes de fit" in grade(claimed, ENTRY).contradicted


def test_a_contradiction_needs_two_content_words_or_an_identifier():
    point = KeyPoint(
        "Promesas realistas",
        ("no prometer plazos imposibles",),
        contradictions=("digo que si a todo", "model_final_v2"),
    )
    entry = KeyEntry(109, (point, SEGMENTS), ("?",))
    assert grade("Lo digo claro: no prometer plazos imposibles.", entry).contradicted == {}
    assert "Promesas realistas" in grade("Guardo model_final_v2 y listo.", entry).contradicted
    question = next(q for q in load_bank().questions if q.number == 109)
    entry = replace(load_answer_key_entry(109), number=109)
    first = replace(entry.key_points[0], contradictions=("digo que si a todo",), line=3)
    broken = replace(entry, key_points=(first, *entry.key_points[1:]))
    problems = [str(p) for p in check_key_against_questions({109: broken}, [question])]
    assert problems == [
        f"answers.yaml:3: question 109: key point {first.label!r}: contradiction 'digo que si "
        "a todo' has fewer than two content words (a claim needs two; it is never used)"
    ]


# A contradiction's words match in any order (only relation words like "antes"/"after" keep
# theirs), so one that swaps a pair ("train on the newest and validate on the oldest") also
# reads the correct claim it mirrors; and "one" is not a number ("one replica is enough"
# read "three replicas are enough"). These correct answers, each denied by a contradiction
# the key once had, must not be denied by any of the key's contradictions.
CORRECT_MIRRORS = [
    (5, "More folds means more compute, fewer folds less compute."),
    (6, "El RMSE lo minimiza la media y el MAE la mediana del error."),
    (46, "Ajusto el escalador con el train y transformo train y test con él."),
    (46, "I fit on the training set and transform the test set."),
    (49, "Entreno con los anuncios pasados y testeo con los futuros."),
    (49, "I sort by model_year, train on the oldest listings and test on the newest ones."),
    (49, "Entrena con lo antiguo y valida con lo más reciente."),
    (57, "El bagging reduce la varianza y el boosting reduce el sesgo."),
    (62, "Bagging reduces variance, boosting reduces bias."),
    (62, "La profundidad alta reduce el sesgo y aumenta la varianza; la baja, lo contrario."),
    (62, "Shallow trees reduce variance and increase bias."),
    (62, "Boosting with shallow trees reduces bias; deep trees increase variance."),
    (90, "Kubernetes starts the new version, then takes down the old one."),
    (91, "Los limits son mayores que los requests."),
    (93, "Limits larger than requests allow bursts."),
    # "one" is not read as a number, so "one replica is enough" was "replicas ... enough".
    (91, "Three replicas are enough to survive a node failure."),
    (23, "Each uvicorn worker loads its own copy of the model, one copy per worker."),
    (53, "Docker Compose with two services: one container for the API and one for the UI."),
]


def test_a_correct_claim_is_not_denied_by_its_mirror():
    key = load_answer_key()
    prompts = {q.number: q.prompt for q in load_bank().questions}
    denied = {
        (number, answer): sorted(grade(answer, key.get(number), prompts[number]).contradicted)
        for number, answer in CORRECT_MIRRORS
    }
    assert {case: labels for case, labels in denied.items() if labels} == {}


def test_no_contradiction_denies_a_phrase_of_its_own_question():
    # Every key phrase is a correct claim, so a contradiction of the same question that
    # fires on one ("both are tree-based models" on "one linear and one tree-based model")
    # would deny correct answers too. Phrases of 3+ words: shorter ones name an entity.
    conflicts = []
    for number, entry in load_answer_key().entries.items():
        phrases = [p for point in entry.key_points for p in point.phrases if len(p.split()) >= 3]
        for point in entry.key_points:
            if not point.contradictions:
                continue
            alone = KeyEntry(number, (replace(point, phrases=("zzzqqq",)),), ("?",))
            for phrase in phrases:
                denied = grade(phrase + ".", alone).contradicted.get(point.label)
                if denied:
                    conflicts.append((number, denied.phrase, phrase))
    assert conflicts == []
