"""Typed dates apply on Enter.

Streamlit's date box sends a typed date to the server only when the box loses focus, so a
learner who types "2027-01-15" and presses Enter sees nothing change. This fixed script
(no user or file content) turns Enter in a date box into what a click elsewhere does: the
box loses focus, a press outside it is signalled, the box commits its value and the page
reruns with it.
"""

from __future__ import annotations

import streamlit as st

_BLUR_DATE_ON_ENTER_JS = """
export default function () {
  // One listener per browser tab, on the capture phase so it runs before the picker's own.
  if (window.__simulacroDateEnter) return;
  window.__simulacroDateEnter = true;
  window.addEventListener(
    "keydown",
    (event) => {
      if (event.key !== "Enter" || event.isComposing) return;
      const active = document.activeElement;
      // The date box is a group of editable year/month/day segments, not one <input>.
      if (active && active.closest && active.closest('[data-testid="stDateInput"]')) {
        // Streamlit commits the typed date on a press outside the box, not on blur alone;
        // after the picker has handled this key press.
        setTimeout(() => {
          active.blur();
          for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup"]) {
            const Kind = type.startsWith("pointer") ? PointerEvent : MouseEvent;
            document.body.dispatchEvent(new Kind(type, { bubbles: true }));
          }
        }, 0);
      }
    },
    true,
  );
}
"""
_blur_date_on_enter = st.components.v2.component("simulacro_date_enter", js=_BLUR_DATE_ON_ENTER_JS)


def apply_dates_on_enter(key: str) -> None:
    """Make Enter in any date box of the page apply the typed date."""
    _blur_date_on_enter(key=key, height=0)
