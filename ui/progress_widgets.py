"""Streamlit adapters of the progress store: the shared store, its warning, bookmark+note."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import streamlit as st

from simulacro.store import ProgressStore
from ui.decks import current_deck
from ui.text import progress as text

MAX_NOTE_CHARS = 5000


@st.cache_resource(show_spinner=False)
def _open_store(data_dir: str) -> ProgressStore:
    # One store object per data folder, shared by every session: it holds no connection
    # (each operation opens its own), so sharing it between threads is safe.
    return ProgressStore.open(Path(data_dir))


def get_store() -> ProgressStore:
    """The current deck's progress store (the built-in deck's is in $SIMULACRO_DATA_DIR or
    the per-user default folder; an imported deck's in its own folder there).

    Checked on every call (a stat and a 16-byte read): a file deleted, replaced or damaged
    since the last run is recovered now, so the page's warning says so before it draws.
    """
    store = _open_store(str(current_deck().progress_dir))
    store.verify()
    return store


def show_store_warning(store: ProgressStore | None = None) -> None:
    """A visible warning when the store fell back to memory or moved a bad file aside."""
    store = store or get_store()
    if store.warning:
        st.warning(text.STORE_WARNING.format(warning=store.warning), icon=":material/warning:")


def _save_bookmark(number: int, key: str, flag: str) -> None:
    try:
        get_store().set_bookmark(number, bool(st.session_state.get(key)))
    except (sqlite3.Error, OSError) as exc:  # shown next to the widget, never a traceback
        st.session_state[flag] = text.SAVE_FAILED.format(error=exc)


def _save_note(number: int, key: str, flag: str) -> None:
    try:
        get_store().set_note(number, str(st.session_state.get(key) or ""))
    except (sqlite3.Error, OSError) as exc:
        st.session_state[flag] = text.SAVE_FAILED.format(error=exc)
    else:
        st.session_state[flag] = ""


def render_bookmark_and_note(number: int, key_prefix: str) -> None:
    """Bookmark toggle and personal note of question `number`, saved on change."""
    store = get_store()
    bookmark_key = f"{key_prefix}_bookmark_{number}"
    note_key = f"{key_prefix}_note_{number}"
    saved_flag = f"{key_prefix}_saved_{number}"  # "" = note saved, text = error
    state = st.session_state
    # Once a widget exists its value lives in session state (and `value=` is ignored), so
    # read the store only on first render: a page with many notes stays cheap to rerun.
    st.toggle(
        text.BOOKMARK,
        value=state[bookmark_key] if bookmark_key in state else store.is_bookmarked(number),
        key=bookmark_key,
        on_change=_save_bookmark,
        args=(number, bookmark_key, saved_flag),
    )
    st.text_area(
        text.NOTE,
        value=state[note_key] if note_key in state else store.note(number),
        key=note_key,
        on_change=_save_note,
        args=(number, note_key, saved_flag),
        placeholder=text.NOTE_PLACEHOLDER,
        max_chars=MAX_NOTE_CHARS,
        height=100,
    )
    outcome = st.session_state.pop(saved_flag, None)
    if outcome == "":
        st.caption(text.NOTE_SAVED)
    elif outcome:
        st.error(outcome, icon=":material/error:")
