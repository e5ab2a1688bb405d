"""Real Chromium against a hosted server behind a (simulated) trusted proxy.

The proxy's header reaches the app only through the browser's real request (the websocket
handshake), which AppTest cannot send: ana rates a card, bob does not see it, and a browser
without the header is told it cannot save.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ui.text import identity as text

HEADER = "X-Forwarded-Email"


@pytest.fixture
def hosted_server(tmp_path, monkeypatch, chromium_executable):
    from tools.server import running_app

    monkeypatch.setenv("SIMULACRO_HOSTED", "1")
    monkeypatch.setenv("SIMULACRO_IDENTITY", "header")
    monkeypatch.setenv("SIMULACRO_IDENTITY_HEADER", HEADER)
    with running_app(tmp_path / "hosted-data") as (base_url, _):
        yield base_url


def _context(browser, learner: str | None):
    headers = {HEADER: learner} if learner else {}
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, extra_http_headers=headers
    )
    context.set_default_timeout(30_000)
    return context


def _rate_one_new_card(page, base_url: str) -> None:
    page.goto(f"{base_url}/quiz")
    page.get_by_role("radio", name="New").check()
    page.get_by_role("button", name="Start session").click()
    page.get_by_role("button", name="Show answer").click()
    page.locator(".st-key-quiz_rate_good button").click()


def _reviews_metric(page, base_url: str):
    """The Progress page's first metric: the learner's number of reviews."""
    page.goto(f"{base_url}/progress")
    expect(page.get_by_role("heading", name="Progress", exact=True)).to_be_visible()
    return page.locator(".st-key-progress_metrics [data-testid='stMetricValue']").first


@pytest.mark.browser
def test_each_learner_sees_only_their_own_reviews(hosted_server, browser):
    ana = _context(browser, "ana@example.org")
    bob = _context(browser, "bob@example.org")
    nobody = _context(browser, None)
    try:
        page = ana.new_page()
        _rate_one_new_card(page, hosted_server)
        expect(page.get_by_text("Saved: Good")).to_be_visible()
        expect(page.get_by_text("Signed in as ana@example.org")).to_be_visible()
        expect(_reviews_metric(page, hosted_server)).to_have_text("1", timeout=20_000)

        page = bob.new_page()
        metric = _reviews_metric(page, hosted_server)
        expect(page.get_by_text("Signed in as bob@example.org")).to_be_visible()
        expect(metric).to_have_text("0", timeout=20_000)

        page = nobody.new_page()
        page.goto(hosted_server)
        expect(page.get_by_text("The sign-in proxy did not identify you")).to_be_visible()
        _rate_one_new_card(page, hosted_server)
        expect(page.get_by_text(text.READ_ONLY_HEADER).first).to_be_visible()
        expect(_reviews_metric(page, hosted_server)).to_have_text("0", timeout=20_000)
    finally:
        for context in (ana, bob, nobody):
            context.close()
