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
            "format": format_key(preset, session.get("config")),
            "format_label": format_label(preset, session.get("config")),
            "questions": questions,
            "answered": int(totals.get("answered", 0)),
            "coverage": None if coverage is None else float(coverage),
            "used_s": used,
            "budget_s": budget,
            "time_ratio": used / budget if budget > 0 else None,
        }
    except (AttributeError, TypeError, ValueError):
        return None


def format_key(preset: str, config: object) -> str:
    """What "the same format" means: the preset, and for a custom interview its shape
    (questions x seconds, follow-ups or not), so 3 x 15 s is not compared with 8 x 5 min."""
    if preset != "custom" or not isinstance(config, dict):
        return preset
    follow = "+f" if config.get("follow_ups") else ""
    return f"custom:{config.get('n_questions')}x{config.get('seconds_per_question')}s{follow}"


def format_label(preset: str, config: object) -> str:
    """The format as the learner reads it: "Rapid fire", "Custom · 3 × 00:15"."""
    label = text.PRESET_LABELS.get(preset, preset)
    if preset != "custom" or not isinstance(config, dict):
        return label
    try:
        shape = text.CUSTOM_SHAPE.format(
            n=int(config.get("n_questions")),
            per=format_clock(float(config.get("seconds_per_question"))),
        )
    except (TypeError, ValueError):
        return label
    return f"{label} · {shape}" + (text.CUSTOM_FOLLOW if config.get("follow_ups") else "")


def with_previous_same_format(frame: pd.DataFrame) -> pd.DataFrame:
    """Adds, per interview (oldest first), the mean coverage and time ratio of the EARLIER
    interviews of the same format (`prev_coverage`, `prev_time_ratio`: None for a first or
    when none of them has the figure) and how many there were (`prev_count`)."""
    seen: dict[str, list[pd.Series]] = {}
    prev: dict[str, list] = {"prev_coverage": [], "prev_time_ratio": [], "prev_count": []}
    for _, row in frame.iterrows():
        earlier = seen.setdefault(row["format"], [])
        for column in ("coverage", "time_ratio"):
            values = [float(r[column]) for r in earlier if pd.notna(r[column])]
            prev[f"prev_{column}"].append(sum(values) / len(values) if values else None)
        prev["prev_count"].append(len(earlier))
        earlier.append(row)
    out = frame.copy()
    for column, values in prev.items():
        out[column] = pd.Series(values, index=frame.index, dtype=float)
    out["prev_count"] = out["prev_count"].astype(int)
    return out


def history_frame(sessions: list[dict[str, Any]]) -> tuple[pd.DataFrame, int]:
    """(one row per readable saved interview, oldest first; how many were unreadable)."""
    rows = [summarize(s) for s in sessions if isinstance(s, dict)]
    good = [r for r in rows if r is not None]
    frame = pd.DataFrame(good)
    if not frame.empty:
        frame = with_previous_same_format(frame)
    return frame, len(sessions) - len(good)


def _points(delta: float | None) -> str | None:
    return None if delta is None or pd.isna(delta) else f"{delta * 100:+.0f} pp"


def render_latest_comparison(frame: pd.DataFrame) -> None:
    """The newest interview against the earlier ones of its format."""
    latest = frame.iloc[-1]
    count = int(latest["prev_count"])
    if count == 0:
        st.caption(text.COMPARE_FIRST.format(format=latest["format_label"]))
        return
    st.markdown(f"##### {text.COMPARE_TITLE.format(n=count, format=latest['format_label'])}")
    c1, c2 = st.columns(2)
    cov, prev_cov = latest["coverage"], latest["prev_coverage"]
    c1.metric(
        text.TREND_COVERAGE,
        "—" if pd.isna(cov) else f"{cov:.0%}",
        delta=None if pd.isna(cov) else _points(cov - prev_cov),
        help=text.COMPARE_HELP.format(
            before="—" if pd.isna(prev_cov) else f"{prev_cov:.0%}", n=count
        ),
    )
    ratio, prev_ratio = latest["time_ratio"], latest["prev_time_ratio"]
    c2.metric(
        text.TREND_TIME,
        "—" if pd.isna(ratio) else f"{ratio:.0%}",
        delta=None if pd.isna(ratio) else _points(ratio - prev_ratio),
        delta_color="off",  # using more or less of the time is neither good nor bad
        help=text.COMPARE_HELP.format(
            before="—" if pd.isna(prev_ratio) else f"{prev_ratio:.0%}", n=count
        ),
    )


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
    render_latest_comparison(frame)
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
            text.H_VS_PREVIOUS: [
                text.H_FIRST if n == 0 else (_points(c - p) if pd.notna(c) and pd.notna(p) else "—")
                for c, p, n in zip(
                    frame["coverage"], frame["prev_coverage"], frame["prev_count"], strict=True
                )
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
