"""CarVision metrics: MAPE vs sMAPE near zero (58).

Pure (no Streamlit): the demo's declared params (projects/carvision/demos.py) are
validated before these functions run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from projects import params as check
from projects.carvision import data
from projects.carvision import pipeline as cv
from projects.carvision.common import BLUE, RED, _data_note, _frame, _trained, _xy
from projects.demo import DemoResult


# ---------------------------------------------------------------- 58: MAPE vs sMAPE
def ape(y_true: Any, y_pred: Any, eps: float = 1e-8) -> np.ndarray:
    """Per-row absolute percentage error with the project's +epsilon."""
    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    return np.abs((y_true - y_pred) / (y_true + eps)) * 100


def sape(y_true: Any, y_pred: Any) -> np.ndarray:
    """Per-row symmetric absolute percentage error, always within [0, 200]."""
    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    denom = np.abs(y_true) + np.abs(y_pred)
    return np.divide(
        200 * np.abs(y_true - y_pred), denom, out=np.zeros_like(denom), where=denom > 0
    )


@dataclass(frozen=True)
class MapeSweep:
    """What the MAPE vs sMAPE demo computed: numbers only, no figure, no sentence."""

    prediction: float
    smallest_true: float
    sweep: pd.DataFrame  # true value, prediction, MAPE term (%), sMAPE term (%)
    on_data: pd.DataFrame  # MAPE / sMAPE on the test set, then with the $1 listings
    data_note: str

    @property
    def mape_end(self) -> float:
        return float(self.sweep["MAPE term (%)"].iloc[-1])

    @property
    def smape_end(self) -> float:
        return float(self.sweep["sMAPE term (%)"].iloc[-1])

    @property
    def claim_held(self) -> bool:
        """MAPE past 1,000 % and still rising as the true value falls; sMAPE never over 200."""
        y, terms = self.sweep["true value"].to_numpy(), self.sweep["MAPE term (%)"].to_numpy()
        return bool(
            self.mape_end > 1_000
            and np.all(np.diff(terms[y < self.prediction]) > 0)
            and self.sweep["sMAPE term (%)"].max() <= 200 + 1e-9
        )


def compute_mape_vs_smape(
    df: pd.DataFrame | None = None,
    prediction: float = 9_000.0,
    smallest_true: float = 0.0,
    seed: int = 42,
) -> MapeSweep:
    """MAPE and sMAPE of one prediction as the true value shrinks to `smallest_true`, and
    both on the listings (the cleaned test set plus the near-$1 listings the filter drops)."""
    seed = check.seed(seed)
    y_sweep = np.geomspace(10_000, max(smallest_true, 1e-6), 13)
    if smallest_true == 0.0:
        y_sweep[-1] = 0.0  # the true value itself reaches zero
    sweep = pd.DataFrame(
        {
            "true value": y_sweep,
            "prediction": prediction,
            "MAPE term (%)": ape(y_sweep, prediction),
            "sMAPE term (%)": sape(y_sweep, prediction),
        }
    )
    result = _trained(df, seed)
    raw = _frame(df, seed)
    price_min = cv.load_config()["filters"]["price_min"]
    placeholders = raw[raw[data.TARGET] < price_min]
    pred_ph = result.pipeline.predict(_xy(placeholders)[0]) if len(placeholders) else []
    y_all = np.concatenate([result.test[data.TARGET].to_numpy(float), placeholders[data.TARGET]])
    p_all = np.concatenate([result.y_pred, pred_ph])
    on_data = pd.DataFrame(
        [
            {
                "test set": "cleaned test set",
                "rows": len(result.test),
                "MAPE (%)": cv.mape(result.test[data.TARGET], result.y_pred),
                "sMAPE (%)": cv.smape(result.test[data.TARGET], result.y_pred),
            },
            {
                "test set": f"+ {len(placeholders)} listings under ${price_min:,.0f}",
                "rows": len(y_all),
                "MAPE (%)": cv.mape(y_all, p_all),
                "sMAPE (%)": cv.smape(y_all, p_all),
            },
        ]
    ).round(1)
    return MapeSweep(prediction, smallest_true, sweep, on_data, _data_note(df))


def present_mape_vs_smape(found: MapeSweep) -> DemoResult:
    """The figure, metrics and sentences the app shows, built from the computed numbers."""
    sweep, y_sweep = found.sweep, found.sweep["true value"].to_numpy()
    mape_terms = sweep["MAPE term (%)"].to_numpy()
    fig = go.Figure()
    x_plot = np.where(y_sweep == 0, 1e-6, y_sweep)
    fig.add_scatter(
        x=x_plot,
        y=sweep["MAPE term (%)"],
        name="MAPE (+1e-8)",
        mode="lines+markers",
        line_color=RED,
    )
    fig.add_scatter(
        x=x_plot, y=sweep["sMAPE term (%)"], name="sMAPE", mode="lines+markers", line_color=BLUE
    )
    fig.add_hline(y=200, line_dash="dot", annotation_text="200% (sMAPE bound)")
    fig.update_layout(
        title=(
            f"Error of predicting ${found.prediction:,.0f} as the true price → "
            f"{found.smallest_true:g}"
        ),
        xaxis=dict(type="log", title="true value (log; 0 drawn at 1e-6)", autorange="reversed"),
        yaxis=dict(  # explicit range: plotly's log autorange overshoots on 1e13-sized values
            type="log",
            title="error (%) (log)",
            range=[
                np.log10(max(float(sweep[["MAPE term (%)", "sMAPE term (%)"]].min().min()), 1e-3))
                - 0.3,
                np.log10(max(float(mape_terms.max()), 250.0)) + 0.5,
            ],
        ),
        height=400,
    )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            f"MAPE at true={y_sweep[-1]:g}": f"{found.mape_end:,.3g}%",
            f"sMAPE at true={y_sweep[-1]:g}": f"{found.smape_end:.1f}%",
            # Both widgets move this one (the sMAPE term alone is pinned at 200 % when true=0).
            "MAPE ÷ sMAPE there": f"{found.mape_end / max(found.smape_end, 1e-12):,.3g}×",
            "MAPE with $1 listings (data)": f"{found.on_data['MAPE (%)'].iloc[1]:,.0f}%",
        },
        figures=[fig],
        tables={"Sweep": sweep, "On listings": found.on_data},
        notes=[
            "The +1e-8 avoids a division error but not the explosion: at a true value of 0 the "
            "error is divided by 1e-8.",
            "sMAPE divides by |y| + |ŷ|, so one term can never exceed 200%; a few $1 listings "
            "cannot dominate the average.",
            found.data_note,
        ],
    )


def mape_vs_smape(
    df: pd.DataFrame | None = None,
    prediction: float = 9_000.0,
    smallest_true: float = 0.0,
    seed: int = 42,
) -> DemoResult:
    """The demo: compute the numbers, then present them (two steps, tested apart)."""
    return present_mape_vs_smape(compute_mape_vs_smape(df, prediction, smallest_true, seed))
