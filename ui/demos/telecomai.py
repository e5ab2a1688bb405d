"""Streamlit renderers of the TelecomAI demos: widgets (keys prefixed), run, show."""

from __future__ import annotations

import streamlit as st

from projects.demo import DemoSpec
from projects.telecomai import concepts
from projects.telecomai.config import default_config_text, validate_config_text
from ui import demos
from ui.text import demo_telecomai as t

PROJECT = "telecomai"


def render_unified_pipeline(spec: DemoSpec, key_prefix: str) -> None:
    with st.expander(t.BEFORE_AFTER, key=f"{key_prefix}_code_before_after"):
        st.code(t.BEFORE_AFTER_CODE, language="python")
    left, right = st.columns([3, 1])
    shift = left.slider(t.SHIFT, -50, 200, 30, step=5, help=t.SHIFT_HELP, key=f"{key_prefix}_shift")
    seed = right.number_input(t.RESAMPLE_SEED, 0, 10_000, 1, key=f"{key_prefix}_seed")
    df = demos.active_dataset(PROJECT)
    result = demos.run_demo(spec, shift_pct=float(shift), resample_seed=int(seed), df=df)
    demos.show_result(spec, result)


def _reset_config(key: str) -> None:
    st.session_state[key] = default_config_text()


def render_yaml_config(spec: DemoSpec, key_prefix: str) -> None:
    key = f"{key_prefix}_config_text"
    if key not in st.session_state:
        st.session_state[key] = default_config_text()
    config_text = st.text_area(t.CONFIG_LABEL, height=420, key=key)
    st.button(t.CONFIG_RESET, key=f"{key_prefix}_config_reset", on_click=_reset_config, args=(key,))
    st.caption(t.CONFIG_HINT)
    # Validate first so every problem is listed (with its line), not only the first one.
    _, issues = validate_config_text(config_text)
    if issues:
        st.error("\n".join([t.CONFIG_INVALID, ""] + [f"- {issue}" for issue in issues]))
        return
    df = demos.active_dataset(PROJECT)
    result = demos.run_demo(spec, config_text=config_text, df=df)
    demos.show_result(spec, result)


def render_stratification(spec: DemoSpec, key_prefix: str) -> None:
    df = demos.active_dataset(PROJECT)
    max_rows = len(df) if df is not None else 3_214
    st.caption(t.SEED_COMMENT)
    c1, c2, c3 = st.columns(3)
    n_seeds = c1.slider(t.N_SEEDS, 20, 1_000, 200, step=10, key=f"{key_prefix}_n_seeds")
    test_size = c2.slider(t.TEST_SIZE, 0.05, 0.5, 0.2, step=0.05, key=f"{key_prefix}_test_size")
    n_rows = c3.slider(
        t.N_ROWS,
        100,
        max(max_rows, 101),
        min(2_000, max_rows),
        step=50,
        key=f"{key_prefix}_n_rows",
    )
    result = demos.run_demo(
        spec, n_seeds=int(n_seeds), test_size=float(test_size), n_rows=int(n_rows), df=df
    )
    demos.show_result(spec, result)


def render_debugging_learning_curve(spec: DemoSpec, key_prefix: str) -> None:
    left, right = st.columns(2)
    model = left.selectbox(
        t.MODEL,
        concepts.LEARNING_CURVE_MODELS,
        format_func=lambda name: t.MODEL_LABELS.get(name, name),
        key=f"{key_prefix}_model",
    )
    inject = right.checkbox(t.INJECT, value=False, key=f"{key_prefix}_inject")
    df = demos.active_dataset(PROJECT)
    result = demos.run_demo(spec, model=model, inject_issues=bool(inject), df=df)
    demos.show_result(spec, result)


def render_lr_estimators_grid(spec: DemoSpec, key_prefix: str) -> None:
    left, right = st.columns([3, 1])
    lrs = left.multiselect(
        t.LEARNING_RATES,
        concepts.ALLOWED_LRS,
        default=[0.005, 0.05, 0.5],
        key=f"{key_prefix}_lrs",
    )
    max_n = right.select_slider(
        t.MAX_ESTIMATORS, [50, 100, 200, 300, 400], value=200, key=f"{key_prefix}_max_n"
    )
    df = demos.active_dataset(PROJECT)
    result = demos.run_demo(
        spec, learning_rates=tuple(sorted(lrs)), max_estimators=int(max_n), df=df
    )
    demos.show_result(spec, result)


def render_metrics_yaml(spec: DemoSpec, key_prefix: str) -> None:
    left, right = st.columns(2)
    decimals = left.slider(t.DECIMALS, 1, 8, 3, key=f"{key_prefix}_decimals")
    confusion = right.checkbox(t.CONFUSION, value=False, key=f"{key_prefix}_confusion")
    df = demos.active_dataset(PROJECT)
    result = demos.run_demo(
        spec, decimals=int(decimals), include_confusion_matrix=bool(confusion), df=df
    )
    st.caption(t.YAML_FILE)
    st.code(result.extra["yaml"], language="yaml")
    demos.show_result(spec, result)


def render_plan_recommender(spec: DemoSpec, key_prefix: str) -> None:
    ranges = ", ".join(
        f"{name} {low:,}–{high:,}" for name, (low, high) in concepts.INPUT_RANGES.items()
    )
    # No min/max on the inputs on purpose: the demo is the validation, like the API's 422.
    with st.form(key=f"{key_prefix}_form"):
        st.markdown(f"**{t.FORM}**")
        c1, c2, c3, c4 = st.columns(4)
        calls = c1.number_input(t.CALLS, value=60, step=1, key=f"{key_prefix}_calls")
        minutes = c2.number_input(t.MINUTES, value=420.0, step=10.0, key=f"{key_prefix}_minutes")
        messages = c3.number_input(t.MESSAGES, value=35, step=1, key=f"{key_prefix}_messages")
        mb_used = c4.number_input(
            t.MB_USED, value=17_000.0, step=500.0, key=f"{key_prefix}_mb_used"
        )
        st.caption(t.RANGES.format(ranges=ranges))
        st.form_submit_button(t.SUBMIT, key=f"{key_prefix}_submit")
    df = demos.active_dataset(PROJECT)
    result = demos.run_demo(
        spec, calls=calls, minutes=float(minutes), messages=messages, mb_used=float(mb_used), df=df
    )
    st.caption(t.RESPONSE)
    st.json(result.extra["response"])
    demos.show_result(spec, result)
