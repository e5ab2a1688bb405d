"""TelecomAI artifacts: one pipeline artifact vs scaler and model apart (63), metrics as YAML
(68).

Pure (no Streamlit): the demo's declared params (projects/telecomai/demos.py) are
validated before these functions run.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import yaml
from sklearn.base import clone
from sklearn.metrics import confusion_matrix

from projects.demo import DemoResult
from projects.telecomai.config import default_config
from projects.telecomai.data import PLANS
from projects.telecomai.pipeline import (
    get_frame,
    register_frame,
    trained_model,
)

# ---------------------------------------------------------------- 63: unified pipeline
ARTIFACTS: tuple[str, ...] = ("model.joblib", "preprocessor.pkl", "model.pkl")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


@lru_cache(maxsize=16)
def _unified_cached(data_key: str, shift_pct: float, resample_seed: int) -> dict[str, Any]:
    """Save both deployments, refit the scaler on other data, reload both, predict."""
    trained = trained_model(data_key)
    pipeline, split = trained.pipeline, trained.split
    X_test = split.X_test
    proba_train_time = pipeline.predict_proba(X_test)[:, 1]

    other = get_frame(data_key).sample(frac=1.0, replace=True, random_state=resample_seed)
    other_X = other.loc[:, list(X_test.columns)] * (1 + shift_pct / 100)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        joblib.dump(pipeline, folder / "model.joblib")  # AFTER: one artifact
        joblib.dump(pipeline.named_steps["scaler"], folder / "preprocessor.pkl")  # BEFORE
        joblib.dump(pipeline.named_steps["model"], folder / "model.pkl")
        released = _sha(folder / "preprocessor.pkl")
        # Months later: the scaler is refit on other data and only its file is replaced.
        refit_scaler = clone(pipeline.named_steps["scaler"]).fit(other_X)
        joblib.dump(refit_scaler, folder / "preprocessor.pkl")
        hashes = {name: _sha(folder / name) for name in ARTIFACTS}

        unified = joblib.load(folder / "model.joblib")
        proba_unified = unified.predict_proba(X_test)[:, 1]
        preprocessor = joblib.load(folder / "preprocessor.pkl")
        model = joblib.load(folder / "model.pkl")
        proba_two_files = model.predict_proba(preprocessor.transform(X_test))[:, 1]
    return {
        "proba_train_time": proba_train_time,
        "proba_unified": proba_unified,
        "proba_two_files": proba_two_files,
        "hashes": hashes,
        "preprocessor_changed": hashes["preprocessor.pkl"] != released,
        "scaler": pipeline.named_steps["scaler"],
        "refit_scaler": refit_scaler,
    }


@dataclass(frozen=True)
class UnifiedPipeline:
    """What the one-artifact demo computed: test probabilities of each deployment."""

    shift_pct: float
    y_test: np.ndarray
    proba_train_time: np.ndarray
    proba_unified: np.ndarray  # reloaded model.joblib
    proba_two_files: np.ndarray  # reloaded preprocessor.pkl (refit) + model.pkl
    hashes: dict[str, str]  # artifact file -> sha256 (first 12)
    preprocessor_changed: bool
    scalers: pd.DataFrame  # mean / std of the training scaler and of the refit one
    first_customers: pd.DataFrame  # the first 8 test rows' features

    def predictions(self, proba: np.ndarray) -> np.ndarray:
        return (proba >= 0.5).astype(int)

    @property
    def unified_identical(self) -> bool:
        return bool(np.array_equal(self.proba_unified, self.proba_train_time))

    @property
    def changed(self) -> float:
        """Share of test predictions the two-file deployment flips."""
        two, before = (
            self.predictions(self.proba_two_files),
            self.predictions(self.proba_train_time),
        )
        return float(np.mean(two != before))

    @property
    def accuracies(self) -> dict[str, float]:
        return {
            label: float(np.mean(self.predictions(proba) == self.y_test))
            for label, proba in (
                ("At training time", self.proba_train_time),
                ("1 file: model.joblib", self.proba_unified),
                ("2 files, scaler refit", self.proba_two_files),
            )
        }

    @property
    def claim_held(self) -> bool:
        """One artifact reproduces training bit for bit; the two files flip some predictions."""
        return bool(self.unified_identical and self.changed > 0)


def compute_unified_pipeline(
    shift_pct: float = 30.0, resample_seed: int = 1, df: pd.DataFrame | None = None
) -> UnifiedPipeline:
    """Both deployments saved from one training run, then the scaler refit and reloaded.

    Scenario: later someone refits the scaler on other data (a resample of the customers
    whose usage grew by `shift_pct`%) and overwrites preprocessor.pkl, but not model.pkl.
    """
    key = register_frame(df)
    out = _unified_cached(key, shift_pct, resample_seed)
    split = trained_model(key).split
    scaler, refit_scaler = out["scaler"], out["refit_scaler"]
    scalers = pd.DataFrame(
        {
            "mean (training scaler)": scaler.mean_,
            "mean (refit scaler)": refit_scaler.mean_,
            "std (training scaler)": scaler.scale_,
            "std (refit scaler)": refit_scaler.scale_,
        },
        index=list(split.X_test.columns),
    ).round(1)
    return UnifiedPipeline(
        shift_pct,
        split.y_test.to_numpy(),
        out["proba_train_time"],
        out["proba_unified"],
        out["proba_two_files"],
        out["hashes"],
        out["preprocessor_changed"],
        scalers,
        split.X_test.head(8).copy(),
    )


def present_unified_pipeline(found: UnifiedPipeline) -> DemoResult:
    """The accuracy bars, the probability scatter and the sentences, from the computed run."""
    shift_pct, y, hashes = found.shift_pct, found.y_test, found.hashes
    proba_train_time, proba_unified = found.proba_train_time, found.proba_unified
    proba_two_files = found.proba_two_files
    pred_unified, pred_two = found.predictions(proba_unified), found.predictions(proba_two_files)
    unified_identical, changed, accuracies = (
        found.unified_identical,
        found.changed,
        found.accuracies,
    )
    bars = go.Figure(
        go.Bar(
            x=list(accuracies),
            y=list(accuracies.values()),
            text=[f"{v:.3f}" for v in accuracies.values()],
            textposition="outside",
            marker_color=["#9E9E9E", "#54A24B", "#E45756"],
        )
    )
    bars.update_layout(
        title="Test accuracy of each deployment",
        yaxis=dict(title="accuracy", range=[0, 1.05]),
        height=360,
    )
    scatter = go.Figure()
    scatter.add_trace(
        go.Scatter(
            x=proba_train_time,
            y=proba_two_files,
            mode="markers",
            name="2 files (scaler refit)",
            marker=dict(color="#E45756", size=5, opacity=0.6),
        )
    )
    scatter.add_trace(
        go.Scatter(
            x=proba_train_time,
            y=proba_unified,
            mode="markers",
            name="1 file (pipeline)",
            marker=dict(color="#54A24B", size=4),
        )
    )
    scatter.add_shape(type="line", x0=0, y0=0, x1=1, y1=1, line=dict(dash="dot", color="gray"))
    scatter.update_layout(
        title="P(Ultra) after reloading vs at training time (diagonal = in sync)",
        xaxis_title="P(Ultra) at training time",
        yaxis_title="P(Ultra) from the reloaded deployment",
        height=420,
    )

    sample = found.first_customers.copy()
    sample["true plan"] = [PLANS[v] for v in y[:8]]
    sample["1 file"] = [PLANS[v] for v in pred_unified[:8]]
    sample["2 files"] = [PLANS[v] for v in pred_two[:8]]
    scalers = found.scalers
    files = pd.DataFrame(
        {
            "file": list(ARTIFACTS),
            "sha256 (first 12)": [hashes[name] for name in ARTIFACTS],
            "changed after release": [False, found.preprocessor_changed, False],
        }
    )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "Predictions changed (2 files)": f"{changed:.1%}",
            "Accuracy, 1 file": f"{accuracies['1 file: model.joblib']:.3f}",
            "Accuracy, 2 files": f"{accuracies['2 files, scaler refit']:.3f}",
            "1 file identical to training": "yes" if unified_identical else "no",
        },
        figures=[bars, scatter],
        tables={
            "The scaler inside the model vs the refit preprocessor.pkl": scalers,
            "Artifacts (what an auditor would compare)": files,
            "First test customers": sample,
        },
        notes=[
            f"The refit scaler saw data whose usage is {shift_pct:+.0f}% and resampled: the "
            f"model.pkl trees still split on the OLD scaled values, so {changed:.1%} of the "
            "test predictions flip, silently (no error is raised).",
            "The single `model.joblib` carries its own scaler: reloading it reproduces the "
            "training-time probabilities bit for bit, and one hash identifies the version.",
        ]
        + (
            []
            if changed > 0
            else ["With this shift no prediction flipped: the files drifted but did not bite."]
        ),
        extra={"changed_fraction": changed, "unified_identical": unified_identical},
    )


def unified_pipeline(
    shift_pct: float = 30.0, resample_seed: int = 1, df: pd.DataFrame | None = None
) -> DemoResult:
    """One Pipeline artifact vs preprocessor.pkl + model.pkl after the scaler is refit.

    Scenario: both deployments are saved from the same training run. Later someone refits
    the scaler on other data (a resample of the customers whose usage grew by `shift_pct`%)
    and overwrites preprocessor.pkl, but not model.pkl. The single artifact cannot drift.
    """
    return present_unified_pipeline(compute_unified_pipeline(shift_pct, resample_seed, df))


# ---------------------------------------------------------------- 68: metrics as YAML
@dataclass(frozen=True)
class MetricsYaml:
    """What the metrics-YAML demo computed: the metrics written, the text, what came back."""

    metrics: dict[str, Any]  # written (plain Python numbers)
    loaded: dict[str, Any]  # read back with yaml.safe_load
    text: str  # the file's content
    numpy_error: str  # what yaml.safe_dump raised for a numpy float ("" if nothing)
    metrics_path: str

    @property
    def round_trip(self) -> bool:
        return self.loaded == self.metrics

    @property
    def claim_held(self) -> bool:
        """The metrics come back identical, and safe_dump refuses a numpy float."""
        return bool(self.round_trip and self.numpy_error)


def compute_metrics_yaml(
    decimals: int = 3, include_confusion_matrix: bool = False, df: pd.DataFrame | None = None
) -> MetricsYaml:
    """Persist the evaluation metrics with yaml.safe_dump and read them back."""
    if not isinstance(include_confusion_matrix, bool):
        raise ValueError("include_confusion_matrix must be true or false")
    key = register_frame(df)
    trained = trained_model(key)
    cfg = default_config()
    # Plain Python floats: yaml.safe_dump refuses numpy scalars (shown below).
    metrics: dict[str, Any] = {
        name: round(value, decimals) for name, value in trained.metrics.items()
    }
    if include_confusion_matrix:
        pred = trained.pipeline.predict(trained.split.X_test)
        tn, fp, fn, tp = confusion_matrix(trained.split.y_test, pred).ravel()
        metrics["confusion_matrix"] = {"tn": int(tn), "fp": int(fp), "fn": int(fn), "tp": int(tp)}

    try:
        yaml.safe_dump({"accuracy": np.float64(trained.metrics["accuracy"])})
        numpy_error = ""
    except yaml.representer.RepresenterError as error:
        numpy_error = f"{type(error).__name__}: {error.args[0]} {error.args[1]!r}"

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / cfg.metrics_path
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            yaml.safe_dump(metrics, handle, sort_keys=False)
        text = path.read_text(encoding="utf-8")
        with open(path, encoding="utf-8") as handle:
            loaded = yaml.safe_load(handle)
    return MetricsYaml(metrics, loaded, text, numpy_error, cfg.metrics_path)


def present_metrics_yaml(found: MetricsYaml) -> DemoResult:
    """The bars, the written-vs-read table and the sentences, from the computed round trip."""
    metrics, loaded, text, numpy_error = found.metrics, found.loaded, found.text, found.numpy_error
    round_trip = found.round_trip
    flat = {k: v for k, v in metrics.items() if not isinstance(v, dict)}
    table = pd.DataFrame(
        {
            "written": flat,
            "read back": {k: loaded.get(k) for k in flat},
            "equal": {k: loaded.get(k) == v for k, v in flat.items()},
        }
    )
    fig = go.Figure(
        go.Bar(
            x=list(flat),
            y=list(flat.values()),
            text=[str(v) for v in flat.values()],
            textposition="outside",
            marker_color="#4C78A8",
        )
    )
    fig.update_layout(
        title="Metrics read back from the YAML file", yaxis_range=[0, 1.1], height=320
    )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "Round trip": "identical" if round_trip else "DIFFERENT",
            "File size": f"{len(text.encode())} bytes",
            "Lines": text.count("\n"),
            "numpy float via safe_dump": "refused" if numpy_error else "accepted",
        },
        figures=[fig],
        tables={"Written vs read back": table},
        notes=[
            f"Written to `{found.metrics_path}` (in a temporary folder): plain text that a human, "
            "a diff in a pull request and a CI threshold check can all read.",
            "`yaml.safe_dump(np.float64(...))` raises "
            f"`{numpy_error or 'nothing'}`: cast metrics to `float` first (and never use "
            "`yaml.dump`, which writes `!!python/object` tags that only Python can load).",
        ],
        extra={"yaml": text, "loaded": loaded},
    )


def metrics_yaml(
    decimals: int = 3, include_confusion_matrix: bool = False, df: pd.DataFrame | None = None
) -> DemoResult:
    """Persist the evaluation metrics with yaml.safe_dump and read them back."""
    return present_metrics_yaml(compute_metrics_yaml(decimals, include_confusion_matrix, df))
