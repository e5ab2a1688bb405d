"""AppTest of Home and Browse: rendering, search, filters, reveal, navigation, deep link."""

from __future__ import annotations

import pytest

from simulacro.model import SECTIONS


@pytest.fixture
def browse(app_test):
    def open_browse(query_params: dict | None = None):
        at = app_test()
        for key, value in (query_params or {}).items():
            at.query_params[key] = value
        at.run()
        at.switch_page("pages/browse.py").run()
        assert not at.exception, at.exception
        return at

    return open_browse


def shown_question(at) -> str:
    return at.subheader[0].value


def test_home_shows_sections_with_counts_and_start_links(app_test):
    at = app_test().run()
    assert not at.exception
    assert at.title[0].value == "Simulacro"
    labels = [link.label for link in at.get("page_link")]
    for section in SECTIONS:
        assert any(label.startswith(f"{section} · ") for label in labels), section
    assert "Fundamentos de ML · 15 questions" in labels
    assert "Browse the questions" in labels
    assert not at.warning  # the shipped bank has no problems


def test_browse_opens_on_the_first_question_with_the_answer_hidden(browse):
    at = browse()
    assert at.radio(key="browse_pick").value == 1
    assert shown_question(at).startswith("Question 1 · ")
    assert len(at.radio(key="browse_pick").options) == 115
    assert at.toggle(key="browse_reveal_1").value is False
    assert at.markdown[-1].value != "" and "## Respuesta" not in at.markdown[-1].value


def test_search_ignores_accents_and_case(browse):
    at = browse()
    at.text_input(key="browse_search").input("MAPE").run()
    assert at.radio(key="browse_pick").options[0].startswith("58 · ")
    assert shown_question(at) == "Question 58 · MAPE Calculation"
    at.text_input(key="browse_search").input("regularizacion").run()
    numbers = [int(option.split(" · ")[0]) for option in at.radio(key="browse_pick").options]
    assert 8 in numbers


def test_filters_narrow_the_list(browse):
    at = browse()
    at.multiselect(key="browse_projects").set_value(["telecomai"]).run()
    numbers = [int(option.split(" · ")[0]) for option in at.radio(key="browse_pick").options]
    assert numbers and set(numbers) <= set(range(61, 71)) | set(range(1, 31))
    at.multiselect(key="browse_projects").set_value([]).run()
    at.selectbox(key="browse_section").set_value("Liderazgo").run()
    numbers = [int(option.split(" · ")[0]) for option in at.radio(key="browse_pick").options]
    assert numbers == list(range(106, 116))
    at.multiselect(key="browse_sources").set_value(["authored"]).run()
    numbers = [int(option.split(" · ")[0]) for option in at.radio(key="browse_pick").options]
    assert numbers == [106]


def test_no_match_says_so(browse):
    at = browse()
    at.text_input(key="browse_search").input("zzzz-nothing").run()
    assert not at.exception
    assert "No question matches" in at.info[0].value


def test_reveal_and_show_all_show_the_answer(browse):
    at = browse({"q": "58"})
    assert shown_question(at) == "Question 58 · MAPE Calculation"
    assert not any("Alternativa mejor para precios" in block.value for block in at.markdown)
    at.toggle(key="browse_reveal_58").set_value(True).run()
    assert any("Alternativa mejor para precios" in block.value for block in at.markdown)
    at.toggle(key="browse_reveal_58").set_value(False).run()
    at.toggle(key="browse_show_all").set_value(True).run()
    assert any("Alternativa mejor para precios" in block.value for block in at.markdown)
    at.button(key="browse_next").click().run()
    assert shown_question(at).startswith("Question 59 · ")
    assert any("st.tabs" in block.value for block in at.markdown)  # still revealed


def test_deep_link_opens_the_question_and_follows_navigation(browse):
    at = browse({"q": "58"})
    assert shown_question(at) == "Question 58 · MAPE Calculation"
    assert at.query_params["q"] == ["58"] or at.query_params["q"] == "58"
    at.button(key="browse_next").click().run()
    assert shown_question(at).startswith("Question 59 · ")
    assert at.query_params["q"] in (["59"], "59")
    at.button(key="browse_previous").click().run()
    at.button(key="browse_previous").click().run()
    assert shown_question(at).startswith("Question 57 · ")


def test_a_bad_deep_link_falls_back_to_the_list(browse):
    at = browse({"q": "9999"})
    assert shown_question(at).startswith("Question 1 · ")


def test_section_deep_link_from_home(browse):
    at = browse({"section": "Ética y fairness"})
    numbers = [int(option.split(" · ")[0]) for option in at.radio(key="browse_pick").options]
    assert numbers == list(range(101, 106))


def test_bad_content_is_shown_and_valid_questions_still_served(app_test, tmp_path, monkeypatch):
    from pathlib import Path

    folder = tmp_path / "bank"
    folder.mkdir()
    source = Path(__file__).resolve().parents[1] / "questions"
    good = next(source.glob("058-*.md"))
    (folder / good.name).write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "059-broken.md").write_text("no front matter at all", encoding="utf-8")
    (folder / "060-garbage.md").write_bytes(bytes(range(256)))
    monkeypatch.setenv("SIMULACRO_QUESTIONS_DIR", str(folder))
    at = app_test().run()
    assert not at.exception
    at.switch_page("pages/browse.py").run()
    assert not at.exception
    assert "2 problem(s) in the question bank" in at.warning[0].value
    problems = at.code[0].value
    assert "bank/059-broken.md:1: missing front matter" in problems
    assert "bank/060-garbage.md:1: binary file" in problems
    assert at.radio(key="browse_pick").options == ["58 · MAPE Calculation"]


def test_search_and_filters_survive_a_visit_to_another_page(browse):
    at = browse()
    at.text_input(key="browse_search").input("mape").run()
    at.multiselect(key="browse_sources").set_value(["seed"]).run()
    at.switch_page("pages/home.py").run()
    at.switch_page("pages/browse.py").run()
    assert not at.exception
    assert at.text_input(key="browse_search").value == "mape"
    assert at.multiselect(key="browse_sources").value == ["seed"]
    assert shown_question(at) == "Question 58 · MAPE Calculation"


def test_a_question_runs_its_demo_inline(browse):
    at = browse({"q": "58"})
    toggle = at.toggle(key="browse_run_58_carvision.mape_vs_smape")
    assert toggle.value is False
    toggle.set_value(True).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.get("plotly_chart"), "the inline demo draws its chart"


def test_an_edited_question_file_is_picked_up(app_test, tmp_path, monkeypatch):
    import time
    from pathlib import Path

    from ui import data

    folder = tmp_path / "bank"
    folder.mkdir()
    source = next((Path(__file__).resolve().parents[1] / "questions").glob("058-*.md"))
    target = folder / source.name
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("SIMULACRO_QUESTIONS_DIR", str(folder))
    monkeypatch.setattr(data, "SIGNATURE_TTL_S", 0.0)
    at = app_test().run()
    at.switch_page("pages/browse.py").run()
    assert at.subheader[0].value == "Question 58 · MAPE Calculation"
    time.sleep(0.01)
    edited = target.read_text(encoding="utf-8").replace(
        "# Pregunta 58: MAPE Calculation", "# Pregunta 58: MAPE, corrected"
    )
    target.write_text(edited, encoding="utf-8")
    at.run()
    assert at.subheader[0].value == "Question 58 · MAPE, corrected"


def test_uploading_a_document_adds_only_its_new_questions(app_test, tmp_path, monkeypatch):
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    folder = tmp_path / "bank"
    folder.mkdir()
    for path in (root / "questions").glob("0[0-5]*.md"):  # 1-59: 14 seed questions, 46 missing
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("SIMULACRO_QUESTIONS_DIR", str(folder))
    before = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.md")}
    at = app_test().run()
    at.switch_page("pages/browse.py").run()
    assert len(at.radio(key="browse_pick").options) == 59

    seed = (root / "tests" / "fixtures" / "simulacro_parte2_seed.txt").read_bytes()
    at.file_uploader(key="browse_import_file_0").set_value(("parte2.txt", seed, "text/plain"))
    at.run()
    at.radio(key="browse_import_mode").set_value("add").run()  # not a new deck (the default)
    assert not at.exception
    assert any(
        "60 question(s) found: 46 new, 14 already in the bank" in m.value for m in at.markdown
    )
    at.button(key="browse_import_add").click().run()
    assert not at.exception
    assert "Added 46 question(s)" in at.success[0].value
    assert len(at.radio(key="browse_pick").options) == 59 + 46
    for name, text in before.items():  # the questions it already had are untouched
        assert (folder / name).read_text(encoding="utf-8") == text


def test_uploading_garbage_says_what_is_wrong(app_test):
    at = app_test().run()
    at.switch_page("pages/browse.py").run()
    at.file_uploader(key="browse_import_file_0").set_value(
        ("photo.md", bytes(range(256)) * 8, "text/markdown")
    ).run()
    assert not at.exception
    assert "binary file" in at.error[0].value
    at.file_uploader(key="browse_import_file_0").set_value(
        ("notes.md", b"Solo unas notas, sin preguntas.", "text/markdown")
    ).run()
    assert "no question found" in at.error[0].value


def test_a_seed_answer_shows_its_review_note_apart(browse):
    at = browse({"q": "85"})
    assert not at.info  # hidden with the answer
    at.toggle(key="browse_reveal_85").set_value(True).run()
    assert "comentarios en líneas que empiezan por `#`" in at.info[0].value
    assert any("Review note by the Simulacro team" in c.value for c in at.caption)


def test_search_results_show_a_snippet_with_the_match_highlighted(browse):
    """'leakage' lists the questions with it in the title first, each with a marked snippet."""
    at = browse()
    at.text_input(key="browse_search").input("leakage").run()
    radio = at.radio(key="browse_pick")
    assert radio.options[0].split(" · ")[0] in ("1", "54")
    captions = list(radio.proto.captions)
    assert len(captions) == len(radio.options)
    assert ":orange-background[leakage]" in captions[0]
    at.text_input(key="browse_search").input("").run()
    assert not any(at.radio(key="browse_pick").proto.captions)


def test_browse_offers_the_study_guide_and_anki_downloads(browse):
    at = browse()
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert labels == ["Study guide (HTML)", "Anki deck (.apkg)"]
    assert any("115 question(s): the whole deck" in c.value for c in at.caption)
    at.selectbox(key="browse_section").set_value("Liderazgo").run()
    assert any(c.value.startswith("10 question(s): Liderazgo") for c in at.caption)
    assert not at.exception
