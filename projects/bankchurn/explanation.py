"""BankChurn explanations: mean-distance z-scores vs exact logistic-regression attribution (42,
13).

Pure (no Streamlit): the demo's declared params (projects/bankchurn/demos.py) are
validated before these functions run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from projects import params as check
from projects.bankchurn import pipeline as bc
from projects.bankchurn.common import (
    _LAYOUT,
    DEFAULT_SEED,
    SYNTHETIC_ROWS,
    TEST_SHARE,
    _source,
    trained_model,
)
from projects.demo import DemoResult


# ---------------------------------------------------------------------------- 3 explanation
def mean_distance_explanation(row: np.ndarray, means: np.ndarray, stds: np.ndarray) -> np.ndarray:
    """Seed question 42's `_generate_explanation`: (x - mean) / (std + 1e-8) per feature."""
    return (row - means) / (stds + 1e-8)


def linear_contributions(row: np.ndarray, means: np.ndarray, coef: np.ndarray) -> np.ndarray:
    """Exact per-feature log-odds contributions of a linear model: coef * (x - mean).

    They add up to logit(x) - logit(mean customer), so they really explain the prediction.
    """
    return coef * (row - means)


def last_test_row(df: pd.DataFrame | None) -> int:
    """Index of the last test-set customer (the bound of `customer`): the configured 20 %."""
    rows = SYNTHETIC_ROWS if df is None else len(df)
    return max(math.ceil(rows * TEST_SHARE) - 1, 0)


@dataclass(frozen=True)
class Explanation:
    """What the explanation demo computed: z-scores and exact contributions per feature."""

    customer: int
    top_k: int
    table: pd.DataFrame  # sorted by |contribution|: value, z, contribution, ranks, signs
    logit_x: float
    gap: float  # |Σ contributions − Δlogit|, ~1e-15: the decomposition is exact
    raw: dict  # the customer's raw feature values
    test_customers: int
    source: str

    @property
    def top_z(self) -> set[str]:
        return set(self.table.nsmallest(self.top_k, "rank by |z|")["feature"])

    @property
    def top_contribution(self) -> set[str]:
        return set(self.table.nsmallest(self.top_k, "rank by |contribution|")["feature"])

    @property
    def sign_flips(self) -> list[str]:
        return self.table.loc[self.table["signs disagree"], "feature"].tolist()

    @property
    def claim_held(self) -> bool:
        """Different top features, or a material contribution against the z-score's sign."""
        return bool(self.top_z != self.top_contribution or self.sign_flips)


def compute_explanation_vs_attribution(
    customer: int = 0,
    top_k: int = 3,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> Explanation:
    """The seed's z-score "explanation" next to exact logistic-regression contributions."""
    seed = check.seed(seed)
    if isinstance(top_k, bool) or not isinstance(top_k, (int, np.integer)) or top_k < 1:
        raise ValueError(f"top_k must be a positive integer, got {top_k!r}")
    model = trained_model(df, seed, **{"model.name": "logistic_regression"})
    X_test = model.data.X_test
    if (
        isinstance(customer, bool)
        or not isinstance(customer, (int, np.integer))
        or not (0 <= customer < len(X_test))
    ):
        raise ValueError(f"customer must be an integer in [0, {len(X_test) - 1}], got {customer!r}")
    pre, lr = model.pipeline.named_steps["preprocess"], model.pipeline.named_steps["model"]
    names = bc.encoded_feature_names(model.pipeline)
    if top_k > len(names):
        raise ValueError(f"top_k must be at most {len(names)} (the number of features)")
    train_enc = pre.transform(model.data.X_train)
    means, stds = train_enc.mean(axis=0), train_enc.std(axis=0)
    row = pre.transform(X_test.iloc[[customer]])[0]
    z = mean_distance_explanation(row, means, stds)
    contrib = linear_contributions(row, means, lr.coef_[0])
    logit_x = float(lr.decision_function(row[None, :])[0])
    logit_mean = float(lr.decision_function(means[None, :])[0])
    gap = abs(contrib.sum() - (logit_x - logit_mean))  # ~1e-15: the decomposition is exact

    raw = X_test.iloc[customer]
    numeric, _ = bc.feature_columns(model.config)
    shown = [raw[n] if n in numeric else row[j] for j, n in enumerate(names)]
    table = pd.DataFrame(
        {
            "feature": names,
            "customer value": [float(v) for v in shown],
            "z_score (seed)": z,
            "contribution (log-odds)": contrib,
        }
    )
    table["rank by |z|"] = table["z_score (seed)"].abs().rank(ascending=False, method="first")
    table["rank by |contribution|"] = (
        table["contribution (log-odds)"].abs().rank(ascending=False, method="first")
    )
    material = table["contribution (log-odds)"].abs() >= 0.05
    table["signs disagree"] = material & (
        np.sign(table["z_score (seed)"]) != np.sign(table["contribution (log-odds)"])
    )
    return Explanation(
        customer=customer,
        top_k=top_k,
        table=table.sort_values("rank by |contribution|").reset_index(drop=True),
        logit_x=logit_x,
        gap=float(gap),
        raw=raw.to_dict(),
        test_customers=len(X_test),
        source=_source(df),
    )


def present_explanation_vs_attribution(found: Explanation) -> DemoResult:
    """The paired bars and the sentences, from the computed table."""
    table, customer, top_k, raw = found.table, found.customer, found.top_k, found.raw
    top_z, top_c, sign_flips = found.top_z, found.top_contribution, found.sign_flips
    rank_corr = float(table["rank by |z|"].corr(table["rank by |contribution|"]))
    logit_x, gap = found.logit_x, found.gap
    fig = go.Figure()
    fig.add_bar(
        y=table["feature"],
        x=table["z_score (seed)"],
        name="z-score (seed)",
        orientation="h",
        marker_color="#9D9D9D",
    )
    fig.add_bar(
        y=table["feature"],
        x=table["contribution (log-odds)"],
        name="contribution coef·(x−mean)",
        orientation="h",
        marker_color="#E45756",
    )
    fig.update_layout(
        barmode="group",
        title=f"Customer #{customer}: z-score vs contribution",
        yaxis={"autorange": "reversed"},
        **(_LAYOUT | {"height": 520}),
    )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "churn probability": 1 / (1 + math.exp(-logit_x)),
            f"top-{top_k} features shared": len(top_z & top_c),
            "sign disagreements": len(sign_flips),
            "rank correlation": rank_corr,
            "|Σ contributions − Δlogit|": gap,
        },
        figures=[fig],
        tables={"Per feature (sorted by |contribution|)": table},
        notes=[
            f"Test customer #{customer} of {found.test_customers:,}, {found.source}: "
            f"{raw['Gender']}, {raw['Age']} years, {raw['Geography']}, "
            f"{raw['NumOfProducts']} product(s), active={raw['IsActiveMember']}.",
            f"Top {top_k} by |z|: {', '.join(sorted(top_z))}. "
            f"Top {top_k} by |contribution|: {', '.join(sorted(top_c))}.",
            "The z-score says how unusual the customer is; the contribution says how much that "
            "pushes this model's log-odds (it needs the coefficient, including its sign). "
            + (f"Opposite directions: {', '.join(sign_flips)}." if sign_flips else ""),
            "Contributions are exact for a linear model (they sum to logit(x) − logit(mean)); for "
            "the ensemble use SHAP or permutation importance.",
        ],
    )


def explanation_vs_attribution(
    customer: int = 0,
    top_k: int = 3,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """The seed's z-score "explanation" next to exact logistic-regression contributions."""
    return present_explanation_vs_attribution(
        compute_explanation_vs_attribution(customer, top_k, seed, df)
    )
