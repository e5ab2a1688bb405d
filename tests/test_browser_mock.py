"""Real Chromium: the mock-interview countdown ticks by itself and a 5-second question expires."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CLOCK = re.compile(r"^\d\d:\d\d$")


def seconds(text: str) -> int:
    minutes, secs = text.strip().split(":")
    return int(minutes) * 60 + int(secs)


def start_custom(page, base: str, n: int, per_question: int) -> None:
    page.goto(f"{base}/mock_interview")
    page.get_by_text("Custom", exact=True).click()
    for name, value in (("Number of questions", n), ("Time per question (seconds)", per_question)):
        box = page.get_by_role("spinbutton", name=name)
        box.fill(str(value))
        box.press("Enter")
    expect(page.get_by_text(f"{n} questions", exact=True)).to_be_visible()
    # Both values must have reached the server before Start, or Start uses the old time.
    per = f"{per_question // 60:02d}:{per_question % 60:02d} per question"
    expect(page.get_by_text(per)).to_be_visible()
    page.get_by_role("button", name="Start interview").click()
    expect(page.get_by_text(f"Question 1 of {n}")).to_be_visible()


def test_countdown_ticks_without_touching_the_answer_box(streamlit_server, page):
    """The large countdown changes every second while typed text stays in the box."""
    start_custom(page, streamlit_server, n=1, per_question=60)
    clock = page.locator("h1").filter(has_text=CLOCK)
    expect(clock).to_have_count(1)
    answer = page.get_by_role("textbox", name="Your answer")
    answer.click()
    page.keyboard.type("borrador sin confirmar")
    readings = [clock.inner_text()]
    for _ in range(2):  # two ticks (~2-3 s): each changes the text
        expect(clock).not_to_have_text(readings[-1], timeout=5_000)
        readings.append(clock.inner_text())
    values = [seconds(r) for r in readings]
    assert values[0] > values[1] > values[2] >= values[0] - 5
    # the ticking fragment did not rerun the page: the uncommitted text is intact
    expect(answer).to_have_value("borrador sin confirmar")
    expect(answer).to_be_focused()


def test_five_second_question_expires_and_the_page_moves_on(streamlit_server, page):
    """When a 5 s question runs out the next one appears by itself, keeping what was typed."""
    start_custom(page, streamlit_server, n=2, per_question=5)
    page.get_by_role("textbox", name="Your answer").click()
    page.keyboard.type("respuesta escrita a tiempo")  # never blurred, never confirmed
    expect(page.get_by_text("Question 2 of 2")).to_be_visible(timeout=15_000)
    # said clearly, not a silent switch: the notice names the question and keeps the text
    notice = page.get_by_test_id("stAlert").filter(has_text="Time ran out on question 1")
    expect(notice).to_have_text(re.compile("your answer was kept"))
    # the second question expires too: the report shows both as timed out, text kept
    expect(page.get_by_text("Question by question")).to_be_visible(timeout=15_000)
    expect(
        page.get_by_text("The interview time ran out.").or_(
            page.get_by_text("Every question went by.")
        )
    ).to_be_visible()
    expect(page.get_by_role("textbox", name="Your answer")).to_have_count(0)
    expect(page.get_by_text("Time ran out on question 2 — nothing had been typed.")).to_be_visible()
    page.get_by_text("1. Question").click()
    expect(page.get_by_test_id("stText").get_by_text("respuesta escrita a tiempo")).to_be_visible()
    expect(page.get_by_text("Time ran out on this question").first).to_be_visible()
    expect(page.get_by_text("timed out").first).to_be_visible()


def test_pause_keeps_the_typed_text_and_end_reports_it(streamlit_server, page):
    """Typing, then Pause (which re-renders the page) and End: the text reaches the report."""
    start_custom(page, streamlit_server, n=2, per_question=120)
    answer = page.get_by_role("textbox", name="Your answer")
    answer.click()
    page.keyboard.type("split antes de fit")
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_text("Paused: both clocks are stopped")).to_be_visible()
    expect(answer).to_have_value("split antes de fit")
    page.get_by_role("button", name="Resume").click()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    page.get_by_role("button", name="End interview").click()
    expect(page.get_by_text("Question by question")).to_be_visible()
    expect(answer).to_have_count(0)  # the interview screen is gone, not merely covered
    page.get_by_text("1. Question").click()
    expect(page.get_by_test_id("stText").get_by_text("split antes de fit")).to_be_visible()
