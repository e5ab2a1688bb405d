"""TelecomAI demo helpers: the registered data frames, shared constants.

Pure (no Streamlit): the demo's declared params (projects/telecomai/demos.py) are
validated before these functions run.
"""

from __future__ import annotations

PLAN_COLORS = {"Basic": "#4C78A8", "Ultra": "#F58518"}
