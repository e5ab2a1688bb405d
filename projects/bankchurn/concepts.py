"""The BankChurn concept demos: pure functions (params in, DemoResult out), no Streamlit.

Every demo trains on the synthetic data set (`df=None`) or on the user's
`Churn_Modelling.csv` (`df=`). Models trained on the synthetic data are cached by the small
`_trained_synthetic` / `_synthetic_frame` helpers, keyed on the seed and the config
overrides only (never on a DataFrame); the UI adds st.cache_data on top of whole results.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import sklearn
import yaml
from sklearn.calibration import CalibratedClassifierCV, calibration_curve
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score

from projects import params as check
from projects.bankchurn import pipeline as bc
from projects.bankchurn.data import generate
from projects.demo import DemoResult

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


# ---------------------------------------------------------------------------- 1 risk levels
assign_risk_level = bc.assign_risk_level  # one definition, shared with the API


def risk_levels(
    low: float = 0.3, high: float = 0.7, seed: int = DEFAULT_SEED, df: pd.DataFrame | None = None
) -> DemoResult:
    """Customers and real churn rate per risk level for adjustable low/high thresholds."""
    if not low < high:
        raise ValueError(f"the low threshold ({low:g}) must be below the high one ({high:g})")
    seed = check.seed(seed)
    model, proba = scored_test_set(df, seed)
    y = model.data.y_test
    levels = assign_risk_level(proba, low, high)
    rows = []
    for level in ("low", "medium", "high"):
        mask = levels == level
        count = int(mask.sum())
        rows.append(
            {
                "level": level,
                "customers": count,
                "share": count / len(y),
                "churners": int(y[mask].sum()),
                "churn_rate": float(y[mask].mean()) if count else float("nan"),
                "action": RISK_ACTIONS[level],
            }
        )
    table = pd.DataFrame(rows)
    rates = table["churn_rate"].to_numpy()
    held = bool(np.all(table["customers"] > 0) and rates[0] < rates[1] < rates[2])

    hist = go.Figure()
    for label, value, color in (("stayed", 0, "#4C78A8"), ("churned", 1, "#E45756")):
        hist.add_histogram(
            x=proba[y == value], name=label, nbinsx=40, marker_color=color, opacity=0.75
        )
    for x, name in ((low, "low"), (high, "high")):
        hist.add_vline(x=x, line_dash="dash", annotation_text=f"{name} = {x:g}")
    hist.update_layout(
        barmode="overlay",
        title="Predicted churn probability (test customers)",
        xaxis_title="probability",
        yaxis_title="customers",
        **_LAYOUT,
    )
    bars = go.Figure(
        go.Bar(
            x=table["level"],
            y=table["churn_rate"],
            marker_color=["#54A24B", "#F58518", "#E45756"],
            text=[
                f"{r:.0%}<br>{c} customers" if c else "empty"
                for r, c in zip(table["churn_rate"].fillna(0), table["customers"], strict=True)
            ],
            textposition="auto",
        )
    )
    bars.update_layout(
        title="Real churn rate per risk level",
        yaxis_tickformat=".0%",
        yaxis_title="churn rate",
        **_LAYOUT,
    )
    empty = [r["level"] for r in rows if r["customers"] == 0]
    notes = [f"Test set of {len(y):,} customers, {_source(df)}; base churn rate {y.mean():.1%}."]
    if empty:
        notes.append(f"No customer falls in: {', '.join(empty)}. Move the thresholds.")
    return DemoResult(
        claim_held=held,
        metrics={f"{r['level']} churn rate": r["churn_rate"] for r in rows}
        | {"high-risk customers": rows[2]["customers"]},
        figures=[hist, bars],
        tables={"Customers and churn per risk level": table},
        notes=notes,
    )


# ---------------------------------------------------------------------------- 2 threshold cost
def threshold_sweep(
    y_true: np.ndarray, proba: np.ndarray, thresholds: np.ndarray, cost_fn: float, cost_fp: float
) -> pd.DataFrame:
    """Precision, recall, F1, FN, FP and business cost FN*cost_fn + FP*cost_fp per threshold."""
    y = np.asarray(y_true).astype(bool)
    predicted = np.asarray(proba)[None, :] >= np.asarray(thresholds)[:, None]
    tp = (predicted & y).sum(axis=1)
    fp = (predicted & ~y).sum(axis=1)
    fn = (~predicted & y).sum(axis=1)
    # precision is undefined (NaN) when nobody is flagged
    precision = np.divide(tp, tp + fp, out=np.full(len(tp), np.nan), where=(tp + fp) > 0)
    recall = tp / max(int(y.sum()), 1)
    f1 = np.divide(
        2 * precision * recall,
        precision + recall,
        out=np.zeros(len(tp)),
        where=(precision + recall) > 0,
    )
    return pd.DataFrame(
        {
            "threshold": thresholds,
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "false_negatives": fn,
            "false_positives": fp,
            "cost": fn * cost_fn + fp * cost_fp,
        }
    )


def threshold_cost(
    cost_fn: float = 500.0,
    cost_fp: float = 50.0,
    threshold: float = 0.5,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """Precision/recall/F1 and the business cost of errors as the decision threshold moves."""
    if cost_fn + cost_fp == 0:
        raise ValueError("at least one of the two error costs must be above 0")
    threshold = round(threshold, 4)
    seed = check.seed(seed)
    model, proba = scored_test_set(df, seed)
    # Round BEFORE de-duplicating: arange's 0.5700000000000001 and the slider's 0.57 are two
    # values until rounded, and a repeated index made at.loc[0.57] a Series (issue 10).
    grid = np.unique(np.round(np.r_[np.arange(0.01, 1.0, 0.01), threshold], 4))
    sweep = threshold_sweep(model.data.y_test, proba, grid, cost_fn, cost_fp)
    best = sweep.loc[sweep["cost"].idxmin()]
    at = sweep.set_index("threshold")
    cost_default, cost_chosen = float(at.loc[0.5, "cost"]), float(at.loc[threshold, "cost"])
    theory = cost_fp / (cost_fp + cost_fn)  # Bayes-optimal cut for calibrated probabilities
    held = bool(abs(best["threshold"] - theory) <= 0.15 and best["cost"] <= cost_default)

    curves = go.Figure()
    for column, color in (("precision", "#4C78A8"), ("recall", "#E45756"), ("f1", "#54A24B")):
        curves.add_scatter(
            x=sweep["threshold"], y=sweep[column], name=column, line={"color": color}
        )
    curves.add_vline(x=threshold, line_dash="dash", annotation_text=f"chosen {threshold:g}")
    curves.update_layout(
        title="Precision, recall and F1 of the churn class vs threshold",
        xaxis_title="threshold",
        **_LAYOUT,
    )
    cost_fig = go.Figure(go.Scatter(x=sweep["threshold"], y=sweep["cost"], name="cost"))
    cost_fig.add_vline(
        x=float(best["threshold"]),
        line_dash="dash",
        line_color="#54A24B",
        annotation_text=f"optimum {best['threshold']:.2f}",
    )
    cost_fig.add_vline(
        x=0.5, line_dash="dot", annotation_text="0.5", annotation_position="bottom right"
    )
    cost_fig.update_layout(
        title=f"Business cost = FN × {cost_fn:g} + FP × {cost_fp:g}",
        xaxis_title="threshold",
        yaxis_title="cost",
        **_LAYOUT,
    )
    chosen = at.loc[[threshold]].reset_index()
    return DemoResult(
        claim_held=held,
        metrics={
            "optimal threshold": float(best["threshold"]),
            "c_FP/(c_FP+c_FN)": round(theory, 3),
            "cost at optimum": float(best["cost"]),
            "cost at 0.5": cost_default,
            "cost at chosen": cost_chosen,
            "saving vs 0.5": cost_default - float(best["cost"]),
            "best-F1 threshold": float(sweep.loc[sweep["f1"].idxmax(), "threshold"]),
        },
        figures=[curves, cost_fig],
        tables={
            "At the chosen threshold": chosen,
            "Optimal threshold": best.to_frame().T.reset_index(drop=True),
        },
        notes=[
            f"Test set of {len(proba):,} customers, {_source(df)}.",
            "For calibrated probabilities the cheapest cut is c_FP / (c_FP + c_FN): flag a "
            "customer when p × c_FN > (1 − p) × c_FP.",
        ],
    )


# ---------------------------------------------------------------------------- 3 explanation
def mean_distance_explanation(row: np.ndarray, means: np.ndarray, stds: np.ndarray) -> np.ndarray:
    """Seed question 42's `_generate_explanation`: (x - mean) / (std + 1e-8) per feature."""
    return (row - means) / (stds + 1e-8)


def linear_contributions(row: np.ndarray, means: np.ndarray, coef: np.ndarray) -> np.ndarray:
    """Exact per-feature log-odds contributions of a linear model: coef * (x - mean).

    They add up to logit(x) - logit(mean customer), so they really explain the prediction.
    """
    return coef * (row - means)


def last_test_row(df: pd.DataFrame | None) -> int:
    """Index of the last test-set customer (the bound of `customer`): the configured 20 %."""
    rows = SYNTHETIC_ROWS if df is None else len(df)
    return max(math.ceil(rows * TEST_SHARE) - 1, 0)


def explanation_vs_attribution(
    customer: int = 0,
    top_k: int = 3,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """The seed's z-score "explanation" next to exact logistic-regression contributions."""
    seed = check.seed(seed)
    if isinstance(top_k, bool) or not isinstance(top_k, (int, np.integer)) or top_k < 1:
        raise ValueError(f"top_k must be a positive integer, got {top_k!r}")
    model = trained_model(df, seed, **{"model.name": "logistic_regression"})
    X_test = model.data.X_test
    if (
        isinstance(customer, bool)
        or not isinstance(customer, (int, np.integer))
        or not (0 <= customer < len(X_test))
    ):
        raise ValueError(f"customer must be an integer in [0, {len(X_test) - 1}], got {customer!r}")
    pre, lr = model.pipeline.named_steps["preprocess"], model.pipeline.named_steps["model"]
    names = bc.encoded_feature_names(model.pipeline)
    if top_k > len(names):
        raise ValueError(f"top_k must be at most {len(names)} (the number of features)")
    train_enc = pre.transform(model.data.X_train)
    means, stds = train_enc.mean(axis=0), train_enc.std(axis=0)
    row = pre.transform(X_test.iloc[[customer]])[0]
    z = mean_distance_explanation(row, means, stds)
    contrib = linear_contributions(row, means, lr.coef_[0])
    logit_x = float(lr.decision_function(row[None, :])[0])
    logit_mean = float(lr.decision_function(means[None, :])[0])
    gap = abs(contrib.sum() - (logit_x - logit_mean))  # ~1e-15: the decomposition is exact

    raw = X_test.iloc[customer]
    numeric, _ = bc.feature_columns(model.config)
    shown = [raw[n] if n in numeric else row[j] for j, n in enumerate(names)]
    table = pd.DataFrame(
        {
            "feature": names,
            "customer value": [float(v) for v in shown],
            "z_score (seed)": z,
            "contribution (log-odds)": contrib,
        }
    )
    table["rank by |z|"] = table["z_score (seed)"].abs().rank(ascending=False, method="first")
    table["rank by |contribution|"] = (
        table["contribution (log-odds)"].abs().rank(ascending=False, method="first")
    )
    material = table["contribution (log-odds)"].abs() >= 0.05
    table["signs disagree"] = material & (
        np.sign(table["z_score (seed)"]) != np.sign(table["contribution (log-odds)"])
    )
    top_z = set(table.nsmallest(top_k, "rank by |z|")["feature"])
    top_c = set(table.nsmallest(top_k, "rank by |contribution|")["feature"])
    sign_flips = table.loc[table["signs disagree"], "feature"].tolist()
    rank_corr = float(table["rank by |z|"].corr(table["rank by |contribution|"]))
    held = bool(top_z != top_c or sign_flips)
    table = table.sort_values("rank by |contribution|").reset_index(drop=True)

    fig = go.Figure()
    fig.add_bar(
        y=table["feature"],
        x=table["z_score (seed)"],
        name="z-score (seed)",
        orientation="h",
        marker_color="#9D9D9D",
    )
    fig.add_bar(
        y=table["feature"],
        x=table["contribution (log-odds)"],
        name="contribution coef·(x−mean)",
        orientation="h",
        marker_color="#E45756",
    )
    fig.update_layout(
        barmode="group",
        title=f"Customer #{customer}: z-score vs contribution",
        yaxis={"autorange": "reversed"},
        **(_LAYOUT | {"height": 520}),
    )
    return DemoResult(
        claim_held=held,
        metrics={
            "churn probability": 1 / (1 + math.exp(-logit_x)),
            f"top-{top_k} features shared": len(top_z & top_c),
            "sign disagreements": len(sign_flips),
            "rank correlation": rank_corr,
            "|Σ contributions − Δlogit|": gap,
        },
        figures=[fig],
        tables={"Per feature (sorted by |contribution|)": table},
        notes=[
            f"Test customer #{customer} of {len(X_test):,}, {_source(df)}: "
            f"{raw['Gender']}, {raw['Age']} years, {raw['Geography']}, "
            f"{raw['NumOfProducts']} product(s), active={raw['IsActiveMember']}.",
            f"Top {top_k} by |z|: {', '.join(sorted(top_z))}. "
            f"Top {top_k} by |contribution|: {', '.join(sorted(top_c))}.",
            "The z-score says how unusual the customer is; the contribution says how much that "
            "pushes this model's log-odds (it needs the coefficient, including its sign). "
            + (f"Opposite directions: {', '.join(sign_flips)}." if sign_flips else ""),
            "Contributions are exact for a linear model (they sum to logit(x) − logit(mean)); for "
            "the ensemble use SHAP or permutation importance.",
        ],
    )


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


def model_metadata(
    C: float = 0.1,
    test_size: float = 0.2,
    version: str = "1.0.0",
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> DemoResult:
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
    held = bool(same_hash and changed_hash_differs and metrics_match and samples_match)
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
    return DemoResult(
        claim_held=held,
        metrics={
            "config_hash": metadata["config_hash"][:12],
            "shipped config hash": shipped_hash[:12],
            "AUC": metrics["roc_auc"],
            "F1": metrics["f1"],
            "training samples": metadata["training_samples"],
        },
        tables={"Checks": checks},
        notes=[
            f"Trained on {_source(df)}; the hash is sha256 of the config serialised as JSON with "
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


# ---------------------------------------------------------------------------- 5 imbalance
def resample(
    X: np.ndarray, y: np.ndarray, strategy: str, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Random over-sampling of the minority class or under-sampling of the majority."""
    rng = np.random.default_rng(seed)
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    minority, majority = (pos, neg) if len(pos) < len(neg) else (neg, pos)
    if strategy == "over-sampling":
        extra = rng.choice(minority, size=len(majority) - len(minority), replace=True)
        index = np.r_[majority, minority, extra]
    elif strategy == "under-sampling":
        index = np.r_[minority, rng.choice(majority, size=len(minority), replace=False)]
    else:
        raise ValueError(f"unknown resampling strategy {strategy!r}")
    index = rng.permutation(index)
    return X[index], y[index]


def _imbalance_fits(split: bc.Split, seed: int, C: float) -> dict[str, Any]:
    """Test probabilities of LogisticRegression trained under each imbalance strategy."""
    X_train, X_test, _ = _encoded(split)
    strategies = {}
    for strategy in ("none", "class_weight", "over-sampling", "under-sampling"):
        weight = "balanced" if strategy == "class_weight" else None
        if strategy in ("none", "class_weight"):
            X_fit, y_fit = X_train, split.y_train
        else:
            X_fit, y_fit = resample(X_train, split.y_train, strategy, seed)
        clf = LogisticRegression(C=C, class_weight=weight, max_iter=1000).fit(X_fit, y_fit)
        strategies[strategy] = (clf.predict_proba(X_test)[:, 1], y_fit)
    return {"strategies": strategies, "y_test": split.y_test, "y_train": split.y_train}


def imbalance_strategies(
    threshold: float = 0.5,
    C: float = 0.1,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """Recall, precision and F1 of the churn class under four ways of handling the 80/20 split."""
    seed = check.seed(seed)
    fitted = on_split(df, seed, _imbalance_fits, C)
    y_test = fitted["y_test"]
    rows = []
    for strategy, (proba, y_fit) in fitted["strategies"].items():
        row = bc.classification_metrics(y_test, proba, threshold)
        rows.append(
            {
                "strategy": strategy,
                "recall": row["recall"],
                "precision": row["precision"],
                "f1": row["f1"],
                "roc_auc": row["roc_auc"],
                "flagged share": float((proba >= threshold).mean()),
                "train rows": len(y_fit),
                "train churn share": float(y_fit.mean()),
            }
        )
    table = pd.DataFrame(rows)
    base = table.iloc[0]
    others = table.iloc[1:]
    held = bool(
        (others["recall"] >= base["recall"] + 0.15).all()
        and (others["f1"] > base["f1"]).all()
        and (others["precision"] < base["precision"]).all()
    )
    fig = go.Figure()
    for column, color in (("recall", "#E45756"), ("precision", "#4C78A8"), ("f1", "#54A24B")):
        fig.add_bar(
            x=table["strategy"],
            y=table[column],
            name=column,
            marker_color=color,
            text=[f"{v:.2f}" for v in table[column]],
            textposition="outside",
        )
    fig.update_layout(
        barmode="group",
        title=f"Churn class at threshold {threshold:g}",
        yaxis_range=[0, 1.05],
        **_LAYOUT,
    )
    return DemoResult(
        claim_held=held,
        metrics={f"recall {r['strategy']}": r["recall"] for r in rows}
        | {
            "precision none": float(base["precision"]),
            "precision class_weight": rows[1]["precision"],
            "F1 none": float(base["f1"]),
            "F1 class_weight": rows[1]["f1"],
        },
        figures=[fig],
        tables={"Churn-class metrics per strategy (LogisticRegression)": table},
        notes=[
            f"{_source(df)}: {fitted['y_train'].mean():.1%} churners in training. "
            "Resampling touches the training rows only; the test set keeps the real 80/20 split.",
            "ROC AUC barely moves: rebalancing shifts the probabilities (like lowering the "
            "threshold), it does not make the ranking better.",
        ],
    )


# ---------------------------------------------------------------------------- 6 soft voting
def soft_vote(
    proba_a: np.ndarray, proba_b: np.ndarray, weight_a: float, weight_b: float
) -> np.ndarray:
    """Soft voting of two models = weighted average of their churn probabilities."""
    return (weight_a * proba_a + weight_b * proba_b) / (weight_a + weight_b)


def member_probas(model: bc.TrainedModel) -> tuple[np.ndarray, np.ndarray]:
    """Test churn probabilities of the LR and RF fitted inside the VotingClassifier."""
    voting = model.pipeline.named_steps["model"]
    encoded = model.pipeline.named_steps["preprocess"].transform(model.data.X_test)
    return tuple(voting.named_estimators_[k].predict_proba(encoded)[:, 1] for k in ("lr", "rf"))


@lru_cache(maxsize=4)
def _member_probas_synthetic(seed: int) -> tuple[np.ndarray, np.ndarray]:
    probas = member_probas(trained_model(None, seed))
    for proba in probas:
        proba.setflags(write=False)
    return probas


WEIGHT_GRID = np.round(np.linspace(0, 1, 21), 2)


def weight_curve(y: np.ndarray, p_lr: np.ndarray, p_rf: np.ndarray) -> list[float]:
    """Ensemble AUC for each LR share w in WEIGHT_GRID (RF gets 1 - w)."""
    return [float(roc_auc_score(y, soft_vote(p_lr, p_rf, w, 1 - w))) for w in WEIGHT_GRID]


@lru_cache(maxsize=4)
def _weight_curve_synthetic(seed: int) -> tuple[float, ...]:
    y = trained_model(None, seed).data.y_test
    return tuple(weight_curve(y, *_member_probas_synthetic(seed)))


def soft_voting(
    w_lr: float = 0.4,
    w_rf: float = 0.6,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """AUC of LogisticRegression, RandomForest and their soft vote with adjustable weights."""
    if w_lr + w_rf == 0:
        raise ValueError("the two weights cannot both be 0")
    seed = check.seed(seed)
    model, ensemble_default = scored_test_set(df, seed)
    if df is None:
        p_lr, p_rf = _member_probas_synthetic(seed)
    else:
        p_lr, p_rf = member_probas(model)
    y = model.data.y_test
    p_ens = soft_vote(p_lr, p_rf, w_lr, w_rf)
    auc_lr, auc_rf, auc_ens = (roc_auc_score(y, p) for p in (p_lr, p_rf, p_ens))
    held = bool(auc_ens >= min(auc_lr, auc_rf) and auc_ens >= max(auc_lr, auc_rf) - 0.01)
    config_weights = model.config["model"]["params"]["weights"]
    same_as_sklearn = np.allclose(soft_vote(p_lr, p_rf, *config_weights), ensemble_default)

    grid = WEIGHT_GRID
    curve = _weight_curve_synthetic(seed) if df is None else weight_curve(y, p_lr, p_rf)
    fig = go.Figure(go.Scatter(x=grid, y=curve, mode="lines+markers", name="ensemble"))
    fig.add_hline(
        y=auc_lr,
        line_dash="dot",
        annotation_text=f"LR alone {auc_lr:.3f}",
        annotation_position="bottom left",
    )
    fig.add_hline(
        y=auc_rf,
        line_dash="dot",
        annotation_text=f"RF alone {auc_rf:.3f}",
        annotation_position="top left",
    )
    fig.add_vline(x=w_lr / (w_lr + w_rf), line_dash="dash", annotation_text="chosen")
    fig.update_layout(
        title="Ensemble AUC vs share of the LR weight",
        xaxis_title="w_LR / (w_LR + w_RF)",
        yaxis_title="ROC AUC",
        **_LAYOUT,
    )
    table = pd.DataFrame(
        {
            "model": ["LogisticRegression (C=0.1)", "RandomForest", f"soft vote {w_lr:g}/{w_rf:g}"],
            "roc_auc": [auc_lr, auc_rf, auc_ens],
            "f1 @0.5": [bc.classification_metrics(y, p)["f1"] for p in (p_lr, p_rf, p_ens)],
        }
    )
    return DemoResult(
        claim_held=held,
        metrics={
            "AUC LR": auc_lr,
            "AUC RF": auc_rf,
            "AUC ensemble": auc_ens,
            "ensemble − best single": auc_ens - max(auc_lr, auc_rf),
            "best LR share on the curve": float(grid[int(np.argmax(curve))]),
        },
        figures=[fig],
        tables={"Test-set scores": table},
        notes=[
            f"{_source(df)}; the members are the ones fitted inside the project's "
            "VotingClassifier (one training, any weights).",
            "Weighted average of predict_proba == VotingClassifier(voting='soft', weights="
            f"{config_weights}).predict_proba: {bool(same_as_sklearn)}.",
            "The curve is computed on the test set to show the effect; choose real weights "
            "by cross-validation on the training data, not here.",
        ],
    )


# ---------------------------------------------------------------------------- 7 regularization
def regularization_path(
    X_train: np.ndarray,
    y_train: np.ndarray,
    X_test: np.ndarray,
    y_test: np.ndarray,
    Cs: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """(coefficients per C, test AUC per C) of L2 LogisticRegression, warm-started along Cs."""
    coefs, aucs = [], []
    clf = LogisticRegression(max_iter=2000, warm_start=True)
    for C in Cs:
        clf.set_params(C=float(C)).fit(X_train, y_train)
        coefs.append(clf.coef_[0].copy())
        aucs.append(roc_auc_score(y_test, clf.decision_function(X_test)))
    return np.array(coefs), np.array(aucs)


def _path_on_split(split: bc.Split, seed: int, Cs: tuple[float, ...]) -> tuple[Any, ...]:
    X_train, X_test, names = _encoded(split)
    coefs, aucs = regularization_path(X_train, split.y_train, X_test, split.y_test, np.array(Cs))
    return coefs, aucs, tuple(names)


def regularization_c(
    C: float = 0.1, seed: int = DEFAULT_SEED, df: pd.DataFrame | None = None
) -> DemoResult:
    """Coefficient path and test AUC of LogisticRegression as the L2 strength 1/C varies."""
    seed = check.seed(seed)
    Cs = tuple(float(c) for c in np.unique(np.r_[np.logspace(-4, 3, 15), C]))
    coefs, aucs, names = on_split(df, seed, _path_on_split, Cs)
    norms = np.linalg.norm(coefs, axis=1)
    i_chosen, auc_best = Cs.index(C), float(aucs.max())
    i_ref = int(np.argmin(np.abs(np.array(Cs) - REFERENCE_C)))  # the project's C = 0.1
    held = bool(
        np.all(np.diff(norms) >= -1e-6)  # stronger penalty -> never larger weights
        and aucs[i_ref] >= aucs[-1] - 0.01  # ... yet C = 0.1 loses ~nothing
        and aucs[0] < auc_best - 0.01  # ... and only very small C hurts
    )
    path = go.Figure()
    for j, name in enumerate(names):
        path.add_scatter(x=Cs, y=coefs[:, j], name=name, mode="lines")
    path.add_vline(x=C, line_dash="dash", annotation_text=f"C = {C:g}")
    path.update_layout(
        title="Coefficients (standardised features) vs C",
        xaxis={"type": "log", "title": "C (smaller = stronger L2)"},
        yaxis_title="coefficient",
        **(_LAYOUT | {"height": 460}),
    )
    auc_fig = go.Figure(go.Scatter(x=Cs, y=aucs, mode="lines+markers", name="test AUC"))
    auc_fig.add_vline(x=C, line_dash="dash", annotation_text=f"C = {C:g}")
    auc_fig.update_layout(
        title="Test ROC AUC vs C",
        xaxis={"type": "log", "title": "C"},
        yaxis_title="ROC AUC",
        **_LAYOUT,
    )
    table = pd.DataFrame(
        {"feature": names, f"coef at C={C:g}": coefs[i_chosen], f"coef at C={Cs[-1]:g}": coefs[-1]}
    )
    return DemoResult(
        claim_held=held,
        metrics={
            "AUC at chosen C": float(aucs[i_chosen]),
            "AUC at C=0.1": float(aucs[i_ref]),
            f"AUC at C={Cs[-1]:g}": float(aucs[-1]),
            f"AUC at C={Cs[0]:g}": float(aucs[0]),
            "‖coef‖ chosen / weakest penalty": float(norms[i_chosen] / norms[-1]),
        },
        figures=[path, auc_fig],
        tables={"Coefficients": table},
        notes=[
            f"{_source(df)}. C is the inverse of the L2 strength: the loss adds "
            "‖w‖² / (2C), so C = 0.1 penalises 10× more than the default C = 1."
        ],
    )


# ---------------------------------------------------------------------------- 8 calibration
def _calibration_base(name: str, seed: int) -> Any:
    if name == "balanced_logistic_regression":
        return LogisticRegression(C=0.1, class_weight="balanced", max_iter=1000)
    if name == "logistic_regression":
        return LogisticRegression(C=0.1, max_iter=1000)
    from sklearn.ensemble import RandomForestClassifier

    return RandomForestClassifier(
        n_estimators=40, max_depth=8, min_samples_leaf=5, random_state=seed, n_jobs=1
    )


def _calibration_fits(split: bc.Split, seed: int, base_model: str, method: str) -> tuple:
    """(raw test probabilities, calibrated test probabilities, y_test)."""
    X_train, X_test, _ = _encoded(split)
    raw = _calibration_base(base_model, seed).fit(X_train, split.y_train)
    calibrated = CalibratedClassifierCV(_calibration_base(base_model, seed), method=method, cv=3)
    calibrated.fit(X_train, split.y_train)
    return raw.predict_proba(X_test)[:, 1], calibrated.predict_proba(X_test)[:, 1], split.y_test


def calibration(
    base_model: str = "balanced_logistic_regression",
    method: str = "sigmoid",
    n_bins: int = 10,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """Reliability curve and Brier score before and after CalibratedClassifierCV."""
    if (
        isinstance(n_bins, bool)
        or not isinstance(n_bins, (int, np.integer))
        or not (3 <= n_bins <= 30)
    ):
        raise ValueError(f"n_bins must be an integer in [3, 30], got {n_bins!r}")
    seed = check.seed(seed)
    p_raw, p_cal, y_test = on_split(df, seed, _calibration_fits, base_model, method)
    brier_raw, brier_cal = brier_score_loss(y_test, p_raw), brier_score_loss(y_test, p_cal)
    held = bool(brier_cal < brier_raw)
    fig = go.Figure()
    fig.add_scatter(
        x=[0, 1], y=[0, 1], mode="lines", name="perfect", line={"dash": "dot", "color": "#9D9D9D"}
    )
    for label, proba, color in (
        ("before", p_raw, "#E45756"),
        (f"after ({method})", p_cal, "#4C78A8"),
    ):
        frac, mean_pred = calibration_curve(y_test, proba, n_bins=n_bins, strategy="quantile")
        fig.add_scatter(
            x=mean_pred, y=frac, mode="lines+markers", name=label, line={"color": color}
        )
    fig.update_layout(
        title="Reliability curve (quantile bins, test set)",
        xaxis_title="mean predicted probability",
        yaxis_title="observed churn rate",
        **(_LAYOUT | {"height": 440}),
    )
    table = pd.DataFrame(
        {
            "model": ["before", "after"],
            "brier": [brier_raw, brier_cal],
            "mean predicted": [p_raw.mean(), p_cal.mean()],
            "observed churn rate": [y_test.mean()] * 2,
            "roc_auc": [roc_auc_score(y_test, p_raw), roc_auc_score(y_test, p_cal)],
            "share ≥ 0.7 (high risk)": [(p_raw >= 0.7).mean(), (p_cal >= 0.7).mean()],
        }
    )
    return DemoResult(
        claim_held=held,
        metrics={
            "Brier before": brier_raw,
            "Brier after": brier_cal,
            "mean p before": float(p_raw.mean()),
            "mean p after": float(p_cal.mean()),
            "observed rate": float(y_test.mean()),
        },
        figures=[fig],
        tables={"Before vs after calibration": table},
        notes=[
            f"{_source(df)}; base model {base_model}, CalibratedClassifierCV(method="
            f"'{method}', cv=3) fitted on the training split only.",
            "Calibration keeps the ranking (AUC about the same) but makes a probability of "
            "0.7 mean ~70% churn, which the 0.3/0.7 risk levels rely on.",
        ],
    )


# ---------------------------------------------------------------------------- 9 fairness
def disparate_impact(rates: Mapping[str, float]) -> float:
    """Lowest / highest positive-prediction rate across groups (1 = parity; NaN if all 0)."""
    values = [float(v) for v in rates.values()]
    if not values:
        raise ValueError("disparate impact needs at least one group")
    highest = max(values)
    return float("nan") if highest == 0 else min(values) / highest


def group_rates(
    frame: pd.DataFrame, group: str, y_true: str = "y_true", y_pred: str = "y_pred"
) -> pd.DataFrame:
    """Per group: size, real positive rate, predicted positive rate, recall and precision."""
    rows = []
    for name, part in frame.groupby(group, sort=True, observed=True):
        truth, pred = part[y_true].to_numpy(bool), part[y_pred].to_numpy(bool)
        rows.append(
            {
                group: name,
                "customers": len(part),
                "actual churn rate": truth.mean(),
                "predicted positive rate": pred.mean(),
                "recall": (pred & truth).sum() / truth.sum() if truth.any() else float("nan"),
                "precision": (pred & truth).sum() / pred.sum() if pred.any() else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def _age_bucket(age: pd.Series) -> pd.Series:
    return pd.cut(age, [0, 29, 39, 49, 59, 200], labels=["<30", "30-39", "40-49", "50-59", "60+"])


def fairness(
    attribute: str = "Geography",
    threshold: float = 0.5,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """Per-group rates and disparate impact (four-fifths rule) of the churn model."""
    seed = check.seed(seed)
    model, proba = scored_test_set(df, seed)
    X_test = model.data.X_test
    groups = _age_bucket(X_test["Age"]) if attribute == "Age_bucket" else X_test[attribute]
    frame = pd.DataFrame(
        {attribute: groups.to_numpy(), "y_true": model.data.y_test, "y_pred": proba >= threshold}
    )
    table = group_rates(frame, attribute)
    di = disparate_impact(
        dict(zip(table[attribute], table["predicted positive rate"], strict=True))
    )
    most_flagged = table.loc[table["predicted positive rate"].idxmax(), attribute]
    most_churn = table.loc[table["actual churn rate"].idxmax(), attribute]
    held = bool(di < FOUR_FIFTHS and most_flagged == most_churn)
    fig = go.Figure()
    for column, color in (
        ("actual churn rate", "#9D9D9D"),
        ("predicted positive rate", "#E45756"),
        ("recall", "#4C78A8"),
    ):
        fig.add_bar(
            x=table[attribute].astype(str), y=table[column], name=column, marker_color=color
        )
    fig.update_layout(
        barmode="group",
        title=f"Per-group rates by {attribute} (threshold {threshold:g}); DI = {di:.2f}",
        yaxis_tickformat=".0%",
        **_LAYOUT,
    )
    verdict = (
        "n/a (nobody flagged)"
        if math.isnan(di)
        else "alert (< 0.8)"
        if di < FOUR_FIFTHS
        else "pass (≥ 0.8)"
    )
    return DemoResult(
        claim_held=held,
        metrics={
            "disparate impact": di,
            "four-fifths rule": verdict,
            "most flagged group": str(most_flagged),
            "highest real churn": str(most_churn),
        },
        figures=[fig],
        tables={f"Rates by {attribute}": table},
        notes=[
            f"{_source(df)}; DI = min / max of the predicted positive rate across groups "
            "(seed question 102).",
            "A low DI says the outcome rates differ; compare recall and the real churn rate "
            "per group before calling it bias (and remember the attribute is a model input).",
        ],
    )
