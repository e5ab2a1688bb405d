"""`grade` and `grading-eval`: the JSON shapes, bad input, and a small labelled set."""

from __future__ import annotations

import io
import json
import sys
import types

import pytest

from simulacro import grading_cli, grading_eval
from simulacro.answer_key import load_answer_key


def _grade(monkeypatch, capsys, answer: bytes, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(answer)))
    code = grading_cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_grade_json_has_the_documented_shape_and_spans(monkeypatch, capsys):
    answer = "Hago el split antes de cualquier fit y quito las columnas derivadas del target."
    code, out, _ = _grade(monkeypatch, capsys, answer.encode(), "--question", "1", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"coverage", "covered", "missed", "suggested_rating", "evidence"}
    labels = [p.label for p in load_answer_key().get(1).key_points]
    assert data["covered"] + data["missed"] != [] and set(data["covered"] + data["missed"]) == set(
        labels
    )
    assert data["covered"] and set(data["evidence"]) == set(data["covered"])
    for evidence in data["evidence"].values():
        assert answer[evidence["start"] : evidence["end"]] == evidence["text"]
        assert evidence["phrase"]


@pytest.mark.parametrize(
    "answer",
    [b"", b"   \n", b"\xff\xfe\x00binary\x00" * 100, "переобучение".encode(), b"x" * 100_000],
    ids=["empty", "whitespace", "binary", "cyrillic", "100kb"],
)
def test_grade_bad_input_gets_a_result_not_a_traceback(monkeypatch, capsys, answer):
    code, out, _ = _grade(monkeypatch, capsys, answer, "-q", "58", "--json")
    assert code == 0
    assert 0 <= json.loads(out)["coverage"] <= 1


def test_grade_text_output_and_unknown_question(monkeypatch, capsys):
    code, out, _ = _grade(monkeypatch, capsys, b"division por cero y smape", "-q", "58")
    assert code == 0 and out.startswith("question 58: ") and "[x]" in out and "[ ]" in out
    code, _, err = _grade(monkeypatch, capsys, b"x", "-q", "999")
    assert code == 2 and "no such question" in err


SET = """\
- question: 58
  class: excellent_es
  answer: >-
    Si el valor real es cero hay división por cero; el epsilon solo evita la excepción
    y el error sigue siendo astronómico. Mejor excluir esos valores cercanos a cero,
    o usar sMAPE o MAE.
  covers:
    - "y_true = 0 provoca división por cero"
    - "Epsilon solo evita la excepción: el error sigue siendo enorme"
    - "Excluir o tratar aparte los valores reales cercanos a 0"
    - "Alternativa acotada: sMAPE"
    - "Alternativa: MAE en unidades del precio"
- question: 58
  class: echo
  answer: "Sumo epsilon en el MAPE porque hay que sumar epsilon al MAPE."
  covers: []
- question: 58
  class: wrong
  answer: "El epsilon suaviza la métrica como una regularización, y así ya no hace falta sMAPE."
  covers: []
- not an item
"""


def test_grading_eval_on_a_small_set(tmp_path, capsys):
    (tmp_path / "04-carvision.yaml").write_text(SET, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("- [unclosed", encoding="utf-8")
    report = grading_eval.run(tmp_path, ablate=True)
    assert report["items"] == 3 and report["questions"] == 1
    assert report["per_class_mean_coverage"]["excellent_es"] == 1.0
    assert report["per_class_mean_coverage"]["echo"] == 0.0
    assert report["per_class_mean_coverage"]["wrong"] == 0.0
    assert report["precision"] == 1.0 and report["recall"] == 1.0
    assert report["confusion"]["easy"]["easy"] == 1
    assert set(report["ablation"]) == {
        f"without {name}"
        for name in (
            "stems",
            "numbers",
            "typos",
            "lexicon",
            "window",
            "echo",
            "negation",
            "bare_words",
            "loose",
            "rivals",
            "bound_numbers",
            "rival_identifiers",
            "order",
            "asides",
            "sentences",
        )
    }
    assert any("broken.yaml" in s for s in report["skipped"])
    assert any("item 3: malformed" in s for s in report["skipped"])
    assert grading_eval.main(["--dir", str(tmp_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["items"] == 3
    assert grading_eval.main(["--dir", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    assert "mean coverage per class" in text and "targets:" in text


def test_grading_eval_with_no_files_says_so(tmp_path, capsys):
    assert grading_eval.main(["--dir", str(tmp_path)]) == 1
    assert "no labelled answers" in capsys.readouterr().err


def test_grading_eval_counts_false_positives_and_misses():
    items = [
        grading_eval.Item(
            "x.yaml",
            58,
            "partial",
            "si el valor real es cero hay division por cero",
            ("Alternativa acotada: sMAPE",),
        ),
        grading_eval.Item("x.yaml", 58, "wrong", "texto", ("no such label",)),
    ]
    report = grading_eval.evaluate(items, load_answer_key(), {})
    assert report["items"] == 1  # the item with an unknown label is skipped, and said so
    assert "unknown labels" in report["skipped"][0]
    assert report["precision"] == 0.0 and report["recall"] == 0.0
    [miss] = report["worst_misses"]
    assert miss["false_positives"] == ["y_true = 0 provoca división por cero"]
    assert miss["false_negatives"] == ["Alternativa acotada: sMAPE"]


def test_typo_robustness_perturbs_long_words_deterministically():
    text = "La estratificacion conserva la proporcion de clases en validacion cruzada"
    typed = grading_eval.with_typos(text, seed=3, every=1)
    assert typed == grading_eval.with_typos(text, seed=3, every=1) and typed != text
    assert len(typed) == len(text) and sorted(typed) == sorted(text)  # letters swapped only
    items = [grading_eval.Item("x.yaml", 5, "excellent_es", text, ())]
    robust = grading_eval.typo_robustness(items, load_answer_key(), {})
    assert set(robust) == {
        "excellent_as_written",
        "excellent_with_typos",
        "excellent_with_typos_without_tolerance",
    }
    assert robust["excellent_with_typos"] >= robust["excellent_with_typos_without_tolerance"]


def test_grading_eval_split_reports_dev_and_heldout_separately(tmp_path, capsys):
    (tmp_path / "04-carvision.yaml").write_text(SET, encoding="utf-8")
    heldout = tmp_path / grading_eval.HELDOUT_SUBDIR
    heldout.mkdir()
    one = SET.split("- question: 58\n  class: echo")[0]  # the excellent answer only
    (heldout / "04-carvision.yaml").write_text(one, encoding="utf-8")
    assert grading_eval.main(["--dir", str(tmp_path), "--split", "--json"]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert set(reports) == {"dev", "heldout"}
    assert reports["dev"]["items"] == 3 and reports["heldout"]["items"] == 1
    assert grading_eval.main(["--dir", str(tmp_path), "--split"]) == 0
    text = capsys.readouterr().out
    assert "== dev ==" in text and "== heldout ==" in text


def test_grading_eval_split_without_heldout_files_fails_clearly(tmp_path, capsys):
    (tmp_path / "04-carvision.yaml").write_text(SET, encoding="utf-8")
    assert grading_eval.main(["--dir", str(tmp_path), "--split"]) == 1
    assert "no labelled answers" in capsys.readouterr().err


def test_grading_eval_split_reports_each_split_folder_and_the_labels_ceiling(tmp_path, capsys):
    (tmp_path / "04-carvision.yaml").write_text(SET, encoding="utf-8")
    for split in ("heldout", "blind", "fresh"):
        (tmp_path / split).mkdir()
        (tmp_path / split / "04-carvision.yaml").write_text(SET, encoding="utf-8")
    assert grading_eval.main(["--dir", str(tmp_path), "--split", "--json"]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert set(reports) == {"dev", "heldout", "blind", "fresh"}
    assert reports["blind"]["items"] == 3 and reports["fresh"]["items"] == 3
    assert reports["blind"]["per_class_labelled_coverage"]["excellent_es"] == 1.0
    assert grading_eval.main(["--dir", str(tmp_path), "--split"]) == 0
    text = capsys.readouterr().out
    assert "== dev ==" in text and "== blind ==" in text and "(labels 1.000)" in text
