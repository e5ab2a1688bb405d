"""Streamlit renderers of the CarVision demos: widgets (keys prefixed), cached run, result.

Each renderer draws its widgets, runs the demo through `ui.demos.run_demo` (st.cache_data,
so a user's data set is hashed and cached there) and shows it with `ui.demos.show_result`.
Impossible values raise ValueError in the pure function; `ui.demos.render_demo` shows it.
"""

from __future__ import annotations

import streamlit as st

from projects.carvision import concepts
from projects.demo import DemoSpec
from ui.text import demo_carvision as t

PROJECT = "carvision"


def _run(spec: DemoSpec, **params: object) -> None:
    from ui import demos  # imported here: the framework module needs a running Streamlit

    result = demos.run_demo(spec, df=demos.active_dataset(PROJECT), **params)
    demos.show_result(spec, result)


def render_feature_types(spec: DemoSpec, key_prefix: str) -> None:
    left, right = st.columns(2)
    numeric_from = left.radio(
        t.NUMERIC_FROM,
        list(t.SOURCE_LABELS),
        format_func=t.SOURCE_LABELS.get,
        key=f"{key_prefix}-numeric_from",
    )
    categorical_from = right.radio(
        t.CATEGORICAL_FROM,
        list(t.SOURCE_LABELS),
        format_func=t.SOURCE_LABELS.get,
        key=f"{key_prefix}-categorical_from",
    )
    _run(spec, numeric_from=numeric_from, categorical_from=categorical_from)


def render_segment_errors(spec: DemoSpec, key_prefix: str) -> None:
    left, right = st.columns(2)
    segment = left.selectbox(t.SEGMENT, concepts.SEGMENT_COLUMNS, key=f"{key_prefix}-segment")
    min_group = right.slider(t.MIN_GROUP, 1, 200, 30, 1, key=f"{key_prefix}-min_group")
    _run(spec, segment=segment, min_group_size=int(min_group))


def render_price_category_leakage(spec: DemoSpec, key_prefix: str) -> None:
    seed = st.number_input(t.SEED, 0, 9_999, 42, 1, key=f"{key_prefix}-seed")
    _run(spec, seed=int(seed))


def render_split_persistence(spec: DemoSpec, key_prefix: str) -> None:
    a, b, c = st.columns(3)
    test_size = a.slider(t.TEST_SIZE, 0.05, 0.5, 0.2, 0.05, key=f"{key_prefix}-test_size")
    seed = b.number_input(t.SEED, 0, 9_999, 42, 1, key=f"{key_prefix}-seed")
    other = c.number_input(t.OTHER_SEED, 0, 9_999, 7, 1, key=f"{key_prefix}-other_seed")
    _run(spec, test_size=float(test_size), seed=int(seed), other_seed=int(other))


def render_dummy_baseline(spec: DemoSpec, key_prefix: str) -> None:
    quantile = st.slider(t.QUANTILE, 0.05, 0.95, 0.9, 0.05, key=f"{key_prefix}-quantile")
    _run(spec, quantile=float(quantile))


def render_rf_vs_gb(spec: DemoSpec, key_prefix: str) -> None:
    a, b, c = st.columns(3)
    trees = a.slider(t.RF_TREES, 5, 100, 25, 5, key=f"{key_prefix}-rf_trees")
    iters = b.slider(t.GB_ITER, 10, 300, 100, 10, key=f"{key_prefix}-gb_iterations")
    rate = c.select_slider(
        t.LEARNING_RATE, [0.01, 0.03, 0.1, 0.3, 1.0], 0.1, key=f"{key_prefix}-learning_rate"
    )
    _run(spec, rf_trees=int(trees), gb_iterations=int(iters), learning_rate=float(rate))


def render_mape_vs_smape(spec: DemoSpec, key_prefix: str) -> None:
    left, right = st.columns(2)
    prediction = left.number_input(
        t.PREDICTION, 1.0, 1_000_000.0, 9_000.0, 500.0, key=f"{key_prefix}-prediction"
    )
    smallest = right.select_slider(
        t.SMALLEST_TRUE,
        [1000.0, 100.0, 10.0, 1.0, 0.01, 0.0],
        0.0,
        key=f"{key_prefix}-smallest_true",
    )
    _run(spec, prediction=float(prediction), smallest_true=float(smallest))


def render_data_filters(spec: DemoSpec, key_prefix: str) -> None:
    a, b, c, d = st.columns(4)
    price_min = a.number_input(t.PRICE_MIN, 0, 1_000_000, 1_000, 500, key=f"{key_prefix}-pmin")
    price_max = b.number_input(
        t.PRICE_MAX, 1, 100_000_000, 500_000, 10_000, key=f"{key_prefix}-pmax"
    )
    year_min = c.slider(t.YEAR_MIN, 1950, 2019, 1990, 1, key=f"{key_prefix}-year_min")
    odo_max = d.number_input(
        t.ODOMETER_MAX, 1_000, 10_000_000, 500_000, 10_000, key=f"{key_prefix}-odo_max"
    )
    _run(
        spec,
        price_min=float(price_min),
        price_max=float(price_max),
        model_year_min=int(year_min),
        odometer_max=float(odo_max),
    )


def render_bootstrap_ci(spec: DemoSpec, key_prefix: str) -> None:
    left, right = st.columns(2)
    n_boot = left.slider(t.N_BOOT, 100, 5_000, 1_000, 100, key=f"{key_prefix}-n_boot")
    confidence = right.select_slider(
        t.CONFIDENCE, [0.8, 0.9, 0.95, 0.99], 0.95, key=f"{key_prefix}-confidence"
    )
    _run(spec, n_boot=int(n_boot), confidence=float(confidence))


def render_temporal_backtest(spec: DemoSpec, key_prefix: str) -> None:
    fraction = st.slider(t.TEST_FRACTION, 0.1, 0.4, 0.2, 0.05, key=f"{key_prefix}-fraction")
    _run(spec, test_fraction=float(fraction))


def render_imputation(spec: DemoSpec, key_prefix: str) -> None:
    strategy = st.radio(
        t.CATEGORICAL_STRATEGY,
        list(t.CATEGORICAL_LABELS),
        format_func=t.CATEGORICAL_LABELS.get,
        horizontal=True,
        key=f"{key_prefix}-cat_strategy",
    )
    _run(spec, categorical_strategy=strategy)
