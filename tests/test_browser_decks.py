"""Real headless Chromium: the sidebar deck switcher and deck deep links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

expect = pytest.importorskip("playwright.sync_api").expect
FAMILY = Path(__file__).resolve().parent / "fixtures" / "family"


@pytest.fixture(scope="module")
def decks_server(tmp_path_factory, chromium_executable):
    """A server whose data folder holds an imported Junior deck."""
    import os

    from simulacro.decks import create_deck
    from simulacro.importer import import_file
    from tools.server import running_app

    data = tmp_path_factory.mktemp("decks-data")
    previous = os.environ.get("SIMULACRO_DATA_DIR")
    os.environ["SIMULACRO_DATA_DIR"] = str(data)
    try:
        result = import_file(FAMILY / "simulacro_junior.md", built_in=False)
        create_deck("junior", result, "simulacro_junior.md")
    finally:
        if previous is None:
            os.environ.pop("SIMULACRO_DATA_DIR")
        else:
            os.environ["SIMULACRO_DATA_DIR"] = previous
    with running_app(data) as (base_url, _):
        yield base_url


def test_picking_a_deck_in_the_sidebar_puts_it_in_the_url(decks_server, page):
    """Choosing the Junior deck shows its sections and adds ?deck=junior to the URL."""
    page.goto(decks_server)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="Junior ML Engineer").click()
    expect(page.get_by_text("Git y Herramientas · 3 questions")).to_be_visible()
    expect(page).to_have_url(re.compile(r"deck=junior"))


def test_the_deck_stays_when_visiting_another_page(decks_server, page):
    """A deep link ?deck=junior&q=31 opens the deck's question; the deck survives navigation."""
    page.goto(f"{decks_server}/browse?deck=junior&q=31")
    expect(page.get_by_text("Question 31 · Mensajes de Commit")).to_be_visible()
    page.get_by_test_id("stSidebar").get_by_text("Self-quiz").click()
    expect(page).to_have_url(re.compile(r"/quiz\?deck=junior"))
    page.get_by_test_id("stSidebar").get_by_text("Browse questions").click()
    expect(page.get_by_text(re.compile(r"^33 · Entornos Virtuales"))).to_be_visible()
