"""Real Chromium: nothing is cut at 900 px (sidebar open or closed) and at 390 px (phone);
a typed interview date applies on Enter. Screenshots go to the test's tmp folder."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

pytestmark = pytest.mark.browser

expect = pytest.importorskip("playwright.sync_api").expect
LOAD_MS = 30_000  # the first run of a page imports plotly/sklearn: slow on a busy machine

# Text that is cut (ellipsis or clipped) in buttons, links, metrics and widget labels, and
# a main area wider than the window (a horizontal scroll of the whole page).
CUT_TEXT_JS = """() => {
  const out = [];
  const main = document.querySelector('[data-testid="stMain"]');
  if (main.scrollWidth > main.clientWidth + 1) out.push('page scrolls sideways');
  const selectors = [
    'button p', 'a p', 'label p', '[data-testid="stMetricValue"] *',
    '[data-testid="stMetricLabel"] p', '[data-baseweb="tab"] p',
  ].map(s => '[data-testid="stMain"] ' + s).join(', ');
  for (const el of document.querySelectorAll(selectors)) {
    if (el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
      out.push((el.innerText || '').slice(0, 40));
  }
  for (const el of document.querySelectorAll('[data-testid="stMarkdownContainer"] pre')) {
    if (el.scrollWidth > el.clientWidth + 1) out.push('code: ' + el.innerText.slice(0, 30));
  }
  return out;
}"""

LAYOUTS = {"900-sidebar-open": (900, True), "900-sidebar-closed": (900, False), "390": (390, False)}


def set_sidebar(page, want_open: bool) -> None:
    sidebar = page.get_by_test_id("stSidebar")

    def is_open() -> bool:
        box = sidebar.bounding_box()
        return bool(box and box["width"] > 50 and box["x"] + box["width"] > 50)

    if is_open() == want_open:
        return
    if want_open:
        page.get_by_test_id("stExpandSidebarButton").click()
    else:
        sidebar.hover()
        page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    expect(page.get_by_test_id("stExpandSidebarButton")).to_have_count(0 if want_open else 1)


def open_page(page, base_url: str, name: str) -> None:
    if name == "home":
        page.goto(base_url)
        expect(page.get_by_role("button", name="Start today's review")).to_be_visible(
            timeout=LOAD_MS
        )
    elif name == "browse":
        page.goto(f"{base_url}/browse?q=58")
        page.get_by_text("Show all answers").click()
        expect(page.locator(".st-key-browse_answer")).to_contain_text("smape", timeout=LOAD_MS)
    elif name == "progress":
        page.goto(f"{base_url}/progress")
        expect(page.get_by_text("Plan to the interview")).to_be_visible(timeout=LOAD_MS)
    elif name == "quiz":
        page.goto(f"{base_url}/quiz")
        page.get_by_role("button", name="Start session").click()
        page.locator(".st-key-quiz_answer textarea").fill("split antes de fit con un Pipeline")
        page.get_by_role("button", name="Show answer").click()
        expect(page.get_by_text("Model answer", exact=True)).to_be_visible(timeout=LOAD_MS)
    elif name == "demo":  # four metrics, one a text value ("run-04"), in a narrow main column
        page.goto(f"{base_url}/demos?demo=mlops.experiment_tracking")
        # exact: the demo's source code, shown further down, also says "best ROC AUC"
        metric = page.get_by_test_id("stMetricLabel").get_by_text("best ROC AUC", exact=True)
        expect(metric).to_be_visible(timeout=LOAD_MS)


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("name", ["home", "browse", "progress", "quiz", "demo"])
def test_nothing_is_cut(streamlit_server, browser, tmp_path, name, layout):
    """Buttons, links, metrics, labels and code lines show whole at this width."""
    width, sidebar_open = LAYOUTS[layout]
    context = browser.new_context(viewport={"width": width, "height": 2000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        open_page(page, streamlit_server, name)
        set_sidebar(page, sidebar_open)
        page.wait_for_timeout(500)  # the layout settles after the sidebar moves
        page.screenshot(path=str(tmp_path / f"{name}-{layout}.png"), full_page=True)
        assert page.evaluate(CUT_TEXT_JS) == []
    finally:
        context.close()


def test_a_typed_interview_date_applies_on_enter(streamlit_server, page):
    """Typing a date and pressing Enter updates the forecast without leaving the box."""
    page.goto(f"{streamlit_server}/progress")
    expect(page.get_by_text(re.compile(r"^Expected recall on "))).to_be_visible(timeout=LOAD_MS)
    later = datetime.now(UTC).date() + timedelta(days=40)
    page.get_by_role("spinbutton", name="year, Interview date").click()
    page.keyboard.type(later.strftime("%Y%m%d"))  # the segments advance by themselves
    page.keyboard.press("Enter")
    day = later.isoformat()
    expect(page.get_by_text(f"Expected recall on {day}")).to_be_visible(timeout=LOAD_MS)


def test_a_demos_widgets_wrap_two_by_two_in_a_narrow_main_column(streamlit_server, browser):
    """Four number inputs and sliders at 900 px with the sidebar open: each keeps at least
    12rem (its +/- buttons show) instead of four cramped columns of ~100 px."""
    context = browser.new_context(viewport={"width": 900, "height": 1400})
    page = context.new_page()
    try:
        page.goto(f"{streamlit_server}/demos?demo=carvision.data_filters")
        expect(page.get_by_text("Maximum odometer (miles)")).to_be_visible(timeout=LOAD_MS)
        set_sidebar(page, True)
        columns = page.locator('[class*="st-key-wrap_params_"] [data-testid="stColumn"]')
        expect(columns).to_have_count(4)
        widths = [columns.nth(i).bounding_box()["width"] for i in range(4)]
        assert min(widths) >= 12 * 16 - 1, widths  # 12rem at the default 16 px
        step_up = page.get_by_test_id("stNumberInputStepUp")
        assert all(step_up.nth(i).is_visible() for i in range(step_up.count()))
    finally:
        context.close()
