"""History of saved mock interviews and the trend of coverage and timing (Progress page)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from simulacro.interview import format_clock
from ui.text import mock as text

CHART_CONFIG = {"displayModeBar": False}


def summarize(session: dict[str, Any]) -> dict[str, Any] | None:
    """One row of the history from a saved report dict; None if it cannot be read.

    Saved reports come back from SQLite or from an imported JSON file, so nothing about
    their shape is trusted: a malformed one is skipped (and counted), never a traceback.
    """
    try:
        totals = session.get("totals") or {}
        questions = int(totals.get("questions", len(session.get("rows") or [])))
        coverage = totals.get("mean_coverage")
        used = float(totals.get("time_used_s", 0.0))
        budget = float(totals.get("time_budget_s", 0.0))
        preset = str(session.get("preset", "?"))
        when = str(session.get("started_at") or session.get("saved_at") or "")
        return {
            "id": session.get("id"),
            "when": when[:16].replace("T", " "),
            "preset": text.PRESET_LABELS.get(preset, preset),
            "questions": questions,
            "answered": int(totals.get("answered", 0)),
            "coverage": None if coverage is None else float(coverage),
            "used_s": used,
            "budget_s": budget,
            "time_ratio": used / budget if budget > 0 else None,
        }
    except (AttributeError, TypeError, ValueError):
        return None


def history_frame(sessions: list[dict[str, Any]]) -> tuple[pd.DataFrame, int]:
    """(one row per readable saved interview, oldest first; how many were unreadable)."""
    rows = [summarize(s) for s in sessions if isinstance(s, dict)]
    good = [r for r in rows if r is not None]
    return pd.DataFrame(good), len(sessions) - len(good)


def trend_chart(frame: pd.DataFrame) -> go.Figure:
    """Coverage and time used / budget, one point per interview."""
    x = list(range(1, len(frame) + 1))
    values = [v for v in [*frame["coverage"], *frame["time_ratio"]] if pd.notna(v)]
    top = max([1.0, *values])
    fig = go.Figure()
    fig.add_scatter(
        x=x,
        y=frame["coverage"],
        mode="lines+markers",
        name=text.TREND_COVERAGE,
        customdata=frame["when"],
        hovertemplate="%{customdata}<br>%{y:.0%}<extra></extra>",
    )
    fig.add_scatter(
        x=x,
        y=frame["time_ratio"],
        mode="lines+markers",
        name=text.TREND_TIME,
        customdata=frame["when"],
        hovertemplate="%{customdata}<br>%{y:.0%}<extra></extra>",
        line={"dash": "dot"},
    )
    fig.update_layout(
        height=300,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis={"title": text.TREND_X, "dtick": 1},
        # 0-100 % at least, so a flat line near 0 does not get an axis of "0%" ticks.
        yaxis={"title": text.TREND_Y, "tickformat": ".0%", "range": [0, top * 1.05]},
        legend={"orientation": "h", "y": 1.15},
    )
    return fig


def render_mock_history(store) -> None:
    """Table of saved interviews and the coverage/timing trend across them."""
    frame, unreadable = history_frame(store.mock_sessions())
    if unreadable:
        st.warning(text.HISTORY_SKIPPED.format(n=unreadable))
    if frame.empty:
        st.caption(text.HISTORY_EMPTY)
        return
    st.markdown(f"##### {text.TREND}")
    st.plotly_chart(trend_chart(frame), config=CHART_CONFIG, key="mock_history_trend")
    st.markdown(f"##### {text.HISTORY_TABLE}")
    table = pd.DataFrame(
        {
            text.H_DATE: frame["when"],
            text.H_FORMAT: frame["preset"],
            text.H_QUESTIONS: frame["questions"],
            text.H_ANSWERED: frame["answered"],
            text.H_COVERAGE: [None if pd.isna(c) else round(c * 100) for c in frame["coverage"]],
            text.H_TIME: [
                f"{format_clock(u)} / {format_clock(b)}"
                for u, b in zip(frame["used_s"], frame["budget_s"], strict=True)
            ],
        }
    ).iloc[::-1]  # newest first
    st.dataframe(
        table,
        hide_index=True,
        key="mock_history_table",
        column_config={
            text.H_COVERAGE: st.column_config.ProgressColumn(
                text.H_COVERAGE, min_value=0, max_value=100, format="%d %%"
            )
        },
    )
