"""Real headless Chromium against `streamlit run`: deep link, search, navigation."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

expect = pytest.importorskip("playwright.sync_api").expect


def test_deep_link_opens_the_mape_question(streamlit_server, page):
    """?q=58 opens question 58 directly and keeps it in the URL."""
    page.goto(f"{streamlit_server}/browse?q=58")
    expect(page.get_by_text("Question 58 · MAPE Calculation")).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=58"))


def test_first_visit_of_a_deep_link_on_a_fresh_server_gets_the_app(fresh_streamlit_server, page):
    """The very first session, opened on /browse?q=58, still runs through app.py."""
    page.goto(f"{fresh_streamlit_server}/browse?q=58")
    expect(page.get_by_text("Question 58 · MAPE Calculation")).to_be_visible()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Browse questions")).to_be_visible()
    expect(sidebar.get_by_text("Study", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/browse\?q=58"))


def test_typing_a_search_filters_the_list(streamlit_server, page):
    """Typing "regularizacion" (no accent) finds the regularización question."""
    page.goto(f"{streamlit_server}/browse")
    search = page.get_by_label("Search")
    search.fill("regularizacion")
    search.press("Enter")
    expect(page.get_by_text(re.compile(r"^8 · "))).to_be_visible()
    expect(page.get_by_text(re.compile(r"^1 · "))).to_have_count(0)


def test_next_button_moves_on_and_updates_the_url(streamlit_server, page):
    """Next shows question 59 and the deep link follows."""
    page.goto(f"{streamlit_server}/browse?q=58")
    expect(page.get_by_text("Question 58 · MAPE Calculation")).to_be_visible()
    page.get_by_role("button", name="Next →").click()
    expect(page.get_by_text(re.compile(r"^Question 59 · "))).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=59"))


def test_home_links_into_browse(streamlit_server, page):
    """The sidebar navigation reaches Browse from Home."""
    page.goto(streamlit_server)
    expect(page.get_by_role("heading", name="Simulacro")).to_be_visible()
    page.get_by_role("link", name="Browse the questions").click()
    expect(page.get_by_text(re.compile(r"^Question \d+ · "))).to_be_visible()
