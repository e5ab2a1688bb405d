"""Shared fixtures: isolated progress store and clean Streamlit caches for every test."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """Every test gets its own progress folder; nothing touches the user's real data."""
    data_dir = tmp_path / "simulacro-data"
    monkeypatch.setenv("SIMULACRO_DATA_DIR", str(data_dir))
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
