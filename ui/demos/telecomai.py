"""TelecomAI renderers that show more than the standard result view (a config editor, the
metrics file, the API form). The other TelecomAI demos use `ui.demos.render_standard`.
"""

from __future__ import annotations

import streamlit as st

from projects.demo import DemoSpec
from projects.telecomai import serving
from projects.telecomai.config import default_config_text, validate_config_text
from ui import demos
from ui.text import demo_telecomai as t

PROJECT = "telecomai"


def render_unified_pipeline(spec: DemoSpec, key_prefix: str) -> None:
    with st.expander(t.BEFORE_AFTER, key=f"{key_prefix}_code_before_after"):
        st.code(t.BEFORE_AFTER_CODE, language="python")
    demos.render_standard(spec, key_prefix)


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
    st.caption(t.SEED_COMMENT)
    demos.render_standard(spec, key_prefix)


def render_metrics_yaml(spec: DemoSpec, key_prefix: str) -> None:
    result = demos.run_with_widgets(spec, key_prefix)
    st.caption(t.YAML_FILE)
    st.code(result.extra["yaml"], language="yaml")
    demos.show_result(spec, result)


def render_plan_recommender(spec: DemoSpec, key_prefix: str) -> None:
    ranges = ", ".join(
        f"{name} {low:,}–{high:,}" for name, (low, high) in serving.INPUT_RANGES.items()
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


RENDERERS: dict[str, demos.Renderer] = {
    "telecomai.unified_pipeline": render_unified_pipeline,
    "telecomai.yaml_config": render_yaml_config,
    "telecomai.stratification": render_stratification,
    "telecomai.metrics_yaml": render_metrics_yaml,
    "telecomai.plan_recommender": render_plan_recommender,
}
