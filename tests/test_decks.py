"""Decks: create from a document, list, validate, bad names and bad input touch nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from simulacro import cli_decks, cli_import, cli_validate
from simulacro.decks import (
    BUILT_IN,
    DeckError,
    check_deck_name,
    create_deck,
    list_decks,
    load_deck,
)
from simulacro.importer import import_file

FAMILY = Path(__file__).resolve().parent / "fixtures" / "family"
SEED = Path(__file__).resolve().parent / "fixtures" / "simulacro_parte2_seed.txt"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("SIMULACRO_DATA_DIR", str(folder))
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("doc", ["simulacro_junior.md", "simulacro_mid.md", "plain_qa.md"])
def test_an_imported_deck_validates_with_zero_problems(data_dir, capsys, doc):
    code = cli_import.main([str(FAMILY / doc), "--deck", "nuevo"])
    assert code == (1 if doc == "plain_qa.md" else 0)  # plain_qa has an unreadable part
    assert "created deck 'nuevo'" in capsys.readouterr().out
    assert cli_validate.main(["--deck", "nuevo", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["problems"] == []
    assert report["questions"] == {"simulacro_junior.md": 8, "simulacro_mid.md": 8}.get(doc, 3)


def test_the_seed_document_as_a_deck_of_its_own_validates(data_dir, capsys):
    assert cli_import.main([str(SEED), "--deck", "parte2"]) == 0
    deck = load_deck("parte2")
    assert deck.sections[0] == "BankChurn"  # the document's own heading, not our range name
    assert len(deck.bank().questions) == 60
    assert cli_validate.main(["--deck", "parte2"]) == 0


def test_a_deck_keeps_its_sections_source_and_generated_key(data_dir):
    result = import_file(FAMILY / "simulacro_junior.md", built_in=False)
    created = create_deck("junior", result, "simulacro_junior.md")
    deck = created.deck
    assert deck.sections == ("Fundamentos de Python", "Pandas y Datos", "Git y Herramientas")
    assert deck.source_file == "simulacro_junior.md"
    assert deck.generated_key == frozenset(created.written)
    assert deck.progress_dir == data_dir / "decks" / "junior"
    bank = deck.bank()
    assert bank.problems == []
    assert bank.counts_by_section() == {
        "Fundamentos de Python": 3,
        "Pandas y Datos": 2,
        "Git y Herramientas": 3,
    }
    assert deck.answers_path.read_text().startswith("# Answer key GENERATED")


def test_decks_command_lists_built_in_first_then_imported(data_dir, capsys):
    assert cli_import.main([str(FAMILY / "simulacro_mid.md"), "--deck", "mid"]) == 0
    capsys.readouterr()
    assert cli_decks.decks_main(["--json"]) == 0
    decks = json.loads(capsys.readouterr().out)
    assert [d["name"] for d in decks] == [BUILT_IN, "mid"]
    assert decks[0]["questions"] == 115 and decks[0]["answer_key"] == "curated"
    assert decks[1] | {"imported_at": ""} == {
        "name": "mid",
        "title": "Simulacro Entrevista Mid-Level ML Engineer",
        "built_in": False,
        "questions": 8,
        "sections": {"Modelado y Evaluación": 3, "MLOps Práctico": 3, "Proyecto CarVision": 2},
        "source_file": "simulacro_mid.md",
        "imported_at": "",
        "answer_key": "generated",
        "problems": 0,
    }
    assert cli_decks.decks_main([]) == 0
    assert "mid" in capsys.readouterr().out


def test_questions_command_prints_every_field_of_a_deck(data_dir, capsys):
    assert cli_import.main([str(FAMILY / "simulacro_junior.md"), "--deck", "junior"]) == 0
    capsys.readouterr()
    assert cli_decks.questions_main(["--deck", "junior", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["number"] for row in rows] == [1, 2, 3, 11, 12, 31, 32, 33]
    assert set(rows[0]) == {
        "number",
        "title",
        "section",
        "project",
        "tags",
        "source",
        "prompt",
        "answer",
    }
    assert rows[5]["section"] == "Git y Herramientas"
    assert cli_decks.questions_main(["--deck", "nada"]) == 2
    assert "there is no deck 'nada' (decks: lead, junior)" in capsys.readouterr().err


@pytest.mark.parametrize(
    "name", ["../evil", "a b", "", "Junior", "x" * 41, "-x", "dir/sub", ".hidden", "ñu"]
)
def test_bad_deck_names_are_refused_naming_the_name(data_dir, capsys, name):
    with pytest.raises(DeckError, match="is not allowed"):
        check_deck_name(name)
    assert cli_import.main([str(FAMILY / "simulacro_junior.md"), f"--deck={name}"]) == 1
    err = capsys.readouterr().err
    assert repr(name) in err and "Traceback" not in err
    assert _snapshot(data_dir) == {}


def test_an_existing_deck_name_is_refused_and_the_deck_untouched(data_dir, capsys):
    assert cli_import.main([str(FAMILY / "simulacro_junior.md"), "--deck", "junior"]) == 0
    before = _snapshot(data_dir)
    assert cli_import.main([str(FAMILY / "simulacro_mid.md"), "--deck", "junior"]) == 1
    assert "deck 'junior' already exists" in capsys.readouterr().err
    assert _snapshot(data_dir) == before
    result = import_file(FAMILY / "simulacro_mid.md", built_in=False)
    with pytest.raises(DeckError, match="already exists"):
        create_deck("junior", result, "mid.md")
    with pytest.raises(DeckError, match="built-in deck"):
        create_deck(BUILT_IN, result, "mid.md")
    assert _snapshot(data_dir) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02\xff" * 1000, "binary file"),
        (b"x" * (10 * 1024 * 1024), "10.0 MB, over the 2 MB limit"),
        (b"Un texto\nsin preguntas\n", "no question found"),
    ],
)
def test_unreadable_documents_create_no_deck(data_dir, tmp_path, capsys, content, message):
    assert cli_import.main([str(FAMILY / "simulacro_mid.md"), "--deck", "mid"]) == 0
    before = _snapshot(data_dir)
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    assert cli_import.main([str(path), "--deck", "otro"]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert _snapshot(data_dir) == before


def test_duplicates_and_missing_answers_name_their_lines(data_dir, tmp_path, capsys):
    path = tmp_path / "dup.md"
    path.write_text(
        "## Pregunta 1: A\n\n**¿Uno?**\n\n### Respuesta:\n\nUsa **validación cruzada** con "
        "`StratifiedKFold` y reporta la **media y desviación**.\n\n"
        "## Pregunta 1: B\n\n**¿Otra?**\n\n### Respuesta:\n\nOtra cosa.\n\n"
        "## Pregunta 2: C\n\n**¿Sin respuesta?**\n\nTexto suelto.\n",
        encoding="utf-8",
    )
    assert cli_import.main([str(path), "--deck", "dup"]) == 1
    err = capsys.readouterr().err
    assert f"{path}:9: duplicate question number 1 (first at line 1)" in err
    assert f"{path}:17: question 2 has no 'Respuesta:' line" in err
    assert [q.number for q in load_deck("dup").bank().questions] == [1]


def test_a_folder_that_is_not_a_deck_is_reported_not_fatal(data_dir):
    (data_dir / "decks" / "roto").mkdir(parents=True)
    (data_dir / "decks" / "roto" / "deck.yaml").write_text("[no es: un mapa", encoding="utf-8")
    decks, problems = list_decks()
    assert [d.name for d in decks] == [BUILT_IN]
    assert "roto/deck.yaml: cannot read the deck description" in problems[0]


# ---------------------------------------------------------------- --replace-authored
@pytest.fixture
def built_in_copy(tmp_path):
    """A copy of the built-in deck (questions/ and answers.yaml) that a test may rewrite."""
    from dataclasses import replace

    from simulacro.decks import built_in_deck

    root = Path(__file__).resolve().parents[1]
    shutil.copytree(root / "questions", tmp_path / "questions")
    shutil.copy(root / "answers.yaml", tmp_path / "answers.yaml")
    return replace(
        built_in_deck(),
        questions_dir=tmp_path / "questions",
        answers_path=tmp_path / "answers.yaml",
    )


def test_replace_authored_swaps_our_questions_for_the_documents_keeping_metadata(built_in_copy):
    from simulacro.decks import replace_authored

    before = {q.number: q for q in built_in_copy.bank().questions}
    result = import_file(FAMILY / "simulacro_lead_parte1.md")
    summary = replace_authored(result, "lead_parte1.md", built_in_copy)
    assert summary.replaced == [1, 2, 16, 17, 31, 46] and summary.added == []
    after = {q.number: q for q in built_in_copy.bank().questions}
    assert len(after) == 115
    for number in summary.replaced:
        old, new = before[number], after[number]
        assert new.source == "seed" and old.source == "authored"
        assert (new.tags, new.demos, new.difficulty, new.project) == (
            old.tags,
            old.demos,
            old.difficulty,
            old.project,
        )
        assert new.review_note == old.review_note
    assert after[1].prompt == "¿Cómo previenes el data leakage en tus proyectos?"
    assert after[58] == before[58]  # seed questions are never touched
    problems = cli_validate.collect(built_in_copy.questions_dir, built_in_copy.answers_path)[1]
    assert [str(p) for p in problems] == []
    # the English versions translated our text, not the document's: they are dropped
    assert sorted(summary.dropped_translations)[0] == "en/001-data-leakage.md"
    assert len(summary.dropped_translations) == len(summary.replaced)
    key_text = built_in_copy.answers_path.read_text(encoding="utf-8")
    for number in summary.regenerated_key:
        assert key_text.count(f"\n{number}:\n") == 1  # replaced, not duplicated


def test_replace_authored_leaves_seed_questions_and_a_dry_run_writes_nothing(built_in_copy):
    from simulacro.decks import replace_authored

    before = _snapshot(built_in_copy.questions_dir.parent)
    result = import_file(SEED)
    plan = replace_authored(result, "seed.txt", built_in_copy, dry_run=True)
    assert plan.replaced == [] and plan.added == [] and len(plan.kept_seed) == 60
    plan = replace_authored(
        import_file(FAMILY / "simulacro_lead_parte1.md"), "l.md", built_in_copy, dry_run=True
    )
    assert plan.replaced == [1, 2, 16, 17, 31, 46]
    assert _snapshot(built_in_copy.questions_dir.parent) == before


def test_replace_authored_command_dry_run_and_wrong_deck(data_dir, capsys):
    doc = str(FAMILY / "simulacro_lead_parte1.md")
    args = [doc, "--deck", BUILT_IN, "--replace-authored", "--dry-run"]
    assert cli_import.main(args) == 0
    assert "would replace 6 authored question(s)" in capsys.readouterr().out
    assert cli_import.main([doc, "--deck", "junior", "--replace-authored"]) == 2
    assert "works on the built-in deck" in capsys.readouterr().err


def test_review_notes_on_possible_extraction_damage_say_the_text_as_we_have_it():
    from simulacro.decks import built_in_deck

    by_number = built_in_deck().bank().by_number
    for number in (73, 86, 95):
        assert "En el texto tal como lo tenemos" in by_number[number].review_note, number


def test_a_deck_numbers_its_own_questions_beyond_the_built_in_115(data_dir, tmp_path, capsys):
    from simulacro.store import ProgressStore

    path = tmp_path / "extra.md"
    path.write_text(
        "# 12. Extra (Preguntas 150-151)\n\n## Pregunta 150: Drift\n\n**¿Cómo detectas drift?**"
        "\n\n### Respuesta:\n\nComparo la **distribución de features** con un test de "
        "**Kolmogorov-Smirnov** y vigilo el **PSI** por encima de 0.2.\n",
        encoding="utf-8",
    )
    assert cli_import.main([str(path), "--deck", "extra"]) == 0
    deck = load_deck("extra")
    assert [q.number for q in deck.bank().questions] == [150]
    assert deck.sections == ("Extra",)
    assert cli_validate.main(["--deck", "extra"]) == 0
    store = ProgressStore.open(deck.progress_dir)
    store.record_review(150, "good", 3.0)
    assert set(store.cards()) == {150}
