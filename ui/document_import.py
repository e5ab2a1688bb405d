"""Upload an interview document: a new deck of its own, or into the built-in deck.

The same three choices as `python -m simulacro import`:
- a new deck (its own sections, generated answer key and progress) — the default;
- add its new question numbers to the built-in deck;
- replace the built-in deck's team-written questions by the document's own.
"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from simulacro.decks import (
    BUILT_IN,
    DeckError,
    check_deck_name,
    create_deck,
    decks_root,
    replace_authored,
)
from simulacro.importer import (
    ImportError_,
    ImportResult,
    decode_document,
    parse_document,
    write_questions,
)
from ui.data import forget_bank_signature
from ui.decks import choose_deck, forget_decks
from ui.identity import current_visitor
from ui.text import browse as text

DONE_KEY = "browse_import_done"
UPLOADS_KEY = "browse_import_uploads"  # a new uploader key empties the widget after an import
MODE_KEY = "browse_import_mode"
NAME_KEY = "browse_import_deck"
MODES = ("deck", "add", "replace")


def suggested_deck_name(file_name: str) -> str:
    """'Simulacro Junior (v2).md' -> 'simulacro-junior-v2' (a valid deck name)."""
    stem = Path(file_name).stem.lower()
    name = re.sub(r"[^a-z0-9_-]+", "-", stem).strip("-_")[:40].strip("-_")
    return name or "deck"


def _report(result: ImportResult) -> None:
    lines = [str(item) for item in result.skipped] + [str(p) for p in result.notices]
    if lines:
        st.caption(text.IMPORT_SKIPPED.format(n=len(result.skipped)))
        st.code("\n".join(lines), language="text")
    if result.problems:
        st.warning(text.IMPORT_PROBLEMS.format(n=len(result.problems)))
        st.code("\n".join(str(problem) for problem in result.problems), language="text")


def _finish(message: str, folder: Path | None = None) -> None:
    st.session_state[DONE_KEY] = message
    st.session_state[UPLOADS_KEY] = st.session_state.get(UPLOADS_KEY, 0) + 1
    if folder is not None:
        forget_bank_signature(folder)
    st.rerun()


def _as_new_deck(raw: str, file_name: str) -> None:
    result = parse_document(raw, file_name, built_in=False)
    st.write(text.IMPORT_PARSED_DECK.format(n=len(result.questions), sections=len(result.sections)))
    _report(result)
    if NAME_KEY not in st.session_state:
        st.session_state[NAME_KEY] = suggested_deck_name(file_name)
    name = st.text_input(text.IMPORT_DECK_NAME, key=NAME_KEY, help=text.IMPORT_DECK_NAME_HELP)
    try:
        check_deck_name(name)
        if name == BUILT_IN or (decks_root() / name).exists():
            raise DeckError(text.IMPORT_DECK_TAKEN.format(name=name))
    except DeckError as error:
        st.error(str(error))
        return
    if not result.questions:
        return
    if st.button(
        text.IMPORT_DECK_BUTTON.format(name=name, n=len(result.questions)),
        key="browse_import_create",
        type="primary",
    ):
        try:
            created = create_deck(name, result, file_name)
        except DeckError as error:
            st.error(str(error))
            return
        st.session_state.pop(NAME_KEY, None)
        forget_decks()
        choose_deck(created.deck.name)
        _finish(text.IMPORT_DECK_DONE.format(name=name, n=len(created.written)))


def _add_new_numbers(raw: str, file_name: str, folder: Path, known: set[int]) -> None:
    result = parse_document(raw, file_name)
    new = [q for q in result.questions if q.number not in known]
    st.write(
        text.IMPORT_PARSED.format(
            n=len(result.questions), new=len(new), existing=len(result.questions) - len(new)
        )
    )
    _report(result)
    if not new:
        st.info(text.IMPORT_NOTHING_NEW)
        return
    if st.button(text.IMPORT_BUTTON.format(n=len(new)), key="browse_import_add"):
        try:
            summary = write_questions(new, folder)
        except OSError as error:
            st.error(text.IMPORT_WRITE_FAILED.format(folder=folder, error=error.strerror))
            return
        _finish(text.IMPORT_DONE.format(n=len(summary.written), folder=folder), folder)


def _replace_authored(raw: str, file_name: str, folder: Path) -> None:
    result = parse_document(raw, file_name)
    plan = replace_authored(result, file_name, dry_run=True)
    st.write(
        text.IMPORT_REPLACE_PLAN.format(
            replaced=len(plan.replaced), added=len(plan.added), kept=len(plan.kept_seed)
        )
    )
    _report(result)
    if not plan.replaced and not plan.added:
        st.info(text.IMPORT_NOTHING_NEW)
        return
    if st.button(
        text.IMPORT_REPLACE_BUTTON.format(n=len(plan.replaced) + len(plan.added)),
        key="browse_import_replace",
    ):
        try:
            done = replace_authored(result, file_name)
        except OSError as error:
            st.error(text.IMPORT_WRITE_FAILED.format(folder=folder, error=error.strerror))
            return
        _finish(
            text.IMPORT_REPLACE_DONE.format(
                replaced=len(done.replaced),
                added=len(done.added),
                regenerated=len(done.regenerated_key),
            ),
            folder,
        )


def render_document_import(folder: Path, known_numbers: set[int], built_in: bool = True) -> None:
    """Parse the uploaded document, say what it holds and what was skipped, then import it
    the way the learner chose (`folder`/`known_numbers`: the current deck's bank)."""
    if current_visitor().hosted:  # decks are shared by every learner: the operator's job
        with st.expander(text.IMPORT_TITLE, icon=":material/upload_file:"):
            st.caption(text.IMPORT_HOSTED)
        return
    with st.expander(text.IMPORT_TITLE, icon=":material/upload_file:"):
        st.caption(text.IMPORT_HELP)
        done = st.session_state.pop(DONE_KEY, None)
        if done:
            st.success(done)
        upload = st.file_uploader(
            text.IMPORT_UPLOAD,
            type=["md", "txt", "markdown"],
            key=f"browse_import_file_{st.session_state.get(UPLOADS_KEY, 0)}",
        )
        if upload is None:
            return
        try:
            raw = decode_document(upload.getvalue(), upload.name)
        except ImportError_ as error:
            st.error(str(error))
            return
        modes = MODES if built_in else MODES[:1]  # into the built-in deck only from there
        mode = st.radio(
            text.IMPORT_MODE,
            modes,
            format_func=text.IMPORT_MODES.get,
            key=MODE_KEY,
            horizontal=True,
        )
        try:
            if mode == "deck":
                _as_new_deck(raw, upload.name)
            elif mode == "add":
                _add_new_numbers(raw, upload.name, folder, known_numbers)
            else:
                _replace_authored(raw, upload.name, folder)
        except ImportError_ as error:
            st.error(str(error))
