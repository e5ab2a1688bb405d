"""The TelecomAI demos as pure functions: parameters in, a DemoResult out (no Streamlit).

Every function validates its parameters (ValueError with a clear message), runs on the
synthetic data set or on the user's `df`, and sets `claim_held` from the numbers it just
computed. Trained models come from the small caches in `pipeline.py`.
"""

from __future__ import annotations

import hashlib
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import yaml
from plotly.subplots import make_subplots
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, roc_auc_score
from sklearn.model_selection import StratifiedKFold, learning_curve, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier
from threadpoolctl import threadpool_limits

from projects import params as check
from projects.demo import DemoResult
from projects.telecomai.config import default_config, default_config_text, parse_config
from projects.telecomai.data import FEATURES, PLANS, TARGET
from projects.telecomai.pipeline import (
    build_pipeline,
    fast_auc,
    get_frame,
    register_frame,
    split_data,
    trained_model,
)

PLAN_COLORS = {"Basic": "#4C78A8", "Ultra": "#F58518"}


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


def unified_pipeline(
    shift_pct: float = 30.0, resample_seed: int = 1, df: pd.DataFrame | None = None
) -> DemoResult:
    """One Pipeline artifact vs preprocessor.pkl + model.pkl after the scaler is refit.

    Scenario: both deployments are saved from the same training run. Later someone refits
    the scaler on other data (a resample of the customers whose usage grew by `shift_pct`%)
    and overwrites preprocessor.pkl, but not model.pkl. The single artifact cannot drift.
    """
    key = register_frame(df)
    out = _unified_cached(key, shift_pct, resample_seed)
    split = trained_model(key).split
    X_test, y_test = split.X_test, split.y_test
    proba_train_time = out["proba_train_time"]
    proba_unified, proba_two_files = out["proba_unified"], out["proba_two_files"]
    hashes = out["hashes"]
    scaler, refit_scaler = out["scaler"], out["refit_scaler"]

    y = y_test.to_numpy()
    pred_train_time = (proba_train_time >= 0.5).astype(int)
    pred_unified = (proba_unified >= 0.5).astype(int)
    pred_two = (proba_two_files >= 0.5).astype(int)
    unified_identical = bool(np.array_equal(proba_unified, proba_train_time))
    changed = float(np.mean(pred_two != pred_train_time))
    accuracies = {
        "At training time": float(np.mean(pred_train_time == y)),
        "1 file: model.joblib": float(np.mean(pred_unified == y)),
        "2 files, scaler refit": float(np.mean(pred_two == y)),
    }
    claim_held = unified_identical and changed > 0

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

    sample = X_test.head(8).copy()
    sample["true plan"] = [PLANS[v] for v in y[:8]]
    sample["1 file"] = [PLANS[v] for v in pred_unified[:8]]
    sample["2 files"] = [PLANS[v] for v in pred_two[:8]]
    scalers = pd.DataFrame(
        {
            "mean (training scaler)": scaler.mean_,
            "mean (refit scaler)": refit_scaler.mean_,
            "std (training scaler)": scaler.scale_,
            "std (refit scaler)": refit_scaler.scale_,
        },
        index=list(X_test.columns),
    ).round(1)
    files = pd.DataFrame(
        {
            "file": list(ARTIFACTS),
            "sha256 (first 12)": [hashes[name] for name in ARTIFACTS],
            "changed after release": [False, out["preprocessor_changed"], False],
        }
    )
    return DemoResult(
        claim_held=claim_held,
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


# ---------------------------------------------------------------- 64: YAML config
def yaml_config(config_text: str | None = None, df: pd.DataFrame | None = None) -> DemoResult:
    """Parse and validate an edited config.yaml, then train exactly what it says."""
    text = default_config_text() if config_text is None else config_text
    if not isinstance(text, str):
        raise ValueError("config_text must be a string with the YAML config")
    cfg = parse_config(text)  # ConfigError (a ValueError) lists line, field, allowed range
    key = register_frame(df)
    trained = trained_model(key, cfg)
    shipped = trained_model(key, default_config())

    model = trained.pipeline.named_steps["model"]
    used = {
        "features": tuple(trained.pipeline.feature_names_in_),
        "n_estimators": model.n_estimators,
        "max_depth": model.max_depth,
        "learning_rate": model.learning_rate,
        "random_state": model.random_state,
        "test rows": len(trained.split.y_test),
    }
    expected_test = int(np.ceil(cfg.test_size * len(get_frame(key))))
    wanted = {
        "features": cfg.features,
        "n_estimators": cfg.n_estimators,
        "max_depth": cfg.max_depth,
        "learning_rate": cfg.learning_rate,
        "random_state": cfg.random_seed,
        "test rows": expected_test,
    }
    config_table = pd.DataFrame(
        {
            "in config.yaml": [str(v) for v in wanted.values()],
            "in the trained pipeline": [str(v) for v in used.values()],
        },
        index=list(wanted),
    )
    claim_held = all(used[name] == wanted[name] for name in wanted)
    metrics_table = pd.DataFrame(
        {"your config": trained.metrics, "shipped config.yaml": shipped.metrics}
    ).round(3)
    fig = go.Figure()
    for column, color in (("shipped config.yaml", "#9E9E9E"), ("your config", "#4C78A8")):
        fig.add_trace(
            go.Bar(
                x=metrics_table.index,
                y=metrics_table[column],
                name=column,
                marker_color=color,
                text=metrics_table[column],
                textposition="outside",
            )
        )
    fig.update_layout(
        title="Test metrics: your config vs the shipped one",
        barmode="group",
        yaxis=dict(range=[0, 1.1]),
        height=360,
    )
    return DemoResult(
        claim_held=claim_held,
        metrics={
            "ROC AUC": round(trained.metrics["roc_auc"], 3),
            "Accuracy": round(trained.metrics["accuracy"], 3),
            "Train time": f"{trained.fit_seconds:.2f} s",
            "Config": "valid",
        },
        figures=[fig],
        tables={
            "Every value the pipeline used comes from the config": config_table,
            "Metrics": metrics_table,
        },
        notes=[
            "The YAML is validated before any training: an unknown field, a wrong type or an "
            "out-of-range value is reported with its line and the allowed values.",
            f"`{cfg.model_path}` and `{cfg.metrics_path}` are where a real run would write the "
            "artifact and its metrics; here nothing is written to disk.",
        ],
        extra={"config": cfg},
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


def stratification(
    n_seeds: int = 200,
    test_size: float = 0.2,
    n_rows: int = 2_000,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """Positive rate of the test set over many seeds, with and without `stratify=y`."""
    key = register_frame(df)
    frame = get_frame(key)
    if n_rows > len(frame):
        raise ValueError(f"n_rows={n_rows:,} exceeds the {len(frame):,} rows of the data set")
    rates = _split_rates(key, n_seeds, test_size, n_rows)
    y = frame[TARGET].to_numpy()[_subset(n_rows, len(frame))]
    summary = pd.DataFrame(
        {
            kind: {
                "mean": np.mean(values),
                "std": np.std(values),
                "min": np.min(values),
                "max": np.max(values),
                "range (max-min)": np.ptp(values),
            }
            for kind, values in rates.items()
        }
    )
    plain_std, strat_std = summary.loc["std", "plain"], summary.loc["std", "stratified"]
    plain_range, strat_range = (
        summary.loc["range (max-min)", "plain"],
        summary.loc["range (max-min)", "stratified"],
    )
    claim_held = bool(strat_std < plain_std and strat_range < plain_range)
    overall = float(y.mean())

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
        claim_held=claim_held,
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
        # Same lr x n_estimators product (10) as the project config with a fifth of the
        # trees, so the 12 fits of the curve take about half a second.
        return build_pipeline(default_config().replace(n_estimators=40, learning_rate=0.25))
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


def debugging_learning_curve(
    model: str = "gradient_boosting", inject_issues: bool = False, df: pd.DataFrame | None = None
) -> DemoResult:
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
    train_mean = out["train_scores"].mean(axis=1)
    val_mean = out["val_scores"].mean(axis=1)
    gap = train_mean - val_mean
    curve_right = bool(val_mean[-1] > val_mean[0] and gap[-1] < gap[0])
    claim_held = bool(checks_right and curve_right)

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
        claim_held=claim_held,
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


# ---------------------------------------------------------------- 67: lr x n_estimators
ALLOWED_LRS: tuple[float, ...] = (0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0)
N_ESTIMATORS_GRID: tuple[int, ...] = (10, 25, 50, 100, 200, 300, 400)


@lru_cache(maxsize=32)
def _staged_scores(data_key: str, lr: float, max_n: int) -> tuple[np.ndarray, np.ndarray]:
    """Train and validation AUC after each tree (one fit per learning rate)."""
    trained = trained_model(
        data_key, default_config().replace(learning_rate=lr, n_estimators=max_n)
    )
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
        if i in checkpoints:
            train_auc[i - 1] = fast_auc(y_train, p_train[:, 1])
            val_auc[i - 1] = fast_auc(y_val, p_val[:, 1])
    return train_auc, val_auc


def lr_estimators_grid(
    learning_rates: tuple[float, ...] | list[float] = (0.005, 0.05, 0.5),
    max_estimators: int = 200,
    df: pd.DataFrame | None = None,
) -> DemoResult:
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
        curves[lr] = (train_auc, val_auc)
        for n in grid_n:
            val.loc[str(lr), n] = val_auc[n - 1]
            train.loc[str(lr), n] = train_auc[n - 1]

    best_n = {lr: int(val.columns[np.nanargmax(val.loc[str(lr)].to_numpy())]) for lr in lrs}
    low, high = lrs[0], lrs[-1]
    high_row = val.loc[str(high)]
    high_peak = float(np.nanmax(curves[high][1]))
    high_degrades = float(high_row.iloc[-1]) < high_peak - 0.005
    claim_held = bool(best_n[low] > best_n[high] and high_degrades)
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
        val_auc = curves[lr][1]
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
        claim_held=claim_held,
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


# ---------------------------------------------------------------- 68: metrics as YAML
def metrics_yaml(
    decimals: int = 3, include_confusion_matrix: bool = False, df: pd.DataFrame | None = None
) -> DemoResult:
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
    round_trip = loaded == metrics
    claim_held = bool(round_trip and numpy_error)
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
        claim_held=claim_held,
        metrics={
            "Round trip": "identical" if round_trip else "DIFFERENT",
            "File size": f"{len(text.encode())} bytes",
            "Lines": text.count("\n"),
            "numpy float via safe_dump": "refused" if numpy_error else "accepted",
        },
        figures=[fig],
        tables={"Written vs read back": table},
        notes=[
            f"Written to `{cfg.metrics_path}` (in a temporary folder): plain text that a human, "
            "a diff in a pull request and a CI threshold check can all read.",
            "`yaml.safe_dump(np.float64(...))` raises "
            f"`{numpy_error or 'nothing'}`: cast metrics to `float` first (and never use "
            "`yaml.dump`, which writes `!!python/object` tags that only Python can load).",
        ],
        extra={"yaml": text, "loaded": loaded},
    )


# ---------------------------------------------------------------- 69-70: recommender
# Form limits: generous around the real data set (maxima ~244 calls, 1,632 minutes,
# 224 messages, 49,745 MB) but rejecting what no monthly usage can be.
INPUT_RANGES: dict[str, tuple[float, float]] = {
    "calls": (0, 300),
    "minutes": (0, 3_000),
    "messages": (0, 300),
    "mb_used": (0, 60_000),
}
INTEGER_INPUTS = ("calls", "messages")


def validate_usage(calls: Any, minutes: Any, messages: Any, mb_used: Any) -> dict[str, float]:
    """The four usage values, or ValueError naming the field and its allowed range."""
    values = {"calls": calls, "minutes": minutes, "messages": messages, "mb_used": mb_used}
    clean: dict[str, float] = {}
    for name, value in values.items():
        low, high = INPUT_RANGES[name]
        clean[name] = check.number(name, value, low, high, integer=name in INTEGER_INPUTS)
    if clean["calls"] == 0 and clean["minutes"] > 0:
        raise ValueError("minutes > 0 with calls = 0 is impossible: check both fields")
    if clean["minutes"] > clean["calls"] * 60 and clean["calls"] > 0:
        raise ValueError(
            f"{clean['minutes']:,} minutes over {clean['calls']} calls is more than an hour per "
            "call on average: check minutes"
        )
    return clean


def plan_recommender(
    calls: int = 60,
    minutes: float = 420.0,
    messages: int = 35,
    mb_used: float = 17_000.0,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """What POST /predict answers for one customer's monthly usage (plan + confidence)."""
    usage = validate_usage(calls, minutes, messages, mb_used)
    key = register_frame(df)
    trained = trained_model(key)
    features = pd.DataFrame([usage], columns=list(FEATURES)).astype(float)
    p_ultra = float(trained.pipeline.predict_proba(features)[0, 1])
    predicted = int(trained.pipeline.predict(features)[0])
    plan = PLANS[predicted]
    confidence = p_ultra if predicted == 1 else 1 - p_ultra
    claim_held = bool(confidence >= 0.5 and (p_ultra >= 0.5) == (predicted == 1))
    response = {"recommended_plan": plan, "confidence": round(confidence, 4)}

    frame = get_frame(key)
    sample = frame.sample(n=min(800, len(frame)), random_state=0)
    scatter = go.Figure()
    for label, name in PLANS.items():
        part = sample[sample[TARGET] == label]
        scatter.add_trace(
            go.Scatter(
                x=part["minutes"],
                y=part["mb_used"],
                mode="markers",
                name=f"{name} customers",
                marker=dict(color=PLAN_COLORS[name], size=5, opacity=0.45),
            )
        )
    scatter.add_trace(
        go.Scatter(
            x=[usage["minutes"]],
            y=[usage["mb_used"]],
            mode="markers",
            name="this customer",
            marker=dict(color="black", size=16, symbol="star"),
        )
    )
    scatter.update_layout(
        title="Where this customer sits among known customers",
        xaxis_title="minutes",
        yaxis_title="mb_used",
        height=400,
    )
    gauge = go.Figure(
        go.Bar(
            x=[p_ultra, 1 - p_ultra],
            y=["P(Ultra)", "P(Basic)"],
            orientation="h",
            marker_color=[PLAN_COLORS["Ultra"], PLAN_COLORS["Basic"]],
            text=[f"{p_ultra:.1%}", f"{1 - p_ultra:.1%}"],
            textposition="auto",
        )
    )
    gauge.add_vline(
        x=0.5, line_dash="dot", annotation_text="threshold 0.5", annotation_position="top"
    )
    gauge.update_layout(title="Model probabilities", xaxis_range=[0, 1], height=260)

    percentiles = pd.DataFrame(
        {
            "value": usage,
            "percentile among Basic": {
                f: float((frame.loc[frame[TARGET] == 0, f] <= v).mean()) for f, v in usage.items()
            },
            "percentile among Ultra": {
                f: float((frame.loc[frame[TARGET] == 1, f] <= v).mean()) for f, v in usage.items()
            },
        }
    )
    for column in ("percentile among Basic", "percentile among Ultra"):
        percentiles[column] = percentiles[column].map("{:.0%}".format)
    return DemoResult(
        claim_held=claim_held,
        metrics={
            "Recommended plan": plan,
            "Confidence": f"{confidence:.1%}",
            "P(Ultra)": f"{p_ultra:.1%}",
        },
        figures=[gauge, scatter],
        tables={"Your usage vs customers of each plan": percentiles},
        notes=[
            "The form calls the same pipeline artifact as `POST /predict`; out-of-range "
            "input is rejected before the model sees it (the API would answer 422).",
            "Careful with the seed's snippet: it returns `confidence = P(Ultra)` even when "
            "it recommends Basic; the confidence of the recommended plan is max(p, 1 − p).",
            "Business use (Q70): sales contacts customers whose usage fits Ultra with a "
            "personalised offer; a low confidence means do not push the change.",
        ],
        extra={"response": response, "p_ultra": p_ultra},
    )
