"""The BankChurn pipeline: config -> sklearn Pipeline (preprocessing + model) -> metrics.

One artifact holds the ColumnTransformer and the classifier, so what is trained is exactly
what is served. Identifier columns (RowNumber, CustomerId, Surname) never reach the model.
"""

from __future__ import annotations

import copy
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier, VotingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    f1_score,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from threadpoolctl import threadpool_limits

from projects.bankchurn.data import TARGET

CONFIG_PATH = Path(__file__).with_name("config.yaml")
MODEL_NAMES = ("voting", "logistic_regression", "random_forest")


def single_thread() -> threadpool_limits:
    """Context manager: BLAS/OpenMP on one thread. The matrices here are tiny (8,000 x 17),
    so extra threads only spin and contend on a shared 2-core machine."""
    return threadpool_limits(limits=1)


def load_config(path: Path | str | None = None) -> dict[str, Any]:
    """The YAML config as a dict (defaults to the project's `config.yaml`)."""
    with open(path or CONFIG_PATH, encoding="utf-8") as handle:
        config = yaml.safe_load(handle)
    if not isinstance(config, dict):
        raise ValueError(f"{path or CONFIG_PATH}: the config must be a YAML mapping")
    return config


_DEFAULT_CONFIG = load_config()


def default_config() -> dict[str, Any]:
    """A fresh deep copy of the shipped config (callers may edit it freely)."""
    return copy.deepcopy(_DEFAULT_CONFIG)


def config_hash(config: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of the config: key order and formatting do not matter."""
    canonical = json.dumps(config, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def feature_columns(config: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(numeric, categorical) input columns named by the config."""
    features = config["features"]
    return list(features["numeric"]), list(features["categorical"])


def build_preprocessor(config: dict[str, Any]) -> ColumnTransformer:
    numeric, categorical = feature_columns(config)
    return ColumnTransformer(
        [
            ("num", StandardScaler(), numeric),
            ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), categorical),
        ],
        remainder="drop",  # RowNumber, CustomerId, Surname and anything else are dropped
        verbose_feature_names_out=False,
    )


def build_model(config: dict[str, Any], seed: int) -> Any:
    """The classifier named by `config["model"]["name"]`, with its params."""
    model = config["model"]
    name, params = model["name"], model.get("params", {})
    lr_params = dict(params.get("logistic_regression", {}))
    rf_params = dict(params.get("random_forest", {}))
    if name == "logistic_regression":
        return LogisticRegression(**(lr_params or params), random_state=seed)
    if name == "random_forest":
        return RandomForestClassifier(**(rf_params or params), random_state=seed, n_jobs=1)
    if name == "voting":
        return VotingClassifier(
            [
                ("lr", LogisticRegression(**lr_params, random_state=seed)),
                ("rf", RandomForestClassifier(**rf_params, random_state=seed, n_jobs=1)),
            ],
            voting=params.get("voting", "soft"),
            weights=params.get("weights"),
        )
    raise ValueError(f"model.name must be one of {', '.join(MODEL_NAMES)}, got {name!r}")


def build_pipeline(config: dict[str, Any], seed: int) -> Pipeline:
    steps = [("preprocess", build_preprocessor(config)), ("model", build_model(config, seed))]
    return Pipeline(steps)


def check_frame(df: pd.DataFrame, config: dict[str, Any]) -> None:
    """Raise ValueError naming what is wrong when `df` cannot train the pipeline."""
    numeric, categorical = feature_columns(config)
    target = config.get("target", TARGET)
    missing = [c for c in [*numeric, *categorical, target] if c not in df.columns]
    if missing:
        raise ValueError(f"the data set lacks the columns: {', '.join(missing)}")
    if len(df) < 50:
        raise ValueError(f"the data set has {len(df)} rows; at least 50 are needed")
    values = set(pd.unique(df[target]))
    if not values <= {0, 1} or len(values) < 2:
        raise ValueError(f"{target} must hold both 0 and 1 (found {sorted(map(str, values))})")


@dataclass
class Split:
    X_train: pd.DataFrame
    X_test: pd.DataFrame
    y_train: np.ndarray
    y_test: np.ndarray


def split(df: pd.DataFrame, config: dict[str, Any], seed: int) -> Split:
    """Train/test split as configured (stratified on the target by default)."""
    check_frame(df, config)
    target = config.get("target", TARGET)
    y = df[target].to_numpy(dtype=int)
    X = df.drop(columns=[target])
    settings = config.get("split", {})
    X_train, X_test, y_train, y_test = train_test_split(
        X,
        y,
        test_size=settings.get("test_size", 0.2),
        stratify=y if settings.get("stratify", True) else None,
        random_state=seed,
    )
    return Split(X_train, X_test, y_train, y_test)


@dataclass
class TrainedModel:
    pipeline: Pipeline
    data: Split
    config: dict[str, Any]
    seed: int
    train_seconds: float


def train(
    df: pd.DataFrame, config: dict[str, Any] | None = None, seed: int | None = None
) -> TrainedModel:
    """Split `df`, fit the configured pipeline on the training part; deterministic per seed."""
    config = default_config() if config is None else config
    seed = int(config.get("random_seed", 42) if seed is None else seed)
    data = split(df, config, seed)
    pipeline = build_pipeline(config, seed)
    start = time.perf_counter()
    with single_thread():
        pipeline.fit(data.X_train, data.y_train)
    return TrainedModel(pipeline, data, config, seed, time.perf_counter() - start)


def classification_metrics(
    y_true: np.ndarray, proba: np.ndarray, threshold: float = 0.5
) -> dict[str, float]:
    """ROC AUC plus the positive-class metrics at `threshold`."""
    y_pred = (proba >= threshold).astype(int)
    return {
        "roc_auc": float(roc_auc_score(y_true, proba)),
        "f1": float(f1_score(y_true, y_pred, zero_division=0)),
        "precision": float(precision_score(y_true, y_pred, zero_division=0)),
        "recall": float(recall_score(y_true, y_pred, zero_division=0)),
        "accuracy": float(accuracy_score(y_true, y_pred)),
    }


def evaluate(
    pipeline: Pipeline, X: pd.DataFrame, y: np.ndarray, threshold: float = 0.5
) -> dict[str, float]:
    """Metrics of a fitted pipeline on (X, y): roc_auc, f1, precision, recall, accuracy."""
    return classification_metrics(np.asarray(y), pipeline.predict_proba(X)[:, 1], threshold)


def assign_risk_level(probability: np.ndarray, low: float = 0.3, high: float = 0.7) -> np.ndarray:
    """Seed question 41, vectorised: < low -> "low", < high -> "medium", else "high"."""
    return np.where(probability < low, "low", np.where(probability < high, "medium", "high"))


def encoded_feature_names(pipeline: Pipeline) -> list[str]:
    """Column names after preprocessing (what the model's coefficients refer to)."""
    return [str(name) for name in pipeline.named_steps["preprocess"].get_feature_names_out()]
