"""TelecomAI experiments: stratified splits (65), debugging with learning curves (66), learning
rate x n_estimators (67).

Pure (no Streamlit): the demo's declared params (projects/telecomai/demos.py) are
validated before these functions run.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, learning_curve, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier
from threadpoolctl import threadpool_limits

from projects.demo import DemoResult
from projects.telecomai.config import default_config
from projects.telecomai.data import FEATURES, TARGET
from projects.telecomai.pipeline import (
    build_pipeline,
    fast_auc,
    get_frame,
    register_frame,
    split_data,
    trained_model,
)


# ---------------------------------------------------------------- 65: stratification
def _subset(n_rows: int, total: int) -> np.ndarray:
    """A fixed random subset of n_rows customers (the seed talks about ~2K samples)."""
    return np.random.default_rng(0).permutation(total)[:n_rows]


@lru_cache(maxsize=32)
def _split_rates(
    data_key: str, n_seeds: int, test_size: float, n_rows: int
) -> dict[str, list[float]]:
    """Positive rate of the test set for seeds 0..n_seeds-1, plain and stratified."""
    frame = get_frame(data_key)
    y = frame[TARGET].to_numpy()[_subset(n_rows, len(frame))]
    index = np.arange(n_rows)
    rates: dict[str, list[float]] = {"plain": [], "stratified": []}
    for seed in range(n_seeds):
        _, test_plain = train_test_split(index, test_size=test_size, random_state=seed)
        _, test_strat = train_test_split(index, test_size=test_size, random_state=seed, stratify=y)
        rates["plain"].append(float(y[test_plain].mean()))
        rates["stratified"].append(float(y[test_strat].mean()))
    return rates


def usable_rows(df: pd.DataFrame | None) -> int:
    """The most rows `stratification` can sample from this data set (its n_rows bound)."""
    return len(get_frame(register_frame(df)))


@dataclass(frozen=True)
class Stratification:
    """What the stratification demo computed: the test set's positive rate, seed by seed."""

    n_seeds: int
    test_size: float
    n_rows: int
    rates: dict[str, list[float]]  # "plain" / "stratified" -> rate per seed
    overall: float  # positive rate of the sampled rows

    @property
    def summary(self) -> pd.DataFrame:
        """mean, std, min, max, range per kind of split (columns plain, stratified)."""
        return pd.DataFrame(
            {
                kind: {
                    "mean": np.mean(values),
                    "std": np.std(values),
                    "min": np.min(values),
                    "max": np.max(values),
                    "range (max-min)": np.ptp(values),
                }
                for kind, values in self.rates.items()
            }
        )

    @property
    def claim_held(self) -> bool:
        """Stratified rates vary less (std and range) than plain ones."""
        summary = self.summary
        return bool(
            summary.loc["std", "stratified"] < summary.loc["std", "plain"]
            and summary.loc["range (max-min)", "stratified"]
            < summary.loc["range (max-min)", "plain"]
        )


def compute_stratification(
    n_seeds: int = 200,
    test_size: float = 0.2,
    n_rows: int = 2_000,
    df: pd.DataFrame | None = None,
) -> Stratification:
    """Positive rate of the test set over many seeds, with and without `stratify=y`."""
    key = register_frame(df)
    frame = get_frame(key)
    if n_rows > len(frame):
        raise ValueError(f"n_rows={n_rows:,} exceeds the {len(frame):,} rows of the data set")
    rates = _split_rates(key, n_seeds, test_size, n_rows)
    y = frame[TARGET].to_numpy()[_subset(n_rows, len(frame))]
    return Stratification(n_seeds, test_size, n_rows, rates, float(y.mean()))


def present_stratification(found: Stratification) -> DemoResult:
    """The seed-by-seed scatter and the sentences, from the computed rates."""
    n_seeds, test_size, n_rows = found.n_seeds, found.test_size, found.n_rows
    rates, overall, summary = found.rates, found.overall, found.summary
    plain_std, strat_std = summary.loc["std", "plain"], summary.loc["std", "stratified"]
    seeds = np.arange(n_seeds)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=seeds,
            y=np.array(rates["plain"]) * 100,
            mode="markers",
            name="plain split",
            marker=dict(color="#E45756", size=6, opacity=0.7),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=seeds,
            y=np.array(rates["stratified"]) * 100,
            mode="lines+markers",
            name="stratify=y",
            line=dict(color="#54A24B", width=2),
            marker=dict(size=3),
        )
    )
    fig.add_hline(
        y=overall * 100,
        line_dash="dot",
        line_color="gray",
        layer="below",
        annotation_text="whole data set",
    )
    fig.update_layout(
        title=f"% of Ultra customers in the test set, seed by seed ({n_seeds} seeds)",
        xaxis_title="random_state",
        yaxis_title="% is_ultra = 1 in the test set",
        height=380,
    )
    n_test = int(np.ceil(test_size * n_rows))
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "Ultra rate (data)": f"{overall:.1%}",
            "Std, plain": f"{plain_std * 100:.2f} pts",
            "Std, stratified": f"{strat_std * 100:.2f} pts",
            "Range, plain": f"{summary.loc['min', 'plain']:.1%}–{summary.loc['max', 'plain']:.1%}",
        },
        figures=[fig],
        tables={"Positive rate of the test set (fractions)": summary.T.round(4)},
        notes=[
            f"With {n_rows:,} rows the test set has {n_test:,}: a plain split lands anywhere "
            f"between {summary.loc['min', 'plain']:.1%} and {summary.loc['max', 'plain']:.1%} "
            "Ultra, so precision and recall of two runs are not comparable; `stratify=y` "
            f"pins it to {overall:.1%} ± rounding.",
            "The smaller the data set (try 300 rows) or the rarer the class, the wider the "
            "plain spread: that is when stratification is critical.",
        ],
        extra={"rates": rates},
    )


def stratification(
    n_seeds: int = 200,
    test_size: float = 0.2,
    n_rows: int = 2_000,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """Positive rate of the test set over many seeds, with and without `stratify=y`."""
    return present_stratification(compute_stratification(n_seeds, test_size, n_rows, df))


# ---------------------------------------------------------------- 66: debugging
LEARNING_CURVE_MODELS: tuple[str, ...] = ("gradient_boosting", "deep_tree", "logistic_regression")


def _inject_issues(frame: pd.DataFrame) -> pd.DataFrame:
    """Typical raw-data problems: 5% duplicated rows, 3% NaN in messages, a constant column."""
    rng = np.random.default_rng(7)
    dirty = frame.copy()
    dirty.loc[rng.choice(len(dirty), size=len(dirty) * 3 // 100, replace=False), "messages"] = (
        np.nan
    )
    duplicates = dirty.iloc[rng.choice(len(dirty), size=len(dirty) * 5 // 100, replace=False)]
    dirty = pd.concat([dirty, duplicates], ignore_index=True)
    dirty["tariff_version"] = 1.0  # a column that never changes
    return dirty


def run_checks(raw: pd.DataFrame) -> pd.DataFrame:
    """Data checks before blaming the model: balance, duplicates, NaN, constant columns."""
    rows = []
    positive = float(raw[TARGET].mean())
    minority = min(positive, 1 - positive)
    rows.append(
        (
            "class balance",
            f"{positive:.1%} Ultra",
            "warn" if minority < 0.2 else "ok",
            "minority < 20%: use stratify and class-aware metrics"
            if minority < 0.2
            else "moderate imbalance: stratify the split, report F1/AUC too",
        )
    )
    duplicates = int(raw.duplicated().sum())
    rows.append(
        (
            "duplicate rows",
            f"{duplicates:,}",
            "warn" if duplicates else "ok",
            "duplicates can sit in train AND test (leakage) and overweight some users"
            if duplicates
            else "none",
        )
    )
    nan_counts = raw.isna().sum()
    nan_cols = {c: int(n) for c, n in nan_counts.items() if n}
    rows.append(
        (
            "missing values",
            ", ".join(f"{c}: {n}" for c, n in nan_cols.items()) or "0",
            "warn" if nan_cols else "ok",
            "impute or drop before fitting (GradientBoosting rejects NaN)" if nan_cols else "none",
        )
    )
    constant = [c for c in raw.columns if raw[c].nunique(dropna=False) <= 1]
    rows.append(
        (
            "constant columns",
            ", ".join(constant) or "none",
            "warn" if constant else "ok",
            "no information: drop them" if constant else "none",
        )
    )
    return pd.DataFrame(rows, columns=["check", "value", "status", "what it means"])


def _curve_estimator(model: str) -> Pipeline:
    if model == "gradient_boosting":
        # Same lr x n_estimators product (10) as the project config with a tenth of the
        # trees: the 12 fits of the curve take ~0.3 s of CPU (40 trees: ~0.6 s, which
        # pushed the demo past 1.5 s cold on a busy machine). The curve keeps its shape.
        return build_pipeline(default_config().replace(n_estimators=20, learning_rate=0.5))
    if model == "deep_tree":
        return Pipeline([("scaler", StandardScaler()), ("model", DecisionTreeClassifier())])
    return Pipeline([("scaler", StandardScaler()), ("model", LogisticRegression())])


def _auc_scorer(estimator: Pipeline, X: pd.DataFrame, y: pd.Series) -> float:
    return fast_auc(y, estimator.predict_proba(X)[:, 1])


@lru_cache(maxsize=8)
def _debug_cached(data_key: str, model: str, inject: bool) -> dict[str, Any]:
    # Tiny problems: BLAS threads only add overhead (lbfgs gets 3x slower on 2 busy cores).
    with threadpool_limits(limits=1):
        return _debug(data_key, model, inject)


def _debug(data_key: str, model: str, inject: bool) -> dict[str, Any]:
    frame = get_frame(data_key)
    raw = _inject_issues(frame) if inject else frame
    checks = run_checks(raw)
    clean = raw.drop_duplicates().dropna()
    clean = clean.loc[:, [*FEATURES, TARGET]]
    cfg = default_config()
    split = split_data(clean, cfg)
    estimator = _curve_estimator(model)
    if model == "gradient_boosting" and not inject:
        fitted = trained_model(data_key).pipeline  # the project's own model, cached
    else:
        fitted = clone(build_pipeline(cfg) if model == "gradient_boosting" else estimator)
        fitted.fit(split.X_train, split.y_train)
    train_auc = float(roc_auc_score(split.y_train, fitted.predict_proba(split.X_train)[:, 1]))
    test_auc = float(roc_auc_score(split.y_test, fitted.predict_proba(split.X_test)[:, 1]))
    sizes, train_scores, val_scores = learning_curve(
        estimator,
        clean.loc[:, list(FEATURES)],
        clean[TARGET],
        cv=StratifiedKFold(n_splits=3, shuffle=True, random_state=cfg.random_seed),
        scoring=_auc_scorer,  # = "roc_auc", minus sklearn's per-call validation overhead
        train_sizes=[0.1, 0.3, 0.6, 1.0],
    )
    describe = pd.DataFrame(
        {
            "train mean": split.X_train.mean(),
            "test mean": split.X_test.mean(),
            "std. mean diff": (split.X_train.mean() - split.X_test.mean())
            / clean[list(FEATURES)].std(),
        }
    )
    target_rates = {
        "train": float(split.y_train.mean()),
        "test": float(split.y_test.mean()),
    }
    return {
        "checks": checks,
        "train_auc": train_auc,
        "test_auc": test_auc,
        "sizes": sizes,
        "train_scores": train_scores,
        "val_scores": val_scores,
        "describe": describe,
        "target_rates": target_rates,
        "rows_raw": len(raw),
        "rows_clean": len(clean),
    }


@dataclass(frozen=True)
class Debugging:
    """What the debugging demo computed: data checks, train/test AUC, the learning curve."""

    model: str
    checks: pd.DataFrame  # check, value, status, what it means
    checks_right: bool  # the checks flag exactly the problems known to be there
    train_auc: float
    test_auc: float
    sizes: np.ndarray  # training rows per point of the curve
    train_scores: np.ndarray  # (points, folds)
    val_scores: np.ndarray
    describe: pd.DataFrame  # feature means, train vs test
    target_rates: dict[str, float]
    rows_raw: int
    rows_clean: int

    @property
    def curve_right(self) -> bool:
        """Validation rises with more rows and the train-validation gap narrows."""
        train_mean, val_mean = self.train_scores.mean(axis=1), self.val_scores.mean(axis=1)
        gap = train_mean - val_mean
        return bool(val_mean[-1] > val_mean[0] and gap[-1] < gap[0])

    @property
    def claim_held(self) -> bool:
        return bool(self.checks_right and self.curve_right)


def compute_debugging_learning_curve(
    model: str = "gradient_boosting", inject_issues: bool = False, df: pd.DataFrame | None = None
) -> Debugging:
    """Checks data first (balance, duplicates, NaN, constant columns), then the model."""
    if not isinstance(inject_issues, bool):
        raise ValueError(f"inject_issues must be true or false, got {inject_issues!r}")
    key = register_frame(df)
    out = _debug_cached(key, model, inject_issues)
    checks: pd.DataFrame = out["checks"]
    status = dict(zip(checks["check"], checks["status"], strict=True))
    data_problems = ("duplicate rows", "missing values", "constant columns")
    flagged = {name for name in data_problems if status[name] == "warn"}
    # Ground truth exists for the synthetic data (clean) and for the injected problems.
    if inject_issues:
        checks_right = flagged == set(data_problems)
    elif df is None:
        checks_right = not flagged
    else:
        checks_right = True  # the user's own data: no ground truth to compare with
    return Debugging(model=model, checks_right=checks_right, **out)


def present_debugging_learning_curve(found: Debugging) -> DemoResult:
    """The learning curve, the check tables and the diagnosis, from the computed scores."""
    model, checks = found.model, found.checks
    checks_right, curve_right = found.checks_right, found.curve_right
    out = vars(found)  # the computed fields by name (read only)
    train_auc, test_auc = out["train_auc"], out["test_auc"]
    if train_auc - test_auc > 0.1:
        diagnosis = "overfitting: train far above test; simplify or regularise the model"
    elif test_auc < 0.7:
        diagnosis = "underfitting: both scores low; richer features or a stronger model"
    else:
        diagnosis = "healthy: train and test close, test score in the expected band"

    fig = go.Figure()
    for name, scores, color in (
        ("train", out["train_scores"], "#4C78A8"),
        ("validation (CV)", out["val_scores"], "#F58518"),
    ):
        mean, std = scores.mean(axis=1), scores.std(axis=1)
        fig.add_trace(
            go.Scatter(
                x=np.concatenate([out["sizes"], out["sizes"][::-1]]),
                y=np.concatenate([mean + std, (mean - std)[::-1]]),
                fill="toself",
                fillcolor=color,
                opacity=0.2,
                line=dict(width=0),
                showlegend=False,
                hoverinfo="skip",
            )
        )
        fig.add_trace(
            go.Scatter(x=out["sizes"], y=mean, mode="lines+markers", name=name, line_color=color)
        )
    fig.update_layout(
        title=f"Learning curve ({model}, 3-fold CV, ROC AUC)",
        xaxis_title="training rows",
        yaxis_title="ROC AUC",
        height=380,
    )
    rates = out["target_rates"]
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "Train AUC": round(train_auc, 3),
            "Test AUC": round(test_auc, 3),
            "Gap": round(train_auc - test_auc, 3),
            "Rows raw → clean": f"{out['rows_raw']:,} → {out['rows_clean']:,}",
        },
        figures=[fig],
        tables={
            "1. Data checks": checks,
            "2. Feature distributions, train vs test": out["describe"].round(
                {"train mean": 1, "test mean": 1, "std. mean diff": 3}
            ),
            "3. Target distribution": pd.DataFrame(
                {"Ultra rate": [f"{rates['train']:.1%}", f"{rates['test']:.1%}"]},
                index=["train", "test"],
            ),
        },
        notes=[
            f"Diagnosis: {diagnosis}.",
            "Learning curve: if validation still rises at the right edge, more data helps; "
            "a persistent wide gap means variance (overfitting), two low close lines mean "
            "bias (underfitting).",
        ],
        extra={"checks_right": checks_right, "curve_right": curve_right},
    )


def debugging_learning_curve(
    model: str = "gradient_boosting", inject_issues: bool = False, df: pd.DataFrame | None = None
) -> DemoResult:
    """Checks data first (balance, duplicates, NaN, constant columns), then the model."""
    return present_debugging_learning_curve(
        compute_debugging_learning_curve(model, inject_issues, df)
    )


# ---------------------------------------------------------------- 67: lr x n_estimators
ALLOWED_LRS: tuple[float, ...] = (0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0)
N_ESTIMATORS_GRID: tuple[int, ...] = (10, 25, 50, 100, 200, 300, 400)


@lru_cache(maxsize=32)
def _staged_scores(data_key: str, lr: float, max_n: int) -> tuple[np.ndarray, np.ndarray]:
    """Train and validation AUC after each tree (one fit per learning rate)."""
    cfg = default_config()
    if lr == cfg.learning_rate and max_n <= cfg.n_estimators:
        # Boosting is sequential and deterministic: the first max_n trees of the project's
        # own model (cached, shared with the other demos) ARE the max_n-tree model.
        trained = trained_model(data_key)
    else:
        trained = trained_model(data_key, cfg.replace(learning_rate=lr, n_estimators=max_n))
    model, scaler = trained.pipeline.named_steps["model"], trained.pipeline.named_steps["scaler"]
    split = trained.split
    X_train = scaler.transform(split.X_train)
    X_val = scaler.transform(split.X_test)
    y_train, y_val = split.y_train.to_numpy(), split.y_test.to_numpy()
    checkpoints = set(range(10, max_n + 1, 10)) | {n for n in N_ESTIMATORS_GRID if n <= max_n}
    train_auc, val_auc = np.full(max_n, np.nan), np.full(max_n, np.nan)
    staged = zip(
        model.staged_predict_proba(X_train), model.staged_predict_proba(X_val), strict=True
    )
    for i, (p_train, p_val) in enumerate(staged, start=1):
        if i > max_n:
            break
        if i in checkpoints:
            train_auc[i - 1] = fast_auc(y_train, p_train[:, 1])
            val_auc[i - 1] = fast_auc(y_val, p_val[:, 1])
    return train_auc, val_auc


@dataclass(frozen=True)
class LearningRateGrid:
    """What the learning-rate grid computed: train / validation AUC per (lr, n_estimators)."""

    lrs: tuple[float, ...]  # ascending
    grid_n: tuple[int, ...]
    val: pd.DataFrame  # index str(lr), columns n_estimators
    train: pd.DataFrame
    val_curves: dict[float, np.ndarray]  # lr -> validation AUC after each tree (NaN between)

    @property
    def best_n(self) -> dict[float, int]:
        return {
            lr: int(self.val.columns[np.nanargmax(self.val.loc[str(lr)].to_numpy())])
            for lr in self.lrs
        }

    @property
    def claim_held(self) -> bool:
        """The small rate needs more trees; the large one peaks, then degrades."""
        low, high = self.lrs[0], self.lrs[-1]
        high_peak = float(np.nanmax(self.val_curves[high]))
        high_degrades = float(self.val.loc[str(high)].iloc[-1]) < high_peak - 0.005
        return bool(self.best_n[low] > self.best_n[high] and high_degrades)


def compute_lr_estimators_grid(
    learning_rates: tuple[float, ...] | list[float] = (0.005, 0.05, 0.5),
    max_estimators: int = 200,
    df: pd.DataFrame | None = None,
) -> LearningRateGrid:
    """Validation ROC AUC over a learning_rate x n_estimators grid (staged predictions)."""
    lrs = sorted({float(lr) for lr in learning_rates}) if learning_rates else []
    if len(lrs) < 2:
        raise ValueError("pick at least two learning rates to compare")
    unknown = [lr for lr in lrs if lr not in ALLOWED_LRS]
    if unknown:
        raise ValueError(f"learning rate(s) {unknown} not offered; choose among {ALLOWED_LRS}")
    if len(lrs) > 5:
        raise ValueError("pick at most five learning rates (each one is a training run)")
    key = register_frame(df)
    max_n = int(max_estimators)
    grid_n = [n for n in N_ESTIMATORS_GRID if n < max_n] + [max_n]
    val = pd.DataFrame(index=[str(lr) for lr in lrs], columns=grid_n, dtype=float)
    train = val.copy()
    curves = {}
    for lr in lrs:
        train_auc, val_auc = _staged_scores(key, lr, max_n)
        curves[lr] = val_auc
        for n in grid_n:
            val.loc[str(lr), n] = val_auc[n - 1]
            train.loc[str(lr), n] = train_auc[n - 1]
    return LearningRateGrid(tuple(lrs), tuple(grid_n), val, train, curves)


def present_lr_estimators_grid(found: LearningRateGrid) -> DemoResult:
    """The heatmaps, the curves and the sentences, from the computed grid."""
    lrs, grid_n, val, train = list(found.lrs), list(found.grid_n), found.val, found.train
    best_n, low, high = found.best_n, found.lrs[0], found.lrs[-1]
    best_lr, best_cell_n = val.stack().idxmax()
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=("Validation ROC AUC", "Train − validation AUC (overfitting)"),
        horizontal_spacing=0.12,
    )
    for col, table, scale in ((1, val, "Viridis"), (2, train - val, "Reds")):
        fig.add_trace(
            go.Heatmap(
                z=table.to_numpy(),
                x=[str(n) for n in grid_n],
                y=[f"lr={lr}" for lr in lrs],
                colorscale=scale,
                text=np.round(table.to_numpy(), 3),
                texttemplate="%{text}",
                showscale=False,
            ),
            row=1,
            col=col,
        )
    fig.update_xaxes(title_text="n_estimators", type="category")
    fig.update_layout(height=360, title="learning_rate × n_estimators (held-out 20%)")

    lines = go.Figure()
    for lr in lrs:
        val_auc = found.val_curves[lr]
        xs = np.flatnonzero(~np.isnan(val_auc)) + 1
        lines.add_trace(go.Scatter(x=xs, y=val_auc[xs - 1], mode="lines", name=f"lr={lr}"))
    lines.update_layout(
        title="Validation ROC AUC as trees are added",
        xaxis_title="n_estimators",
        yaxis_title="ROC AUC",
        height=360,
    )
    rule = pd.DataFrame(
        {
            "best n_estimators": [best_n[lr] for lr in lrs],
            "best validation AUC": [round(float(np.nanmax(val.loc[str(lr)])), 3) for lr in lrs],
            "lr × best n": [round(lr * best_n[lr], 1) for lr in lrs],
        },
        index=[f"lr={lr}" for lr in lrs],
    )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "Best cell": f"lr={best_lr}, n={best_cell_n}",
            "Best validation AUC": round(float(val.to_numpy().max()), 3),
            f"Best n at lr={low}": best_n[low],
            f"Best n at lr={high}": best_n[high],
        },
        figures=[fig, lines],
        tables={"Per learning rate": rule},
        notes=[
            f"lr={high}: best after {best_n[high]} trees, then validation AUC falls while the "
            "train AUC keeps climbing (right heatmap): it overfits.",
            f"lr={low}: still improving at {best_n[low]} trees: a small rate needs many more "
            "estimators (rule of thumb lr × n_estimators ≈ 10–20).",
            "Here the held-out 20% plays the validation set; for the final choice use CV and "
            "keep a test set that the grid never saw.",
        ],
    )


def lr_estimators_grid(
    learning_rates: tuple[float, ...] | list[float] = (0.005, 0.05, 0.5),
    max_estimators: int = 200,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """Validation ROC AUC over a learning_rate x n_estimators grid (staged predictions)."""
    return present_lr_estimators_grid(
        compute_lr_estimators_grid(learning_rates, max_estimators, df)
    )
