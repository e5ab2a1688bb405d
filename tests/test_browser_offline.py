"""Real Chromium: loading the app asks nothing of the network beyond the local server."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_no_request_leaves_the_machine(streamlit_server, page):
    """Every page load stays on the local server (the favicon was fetched from Google)."""
    local = urlparse(streamlit_server).hostname
    outside: list[str] = []

    def note(request) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith(("http://", "https://")) and host not in {local, "localhost"}:
            outside.append(request.url)

    page.on("request", note)
    page.goto(streamlit_server)
    expect(page.get_by_role("heading", name="Simulacro", exact=True)).to_be_visible()
    page.get_by_role("link", name="Progress").first.click()
    expect(page.get_by_role("heading", name="Progress", exact=True)).to_be_visible()
    page.wait_for_timeout(1_000)  # the favicon is set after the first render
    assert outside == []
