"""CarVision concept demos: pure functions, parameters in, a DemoResult out.

No Streamlit here. Each public function validates its parameters (ValueError with a clear
message), runs on the synthetic listings (or on a user's `vehicles_us.csv` passed as
`df=`), and computes `claim_held` from the numbers it just produced. Models trained on the
synthetic data are cached with small `functools.lru_cache` helpers keyed on the seed and
the parameters; runs on a user's data set are not cached here (the UI caches them).
"""

from __future__ import annotations

import functools
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from sklearn.compose import ColumnTransformer
from sklearn.dummy import DummyRegressor
from sklearn.ensemble import HistGradientBoostingRegressor, RandomForestRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OrdinalEncoder
from threadpoolctl import threadpool_limits

from projects import params as check
from projects.carvision import data
from projects.carvision import pipeline as cv
from projects.demo import DemoResult

R2_MODEST = 0.10  # data_filters: |R² gain| below this is "hardly moves" (real: +0.03)
MAX_USER_ROWS = 15_000  # a larger uploaded CSV is sampled down so demos stay interactive
SEGMENT_COLUMNS = ("model_year", "vehicle_age", "condition", "type", "fuel", "brand")
NUMERIC_IMPUTATION = ("median", "mean", "constant", "drop rows")
CATEGORICAL_IMPUTATION = ("constant", "most_frequent")
SEED_PRICE_BINS = (0, 5_000, 15_000, 50_000, np.inf)  # the buggy features.py (question 54)
BLUE, ORANGE, GREY, GREEN, RED = "#1f77b4", "#ff7f0e", "#b0b0b0", "#2ca02c", "#d62728"


# ---------------------------------------------------------------- data helpers
@functools.lru_cache(maxsize=4)
def _synthetic_cached(seed: int) -> pd.DataFrame:
    return data.generate(seed=seed)


def _synthetic(seed: int) -> pd.DataFrame:
    return _synthetic_cached(seed).copy()  # callers may modify their copy


def _user_frame(df: pd.DataFrame, seed: int) -> pd.DataFrame:
    """A user's listings checked for the columns the demos need and capped in size."""
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in data.SCHEMA if c not in df.columns]
    if missing:
        raise ValueError(f"the data set lacks the columns: {', '.join(missing)}")
    frame = df[list(data.SCHEMA)].copy()
    for col, kind in data.SCHEMA.items():
        if kind in ("int", "float"):
            frame[col] = pd.to_numeric(frame[col], errors="coerce")
    frame = frame[frame[data.TARGET].notna()]
    if len(frame) > MAX_USER_ROWS:
        frame = frame.sample(MAX_USER_ROWS, random_state=seed).sort_index()
    if len(frame) < 200:
        raise ValueError(f"the data set has {len(frame)} usable rows; the demos need 200+")
    return frame.reset_index(drop=True)


def _frame(df: pd.DataFrame | None, seed: int) -> pd.DataFrame:
    return _synthetic(seed) if df is None else _user_frame(df, seed)


def _trained(df: pd.DataFrame | None, seed: int) -> cv.TrainResult:
    """The project's default model: cached on synthetic data, trained afresh on user data."""
    if df is None:
        return cv.cached_train(seed)
    return cv.train_evaluate(df=_user_frame(df, seed), seed=seed)


def _split(df: pd.DataFrame | None, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The default cleaned train/test split, without training anything."""
    return cv.split_frame(_frame(df, seed), seed=seed)


def _xy(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    return frame.drop(columns=[data.TARGET]), frame[data.TARGET]


def _data_note(df: pd.DataFrame | None) -> str:
    if df is None:
        return "Data: synthetic listings shaped like `vehicles_us.csv` (seeded)."
    extra = f", sampled to {MAX_USER_ROWS:,} rows" if len(df) > MAX_USER_ROWS else ""
    return f"Data: your data set ({len(df):,} rows{extra})."


def _bar(x: list, y: list, title: str, yaxis: str, colors: list | str = BLUE) -> go.Figure:
    labels = [f"{v:,.0f}" if abs(v) >= 100 else f"{v:.3g}" for v in y]
    fig = go.Figure(go.Bar(x=x, y=y, marker_color=colors, text=labels))
    fig.update_layout(title=title, yaxis_title=yaxis, height=360, margin=dict(t=50, b=40))
    return fig


# ---------------------------------------------------------------- 51: feature types
def feature_types(
    df: pd.DataFrame | None = None,
    numeric_from: str = "infer",
    categorical_from: str = "infer",
    seed: int = 42,
) -> DemoResult:
    """Infer numeric/categorical features from dtypes vs the lists in config.yaml."""
    seed = check.seed(seed)
    cfg = cv.load_config()
    drop = set(cfg["features"]["drop_columns"]) | {cfg["target"]}
    frame = cv.FeatureEngineer().transform(_frame(df, seed))
    X = frame.drop(columns=[c for c in frame.columns if c in drop])

    inferred_num, inferred_cat = cv.infer_feature_types(X, {})  # empty lists -> inference
    config_num, config_cat = cv.feature_lists(cfg)
    used_cfg = {
        "numeric_features": config_num if numeric_from == "config" else [],
        "categorical_features": config_cat if categorical_from == "config" else [],
    }
    used_num, used_cat = cv.infer_feature_types(X, used_cfg)

    def kind(col: str, num: list[str], cat: list[str]) -> str:
        return "numeric" if col in num else "categorical" if col in cat else "not used"

    rows = []
    for col in X.columns:
        rows.append(
            {
                "column": col,
                "dtype": str(X[col].dtype),
                "inferred": kind(col, inferred_num, inferred_cat),
                "config.yaml": kind(col, config_num, config_cat),
                "used by the pipeline": kind(col, used_num, used_cat),
            }
        )
    table = pd.DataFrame(rows)
    disagree = table[table["inferred"] != table["config.yaml"]]

    numbers = X.select_dtypes(include="number").columns.tolist()
    texts = [  # text-like dtypes; a parsed datetime column is neither numeric nor text
        c
        for c in X.columns
        if pd.api.types.is_string_dtype(X[c]) or isinstance(X[c].dtype, pd.CategoricalDtype)
    ]
    inference_by_dtype = set(inferred_num) == set(numbers) and set(inferred_cat) == set(texts)
    config_wins = (numeric_from == "infer" or used_num == config_num) and (
        categorical_from == "infer" or used_cat == config_cat
    )
    claim_held = inference_by_dtype and config_wins and len(disagree) > 0

    counts = table.melt(id_vars="column", value_vars=["inferred", "config.yaml"])
    fig = go.Figure()
    for label, color in (("numeric", BLUE), ("categorical", ORANGE), ("not used", GREY)):
        sub = counts[counts["value"] == label]
        fig.add_bar(
            x=["inferred", "config.yaml"],
            y=[int((sub["variable"] == s).sum()) for s in ("inferred", "config.yaml")],
            name=label,
            marker_color=color,
        )
    fig.update_layout(barmode="stack", title="Features by type", yaxis_title="columns", height=340)
    date_kind = kind("date_posted", inferred_num, inferred_cat)
    notes = [
        "Inference only sees dtypes: `model_year` stays a raw number although the config uses "
        "the engineered `vehicle_age`; `date_posted` "
        + (
            "is text, so it becomes a 'category' with hundreds of levels."
            if date_kind == "categorical"
            else f"(dtype {X['date_posted'].dtype}) is {date_kind}."
        ),
        "Columns where inference and config.yaml disagree: "
        + (", ".join(f"`{c}`" for c in disagree["column"]) or "none")
        + ".",
        _data_note(df),
    ]
    return DemoResult(
        claim_held=claim_held,
        metrics={
            "inferred numeric": len(inferred_num),
            "inferred categorical": len(inferred_cat),
            "disagreements with config": len(disagree),
        },
        figures=[fig],
        tables={"Feature types: inferred vs config.yaml": table},
        notes=notes,
        extra={"used_numeric": used_num, "used_categorical": used_cat},
    )


# ---------------------------------------------------------------- 52: segment errors
def errors_by_segment(
    frame: pd.DataFrame, y_true: Any, y_pred: Any, col: str, min_group_size: int
) -> pd.DataFrame:
    """RMSE per value of `col`; groups below `min_group_size` are flagged, not scored."""
    work = pd.DataFrame(
        {"segment": frame[col].to_numpy(), "y": np.asarray(y_true), "p": np.asarray(y_pred)}
    )
    rows = []
    for value, group in work.groupby("segment", dropna=False, sort=True):
        n = len(group)
        err = float(np.sqrt(np.mean((group["y"] - group["p"]) ** 2)))
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # model_year 2011.0 -> 2011
        rows.append(
            {
                "segment": f"{col}={value}",
                "n_samples": n,
                "rmse": err if n >= min_group_size else np.nan,
                "included": n >= min_group_size,
                "rmse if scored": err,  # shown greyed out: what a tiny group's RMSE looks like
            }
        )
    return pd.DataFrame(rows)


def segment_errors(
    df: pd.DataFrame | None = None,
    segment: str = "model_year",
    min_group_size: int = 30,
    seed: int = 42,
) -> DemoResult:
    """RMSE by segment of the test set, skipping groups smaller than min_group_size."""
    seed = check.seed(seed)
    result = _trained(df, seed)
    test = cv.FeatureEngineer().transform(result.test)
    table = errors_by_segment(test, test[data.TARGET], result.y_pred, segment, min_group_size)
    kept = table[table["included"]]
    global_rmse = result.metrics["rmse"]
    ratio = float(kept["rmse"].max() / kept["rmse"].min()) if len(kept) >= 2 else float("nan")
    claim_held = bool(
        len(kept) >= 2 and ratio >= 1.5 and (kept["n_samples"] >= min_group_size).all()
    )
    fig = go.Figure()
    fig.add_bar(
        x=kept["segment"],
        y=kept["rmse"],
        name=f"n ≥ {min_group_size}",
        marker_color=BLUE,
        customdata=kept["n_samples"],
        hovertemplate="%{x}<br>RMSE %{y:,.0f}<br>n=%{customdata}",
    )
    small = table[~table["included"]]
    fig.add_bar(
        x=small["segment"],
        y=small["rmse if scored"],
        name="excluded: too few listings (noisy)",
        marker_color=GREY,
        opacity=0.5,
        customdata=small["n_samples"],
        hovertemplate="%{x}<br>RMSE %{y:,.0f}<br>n=%{customdata}",
    )
    fig.add_hline(
        y=global_rmse, line_dash="dash", annotation_text=f"global RMSE {global_rmse:,.0f}"
    )
    fig.update_layout(
        title=f"Test RMSE by {segment}",
        yaxis_title="RMSE ($)",
        height=400,
        xaxis=dict(categoryorder="array", categoryarray=table["segment"].tolist()),
        legend=dict(orientation="h", y=1.12),
    )
    worst = str(kept.loc[kept["rmse"].idxmax(), "segment"]).split("=", 1)[1] if len(kept) else "-"
    return DemoResult(
        claim_held=claim_held,
        metrics={
            "global RMSE": round(global_rmse),
            "segments scored": len(kept),
            "segments excluded": len(small),
            "rows in excluded segments": int(small["n_samples"].sum()),
            "worst / best RMSE": round(ratio, 2) if np.isfinite(ratio) else "n/a",
            "worst segment": worst,
        },
        figures=[fig],
        tables={"Error by segment (test set)": table.round({"rmse": 0, "rmse if scored": 0})},
        notes=[
            f"Segments with fewer than {min_group_size} test listings are left out: an RMSE "
            "over a handful of cars is mostly noise (grey bars: what it would have shown).",
            "RMSE is in dollars, so expensive segments (recent cars, pickups) carry larger "
            "errors; very old cars are cheap but far less predictable in relative terms.",
            _data_note(df),
        ],
    )


# ---------------------------------------------------------------- 54: price_category leak
def add_price_category(X: pd.DataFrame, bins: tuple = SEED_PRICE_BINS) -> pd.DataFrame:
    """The buggy feature of question 54: a bucket of the price, i.e. of the target."""
    out = X.copy()
    out["price_category"] = pd.cut(out["price"], bins=list(bins)).astype("str")
    return out


@functools.lru_cache(maxsize=4)
def _leaky_synthetic(seed: int) -> dict[str, Any]:
    return _leakage_core(None, seed)


def _leakage_core(df: pd.DataFrame | None, seed: int) -> dict[str, Any]:
    honest = _trained(df, seed)
    train, test = honest.train, honest.test
    leaky_train = add_price_category(train)
    leaky = cv.build_pipeline(extra_categorical=("price_category",))
    leaky.fit(*_xy(leaky_train))
    # Validation as the buggy project did it: the feature is computed before the split.
    leaky_val = cv.regression_metrics(
        test[data.TARGET], leaky.predict(_xy(add_price_category(test))[0])
    )
    honest_train = cv.regression_metrics(train[data.TARGET], honest.pipeline.predict(_xy(train)[0]))
    leaky_train_m = cv.regression_metrics(train[data.TARGET], leaky.predict(_xy(leaky_train)[0]))
    # Inference: a new listing has no price, so neither can its price_category be computed...
    new_listings = test.drop(columns=[data.TARGET])
    errors = {}
    try:
        add_price_category(new_listings)
    except KeyError as error:
        errors["computing price_category"] = f"KeyError: {error}"
    try:
        leaky.predict(new_listings)
    except (KeyError, ValueError) as error:
        errors["predicting without it"] = f"{type(error).__name__}: {str(error)[:120]}"
    # ...and filling it with the most frequent training bucket is the only way to predict.
    most_frequent = leaky_train["price_category"].mode()[0]
    imputed = leaky.predict(new_listings.assign(price_category=most_frequent))
    leaky_inference = cv.regression_metrics(test[data.TARGET], imputed)
    return {
        "honest_train": honest_train,
        "honest_val": honest.metrics,
        "leaky_train": leaky_train_m,
        "leaky_val": leaky_val,
        "leaky_inference": leaky_inference,
        "errors": errors,
        "imputed_with": most_frequent,
    }


def price_category_leakage(df: pd.DataFrame | None = None, seed: int = 42) -> DemoResult:
    """A target-derived feature: great validation score, impossible at inference."""
    seed = check.seed(seed)
    out = _leaky_synthetic(seed) if df is None else _leakage_core(df, seed)
    hv, lv, li = out["honest_val"]["r2"], out["leaky_val"]["r2"], out["leaky_inference"]["r2"]
    failed = {"computing price_category", "predicting without it"} <= set(out["errors"])
    rmse_cut = 1 - out["leaky_val"]["rmse"] / out["honest_val"]["rmse"]
    claim_held = bool(rmse_cut >= 0.15 and lv > hv and failed and li < hv)
    table = pd.DataFrame(
        [
            {"model": "honest", "stage": "training", **out["honest_train"]},
            {"model": "honest", "stage": "validation", **out["honest_val"]},
            {"model": "honest", "stage": "inference", **out["honest_val"]},
            {"model": "leaky (price_category)", "stage": "training", **out["leaky_train"]},
            {"model": "leaky (price_category)", "stage": "validation", **out["leaky_val"]},
            {
                "model": "leaky (price_category)",
                "stage": "inference, imputed",
                **out["leaky_inference"],
            },
        ]
    ).round({"rmse": 0, "mae": 0, "mape": 1, "r2": 3})
    fig = go.Figure()
    stages = ["training", "validation", "inference"]
    fig.add_bar(x=stages, y=[out["honest_train"]["r2"], hv, hv], name="honest", marker_color=BLUE)
    fig.add_bar(
        x=stages,
        y=[out["leaky_train"]["r2"], lv, li],
        name="with price_category",
        marker_color=RED,
    )
    fig.update_layout(barmode="group", title="R² by stage", yaxis_title="R²", height=360)
    notes = [
        "`price_category = pd.cut(price, [0, 5k, 15k, 50k, inf])` is a function of the target: "
        "in validation it hands the model the answer's bucket.",
        *[f"At inference, {k}: `{v}`" for k, v in out["errors"].items()],
        f"Imputing the bucket with the most frequent training value (`{out['imputed_with']}`) "
        "is the only way to get a prediction, and it is worse than the honest model.",
        "Fix: `drop_columns: [price_per_mile, price_category]` in config.yaml.",
        _data_note(df),
    ]
    return DemoResult(
        claim_held=claim_held,
        metrics={
            "honest validation R²": round(hv, 3),
            "leaky validation R²": round(lv, 3),
            "leaky R² at inference (imputed)": round(li, 3),
            "validation RMSE cut by the leak": f"{rmse_cut:.0%}",
            "inference without price": "fails" if failed else "runs",
        },
        figures=[fig],
        tables={"Metrics by model and stage": table},
        notes=notes,
        extra={"errors": out["errors"]},
    )


# ---------------------------------------------------------------- 55: split persistence
def save_split_indices(indices: dict[str, np.ndarray], path: str | Path) -> None:
    """Persist the split as JSON, as the project does (question 55)."""
    with open(path, "w", encoding="utf-8") as f:
        json.dump({k: np.asarray(v).tolist() for k, v in indices.items()}, f)


def load_split_indices(path: str | Path) -> dict[str, np.ndarray]:
    with open(path, encoding="utf-8") as f:
        return {k: np.asarray(v, dtype=int) for k, v in json.load(f).items()}


@functools.lru_cache(maxsize=8)
def _split_runs_synthetic(test_size: float, seed: int, other_seed: int) -> dict[str, Any]:
    return _split_runs_core(None, test_size, seed, other_seed)


def _split_runs_core(
    df: pd.DataFrame | None, test_size: float, seed: int, other_seed: int
) -> dict[str, Any]:
    frame = cv.clean_data(_frame(df, seed))
    frame["listing_id"] = np.arange(len(frame))  # identity of a listing, whatever the order

    def run(rows: pd.DataFrame, idx: dict[str, np.ndarray]) -> tuple[set, float]:
        res = cv.train_evaluate(
            df=rows.drop(columns="listing_id"),
            clean=False,
            indices=idx,
            estimator=cv.quick_forest(seed),
        )
        return set(rows["listing_id"].iloc[idx["test"]]), res.metrics["rmse"]

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "split_indices.json"
        save_split_indices(cv.split_indices(len(frame), test_size, seed), path)
        json_head = path.read_text(encoding="utf-8")[:160]
        runs = {"run 1 (persisted)": run(frame, load_split_indices(path))}
        runs["run 2 (loaded JSON)"] = run(frame, load_split_indices(path))
    runs[f"re-split, seed {other_seed}"] = run(
        frame, cv.split_indices(len(frame), test_size, other_seed)
    )
    reordered = frame.sort_values("date_posted", kind="stable").reset_index(drop=True)
    runs[f"re-split, seed {seed}, rows re-ordered"] = run(
        reordered, cv.split_indices(len(reordered), test_size, seed)
    )
    return {"runs": runs, "json_head": json_head}


def split_persistence(
    df: pd.DataFrame | None = None, test_size: float = 0.2, seed: int = 42, other_seed: int = 7
) -> DemoResult:
    """Persisted split indices reproduce the test set; re-splitting does not."""
    if other_seed == seed:
        raise ValueError("other_seed must differ from seed to show a re-split")
    out = (
        _split_runs_synthetic(test_size, seed, other_seed)
        if df is None
        else _split_runs_core(df, test_size, seed, other_seed)
    )
    names = list(out["runs"])
    base_ids, base_rmse = out["runs"][names[0]]
    rows = []
    for name in names:
        ids, err = out["runs"][name]
        rows.append(
            {
                "run": name,
                "test rows": len(ids),
                "same test rows as run 1 (%)": round(100 * len(ids & base_ids) / len(base_ids), 1),
                "RMSE": round(err, 1),
            }
        )
    table = pd.DataFrame(rows)
    overlap = table["same test rows as run 1 (%)"].tolist()
    scores = table["RMSE"].tolist()
    claim_held = bool(
        overlap[1] == 100.0
        and scores[1] == scores[0]
        and all(o < 100.0 for o in overlap[2:])
        and all(s != scores[0] for s in scores[2:])
    )
    fig = _bar(
        names,
        overlap,
        "Test rows shared with run 1",
        "% of test rows",
        [GREEN, GREEN, ORANGE, ORANGE],
    )
    return DemoResult(
        claim_held=claim_held,
        metrics={
            "run 2 overlap": f"{overlap[1]:.0f}%",
            "re-split overlap (other seed)": f"{overlap[2]:.0f}%",
            "re-split overlap (re-ordered)": f"{overlap[3]:.0f}%",
            "RMSE spread across re-splits": round(max(scores) - min(scores), 1),
        },
        figures=[fig],
        tables={"Runs (10-tree forest, same parameters)": table},
        notes=[
            "With a new split, a model comparison mixes two effects: the model and the luck "
            "of the test set. Persisted indices remove the second.",
            "Positions only identify rows if the file keeps its order; if it can change, "
            "persist listing ids instead.",
            f"`split_indices.json` starts with: `{out['json_head'][:80]}…`",
            _data_note(df),
        ],
    )


# ---------------------------------------------------------------- 56: dummy baseline
def dummy_baseline(
    df: pd.DataFrame | None = None, quantile: float = 0.9, seed: int = 42
) -> DemoResult:
    """DummyRegressor strategies (mean, median, quantile) next to the RandomForest."""
    seed = check.seed(seed)
    result = _trained(df, seed)
    X_train, y_train = _xy(result.train)
    X_test, y_test = _xy(result.test)
    rows = []
    for name, dummy in (
        ("dummy: mean", DummyRegressor(strategy="mean")),
        ("dummy: median", DummyRegressor(strategy="median")),
        (f"dummy: quantile {quantile:g}", DummyRegressor(strategy="quantile", quantile=quantile)),
    ):
        pred = dummy.fit(X_train, y_train).predict(X_test)
        rows.append({"model": name, **cv.regression_metrics(y_test, pred)})
    rows.append({"model": "RandomForest pipeline", **result.metrics})
    table = pd.DataFrame(rows)
    best_dummy = table.iloc[:3]["rmse"].min()
    model_rmse = result.metrics["rmse"]
    claim_held = bool(model_rmse < 0.6 * best_dummy)
    fig = _bar(
        table["model"].tolist(),
        table["rmse"].tolist(),
        "Test RMSE",
        "RMSE ($)",
        [GREY, GREY, GREY, BLUE],
    )
    mean_row, median_row = table.iloc[0], table.iloc[1]
    notes = [
        "If the model did not beat a constant, it would add no value, however good its R² "
        "looked in isolation.",
        f"The mean dummy has the lower RMSE ({mean_row.rmse:,.0f} vs {median_row.rmse:,.0f}) "
        f"and the median dummy the lower MAE ({median_row.mae:,.0f} vs {mean_row.mae:,.0f}): "
        "each constant minimises its own loss."
        if mean_row.rmse <= median_row.rmse and median_row.mae <= mean_row.mae
        else "Here the usual order (mean best for RMSE, median best for MAE) does not hold.",
        _data_note(df),
    ]
    return DemoResult(
        claim_held=claim_held,
        metrics={
            "model RMSE": round(model_rmse),
            "best dummy RMSE": round(best_dummy),
            "model / best dummy": round(model_rmse / best_dummy, 2),
            "model R²": round(result.metrics["r2"], 3),
        },
        figures=[fig],
        tables={"Test metrics": table.round({"rmse": 0, "mae": 0, "mape": 1, "r2": 3})},
        notes=notes,
    )


# ---------------------------------------------------------------- 57: RF vs boosting
def hist_gb_pipeline(max_iter: int = 100, learning_rate: float = 0.1, seed: int = 42) -> Pipeline:
    """HistGradientBoosting with native categorical splits (ordinal codes, no one-hot)."""
    numeric, categorical = cv.feature_lists()
    encode = ColumnTransformer(
        [
            ("num", "passthrough", numeric),
            (
                "cat",
                OrdinalEncoder(
                    handle_unknown="use_encoded_value",
                    unknown_value=np.nan,
                    encoded_missing_value=np.nan,
                ),
                categorical,
            ),
        ],
        verbose_feature_names_out=False,
    )
    model = HistGradientBoostingRegressor(
        max_iter=max_iter,
        learning_rate=learning_rate,
        random_state=seed,
        categorical_features=list(range(len(numeric), len(numeric) + len(categorical))),
    )
    return Pipeline([("features", cv.FeatureEngineer()), ("preprocess", encode), ("model", model)])


def _fit_timed(pipe: Pipeline, train: pd.DataFrame, test: pd.DataFrame) -> dict[str, float]:
    start = time.perf_counter()
    with threadpool_limits(limits=1):  # one thread each: a fair timing on a shared machine
        pipe.fit(*_xy(train))
        fit_s = time.perf_counter() - start
        pred = pipe.predict(_xy(test)[0])
    return {**cv.regression_metrics(test[data.TARGET], pred), "fit_s": fit_s}


@functools.lru_cache(maxsize=8)
def _rf_synthetic(seed: int, trees: int) -> dict[str, float]:
    return _rf_core(None, seed, trees)


def _rf_core(df: pd.DataFrame | None, seed: int, trees: int) -> dict[str, float]:
    params = {**cv.load_config()["model"]["params"], "n_estimators": trees, "n_jobs": 1}
    pipe = cv.build_pipeline(estimator=RandomForestRegressor(random_state=seed, **params))
    return _fit_timed(pipe, *_split(df, seed))


@functools.lru_cache(maxsize=16)
def _gb_synthetic(seed: int, iters: int, lr: float) -> dict[str, float]:
    return _gb_core(None, seed, iters, lr)


def _gb_core(df: pd.DataFrame | None, seed: int, iters: int, lr: float) -> dict[str, float]:
    return _fit_timed(hist_gb_pipeline(iters, lr, seed), *_split(df, seed))


def rf_vs_gb(
    df: pd.DataFrame | None = None,
    rf_trees: int = 25,
    gb_iterations: int = 100,
    learning_rate: float = 0.1,
    seed: int = 42,
) -> DemoResult:
    """RandomForest vs HistGradientBoosting on the same split: accuracy and fit time."""
    seed = check.seed(seed)
    if df is None:
        rf, gb = _rf_synthetic(seed, rf_trees), _gb_synthetic(seed, gb_iterations, learning_rate)
    else:
        rf = _rf_core(df, seed, rf_trees)
        gb = _gb_core(df, seed, gb_iterations, learning_rate)
    diff = gb["r2"] - rf["r2"]
    claim_held = bool(abs(diff) < 0.1)
    table = pd.DataFrame(
        [
            {"model": f"RandomForest ({rf_trees} trees)", **rf},
            {"model": f"HistGradientBoosting ({gb_iterations} it., lr {learning_rate:g})", **gb},
        ]
    ).round({"rmse": 0, "mae": 0, "mape": 1, "r2": 3, "fit_s": 3})
    fig = go.Figure()
    fig.add_bar(x=["R²"], y=[rf["r2"]], name="RandomForest", marker_color=BLUE)
    fig.add_bar(x=["R²"], y=[gb["r2"]], name="HistGradientBoosting", marker_color=ORANGE)
    fig.update_layout(barmode="group", title="Test R²", height=320)
    fig_t = go.Figure()
    fig_t.add_bar(x=["fit time (s)"], y=[rf["fit_s"]], name="RandomForest", marker_color=BLUE)
    fig_t.add_bar(
        x=["fit time (s)"], y=[gb["fit_s"]], name="HistGradientBoosting", marker_color=ORANGE
    )
    fig_t.update_layout(barmode="group", title="Fit time, one thread", height=320)
    return DemoResult(
        claim_held=claim_held,
        metrics={
            "RF R²": round(rf["r2"], 3),
            "HGB R²": round(gb["r2"], 3),
            "R² difference (HGB − RF)": round(diff, 3),
            "RF fit (s)": round(rf["fit_s"], 2),
            "HGB fit (s)": round(gb["fit_s"], 2),
        },
        figures=[fig, fig_t],
        tables={"Same train/test split": table},
        notes=[
            "Boosting gains a little accuracy; it also has more hyperparameters that interact "
            "(learning rate × iterations × depth). Raise the learning rate to 1.0 to see it "
            "overfit, while the forest barely depends on its number of trees.",
            "Fit times are measured on one thread; they vary with the machine's load.",
            _data_note(df),
        ],
    )


# ---------------------------------------------------------------- 58: MAPE vs sMAPE
def ape(y_true: Any, y_pred: Any, eps: float = 1e-8) -> np.ndarray:
    """Per-row absolute percentage error with the project's +epsilon."""
    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    return np.abs((y_true - y_pred) / (y_true + eps)) * 100


def sape(y_true: Any, y_pred: Any) -> np.ndarray:
    """Per-row symmetric absolute percentage error, always within [0, 200]."""
    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    denom = np.abs(y_true) + np.abs(y_pred)
    return np.divide(
        200 * np.abs(y_true - y_pred), denom, out=np.zeros_like(denom), where=denom > 0
    )


def mape_vs_smape(
    df: pd.DataFrame | None = None,
    prediction: float = 9_000.0,
    smallest_true: float = 0.0,
    seed: int = 42,
) -> DemoResult:
    """MAPE and sMAPE of one prediction as the true value shrinks to `smallest_true`."""
    seed = check.seed(seed)
    y_sweep = np.geomspace(10_000, max(smallest_true, 1e-6), 13)
    if smallest_true == 0.0:
        y_sweep[-1] = 0.0  # the true value itself reaches zero
    sweep = pd.DataFrame(
        {
            "true value": y_sweep,
            "prediction": prediction,
            "MAPE term (%)": ape(y_sweep, prediction),
            "sMAPE term (%)": sape(y_sweep, prediction),
        }
    )
    # On listings: the cleaned test set plus the near-$1 listings the price filter removes.
    result = _trained(df, seed)
    raw = _frame(df, seed)
    price_min = cv.load_config()["filters"]["price_min"]
    placeholders = raw[raw[data.TARGET] < price_min]
    pred_ph = result.pipeline.predict(_xy(placeholders)[0]) if len(placeholders) else []
    y_all = np.concatenate([result.test[data.TARGET].to_numpy(float), placeholders[data.TARGET]])
    p_all = np.concatenate([result.y_pred, pred_ph])
    on_data = pd.DataFrame(
        [
            {
                "test set": "cleaned test set",
                "rows": len(result.test),
                "MAPE (%)": cv.mape(result.test[data.TARGET], result.y_pred),
                "sMAPE (%)": cv.smape(result.test[data.TARGET], result.y_pred),
            },
            {
                "test set": f"+ {len(placeholders)} listings under ${price_min:,.0f}",
                "rows": len(y_all),
                "MAPE (%)": cv.mape(y_all, p_all),
                "sMAPE (%)": cv.smape(y_all, p_all),
            },
        ]
    ).round(1)
    mape_terms = sweep["MAPE term (%)"].to_numpy()
    claim_held = bool(
        mape_terms[-1] > 1_000
        and np.all(np.diff(mape_terms[y_sweep < prediction]) > 0)
        and sweep["sMAPE term (%)"].max() <= 200 + 1e-9
    )
    fig = go.Figure()
    x_plot = np.where(y_sweep == 0, 1e-6, y_sweep)
    fig.add_scatter(
        x=x_plot,
        y=sweep["MAPE term (%)"],
        name="MAPE (+1e-8)",
        mode="lines+markers",
        line_color=RED,
    )
    fig.add_scatter(
        x=x_plot, y=sweep["sMAPE term (%)"], name="sMAPE", mode="lines+markers", line_color=BLUE
    )
    fig.add_hline(y=200, line_dash="dot", annotation_text="200% (sMAPE bound)")
    fig.update_layout(
        title=f"Error of predicting ${prediction:,.0f} as the true price → {smallest_true:g}",
        xaxis=dict(type="log", title="true value (log; 0 drawn at 1e-6)", autorange="reversed"),
        yaxis=dict(  # explicit range: plotly's log autorange overshoots on 1e13-sized values
            type="log",
            title="error (%) (log)",
            range=[
                np.log10(max(float(sweep[["MAPE term (%)", "sMAPE term (%)"]].min().min()), 1e-3))
                - 0.3,
                np.log10(max(float(mape_terms.max()), 250.0)) + 0.5,
            ],
        ),
        height=400,
    )
    smape_end = float(sweep["sMAPE term (%)"].iloc[-1])
    return DemoResult(
        claim_held=claim_held,
        metrics={
            f"MAPE at true={y_sweep[-1]:g}": f"{mape_terms[-1]:,.3g}%",
            f"sMAPE at true={y_sweep[-1]:g}": f"{sweep['sMAPE term (%)'].iloc[-1]:.1f}%",
            # Both widgets move this one (the sMAPE term alone is pinned at 200 % when true=0).
            "MAPE ÷ sMAPE there": f"{mape_terms[-1] / max(smape_end, 1e-12):,.3g}×",
            "MAPE with $1 listings (data)": f"{on_data['MAPE (%)'].iloc[1]:,.0f}%",
        },
        figures=[fig],
        tables={"Sweep": sweep, "On listings": on_data},
        notes=[
            "The +1e-8 avoids a division error but not the explosion: at a true value of 0 the "
            "error is divided by 1e-8.",
            "sMAPE divides by |y| + |ŷ|, so one term can never exceed 200%; a few $1 listings "
            "cannot dominate the average.",
            _data_note(df),
        ],
    )


# ---------------------------------------------------------------- 47: data filters
@functools.lru_cache(maxsize=16)
def _filters_synthetic(seed: int, filters: tuple[tuple[str, float], ...]) -> dict[str, Any]:
    return _filters_core(None, seed, dict(filters))


def _filters_core(df: pd.DataFrame | None, seed: int, f: dict[str, float]) -> dict[str, Any]:
    raw = _frame(df, seed)
    price, year, odo = raw["price"], raw["model_year"], raw["odometer"]
    steps = [
        ("all listings", pd.Series(True, index=raw.index)),
        (
            f"price {f['price_min']:,.0f}-{f['price_max']:,.0f}",
            price.between(f["price_min"], f["price_max"]),
        ),
        (
            f"model_year ≥ {f['model_year_min']:.0f} (or missing)",
            year.isna() | (year >= f["model_year_min"]),
        ),
        (
            f"odometer ≤ {f['odometer_max']:,.0f} (or missing)",
            odo.isna() | (odo <= f["odometer_max"]),
        ),
    ]
    keep = pd.Series(True, index=raw.index)
    funnel = []
    for name, mask in steps:
        keep &= mask
        funnel.append(
            {
                "filter": name,
                "rows kept": int(keep.sum()),
                "removed by this filter": int((~mask).sum()),
            }
        )
    if keep.sum() < 200:
        raise ValueError(f"these filters keep only {int(keep.sum())} rows; loosen them (200+)")
    idx = cv.split_indices(len(raw), 0.2, seed)
    train, test = raw.iloc[idx["train"]], raw.iloc[idx["test"]]
    clean_train, clean_test = (
        train[keep.iloc[idx["train"]].to_numpy()],
        test[keep.iloc[idx["test"]].to_numpy()],
    )
    raw_pipe = cv.build_pipeline().fit(*_xy(train))
    clean_pipe = cv.build_pipeline().fit(*_xy(clean_train))
    scores = {
        "raw model, raw test": cv.regression_metrics(
            test[data.TARGET], raw_pipe.predict(_xy(test)[0])
        ),
        "raw model, filtered test": cv.regression_metrics(
            clean_test[data.TARGET], raw_pipe.predict(_xy(clean_test)[0])
        ),
        "filtered model, filtered test": cv.regression_metrics(
            clean_test[data.TARGET], clean_pipe.predict(_xy(clean_test)[0])
        ),
    }
    return {
        "funnel": funnel,
        "scores": scores,
        "kept": int(keep.sum()),
        "total": len(raw),
        "placeholders": int((price < f["price_min"]).sum()),
    }


def data_filters(
    df: pd.DataFrame | None = None,
    price_min: float = 1_000,
    price_max: float = 500_000,
    model_year_min: int = 1990,
    odometer_max: float = 500_000,
    seed: int = 42,
) -> DemoResult:
    """Rows kept by the cleaning filters and what they do to the model's metrics."""
    if price_min >= price_max:
        raise ValueError(f"price_min ({price_min:,.0f}) must be below price_max ({price_max:,.0f})")
    seed = check.seed(seed)
    f = {
        "price_min": price_min,
        "price_max": price_max,
        "model_year_min": float(model_year_min),
        "odometer_max": odometer_max,
    }
    out = (
        _filters_synthetic(seed, tuple(sorted(f.items())))
        if df is None
        else _filters_core(df, seed, f)
    )
    s = out["scores"]
    kept_share = out["kept"] / out["total"]
    raw, filtered = s["raw model, raw test"], s["filtered model, filtered test"]
    gain = filtered["r2"] - raw["r2"]
    # The real vehicles_us.csv: R² +0.03 only, but MAPE from thousands of % to ~30 %: the
    # $1 placeholders are a rounding error for squared errors and a disaster for ratios.
    mape_ratio = raw["mape"] / max(filtered["mape"], 1e-9)
    claim_held = bool(kept_share >= 0.85 and abs(gain) < R2_MODEST and mape_ratio >= 10)
    placeholders = out["placeholders"]
    table = pd.DataFrame([{"model / test set": k, **v} for k, v in s.items()]).round(
        {"rmse": 0, "mae": 0, "mape": 1, "r2": 3}
    )
    funnel = pd.DataFrame(out["funnel"])
    fig = go.Figure(
        go.Funnel(y=funnel["filter"], x=funnel["rows kept"], textinfo="value+percent initial")
    )
    fig.update_layout(title="Rows kept after each filter", height=320, margin=dict(l=220))
    fig_r2 = _bar(list(s), [v["r2"] for v in s.values()], "Test R²", "R²", [RED, ORANGE, GREEN])
    return DemoResult(
        claim_held=claim_held,
        condition_met=placeholders > 0,
        condition=(
            f"no listing in this data set is priced below ${price_min:,.0f}: there are no "
            "placeholder prices for the filters to remove."
        ),
        metrics={
            "rows kept": out["kept"],
            "kept (%)": f"{kept_share:.1%}",
            "R² raw": round(raw["r2"], 3),
            "R² filtered": round(filtered["r2"], 3),
            "R² gain": round(gain, 3),
            "MAPE raw (%)": round(raw["mape"], 1),
            "MAPE filtered (%)": round(filtered["mape"], 1),
            "RMSE raw": round(raw["rmse"]),
            "RMSE filtered": round(filtered["rmse"]),
        },
        figures=[fig, fig_r2],
        tables={"Filter funnel": funnel, "Metrics": table},
        notes=[
            f"{placeholders:,} listings ask less than ${price_min:,.0f} ($1 placeholders, "
            "symbolic asks). A $1 listing predicted at $9,000 is a 900,000 % error: a handful "
            "dominate MAPE, while R², driven by the expensive cars, hardly moves.",
            "The middle bar isolates the training effect: the same filtered test rows scored by "
            "the model trained on raw data.",
            "Missing model_year / odometer are kept: the imputer handles them.",
            _data_note(df),
        ],
    )


# ---------------------------------------------------------------- 48: bootstrap CI
def bootstrap_difference(
    y_true: Any, pred_model: Any, pred_base: Any, n_boot: int, seed: int
) -> np.ndarray:
    """RMSE(model) − RMSE(baseline) on n_boot resamples of the test rows (paired)."""
    y = np.asarray(y_true, float)
    err_m = (np.asarray(pred_model, float) - y) ** 2
    err_b = (np.asarray(pred_base, float) - y) ** 2
    idx = np.random.default_rng(seed).integers(0, len(y), size=(n_boot, len(y)))
    return np.sqrt(err_m[idx].mean(axis=1)) - np.sqrt(err_b[idx].mean(axis=1))


def bootstrap_ci(
    df: pd.DataFrame | None = None, n_boot: int = 1_000, confidence: float = 0.95, seed: int = 42
) -> DemoResult:
    """Bootstrap CI of the RMSE gap between the model and a median DummyRegressor."""
    seed = check.seed(seed)
    result = _trained(df, seed)
    y_test = result.test[data.TARGET]
    base = DummyRegressor(strategy="median").fit(*_xy(result.train)).predict(_xy(result.test)[0])
    diffs = bootstrap_difference(y_test, result.y_pred, base, n_boot, seed)
    alpha = (1 - confidence) / 2
    low, high = np.quantile(diffs, [alpha, 1 - alpha])
    point = cv.rmse(y_test, result.y_pred) - cv.rmse(y_test, base)
    claim_held = bool(high < 0)
    fig = go.Figure(go.Histogram(x=diffs, nbinsx=50, marker_color=BLUE, name="resamples"))
    fig.add_vline(x=low, line_dash="dash", line_color=ORANGE, annotation_text=f"{low:,.0f}")
    fig.add_vline(x=high, line_dash="dash", line_color=ORANGE, annotation_text=f"{high:,.0f}")
    fig.add_vline(x=0, line_color=RED, annotation_text="0 (no difference)")
    fig.update_layout(
        title=f"RMSE(model) − RMSE(median baseline), {n_boot:,} bootstrap resamples",
        xaxis_title="$ (negative = model better)",
        height=380,
        showlegend=False,
    )
    return DemoResult(
        claim_held=claim_held,
        metrics={
            "difference": round(point),
            f"CI low ({confidence:.0%})": round(low),
            f"CI high ({confidence:.0%})": round(high),
            "CI excludes 0": "yes" if (high < 0 or low > 0) else "no",
        },
        figures=[fig],
        tables={
            "Summary": pd.DataFrame(
                [
                    {
                        "model RMSE": cv.rmse(y_test, result.y_pred),
                        "baseline RMSE": cv.rmse(y_test, base),
                        "difference": point,
                        "CI low": low,
                        "CI high": high,
                        "test rows": len(y_test),
                    }
                ]
            ).round(0)
        },
        notes=[
            "Each resample draws the test rows with replacement and scores both models on the "
            "same rows (a paired bootstrap), so the test set's luck cancels out.",
            _data_note(df),
        ],
    )


# ---------------------------------------------------------------- 49: temporal backtest
def temporal_indices(dates: pd.Series, test_fraction: float) -> dict[str, np.ndarray]:
    """Train on the oldest listings, test on the most recent `test_fraction`."""
    order = np.argsort(pd.to_datetime(dates, errors="coerce").to_numpy(), kind="stable")
    n_test = max(1, int(round(len(order) * test_fraction)))
    return {"train": np.sort(order[:-n_test]), "test": np.sort(order[-n_test:])}


@functools.lru_cache(maxsize=8)
def _temporal_synthetic(seed: int, test_fraction: float) -> dict[str, Any]:
    return _temporal_core(None, seed, test_fraction)


def _temporal_core(df: pd.DataFrame | None, seed: int, test_fraction: float) -> dict[str, Any]:
    if df is None and test_fraction == 0.2:
        random_res = cv.cached_train(seed)  # the default split is exactly this one
        frame = cv.clean_data(_frame(df, seed))
    else:
        frame = cv.clean_data(_frame(df, seed))
        random_res = cv.train_evaluate(
            df=frame, clean=False, indices=cv.split_indices(len(frame), test_fraction, seed)
        )
    t_idx = temporal_indices(frame["date_posted"], test_fraction)
    temporal_res = cv.train_evaluate(df=frame, clean=False, indices=t_idx, seed=seed)
    cutoff = str(frame["date_posted"].iloc[t_idx["test"]].min())[:10]
    monthly = (
        frame.assign(month=pd.to_datetime(frame["date_posted"]).dt.to_period("M").astype(str))
        .groupby("month")[data.TARGET]
        .median()
    )
    bias = float(np.mean(temporal_res.y_pred - temporal_res.test[data.TARGET]))
    return {
        "random": random_res.metrics,
        "temporal": temporal_res.metrics,
        "cutoff": cutoff,
        "monthly": monthly,
        "bias": bias,
    }


def temporal_backtest(
    df: pd.DataFrame | None = None, test_fraction: float = 0.2, seed: int = 42
) -> DemoResult:
    """Random split vs training on older listings and testing on the most recent ones."""
    seed = check.seed(seed)
    out = (
        _temporal_synthetic(seed, test_fraction)
        if df is None
        else _temporal_core(df, seed, test_fraction)
    )
    r, t = out["random"], out["temporal"]
    claim_held = bool(t["rmse"] > r["rmse"])
    table = pd.DataFrame(
        [{"split": "random", **r}, {"split": f"temporal (test from {out['cutoff']})", **t}]
    ).round({"rmse": 0, "mae": 0, "mape": 1, "r2": 3})
    fig = _bar(
        ["random split", "temporal backtest"],
        [r["rmse"], t["rmse"]],
        "Test RMSE",
        "RMSE ($)",
        [BLUE, ORANGE],
    )
    monthly = out["monthly"]
    fig_m = go.Figure(
        go.Scatter(
            x=monthly.index.tolist(), y=monthly.to_numpy(), mode="lines+markers", line_color=BLUE
        )
    )
    fig_m.add_vline(x=out["cutoff"][:7], line_dash="dash", line_color=ORANGE)
    fig_m.add_annotation(
        x=out["cutoff"][:7],
        y=float(monthly.min()),
        text="test period",
        showarrow=False,
        xanchor="left",
    )
    fig_m.update_layout(title="Median price by month posted", yaxis_title="$", height=340)
    return DemoResult(
        claim_held=claim_held,
        metrics={
            "RMSE random split": round(r["rmse"]),
            "RMSE temporal": round(t["rmse"]),
            "optimism of random split": f"{(t['rmse'] / r['rmse'] - 1):+.1%}",
            "mean error on recent listings": round(out["bias"]),
        },
        figures=[fig, fig_m],
        tables={"Random split vs temporal backtest": table},
        notes=[
            "A random split lets the model train on listings posted after some test listings. "
            "In production it always predicts the future: prices drift, and the model trained "
            "on older listings under-predicts recent ones (negative mean error).",
            _data_note(df),
        ],
    )


# ---------------------------------------------------------------- 7: imputation
FEATURE_COLUMNS_WITH_GAPS = ("model_year", "cylinders", "odometer", "paint_color")
DROP_TOLERANCE = 0.10  # drop-rows RMSE within ±10 % of median imputation's


@functools.lru_cache(maxsize=16)
def _imputation_synthetic(seed: int, numeric: str, categorical: str) -> dict[str, Any]:
    return _imputation_core(None, seed, numeric, categorical)


def _imputation_core(
    df: pd.DataFrame | None, seed: int, numeric: str, categorical: str
) -> dict[str, Any]:
    train, test = _split(df, seed)
    if numeric == "drop rows":
        # Listwise deletion at training time; a listing to price cannot be dropped, so the
        # (median) imputer still fills the test rows.
        train = train.dropna(subset=list(FEATURE_COLUMNS_WITH_GAPS))
        numeric = "median"
    pipe = cv.build_pipeline(
        estimator=cv.quick_forest(seed),
        numeric_strategy=numeric,
        categorical_strategy=categorical,
    )
    pipe.fit(*_xy(train))
    return {
        "rows": len(train),
        "metrics": cv.regression_metrics(test[data.TARGET], pipe.predict(_xy(test)[0])),
    }


def imputation(
    df: pd.DataFrame | None = None, categorical_strategy: str = "constant", seed: int = 42
) -> DemoResult:
    """Numeric imputation (median/mean/constant/drop rows) under one categorical strategy."""
    categorical_strategy = check.choice(
        "categorical_strategy", categorical_strategy, CATEGORICAL_IMPUTATION
    )
    seed = check.seed(seed)
    results = {
        s: (
            _imputation_synthetic(seed, s, categorical_strategy)
            if df is None
            else _imputation_core(df, seed, s, categorical_strategy)
        )
        for s in NUMERIC_IMPUTATION
    }
    total = results["median"]["rows"]
    table = pd.DataFrame(
        [
            {
                "numeric strategy": s,
                "training rows kept": r["rows"],
                "kept (%)": round(100 * r["rows"] / total, 1),
                **r["metrics"],
            }
            for s, r in results.items()
        ]
    ).round({"rmse": 0, "mae": 0, "mape": 1, "r2": 3})
    med, mean, drop = (results[s]["metrics"]["rmse"] for s in ("median", "mean", "drop rows"))
    kept_drop = results["drop rows"]["rows"] / total
    # Real vehicles_us.csv: dropping keeps ~58 % and scores RMSE 4,962 vs 5,034 for the
    # median: competitive, not worse. The claim is that deletion costs data, not accuracy
    # beyond a few %, under random gaps; it needs gaps to test anything.
    drop_gap = (drop - med) / med
    claim_held = bool(abs(drop_gap) <= DROP_TOLERANCE and abs(med - mean) / med < 0.05)
    fig = _bar(
        list(results),
        [r["metrics"]["rmse"] for r in results.values()],
        "Test RMSE by numeric imputation",
        "RMSE ($)",
        [BLUE, BLUE, BLUE, RED],
    )
    raw = _frame(df, seed)
    gaps = pd.DataFrame(
        {
            "column": list(FEATURE_COLUMNS_WITH_GAPS) + ["is_4wd"],
            "missing (%)": [
                round(100 * raw[c].isna().mean(), 1) for c in (*FEATURE_COLUMNS_WITH_GAPS, "is_4wd")
            ],
        }
    )
    return DemoResult(
        claim_held=claim_held,
        condition_met=kept_drop < 0.75,
        condition=(
            f"dropping incomplete rows keeps {kept_drop:.0%} of this data set's training "
            "listings: too few gaps for the strategies to differ."
        ),
        metrics={
            "rows kept when dropping": f"{kept_drop:.0%}",
            "drop rows vs median (RMSE)": f"{drop_gap:+.1%}",
            "RMSE median": round(med),
            "RMSE mean": round(mean),
            "RMSE drop rows": round(drop),
        },
        figures=[fig],
        tables={
            "Imputation strategies (same test set, 10-tree forest)": table,
            "Missing values": gaps,
        },
        notes=[
            f"Categorical columns use `{categorical_strategy}`"
            + (
                " (a 'missing' category: the gap itself can carry signal)."
                if categorical_strategy == "constant"
                else " (the mode hides the gap)."
            ),
            "`is_4wd` is 1.0 or missing: missing means 'no', so it is filled with 0 before "
            "imputation; a median imputer would make every car a 4WD.",
            "The median is robust to the skewed odometer; with trees, mean and median "
            "imputation end up close.",
            _data_note(df),
        ],
    )
