"""Real Chromium: the quiz's Alt shortcuts keep the answer typed in the box."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ui.shortcuts import key_code


def test_key_code_of_alt_shortcuts():
    """Alt+<letter|digit> maps to the KeyboardEvent.code the script listens for."""
    assert key_code("Alt+S") == "KeyS"
    assert key_code("Alt+3") == "Digit3"
    with pytest.raises(ValueError):
        key_code("Ctrl+S")


@pytest.mark.browser
def test_alt_s_while_typing_reveals_with_the_typed_answer(streamlit_server, page):
    """Alt+S pressed with the cursor still in the answer box grades what was typed."""
    page.goto(f"{streamlit_server}/quiz")
    page.get_by_role("radio", name="New").check()
    page.get_by_role("button", name="Start session").click()
    answer = page.locator(".st-key-quiz_answer textarea")
    answer.click()
    page.keyboard.type("split antes de fit y Pipeline para evitar data leakage")
    expect(answer).to_be_focused()
    page.keyboard.press("Alt+s")
    expect(page.get_by_text("Model answer", exact=True)).to_be_visible()
    # Without the commit the typed text is lost: "You typed nothing", self-check instead.
    expect(page.locator(".st-key-quiz_your_answer")).to_contain_text("split antes de fit")
    expect(page.get_by_text("Checked against your typed answer")).to_be_visible()
