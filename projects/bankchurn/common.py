"""BankChurn demo helpers: the cached models and scored test sets, shared constants.

Pure (no Streamlit): the demo's declared params (projects/bankchurn/demos.py) are
validated before these functions run.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from projects.bankchurn import pipeline as bc
from projects.bankchurn.data import generate

DEFAULT_SEED = 42
SYNTHETIC_ROWS = 10_000  # rows of the generated data set (data.generate)
TEST_SHARE = 0.2  # split.test_size of config.yaml
RISK_ACTIONS = {  # seed question 41: what the business does with each level
    "low": "standard monitoring",
    "medium": "retention offer",
    "high": "immediate proactive contact",
}
FAIRNESS_ATTRIBUTES = ("Geography", "Gender", "Age_bucket")
CALIBRATION_BASES = ("balanced_logistic_regression", "logistic_regression", "random_forest")
CALIBRATION_METHODS = ("sigmoid", "isotonic")
FOUR_FIFTHS = 0.8
REFERENCE_C = 0.1  # the project's LogisticRegression C (seed question 8)
_LAYOUT = {
    "template": "plotly_white",
    "height": 380,
    "margin": {"l": 50, "r": 20, "t": 50, "b": 45},
}


# ---------------------------------------------------------------------------- cached models
@lru_cache(maxsize=4)
def _synthetic_frame(seed: int) -> pd.DataFrame:
    return generate(seed=seed)


def _config_with(overrides: Mapping[str, Any]) -> dict[str, Any]:
    """The shipped config with dotted-path overrides, e.g. {"model.name": "random_forest"}."""
    config = bc.default_config()
    for path, value in overrides.items():
        node = config
        *parents, leaf = path.split(".")
        for part in parents:
            node = node[part]
        node[leaf] = value
    return config


def _config_key(overrides: Mapping[str, Any]) -> str:
    """Canonical JSON of the resolved config: equal configs share one cached model."""
    return json.dumps(_config_with(overrides), sort_keys=True)


@lru_cache(maxsize=16)
def _trained_synthetic(seed: int, config_json: str) -> bc.TrainedModel:
    return bc.train(_synthetic_frame(seed), json.loads(config_json), seed)


def trained_model(df: pd.DataFrame | None, seed: int, **overrides: Any) -> bc.TrainedModel:
    """The configured pipeline trained on `df` (None = synthetic data, cached per seed)."""
    if df is None:
        return _trained_synthetic(seed, _config_key(overrides))
    return bc.train(df, _config_with(overrides), seed)


@lru_cache(maxsize=16)
def _test_proba_synthetic(seed: int, config_json: str) -> np.ndarray:
    model = _trained_synthetic(seed, config_json)
    proba = model.pipeline.predict_proba(model.data.X_test)[:, 1]
    proba.setflags(write=False)  # shared by callers: make accidental edits fail loudly
    return proba


def scored_test_set(
    df: pd.DataFrame | None, seed: int, **overrides: Any
) -> tuple[bc.TrainedModel, np.ndarray]:
    """(trained model, churn probabilities of its test customers)."""
    model = trained_model(df, seed, **overrides)
    if df is None:
        return model, _test_proba_synthetic(seed, _config_key(overrides))
    return model, model.pipeline.predict_proba(model.data.X_test)[:, 1]


def _data_split(df: pd.DataFrame | None, seed: int) -> bc.Split:
    """Train/test split of the data set, as configured (uncached: splitting is cheap)."""
    frame = _synthetic_frame(seed) if df is None else df
    return bc.split(frame, bc.default_config(), seed)


def _encoded(split: bc.Split) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(X_train, X_test, names) after the configured preprocessing (fit on train only)."""
    pre = bc.build_preprocessor(bc.default_config())
    X_train = pre.fit_transform(split.X_train)
    return X_train, pre.transform(split.X_test), [str(n) for n in pre.get_feature_names_out()]


@lru_cache(maxsize=32)
def _memo_synthetic(func: Any, seed: int, args: tuple[Any, ...]) -> Any:
    with bc.single_thread():
        return func(_data_split(None, seed), seed, *args)


def on_split(df: pd.DataFrame | None, seed: int, func: Any, *args: Any) -> Any:
    """`func(split, seed, *args)` on the data set's split; memoised for the synthetic data.

    The key is (func, seed, args) - never a DataFrame; results must be treated as read-only.
    """
    if df is None:
        return _memo_synthetic(func, seed, args)
    with bc.single_thread():
        return func(_data_split(df, seed), seed, *args)


def _source(df: pd.DataFrame | None) -> str:
    return "synthetic data (seeded generator)" if df is None else f"your data ({len(df):,} rows)"
