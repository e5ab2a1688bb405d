"""Cached access to the question bank for every page."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import streamlit as st

from simulacro.answer_key import AnswerKey
from simulacro.bank import QUESTION_GLOB, Bank, load_bank
from simulacro.search import SearchIndex
from ui.content_language import localize_bank
from ui.decks import current_deck
from ui.text import app as text

# Every rerun of every page asks for the bank; looking at the files at most once a second
# keeps edits visible almost at once without paying ~100 stat calls on each rerun.
SIGNATURE_TTL_S = 1.0
_signatures: dict[str, tuple[float, str]] = {}


def _bank_signature(questions_dir: Path) -> str:
    """Changes whenever a question file is added, removed or edited."""
    now = time.monotonic()
    cached = _signatures.get(str(questions_dir))
    if cached is not None and now - cached[0] < SIGNATURE_TTL_S:
        return cached[1]
    files = sorted(questions_dir.rglob(QUESTION_GLOB)) if questions_dir.is_dir() else []
    stats = [(str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files]
    # A short digest: st.cache_* hashes its arguments on every call, a 115-item tuple is slow.
    signature = hashlib.sha1(repr(stats).encode()).hexdigest()
    _signatures[str(questions_dir)] = (now, signature)
    return signature


def forget_bank_signature(questions_dir: Path) -> None:
    """After the app itself wrote question files: look at the folder again on next use."""
    _signatures.pop(str(questions_dir), None)


@st.cache_resource(show_spinner=False)
def _load(
    questions_dir: str, signature: str, sections: tuple[str, ...] | None = None
) -> tuple[Bank, SearchIndex]:
    # Demo ids are not checked here: that would import scikit-learn before the first page
    # shows. `validate` checks them, and Browse flags an unknown id where it is used.
    bank = load_bank(Path(questions_dir), sections=sections)
    return bank, SearchIndex(bank.questions)


def questions_dir() -> Path:
    """The current deck's question folder (the built-in deck: SIMULACRO_QUESTIONS_DIR, a
    test's or another bank, else questions/)."""
    return current_deck().questions_dir


def _loaded() -> tuple[Bank, SearchIndex]:
    deck = current_deck()
    folder = deck.questions_dir
    return _load(str(folder), _bank_signature(folder), deck.sections)


def get_bank() -> Bank:
    """The current deck's bank in the content language, reloaded only when a file changes.
    Shared read-only by all sessions."""
    return localize_bank(_loaded()[0])


def get_search_index() -> SearchIndex:
    return _loaded()[1]


def show_answer_key_problems(key: AnswerKey) -> None:
    """A visible warning when answers.yaml is broken, instead of silently losing key points."""
    if not key.problems:
        return
    st.warning(text.ANSWER_KEY_PROBLEMS.format(n=len(key.problems), file=key.file), icon="⚠️")
    with st.expander(text.CONTENT_PROBLEMS_DETAILS):
        st.code("\n".join(str(problem) for problem in key.problems), language="text")


def show_bank_problems(bank: Bank) -> None:
    """A visible warning listing every content problem; the valid questions still show."""
    if not bank.problems:
        return
    st.warning(text.CONTENT_PROBLEMS.format(n=len(bank.problems)), icon="⚠️")
    with st.expander(text.CONTENT_PROBLEMS_DETAILS):
        st.code("\n".join(str(problem) for problem in bank.problems), language="text")
