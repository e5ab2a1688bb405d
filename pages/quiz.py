"""Self-quiz: answer from memory, reveal, check key points, rate; FSRS schedules the rest."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import streamlit as st

from simulacro import scheduling
from simulacro.grading import GradeResult, detail_labels, grade, scored_tally
from simulacro.model import PROJECTS
from simulacro.quiz_session import QuizSession, check_key_points, self_check
from simulacro.search import filter_questions
from simulacro.store_schema import RATINGS
from ui import study_plan
from ui.answer_key import get_answer_key
from ui.content_language import show_going_further, show_part
from ui.data import get_bank, show_answer_key_problems
from ui.decks import current_deck, deck_params
from ui.entry import ensure_entrypoint
from ui.grading_evidence import overrides_from_state, render_grading_evidence
from ui.markdown_safe import highlighted_markdown
from ui.progress_widgets import (
    STORE_ERRORS,
    get_store,
    render_bookmark_and_note,
    save_error,
    show_store_warning,
)
from ui.quiz_state import QUIZ_SESSION
from ui.responsive import wrap_key
from ui.shortcuts import commit_text_before_shortcuts
from ui.text import grading as grading_text
from ui.text import quiz as text

ensure_entrypoint("pages/quiz.py")

ROOT = Path(__file__).resolve().parent.parent
SESSION = QUIZ_SESSION  # other pages start a quiz through ui.quiz_state
# The scheduler's modes plus the one that follows the plan to the interview date.
QUIZ_MODES = (*scheduling.MODES, study_plan.PLAN_MODE)
SHORTCUTS = {"again": "Alt+1", "hard": "Alt+2", "good": "Alt+3", "easy": "Alt+4"}
REVEAL_SHORTCUT = "Alt+S"
REDO_MODE = "redo"  # a session on the cards missed in the previous one
# Setup widgets vanish during a session and Streamlit drops their state; we keep a copy
# so the next session starts with the same choices.
SETTINGS = "quiz_settings"
DRAFT = "quiz_answer_draft"
SETTING_DEFAULTS = {
    "quiz_sections": [],
    "quiz_projects": [],
    "quiz_tags": [],
    "quiz_mode": "due",
    "quiz_limit": 10,
    "quiz_seed": None,
}

st.title(text.TITLE)
st.caption(text.INTRO)
store = get_store()
show_store_warning(store)
bank = get_bank()
key = get_answer_key()
show_answer_key_problems(key)
questions = {q.number: q for q in bank.questions}


def _start() -> None:
    # Read the widgets here, not from render-time args: a click sees the latest values.
    state = st.session_state
    pool = filter_questions(
        bank.questions,
        sections=state.get("quiz_sections") or (),
        projects=state.get("quiz_projects") or (),
        tags=state.get("quiz_tags") or (),
    )
    mode = state.get("quiz_mode") or "due"
    seed = state.get("quiz_seed") if mode == "random" else None
    limit = int(state.get("quiz_limit") or 10)
    if mode == study_plan.PLAN_MODE:
        queue = _todays_plan(pool, limit)
    else:
        queue = scheduling.select(
            mode,
            pool,
            store.cards(),
            bookmarks=store.bookmarks(),
            lapses=store.lapses(),
            limit=limit,
            seed=None if seed is None else int(seed),
        )
    state[SETTINGS] = {name: state.get(name) for name in SETTING_DEFAULTS}
    if queue:
        state[SESSION] = QuizSession.start([q.number for q in queue], mode, time.time())
    else:
        state["quiz_empty_mode"] = mode


def _todays_plan(pool: list, limit: int) -> list:
    """Today's cards of the plan to the interview date, within the filters."""
    plan = study_plan.current_plan(bank.questions, store.cards(), store.new_on(study_plan.today()))
    if isinstance(plan, str):
        st.session_state["quiz_plan_problem"] = plan
        return []
    allowed = {q.number for q in pool}
    return [questions[n] for n in plan.today if n in allowed][:limit]


def _redo_missed(session: QuizSession) -> None:
    numbers = session.missed()
    if numbers:
        st.session_state[SESSION] = QuizSession.start(numbers, REDO_MODE, time.time())


def _keep_settings() -> None:
    # Setup widgets lose their state when the learner visits another page before starting.
    state = st.session_state
    state[SETTINGS] = {name: state.get(name, default) for name, default in SETTING_DEFAULTS.items()}


def _reveal(session: QuizSession) -> None:
    session.reveal(
        str(st.session_state.get("quiz_answer") or ""), bool(st.session_state.get("quiz_aloud"))
    )
    st.session_state.pop(DRAFT, None)


def _keep_draft() -> None:
    # The answer box is dropped from session state when the user visits another page.
    st.session_state[DRAFT] = st.session_state.get("quiz_answer", "")


def _skip(session: QuizSession) -> None:
    session.skip(time.time())
    st.session_state.pop(DRAFT, None)


def _rate(session: QuizSession, rating: str) -> None:
    number = session.current
    if number is None:
        return
    now = time.time()
    result = _graded(session, number)
    overrides = _overrides(session, number, result)
    grading = _grading(session, number, result, overrides)
    try:  # store first: if saving fails, the card stays on screen and can be rated again
        review = store.record_review(
            number,
            rating,
            session.elapsed(now),
            session.typed_answer,
            grading["covered"],
            overrides=overrides,
        )
    except STORE_ERRORS as exc:
        st.session_state["quiz_save_error"] = save_error(exc, text.SAVE_FAILED)
        return
    session.rate(rating, now, **grading)
    card = store.card(number)
    interval = card.due - review.reviewed_at if card else None
    st.session_state["quiz_saved"] = text.SAVED.format(
        rating=text.RATING_LABELS[rating],
        interval=scheduling.format_interval(interval) if interval else "?",
    )


def _self_check(session: QuizSession) -> bool:
    return self_check(session.typed_answer, session.aloud)


def _evidence_prefix(session: QuizSession, number: int) -> str:
    return f"quiz_ev_{session.index}_{number}"  # fresh "covered" toggles for every card


def _prompt(number: int) -> str:
    question = questions.get(number)
    return question.prompt if question is not None else ""


def _graded(session: QuizSession, number: int) -> GradeResult | None:
    """The grader's reading of the current typed answer (None when there is nothing to grade:
    no key points, or an answer given aloud). Graded once per rerun and passed around."""
    entry = key.get(number)
    if entry is None or not entry.key_points or _self_check(session):
        return None
    return grade(session.typed_answer, entry, _prompt(number))


def _overrides(session: QuizSession, number: int, result: GradeResult | None) -> dict[str, bool]:
    """The learner's corrections of the grader on the current typed answer."""
    entry = key.get(number)
    if entry is None or result is None:
        return {}
    return overrides_from_state(st.session_state, _evidence_prefix(session, number), entry, result)


def _grading(
    session: QuizSession,
    number: int,
    result: GradeResult | None,
    overrides: dict[str, bool],
) -> dict:
    """Key-point check of the current card (ticks come from the quiz_kp_<i> checkboxes,
    `overrides`: the learner's corrections from the evidence widget's toggles)."""
    entry = key.get(number)
    count = len(entry.key_points) if entry is not None else 0
    ticked = [bool(st.session_state.get(f"quiz_kp_{i}")) for i in range(count)]
    return check_key_points(
        entry,
        session.typed_answer,
        session.aloud,
        ticked,
        prompt=_prompt(number),
        overrides=overrides,
        result=result,
    )


def render_setup() -> None:
    saved = st.session_state.get(SETTINGS, {})
    # A first visit with nothing due yet starts on "New" rather than an empty "Due now".
    defaults = dict(SETTING_DEFAULTS)
    if not scheduling.due_now(bank.questions, store.cards()):
        defaults["quiz_mode"] = "new"
    for name, default in defaults.items():
        # A left-behind None (seen for the seed box after a visit to another page) is no
        # choice of the learner's: the saved value wins.
        if st.session_state.get(name) is None:
            st.session_state[name] = saved.get(name, default)
    with st.container(border=True):
        st.subheader(text.SETUP)
        present_sections = [s for s in bank.sections if any(q.section == s for q in bank.questions)]
        present_tags = sorted({t for q in bank.questions for t in q.tags})
        c1, c2, c3 = st.columns(3)
        sections = c1.multiselect(
            text.SECTIONS,
            present_sections,
            key="quiz_sections",
            placeholder=text.ANY,
            on_change=_keep_settings,
        )
        projects = c2.multiselect(
            text.PROJECTS,
            PROJECTS,
            key="quiz_projects",
            placeholder=text.ANY,
            on_change=_keep_settings,
        )
        tags = c3.multiselect(
            text.TAGS, present_tags, key="quiz_tags", placeholder=text.ANY, on_change=_keep_settings
        )
        pool = filter_questions(bank.questions, sections=sections, projects=projects, tags=tags)
        cards = store.cards()
        marks = set(store.bookmarks())
        st.caption(
            text.MATCHING.format(
                n=len(pool),
                due=len(scheduling.due_now(pool, cards)),
                new=len(scheduling.new_questions(pool, cards)),
                marked=sum(1 for q in pool if q.number in marks),
            )
        )
        mode = st.radio(
            text.MODE,
            QUIZ_MODES,
            format_func=text.MODE_LABELS.get,
            horizontal=True,
            key="quiz_mode",
            help=text.MODE_HELP,
            on_change=_keep_settings,
        )
        c1, c2 = st.columns(2)
        c1.number_input(
            text.LIMIT, min_value=1, max_value=115, key="quiz_limit", on_change=_keep_settings
        )
        if mode == "random":
            c2.number_input(
                text.SEED,
                min_value=0,
                max_value=10**9,
                step=1,
                key="quiz_seed",
                on_change=_keep_settings,
            )
        st.button(text.START, type="primary", key="quiz_start", on_click=_start, disabled=not pool)
    empty_mode = st.session_state.pop("quiz_empty_mode", None)
    plan_problem = st.session_state.pop("quiz_plan_problem", None)
    if plan_problem:
        st.warning(text.PLAN_PROBLEM.format(problem=plan_problem))
    elif empty_mode:
        st.info(text.EMPTY[empty_mode])


def render_card(session: QuizSession) -> None:
    number = session.current
    assert number is not None
    question = questions.get(number)
    # A row, not st.columns([5, 1]): the End button keeps its whole label in a narrow window.
    with st.container(horizontal=True, vertical_alignment="bottom", key="quiz_top"):
        st.progress(
            session.index / len(session.numbers),
            text=text.PROGRESS.format(
                i=session.index + 1, n=len(session.numbers), mode=text.MODE_LABELS[session.mode]
            ),
        )
        st.button(text.END, key="quiz_end", on_click=lambda: session.end(time.time()))
    # Alt+S typed in the answer box (or Alt+1..4 in the note box) must keep the typed text.
    commit_text_before_shortcuts([REVEAL_SHORTCUT, *SHORTCUTS.values()], key="quiz_shortcuts")
    failed = st.session_state.pop("quiz_save_error", None)
    if failed:
        st.error(failed, icon=":material/error:")
    if question is None:  # removed from the bank since the session started
        session.skip(time.time())
        st.rerun()
    with st.container(border=True):
        st.caption(text.QUESTION_HEADER.format(number=number, section=question.section))
        st.subheader(question.title)
        show_part(question, "prompt")
    if not session.revealed:
        if "quiz_answer" not in st.session_state and DRAFT in st.session_state:
            st.session_state["quiz_answer"] = st.session_state[DRAFT]
        st.text_area(
            text.YOUR_ANSWER,
            key="quiz_answer",
            height=180,
            placeholder=text.ANSWER_PLACEHOLDER,
            on_change=_keep_draft,
        )
        c1, c2, c3 = st.columns([2, 1, 3])
        c1.button(
            text.REVEAL,
            type="primary",
            key="quiz_reveal",
            on_click=_reveal,
            args=(session,),
            shortcut=REVEAL_SHORTCUT,
        )
        c2.button(text.SKIP, key="quiz_skip", on_click=_skip, args=(session,))
        c3.checkbox(text.ALOUD, key="quiz_aloud")
        st.caption(text.SHORTCUTS)
        return
    render_reveal(session, question)


def render_reveal(session: QuizSession, question) -> None:
    number = question.number
    entry = key.get(number)
    # ---- side by side (study): your answer, its key points and the rating on the left, the
    # model answer on the right; Streamlit stacks the two columns on a narrow screen.
    result = _graded(session, number)
    with st.container(key=wrap_key("quiz_reveal")):
        left, right = st.columns(2, gap="large")
    with right:
        st.markdown(f"#### {text.MODEL_ANSWER}")
        with st.container(border=True, key="quiz_model_answer"):
            show_part(question, "answer")
        if question.review_note:
            with st.container(key="quiz_review_note"):
                show_part(question, "review_note", info_icon=":material/rate_review:")
            st.caption(text.REVIEW_NOTE_CAPTION)
        show_going_further(question, key="quiz_going_further")
    with left:
        st.markdown(f"#### {text.TYPED}")
        with st.container(border=True, key="quiz_your_answer"):
            if _self_check(session):
                st.caption(text.ANSWERED_ALOUD if session.aloud else text.NOTHING_TYPED)
            else:
                spans = [(e.start, e.end) for e in result.evidence.values()] if result else []
                against = [(e.start, e.end) for e in result.contradicted.values()] if result else []
                st.markdown(highlighted_markdown(session.typed_answer, spans, against))
                if against:
                    st.caption(text.EVIDENCE_AND_CONTRADICTIONS_HIGHLIGHTED)
                elif spans:
                    st.caption(text.EVIDENCE_HIGHLIGHTED)
        # ---- end of the side-by-side part
        st.markdown(f"#### {text.KEY_POINTS}")
        if number in current_deck().generated_key:
            st.caption(text.KEY_POINTS_GENERATED)
        if entry is None or not entry.key_points:
            st.caption(text.NO_KEY_POINTS)
        elif _self_check(session):
            st.caption(text.KEY_POINTS_SELF)
            for i, point in enumerate(entry.key_points):
                st.checkbox(
                    point.label + (grading_text.DETAIL_SUFFIX if point.detail else ""),
                    key=f"quiz_kp_{i}",
                    help=grading_text.DETAIL_HELP if point.detail else None,
                )
        if result is not None:
            placeholder = st.empty()  # the summary line follows the learner's corrections
            render_grading_evidence(
                session.typed_answer, entry, result, key_prefix=_evidence_prefix(session, number)
            )
        grading = _grading(session, number, result, _overrides(session, number, result))
        if result is not None:
            hits, total = scored_tally(
                grading["covered"],
                [p.label for p in entry.key_points],
                detail_labels(entry.key_points),
            )
            placeholder.caption(
                text.KEY_POINTS_AUTO.format(covered=hits, total=total, pct=grading["coverage"])
            )
        # The rating sits next to the checklist, not below a long model answer.
        render_rating(session, number, grading["suggested"])
        if entry is not None and entry.follow_ups:
            with st.expander(text.FOLLOW_UP):
                st.markdown(entry.follow_ups[session.index % len(entry.follow_ups)])
        render_links(question)
        with st.expander(text.BOOKMARK_NOTE):
            render_bookmark_and_note(number, key_prefix="quiz")


def render_rating(session: QuizSession, number: int, suggested: str | None) -> None:
    with st.container(border=True):
        st.markdown(f"**{text.RATE}**")
        if suggested:
            st.caption(text.SUGGESTED.format(rating=text.RATING_LABELS[suggested]))
        intervals = scheduling.preview_intervals(store.card(number), number)
        for rating in RATINGS:  # stacked: the column is too narrow for four labels in a row
            st.button(
                text.RATING_BUTTON.format(
                    label=text.RATING_LABELS[rating],
                    interval=scheduling.format_interval(intervals[rating]),
                ),
                key=f"quiz_rate_{rating}",
                type="primary" if rating == suggested else "secondary",
                on_click=_rate,
                args=(session, rating),
                shortcut=SHORTCUTS[rating],
                width="stretch",
            )


def _demo_titles() -> dict[str, str]:
    try:
        from projects.registry import all_demos

        return {demo_id: spec.title for demo_id, spec in all_demos().items()}
    except Exception:  # a broken demo module must not take the quiz down
        return {}


def render_links(question) -> None:
    if question.demos and (ROOT / "pages" / "demos.py").exists():
        titles = _demo_titles()
        for demo_id in question.demos:
            st.page_link(
                "pages/demos.py",
                label=text.DEMO_LINK.format(demo=titles.get(demo_id, demo_id)),
                icon=":material/science:",
                query_params=deck_params(demo=demo_id),
            )
    if (ROOT / "pages" / "browse.py").exists():
        st.page_link(
            "pages/browse.py",
            label=text.BROWSE_LINK.format(number=question.number),
            icon=":material/menu_book:",
            query_params=deck_params(q=str(question.number)),
        )


def render_summary(session: QuizSession) -> None:
    st.subheader(text.SUMMARY)
    summary = session.summary()
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(text.CARDS_DONE, summary["cards_done"])
    c2.metric(text.SKIPPED, summary["skipped"])
    coverage = summary["coverage"]
    c3.metric(text.COVERAGE, text.NOT_GRADED if coverage is None else f"{coverage:.0%}")
    minutes, seconds = divmod(int(summary["total_s"]), 60)
    c4.metric(text.TIME, f"{minutes} min {seconds:02d} s")
    if summary["cards_done"]:
        st.markdown(
            f"**{text.RATINGS_CHART}:** "
            + " · ".join(f"{text.RATING_LABELS[r]} {summary['ratings'][r]}" for r in RATINGS)
        )
        rows = [
            {
                text.TABLE_NUMBER: r.number,
                text.TABLE_TITLE: questions[r.number].title if r.number in questions else "",
                text.TABLE_RATING: text.RATING_LABELS.get(r.rating or "", text.SKIP),
                text.TABLE_SUGGESTED: text.RATING_LABELS.get(r.suggested or "", ""),
                text.TABLE_COVERAGE: None if r.coverage is None else round(r.coverage * 100),
                text.TABLE_TIME: round(r.duration_s, 1),
            }
            for r in session.results
        ]
        st.dataframe(
            pd.DataFrame(rows),
            hide_index=True,
            key="quiz_summary_table",
            column_config={
                text.TABLE_COVERAGE: st.column_config.NumberColumn(format="%d %%"),
            },
        )
    else:
        st.info(text.NOTHING_DONE)
    missed = session.missed()
    with st.container(horizontal=True, gap="small", key="quiz_summary_actions"):
        st.button(
            text.REDO_MISSED.format(n=len(missed)),
            type="primary",
            key="quiz_redo_missed",
            on_click=_redo_missed,
            args=(session,),
            disabled=not missed,
            help=text.REDO_MISSED_HELP,
        )
        st.button(
            text.NEW_SESSION,
            type="secondary" if missed else "primary",
            key="quiz_new_session",
            on_click=lambda: st.session_state.pop(SESSION, None),
        )


if not bank.questions:
    st.info(text.NO_QUESTIONS)
    st.stop()
saved_message = st.session_state.pop("quiz_saved", None)
if saved_message:
    st.toast(saved_message, icon=":material/save:")
session: QuizSession | None = st.session_state.get(SESSION)
if session is None:
    render_setup()
elif session.finished:
    render_summary(session)
else:
    render_card(session)
