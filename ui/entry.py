"""Make every page run through app.py, even in the very first session of a fresh server.

Streamlit starts in its legacy "pages/ folder" mode until some session calls
st.navigation. So the first visitor of a deep link (e.g. /browse?q=58) right after start-up
gets the page run directly: without app.py's navigation, layout and sidebar. A page that
finds app.py has not run yet in this session hands over to app.py, which then switches
back to it with the same query parameters.
"""

from __future__ import annotations

import streamlit as st

NAV_READY = "_simulacro_navigation_ready"
PENDING_PAGE = "_simulacro_pending_page"


def ensure_entrypoint(page: str) -> None:
    """Call first thing in a page file, with its path relative to app.py."""
    if st.session_state.get(NAV_READY):
        return
    st.session_state[PENDING_PAGE] = page
    st.switch_page("app.py", query_params=st.query_params.to_dict())


def mark_ready_and_resume() -> None:
    """Called by app.py once st.navigation is built: go back to the page that asked."""
    st.session_state[NAV_READY] = True
    pending = st.session_state.pop(PENDING_PAGE, None)
    if pending:
        st.switch_page(pending, query_params=st.query_params.to_dict())
