"""Entry point: page config, navigation, the sidebar shared by every page."""

from pathlib import Path

import streamlit as st

from simulacro.store_factory import StoreUnavailable
from ui.content_language import render_language_switch, sync_language_with_url
from ui.decks import render_deck_switcher, sync_deck_with_url
from ui.entry import mark_ready_and_resume
from ui.identity import render_identity, sidebar_caption
from ui.responsive import apply_responsive_css
from ui.text import app as text

ROOT = Path(__file__).parent

# An emoji favicon is drawn inline; a :material/...: one is fetched from fonts.gstatic.com.
st.set_page_config(page_title=text.APP_TITLE, page_icon="🎯", layout="wide")

# (file, title, icon, group). Pages whose file does not exist yet are not shown.
PAGES = (
    ("pages/home.py", text.PAGE_HOME, ":material/home:", text.NAV_STUDY),
    ("pages/browse.py", text.PAGE_BROWSE, ":material/menu_book:", text.NAV_STUDY),
    ("pages/demos.py", text.PAGE_DEMOS, ":material/science:", text.NAV_STUDY),
    ("pages/quiz.py", text.PAGE_QUIZ, ":material/psychology:", text.NAV_PRACTICE),
    ("pages/mock_interview.py", text.PAGE_MOCK, ":material/timer:", text.NAV_PRACTICE),
    ("pages/progress.py", text.PAGE_PROGRESS, ":material/trending_up:", text.NAV_PRACTICE),
)

navigation: dict[str, list] = {}
for path, title, icon, group in PAGES:
    if (ROOT / path).exists():
        page = st.Page(path, title=title, icon=icon, default=path == "pages/home.py")
        navigation.setdefault(group, []).append(page)

st.sidebar.caption(sidebar_caption(text.SIDEBAR_CAPTION))
current = st.navigation(navigation)
mark_ready_and_resume()  # first: a page handed over to app.py goes back to it at once
render_identity()  # hosted mode: who is signed in, or why nothing is saved (local: nothing)
sync_deck_with_url()
render_deck_switcher()
sync_language_with_url()
render_language_switch()
apply_responsive_css()
try:
    current.run()
except StoreUnavailable as exc:  # the progress store went away mid-page: a message, no traceback
    st.error(text.STORE_UNAVAILABLE.format(error=exc), icon=":material/cloud_off:")
