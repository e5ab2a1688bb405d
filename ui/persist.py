"""Keep a page's widget values when the user leaves the page and comes back.

Streamlit forgets the state of a page's widgets when another page runs. `restore(key)`
before the widget is drawn, with `on_change=remember(key)` on the widget, keeps its value
in a shadow key that Streamlit does not clean up.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

_SHADOW = "_kept_{}"


def restore(*keys: str) -> None:
    for key in keys:
        shadow = _SHADOW.format(key)
        if key not in st.session_state and shadow in st.session_state:
            st.session_state[key] = st.session_state[shadow]


def remember(key: str) -> Callable[[], None]:
    def copy() -> None:
        st.session_state[_SHADOW.format(key)] = st.session_state[key]

    return copy
