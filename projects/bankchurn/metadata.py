"""BankChurn model metadata JSON with a real config hash (43, 19).

Pure (no Streamlit): the demo's declared params (projects/bankchurn/demos.py) are
validated before these functions run.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import sklearn
import yaml

from projects import params as check
from projects.bankchurn import pipeline as bc
from projects.bankchurn.common import DEFAULT_SEED, _source, trained_model
from projects.demo import DemoResult


# ---------------------------------------------------------------------------- 4 metadata
def _git_commit(repo: Path | None = None) -> str:
    """The current commit read from .git (no subprocess); "unknown" outside a checkout."""
    git_dir = (repo or Path(__file__).resolve().parents[2]) / ".git"
    try:
        head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
        if head.startswith("ref: "):
            return (git_dir / head[5:]).read_text(encoding="utf-8").strip()[:12]
        return head[:12]
    except OSError:
        return "unknown"


def build_metadata(
    model: bc.TrainedModel, metrics: Mapping[str, float], version: str, trained_at: str
) -> dict[str, Any]:
    """The metadata JSON of seed question 43, filled with real values."""
    numeric, categorical = bc.feature_columns(model.config)
    return {
        "version": version,
        "trained_at": trained_at,
        "config_hash": bc.config_hash(model.config),
        "test_metrics": {
            "f1_score": round(metrics["f1"], 4),
            "auc_roc": round(metrics["roc_auc"], 4),
            "precision": round(metrics["precision"], 4),
            "recall": round(metrics["recall"], 4),
        },
        "feature_names": numeric + categorical,
        "training_samples": len(model.data.X_train),
        "test_samples": len(model.data.X_test),
        "model": model.config["model"]["name"],
        "random_seed": model.seed,
        "sklearn_version": sklearn.__version__,
        "git_commit": _git_commit(),
    }


@dataclass(frozen=True)
class ModelMetadata:
    """What the metadata demo computed: the JSON, its test metrics and the hash checks."""

    metadata: dict[str, Any]
    metrics: dict[str, float]
    shipped_hash: str
    checks: pd.DataFrame  # check, passed
    source: str

    @property
    def claim_held(self) -> bool:
        """Every check passed: key order, one changed value, recomputed AUC, sample count."""
        return bool(self.checks["passed"].all())


def compute_model_metadata(
    C: float = 0.1,
    test_size: float = 0.2,
    version: str = "1.0.0",
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> ModelMetadata:
    """Train the configured pipeline and write its metadata JSON with a real config hash."""
    seed = check.seed(seed)
    if not isinstance(version, str) or not version.strip():
        raise ValueError("version must be a non-empty string such as 1.0.0")
    overrides = {"model.params.logistic_regression.C": C, "split.test_size": test_size}
    model = trained_model(df, seed, **overrides)
    metrics = bc.evaluate(model.pipeline, model.data.X_test, model.data.y_test)
    trained_at = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    metadata = build_metadata(model, metrics, version.strip(), trained_at)

    # The checks behind the claim, done for real.
    shipped_hash = bc.config_hash(bc.default_config())
    reordered = yaml.safe_load(yaml.safe_dump(model.config, sort_keys=True))  # other key order
    same_hash = bc.config_hash(reordered) == metadata["config_hash"]
    changed = json.loads(json.dumps(model.config))
    changed["random_seed"] = int(changed.get("random_seed", 0)) + 1
    changed_hash_differs = bc.config_hash(changed) != metadata["config_hash"]
    recomputed = bc.evaluate(model.pipeline, model.data.X_test, model.data.y_test)
    metrics_match = math.isclose(
        recomputed["roc_auc"], metadata["test_metrics"]["auc_roc"], abs_tol=5e-5
    )
    samples_match = metadata["training_samples"] == len(model.data.y_train)
    checks = pd.DataFrame(
        {
            "check": [
                "same config, other key order -> same hash",
                "one value changed (random_seed + 1) -> different hash",
                "test_metrics.auc_roc recomputed from the pipeline",
                "training_samples == rows used to fit",
            ],
            "passed": [same_hash, changed_hash_differs, metrics_match, samples_match],
        }
    )
    return ModelMetadata(metadata, dict(metrics), shipped_hash, checks, _source(df))


def present_model_metadata(found: ModelMetadata) -> DemoResult:
    """The metrics, the checks table, the sentences and the JSON, from the computed run."""
    metadata, metrics, shipped_hash = found.metadata, found.metrics, found.shipped_hash
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "config_hash": metadata["config_hash"][:12],
            "shipped config hash": shipped_hash[:12],
            "AUC": metrics["roc_auc"],
            "F1": metrics["f1"],
            "training samples": metadata["training_samples"],
        },
        tables={"Checks": found.checks},
        notes=[
            f"Trained on {found.source}; the hash is sha256 of the config serialised as JSON with "
            "sorted keys, so formatting and key order do not change it.",
            "Changing C or test_size changes the config, hence the hash"
            + (
                " (it now differs from the shipped config)."
                if metadata["config_hash"] != shipped_hash
                else " (these values equal the shipped config: same hash)."
            ),
        ],
        extra={"json": metadata, "json_text": json.dumps(metadata, indent=2)},
    )


def model_metadata(
    C: float = 0.1,
    test_size: float = 0.2,
    version: str = "1.0.0",
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """Train the configured pipeline and write its metadata JSON with a real config hash."""
    return present_model_metadata(compute_model_metadata(C, test_size, version, seed, df))
