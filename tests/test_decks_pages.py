"""AppTest: the sidebar deck switcher, deep links carrying the deck, every page on a deck."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulacro.decks import create_deck, load_deck
from simulacro.importer import import_file
from simulacro.store import ProgressStore

FAMILY = Path(__file__).resolve().parent / "fixtures" / "family"
PAGES = (
    "pages/home.py",
    "pages/browse.py",
    "pages/demos.py",
    "pages/quiz.py",
    "pages/mock_interview.py",
    "pages/progress.py",
)


@pytest.fixture
def junior(isolated_data_dir):
    result = import_file(FAMILY / "simulacro_junior.md", built_in=False)
    return create_deck("junior", result, "simulacro_junior.md").deck


def _open(app_test, page: str = "pages/home.py", **query):
    at = app_test()
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "pages/home.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _param(at, key):
    value = at.query_params.get(key)
    return value[0] if isinstance(value, list) else value


def test_no_switcher_while_only_the_built_in_deck_exists(app_test):
    at = _open(app_test)
    assert not [s for s in at.sidebar.selectbox if s.key == "deck_switcher"]


def test_switching_decks_in_the_sidebar_changes_the_bank_and_the_url(app_test, junior):
    # AppTest shows app.py's sidebar on the first run only: each test picks the deck there.
    at = _open(app_test)
    switcher = at.sidebar.selectbox(key="deck_switcher")
    assert switcher.options == [
        "Lead/Senior ML Engineer (built-in)",
        "Junior ML Engineer",
    ]
    assert switcher.value == "lead"
    switcher.set_value("junior").run()
    assert not at.exception
    assert _param(at, "deck") == "junior"
    at.switch_page("pages/browse.py").run()
    options = at.radio(key="browse_pick").options
    assert [o.split(" · ")[0] for o in options] == ["1", "2", "3", "11", "12", "31", "32", "33"]
    section = at.selectbox(key="browse_section")
    assert section.options[1:] == [
        "Fundamentos de Python (3/3)",
        "Pandas y Datos (2/2)",
        "Git y Herramientas (3/3)",
    ]


def test_switching_back_to_the_built_in_deck_drops_it_from_the_url(app_test, junior):
    at = _open(app_test, deck="junior")
    at.sidebar.selectbox(key="deck_switcher").set_value("lead").run()
    assert _param(at, "deck") is None
    at.switch_page("pages/browse.py").run()
    assert len(at.radio(key="browse_pick").options) == 115


def test_a_deep_link_carries_the_deck_and_the_question(app_test, junior):
    at = _open(app_test, deck="junior", q="12")
    assert at.sidebar.selectbox(key="deck_switcher").value == "junior"
    assert any("generated from the document" in c.value for c in at.sidebar.caption)
    at.switch_page("pages/browse.py").run()
    assert at.subheader[0].value == "Question 12 · GroupBy"


def test_an_unknown_deck_in_a_link_says_so_and_shows_the_built_in_deck(app_test, junior):
    at = _open(app_test, deck="nope")
    assert any("There is no deck `nope`" in w.value for w in at.sidebar.warning)
    at.switch_page("pages/browse.py").run()
    assert len(at.radio(key="browse_pick").options) == 115


@pytest.mark.parametrize("page", PAGES)
def test_every_page_works_on_an_imported_deck(app_test, junior, page):
    at = _open(app_test, page, deck="junior")
    assert not at.exception
    if page == "pages/home.py":
        assert "Simulacro Entrevista Junior ML Engineer" in at.markdown[0].value
        assert [link.label for link in at.get("page_link")][-3:] == [
            "Fundamentos de Python · 3 questions",
            "Pandas y Datos · 2 questions",
            "Git y Herramientas · 3 questions",
        ]


def test_progress_is_kept_per_deck(app_test, junior):
    junior_store = ProgressStore.open(load_deck("junior").progress_dir)
    junior_store.record_review(31, "good", 12.0)
    junior_store.set_bookmark(31, True)
    at = _open(app_test, "pages/progress.py", deck="junior")
    junior_text = " ".join(m.value for m in at.markdown) + " ".join(str(m.value) for m in at.metric)
    _open(app_test, "pages/progress.py")  # the built-in deck's page
    lead_store = ProgressStore.open(load_deck("lead").progress_dir)
    assert lead_store.review_count() == 0 and junior_store.review_count() == 1
    assert lead_store.bookmarks() == [] and junior_store.bookmarks() == [31]
    assert junior_text  # the page drew the junior deck's progress


def test_the_quiz_on_a_deck_says_its_key_was_generated(app_test, junior):
    at = _open(app_test, "pages/quiz.py", deck="junior")
    assert not at.exception
    start = [b for b in at.button if b.key and "start" in b.key]
    assert start, [b.key for b in at.button]


def test_mock_custom_sections_are_the_decks(app_test, junior):
    at = _open(app_test, "pages/mock_interview.py", deck="junior")
    at.radio(key="mock_preset").set_value("custom").run()
    assert not at.exception
    assert at.multiselect(key="mock_sections").options == [
        "Fundamentos de Python",
        "Pandas y Datos",
        "Git y Herramientas",
    ]


def test_uploading_a_document_creates_a_deck_and_switches_to_it(app_test):
    at = _open(app_test, "pages/browse.py")
    document = (FAMILY / "simulacro_mid.md").read_bytes()
    at.file_uploader(key="browse_import_file_0").set_value(
        ("Simulacro Mid.md", document, "text/markdown")
    )
    at.run()
    assert not at.exception
    assert at.radio(key="browse_import_mode").value == "deck"
    assert at.text_input(key="browse_import_deck").value == "simulacro-mid"
    assert any("8 question(s) found in 3 section(s)" in m.value for m in at.markdown)
    at.text_input(key="browse_import_deck").set_value("mid").run()
    at.button(key="browse_import_create").click().run()
    assert not at.exception
    assert "Deck 'mid' created with 8 question(s)" in at.success[0].value
    assert len(at.radio(key="browse_pick").options) == 8
    assert at.session_state["deck"] == "mid" and _param(at, "deck") == "mid"


def test_upload_refuses_a_bad_or_taken_deck_name(app_test, junior):
    at = _open(app_test, "pages/browse.py")
    document = (FAMILY / "simulacro_mid.md").read_bytes()
    at.file_uploader(key="browse_import_file_0").set_value(("mid.md", document, "text/markdown"))
    at.run()
    at.text_input(key="browse_import_deck").set_value("../x").run()
    assert "'../x' is not allowed" in at.error[0].value
    at.text_input(key="browse_import_deck").set_value("junior").run()
    assert "already exists" in at.error[0].value
    assert not [b for b in at.button if b.key == "browse_import_create"]
