"""Training (questions 9, 11, 16, 17): RandomForest depth vs over-fitting, cross-validation
mean ± std, seeds that reproduce a run bit for bit, and experiment tracking."""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline

from projects.bankchurn import pipeline as bc
from projects.bankchurn.data import TARGET
from projects.demo import DemoResult
from projects.mlops.common import LAYOUT, bank, encoded_split

# ================================================================== 9: RF hyperparameters
DEPTHS = (2, 4, 6, 8, 12, None)


@dataclass(frozen=True)
class DepthSweep:
    """What the RF-hyperparameters demo computed: train and test AUC per max_depth."""

    min_samples_leaf: int
    table: pd.DataFrame  # max_depth, train AUC, test AUC, gap

    @property
    def gaps(self) -> np.ndarray:
        return self.table["gap"].to_numpy()

    @property
    def best(self) -> pd.Series:
        return self.table.loc[self.table["test AUC"].idxmax()]

    @property
    def claim_held(self) -> bool:
        """Unlimited depth over-fits (gap > 0.02, above depth 4's) unless leaves are large."""
        gaps = self.gaps
        if self.min_samples_leaf <= 5:
            return bool(gaps[-1] > gaps[1] and gaps[-1] > 0.02)
        return bool(gaps[-1] >= gaps[0])


def compute_rf_hyperparameters(
    min_samples_leaf: int, n_estimators: int, max_features: str
) -> DepthSweep:
    X_train, X_test, y_train, y_test = encoded_split(3_000, 42)
    rows = []
    with bc.single_thread():
        for depth in DEPTHS:
            forest = RandomForestClassifier(
                n_estimators=n_estimators,
                max_depth=depth,
                min_samples_leaf=min_samples_leaf,
                max_features=max_features,
                random_state=42,
                n_jobs=1,
            ).fit(X_train, y_train)
            train_auc = roc_auc_score(y_train, forest.predict_proba(X_train)[:, 1])
            test_auc = roc_auc_score(y_test, forest.predict_proba(X_test)[:, 1])
            rows.append(
                {
                    "max_depth": "None" if depth is None else str(depth),
                    "train AUC": round(train_auc, 4),
                    "test AUC": round(test_auc, 4),
                    "gap": round(train_auc - test_auc, 4),
                }
            )
    return DepthSweep(min_samples_leaf, pd.DataFrame(rows))


def present_rf_hyperparameters(found: DepthSweep) -> DemoResult:
    table, gaps, best = found.table, found.gaps, found.best
    figure = go.Figure()
    for column in ("train AUC", "test AUC"):
        figure.add_trace(
            go.Scatter(x=table["max_depth"], y=table[column], mode="lines+markers", name=column)
        )
    figure.update_layout(
        title="Deeper trees memorise the training set", xaxis_title="max_depth", **LAYOUT
    )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "best depth (test AUC)": best["max_depth"],
            "best test AUC": float(best["test AUC"]),
            "gap at depth None": float(gaps[-1]),
            "gap at depth 4": float(gaps[1]),
        },
        figures=[figure],
        tables={"Train vs test ROC AUC per max_depth": table},
        notes=[
            "`max_depth` and `min_samples_leaf` cap how specific a leaf can be; `n_estimators` "
            "averages trees (more trees lower variance, never over-fit by themselves); "
            "`max_features` decorrelates them.",
            "The project uses max_depth=8, min_samples_leaf=5: most of the test AUC, a small gap.",
        ],
    )


def rf_hyperparameters(
    min_samples_leaf: int = 1, n_estimators: int = 15, max_features: str = "sqrt"
) -> DemoResult:
    """Train/test ROC AUC of a RandomForest as max_depth grows, for the chosen leaf size."""
    return present_rf_hyperparameters(
        compute_rf_hyperparameters(min_samples_leaf, n_estimators, max_features)
    )


# ===================================================================== 11: CV mean ± std
@dataclass(frozen=True)
class FoldReport:
    """What the CV demo computed: ROC AUC and churn rate per stratified fold."""

    table: pd.DataFrame  # fold, test rows, churn rate, ROC AUC
    overall_rate: float  # the churn rate of the whole data set

    @property
    def mean(self) -> float:
        return float(self.table["ROC AUC"].mean())

    @property
    def std(self) -> float:
        return float(self.table["ROC AUC"].std(ddof=1))

    @property
    def rate_gap(self) -> float:
        return float((self.table["churn rate"] - self.overall_rate).abs().max())

    @property
    def claim_held(self) -> bool:
        return bool(self.std > 0 and self.rate_gap < 0.01)


def compute_cv_report(folds: int, C: float) -> FoldReport:
    frame = bank(6_000, 42)
    config = bc.default_config()
    X, y = frame.drop(columns=[TARGET]), frame[TARGET].to_numpy()
    rows = []
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=42)
    with bc.single_thread():
        for k, (train, test) in enumerate(splitter.split(X, y), start=1):
            model = make_pipeline(
                bc.build_preprocessor(config), LogisticRegression(C=C, max_iter=1000)
            )
            model.fit(X.iloc[train], y[train])
            auc = roc_auc_score(y[test], model.predict_proba(X.iloc[test])[:, 1])
            rows.append(
                {
                    "fold": k,
                    "test rows": len(test),
                    "churn rate": round(y[test].mean(), 4),
                    "ROC AUC": round(auc, 4),
                }
            )
    return FoldReport(pd.DataFrame(rows), float(y.mean()))


def present_cv_report(found: FoldReport) -> DemoResult:
    table, mean, std = found.table, found.mean, found.std
    figure = go.Figure(go.Bar(x=table["fold"].astype(str), y=table["ROC AUC"]))
    figure.add_hline(y=mean, line_dash="dash", annotation_text=f"mean {mean:.3f} ± {std:.3f}")
    figure.update_layout(
        title="ROC AUC per fold",
        yaxis_range=[
            max(0.5, table["ROC AUC"].min() - 0.03),
            min(1, table["ROC AUC"].max() + 0.03),
        ],
        **LAYOUT,
    )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "ROC AUC": f"{mean:.3f} ± {std:.3f}",
            "min–max": f"{table['ROC AUC'].min():.3f}–{table['ROC AUC'].max():.3f}",
            "max churn-rate gap": f"{found.rate_gap:.2%}",
        },
        figures=[figure],
        tables={"Per-fold report": table},
        notes=[
            "Report mean ± std over the folds and show every fold: one split's score is one draw "
            "from this spread. Two models whose means differ by less than the std are a tie.",
            "StratifiedKFold keeps the churn rate of every fold at the overall rate, so no fold is "
            "scored on an easier class mix.",
        ],
    )


def cv_report(folds: int = 5, C: float = 0.1) -> DemoResult:
    """Stratified k-fold ROC AUC of the project's logistic regression, fold by fold."""
    return present_cv_report(compute_cv_report(folds, C))


# ======================================================================= 17: seeds
def _seeded_run(seed: int, n_estimators: int) -> tuple[str, str]:
    """(hash of the test rows, hash of the probabilities) of one seeded training."""
    split = bc.split(bank(2_000, 7), bc.default_config(), seed)
    pre = bc.build_preprocessor(bc.default_config())
    forest = RandomForestClassifier(
        n_estimators=n_estimators, max_depth=8, random_state=seed, n_jobs=1
    )
    with bc.single_thread():
        forest.fit(pre.fit_transform(split.X_train), split.y_train)
        proba = forest.predict_proba(pre.transform(split.X_test))[:, 1]
    digest = hashlib.sha256(np.ascontiguousarray(proba).tobytes()).hexdigest()[:16]
    rows = hashlib.sha256(split.X_test.index.to_numpy().tobytes()).hexdigest()[:16]
    return rows, digest


@dataclass(frozen=True)
class SeededRuns:
    """What the reproducibility demo computed: hashes of three trainings."""

    seed: int
    first: tuple[str, str]  # (test rows hash, probabilities hash) with `seed`
    again: tuple[str, str]  # the same seed, trained again
    other: tuple[str, str]  # with `seed + 1`

    @property
    def identical(self) -> bool:
        return self.first == self.again

    @property
    def claim_held(self) -> bool:
        return bool(
            self.identical and self.first[1] != self.other[1] and self.first[0] != self.other[0]
        )


def compute_reproducibility(seed: int, n_estimators: int) -> SeededRuns:
    return SeededRuns(
        seed,
        _seeded_run(seed, n_estimators),
        _seeded_run(seed, n_estimators),
        _seeded_run(seed + 1, n_estimators),
    )


def present_reproducibility(found: SeededRuns) -> DemoResult:
    seed = found.seed
    table = pd.DataFrame(
        [
            {"run": label, "test rows (hash)": run[0], "probabilities (hash)": run[1]}
            for label, run in (
                (f"seed {seed}", found.first),
                (f"seed {seed}, again", found.again),
                (f"seed {seed + 1}", found.other),
            )
        ]
    )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "same seed, identical": found.identical,
            "next seed, different": found.first[1] != found.other[1],
        },
        tables={"Three trainings": table},
        notes=[
            "One `random_seed` in the config feeds the split (`random_state`) and the model: "
            "the same seed gives bit-identical probabilities; a new seed is a new experiment.",
            "Also pin the library versions (requirements ranges, a lock file in the image) and "
            "use single-threaded BLAS where float summation order matters.",
        ],
    )


def reproducibility(seed: int = 42, n_estimators: int = 20) -> DemoResult:
    """Train the same RandomForest twice with one seed, once with the next seed."""
    return present_reproducibility(compute_reproducibility(seed, n_estimators))


# ============================================================ 16: experiment tracking
def _log_run(store: Path, run_id: str, params: dict[str, Any], metrics: dict[str, float]) -> None:
    """The MLflow file-store layout: one file per param and per metric in mlruns/0/<run>/."""
    run = store / "0" / run_id
    for kind, values in (("params", params), ("metrics", metrics)):
        (run / kind).mkdir(parents=True, exist_ok=True)
        for key, value in values.items():
            (run / kind / key).write_text(str(value), encoding="utf-8")


def _search_runs(store: Path) -> pd.DataFrame:
    rows = []
    for run in sorted((store / "0").iterdir()):
        row: dict[str, Any] = {"run_id": run.name}
        row |= {f"params.{p.name}": p.read_text() for p in sorted((run / "params").iterdir())}
        row |= {
            f"metrics.{m.name}": float(m.read_text()) for m in sorted((run / "metrics").iterdir())
        }
        rows.append(row)
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class TrackedRuns:
    """What the tracking demo computed: the AUC each run logged and what the search returned."""

    logged: dict[str, float]  # run id -> ROC AUC, as the training computed it
    found: pd.DataFrame  # the store searched back, best first

    @property
    def best(self) -> pd.Series:
        return self.found.iloc[0]

    @property
    def claim_held(self) -> bool:
        read_back = dict(zip(self.found["run_id"], self.found["metrics.roc_auc"], strict=True))
        return bool(
            self.best["metrics.roc_auc"] == max(self.logged.values()) and read_back == self.logged
        )


def compute_experiment_tracking(runs: int) -> TrackedRuns:
    """Log one run per C value (params + metrics), then search the store for the best run."""
    X_train, X_test, y_train, y_test = encoded_split(4_000, 42)
    logged = {}
    with tempfile.TemporaryDirectory() as folder, bc.single_thread():
        store = Path(folder) / "mlruns"
        for i, C in enumerate(round(float(c), 4) for c in np.logspace(-3, 1, runs)):
            model = LogisticRegression(C=C, max_iter=1000).fit(X_train, y_train)
            auc = round(float(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])), 6)
            run_id = f"run-{i + 1:02d}"
            _log_run(store, run_id, {"C": C, "model": "logistic_regression"}, {"roc_auc": auc})
            logged[run_id] = auc
        found = _search_runs(store).sort_values("metrics.roc_auc", ascending=False)
    return TrackedRuns(logged, found)


def present_experiment_tracking(found: TrackedRuns) -> DemoResult:
    best = found.best
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "runs logged": len(found.logged),
            "best run": best["run_id"],
            "best C": best["params.C"],
            "best ROC AUC": float(best["metrics.roc_auc"]),
        },
        tables={"search_runs(order_by=['metrics.roc_auc DESC'])": found.found},
        notes=[
            "Each training logs its params, metrics and artifacts to the tracking store "
            "(here MLflow's file layout, `mlruns/<experiment>/<run>/params|metrics`), so the "
            "best run is found by a query, not by memory, and can be registered as the model.",
        ],
    )


def experiment_tracking(runs: int = 4) -> DemoResult:
    """Log one run per C value (params + metrics), then search the store for the best run."""
    return present_experiment_tracking(compute_experiment_tracking(runs))
