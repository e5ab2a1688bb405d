"""Loading and scoring the model the API serves (questions 23, 29, 30, 44).

The service loads ONE artifact per process at start-up: either the embedded pipeline
trained on the synthetic data (deterministic per seed) or a joblib file written by
`save_model`. Scoring goes through the very sklearn Pipeline that was trained, so the
preprocessing at serving time is the one fitted at training time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd
from sklearn.pipeline import Pipeline

from projects.bankchurn import pipeline as bc
from projects.bankchurn.api.schemas import FEATURES, CustomerData
from projects.bankchurn.api.settings import ApiSettings
from projects.bankchurn.data import generate

ARTIFACT_KEYS = ("pipeline", "version", "config")


class ModelLoadError(Exception):
    """The artifact exists but is not a BankChurn model (wrong keys, wrong object)."""


@dataclass(frozen=True)
class ModelHandle:
    pipeline: Pipeline
    version: str
    config: dict[str, Any]
    source: str  # "embedded (seed 42)" or the artifact's path
    loaded_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def threshold(self) -> float:
        return float(self.config.get("threshold", 0.5))

    @property
    def risk_cut_points(self) -> tuple[float, float]:
        levels = self.config.get("risk_levels", {})
        return float(levels.get("low", 0.3)), float(levels.get("high", 0.7))


def model_version(config: dict[str, Any], seed: int) -> str:
    """Names the artifact by what made it: the model type, the config and the seed."""
    digest = hashlib.sha256(f"{bc.config_hash(config)}:{seed}".encode()).hexdigest()
    return f"bankchurn-{config['model']['name']}-{digest[:10]}"


@lru_cache(maxsize=4)
def embedded_model(seed: int) -> ModelHandle:
    """Trained once per process and seed: several apps (tests, demos) share it read-only."""
    config = bc.default_config()
    trained = bc.train(generate(seed=seed), config, seed)
    return ModelHandle(
        trained.pipeline, model_version(config, seed), config, f"embedded (seed {seed})"
    )


def save_model(handle: ModelHandle, path: Path | str) -> Path:
    """Write the artifact the API can serve with SIMULACRO_API_MODEL_PATH."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    artifact = {"pipeline": handle.pipeline, "version": handle.version, "config": handle.config}
    joblib.dump(artifact, path)
    return path


def load_model(settings: ApiSettings) -> ModelHandle:
    """The model named by the settings. Raises whatever loading raised (the caller decides
    what degraded mode means). joblib runs code from the file: load only your own artifacts."""
    if settings.model_path is None:
        return embedded_model(settings.seed)
    artifact = joblib.load(settings.model_path)
    if not isinstance(artifact, dict) or any(key not in artifact for key in ARTIFACT_KEYS):
        raise ModelLoadError(f"{settings.model_path.name} is not a BankChurn artifact")
    if not isinstance(artifact["pipeline"], Pipeline):
        raise ModelLoadError(f"{settings.model_path.name} holds no sklearn Pipeline")
    return ModelHandle(
        artifact["pipeline"],
        str(artifact["version"]),
        dict(artifact["config"]),
        str(settings.model_path),
    )


def to_frame(customers: Sequence[CustomerData]) -> pd.DataFrame:
    """Validated customers -> the DataFrame the pipeline was trained on (column by column)."""
    return pd.DataFrame({name: [getattr(c, name) for c in customers] for name in FEATURES})


@dataclass(frozen=True)
class Scores:
    probability: np.ndarray
    prediction: np.ndarray
    risk_level: np.ndarray


def score(handle: ModelHandle, customers: Sequence[CustomerData]) -> Scores:
    """One vectorised predict_proba call for all customers (question 24)."""
    probability = handle.pipeline.predict_proba(to_frame(customers))[:, 1]
    low, high = handle.risk_cut_points
    return Scores(
        probability=probability,
        prediction=(probability >= handle.threshold).astype(int),
        risk_level=bc.assign_risk_level(probability, low, high),
    )
