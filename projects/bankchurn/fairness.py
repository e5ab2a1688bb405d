"""BankChurn fairness: disparate impact by group (34, 102).

Pure (no Streamlit): the demo's declared params (projects/bankchurn/demos.py) are
validated before these functions run.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from projects import params as check
from projects.bankchurn.common import _LAYOUT, DEFAULT_SEED, FOUR_FIFTHS, _source, scored_test_set
from projects.demo import DemoResult


# ---------------------------------------------------------------------------- 9 fairness
def disparate_impact(rates: Mapping[str, float]) -> float:
    """Lowest / highest positive-prediction rate across groups (1 = parity; NaN if all 0)."""
    values = [float(v) for v in rates.values()]
    if not values:
        raise ValueError("disparate impact needs at least one group")
    highest = max(values)
    return float("nan") if highest == 0 else min(values) / highest


def group_rates(
    frame: pd.DataFrame, group: str, y_true: str = "y_true", y_pred: str = "y_pred"
) -> pd.DataFrame:
    """Per group: size, real positive rate, predicted positive rate, recall and precision."""
    rows = []
    for name, part in frame.groupby(group, sort=True, observed=True):
        truth, pred = part[y_true].to_numpy(bool), part[y_pred].to_numpy(bool)
        rows.append(
            {
                group: name,
                "customers": len(part),
                "actual churn rate": truth.mean(),
                "predicted positive rate": pred.mean(),
                "recall": (pred & truth).sum() / truth.sum() if truth.any() else float("nan"),
                "precision": (pred & truth).sum() / pred.sum() if pred.any() else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def _age_bucket(age: pd.Series) -> pd.Series:
    return pd.cut(age, [0, 29, 39, 49, 59, 200], labels=["<30", "30-39", "40-49", "50-59", "60+"])


@dataclass(frozen=True)
class Fairness:
    """What the fairness demo computed: per-group rates and the disparate impact."""

    attribute: str
    threshold: float
    table: pd.DataFrame  # per group: customers, actual / predicted rates, recall, precision
    source: str

    @property
    def disparate_impact(self) -> float:
        return disparate_impact(
            dict(
                zip(self.table[self.attribute], self.table["predicted positive rate"], strict=True)
            )
        )

    @property
    def most_flagged(self) -> str:
        return str(self.table.loc[self.table["predicted positive rate"].idxmax(), self.attribute])

    @property
    def most_churn(self) -> str:
        return str(self.table.loc[self.table["actual churn rate"].idxmax(), self.attribute])

    @property
    def claim_held(self) -> bool:
        """DI below four fifths, and the most flagged group is the one that churns most."""
        return bool(self.disparate_impact < FOUR_FIFTHS and self.most_flagged == self.most_churn)


def compute_fairness(
    attribute: str = "Geography",
    threshold: float = 0.5,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> Fairness:
    """Per-group rates and disparate impact (four-fifths rule) of the churn model."""
    seed = check.seed(seed)
    model, proba = scored_test_set(df, seed)
    X_test = model.data.X_test
    groups = _age_bucket(X_test["Age"]) if attribute == "Age_bucket" else X_test[attribute]
    frame = pd.DataFrame(
        {attribute: groups.to_numpy(), "y_true": model.data.y_test, "y_pred": proba >= threshold}
    )
    return Fairness(attribute, threshold, group_rates(frame, attribute), _source(df))


def present_fairness(found: Fairness) -> DemoResult:
    """The grouped bars and the sentences, from the computed rates."""
    attribute, threshold, table = found.attribute, found.threshold, found.table
    di, most_flagged, most_churn = found.disparate_impact, found.most_flagged, found.most_churn
    fig = go.Figure()
    for column, color in (
        ("actual churn rate", "#9D9D9D"),
        ("predicted positive rate", "#E45756"),
        ("recall", "#4C78A8"),
    ):
        fig.add_bar(
            x=table[attribute].astype(str), y=table[column], name=column, marker_color=color
        )
    fig.update_layout(
        barmode="group",
        title=f"Per-group rates by {attribute} (threshold {threshold:g}); DI = {di:.2f}",
        yaxis_tickformat=".0%",
        **_LAYOUT,
    )
    verdict = (
        "n/a (nobody flagged)"
        if math.isnan(di)
        else "alert (< 0.8)"
        if di < FOUR_FIFTHS
        else "pass (≥ 0.8)"
    )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "disparate impact": di,
            "four-fifths rule": verdict,
            "most flagged group": str(most_flagged),
            "highest real churn": str(most_churn),
        },
        figures=[fig],
        tables={f"Rates by {attribute}": table},
        notes=[
            f"{found.source}; DI = min / max of the predicted positive rate across groups "
            "(seed question 102).",
            "A low DI says the outcome rates differ; compare recall and the real churn rate "
            "per group before calling it bias (and remember the attribute is a model input).",
        ],
    )


def fairness(
    attribute: str = "Geography",
    threshold: float = 0.5,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """Per-group rates and disparate impact (four-fifths rule) of the churn model."""
    return present_fairness(compute_fairness(attribute, threshold, seed, df))
