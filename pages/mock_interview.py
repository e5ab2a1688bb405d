"""Mock interview: setup, one timed question at a time with a live countdown, the report."""

from __future__ import annotations

import time

import streamlit as st

from simulacro import interview as iv
from ui import mock_widgets as mw
from ui.answer_key import get_answer_key
from ui.data import get_bank, show_answer_key_problems, show_bank_problems
from ui.entry import ensure_entrypoint
from ui.progress_widgets import get_store, show_store_warning
from ui.text import mock as text

ensure_entrypoint("pages/mock_interview.py")

state = st.session_state
state[mw.PAGE_RUNS] = state.get(mw.PAGE_RUNS, 0) + 1  # compared with the fragment's ticks

st.title(text.TITLE, anchor=False)
store = get_store()
show_store_warning(store)
bank = get_bank()
show_bank_problems(bank)
answer_key = get_answer_key()
show_answer_key_problems(answer_key)
key = answer_key.entries
questions = bank.by_number

interview: iv.Interview | None = state.get(mw.INTERVIEW)
if interview is not None and not interview.finished:
    # A full run (button, page switch, reload of the script) also honours the deadlines.
    interview.tick(time.time(), *mw.typed_now(interview))

if interview is None:
    st.caption(text.INTRO)
    mw.render_setup(bank.questions, key, store)
elif not interview.finished:
    mw.render_interview(interview, questions)
else:
    if mw.REPORT not in state:
        state[mw.REPORT] = iv.build_report(interview, questions, key)
    mw.show_timeout_notice(interview)  # the last question ran out: say so on the report
    mw.render_report(state[mw.REPORT], questions, store, key)
