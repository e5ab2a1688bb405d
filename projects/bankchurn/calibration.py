"""BankChurn probability calibration (14).

Pure (no Streamlit): the demo's declared params (projects/bankchurn/demos.py) are
validated before these functions run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from sklearn.calibration import CalibratedClassifierCV, calibration_curve
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score

from projects import params as check
from projects.bankchurn import pipeline as bc
from projects.bankchurn.common import _LAYOUT, DEFAULT_SEED, _encoded, _source, on_split
from projects.demo import DemoResult


# ---------------------------------------------------------------------------- 8 calibration
def _calibration_base(name: str, seed: int) -> Any:
    if name == "balanced_logistic_regression":
        return LogisticRegression(C=0.1, class_weight="balanced", max_iter=1000)
    if name == "logistic_regression":
        return LogisticRegression(C=0.1, max_iter=1000)
    from sklearn.ensemble import RandomForestClassifier

    return RandomForestClassifier(
        n_estimators=40, max_depth=8, min_samples_leaf=5, random_state=seed, n_jobs=1
    )


def _calibration_fits(split: bc.Split, seed: int, base_model: str, method: str) -> tuple:
    """(raw test probabilities, calibrated test probabilities, y_test)."""
    X_train, X_test, _ = _encoded(split)
    raw = _calibration_base(base_model, seed).fit(X_train, split.y_train)
    calibrated = CalibratedClassifierCV(_calibration_base(base_model, seed), method=method, cv=3)
    calibrated.fit(X_train, split.y_train)
    return raw.predict_proba(X_test)[:, 1], calibrated.predict_proba(X_test)[:, 1], split.y_test


@dataclass(frozen=True)
class Calibration:
    """What the calibration demo computed: test probabilities before and after."""

    base_model: str
    method: str
    n_bins: int
    p_raw: np.ndarray
    p_cal: np.ndarray
    y_test: np.ndarray
    source: str

    @property
    def brier_raw(self) -> float:
        return float(brier_score_loss(self.y_test, self.p_raw))

    @property
    def brier_cal(self) -> float:
        return float(brier_score_loss(self.y_test, self.p_cal))

    @property
    def claim_held(self) -> bool:
        """Calibration lowers the Brier score."""
        return bool(self.brier_cal < self.brier_raw)


def compute_calibration(
    base_model: str = "balanced_logistic_regression",
    method: str = "sigmoid",
    n_bins: int = 10,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> Calibration:
    """Test probabilities of the base model and of CalibratedClassifierCV around it."""
    if (
        isinstance(n_bins, bool)
        or not isinstance(n_bins, (int, np.integer))
        or not (3 <= n_bins <= 30)
    ):
        raise ValueError(f"n_bins must be an integer in [3, 30], got {n_bins!r}")
    seed = check.seed(seed)
    p_raw, p_cal, y_test = on_split(df, seed, _calibration_fits, base_model, method)
    return Calibration(base_model, method, n_bins, p_raw, p_cal, np.asarray(y_test), _source(df))


def present_calibration(found: Calibration) -> DemoResult:
    """The reliability curves, the table and the sentences, from the computed probabilities."""
    p_raw, p_cal, y_test = found.p_raw, found.p_cal, found.y_test
    brier_raw, brier_cal = found.brier_raw, found.brier_cal
    method, n_bins, base_model = found.method, found.n_bins, found.base_model
    fig = go.Figure()
    fig.add_scatter(
        x=[0, 1], y=[0, 1], mode="lines", name="perfect", line={"dash": "dot", "color": "#9D9D9D"}
    )
    for label, proba, color in (
        ("before", p_raw, "#E45756"),
        (f"after ({method})", p_cal, "#4C78A8"),
    ):
        frac, mean_pred = calibration_curve(y_test, proba, n_bins=n_bins, strategy="quantile")
        fig.add_scatter(
            x=mean_pred, y=frac, mode="lines+markers", name=label, line={"color": color}
        )
    fig.update_layout(
        title="Reliability curve (quantile bins, test set)",
        xaxis_title="mean predicted probability",
        yaxis_title="observed churn rate",
        **(_LAYOUT | {"height": 440}),
    )
    table = pd.DataFrame(
        {
            "model": ["before", "after"],
            "brier": [brier_raw, brier_cal],
            "mean predicted": [p_raw.mean(), p_cal.mean()],
            "observed churn rate": [y_test.mean()] * 2,
            "roc_auc": [roc_auc_score(y_test, p_raw), roc_auc_score(y_test, p_cal)],
            "share ≥ 0.7 (high risk)": [(p_raw >= 0.7).mean(), (p_cal >= 0.7).mean()],
        }
    )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "Brier before": brier_raw,
            "Brier after": brier_cal,
            "mean p before": float(p_raw.mean()),
            "mean p after": float(p_cal.mean()),
            "observed rate": float(y_test.mean()),
        },
        figures=[fig],
        tables={"Before vs after calibration": table},
        notes=[
            f"{found.source}; base model {base_model}, CalibratedClassifierCV(method="
            f"'{method}', cv=3) fitted on the training split only.",
            "Calibration keeps the ranking (AUC about the same) but makes a probability of "
            "0.7 mean ~70% churn, which the 0.3/0.7 risk levels rely on.",
        ],
    )


def calibration(
    base_model: str = "balanced_logistic_regression",
    method: str = "sigmoid",
    n_bins: int = 10,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """Reliability curve and Brier score before and after CalibratedClassifierCV."""
    return present_calibration(compute_calibration(base_model, method, n_bins, seed, df))
