"""Streamlit renderers of the Operations demos: widgets (keys prefixed), run, show."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from projects.demo import DemoSpec
from projects.ops import concepts
from ui import demos
from ui.text import demo_ops as t


def _set_example(payload_key: str, loaded_key: str, example_key: str) -> None:
    payload, loaded, _ = concepts.EXAMPLE_REQUESTS[st.session_state[example_key]]
    st.session_state[payload_key] = payload
    st.session_state[loaded_key] = loaded


def render_error_status_codes(spec: DemoSpec, key_prefix: str) -> None:
    payload_key, loaded_key = f"{key_prefix}_payload", f"{key_prefix}_model_loaded"
    example_key = f"{key_prefix}_example"
    if payload_key not in st.session_state:
        st.session_state[payload_key] = concepts.VALID_PAYLOAD
        st.session_state[loaded_key] = True
    st.selectbox(
        t.EXAMPLE,
        list(concepts.EXAMPLE_REQUESTS),
        key=example_key,
        on_change=_set_example,
        args=(payload_key, loaded_key, example_key),
    )
    payload = st.text_area(t.PAYLOAD, height=110, key=payload_key)
    left, right = st.columns(2)
    loaded = left.checkbox(t.MODEL_LOADED, key=loaded_key)
    max_bytes = right.number_input(t.MAX_BYTES, 64, 1_000_000, 1_024, key=f"{key_prefix}_max")
    result = demos.run_demo(
        spec, payload=payload, model_loaded=bool(loaded), max_bytes=int(max_bytes)
    )
    st.caption(t.RESPONSE)
    st.json(result.extra["response"])
    st.caption(t.LOG_LINE)
    st.code(result.extra["log"], language="text")
    demos.show_result(spec, result)


def render_config_hierarchy(spec: DemoSpec, key_prefix: str) -> None:
    left, right = st.columns(2)
    yaml_text = left.text_area(
        t.YAML_TEXT, concepts.DEFAULT_YAML, height=230, key=f"{key_prefix}_yaml"
    )
    names = ", ".join(f"`{concepts.env_var_name(name)}`" for name in concepts.DEFAULTS)
    env_text = right.text_area(
        t.ENV_TEXT,
        concepts.DEFAULT_ENV,
        height=230,
        help=t.ENV_HELP.format(names=names),
        key=f"{key_prefix}_env",
    )
    result = demos.run_demo(spec, yaml_text=yaml_text, env_text=env_text)
    demos.show_result(spec, result)


def _int_or_text(value: str) -> int | str:
    """'1' -> 1, '25%' stays text; anything else is passed on for run() to reject clearly."""
    stripped = value.strip()
    return int(stripped) if stripped.isdigit() else stripped


def render_rolling_update(spec: DemoSpec, key_prefix: str) -> None:
    c1, c2, c3 = st.columns(3)
    replicas = c1.number_input(t.REPLICAS, 1, 20, 3, key=f"{key_prefix}_replicas")
    surge = c2.text_input(t.MAX_SURGE, "1", key=f"{key_prefix}_surge")
    unavailable = c3.text_input(t.MAX_UNAVAILABLE, "1", key=f"{key_prefix}_unavailable")
    c4, c5 = st.columns([2, 1])
    startup = c4.slider(t.STARTUP, 1, 10, 2, key=f"{key_prefix}_startup")
    readiness = c5.checkbox(t.READINESS, value=True, key=f"{key_prefix}_readiness")
    st.caption(t.MANIFEST)
    st.code(
        "spec:\n"
        f"  replicas: {int(replicas)}\n"
        "  strategy:\n"
        "    type: RollingUpdate\n"
        "    rollingUpdate:\n"
        f"      maxSurge: {surge.strip()}\n"
        f"      maxUnavailable: {unavailable.strip()}",
        language="yaml",
    )
    result = demos.run_demo(
        spec,
        replicas=int(replicas),
        max_surge=_int_or_text(surge),
        max_unavailable=_int_or_text(unavailable),
        startup_ticks=int(startup),
        readiness_probe=bool(readiness),
    )
    demos.show_result(spec, result)


def render_hpa_scaling(spec: DemoSpec, key_prefix: str) -> None:
    c1, c2, c3 = st.columns(3)
    shape = c1.selectbox(t.LOAD_SHAPE, concepts.LOAD_SHAPES, key=f"{key_prefix}_shape")
    peak = c2.slider(t.PEAK, 50, 2_000, 900, step=50, key=f"{key_prefix}_peak")
    target = c3.slider(t.TARGET, 20, 95, 70, step=5, key=f"{key_prefix}_target")
    c4, c5, c6, c7 = st.columns(4)
    min_r = c4.number_input(t.MIN_REPLICAS, 1, 20, 2, key=f"{key_prefix}_min")
    max_r = c5.number_input(t.MAX_REPLICAS, 1, 50, 10, key=f"{key_prefix}_max")
    capacity = c6.number_input(t.CAPACITY, 10, 1_000, 100, step=10, key=f"{key_prefix}_cap")
    window = c7.number_input(t.WINDOW, 0, 30, 5, key=f"{key_prefix}_window")
    result = demos.run_demo(
        spec,
        load_shape=shape,
        peak_rps=float(peak),
        min_replicas=int(min_r),
        max_replicas=int(max_r),
        target_utilization=float(target),
        capacity_rps=float(capacity),
        stabilization_minutes=int(window),
    )
    demos.show_result(spec, result)


def render_requests_limits(spec: DemoSpec, key_prefix: str) -> None:
    fields = [
        ("cpu_request_m", t.CPU_REQUEST, 250, 50),
        ("cpu_limit_m", t.CPU_LIMIT, 1_000, 50),
        ("mem_request_mi", t.MEM_REQUEST, 512, 64),
        ("mem_limit_mi", t.MEM_LIMIT, 1_024, 64),
        ("cpu_peak_m", t.CPU_PEAK, 1_500, 50),
        ("mem_peak_mi", t.MEM_PEAK, 1_200, 64),
        ("node_cpu_m", t.NODE_CPU, 4_000, 500),
        ("node_mem_mi", t.NODE_MEM, 12_288, 512),
    ]
    params = {}
    columns = st.columns(4)
    for index, (name, label, default, step) in enumerate(fields):
        params[name] = float(
            columns[index % 4].number_input(
                label, min_value=0, value=default, step=step, key=f"{key_prefix}_{name}"
            )
        )
    st.code(
        "resources:\n"
        "  requests:\n"
        f'    cpu: "{params["cpu_request_m"]:.0f}m"\n'
        f'    memory: "{params["mem_request_mi"]:.0f}Mi"\n'
        "  limits:\n"
        f'    cpu: "{params["cpu_limit_m"]:.0f}m"\n'
        f'    memory: "{params["mem_limit_mi"]:.0f}Mi"',
        language="yaml",
    )
    result = demos.run_demo(spec, **params)
    demos.show_result(spec, result)


def render_rice_prioritization(spec: DemoSpec, key_prefix: str) -> None:
    st.caption(t.RICE_EDITOR)
    edited = st.data_editor(
        concepts.DEFAULT_RICE,
        num_rows="dynamic",
        width="stretch",
        hide_index=True,
        key=f"{key_prefix}_table",
    )
    result = demos.run_demo(spec, table=pd.DataFrame(edited))
    demos.show_result(spec, result)


def render_pseudonymisation(spec: DemoSpec, key_prefix: str) -> None:
    c1, c2, c3 = st.columns(3)
    key = c1.text_input(t.SECRET_KEY, "k8s-secret-7f3a9c2e", key=f"{key_prefix}_key")
    names = dict(zip(concepts.CUSTOMERS["customer_id"], concepts.CUSTOMERS["name"], strict=True))
    ids = list(names)
    erase = c2.selectbox(
        t.ERASE,
        ids,
        index=ids.index(15617311),
        format_func=lambda i: f"{names[i]} ({i})",
        key=f"{key_prefix}_erase",
    )
    method = c3.radio(
        t.METHOD,
        concepts.PSEUDONYM_METHODS,
        format_func=lambda m: t.METHOD_LABELS[m],
        key=f"{key_prefix}_method",
    )
    result = demos.run_demo(spec, secret_key=key, erase_customer=int(erase), method=method)
    demos.show_result(spec, result)
