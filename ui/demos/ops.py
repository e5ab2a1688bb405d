"""Operations renderers that show more than the standard result view (example requests,
manifests, an editable table). The other Operations demos use `ui.demos.render_standard`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from projects.demo import DemoSpec
from projects.ops import api, config, leadership, privacy
from ui import demos
from ui.text import demo_ops as t


def _set_example(payload_key: str, loaded_key: str, example_key: str) -> None:
    payload, loaded, _ = api.EXAMPLE_REQUESTS[st.session_state[example_key]]
    st.session_state[payload_key] = payload
    st.session_state[loaded_key] = loaded


def render_error_status_codes(spec: DemoSpec, key_prefix: str) -> None:
    payload_key, loaded_key = f"{key_prefix}_payload", f"{key_prefix}_model_loaded"
    example_key = f"{key_prefix}_example"
    if payload_key not in st.session_state:
        st.session_state[payload_key] = api.VALID_PAYLOAD
        st.session_state[loaded_key] = True
    st.selectbox(
        t.EXAMPLE,
        list(api.EXAMPLE_REQUESTS),
        key=example_key,
        on_change=_set_example,
        args=(payload_key, loaded_key, example_key),
    )
    payload = st.text_area(t.PAYLOAD, height=110, key=payload_key)
    left, right = st.columns(2)
    loaded = left.checkbox(t.MODEL_LOADED, key=loaded_key)
    max_bytes = demos.param_widget(spec, spec.param("max_bytes"), key_prefix, where=right)
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
        t.YAML_TEXT, config.DEFAULT_YAML, height=230, key=f"{key_prefix}_yaml"
    )
    names = ", ".join(f"`{config.env_var_name(name)}`" for name in config.DEFAULTS)
    env_text = right.text_area(
        t.ENV_TEXT,
        config.DEFAULT_ENV,
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
    replicas = demos.param_widget(spec, spec.param("replicas"), key_prefix, where=c1)
    surge = c2.text_input(t.MAX_SURGE, "1", key=f"{key_prefix}_surge")
    unavailable = c3.text_input(t.MAX_UNAVAILABLE, "1", key=f"{key_prefix}_unavailable")
    c4, c5 = st.columns([2, 1])
    startup = demos.param_widget(spec, spec.param("startup_ticks"), key_prefix, where=c4)
    readiness = demos.param_widget(spec, spec.param("readiness_probe"), key_prefix, where=c5)
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


def render_requests_limits(spec: DemoSpec, key_prefix: str) -> None:
    values = demos.render_params(spec, key_prefix)
    st.code(
        "resources:\n"
        "  requests:\n"
        f'    cpu: "{values["cpu_request_m"]:.0f}m"\n'
        f'    memory: "{values["mem_request_mi"]:.0f}Mi"\n'
        "  limits:\n"
        f'    cpu: "{values["cpu_limit_m"]:.0f}m"\n'
        f'    memory: "{values["mem_limit_mi"]:.0f}Mi"',
        language="yaml",
    )
    demos.show_result(spec, demos.run_demo(spec, **values))


def render_rice_prioritization(spec: DemoSpec, key_prefix: str) -> None:
    st.caption(t.RICE_EDITOR)
    edited = st.data_editor(
        leadership.DEFAULT_RICE,
        num_rows="dynamic",
        width="stretch",
        hide_index=True,
        key=f"{key_prefix}_table",
    )
    result = demos.run_demo(spec, table=pd.DataFrame(edited))
    demos.show_result(spec, result)


def render_pseudonymisation(spec: DemoSpec, key_prefix: str) -> None:
    c1, c2, c3 = st.columns(3)
    key = demos.param_widget(spec, spec.param("secret_key"), key_prefix, where=c1)
    erase = spec.param("erase_customer")
    names = dict(zip(privacy.CUSTOMERS["customer_id"], privacy.CUSTOMERS["name"], strict=True))
    customer = c2.selectbox(  # the choice shows the customer's name: data, not a UI string
        t.ERASE,
        list(erase.choices),
        index=erase.choices.index(erase.default),
        format_func=lambda i: f"{names[i]} ({i})",
        key=demos.widget_key(key_prefix, erase.name),
    )
    method = demos.param_widget(spec, spec.param("method"), key_prefix, where=c3)
    result = demos.run_demo(spec, secret_key=key, erase_customer=int(customer), method=method)
    demos.show_result(spec, result)


RENDERERS: dict[str, demos.Renderer] = {
    "ops.error_status_codes": render_error_status_codes,
    "ops.config_hierarchy": render_config_hierarchy,
    "ops.rolling_update": render_rolling_update,
    "ops.requests_limits": render_requests_limits,
    "ops.rice_prioritization": render_rice_prioritization,
    "ops.pseudonymisation": render_pseudonymisation,
}
