"""Keep the picked question visible in Browse's scrolling question list.

The list is a fixed-height scrolling container; after a deep link (?q=58) or Next/Previous
the picked radio can sit far below the visible part, so nothing in the list shows where
the learner is. This fixed script (no user or file content) scrolls that container, and
only that container, so the checked radio is in view.
"""

from __future__ import annotations

import streamlit as st

_SCROLL_TO_CHECKED_JS = """
export default function (component) {
  const { data } = component;
  if (!data || !data.container) return;
  const run = () => {
    const box = document.querySelector(`.st-key-${data.container}`);
    const checked = box && box.querySelector('input[type="radio"]:checked');
    const row = checked && (checked.closest("label") || checked.parentElement);
    if (!row || box.clientHeight === 0) return false;
    const boxRect = box.getBoundingClientRect();
    const rowRect = row.getBoundingClientRect();
    if (rowRect.top < boxRect.top) {
      box.scrollTop -= boxRect.top - rowRect.top + 8;
    } else if (rowRect.bottom > boxRect.bottom) {
      box.scrollTop += rowRect.bottom - boxRect.bottom + 8;
    }
    return true;
  };
  // The radio may not be drawn yet (first load of the page): try again for a moment.
  let tries = 0;
  const attempt = () => {
    if (!run() && ++tries < 20) setTimeout(attempt, 100);
  };
  requestAnimationFrame(attempt);
}
"""
_scroll_to_checked = st.components.v2.component(
    "simulacro_scroll_to_checked", js=_SCROLL_TO_CHECKED_JS
)


def keep_checked_in_view(container_key: str, selected: object, key: str) -> None:
    """Scroll the keyed container so its checked radio is visible (re-run on each pick)."""
    _scroll_to_checked(data={"container": container_key, "selected": selected}, key=key, height=0)
