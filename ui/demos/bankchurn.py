"""BankChurn renderers that show more than the standard result view.

Every other BankChurn demo is drawn by `ui.demos.render_standard` from its declared params.
"""

from __future__ import annotations

import json

import streamlit as st

from projects.demo import DemoSpec
from ui import demos
from ui.text import demo_bankchurn as t


def render_model_metadata(spec: DemoSpec, key_prefix: str) -> None:
    result = demos.run_with_widgets(spec, key_prefix)
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


RENDERERS: dict[str, demos.Renderer] = {"bankchurn.model_metadata": render_model_metadata}
