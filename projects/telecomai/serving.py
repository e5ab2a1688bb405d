"""TelecomAI serving: the plan recommender behind a validated API (69, 70).

Pure (no Streamlit): the demo's declared params (projects/telecomai/demos.py) are
validated before these functions run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from projects import params as check
from projects.demo import DemoResult
from projects.telecomai.common import PLAN_COLORS
from projects.telecomai.data import FEATURES, PLANS, TARGET
from projects.telecomai.pipeline import (
    get_frame,
    register_frame,
    trained_model,
)

# ---------------------------------------------------------------- 69-70: recommender
# Form limits: generous around the real data set (maxima ~244 calls, 1,632 minutes,
# 224 messages, 49,745 MB) but rejecting what no monthly usage can be.
INPUT_RANGES: dict[str, tuple[float, float]] = {
    "calls": (0, 300),
    "minutes": (0, 3_000),
    "messages": (0, 300),
    "mb_used": (0, 60_000),
}
INTEGER_INPUTS = ("calls", "messages")


def validate_usage(calls: Any, minutes: Any, messages: Any, mb_used: Any) -> dict[str, float]:
    """The four usage values, or ValueError naming the field and its allowed range."""
    values = {"calls": calls, "minutes": minutes, "messages": messages, "mb_used": mb_used}
    clean: dict[str, float] = {}
    for name, value in values.items():
        low, high = INPUT_RANGES[name]
        clean[name] = check.number(name, value, low, high, integer=name in INTEGER_INPUTS)
    if clean["calls"] == 0 and clean["minutes"] > 0:
        raise ValueError("minutes > 0 with calls = 0 is impossible: check both fields")
    if clean["minutes"] > clean["calls"] * 60 and clean["calls"] > 0:
        raise ValueError(
            f"{clean['minutes']:,} minutes over {clean['calls']} calls is more than an hour per "
            "call on average: check minutes"
        )
    return clean


@dataclass(frozen=True)
class Recommendation:
    """What the recommender computed: the model's answer and where the usage sits."""

    usage: dict[str, float]
    p_ultra: float
    predicted: int  # 1 = Ultra
    sample: pd.DataFrame  # up to 800 known customers, for the scatter
    percentiles: pd.DataFrame  # value, percentile among Basic / Ultra (fractions)

    @property
    def plan(self) -> str:
        return PLANS[self.predicted]

    @property
    def confidence(self) -> float:
        """The probability of the recommended plan: max(p, 1 − p), not P(Ultra)."""
        return self.p_ultra if self.predicted == 1 else 1 - self.p_ultra

    @property
    def response(self) -> dict[str, Any]:
        return {"recommended_plan": self.plan, "confidence": round(self.confidence, 4)}

    @property
    def claim_held(self) -> bool:
        return bool(self.confidence >= 0.5 and (self.p_ultra >= 0.5) == (self.predicted == 1))


def compute_plan_recommender(
    calls: int = 60,
    minutes: float = 420.0,
    messages: int = 35,
    mb_used: float = 17_000.0,
    df: pd.DataFrame | None = None,
) -> Recommendation:
    """What POST /predict answers for one customer's monthly usage (plan + confidence)."""
    usage = validate_usage(calls, minutes, messages, mb_used)
    key = register_frame(df)
    trained = trained_model(key)
    features = pd.DataFrame([usage], columns=list(FEATURES)).astype(float)
    p_ultra = float(trained.pipeline.predict_proba(features)[0, 1])
    predicted = int(trained.pipeline.predict(features)[0])
    frame = get_frame(key)
    percentiles = pd.DataFrame(
        {
            "value": usage,
            "percentile among Basic": {
                f: float((frame.loc[frame[TARGET] == 0, f] <= v).mean()) for f, v in usage.items()
            },
            "percentile among Ultra": {
                f: float((frame.loc[frame[TARGET] == 1, f] <= v).mean()) for f, v in usage.items()
            },
        }
    )
    sample = frame.sample(n=min(800, len(frame)), random_state=0)
    return Recommendation(usage, p_ultra, predicted, sample, percentiles)


def present_plan_recommender(found: Recommendation) -> DemoResult:
    """The probability bars, the scatter and the sentences, from the computed answer."""
    usage, p_ultra, sample = found.usage, found.p_ultra, found.sample
    plan, confidence, response = found.plan, found.confidence, found.response
    scatter = go.Figure()
    for label, name in PLANS.items():
        part = sample[sample[TARGET] == label]
        scatter.add_trace(
            go.Scatter(
                x=part["minutes"],
                y=part["mb_used"],
                mode="markers",
                name=f"{name} customers",
                marker=dict(color=PLAN_COLORS[name], size=5, opacity=0.45),
            )
        )
    scatter.add_trace(
        go.Scatter(
            x=[usage["minutes"]],
            y=[usage["mb_used"]],
            mode="markers",
            name="this customer",
            marker=dict(color="black", size=16, symbol="star"),
        )
    )
    scatter.update_layout(
        title="Where this customer sits among known customers",
        xaxis_title="minutes",
        yaxis_title="mb_used",
        height=400,
    )
    gauge = go.Figure(
        go.Bar(
            x=[p_ultra, 1 - p_ultra],
            y=["P(Ultra)", "P(Basic)"],
            orientation="h",
            marker_color=[PLAN_COLORS["Ultra"], PLAN_COLORS["Basic"]],
            text=[f"{p_ultra:.1%}", f"{1 - p_ultra:.1%}"],
            textposition="auto",
        )
    )
    gauge.add_vline(
        x=0.5, line_dash="dot", annotation_text="threshold 0.5", annotation_position="top"
    )
    gauge.update_layout(title="Model probabilities", xaxis_range=[0, 1], height=260)

    percentiles = found.percentiles.copy()
    for column in ("percentile among Basic", "percentile among Ultra"):
        percentiles[column] = percentiles[column].map("{:.0%}".format)
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "Recommended plan": plan,
            "Confidence": f"{confidence:.1%}",
            "P(Ultra)": f"{p_ultra:.1%}",
        },
        figures=[gauge, scatter],
        tables={"Your usage vs customers of each plan": percentiles},
        notes=[
            "The form calls the same pipeline artifact as `POST /predict`; out-of-range "
            "input is rejected before the model sees it (the API would answer 422).",
            "Careful with the seed's snippet: it returns `confidence = P(Ultra)` even when "
            "it recommends Basic; the confidence of the recommended plan is max(p, 1 − p).",
            "Business use (Q70): sales contacts customers whose usage fits Ultra with a "
            "personalised offer; a low confidence means do not push the change.",
        ],
        extra={"response": response, "p_ultra": p_ultra},
    )


def plan_recommender(
    calls: int = 60,
    minutes: float = 420.0,
    messages: int = 35,
    mb_used: float = 17_000.0,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """What POST /predict answers for one customer's monthly usage (plan + confidence)."""
    return present_plan_recommender(compute_plan_recommender(calls, minutes, messages, mb_used, df))
