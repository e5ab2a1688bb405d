"""Browse's download buttons: the printable study guide and the Anki deck.

The files are built only when a button is clicked (a callable `data`), so an ordinary
rerun of Browse pays nothing for them.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from simulacro.answer_key import AnswerKey
from simulacro.export_anki import build_deck, package_bytes
from simulacro.export_files import pick_questions
from simulacro.export_guide import build_guide
from simulacro.model import Question
from ui.text import browse as text


def render_export_buttons(
    questions: Sequence[Question],
    key: AnswerKey,
    *,
    deck_name: str,
    title: str,
    section: str | None,
) -> None:
    """Guide and Anki download buttons for the deck (or the section picked in Browse)."""
    with st.expander(text.EXPORT_TITLE, icon=":material/download:"):
        if not questions:
            st.caption(text.EXPORT_EMPTY)
            return
        chosen = pick_questions(questions, title, section) if section else list(questions)
        st.caption(
            text.EXPORT_WHAT.format(
                n=len(chosen), what=section or text.EXPORT_WHOLE_DECK.format(title=title)
            )
        )
        stem = "simulacro-" + (deck_name if section is None else f"{deck_name}-section")
        with st.container(horizontal=True, gap="small"):
            st.download_button(
                text.EXPORT_GUIDE,
                data=lambda: build_guide(chosen, key, title=title, section=section).encode(),
                file_name=f"{stem}-guide.html",
                mime="text/html",
                key="browse_export_guide",
                help=text.EXPORT_GUIDE_HELP,
                icon=":material/print:",
            )
            st.download_button(
                text.EXPORT_ANKI,
                data=lambda: package_bytes(
                    build_deck(chosen, key, deck_name=deck_name, title=title, section=section)
                ),
                file_name=f"{stem}.apkg",
                mime="application/octet-stream",
                key="browse_export_anki",
                help=text.EXPORT_ANKI_HELP,
                icon=":material/style:",
            )
