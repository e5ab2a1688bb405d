"""The current deck: chosen in the sidebar, carried by deep links (?deck=junior&q=12).

Pages never ask for a deck: get_bank(), get_answer_key() and get_store() serve the current
one. The choice lives in the session and, for any deck but the built-in one, in the URL, so
a copied link opens the same deck.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import streamlit as st

from simulacro.decks import BUILT_IN, Deck, DeckError, decks_root, list_decks, load_deck
from ui.text import decks as text

DECK_KEY = "deck"  # session state: the current deck's name
SWITCHER_KEY = "deck_switcher"
NOTICE_KEY = "_deck_notice"


# Every page asks for the current deck several times per rerun: the deck list is looked at
# again at most once a second (a stat of the decks folder, then deck.yaml files only when
# a deck was added or removed), as ui/data does for the bank.
LIST_TTL_S = 1.0
_listed: dict[str, tuple[float, str, tuple[Deck, ...], tuple[str, ...]]] = {}


def _root_signature(root: Path) -> str:
    try:
        return str(root.stat().st_mtime_ns)  # a deck added or removed changes it
    except OSError:
        return "none"


def _decks() -> tuple[tuple[Deck, ...], tuple[str, ...]]:
    root = decks_root()
    key = str(root)
    now = time.monotonic()
    cached = _listed.get(key)
    if cached is not None and now - cached[0] < LIST_TTL_S:
        return cached[2], cached[3]
    signature = _root_signature(root)
    if cached is not None and cached[1] == signature:
        _listed[key] = (now, signature, cached[2], cached[3])
        return cached[2], cached[3]
    decks, problems = list_decks()
    _listed[key] = (now, signature, tuple(decks), tuple(problems))
    return tuple(decks), tuple(problems)


def forget_decks() -> None:
    """After the app itself created a deck: list the decks again on next use."""
    _listed.clear()


def available_decks() -> list[Deck]:
    return list(_decks()[0])


def current_deck() -> Deck:
    """The deck this session studies (the built-in one until the learner picks another)."""
    name = st.session_state.get(DECK_KEY, BUILT_IN)
    for deck in available_decks():
        if deck.name == name:
            return deck
    try:
        return load_deck(name)  # imported in this very run: not in the cached list yet
    except DeckError:
        st.session_state[DECK_KEY] = BUILT_IN
        return load_deck(BUILT_IN)


def choose_deck(name: str) -> None:
    """Make `name` the current deck and put it in the URL (the built-in one needs none)."""
    st.session_state[DECK_KEY] = name
    st.session_state[SWITCHER_KEY] = name
    if name == BUILT_IN:
        st.query_params.pop(DECK_KEY, None)
    else:
        st.query_params[DECK_KEY] = name


def sync_deck_with_url() -> None:
    """Called by app.py on every run: ?deck= wins; otherwise the URL gets the session's."""
    wanted = st.query_params.get(DECK_KEY)
    known = {deck.name for deck in available_decks()}
    if wanted and wanted != st.session_state.get(DECK_KEY):
        if wanted in known:
            st.session_state[DECK_KEY] = wanted
            st.session_state[SWITCHER_KEY] = wanted
        else:
            st.session_state[NOTICE_KEY] = text.UNKNOWN_DECK.format(name=wanted)
            choose_deck(BUILT_IN)
    elif not wanted and st.session_state.get(DECK_KEY, BUILT_IN) != BUILT_IN:
        st.query_params[DECK_KEY] = st.session_state[DECK_KEY]  # a page change dropped it


def deck_params(**params: str) -> dict[str, str]:
    """Query parameters of a link inside the app, carrying the current deck."""
    name = st.session_state.get(DECK_KEY, BUILT_IN)
    return {**params, DECK_KEY: name} if name != BUILT_IN else dict(params)


def short_title(deck: Deck) -> str:
    """'Simulacro Entrevista Junior ML Engineer' -> 'Junior ML Engineer' (fits the sidebar)."""
    title = re.sub(r"^\s*Simulacro\s+(?:de\s+)?Entrevista\s*[:\-–]?\s*", "", deck.title)
    return title or deck.title


def _on_switch() -> None:
    choose_deck(st.session_state[SWITCHER_KEY])


def render_deck_switcher() -> None:
    """The sidebar's deck picker, with a word when the deck's answer key was generated."""
    decks = available_decks()
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.sidebar.warning(notice, icon=":material/help:")
    if len(decks) < 2:
        return  # only the built-in deck: nothing to choose
    names = [deck.name for deck in decks]
    by_name = {deck.name: deck for deck in decks}
    if st.session_state.get(SWITCHER_KEY) not in names:
        st.session_state[SWITCHER_KEY] = st.session_state.get(DECK_KEY, BUILT_IN)
    st.sidebar.selectbox(
        text.SWITCHER,
        names,
        key=SWITCHER_KEY,
        format_func=lambda name: short_title(by_name[name]),
        on_change=_on_switch,
        help=text.SWITCHER_HELP,
    )
    deck = current_deck()
    if deck.generated_key:
        st.sidebar.caption(text.GENERATED_KEY.format(file=deck.answers_path))
    problems = _decks()[1]
    if problems:
        st.sidebar.caption(text.BROKEN_DECKS.format(n=len(problems), problems="; ".join(problems)))
