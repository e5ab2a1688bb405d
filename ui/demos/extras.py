"""A renderer for demos whose result carries more than the standard view shows: the
payloads in `DemoResult.extra` (an HTTP response, a YAML manifest, a log, a model card),
each drawn as a code block under the result."""

from __future__ import annotations

import streamlit as st

from projects.demo import DemoSpec
from ui import demos as ui_demos

LANGUAGES = {".yaml": "yaml", ".yml": "yaml", ".md": "markdown", ".py": "python", ".dvc": "yaml"}


def language_of(name: str, value: str) -> str:
    for suffix, language in LANGUAGES.items():
        if name.endswith(suffix):
            return language
    return "json" if value.lstrip().startswith(("{", "[")) else "text"


def render_with_extra(spec: DemoSpec, key_prefix: str) -> None:
    result = ui_demos.run_with_widgets(spec, key_prefix)
    ui_demos.show_result(spec, result)
    for name, value in result.extra.items():
        st.caption(str(name))
        st.code(str(value), language=language_of(str(name), str(value)))


def renderers(*demo_ids: str) -> dict[str, object]:
    """{demo id: render_with_extra} for a project's RENDERERS table."""
    return {demo_id: render_with_extra for demo_id in demo_ids}
