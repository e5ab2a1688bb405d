"""CarVision evaluation: error by segment (52), dummy baselines (56), RF vs boosting (57),
bootstrap CI (48).

Pure (no Streamlit): the demo's declared params (projects/carvision/demos.py) are
validated before these functions run.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
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
from projects.carvision.common import (
    BLUE,
    GREY,
    ORANGE,
    RED,
    _bar,
    _data_note,
    _split,
    _trained,
    _xy,
)
from projects.demo import DemoResult


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


@dataclass(frozen=True)
class SegmentErrors:
    """What the segment-errors demo computed: RMSE per segment of the test set."""

    segment: str
    min_group_size: int
    table: pd.DataFrame  # segment, n_samples, rmse (NaN when excluded), included, rmse if scored
    global_rmse: float
    data_note: str

    @property
    def kept(self) -> pd.DataFrame:
        return self.table[self.table["included"]]

    @property
    def ratio(self) -> float:
        """Worst / best RMSE among the scored segments (NaN with fewer than two)."""
        kept = self.kept
        return float(kept["rmse"].max() / kept["rmse"].min()) if len(kept) >= 2 else float("nan")

    @property
    def claim_held(self) -> bool:
        """Two or more segments big enough to score, the worst 1.5× the best."""
        kept = self.kept
        return bool(
            len(kept) >= 2
            and self.ratio >= 1.5
            and (kept["n_samples"] >= self.min_group_size).all()
        )


def compute_segment_errors(
    df: pd.DataFrame | None = None,
    segment: str = "model_year",
    min_group_size: int = 30,
    seed: int = 42,
) -> SegmentErrors:
    """RMSE by segment of the test set, skipping groups smaller than min_group_size."""
    seed = check.seed(seed)
    result = _trained(df, seed)
    test = cv.FeatureEngineer().transform(result.test)
    table = errors_by_segment(test, test[data.TARGET], result.y_pred, segment, min_group_size)
    return SegmentErrors(segment, min_group_size, table, result.metrics["rmse"], _data_note(df))


def present_segment_errors(found: SegmentErrors) -> DemoResult:
    """The per-segment bars and the sentences, from the computed table."""
    table, kept, ratio = found.table, found.kept, found.ratio
    segment, min_group_size, global_rmse = found.segment, found.min_group_size, found.global_rmse
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
        claim_held=found.claim_held,
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
            found.data_note,
        ],
    )


def segment_errors(
    df: pd.DataFrame | None = None,
    segment: str = "model_year",
    min_group_size: int = 30,
    seed: int = 42,
) -> DemoResult:
    """RMSE by segment of the test set, skipping groups smaller than min_group_size."""
    return present_segment_errors(compute_segment_errors(df, segment, min_group_size, seed))


# ---------------------------------------------------------------- 56: dummy baseline
@dataclass(frozen=True)
class DummyBaseline:
    """What the dummy-baseline demo computed: test metrics of three constants and the model."""

    table: pd.DataFrame  # model, rmse, mae, mape, r2 (three dummies, then the forest)
    data_note: str

    @property
    def best_dummy(self) -> float:
        return float(self.table.iloc[:3]["rmse"].min())

    @property
    def model_rmse(self) -> float:
        return float(self.table.iloc[3]["rmse"])

    @property
    def claim_held(self) -> bool:
        """The model's RMSE is below 60 % of the best constant's."""
        return bool(self.model_rmse < 0.6 * self.best_dummy)


def compute_dummy_baseline(
    df: pd.DataFrame | None = None, quantile: float = 0.9, seed: int = 42
) -> DummyBaseline:
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
    return DummyBaseline(pd.DataFrame(rows), _data_note(df))


def present_dummy_baseline(found: DummyBaseline) -> DemoResult:
    """The RMSE bars and the sentences, from the computed metrics."""
    table, best_dummy, model_rmse = found.table, found.best_dummy, found.model_rmse
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
        found.data_note,
    ]
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "model RMSE": round(model_rmse),
            "best dummy RMSE": round(best_dummy),
            "model / best dummy": round(model_rmse / best_dummy, 2),
            "model R²": round(float(table.iloc[3]["r2"]), 3),
        },
        figures=[fig],
        tables={"Test metrics": table.round({"rmse": 0, "mae": 0, "mape": 1, "r2": 3})},
        notes=notes,
    )


def dummy_baseline(
    df: pd.DataFrame | None = None, quantile: float = 0.9, seed: int = 42
) -> DemoResult:
    """DummyRegressor strategies (mean, median, quantile) next to the RandomForest."""
    return present_dummy_baseline(compute_dummy_baseline(df, quantile, seed))


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
    cfg = cv.load_config()
    params = {**cfg["model"]["params"], "n_estimators": trees, "n_jobs": 1}
    if params == cfg["model"]["params"] and seed == cfg["random_seed"]:
        # Exactly the project's default model (config n_jobs is 1 too): the one the other
        # demos share, with the fit time measured when it was trained. Saves a 25-tree fit.
        shared = _trained(df, seed)
        return {**shared.metrics, "fit_s": shared.fit_s}
    pipe = cv.build_pipeline(estimator=RandomForestRegressor(random_state=seed, **params))
    return _fit_timed(pipe, *_split(df, seed))


@functools.lru_cache(maxsize=16)
def _gb_synthetic(seed: int, iters: int, lr: float) -> dict[str, float]:
    return _gb_core(None, seed, iters, lr)


def _gb_core(df: pd.DataFrame | None, seed: int, iters: int, lr: float) -> dict[str, float]:
    return _fit_timed(hist_gb_pipeline(iters, lr, seed), *_split(df, seed))


@dataclass(frozen=True)
class ForestVsBoosting:
    """What the RF vs boosting demo computed: test metrics and one-thread fit times."""

    rf_trees: int
    gb_iterations: int
    learning_rate: float
    rf: dict[str, float]  # rmse, mae, mape, r2, fit_s
    gb: dict[str, float]
    data_note: str

    @property
    def r2_difference(self) -> float:
        return self.gb["r2"] - self.rf["r2"]

    @property
    def claim_held(self) -> bool:
        """The two families land within 0.1 of R² of each other."""
        return bool(abs(self.r2_difference) < 0.1)


def compute_rf_vs_gb(
    df: pd.DataFrame | None = None,
    rf_trees: int = 25,
    gb_iterations: int = 100,
    learning_rate: float = 0.1,
    seed: int = 42,
) -> ForestVsBoosting:
    """RandomForest vs HistGradientBoosting on the same split: accuracy and fit time."""
    seed = check.seed(seed)
    if df is None:
        rf, gb = _rf_synthetic(seed, rf_trees), _gb_synthetic(seed, gb_iterations, learning_rate)
    else:
        rf = _rf_core(df, seed, rf_trees)
        gb = _gb_core(df, seed, gb_iterations, learning_rate)
    return ForestVsBoosting(rf_trees, gb_iterations, learning_rate, rf, gb, _data_note(df))


def present_rf_vs_gb(found: ForestVsBoosting) -> DemoResult:
    """The R² and fit-time bars and the sentences, from the computed metrics."""
    rf, gb, diff = found.rf, found.gb, found.r2_difference
    rf_trees, gb_iterations, learning_rate = (
        found.rf_trees,
        found.gb_iterations,
        found.learning_rate,
    )
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
        claim_held=found.claim_held,
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
            found.data_note,
        ],
    )


def rf_vs_gb(
    df: pd.DataFrame | None = None,
    rf_trees: int = 25,
    gb_iterations: int = 100,
    learning_rate: float = 0.1,
    seed: int = 42,
) -> DemoResult:
    """RandomForest vs HistGradientBoosting on the same split: accuracy and fit time."""
    return present_rf_vs_gb(compute_rf_vs_gb(df, rf_trees, gb_iterations, learning_rate, seed))


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


@dataclass(frozen=True)
class BootstrapCI:
    """What the bootstrap demo computed: the paired RMSE differences and their interval."""

    n_boot: int
    confidence: float
    diffs: np.ndarray  # RMSE(model) − RMSE(baseline) per resample
    model_rmse: float
    baseline_rmse: float
    test_rows: int
    data_note: str

    @property
    def interval(self) -> tuple[float, float]:
        alpha = (1 - self.confidence) / 2
        low, high = np.quantile(self.diffs, [alpha, 1 - alpha])
        return float(low), float(high)

    @property
    def point(self) -> float:
        return self.model_rmse - self.baseline_rmse

    @property
    def claim_held(self) -> bool:
        """The whole interval is below 0: the model is better, beyond the test set's luck."""
        return bool(self.interval[1] < 0)


def compute_bootstrap_ci(
    df: pd.DataFrame | None = None, n_boot: int = 1_000, confidence: float = 0.95, seed: int = 42
) -> BootstrapCI:
    """Bootstrap CI of the RMSE gap between the model and a median DummyRegressor."""
    seed = check.seed(seed)
    result = _trained(df, seed)
    y_test = result.test[data.TARGET]
    base = DummyRegressor(strategy="median").fit(*_xy(result.train)).predict(_xy(result.test)[0])
    diffs = bootstrap_difference(y_test, result.y_pred, base, n_boot, seed)
    return BootstrapCI(
        n_boot,
        confidence,
        diffs,
        cv.rmse(y_test, result.y_pred),
        cv.rmse(y_test, base),
        len(y_test),
        _data_note(df),
    )


def present_bootstrap_ci(found: BootstrapCI) -> DemoResult:
    """The histogram of differences and the sentences, from the computed resamples."""
    diffs, n_boot, confidence = found.diffs, found.n_boot, found.confidence
    (low, high), point = found.interval, found.point
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
        claim_held=found.claim_held,
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
                        "model RMSE": found.model_rmse,
                        "baseline RMSE": found.baseline_rmse,
                        "difference": point,
                        "CI low": low,
                        "CI high": high,
                        "test rows": found.test_rows,
                    }
                ]
            ).round(0)
        },
        notes=[
            "Each resample draws the test rows with replacement and scores both models on the "
            "same rows (a paired bootstrap), so the test set's luck cancels out.",
            found.data_note,
        ],
    )


def bootstrap_ci(
    df: pd.DataFrame | None = None, n_boot: int = 1_000, confidence: float = 0.95, seed: int = 42
) -> DemoResult:
    """Bootstrap CI of the RMSE gap between the model and a median DummyRegressor."""
    return present_bootstrap_ci(compute_bootstrap_ci(df, n_boot, confidence, seed))
