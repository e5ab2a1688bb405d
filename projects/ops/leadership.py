"""Leadership: RICE prioritisation (question 113).

Pure simulations (no Streamlit): compute_* returns numbers, present_* the DemoResult; the
demo's declared params (projects/ops/demos.py) are validated before these functions run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from projects.demo import DemoResult

# ============================================================ 113: RICE
RICE_COLUMNS: tuple[str, ...] = ("feature", "reach", "impact", "confidence", "effort")
DEFAULT_RICE = pd.DataFrame(
    [
        ("Drift monitoring + alerts", 4_000, 2.0, 80, 2.0),
        ("Real-time plan recommender API", 10_000, 3.0, 50, 8.0),
        ("SHAP explanations in the dashboard", 1_500, 1.0, 80, 1.0),
        ("Automatic retraining pipeline", 8_000, 2.0, 50, 5.0),
        ("Dark mode for the dashboard", 6_000, 0.25, 100, 0.5),
    ],
    columns=list(RICE_COLUMNS),
)


def rice_scores(table: pd.DataFrame) -> pd.DataFrame:
    """RICE = reach × impact × confidence / effort, ranked (confidence given in %)."""
    scored = table.copy()
    scored["RICE"] = (
        scored["reach"] * scored["impact"] * (scored["confidence"] / 100) / scored["effort"]
    )
    scored = scored.sort_values("RICE", ascending=False, kind="stable").reset_index(drop=True)
    scored.insert(0, "rank", range(1, len(scored) + 1))
    return scored


def _validate_rice(table: Any) -> pd.DataFrame:
    if table is None:
        return DEFAULT_RICE.copy()
    frame = pd.DataFrame(table)
    missing = [c for c in RICE_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"the table lacks column(s) {missing}")
    frame = frame.loc[:, list(RICE_COLUMNS)].dropna(how="all").reset_index(drop=True)
    if not 2 <= len(frame) <= 30:
        raise ValueError(f"rank between 2 and 30 features; the table has {len(frame)}")
    limits = {
        "reach": (0, 1e9, "users per quarter"),
        "impact": (0.25, 3, "3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal"),
        "confidence": (0, 100, "percent"),
        "effort": (0.01, 1_000, "person-months, > 0: RICE divides by it"),
    }
    for i, row in frame.iterrows():
        name = row["feature"]
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"row {i + 1}: the feature needs a name")
        for column, (low, high, unit) in limits.items():
            value = row[column]
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = math.nan
            if not math.isfinite(number) or not low <= number <= high:
                raise ValueError(
                    f"row {i + 1} ({name}): {column}={value!r} must be in "
                    f"[{low:g}, {high:g}] ({unit})"
                )
            frame.loc[i, column] = number
    duplicated = frame["feature"][frame["feature"].duplicated()]
    if len(duplicated):
        raise ValueError(f"duplicate feature names: {sorted(set(duplicated))}")
    return frame.astype({c: float for c in RICE_COLUMNS[1:]})


@dataclass(frozen=True)
class RiceRanking:
    """What the RICE demo computed: the ranking by RICE next to the ranking by impact."""

    scored: pd.DataFrame  # rank, feature, reach, impact, confidence, effort, RICE, rank by impact
    top_rice: str
    top_impact: str

    @property
    def claim_held(self) -> bool:
        """RICE puts a different feature first than impact alone would."""
        return bool(self.top_rice != self.top_impact)

    @property
    def rice_rank_of_top_impact(self) -> int:
        return int(self.scored.loc[self.scored["feature"] == self.top_impact, "rank"].iloc[0])


def compute_rice_prioritization(
    table: pd.DataFrame | list[dict[str, Any]] | None = None,
) -> RiceRanking:
    """Rank the features by RICE and by impact alone (ties by reach)."""
    frame = _validate_rice(table)
    scored = rice_scores(frame)
    by_impact = frame.sort_values(["impact", "reach"], ascending=False, kind="stable")
    scored["rank by impact"] = scored["feature"].map(
        {name: rank for rank, name in enumerate(by_impact["feature"], start=1)}
    )
    return RiceRanking(scored, scored["feature"].iloc[0], by_impact["feature"].iloc[0])


def present_rice_prioritization(found: RiceRanking) -> DemoResult:
    """Bar and bubble charts, metrics and sentences, from the two rankings."""
    scored, top_rice, top_impact = found.scored, found.top_rice, found.top_impact
    fig = go.Figure(
        go.Bar(
            x=scored["RICE"][::-1],
            y=scored["feature"][::-1],
            orientation="h",
            marker_color=[
                "#54A24B" if f == top_rice else "#4C78A8" for f in scored["feature"][::-1]
            ],
            text=[f"{v:,.0f}" for v in scored["RICE"][::-1]],
            textposition="auto",
        )
    )
    fig.update_layout(title="RICE score = reach × impact × confidence / effort", height=340)
    value = scored["reach"] * scored["impact"] * scored["confidence"] / 100
    bubble = go.Figure(
        go.Scatter(
            x=scored["effort"],
            y=value,
            mode="markers+text",
            text=scored["feature"],
            textposition="top center",
            marker=dict(
                size=np.sqrt(scored["RICE"] / scored["RICE"].max()) * 40 + 8,
                color="#F58518",
                opacity=0.6,
            ),
        )
    )
    bubble.update_layout(
        title="Value (R × I × C) vs effort: top-left is cheap and valuable",
        xaxis_title="effort (person-months)",
        yaxis_title="reach × impact × confidence",
        height=380,
    )
    shown = scored.copy()
    shown["RICE"] = shown["RICE"].round(0)
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "Top RICE score": f"{scored['RICE'].iloc[0]:,.0f}",
            "RICE rank of the top-impact feature": found.rice_rank_of_top_impact,
            "Features ranked": len(scored),
        },
        figures=[fig, bubble],
        tables={"Ranking": shown},
        notes=[
            f"By impact alone, '{top_impact}' would go first; RICE puts '{top_rice}' first "
            "because it divides by effort and discounts uncertain bets by confidence.",
            "RICE informs the decision, it does not make it: check strategic fit and "
            "dependencies (a cheap cosmetic feature can score high), and revisit confidence "
            "once a spike reduces uncertainty.",
        ],
        extra={"scored": scored, "top_rice": top_rice, "top_impact": top_impact},
    )


def rice_prioritization(table: pd.DataFrame | list[dict[str, Any]] | None = None) -> DemoResult:
    """Rank ML features by RICE and compare with ranking by impact alone."""
    return present_rice_prioritization(compute_rice_prioritization(table))
