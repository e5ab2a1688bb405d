"""BankChurn decisions: risk levels from probabilities (41, 12) and the cost-minimising
threshold (12).

Pure (no Streamlit): the demo's declared params (projects/bankchurn/demos.py) are
validated before these functions run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from projects import params as check
from projects.bankchurn import pipeline as bc
from projects.bankchurn.common import _LAYOUT, DEFAULT_SEED, RISK_ACTIONS, _source, scored_test_set
from projects.demo import DemoResult

# ---------------------------------------------------------------------------- 1 risk levels
assign_risk_level = bc.assign_risk_level  # one definition, shared with the API


@dataclass(frozen=True)
class RiskLevels:
    """What the risk-levels demo computed: per-level counts and real churn rates."""

    low: float
    high: float
    proba: np.ndarray  # churn probability of each test customer
    y_test: np.ndarray
    table: pd.DataFrame  # level, customers, share, churners, churn_rate, action
    source: str

    @property
    def claim_held(self) -> bool:
        """Every level has customers and the real churn rate rises low < medium < high."""
        rates = self.table["churn_rate"].to_numpy()
        return bool(np.all(self.table["customers"] > 0) and rates[0] < rates[1] < rates[2])


def compute_risk_levels(
    low: float = 0.3, high: float = 0.7, seed: int = DEFAULT_SEED, df: pd.DataFrame | None = None
) -> RiskLevels:
    """Customers and real churn rate per risk level for adjustable low/high thresholds."""
    if not low < high:
        raise ValueError(f"the low threshold ({low:g}) must be below the high one ({high:g})")
    seed = check.seed(seed)
    model, proba = scored_test_set(df, seed)
    y = np.asarray(model.data.y_test)
    levels = assign_risk_level(proba, low, high)
    rows = []
    for level in ("low", "medium", "high"):
        mask = levels == level
        count = int(mask.sum())
        rows.append(
            {
                "level": level,
                "customers": count,
                "share": count / len(y),
                "churners": int(y[mask].sum()),
                "churn_rate": float(y[mask].mean()) if count else float("nan"),
                "action": RISK_ACTIONS[level],
            }
        )
    return RiskLevels(low, high, proba, y, pd.DataFrame(rows), _source(df))


def present_risk_levels(found: RiskLevels) -> DemoResult:
    """The histogram, the churn-rate bars and the sentences, from the computed numbers."""
    low, high, proba, y, table = found.low, found.high, found.proba, found.y_test, found.table
    rows = table.to_dict("records")
    hist = go.Figure()
    for label, value, color in (("stayed", 0, "#4C78A8"), ("churned", 1, "#E45756")):
        hist.add_histogram(
            x=proba[y == value], name=label, nbinsx=40, marker_color=color, opacity=0.75
        )
    for x, name in ((low, "low"), (high, "high")):
        hist.add_vline(x=x, line_dash="dash", annotation_text=f"{name} = {x:g}")
    hist.update_layout(
        barmode="overlay",
        title="Predicted churn probability (test customers)",
        xaxis_title="probability",
        yaxis_title="customers",
        **_LAYOUT,
    )
    bars = go.Figure(
        go.Bar(
            x=table["level"],
            y=table["churn_rate"],
            marker_color=["#54A24B", "#F58518", "#E45756"],
            text=[
                f"{r:.0%}<br>{c} customers" if c else "empty"
                for r, c in zip(table["churn_rate"].fillna(0), table["customers"], strict=True)
            ],
            textposition="auto",
        )
    )
    bars.update_layout(
        title="Real churn rate per risk level",
        yaxis_tickformat=".0%",
        yaxis_title="churn rate",
        **_LAYOUT,
    )
    empty = [r["level"] for r in rows if r["customers"] == 0]
    notes = [f"Test set of {len(y):,} customers, {found.source}; base churn rate {y.mean():.1%}."]
    if empty:
        notes.append(f"No customer falls in: {', '.join(empty)}. Move the thresholds.")
    return DemoResult(
        claim_held=found.claim_held,
        metrics={f"{r['level']} churn rate": r["churn_rate"] for r in rows}
        | {"high-risk customers": rows[2]["customers"]},
        figures=[hist, bars],
        tables={"Customers and churn per risk level": table},
        notes=notes,
    )


def risk_levels(
    low: float = 0.3, high: float = 0.7, seed: int = DEFAULT_SEED, df: pd.DataFrame | None = None
) -> DemoResult:
    """Customers and real churn rate per risk level for adjustable low/high thresholds."""
    return present_risk_levels(compute_risk_levels(low, high, seed, df))


# ---------------------------------------------------------------------------- 2 threshold cost
def threshold_sweep(
    y_true: np.ndarray, proba: np.ndarray, thresholds: np.ndarray, cost_fn: float, cost_fp: float
) -> pd.DataFrame:
    """Precision, recall, F1, FN, FP and business cost FN*cost_fn + FP*cost_fp per threshold."""
    y = np.asarray(y_true).astype(bool)
    predicted = np.asarray(proba)[None, :] >= np.asarray(thresholds)[:, None]
    tp = (predicted & y).sum(axis=1)
    fp = (predicted & ~y).sum(axis=1)
    fn = (~predicted & y).sum(axis=1)
    # precision is undefined (NaN) when nobody is flagged
    precision = np.divide(tp, tp + fp, out=np.full(len(tp), np.nan), where=(tp + fp) > 0)
    recall = tp / max(int(y.sum()), 1)
    f1 = np.divide(
        2 * precision * recall,
        precision + recall,
        out=np.zeros(len(tp)),
        where=(precision + recall) > 0,
    )
    return pd.DataFrame(
        {
            "threshold": thresholds,
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "false_negatives": fn,
            "false_positives": fp,
            "cost": fn * cost_fn + fp * cost_fp,
        }
    )


@dataclass(frozen=True)
class ThresholdCost:
    """What the threshold-cost demo computed: the sweep over thresholds and its optimum."""

    cost_fn: float
    cost_fp: float
    threshold: float  # the chosen one (rounded to the grid)
    sweep: pd.DataFrame  # threshold, precision, recall, f1, FN, FP, cost
    customers: int
    source: str

    @property
    def best(self) -> pd.Series:
        return self.sweep.loc[self.sweep["cost"].idxmin()]

    @property
    def theory(self) -> float:
        """c_FP / (c_FP + c_FN): the Bayes-optimal cut for calibrated probabilities."""
        return self.cost_fp / (self.cost_fp + self.cost_fn)

    def cost_at(self, threshold: float) -> float:
        return float(self.sweep.set_index("threshold").loc[threshold, "cost"])

    @property
    def claim_held(self) -> bool:
        """The cheapest threshold is within 0.15 of the theory and no dearer than 0.5."""
        best = self.best
        return bool(
            abs(best["threshold"] - self.theory) <= 0.15 and best["cost"] <= self.cost_at(0.5)
        )


def compute_threshold_cost(
    cost_fn: float = 500.0,
    cost_fp: float = 50.0,
    threshold: float = 0.5,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> ThresholdCost:
    """Precision/recall/F1 and the business cost of errors as the decision threshold moves."""
    if cost_fn + cost_fp == 0:
        raise ValueError("at least one of the two error costs must be above 0")
    threshold = round(threshold, 4)
    seed = check.seed(seed)
    model, proba = scored_test_set(df, seed)
    # Round BEFORE de-duplicating: arange's 0.5700000000000001 and the slider's 0.57 are two
    # values until rounded, and a repeated index made at.loc[0.57] a Series (issue 10).
    grid = np.unique(np.round(np.r_[np.arange(0.01, 1.0, 0.01), threshold], 4))
    sweep = threshold_sweep(model.data.y_test, proba, grid, cost_fn, cost_fp)
    return ThresholdCost(cost_fn, cost_fp, threshold, sweep, len(proba), _source(df))


def present_threshold_cost(found: ThresholdCost) -> DemoResult:
    """The curves, the cost figure and the sentences, from the computed sweep."""
    sweep, best, threshold = found.sweep, found.best, found.threshold
    cost_fn, cost_fp, theory = found.cost_fn, found.cost_fp, found.theory
    at = sweep.set_index("threshold")
    cost_default, cost_chosen = found.cost_at(0.5), found.cost_at(threshold)

    curves = go.Figure()
    for column, color in (("precision", "#4C78A8"), ("recall", "#E45756"), ("f1", "#54A24B")):
        curves.add_scatter(
            x=sweep["threshold"], y=sweep[column], name=column, line={"color": color}
        )
    curves.add_vline(x=threshold, line_dash="dash", annotation_text=f"chosen {threshold:g}")
    curves.update_layout(
        title="Precision, recall and F1 of the churn class vs threshold",
        xaxis_title="threshold",
        **_LAYOUT,
    )
    cost_fig = go.Figure(go.Scatter(x=sweep["threshold"], y=sweep["cost"], name="cost"))
    cost_fig.add_vline(
        x=float(best["threshold"]),
        line_dash="dash",
        line_color="#54A24B",
        annotation_text=f"optimum {best['threshold']:.2f}",
    )
    cost_fig.add_vline(
        x=0.5, line_dash="dot", annotation_text="0.5", annotation_position="bottom right"
    )
    cost_fig.update_layout(
        title=f"Business cost = FN × {cost_fn:g} + FP × {cost_fp:g}",
        xaxis_title="threshold",
        yaxis_title="cost",
        **_LAYOUT,
    )
    chosen = at.loc[[threshold]].reset_index()
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "optimal threshold": float(best["threshold"]),
            "c_FP/(c_FP+c_FN)": round(theory, 3),
            "cost at optimum": float(best["cost"]),
            "cost at 0.5": cost_default,
            "cost at chosen": cost_chosen,
            "saving vs 0.5": cost_default - float(best["cost"]),
            "best-F1 threshold": float(sweep.loc[sweep["f1"].idxmax(), "threshold"]),
        },
        figures=[curves, cost_fig],
        tables={
            "At the chosen threshold": chosen,
            "Optimal threshold": best.to_frame().T.reset_index(drop=True),
        },
        notes=[
            f"Test set of {found.customers:,} customers, {found.source}.",
            "For calibrated probabilities the cheapest cut is c_FP / (c_FP + c_FN): flag a "
            "customer when p × c_FN > (1 − p) × c_FP.",
        ],
    )


def threshold_cost(
    cost_fn: float = 500.0,
    cost_fp: float = 50.0,
    threshold: float = 0.5,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """Precision/recall/F1 and the business cost of errors as the decision threshold moves."""
    return present_threshold_cost(compute_threshold_cost(cost_fn, cost_fp, threshold, seed, df))
