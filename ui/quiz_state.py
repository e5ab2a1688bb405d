"""The self-quiz session in Streamlit's session state, shared by the pages that start one."""

from __future__ import annotations

import time
from collections.abc import Sequence

import streamlit as st

from simulacro.quiz_session import QuizSession

QUIZ_SESSION = "quiz_session"  # the Self-quiz page shows the session stored here
QUIZ_PAGE = "pages/quiz.py"


def start_quiz(numbers: Sequence[int], mode: str) -> None:
    """Replace the quiz session with one over `numbers` (in that order)."""
    st.session_state[QUIZ_SESSION] = QuizSession.start(list(numbers), mode, time.time())
