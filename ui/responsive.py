"""Layout that holds at 900 px with the sidebar open and on a phone (390 px).

Streamlit stacks st.columns only when the whole window is under 640 px, so at 900 px with
the 300 px sidebar open two or three columns share ~440 px and cut their labels, code and
buttons. This fixed stylesheet (no user or file content) lets the columns of a container
whose key starts with "wrap_" wrap onto rows when each would be narrower than 20rem, and
wraps long page-link labels and code lines inside Markdown instead of cutting them ("…")
or hiding them behind a scroll bar.
"""

from __future__ import annotations

import streamlit as st

WRAP_PREFIX = "wrap_"
MIN_COLUMN = "20rem"
METRICS_PREFIX = f"{WRAP_PREFIX}metrics_"  # rows of st.metric: narrower columns suffice
MIN_METRIC = "10rem"
PARAMS_PREFIX = f"{WRAP_PREFIX}params_"  # a demo's widgets: a slider needs about 12rem
MIN_PARAM = "12rem"
_ROW = (
    f'[class*="st-key-{WRAP_PREFIX}"] > [data-testid="stLayoutWrapper"]'
    ' > [data-testid="stHorizontalBlock"]'
)
_CSS = f"""
<style>
{_ROW} {{
  flex-wrap: wrap;
}}
{_ROW} > [data-testid="stColumn"] {{
  min-width: min({MIN_COLUMN}, 100%);
}}
{_ROW.replace(WRAP_PREFIX, METRICS_PREFIX)} > [data-testid="stColumn"] {{
  min-width: min({MIN_METRIC}, 100%);
}}
{_ROW.replace(WRAP_PREFIX, PARAMS_PREFIX)} > [data-testid="stColumn"] {{
  min-width: min({MIN_PARAM}, 100%);
}}
[data-testid="stMain"] [data-testid^="stPageLink"] p {{
  white-space: normal;
  overflow: visible;
  text-overflow: clip;
}}
[data-testid="stMarkdownContainer"] pre, [data-testid="stMarkdownContainer"] pre code {{
  white-space: pre-wrap !important;
  overflow-wrap: anywhere;
}}
</style>
"""


def apply_responsive_css() -> None:
    """Call once per run, from the entry point (it draws nothing)."""
    st.html(_CSS)


def wrap_key(name: str) -> str:
    """The key of a container whose columns wrap when the page is narrow."""
    return f"{WRAP_PREFIX}{name}"


def metrics_key(name: str) -> str:
    """The key of a row of metrics that wraps (at 10rem a column) instead of cutting values."""
    return f"{METRICS_PREFIX}{name}"


def params_key(name: str) -> str:
    """The key of a row of demo widgets that wraps (at 12rem a column) instead of crowding."""
    return f"{PARAMS_PREFIX}{name}"
