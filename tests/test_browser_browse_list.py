"""Real Chromium: Browse's question list scrolls to the picked question."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_deep_link_shows_the_picked_question_in_the_list(streamlit_server, page):
    """?q=58 opens question 58 and its row is visible in the scrolling list, checked."""
    page.goto(f"{streamlit_server}/browse?q=58")
    expect(page.get_by_role("heading", name="Question 58 · MAPE Calculation")).to_be_visible()
    row = page.locator(".st-key-browse_list label").filter(has_text="58 · MAPE Calculation")
    expect(row.locator("input")).to_be_checked()
    expect(row).to_be_in_viewport()
    # Previous from 58 keeps the new pick in view too (57 is right above).
    page.get_by_role("button", name="← Previous").click()
    expect(
        page.get_by_role("heading", name="Question 57 · Random Forest para Regresión")
    ).to_be_visible()
    expect(page.locator(".st-key-browse_list label").filter(has_text="57 · ")).to_be_in_viewport()
