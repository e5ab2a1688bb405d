"""The Progress page's plotly figures, built once per distinct data and shared.

Building a plotly figure validates every property (~10 ms per chart here), and the page
reruns on every widget change; the figures only change when a review is written or the
interview date moves, so they are cached on the plain numbers they show.
"""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import streamlit as st

from ui.text import progress as text

DAY_HOVER = "%{x|%a %d %b}: %{y}<extra></extra>"
PERCENT = {"tickformat": ".0%", "range": [0, 1]}


def _finish(fig: go.Figure, height: int) -> go.Figure:
    fig.update_yaxes(rangemode="tozero")
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=height,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        bargap=0.25,
    )
    return fig


@st.cache_resource(show_spinner=False, max_entries=64)
def mastery_chart(
    sections: tuple[str, ...],
    today: tuple[float, ...],
    seen_labels: tuple[str, ...],
    on_day: tuple[float, ...],
    day: date,
) -> go.Figure:
    """Predicted recall per section today and on the interview day (grouped bars)."""
    fig = go.Figure(
        [
            go.Bar(
                name=text.TODAY,
                x=list(today),
                y=list(sections),
                orientation="h",
                customdata=list(seen_labels),
                hovertemplate="%{y}: %{x:.0%} (%{customdata})<extra></extra>",
            ),
            go.Bar(
                name=text.ON_DAY.format(day=day.isoformat()),
                x=list(on_day),
                y=list(sections),
                orientation="h",
                text=[f"{value:.0%}" for value in on_day],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{x:.0%}<extra></extra>",
            ),
        ]
    )
    fig.update_layout(
        barmode="group",
        xaxis={**PERCENT, "title": text.RECALL_AXIS},
        yaxis={"autorange": "reversed", "title": None},
    )
    return _finish(fig, height=460)


@st.cache_resource(show_spinner=False, max_entries=64)
def activity_chart(
    past: tuple[date, ...],
    done: tuple[int, ...],
    due_days: tuple[date, ...],
    due_counts: tuple[int, ...],
) -> go.Figure:
    """Reviews per day (last 30 days) next to cards due (next 7 days)."""
    fig = go.Figure(
        [
            go.Bar(name=text.REVIEWS_DONE, x=list(past), y=list(done), hovertemplate=DAY_HOVER),
            go.Bar(
                name=text.DUE_7,
                x=list(due_days),
                y=list(due_counts),
                text=[n or "" for n in due_counts],
                textposition="outside",
                cliponaxis=False,
                hovertemplate=DAY_HOVER,
            ),
        ]
    )
    fig.update_layout(barmode="group", xaxis_title=text.DAY_AXIS, yaxis_title=text.COUNT_AXIS)
    if not any(done) and not any(due_counts):  # else plotly draws a -1..1 axis
        fig.update_yaxes(range=[0, 5])
    return _finish(fig, height=300)


@st.cache_resource(show_spinner=False, max_entries=64)
def plan_chart(days: tuple[date, ...], reviews: tuple[int, ...], new: tuple[int, ...]) -> go.Figure:
    """The plan's cards per day until the interview: reviews and new cards, stacked."""
    fig = go.Figure(
        [
            go.Bar(name=text.PLAN_REVIEWS, x=list(days), y=list(reviews), hovertemplate=DAY_HOVER),
            go.Bar(name=text.PLAN_NEW, x=list(days), y=list(new), hovertemplate=DAY_HOVER),
        ]
    )
    fig.update_layout(barmode="stack", xaxis_title=text.DAY_AXIS, yaxis_title=text.COUNT_AXIS)
    return _finish(fig, height=260)
