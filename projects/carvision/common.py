"""CarVision demo helpers: the synthetic or user data, the default split and model, shared
constants.

Pure (no Streamlit): the demo's declared params (projects/carvision/demos.py) are
validated before these functions run.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from projects.carvision import data
from projects.carvision import pipeline as cv

R2_MODEST = 0.10  # data_filters: |R² gain| below this is "hardly moves" (real: +0.03)
MAX_USER_ROWS = 15_000  # a larger uploaded CSV is sampled down so demos stay interactive
SEGMENT_COLUMNS = ("model_year", "vehicle_age", "condition", "type", "fuel", "brand")
NUMERIC_IMPUTATION = ("median", "mean", "constant", "drop rows")
CATEGORICAL_IMPUTATION = ("constant", "most_frequent")
SEED_PRICE_BINS = (0, 5_000, 15_000, 50_000, np.inf)  # the buggy features.py (question 54)
BLUE, ORANGE, GREY, GREEN, RED = "#1f77b4", "#ff7f0e", "#b0b0b0", "#2ca02c", "#d62728"


# ---------------------------------------------------------------- data helpers
@functools.lru_cache(maxsize=4)
def _synthetic_cached(seed: int) -> pd.DataFrame:
    return data.generate(seed=seed)


def _synthetic(seed: int) -> pd.DataFrame:
    return _synthetic_cached(seed).copy()  # callers may modify their copy


def _user_frame(df: pd.DataFrame, seed: int) -> pd.DataFrame:
    """A user's listings checked for the columns the demos need and capped in size."""
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in data.SCHEMA if c not in df.columns]
    if missing:
        raise ValueError(f"the data set lacks the columns: {', '.join(missing)}")
    frame = df[list(data.SCHEMA)].copy()
    for col, kind in data.SCHEMA.items():
        if kind in ("int", "float"):
            frame[col] = pd.to_numeric(frame[col], errors="coerce")
    frame = frame[frame[data.TARGET].notna()]
    if len(frame) > MAX_USER_ROWS:
        frame = frame.sample(MAX_USER_ROWS, random_state=seed).sort_index()
    if len(frame) < 200:
        raise ValueError(f"the data set has {len(frame)} usable rows; the demos need 200+")
    return frame.reset_index(drop=True)


def _frame(df: pd.DataFrame | None, seed: int) -> pd.DataFrame:
    return _synthetic(seed) if df is None else _user_frame(df, seed)


_USER_MODELS: dict[tuple[int, int, bool], cv.TrainResult] = {}
_USER_MODELS_MAX = 6  # a few data sets x seeds x (default, quick); each one trained forest


def fingerprint(df: pd.DataFrame) -> int:
    """A content hash of a data set (values and index), to share work across demos."""
    return int(pd.util.hash_pandas_object(df, index=True).sum())


def _trained(df: pd.DataFrame | None, seed: int, quick: bool = False) -> cv.TrainResult:
    """The project's default model, trained once per data set and seed: the synthetic one
    by `cv.cached_train`, a user's by content fingerprint, so the demos that share the
    default model do not each re-train it on a 50,000-row file. `quick`: the same pipeline
    and split with the 10-tree `cv.quick_forest`, the reference the demos that train
    several variants compare against. Callers never modify it."""
    if df is None:
        return cv.cached_train(seed, quick)
    key = (fingerprint(df), seed, quick)
    if key not in _USER_MODELS:
        if len(_USER_MODELS) >= _USER_MODELS_MAX:
            _USER_MODELS.pop(next(iter(_USER_MODELS)))
        estimator = cv.quick_forest(seed) if quick else None
        _USER_MODELS[key] = cv.train_evaluate(
            df=_user_frame(df, seed), seed=seed, estimator=estimator
        )
    return _USER_MODELS[key]


def _split(df: pd.DataFrame | None, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The default cleaned train/test split, without training anything."""
    return cv.split_frame(_frame(df, seed), seed=seed)


def _xy(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    return frame.drop(columns=[data.TARGET]), frame[data.TARGET]


def _data_note(df: pd.DataFrame | None) -> str:
    if df is None:
        return "Data: synthetic listings shaped like `vehicles_us.csv` (seeded)."
    extra = f", sampled to {MAX_USER_ROWS:,} rows" if len(df) > MAX_USER_ROWS else ""
    return f"Data: your data set ({len(df):,} rows{extra})."


def _bar(x: list, y: list, title: str, yaxis: str, colors: list | str = BLUE) -> go.Figure:
    labels = [f"{v:,.0f}" if abs(v) >= 100 else f"{v:.3g}" for v in y]
    fig = go.Figure(go.Bar(x=x, y=y, marker_color=colors, text=labels))
    fig.update_layout(title=title, yaxis_title=yaxis, height=360, margin=dict(t=50, b=40))
    return fig
