"""Demos page: every live demo grouped by project, searchable, deep-linkable (?demo=<id>)."""

import streamlit as st

from projects.registry import PROJECT_TITLES
from projects.search import search_demos
from ui import demos as ui_demos
from ui.entry import ensure_entrypoint
from ui.text import demos as text

ensure_entrypoint("pages/demos.py")  # first session on a fresh server: run through app.py

TAB_KEY = "demos_tab"

st.title(text.PAGE_TITLE, anchor=False)
st.caption(text.PAGE_INTRO)

specs, load_errors = ui_demos.load_demos()
if load_errors:
    st.error("\n".join([text.REGISTRY_ERRORS, ""] + [f"- `{e}`" for e in load_errors]))
projects = list(PROJECT_TITLES) + sorted({s.project for s in specs.values()} - set(PROJECT_TITLES))
labels = {p: text.TAB_LABELS.get(p, PROJECT_TITLES.get(p, p)) for p in projects}

ui_demos.apply_deep_link(specs, TAB_KEY, labels)

query = st.text_input(
    text.SEARCH_LABEL,
    key="demos_search",
    placeholder=text.SEARCH_PLACEHOLDER,
    icon=":material/search:",
    on_change=ui_demos.follow_search,
    args=(specs, TAB_KEY, labels, "demos_search"),
)
matches = search_demos(specs.values(), query, PROJECT_TITLES)
if not specs:
    st.info(text.NO_DEMOS)
elif query.strip():
    if matches:
        ui_demos.render_search_hits(matches, TAB_KEY, labels, total=len(specs))
    else:
        st.warning(text.SEARCH_NO_MATCH.format(query=query.strip()))

tabs = st.tabs([labels[p] for p in projects], key=TAB_KEY, on_change="rerun")
for project, tab in zip(projects, tabs, strict=True):
    with tab:
        if not tab.open:
            continue  # lazy tabs: only the open project's demo runs
        st.caption(PROJECT_TITLES.get(project, project))
        ui_demos.render_dataset_panel(project)
        in_project = [s for s in specs.values() if s.project == project]
        shown = [s for s in matches if s.project == project] if query.strip() else in_project
        if not in_project:
            st.info(text.NO_DEMOS_PROJECT)
            continue
        if not shown:
            st.info(text.NO_MATCH_IN_PROJECT)
            continue
        spec = ui_demos.demo_picker(shown, project)
        with st.container(border=True):
            ui_demos.render_demo(spec, key_prefix="demos")
