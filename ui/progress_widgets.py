"""Streamlit adapters of the progress store: the learner's store, its warning, bookmark+note.

Local mode: one store per deck folder, as always. Hosted mode (ui/identity): one store per
signed-in learner and deck; a visitor who is not signed in gets a read-only empty store whose
writes raise StoreUnavailable with the reason, so no page can save for them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import streamlit as st

from simulacro.store import ProgressStore
from simulacro.store_factory import StoreUnavailable, open_progress_store
from simulacro.store_readonly import ReadOnlyStore
from ui.decks import current_deck
from ui.identity import Visitor, current_visitor
from ui.text import progress as text

MAX_NOTE_CHARS = 5000
# What a store operation may raise: the pages catch these where they save, never a traceback.
STORE_ERRORS = (sqlite3.Error, OSError, StoreUnavailable)


@st.cache_resource(show_spinner=False)
def _open_store(data_dir: str, deck: str, learner: str | None) -> ProgressStore:
    # One store object per deck and learner, shared by that learner's sessions: it holds no
    # connection (each operation opens its own), so sharing it between threads is safe.
    # A store that cannot be opened raises StoreUnavailable, which is not cached.
    return open_progress_store(Path(data_dir), deck=deck, learner=learner)


@st.cache_resource(show_spinner=False)
def _empty_store() -> ProgressStore:
    return ProgressStore.in_memory()  # never written: ReadOnlyStore refuses every write


def store_for(visitor: Visitor) -> ProgressStore:
    """The progress store this visitor reads and writes (see the module docstring)."""
    if not visitor.can_write:
        return ReadOnlyStore(visitor.refusal, _empty_store())  # type: ignore[return-value]
    deck = current_deck()
    try:
        store = _open_store(str(deck.progress_dir), deck.name, visitor.learner)
    except StoreUnavailable as exc:  # e.g. the database is down: read-only, and say why
        refused = ReadOnlyStore(str(exc), _empty_store())
        refused.warning = str(exc)
        return refused  # type: ignore[return-value]
    verify = getattr(store, "verify", None)  # the SQLite store's cheap file check
    if verify is not None:
        verify()
    return store


def get_store() -> ProgressStore:
    """The current deck's progress store for the current learner (the built-in deck's is in
    $SIMULACRO_DATA_DIR or the per-user default folder; an imported deck's in its own folder
    there; in hosted mode the learner's own store of that deck).

    Checked on every call (a stat and a 16-byte read): a file deleted, replaced or damaged
    since the last run is recovered now, so the page's warning says so before it draws.
    """
    return store_for(current_visitor())


def save_error(exc: Exception, template: str) -> str:
    """The message for a failed save: a refusal as it is, any other error in `template`."""
    return str(exc) if isinstance(exc, StoreUnavailable) else template.format(error=exc)


def show_store_warning(store: ProgressStore | None = None) -> None:
    """A visible warning when the store fell back to memory or moved a bad file aside."""
    store = store or get_store()
    if store.warning:
        st.warning(text.STORE_WARNING.format(warning=store.warning), icon=":material/warning:")


def _save_bookmark(number: int, key: str, flag: str) -> None:
    try:
        get_store().set_bookmark(number, bool(st.session_state.get(key)))
    except STORE_ERRORS as exc:  # shown next to the widget, never a traceback
        st.session_state[flag] = save_error(exc, text.SAVE_FAILED)


def _save_note(number: int, key: str, flag: str) -> None:
    try:
        get_store().set_note(number, str(st.session_state.get(key) or ""))
    except STORE_ERRORS as exc:
        st.session_state[flag] = save_error(exc, text.SAVE_FAILED)
    else:
        st.session_state[flag] = ""


def render_bookmark_and_note(number: int, key_prefix: str) -> None:
    """Bookmark toggle and personal note of question `number`, saved on change."""
    visitor = current_visitor()
    store = store_for(visitor)
    read_only = not visitor.can_write  # hosted and not signed in: say so, save nothing
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
        disabled=read_only,
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
        disabled=read_only,
    )
    if read_only:
        st.caption(visitor.refusal)
    outcome = st.session_state.pop(saved_flag, None)
    if outcome == "":
        st.caption(text.NOTE_SAVED)
    elif outcome:
        st.error(outcome, icon=":material/error:")
