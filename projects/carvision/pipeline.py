"""CarVision price model: cleaning filters, feature engineering and one sklearn Pipeline.

Everything the demos train goes through here, so the code a learner reads on a demo page
is the project's code: `clean_data` -> `FeatureEngineer` -> `ColumnTransformer` (median
imputation for numbers, constant "missing" + one-hot for categories) ->
`RandomForestRegressor`, all inside a single `Pipeline` artifact. Deterministic for a seed.
"""

from __future__ import annotations

import copy
import functools
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestRegressor
from sklearn.impute import SimpleImputer
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder

from projects.carvision import data

CONFIG_PATH = Path(__file__).with_name("config.yaml")


@functools.lru_cache(maxsize=1)
def _read_config(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_config(path: str | Path | None = None) -> dict[str, Any]:
    """The project's config.yaml as a dict (a fresh copy, safe to modify)."""
    return copy.deepcopy(_read_config(str(path or CONFIG_PATH)))


def infer_feature_types(df: pd.DataFrame, cfg: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Numeric and categorical feature names: config lists win, empty lists mean infer.

    Same logic as the project's data.py (question 51). pandas 3 stores text as the "str"
    dtype, so it is selected explicitly next to "object".
    """
    num_cfg = list(cfg.get("numeric_features") or [])
    cat_cfg = list(cfg.get("categorical_features") or [])
    if not num_cfg:
        num_cfg = df.select_dtypes(include=["int64", "float64"]).columns.tolist()
    if not cat_cfg:
        cat_cfg = df.select_dtypes(include=["object", "str", "category"]).columns.tolist()
    return num_cfg, cat_cfg


def clean_data(df: pd.DataFrame, filters: dict[str, float] | None = None) -> pd.DataFrame:
    """Keep plausible listings: price in range, model_year and odometer within limits.

    Missing model_year / odometer are kept (imputed later); a missing price cannot be
    learned from and is dropped. The index is reset so positions are stable.
    """
    f = {**load_config()["filters"], **(filters or {})}
    price = pd.to_numeric(df[data.TARGET], errors="coerce")
    year = pd.to_numeric(df["model_year"], errors="coerce")
    odo = pd.to_numeric(df["odometer"], errors="coerce")
    keep = price.between(f["price_min"], f["price_max"])
    keep &= year.isna() | (year >= f["model_year_min"])
    keep &= odo.isna() | (odo <= f["odometer_max"])
    return df.loc[keep].reset_index(drop=True)


class FeatureEngineer(BaseEstimator, TransformerMixin):
    """Adds vehicle_age (posting year - model_year) and brand (first word of model).

    is_4wd is 1.0 or missing in the CSV: missing means "not 4WD", so it becomes 0.0 here
    (a median imputer would turn every car into a 4WD, since the only value seen is 1.0).
    """

    def fit(self, X: pd.DataFrame, y: Any = None) -> FeatureEngineer:
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        out = X.copy()
        posted_year = pd.to_datetime(out["date_posted"], errors="coerce").dt.year
        out["vehicle_age"] = (posted_year - out["model_year"]).clip(lower=0)
        model = out["model"].astype("str")
        brands = {m: m.split()[0] if m.split() else m for m in model.dropna().unique()}
        out["brand"] = model.map(brands)  # ~100 distinct models: split each once
        out["is_4wd"] = pd.to_numeric(out["is_4wd"], errors="coerce").fillna(0.0)
        return out


def feature_lists(cfg: dict[str, Any] | None = None) -> tuple[list[str], list[str]]:
    """Numeric and categorical features from the config's `features` section."""
    features = (cfg or load_config())["features"]
    return list(features["numeric_features"]), list(features["categorical_features"])


def build_preprocessor(
    numeric: list[str],
    categorical: list[str],
    numeric_strategy: str = "median",
    categorical_strategy: str = "constant",
) -> ColumnTransformer:
    """Imputation + one-hot. Strategies are SimpleImputer's (constant = "missing"/-1)."""
    num_imputer = SimpleImputer(
        strategy=numeric_strategy, fill_value=-1 if numeric_strategy == "constant" else None
    )
    cat_imputer = SimpleImputer(
        strategy=categorical_strategy,
        fill_value="missing" if categorical_strategy == "constant" else None,
    )
    return ColumnTransformer(
        [
            ("num", num_imputer, numeric),
            (
                "cat",
                make_pipeline(
                    cat_imputer,
                    OneHotEncoder(handle_unknown="ignore", sparse_output=False),
                ),
                categorical,
            ),
        ],
        verbose_feature_names_out=False,
    )


def build_pipeline(
    cfg: dict[str, Any] | None = None,
    estimator: Any = None,
    numeric_strategy: str = "median",
    categorical_strategy: str = "constant",
    extra_numeric: tuple[str, ...] = (),
    extra_categorical: tuple[str, ...] = (),
) -> Pipeline:
    """FeatureEngineer -> preprocessing -> model: the single artifact that gets deployed."""
    cfg = cfg or load_config()
    numeric, categorical = feature_lists(cfg)
    if estimator is None:
        estimator = RandomForestRegressor(random_state=cfg["random_seed"], **cfg["model"]["params"])
    return Pipeline(
        [
            ("features", FeatureEngineer()),
            (
                "preprocess",
                build_preprocessor(
                    numeric + list(extra_numeric),
                    categorical + list(extra_categorical),
                    numeric_strategy,
                    categorical_strategy,
                ),
            ),
            ("model", estimator),
        ]
    )


def split_indices(n_rows: int, test_size: float = 0.2, seed: int = 42) -> dict[str, np.ndarray]:
    """Shuffled positional train/test indices (what the project persists as JSON)."""
    if not 0.0 < test_size < 1.0:
        raise ValueError(f"test_size must be between 0 and 1, got {test_size}")
    order = np.random.default_rng(seed).permutation(n_rows)
    n_test = max(1, int(round(n_rows * test_size)))
    return {"train": np.sort(order[n_test:]), "test": np.sort(order[:n_test])}


def rmse(y_true: Any, y_pred: Any) -> float:
    return float(np.sqrt(mean_squared_error(y_true, y_pred)))


def mape(y_true: Any, y_pred: Any, eps: float = 1e-8) -> float:
    """Mean absolute percentage error in %, with the project's +epsilon (question 58)."""
    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    return float(np.mean(np.abs((y_true - y_pred) / (y_true + eps))) * 100)


def smape(y_true: Any, y_pred: Any) -> float:
    """Symmetric MAPE in %, bounded by 200% (0/0 pairs count as 0)."""
    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    denom = np.abs(y_true) + np.abs(y_pred)
    ratio = np.divide(2 * np.abs(y_true - y_pred), denom, out=np.zeros_like(denom), where=denom > 0)
    return float(np.mean(ratio) * 100)


def regression_metrics(y_true: Any, y_pred: Any) -> dict[str, float]:
    """RMSE, MAE, MAPE (%) and R², the project's evaluation report."""
    return {
        "rmse": rmse(y_true, y_pred),
        "mae": float(mean_absolute_error(y_true, y_pred)),
        "mape": mape(y_true, y_pred),
        "r2": float(r2_score(y_true, y_pred)),
    }


@dataclass
class TrainResult:
    pipeline: Pipeline
    metrics: dict[str, float]
    train: pd.DataFrame  # cleaned training rows (features + target)
    test: pd.DataFrame  # cleaned test rows
    y_pred: np.ndarray  # predictions on `test`
    fit_s: float = 0.0  # seconds the pipeline took to fit (one thread: n_jobs=1 in config)


def split_frame(
    df: pd.DataFrame | None = None,
    seed: int = 42,
    test_size: float = 0.2,
    clean: bool = True,
    indices: dict[str, np.ndarray] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cleaned train and test rows (synthetic data for `seed` when df is None)."""
    frame = data.generate(seed=seed) if df is None else df
    if clean:
        frame = clean_data(frame)
    if len(frame) < 50:
        raise ValueError(f"only {len(frame)} rows left after cleaning; need at least 50")
    idx = indices or split_indices(len(frame), test_size, seed)
    return frame.iloc[idx["train"]], frame.iloc[idx["test"]]


def quick_forest(seed: int = 42, n_estimators: int = 10) -> RandomForestRegressor:
    """The config's forest with fewer trees, for demos that train several variants."""
    params = {**load_config()["model"]["params"], "n_estimators": n_estimators}
    return RandomForestRegressor(random_state=seed, **params)


def train_evaluate(
    df: pd.DataFrame | None = None,
    seed: int = 42,
    test_size: float = 0.2,
    clean: bool = True,
    estimator: Any = None,
    indices: dict[str, np.ndarray] | None = None,
) -> TrainResult:
    """Clean, split, fit the pipeline on train and report metrics on test."""
    train, test = split_frame(df, seed, test_size, clean, indices)
    pipe = build_pipeline(estimator=estimator)
    start = time.perf_counter()
    pipe.fit(train.drop(columns=[data.TARGET]), train[data.TARGET])
    fit_s = time.perf_counter() - start
    y_pred = pipe.predict(test.drop(columns=[data.TARGET]))
    metrics = regression_metrics(test[data.TARGET], y_pred)
    return TrainResult(pipe, metrics, train, test, y_pred, fit_s)


@functools.lru_cache(maxsize=4)
def cached_train(seed: int = 42, quick: bool = False) -> TrainResult:
    """The default model on the synthetic data, trained once per seed and reused by demos;
    `quick`: the same pipeline with the 10-tree `quick_forest`, shared by the demos that
    compare several variants of it (each variant must use the same forest to be fair)."""
    return train_evaluate(seed=seed, estimator=quick_forest(seed) if quick else None)
