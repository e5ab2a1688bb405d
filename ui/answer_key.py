"""Streamlit-cached loader of the self-quiz answer key (`answers.yaml`)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from simulacro.answer_key import DEFAULT_PATH, AnswerKey, load_answer_key
from ui.content_language import localize_answer_key
from ui.decks import current_deck


def _mtime_ns(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


@st.cache_data(show_spinner=False)
def _load(path: str, mtime_ns: int | None) -> AnswerKey:
    # mtime_ns is only part of the cache key: editing answers.yaml invalidates the entry.
    del mtime_ns
    return load_answer_key(Path(path))


def get_answer_key(path: Path | str | None = None) -> AnswerKey:
    """The current deck's answer key (entries + problems), reloaded when the file changes;
    in English mode, the built-in deck's key has English labels and follow-ups."""
    built_in = False
    if path is None:
        deck = current_deck()
        built_in = deck.built_in
        # DEFAULT_PATH is looked up here (not in Deck) so a test can point it elsewhere.
        path = DEFAULT_PATH if deck.built_in else deck.answers_path
    resolved = Path(path)
    return localize_answer_key(_load(str(resolved), _mtime_ns(resolved)), built_in)
