"""Home: what the app is, the sections with counts, the way into each mode."""

from pathlib import Path

import streamlit as st

from ui.data import get_bank, show_bank_problems
from ui.entry import ensure_entrypoint
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

bank = get_bank()
st.title(text.HOME_TITLE)
st.subheader(text.HOME_TAGLINE)
st.markdown(text.HOME_INTRO.format(total=len(bank.questions)))
show_bank_problems(bank)

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
            query_params={"section": section},
            icon=":material/folder_open:",
            width=SECTION_WIDTH,
        )
sources = bank.counts_by_source()
st.caption(text.HOME_SOURCE_NOTE.format(seed=sources["seed"], authored=sources["authored"]))
