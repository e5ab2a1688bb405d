"""Streamlit renderers of the BankChurn demos: widgets (keys prefixed), cached run, result.

Each renderer draws its widgets, runs the demo through `ui.demos.run_demo` (st.cache_data)
and shows it with `ui.demos.show_result`. Impossible values raise ValueError in the pure
function, which `ui.demos.render_demo` shows as a message.
"""

from __future__ import annotations

import json
import math

import streamlit as st

from projects.bankchurn import concepts
from projects.demo import DemoSpec
from ui.text import demo_bankchurn as t

PROJECT = "bankchurn"


def _run(spec: DemoSpec, key_prefix: str, **params: object) -> None:
    from ui import demos  # imported here: the framework module needs a running Streamlit

    result = demos.run_demo(spec, df=demos.active_dataset(PROJECT), **params)
    if "json" in result.extra:
        st.caption(t.METADATA_JSON)
        st.json(result.extra["json"])
        st.download_button(
            t.DOWNLOAD_JSON,
            data=json.dumps(result.extra["json"], indent=2),
            file_name="model_metadata.json",
            mime="application/json",
            key=f"{key_prefix}-download",
        )
    demos.show_result(spec, result)


def render_risk_levels(spec: DemoSpec, key_prefix: str) -> None:
    left, right = st.columns(2)
    low = left.slider(t.LOW, 0.01, 0.99, 0.3, 0.01, key=f"{key_prefix}-low")
    high = right.slider(t.HIGH, 0.01, 0.99, 0.7, 0.01, key=f"{key_prefix}-high")
    _run(spec, key_prefix, low=low, high=high)


def render_threshold_cost(spec: DemoSpec, key_prefix: str) -> None:
    a, b, c = st.columns(3)
    cost_fn = a.number_input(t.COST_FN, 0.0, 1e6, 500.0, 50.0, key=f"{key_prefix}-cost_fn")
    cost_fp = b.number_input(t.COST_FP, 0.0, 1e6, 50.0, 10.0, key=f"{key_prefix}-cost_fp")
    threshold = c.slider(t.THRESHOLD, 0.01, 0.99, 0.5, 0.01, key=f"{key_prefix}-threshold")
    _run(spec, key_prefix, cost_fn=float(cost_fn), cost_fp=float(cost_fp), threshold=threshold)


def render_explanation_vs_attribution(spec: DemoSpec, key_prefix: str) -> None:
    from ui import demos

    df = demos.active_dataset(PROJECT)
    n_test = math.ceil((10_000 if df is None else len(df)) * 0.2)  # the configured split
    a, b = st.columns(2)
    customer = a.number_input(
        t.CUSTOMER,
        min_value=0,
        max_value=max(n_test - 1, 0),
        value=0,
        step=1,
        key=f"{key_prefix}-customer",
    )
    top_k = b.slider(t.TOP_K, 1, 8, 3, key=f"{key_prefix}-top_k")
    _run(spec, key_prefix, customer=int(customer), top_k=int(top_k))


def render_model_metadata(spec: DemoSpec, key_prefix: str) -> None:
    a, b, c = st.columns(3)
    C = a.select_slider(
        t.C_LABEL, options=[0.001, 0.01, 0.1, 1.0, 10.0], value=0.1, key=f"{key_prefix}-C"
    )
    test_size = b.slider(t.TEST_SIZE, 0.1, 0.4, 0.2, 0.05, key=f"{key_prefix}-test_size")
    version = c.text_input(t.VERSION, value="1.0.0", max_chars=20, key=f"{key_prefix}-version")
    _run(spec, key_prefix, C=float(C), test_size=round(float(test_size), 2), version=version)


def render_imbalance_strategies(spec: DemoSpec, key_prefix: str) -> None:
    a, b = st.columns(2)
    threshold = a.slider(t.THRESHOLD, 0.05, 0.95, 0.5, 0.05, key=f"{key_prefix}-threshold")
    C = b.select_slider(t.C_LABEL, options=[0.01, 0.1, 1.0, 10.0], value=0.1, key=f"{key_prefix}-C")
    _run(spec, key_prefix, threshold=round(float(threshold), 2), C=float(C))


def render_soft_voting(spec: DemoSpec, key_prefix: str) -> None:
    a, b = st.columns(2)
    w_lr = a.slider(t.W_LR, 0.0, 1.0, 0.4, 0.05, key=f"{key_prefix}-w_lr")
    w_rf = b.slider(t.W_RF, 0.0, 1.0, 0.6, 0.05, key=f"{key_prefix}-w_rf")
    _run(spec, key_prefix, w_lr=round(float(w_lr), 2), w_rf=round(float(w_rf), 2))


def render_regularization_c(spec: DemoSpec, key_prefix: str) -> None:
    options = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0, 1000.0]
    C = st.select_slider(t.C_LABEL, options=options, value=0.1, key=f"{key_prefix}-C")
    _run(spec, key_prefix, C=float(C))


def render_calibration(spec: DemoSpec, key_prefix: str) -> None:
    a, b, c = st.columns(3)
    base_model = a.selectbox(
        t.BASE_MODEL,
        concepts.CALIBRATION_BASES,
        format_func=t.BASE_LABELS.get,
        key=f"{key_prefix}-base_model",
    )
    method = b.selectbox(t.METHOD, concepts.CALIBRATION_METHODS, key=f"{key_prefix}-method")
    n_bins = c.slider(t.N_BINS, 3, 30, 10, key=f"{key_prefix}-n_bins")
    _run(spec, key_prefix, base_model=base_model, method=method, n_bins=int(n_bins))


def render_fairness(spec: DemoSpec, key_prefix: str) -> None:
    a, b = st.columns(2)
    attribute = a.selectbox(
        t.ATTRIBUTE, concepts.FAIRNESS_ATTRIBUTES, key=f"{key_prefix}-attribute"
    )
    threshold = b.slider(t.THRESHOLD, 0.05, 0.95, 0.5, 0.05, key=f"{key_prefix}-threshold")
    _run(spec, key_prefix, attribute=attribute, threshold=round(float(threshold), 2))
