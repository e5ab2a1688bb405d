"""Keyboard shortcuts that do not lose what is being typed.

Streamlit sends a text area's value to the server only when it loses focus (or on
Ctrl+Enter). A button shortcut (`st.button(..., shortcut="Alt+S")`) pressed while the
cursor is still in the box fires the button without that commit, so the typed text never
reaches the callback (seen in Chromium, Streamlit 1.67: the quiz graded an empty answer).
This fixed script (no user or file content) blurs the focused text area when one of the
page's Alt shortcuts is pressed, before Streamlit's shortcut handler runs: the box commits its
value and the button's rerun carries it. Only those exact keys: Ctrl+V, Ctrl+Z or AltGr
characters (Ctrl+Alt on Windows, e.g. @ on a Spanish keyboard) keep the cursor in the box.
"""

from __future__ import annotations

import streamlit as st

_COMMIT_BEFORE_SHORTCUT_JS = """
export default function (component) {
  // The latest key list wins; the listener is added once per browser tab.
  window.__simulacroShortcutCodes = (component.data && component.data.codes) || [];
  if (window.__simulacroCommitBeforeShortcut) return;
  window.__simulacroCommitBeforeShortcut = true;
  window.addEventListener(
    "keydown",
    (event) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      if (!window.__simulacroShortcutCodes.includes(event.code)) return;
      const active = document.activeElement;
      if (active && active.tagName === "TEXTAREA" && active.closest('[data-testid="stTextArea"]')) {
        active.blur();
      }
    },
    true,
  );
}
"""
_commit_before_shortcut = st.components.v2.component(
    "simulacro_commit_before_shortcut", js=_COMMIT_BEFORE_SHORTCUT_JS
)


def key_code(shortcut: str) -> str:
    """The KeyboardEvent.code of an "Alt+<letter or digit>" shortcut ("Alt+S" -> "KeyS")."""
    modifier, _, key = shortcut.partition("+")
    if modifier.lower() != "alt" or len(key) != 1 or not key.isalnum():
        raise ValueError(f"expected Alt+<letter or digit>, got {shortcut!r}")
    return f"Digit{key}" if key.isdigit() else f"Key{key.upper()}"


def commit_text_before_shortcuts(shortcuts: list[str], key: str) -> None:
    """Make these Alt shortcuts commit the focused text area before their button fires."""
    _commit_before_shortcut(data={"codes": [key_code(s) for s in shortcuts]}, key=key, height=0)
