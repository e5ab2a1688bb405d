"""Home: today (what is due, the plan, resume), the way into each mode, the sections."""

from datetime import UTC, datetime
from pathlib import Path

import streamlit as st

from simulacro import scheduling
from simulacro.plan import streak
from ui import study_plan
from ui.data import get_bank, show_bank_problems
from ui.decks import current_deck, deck_params, short_title
from ui.entry import ensure_entrypoint
from ui.mock_widgets import INTERVIEW as MOCK_INTERVIEW
from ui.progress_widgets import get_store, show_store_warning
from ui.quiz_state import QUIZ_PAGE, QUIZ_SESSION, start_quiz
from ui.text import app as text

ensure_entrypoint("pages/home.py")

ROOT = Path(__file__).resolve().parent.parent
START_LINKS = (
    ("pages/browse.py", text.HOME_GO_BROWSE, ":material/menu_book:", text.HOME_ABOUT_BROWSE),
    ("pages/demos.py", text.HOME_GO_DEMOS, ":material/science:", text.HOME_ABOUT_DEMOS),
    ("pages/quiz.py", text.HOME_GO_QUIZ, ":material/psychology:", text.HOME_ABOUT_QUIZ),
    ("pages/mock_interview.py", text.HOME_GO_MOCK, ":material/timer:", text.HOME_ABOUT_MOCK),
    (
        "pages/progress.py",
        text.HOME_GO_PROGRESS,
        ":material/trending_up:",
        text.HOME_ABOUT_PROGRESS,
    ),
)
CARD_WIDTH = 300  # px: the longest label fits on one line
SECTION_WIDTH = 340  # px: "TelecomAI-Customer-Intelligence · 10 questions"
METRIC_WIDTH = 160  # px: four metrics in a row on a laptop, wrapping on a phone


def render_today() -> None:
    """Due now, new left today, streak, days to the interview; start or resume."""
    store = get_store()
    show_store_warning(store)
    now = datetime.now(UTC)
    cards = store.cards()
    plan = study_plan.current_plan(bank.questions, cards, store.new_on(now.date()))
    day = study_plan.interview_date()
    st.header(text.HOME_TODAY)
    with st.container(horizontal=True, gap="small", key="home_today"):
        due = len(scheduling.due_now(bank.questions, cards, now))
        st.metric(text.HOME_DUE, due, width=METRIC_WIDTH)
        new_left = "—" if isinstance(plan, str) else plan.days[0].new
        st.metric(text.HOME_NEW_LEFT, new_left, help=text.HOME_NEW_LEFT_HELP, width=METRIC_WIDTH)
        days_streak = streak(store.reviews_per_day(), now.date())
        st.metric(text.HOME_STREAK, text.HOME_DAYS.format(n=days_streak), width=METRIC_WIDTH)
        left = (day - now.date()).days
        st.metric(text.HOME_TO_INTERVIEW, text.HOME_DAYS.format(n=left), width=METRIC_WIDTH)
    if isinstance(plan, str):
        st.caption(text.HOME_NO_PLAN.format(problem=plan))
        todays: list[int] = []
    else:
        todays = plan.today
        st.caption(
            text.HOME_PLAN.format(
                n=len(todays),
                day=day.isoformat(),
                target=plan.target,
                per_day=plan.cards_per_day,
            )
        )
    with st.container(horizontal=True, gap="small", key="home_actions"):
        resume_quiz = st.session_state.get(QUIZ_SESSION)
        interview = st.session_state.get(MOCK_INTERVIEW)
        if resume_quiz is not None and not resume_quiz.finished:
            st.page_link(
                "pages/quiz.py",
                label=text.HOME_RESUME_QUIZ.format(
                    i=resume_quiz.index + 1, n=len(resume_quiz.numbers)
                ),
                icon=":material/play_arrow:",
            )
        elif st.button(
            text.HOME_START_TODAY,
            type="primary",
            key="home_start_today",
            disabled=not todays,
            icon=":material/play_arrow:",
        ):
            start_quiz(todays, study_plan.PLAN_MODE)
            st.switch_page(QUIZ_PAGE)
        if interview is not None and not interview.finished:
            st.page_link(
                "pages/mock_interview.py",
                label=text.HOME_RESUME_MOCK.format(i=interview.index + 1, n=len(interview.runs)),
                icon=":material/timer:",
            )
        st.page_link("pages/progress.py", label=text.HOME_SEE_PLAN, icon=":material/event:")


bank = get_bank()
st.title(text.HOME_TITLE)
deck = current_deck()
st.subheader(text.HOME_TAGLINE if deck.built_in else short_title(deck))
if deck.built_in:
    st.markdown(text.HOME_INTRO.format(total=len(bank.questions)))
else:
    st.markdown(text.HOME_INTRO_DECK.format(total=len(bank.questions), title=deck.title))
show_bank_problems(bank)
if bank.questions:
    render_today()
else:
    st.info(text.HOME_EMPTY_DECK)

available = [link for link in START_LINKS if (ROOT / link[0]).exists()]
# Fixed-width cards in a wrapping row, not st.columns: in a narrow window (900 px with the
# sidebar open) three columns cut the link labels to "Browse the…"; cards wrap instead.
with st.container(horizontal=True, gap="small", key="home_cards"):
    for page, label, icon, about in available:
        with st.container(border=True, width=CARD_WIDTH):
            st.page_link(page, label=label, icon=icon)
            st.caption(about)

st.header(text.HOME_SECTIONS)
counts = bank.counts_by_section()
with st.container(horizontal=True, gap="small", key="home_sections"):
    for section, count in counts.items():
        st.page_link(
            "pages/browse.py",
            label=f"{section} · {count} {text.HOME_COUNT_HELP}",
            query_params=deck_params(section=section),
            icon=":material/folder_open:",
            width=SECTION_WIDTH,
        )
sources = bank.counts_by_source()
if deck.built_in:
    st.caption(text.HOME_SOURCE_NOTE.format(seed=sources["seed"], authored=sources["authored"]))
else:
    st.caption(text.HOME_DECK_NOTE.format(file=deck.source_file))
