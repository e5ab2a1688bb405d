"""Browse: search and filter the bank, read a question, reveal its answer, run its demos."""

import importlib.util

import streamlit as st

from simulacro.model import PROJECTS, SOURCES, TAGS
from simulacro.navigation import neighbours, parse_question_param, resolve_selected
from simulacro.search import filter_questions, snippet
from ui.answer_key import get_answer_key
from ui.content_language import show_going_further, show_part
from ui.data import get_bank, get_search_index, questions_dir, show_bank_problems
from ui.decks import current_deck, deck_params
from ui.document_import import render_document_import
from ui.entry import ensure_entrypoint
from ui.exports import render_export_buttons
from ui.markdown_safe import snippet_markdown
from ui.persist import remember, restore
from ui.responsive import wrap_key
from ui.scroll import keep_checked_in_view
from ui.text import browse as text

ensure_entrypoint("pages/browse.py")

HAS_DEMOS = importlib.util.find_spec("ui.demos") is not None
HAS_PROGRESS = importlib.util.find_spec("ui.progress_widgets") is not None

bank = get_bank()
by_number = bank.by_number
state = st.session_state

# A deep link (?q=58, ?section=...) applies when it differs from the last one we saw, so
# links from other pages work even after this page was visited in the same session.
raw_q = st.query_params.get("q")
requested_q = parse_question_param(raw_q, list(by_number))
if requested_q is not None and requested_q != state.get("browse_seen_q"):
    state["browse_selected"] = requested_q
    state["browse_seen_q"] = requested_q
requested_section = st.query_params.get("section")
if requested_section in bank.sections and requested_section != state.get("browse_seen_section"):
    state["browse_section"] = requested_section
    state["browse_seen_section"] = requested_section
    remember("browse_section")()

st.title(text.TITLE)
show_bank_problems(bank)
if HAS_PROGRESS:
    from ui.progress_widgets import show_store_warning

    show_store_warning()  # the notes below use the store: say if it had to recover
if raw_q and requested_q is None:  # a stale or mistyped link: say so, don't switch silently
    shown_q = str(raw_q)[:20].replace("`", "")  # from the URL: short, no Markdown breakout
    st.warning(text.UNKNOWN_QUESTION_LINK.format(q=shown_q), icon=":material/link_off:")
FILTER_KEYS = (
    "browse_search",
    "browse_projects",
    "browse_sources",
    "browse_difficulty",
    "browse_tags",
    "browse_section",
    "browse_show_all",
)
restore(*FILTER_KEYS)

with st.container(key=wrap_key("browse_split")):  # list above the question when narrow
    list_column, view_column = st.columns([1, 2], gap="large")

with list_column:
    query = st.text_input(
        text.SEARCH,
        key="browse_search",
        placeholder=text.SEARCH_PLACEHOLDER,
        on_change=remember("browse_search"),
    )
    with st.expander(text.FILTERS):
        projects = st.multiselect(
            text.PROJECT,
            PROJECTS,
            key="browse_projects",
            on_change=remember("browse_projects"),
            format_func=lambda p: text.PROJECT_LABELS.get(p, p),
            placeholder=text.ANY,
        )
        sources = st.multiselect(
            text.SOURCE,
            SOURCES,
            key="browse_sources",
            on_change=remember("browse_sources"),
            placeholder=text.ANY,
        )
        difficulties = st.multiselect(
            text.DIFFICULTY,
            [1, 2, 3],
            key="browse_difficulty",
            on_change=remember("browse_difficulty"),
            format_func=lambda d: f"{d} · {text.DIFFICULTY_LABELS[d]}",
            placeholder=text.ANY,
        )
        tags = st.multiselect(
            text.TAGS,
            TAGS,
            key="browse_tags",
            on_change=remember("browse_tags"),
            placeholder=text.ANY,
        )

    matches = filter_questions(
        get_search_index().search(query),
        projects=projects,
        sources=sources,
        difficulties=difficulties,
        tags=tags,
    )
    per_section = {section: 0 for section in bank.sections}
    for question in matches:
        per_section[question.section] += 1
    totals = bank.counts_by_section()
    section_options = [text.ALL_SECTIONS, *bank.sections]
    if state.get("browse_section") not in section_options:
        state["browse_section"] = text.ALL_SECTIONS

    def section_label(option: str) -> str:
        if option == text.ALL_SECTIONS:
            return f"{option} ({len(matches)}/{len(bank.questions)})"
        return f"{option} ({per_section[option]}/{totals[option]})"

    section = st.selectbox(
        text.SECTION,
        section_options,
        key="browse_section",
        on_change=remember("browse_section"),
        format_func=section_label,
    )
    if section != text.ALL_SECTIONS:
        matches = [question for question in matches if question.section == section]
    visible = [question.number for question in matches]
    st.caption(text.RESULTS.format(n=len(visible)))

    selected = resolve_selected(state.get("browse_selected"), visible)
    state["browse_selected"] = selected
    if selected is not None:
        state["browse_pick"] = selected  # set before the widget: the radio follows the state

        def on_pick() -> None:
            state["browse_selected"] = state["browse_pick"]

        # With a query, each result shows why it matched: a snippet, matched words marked.
        snippets = None
        if query.strip():
            found = [snippet(by_number[n], query) for n in visible]
            snippets = [snippet_markdown(s) if s else "" for s in found]
        with st.container(height=520, border=False, key="browse_list"):
            st.radio(
                text.PICK,
                visible,
                key="browse_pick",
                on_change=on_pick,
                label_visibility="collapsed",
                format_func=lambda n: f"{n} · {by_number[n].title}",
                captions=snippets,
            )
        keep_checked_in_view("browse_list", selected, key="browse_list_scroll")
    render_export_buttons(
        bank.questions,
        get_answer_key(),
        deck_name=current_deck().name,
        title=current_deck().title,
        section=None if section == text.ALL_SECTIONS else section,
    )
    render_document_import(questions_dir(), set(by_number), current_deck().built_in)

with view_column:
    if selected is None:
        st.info(text.NO_RESULTS)
        st.stop()
    st.query_params["q"] = str(selected)
    state["browse_seen_q"] = selected
    question = by_number[selected]

    previous, following = neighbours(visible, selected)

    def go_to(number: int | None) -> None:
        state["browse_selected"] = number

    st.subheader(text.QUESTION_HEADING.format(number=question.number, title=question.title))
    source_note = text.SOURCE_SEED if question.source == "seed" else text.SOURCE_AUTHORED
    st.caption(
        f"{question.section} · {text.PROJECT_LABELS.get(question.project, question.project)}"
        f" · {'●' * question.difficulty}{'○' * (3 - question.difficulty)} "
        f"{text.DIFFICULTY_LABELS.get(question.difficulty, '')}"
        f" · {' '.join('#' + tag for tag in question.tags)} · *{source_note}*"
    )
    show_part(question, "prompt", heading="#### ")

    show_all = st.toggle(
        text.SHOW_ALL, key="browse_show_all", on_change=remember("browse_show_all")
    )
    revealed = show_all or st.toggle(text.REVEAL, key=f"browse_reveal_{question.number}")
    if revealed:
        with st.container(border=True, key="browse_answer"):
            show_part(question, "answer")
        if question.review_note:
            with st.container(key="browse_review_note"):
                show_part(question, "review_note", info_icon=":material/rate_review:")
            st.caption(text.REVIEW_NOTE_CAPTION)
        show_going_further(question, key=f"browse_going_further_{question.number}")

    nav_previous, nav_next = st.columns(2)
    nav_previous.button(
        text.PREVIOUS,
        key="browse_previous",
        disabled=previous is None,
        on_click=go_to,
        args=(previous,),
        width="stretch",
    )
    nav_next.button(
        text.NEXT,
        key="browse_next",
        disabled=following is None,
        on_click=go_to,
        args=(following,),
        width="stretch",
    )

    if HAS_DEMOS and question.demos:
        from projects.registry import all_demos
        from ui.demos import render_demo

        demos = all_demos()
        st.markdown(f"##### {text.DEMOS}")
        for demo_id in question.demos:
            spec = demos.get(demo_id)
            if spec is None:
                st.warning(text.UNKNOWN_DEMO.format(demo=demo_id, file=question.file))
                continue
            with st.container(border=True):
                st.markdown(f"**{spec.title}** — {spec.claim}")
                st.page_link(
                    "pages/demos.py",
                    label=text.OPEN_DEMO,
                    icon=":material/science:",
                    query_params=deck_params(demo=spec.id),
                )
                if st.toggle(
                    text.RUN_DEMO.format(title=spec.title),
                    key=f"browse_run_{question.number}_{spec.id}",
                ):
                    render_demo(spec, key_prefix=f"q{question.number}", header=False)

    if HAS_PROGRESS:
        from ui.progress_widgets import render_bookmark_and_note

        with st.expander(text.YOUR_NOTES):
            render_bookmark_and_note(question.number, key_prefix="browse")
