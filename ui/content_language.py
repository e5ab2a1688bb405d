"""The content language (Español / English / both side by side): chosen in the sidebar,
carried by the URL (?lang=en), read by Browse, Quiz and Mock through the bank and the key.

In English, `get_bank()` serves each question's English text where a translation exists and
`get_answer_key()` the English labels and follow-ups (same phrases, so the same grading).
"Both" keeps the Spanish bank and shows the English text next to it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import streamlit as st

from simulacro.answer_key import AnswerKey
from simulacro.answer_key_en import DEFAULT_EN_PATH, EnglishKey, load_english_key, localize_key
from simulacro.bank import Bank
from simulacro.model import Question
from ui.text import language as text

LANG_PARAM = "lang"  # the URL parameter
LANG_KEY = "content_lang"  # session state: the current mode
SWITCH_KEY = "content_lang_switch"
MODES = ("es", "en", "both")
NOTICE_KEY = "_content_lang_notice"
_localized: dict[str, tuple[Bank, Bank]] = {}  # mode -> (original bank, its localized copy)


def current_mode() -> str:
    mode = st.session_state.get(LANG_KEY, "es")
    return mode if mode in MODES else "es"


def graded_language() -> str:
    """The language the quiz and the mock run and grade in: English only in English mode."""
    return "en" if current_mode() == "en" else "es"


def _set_mode(mode: str) -> None:
    st.session_state[LANG_KEY] = mode
    if mode == "es":
        st.query_params.pop(LANG_PARAM, None)
    else:
        st.query_params[LANG_PARAM] = mode


def sync_language_with_url() -> None:
    """Called by app.py on every run: ?lang= wins; otherwise the URL gets the session's."""
    wanted = st.query_params.get(LANG_PARAM)
    if wanted and wanted != st.session_state.get(LANG_KEY):
        if wanted in MODES:
            st.session_state[LANG_KEY] = wanted
            st.session_state[SWITCH_KEY] = wanted
        else:
            st.session_state[NOTICE_KEY] = text.UNKNOWN_LANGUAGE.format(value=wanted[:20])
            _set_mode("es")
    elif not wanted and current_mode() != "es":
        st.query_params[LANG_PARAM] = current_mode()  # a page change dropped it


def _on_switch() -> None:
    _set_mode(st.session_state.get(SWITCH_KEY) or "es")


def render_language_switch() -> None:
    """The sidebar switch (drawn by the entry point, so it keeps its state across pages)."""
    st.session_state.setdefault(SWITCH_KEY, current_mode())
    st.sidebar.radio(
        text.SWITCH_LABEL,
        MODES,
        format_func=text.MODE_LABELS.get,
        key=SWITCH_KEY,
        on_change=_on_switch,
        help=text.SWITCH_HELP,
    )
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.sidebar.warning(notice, icon="⚠️")


def localize_question(question: Question, lang: str) -> Question:
    """The question with its text in `lang` (when a translation exists); metadata unchanged."""
    if lang not in question.translations:
        return question
    t = question.translations[lang]
    return replace(
        question,
        title=t.title,
        prompt=t.prompt,
        answer=t.answer,
        review_note=t.review_note,
        going_further=t.going_further,
    )


def localize_bank(bank: Bank) -> Bank:
    """`bank` in the current mode's language (the same object unless English)."""
    if current_mode() != "en":
        return bank
    cached = _localized.get("en")
    if cached is None or cached[0] is not bank:  # the bank was reloaded: localize again
        questions = [localize_question(q, "en") for q in bank.questions]
        cached = (bank, Bank(questions, bank.problems, bank.sections))
        _localized["en"] = cached
    return cached[1]


def _mtime_ns(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


@st.cache_resource(show_spinner=False, max_entries=4)
def _english_key(_base: AnswerKey, base_id: int, mtime_ns: int | None) -> EnglishKey:
    # The Spanish key is not hashed (leading underscore): its identity and the English
    # file's mtime are the cache key, so editing either reloads it.
    del base_id, mtime_ns
    return load_english_key(_base, DEFAULT_EN_PATH)


def localize_answer_key(key: AnswerKey, built_in: bool) -> AnswerKey:
    """The key in the graded language: English labels and follow-ups for the built-in deck."""
    if graded_language() != "en" or not built_in:
        return key
    english = _english_key(key, id(key), _mtime_ns(DEFAULT_EN_PATH))
    return localize_key(key, english, "en")


def _part(question: Question, part: str) -> str:
    return str(getattr(question, part))


def _render(body: str, heading: str, info_icon: str | None) -> None:
    if info_icon:
        st.info(body, icon=info_icon)
    else:
        st.markdown(f"{heading}{body}")


def show_part(
    question: Question, part: str, *, heading: str = "", info_icon: str | None = None
) -> None:
    """One part (prompt, answer, review_note, going_further) in the current mode; "both"
    puts the Spanish and the English text side by side (stacked on a narrow screen).
    `info_icon`: draw it in an info box (the review note)."""
    if current_mode() != "both":
        _render(_part(question, part), heading, info_icon)
        return
    english = localize_question(question, "en")
    spanish_col, english_col = st.columns(2, gap="medium")
    with spanish_col:
        st.caption(text.COLUMN_LABELS["es"])
        _render(_part(question, part), heading, info_icon)
    with english_col:
        st.caption(text.COLUMN_LABELS["en"])
        if english is question:
            st.caption(text.NO_TRANSLATION)
        else:
            _render(_part(english, part), heading, info_icon)


def show_going_further(question: Question, key: str) -> None:
    """The "Para ir más allá" / "Going further" section, after the answer, when there is one."""
    if not question.going_further:
        return
    lang = graded_language()
    with st.expander(text.GOING_FURTHER[lang], icon=":material/trending_up:", key=key):
        st.caption(text.GOING_FURTHER_CAPTION)
        show_part(question, "going_further")
