"""Shared fixtures: isolated progress store and clean Streamlit caches for every test."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, ROOT / "tests"):  # tests/ too: helper modules such as postgres_server
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))


def pytest_addoption(parser):
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        help="fuzz tests: 50x more examples and a random seed (developer runs)",
    )


def pytest_configure(config):
    if config.getoption("--fuzz-long"):
        os.environ["SIMULACRO_FUZZ_LONG"] = "1"  # read by tests/test_fuzz_*.py at import


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """Every test gets its own progress folder; nothing touches the user's real data."""
    data_dir = tmp_path / "simulacro-data"
    monkeypatch.setenv("SIMULACRO_DATA_DIR", str(data_dir))
    # A developer's hosted-mode database is not the tests' either (they set their own).
    monkeypatch.delenv("SIMULACRO_DATABASE_URL", raising=False)
    return data_dir


@pytest.fixture(autouse=True)
def clear_streamlit_caches():
    """st.cache_* results leak between AppTests in one process; start each test clean."""
    yield
    if "streamlit" in sys.modules:
        import streamlit as st

        st.cache_data.clear()
        st.cache_resource.clear()


@pytest.fixture
def app_test():
    """An AppTest of the whole app, started from the entry point (multipage aware)."""
    from streamlit.testing.v1 import AppTest

    def make():
        return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)

    os.chdir(ROOT)
    return make


DEMO_SCRIPT = """
import streamlit as st
from projects.registry import all_demos
from ui.demos import render_demo
render_demo(all_demos()[st.query_params["demo"]], key_prefix="t")
"""


@pytest.fixture
def demo_app():
    """One demo's renderer alone in an AppTest (widget keys start with "t")."""
    from streamlit.testing.v1 import AppTest

    def run(demo_id: str):
        at = AppTest.from_string(DEMO_SCRIPT, default_timeout=60)
        at.query_params["demo"] = demo_id
        return at.run()

    return run


# ---------------------------------------------------------------- real browser (Playwright)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


def _chromium_path() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Debian's chromium. Missing browser: skip locally, fail when CI requires browsers."""
    path = _chromium_path()
    if path is None:
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("SIMULACRO_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory, chromium_executable):
    """One app server shared by the browser tests (base URL)."""
    from tools.server import running_app

    with running_app(tmp_path_factory.mktemp("browser-data")) as (base_url, _):
        yield base_url


@pytest.fixture
def fresh_streamlit_server(tmp_path, chromium_executable):
    """A server that no session has visited yet (for first-visit behaviour)."""
    from tools.server import running_app

    with running_app(tmp_path / "fresh-data") as (base_url, _):
        yield base_url


@pytest.fixture(scope="session")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser page (new context: no cookies or storage shared between tests)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    # `expect` has its own 5 s default: a first page load on a busy machine can take longer.
    from playwright.sync_api import expect

    expect.set_options(timeout=20_000)
    yield page
    context.close()


# ---------------------------------------------------------------- real PostgreSQL server
@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server (Debian's binaries). Missing: skip locally, fail in CI."""
    from tools.postgres_server import postgres_bin_dir, running_postgres

    if postgres_bin_dir() is None:
        message = "PostgreSQL's server binaries are not installed (apt-get install postgresql)"
        if os.environ.get("SIMULACRO_REQUIRE_POSTGRES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    with running_postgres() as server:
        yield server


@pytest.fixture(scope="session")
def postgres_url(postgres_server):
    """One database on the throwaway server for the store tests; each test uses learners of
    its own (the isolation the hosted store promises). The process's pools close after."""
    from simulacro import store_pg

    yield postgres_server.create_database("simulacro_tests")
    store_pg.close_pools()
