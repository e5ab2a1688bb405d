"""Progress: mastery and readiness forecast, activity and what is due, bookmarks, your data."""

from __future__ import annotations

import importlib.util
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import streamlit as st

from simulacro import scheduling
from simulacro.progress_io import ProgressImportError, export_json, import_progress
from ui import study_plan
from ui.data import get_bank
from ui.date_enter import apply_dates_on_enter
from ui.entry import ensure_entrypoint
from ui.identity import current_visitor, escape_markdown
from ui.mock_voice import forget_all_recordings
from ui.persist import remember, restore
from ui.progress_charts import activity_chart, mastery_chart, plan_chart
from ui.progress_widgets import (
    STORE_ERRORS,
    render_bookmark_and_note,
    save_error,
    show_store_warning,
    store_for,
)
from ui.text import progress as text

ensure_entrypoint("pages/progress.py")

CHART_CONFIG = {"displayModeBar": False}
METRIC_WIDTH = 190  # px: fixed-width metrics wrap in a narrow window instead of being cut

st.title(text.TITLE)
visitor = current_visitor()
store = store_for(visitor)
show_store_warning(store)
if not visitor.hosted:
    st.caption(text.LOCATION.format(location=store.location))
elif visitor.learner is not None:  # a server path means nothing to a learner
    # A store that could not be opened saves nothing: its warning above says why.
    hosted_text = text.LOCATION_UNAVAILABLE if store.in_memory_only else text.LOCATION_HOSTED
    st.caption(hosted_text.format(learner=escape_markdown(visitor.learner)))
bank = get_bank()
questions = bank.questions
titles = {q.number: q.title for q in questions}
now = datetime.now(UTC)
cards = store.cards()
review_total = store.review_count()


def render_metrics(mastery: list[scheduling.SectionMastery]) -> None:
    seen = sum(1 for q in questions if q.number in cards)
    with st.container(horizontal=True, gap="small", key="progress_metrics"):
        st.metric(text.REVIEWS, review_total, width=METRIC_WIDTH)
        st.metric(text.SEEN, f"{seen}/{len(questions)}", width=METRIC_WIDTH)
        st.metric(text.DUE_NOW, len(scheduling.due_now(questions, cards, now)), width=METRIC_WIDTH)
        st.metric(
            text.MASTERED,
            sum(m.mastered for m in mastery),
            help=text.MASTERED_HELP,
            width=METRIC_WIDTH,
        )
    if not review_total:
        st.info(text.EMPTY)


def render_mastery_and_readiness(mastery: list[scheduling.SectionMastery]) -> None:
    """One chart: predicted recall per section today and on the interview day."""
    st.subheader(text.MASTERY)
    left, middle, right = st.columns([2, 1, 1])
    # The learner's interview date outlives a visit to another page (Streamlit drops the
    # state of a page's widgets when another page runs): a shadow copy brings it back.
    st.session_state[study_plan.DATE_KEY] = study_plan.interview_date()
    # No min/max on the widget: a date out of range gets a message saying why, instead of
    # being silently refused by the picker.
    day: date = left.date_input(
        text.INTERVIEW_DATE,
        key=study_plan.DATE_KEY,
        on_change=remember(study_plan.DATE_KEY),
        help=text.INTERVIEW_DATE_HELP,
        format="YYYY-MM-DD",
    )
    apply_dates_on_enter(key="progress_date_enter")
    restore(study_plan.TARGET_KEY, study_plan.NEW_LIMIT_KEY)
    middle.selectbox(
        text.PLAN_TARGET,
        study_plan.TARGETS,
        index=study_plan.TARGETS.index(0.9),
        format_func=lambda t: f"{t:.0%}",
        key=study_plan.TARGET_KEY,
        on_change=remember(study_plan.TARGET_KEY),
    )
    right.number_input(
        text.PLAN_NEW_LIMIT,
        min_value=0,
        max_value=115,
        value=0,
        step=1,
        key=study_plan.NEW_LIMIT_KEY,
        on_change=remember(study_plan.NEW_LIMIT_KEY),
        help=text.PLAN_NEW_LIMIT_HELP,
    )
    problem = study_plan.date_problem(day)
    if problem:
        st.error(text.DATE_PROBLEM.format(problem=problem), icon=":material/event_busy:")
        return
    forecast = scheduling.readiness(questions, cards, day, limit=10)
    st.metric(text.EXPECTED.format(day=day.isoformat()), f"{forecast.overall:.0%}")
    st.caption(text.MASTERY_CAPTION)
    sections = [m.section for m in mastery]
    fig = mastery_chart(
        tuple(sections),
        tuple(m.retrievability for m in mastery),
        tuple(text.SEEN_LABEL.format(seen=m.seen, total=m.questions) for m in mastery),
        tuple(forecast.by_section.get(name, 0.0) for name in sections),
        day,
    )
    st.plotly_chart(fig, config=CHART_CONFIG, key="progress_mastery_chart")
    # A switch rather than tabs: tabs would build both tables on every rerun.
    shown = st.radio(
        text.LIST_LABEL,
        (text.STUDY_FIRST, text.AT_RISK),
        horizontal=True,
        key="progress_list",
        label_visibility="collapsed",
    )
    if shown == text.STUDY_FIRST:
        st.caption(text.STUDY_FIRST_CAPTION)
        _risk_table(forecast.study_first, "progress_study_first", show_seen=True)
    else:
        if forecast.at_risk:
            _risk_table(forecast.at_risk, "progress_at_risk")
        else:
            st.caption(text.NO_AT_RISK)


def render_plan() -> None:
    """Cards a day to reach the target by the interview, per section, and the daily load."""
    st.subheader(text.PLAN)
    plan = study_plan.current_plan(questions, cards, store.new_on(now.date()))
    if isinstance(plan, str):
        st.caption(text.NO_PLAN.format(problem=plan))
        return
    st.caption(text.PLAN_CAPTION.format(target=plan.target, day=plan.interview.isoformat()))
    with st.container(horizontal=True, gap="small", key="progress_plan_metrics"):
        st.metric(text.PLAN_PER_DAY, f"{plan.cards_per_day:.1f}", width=METRIC_WIDTH)
        st.metric(text.PLAN_TODAY, len(plan.today), width=METRIC_WIDTH)
        st.metric(text.PLAN_NEW_PER_DAY, plan.new_per_day, width=METRIC_WIDTH)
        st.metric(text.PLAN_EXPECTED, f"{plan.expected_recall:.0%}", width=METRIC_WIDTH)
    if plan.not_reached:
        st.warning(
            text.PLAN_NOT_REACHED.format(n=len(plan.not_reached), limit=plan.new_per_day),
            icon=":material/warning:",
        )
    frame = pd.DataFrame(
        {
            text.COL_SECTION: [s.section for s in plan.sections],
            text.COL_PER_DAY: [round(s.cards_per_day, 1) for s in plan.sections],
            text.COL_UNSEEN: [s.unseen for s in plan.sections],
            text.COL_EXPECTED: [round(s.expected_recall * 100) for s in plan.sections],
            text.COL_LEFT_OUT: [s.not_reached for s in plan.sections],
        }
    )
    st.dataframe(
        frame,
        hide_index=True,
        key="progress_plan_table",
        column_config={
            text.COL_EXPECTED: st.column_config.ProgressColumn(
                text.COL_EXPECTED, min_value=0, max_value=100, format="%d %%"
            ),
        },
    )
    fig = plan_chart(
        tuple(d.day for d in plan.days),
        tuple(d.cards - d.new for d in plan.days),
        tuple(d.new for d in plan.days),
    )
    st.plotly_chart(fig, config=CHART_CONFIG, key="progress_plan_chart")


def render_activity() -> None:
    """One timeline: reviews per day (last 30 days) and cards due (next 7 days)."""
    st.subheader(text.ACTIVITY)
    st.caption(text.ACTIVITY_CAPTION)
    per_day = store.reviews_per_day()
    past = [now.date() - timedelta(days=i) for i in range(29, -1, -1)]
    done = [per_day.get(d.isoformat(), 0) for d in past]
    due = scheduling.due_next_days(cards, now, days=7)
    fig = activity_chart(
        tuple(past), tuple(done), tuple(d for d, _ in due), tuple(n for _, n in due)
    )
    st.plotly_chart(fig, config=CHART_CONFIG, key="progress_activity_chart")


def _risk_table(items: list[scheduling.AtRisk], key: str, show_seen: bool = False) -> None:
    frame = pd.DataFrame(
        {
            text.COL_NUMBER: [a.number for a in items],
            text.COL_TITLE: [a.title for a in items],
            text.COL_RECALL: [round(a.retrievability * 100) for a in items],
            text.COL_SECTION: [a.section for a in items],
        }
    )
    if show_seen:
        frame.insert(3, text.COL_SEEN, [a.seen for a in items])
    st.dataframe(
        frame,
        hide_index=True,
        key=key,
        column_config={
            text.COL_NUMBER: st.column_config.NumberColumn(text.COL_NUMBER, width="small"),
            text.COL_RECALL: st.column_config.ProgressColumn(
                text.COL_RECALL, min_value=0, max_value=100, format="%d %%", width="small"
            ),
        },
    )


def render_bookmarks() -> None:
    st.subheader(text.BOOKMARKS)
    marks = set(store.bookmarks())
    notes = store.notes()
    numbers = sorted(marks | set(notes))
    if not numbers:
        st.caption(text.NO_BOOKMARKS)
        return
    # One table for the overview and one editor, instead of a widget pair per question:
    # the page stays cheap to rerun however many notes there are.
    frame = pd.DataFrame(
        {
            text.COL_NUMBER: numbers,
            text.COL_TITLE: [titles.get(n, "") for n in numbers],
            text.COL_BOOKMARKED: [n in marks for n in numbers],
            text.COL_NOTE: [notes.get(n, "") for n in numbers],
        }
    )
    st.dataframe(frame, hide_index=True, key="progress_bookmarks_table")
    number = st.selectbox(
        text.EDIT,
        numbers,
        format_func=lambda n: text.BOOKMARK_ITEM.format(number=n, title=titles.get(n, "")),
        key="progress_edit_number",
    )
    if number is not None:
        render_bookmark_and_note(number, key_prefix="progress")


def render_mock_history_section() -> None:
    st.subheader(text.MOCK_HISTORY)
    # The mock-interview helper owns ui/mock_history.py; it draws the history when present.
    if importlib.util.find_spec("ui.mock_history") is not None:
        from ui.mock_history import render_mock_history

        render_mock_history(store)
    else:
        sessions = store.mock_sessions()
        st.caption(text.MOCK_SAVED.format(n=len(sessions)) if sessions else text.NO_MOCK_HISTORY)


def _do_import() -> None:
    upload = st.session_state.get("progress_import_file")
    if upload is None:
        return
    try:
        # Always into the signed-in learner's own store; a file naming another is refused.
        summary = import_progress(store, upload.getvalue(), learner=visitor.learner)
    except ProgressImportError as exc:
        st.session_state["progress_import_result"] = ("error", upload.name, exc.errors)
        return
    except STORE_ERRORS as exc:  # validated, but the write failed (rolled back) or refused
        st.session_state["progress_import_result"] = ("error", upload.name, [str(exc)])
        return
    st.session_state["progress_import_result"] = ("ok", upload.name, str(summary))


def _do_reset() -> None:
    try:
        store.reset()
        forget_all_recordings()  # this deck's mock-interview recordings go with its progress
    except STORE_ERRORS as exc:
        st.session_state["progress_reset_error"] = save_error(exc, "{error}")
        return
    st.session_state["progress_reset_confirm"] = False
    st.session_state["progress_reset_done"] = True


def render_data() -> None:
    st.subheader(text.DATA)
    left, right = st.columns(2)
    with left:
        st.download_button(
            text.EXPORT,
            data=lambda: export_json(store, learner=visitor.learner),  # built when clicked
            file_name=f"simulacro-progress-{now:%Y%m%d}.json",
            mime="application/json",
            key="progress_export",
            help=text.EXPORT_HELP,
            icon=":material/download:",
        )
        st.markdown(f"##### {text.RESET}")
        st.caption(text.RESET_TIP)
        confirmed = st.checkbox(
            text.RESET_CONFIRM, key="progress_reset_confirm", disabled=not visitor.can_write
        )
        st.button(
            text.RESET_GO,
            key="progress_reset",
            disabled=not confirmed or not visitor.can_write,
            on_click=_do_reset,
            icon=":material/delete:",
        )
        if st.session_state.pop("progress_reset_done", False):
            st.success(text.RESET_OK)
        reset_error = st.session_state.pop("progress_reset_error", None)
        if reset_error:
            st.error(text.RESET_FAILED.format(error=reset_error))
    with right:
        st.file_uploader(
            text.IMPORT,
            type=["json"],
            key="progress_import_file",
            help=text.IMPORT_HELP,
            disabled=not visitor.can_write,
        )
        st.button(
            text.IMPORT_GO,
            key="progress_import",
            on_click=_do_import,
            disabled=st.session_state.get("progress_import_file") is None or not visitor.can_write,
        )
        if not visitor.can_write:
            st.caption(visitor.refusal)
        result = st.session_state.pop("progress_import_result", None)
        if result and result[0] == "ok":
            st.success(text.IMPORT_OK.format(summary=result[2]))
        elif result:
            _, name, errors = result
            st.error(text.IMPORT_BAD.format(file=name, n=len(errors)))
            st.code("\n".join(errors[:50]), language="text")


mastery_now = scheduling.mastery_by_section(questions, cards, now)
render_metrics(mastery_now)
render_mastery_and_readiness(mastery_now)
render_plan()
render_activity()
st.divider()
render_bookmarks()
st.divider()
render_mock_history_section()
st.divider()
render_data()
