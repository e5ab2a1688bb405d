"""Upload a "Simulacro Entrevista" document and add its new questions to the bank."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from simulacro.importer import ImportError_, decode_document, parse_document, write_questions
from ui.data import forget_bank_signature
from ui.text import browse as text

DONE_KEY = "browse_import_done"
UPLOADS_KEY = "browse_import_uploads"  # a new uploader key empties the widget after an import


def render_document_import(folder: Path, known_numbers: set[int]) -> None:
    """Parse the uploaded document, say what it holds, and write only new question files."""
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
            result = parse_document(decode_document(upload.getvalue(), upload.name), upload.name)
        except ImportError_ as error:
            st.error(str(error))
            return
        new = [q for q in result.questions if q.number not in known_numbers]
        st.write(
            text.IMPORT_PARSED.format(
                n=len(result.questions), new=len(new), existing=len(result.questions) - len(new)
            )
        )
        if result.problems:
            st.warning(text.IMPORT_PROBLEMS.format(n=len(result.problems)))
            st.code("\n".join(str(problem) for problem in result.problems), language="text")
        if not new:
            st.info(text.IMPORT_NOTHING_NEW)
            return
        if st.button(text.IMPORT_BUTTON.format(n=len(new)), key="browse_import_add"):
            try:
                summary = write_questions(new, folder)
            except OSError as error:
                st.error(text.IMPORT_WRITE_FAILED.format(folder=folder, error=error.strerror))
                return
            st.session_state[DONE_KEY] = text.IMPORT_DONE.format(
                n=len(summary.written), folder=folder
            )
            st.session_state[UPLOADS_KEY] = st.session_state.get(UPLOADS_KEY, 0) + 1
            forget_bank_signature(folder)
            st.rerun()
