"""Streamlit side of the mock interview: setup, the live clock fragment, report.

The state machine (`simulacro.interview.Interview`) lives in `st.session_state[INTERVIEW]`.
Every button is an `on_click` callback that calls one transition, so the page that renders
afterwards already shows the new state. The only thing that runs every second is
`live_clock`, a fragment: it calls `Interview.tick(now)` and redraws the two countdowns
from the STORED deadlines; when tick() moves on (time ran out) it reruns the whole app
once, so the page shows the next question.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from simulacro import interview as iv
from simulacro.answer_key import KeyEntry
from simulacro.follow_ups import plan_follow_ups
from simulacro.grading import grade
from simulacro.model import SECTIONS, Question
from simulacro.store import ProgressStore
from ui import mock_voice
from ui.content_language import graded_language, show_going_further, show_part
from ui.grading_evidence import overrides_from_state, render_grading_evidence, toggle_key
from ui.progress_widgets import save_error
from ui.quiz_state import QUIZ_PAGE, start_quiz
from ui.text import grading as grading_text
from ui.text import mock as text

INTERVIEW = "mock_interview"
REPORT = "mock_report"
SAVED_ID = "mock_saved_id"
SETUP_ERROR = "mock_setup_error"
PAGE_RUNS = "mock_page_runs"  # counters: full page runs vs ticks of the clock fragment
FRAGMENT_RUNS = "mock_fragment_runs"
TICK_MS = "mock_tick_ms"  # server time of the last fragment run (body only)
CLOCK_FRAGMENT = "mock_live_clock"  # fragment key (the bench targets it by this name)
PRESET_ORDER = (*iv.PRESETS, iv.CUSTOM)
STATUS_COLOURS = {
    iv.ANSWERED: "#2e7d32",
    iv.TIMED_OUT: "#c62828",
    iv.SKIPPED: "#9e9e9e",
    iv.NOT_REACHED: "#cfd8dc",
}
CHART_CONFIG = {"displayModeBar": False}
STUDY_MODE = "weakest"  # the quiz mode the "study these next" session is labelled with


def answer_key_for(interview: iv.Interview) -> str:
    """Widget key of the answer box of the current phase (new box per question/phase)."""
    return f"mock_answer_{interview.index}_{interview.phase}"


def aloud_key_for(interview: iv.Interview) -> str:
    return f"mock_aloud_{interview.index}"


def typed_now(interview: iv.Interview) -> tuple[str | None, bool | None]:
    """What the learner typed / ticked for the current phase, as the widgets hold it."""
    state = st.session_state
    typed = state.get(answer_key_for(interview))
    aloud = state.get(aloud_key_for(interview)) if interview.phase == iv.MAIN else None
    return (None if typed is None else str(typed)), (None if aloud is None else bool(aloud))


# --------------------------------------------------------------------------- setup
SECTION_OPTIONS_KEY = "_mock_section_options"  # the current deck's sections, for validation


def _config_from_widgets() -> iv.InterviewConfig:
    state = st.session_state
    preset = state.get("mock_preset") or "loop"
    seed_value = state.get("mock_seed")
    seed = None if seed_value is None else int(seed_value)
    weak_first = bool(state.get("mock_weak_first"))
    if preset != iv.CUSTOM:
        return iv.PRESETS[preset].with_options(seed=seed, weak_first=weak_first)
    total_min = state.get("mock_total_min") or 0
    return iv.custom(
        sections=state.get("mock_sections") or (),
        n_questions=int(state.get("mock_n") or 5),
        seconds_per_question=int(state.get("mock_seconds") or 180),
        total_seconds=int(total_min * 60) if total_min else None,
        follow_ups=bool(state.get("mock_follow_ups")),
        follow_up_seconds=int(state.get("mock_follow_up_seconds") or 60),
        seed=seed,
        known_sections=state.get(SECTION_OPTIONS_KEY) or SECTIONS,
        weak_first=weak_first,
    )


def _start(questions: list[Question], key: Mapping[int, KeyEntry], store: ProgressStore) -> None:
    """Start button: draw the questions and start the clock (callback: runs before render)."""
    state = st.session_state
    state.pop(SETUP_ERROR, None)
    try:
        config = _config_from_widgets()
    except ValueError as exc:
        state[SETUP_ERROR] = text.BAD_SETTINGS.format(error=exc)
        return
    if config.seed is None:  # keep the seed in the report so the draw can be replayed
        config = config.with_options(seed=random.SystemRandom().randrange(1_000_000))
    pool = iv.candidate_pool(questions, config)
    weakness = None
    if config.weak_first:
        weakness = iv.weakness_scores(
            store.cards(), store.lapses(), numbers=[q.number for q in pool]
        )
    drawn = iv.draw(
        pool,
        config.n_questions,
        seed=config.seed,
        weakness=weakness,
        weak_first=config.weak_first,
    )
    if not drawn:
        state[SETUP_ERROR] = text.NO_QUESTIONS
        return
    numbers = [q.number for q in drawn]
    mock_voice.prune_orphans({str(s.get("token", "")) for s in store.mock_sessions()})
    follow_ups = {}
    if config.follow_ups:
        prompts = {q.number: q.prompt for q in drawn}
        follow_ups = plan_follow_ups(numbers, key, config.seed, prompts, graded_language())
    state[INTERVIEW] = iv.Interview.start(config, numbers, follow_ups, now=time.time())
    state.pop(REPORT, None)
    state.pop(SAVED_ID, None)


# Setup widgets and their defaults. Streamlit drops a page's widget state when another page
# runs, so every change is copied to SETUP_KEPT and restored when the learner comes back.
SETUP_DEFAULTS: dict[str, object] = {
    "mock_preset": "loop",
    "mock_sections": [],
    "mock_n": 5,
    "mock_seconds": 180,
    "mock_total_min": 0,
    "mock_follow_ups": False,
    "mock_follow_up_seconds": 60,
    "mock_weak_first": False,
    "mock_seed": None,
}
SETUP_KEPT = "mock_setup_kept"


def _keep_setup() -> None:
    state = st.session_state
    kept = dict(state.get(SETUP_KEPT, {}))
    kept.update({name: state[name] for name in SETUP_DEFAULTS if name in state})
    state[SETUP_KEPT] = kept


def _restore_setup() -> None:
    # Defaults go through session state, not `value=`: a widget given both warns.
    state = st.session_state
    kept = state.get(SETUP_KEPT, {})
    for name, default in SETUP_DEFAULTS.items():
        if name in kept:  # the learner's last choice (on_change keeps this copy current)
            state[name] = kept[name]
        elif state.get(name) is None:
            state[name] = default


def render_setup(questions: list[Question], key: Mapping[int, KeyEntry], store) -> None:
    """Presets, the custom form, draw options and the Start button."""
    _restore_setup()
    preset = st.radio(
        text.FORMAT,
        PRESET_ORDER,
        format_func=text.PRESET_LABELS.get,
        captions=[text.PRESET_CAPTIONS[p] for p in PRESET_ORDER],
        key="mock_preset",
        on_change=_keep_setup,
    )
    if preset == iv.CUSTOM:
        # The sections of the deck being studied, in the order of its questions.
        sections = list(dict.fromkeys(question.section for question in questions))
        st.session_state[SECTION_OPTIONS_KEY] = sections
        st.multiselect(
            text.SECTIONS,
            sections,
            key="mock_sections",
            help=text.SECTIONS_HELP,
            placeholder=text.SECTIONS_ALL,  # empty = every section, not "Choose options"
            on_change=_keep_setup,
        )
        c1, c2, c3 = st.columns(3)
        c1.number_input(
            text.N_QUESTIONS,
            min_value=1,
            max_value=iv.MAX_QUESTIONS,
            step=1,
            key="mock_n",
            on_change=_keep_setup,
        )
        c2.number_input(
            text.SECONDS_PER_QUESTION,
            min_value=iv.MIN_SECONDS_PER_QUESTION,
            max_value=iv.MAX_SECONDS_PER_QUESTION,
            step=5,
            key="mock_seconds",
            help=text.SECONDS_HELP,
            on_change=_keep_setup,
        )
        c3.number_input(
            text.TOTAL_MINUTES,
            min_value=0,
            max_value=iv.MAX_TOTAL_SECONDS // 60,
            step=1,
            key="mock_total_min",
            help=text.TOTAL_HELP,
            on_change=_keep_setup,
        )
        c4, c5 = st.columns(2)
        follow = c4.checkbox(
            text.FOLLOW_UPS, key="mock_follow_ups", help=text.FOLLOW_UPS_HELP, on_change=_keep_setup
        )
        if follow:
            c5.number_input(
                text.FOLLOW_UP_SECONDS,
                min_value=iv.MIN_FOLLOW_UP_SECONDS,
                max_value=iv.MAX_SECONDS_PER_QUESTION,
                step=5,
                key="mock_follow_up_seconds",
                on_change=_keep_setup,
            )
    c6, c7 = st.columns(2)
    c6.toggle(
        text.WEAK_FIRST, key="mock_weak_first", help=text.WEAK_FIRST_HELP, on_change=_keep_setup
    )
    c7.number_input(
        text.SEED,
        min_value=0,
        value=None,
        step=1,
        key="mock_seed",
        help=text.SEED_HELP,
        on_change=_keep_setup,
    )
    try:
        config = _config_from_widgets()
    except ValueError as exc:
        st.error(text.BAD_SETTINGS.format(error=exc))
        config = None
    if config is not None:
        pool = len(iv.candidate_pool(questions, config))
        follow = (
            text.SUMMARY_FOLLOW.format(follow=iv.format_clock(config.follow_up_seconds))
            if config.follow_ups
            else ""
        )
        st.markdown(
            text.SUMMARY.format(
                n=config.n_questions,
                per=iv.format_clock(config.seconds_per_question),
                follow=follow,
                total=iv.format_clock(config.total_seconds),
                pool=pool,
            )
        )
        if 0 < pool < config.n_questions:
            st.caption(text.FEWER.format(n=pool))
    error = st.session_state.get(SETUP_ERROR)
    if error:
        st.error(error)
    st.button(
        text.START,
        type="primary",
        key="mock_start",
        on_click=_start,
        args=(questions, key, store),
        disabled=config is None,
        icon=":material/play_arrow:",
    )


# --------------------------------------------------------------------------- the clocks
FLUSH_SECONDS = 1.8  # within this of a deadline, commit what is being typed (see below)

# Streamlit sends a text area's value to the server only when it loses focus (or on
# Ctrl+Enter); a timer rerun does not. So, just before a deadline, this fixed script (no
# user or file content) blurs the focused answer box: Streamlit commits the typed text, the
# box's on_change stores it, and the timeout keeps it. The question ends a moment later
# anyway, so taking the focus away then costs the learner nothing.
_COMMIT_TYPING_JS = """
export default function (component) {
  const { data } = component;
  if (!data || !data.flush) return;
  const active = document.activeElement;
  if (active && active.tagName === "TEXTAREA" && active.closest('[data-testid="stTextArea"]')) {
    active.blur();
  }
}
"""
_commit_typing = st.components.v2.component("simulacro_mock_commit_typing", js=_COMMIT_TYPING_JS)


def render_clocks(interview: iv.Interview, now: float) -> None:
    """The large question countdown, a bar, and the smaller interview countdown."""
    left = interview.question_remaining(now)
    total = interview.total_remaining(now)
    budget = max(interview.phase_budget(), 1.0)
    if interview.paused:
        colour = "gray"
    elif iv.warning_zone(left):
        colour = "red"
    else:
        colour = "blue"
    label = text.FOLLOW_UP_CLOCK if interview.phase == iv.FOLLOW_UP else text.QUESTION_CLOCK
    big, small = st.columns([3, 1], vertical_alignment="center")
    with big:
        st.caption(text.PAUSED_CLOCK if interview.paused else label)
        # Fixed markup only (a time we format ourselves), no HTML: a colored H1.
        st.markdown(f"# :{colour}[{iv.format_clock(left)}]")
        st.progress(min(1.0, max(0.0, left / budget)))
        if colour == "red":
            st.caption(f":red[{text.LAST_SECONDS}]")
    with small:
        total_colour = (
            "gray" if interview.paused else ("red" if iv.warning_zone(total) else "violet")
        )
        st.caption(text.TOTAL_CLOCK)
        st.markdown(f"### :{total_colour}[{iv.format_clock(total)}]")
    flush = not interview.paused and 0 < min(left, total) <= FLUSH_SECONDS
    _commit_typing(
        data={"flush": flush, "deadline": interview.question_deadline},
        key="mock_commit_typing",
        height=0,
    )


@st.fragment(run_every=1, key=CLOCK_FRAGMENT)
def live_clock() -> None:
    """Ticks every second: auto-advance once at a deadline, else redraw the countdowns."""
    state = st.session_state
    interview: iv.Interview | None = state.get(INTERVIEW)
    if interview is None or interview.finished:
        return
    started = time.perf_counter()
    state[FRAGMENT_RUNS] = state.get(FRAGMENT_RUNS, 0) + 1
    now = time.time()
    typed, aloud = typed_now(interview)
    if interview.tick(now, typed, aloud):
        # A deadline passed: the question (or the interview) changed. Redraw the page once.
        st.rerun(scope="app")
    render_clocks(interview, now)
    state[TICK_MS] = (time.perf_counter() - started) * 1000


# --------------------------------------------------------------------------- the interview
def _save_typed() -> None:
    interview: iv.Interview | None = st.session_state.get(INTERVIEW)
    if interview is not None and not interview.finished:
        interview.set_answer(*typed_now(interview))


def _next() -> None:
    st.session_state.pop(mock_voice.AUDIO_ERROR, None)
    interview: iv.Interview = st.session_state[INTERVIEW]
    if not interview.finished:
        interview.next(*typed_now(interview), now=time.time())


def _skip() -> None:
    st.session_state.pop(mock_voice.AUDIO_ERROR, None)
    interview: iv.Interview = st.session_state[INTERVIEW]
    if not interview.finished:
        _save_typed()
        interview.skip(time.time())


def _toggle_pause() -> None:
    interview: iv.Interview = st.session_state[INTERVIEW]
    if interview.finished:
        return
    _save_typed()
    if interview.paused:
        interview.resume(time.time())
    else:
        interview.pause(time.time())


def _end() -> None:
    st.session_state.pop(mock_voice.AUDIO_ERROR, None)
    interview: iv.Interview = st.session_state[INTERVIEW]
    if not interview.finished:
        interview.end(*typed_now(interview), now=time.time())


def show_timeout_notice(interview: iv.Interview) -> None:
    """The visible "time ran out" notice, on the phase the timeout opened (or the report)."""
    notice = interview.timeout_notice()
    if notice is not None:
        message = text.TIMEOUT_NOTICE[(notice.phase, notice.kept)].format(pos=notice.position)
        st.warning(message, icon=":material/timer_off:")


def show_left_open(left_open_s: float | None) -> None:
    """An interview found long after its time ran out (left open for hours or days)."""
    if left_open_s:
        st.info(
            text.LEFT_OPEN.format(length=_length(left_open_s)), icon=":material/history_toggle_off:"
        )


def _length(seconds: float) -> str:
    days, rest = divmod(int(seconds), 86400)
    hours = rest // 3600
    if days:
        return text.DAYS.format(days=days, hours=hours)
    return text.HOURS.format(hours=max(1, hours))


def render_interview(interview: iv.Interview, questions: Mapping[int, Question]) -> None:
    """The current question, the live clocks, the answer box and the four buttons."""
    run = interview.current
    assert run is not None  # the page shows the report once the interview has ended
    question = questions.get(run.number)
    pos, n = interview.position_label()
    live_clock()
    show_timeout_notice(interview)
    show_left_open(interview.left_open_s)
    if interview.paused:
        st.info(text.PAUSED, icon=":material/pause_circle:")
    mock_voice.speak_toggle()
    title = question.title if question else f"#{run.number}"
    section = question.section if question else ""
    if interview.phase == iv.FOLLOW_UP:
        st.caption(text.FOLLOW_UP_OF.format(pos=pos, n=n, number=run.number))
        st.markdown(f"**{text.FOLLOW_UP_INTROS.get(run.follow_up_kind, text.FOLLOW_UP_INTRO)}**")
        st.subheader(run.follow_up or "", anchor=False)
        with st.expander(text.ORIGINAL_QUESTION):
            st.markdown(f"**{title}**")
            if question:
                st.markdown(question.prompt)
        label = text.FOLLOW_UP_ANSWER
        spoken = run.follow_up or ""
    else:
        st.caption(text.QUESTION_OF.format(pos=pos, n=n, section=section, number=run.number))
        st.subheader(title, anchor=False)
        if question:
            st.markdown(question.prompt)
        label = text.ANSWER
        spoken = f"{title}. {question.prompt}" if question else title
    mock_voice.speak(interview, spoken)
    # Restore the stored text when the box is recreated (e.g. back from another page, where
    # Streamlit dropped the widget's state). Only then: a `value=` that changes while the box
    # lives makes the browser reset it, losing what was typed.
    # Never toggle `disabled` on the box (e.g. while paused): the browser then resets it to
    # its initial value and the typed text is lost (seen in Chromium, Streamlit 1.67).
    box_key = answer_key_for(interview)
    if box_key not in st.session_state:
        saved = run.follow_up_answer if interview.phase == iv.FOLLOW_UP else run.answer
        st.session_state[box_key] = saved
    st.text_area(
        label,
        key=box_key,
        height=200,
        placeholder=text.ANSWER_PLACEHOLDER,
        on_change=_save_typed,
    )
    mock_voice.record_answer(interview)
    if interview.phase == iv.MAIN:
        if aloud_key_for(interview) not in st.session_state:
            st.session_state[aloud_key_for(interview)] = run.aloud
        st.checkbox(
            text.ALOUD, key=aloud_key_for(interview), on_change=_save_typed, help=text.ALOUD_HELP
        )
    b1, b2, b3, b4 = st.columns(4)
    b1.button(
        text.NEXT,
        type="primary",
        key="mock_next",
        on_click=_next,
        disabled=interview.paused,
        icon=":material/arrow_forward:",
        width="stretch",
    )
    b2.button(
        text.SKIP,
        key="mock_skip",
        on_click=_skip,
        disabled=interview.paused,
        icon=":material/skip_next:",
        width="stretch",
    )
    b3.button(
        text.RESUME if interview.paused else text.PAUSE,
        key="mock_pause",
        on_click=_toggle_pause,
        icon=":material/play_arrow:" if interview.paused else ":material/pause:",
        width="stretch",
    )
    b4.button(text.END, key="mock_end", on_click=_end, icon=":material/stop:", width="stretch")


# --------------------------------------------------------------------------- the report
def report_frame(report: iv.Report) -> pd.DataFrame:
    """The per-question table of the report."""
    return pd.DataFrame(
        {
            text.COL_POS: [r.position for r in report.rows],
            text.COL_QUESTION: [f"{r.number}. {r.title}" for r in report.rows],
            text.COL_STATUS: [text.STATUS.get(r.status, r.status) for r in report.rows],
            text.COL_USED: [round(r.used_s) for r in report.rows],
            text.COL_BUDGET: [round(r.budget_s) for r in report.rows],
            text.COL_POINTS: ["—" if r.coverage is None else r.points_text for r in report.rows],
            text.COL_COVERAGE: [
                None if r.coverage is None else round(r.coverage * 100) for r in report.rows
            ],
            text.COL_RATING: [rating_cell(r) for r in report.rows],
        }
    )


def time_chart(report: iv.Report) -> go.Figure:
    """Bars of the time used per question (coloured by outcome) next to its budget."""
    labels = [f"{r.position} · #{r.number}" for r in report.rows]
    fig = go.Figure()
    fig.add_bar(
        x=labels,
        y=[r.budget_s for r in report.rows],
        name=text.CHART_BUDGET,
        marker_color="rgba(120,144,156,0.35)",
    )
    fig.add_bar(
        x=labels,
        y=[r.used_s for r in report.rows],
        name=text.CHART_USED,
        marker_color=[STATUS_COLOURS.get(r.status, "#1565c0") for r in report.rows],
        text=[text.STATUS.get(r.status, r.status) for r in report.rows],
        textposition="outside",
    )
    fig.update_layout(
        barmode="overlay",
        height=320,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis_title=text.CHART_X,
        yaxis_title=text.CHART_Y,
        legend={"orientation": "h", "y": 1.12},
    )
    return fig


def _rating_label(rating: str | None) -> str:
    return text.UNRATED if rating is None else text.RATING_LABELS[rating]


def rating_cell(row: iv.ReportRow) -> str:
    """What the table shows: the learner's rating, else the suggestion marked unconfirmed."""
    if row.self_rating:
        return text.RATING_LABELS[row.self_rating]
    if row.rateable and row.suggested_rating:
        return text.UNRATED_SUGGESTED.format(rating=text.RATING_LABELS[row.suggested_rating])
    return text.NO_RATING


def rating_key(position: int) -> str:
    return f"mock_rating_{position}"


def apply_ratings(report: iv.Report) -> None:
    """Copy the self-rating selectboxes (keys `mock_rating_<position>`) into the report."""
    for row in report.rows:
        name = rating_key(row.position)
        if row.rateable and name in st.session_state:
            row.self_rating = st.session_state[name]


def _accept_suggestion(position: int, rating: str) -> None:
    st.session_state[rating_key(position)] = rating


def _accept_all(report: iv.Report) -> None:
    """Confirm every suggestion still unrated; ratings the learner chose stay."""
    apply_ratings(report)
    for position in report.accept_suggestions():
        st.session_state[rating_key(position)] = report.rows[position - 1].self_rating


def _save(report: iv.Report, store: ProgressStore) -> None:
    state = st.session_state
    if state.get(SAVED_ID) is not None:
        return
    apply_ratings(report)
    try:
        reviews = report.reviews()  # confirmed ratings only: a suggestion is not a review
        # One transaction: the report is never stored without its reviews (or vice versa).
        session_id = store.save_mock_session(report.to_dict(), reviews=reviews)
    except Exception as exc:  # noqa: BLE001 - any store failure becomes a visible message
        state["mock_save_error"] = save_error(exc, text.SAVE_FAILED)
        return
    state[SAVED_ID] = session_id
    message = text.SAVED.format(id=session_id, n=len(reviews))
    unrated = len(report.unrated)
    if unrated:
        message += " " + text.SAVED_UNRATED.format(n=unrated)
    state["mock_saved_message"] = message


def _new_interview() -> None:
    state = st.session_state
    interview: iv.Interview | None = state.get(INTERVIEW)
    if interview is not None and state.get(SAVED_ID) is None:
        mock_voice.forget_recordings(interview.token)  # not saved: its recordings go with it
    for name in (INTERVIEW, REPORT, SAVED_ID, SETUP_ERROR, mock_voice.AUDIO_ERROR):
        state.pop(name, None)


def render_report(
    report: iv.Report,
    questions: Mapping[int, Question],
    store: ProgressStore,
    key: Mapping[int, KeyEntry] | None = None,
) -> None:
    """Totals, the chart, the table, each question with its self-rating, save/download."""
    key = key or {}
    state = st.session_state
    totals = report.totals
    st.header(text.REPORT, anchor=False)
    st.caption(text.END_REASONS.get(report.end_reason, report.end_reason))
    apply_listening(report)  # ticks by ear, corrections and ratings first: totals agree
    apply_corrections(report, questions, key)
    apply_ratings(report)
    show_left_open(report.left_open_s)
    c1, c2, c3, c4, c5 = st.columns(5)
    c1.metric(text.ANSWERED, f"{totals['answered']}/{totals['questions']}")
    coverage = totals["mean_coverage"]
    c2.metric(
        text.COVERAGE, "—" if coverage is None else f"{coverage:.0%}", help=text.COVERAGE_HELP
    )
    c3.metric(
        text.TIME_USED_OF.format(budget=iv.format_clock(totals["time_budget_s"])),
        iv.format_clock(totals["time_used_s"]),
        help=text.TIME_USED_HELP,
    )
    c4.metric(text.TIMED_OUT, totals["timed_out"])
    c5.metric(text.SKIPPED, totals["skipped"])
    _render_actions(report, store)

    st.subheader(text.CHART_TITLE, anchor=False)
    st.plotly_chart(time_chart(report), config=CHART_CONFIG, key="mock_report_chart")
    st.dataframe(
        report_frame(report),
        hide_index=True,
        key="mock_report_table",
        column_config={
            text.COL_COVERAGE: st.column_config.ProgressColumn(
                text.COL_COVERAGE, min_value=0, max_value=100, format="%d %%"
            )
        },
    )

    st.subheader(text.DETAILS, anchor=False)
    for row in report.rows:
        status = text.STATUS.get(row.status, row.status)
        timed_out = row.status == iv.TIMED_OUT
        with st.expander(
            text.ROW_TITLE.format(
                pos=row.position, number=row.number, title=row.title, status=status
            ),
            icon=":material/timer_off:" if timed_out else None,
        ):
            if timed_out:
                st.warning(text.ROW_TIMED_OUT, icon=":material/timer_off:")
            total_points = len(row.covered) + len(row.missed)
            points = (
                text.ROW_POINTS.format(covered=len(row.covered), total=total_points)
                if total_points
                else text.ROW_NO_KEY
            )
            st.caption(
                text.ROW_TIMING.format(
                    used=iv.format_clock(row.used_s),
                    budget=iv.format_clock(row.budget_s),
                    points=points,
                )
            )
            left, right = st.columns([3, 2])  # room for key-point labels at 900 px
            with left:
                mine, model = st.tabs([text.YOUR_ANSWER, text.MODEL_ANSWER])
                with mine:
                    if row.answer.strip():
                        st.text(row.answer)
                    elif not row.recording:
                        st.caption(text.ANSWERED_ALOUD if row.aloud else text.NOTHING_TYPED)
                    mock_voice.play(report, row.recording, row.recording_s)
                    if row.follow_up:
                        st.markdown(
                            text.FOLLOW_UP.format(
                                status=text.STATUS.get(row.follow_up_status or "", "—"),
                                text=row.follow_up,
                            )
                        )
                        if row.follow_up_answer.strip():
                            st.text(row.follow_up_answer)
                        mock_voice.play(report, row.follow_up_recording, row.follow_up_recording_s)
                        if row.follow_up_target:
                            st.caption(
                                text.PROBED[row.follow_up_covered].format(
                                    point=row.follow_up_target
                                )
                            )
                with model:
                    question = questions.get(row.number)
                    if question:
                        show_part(question, "answer")
                        show_going_further(question, key=f"mock_further_{row.number}")
            with right:
                if total_points and _graded_by_ear(row):
                    _render_listening_ticks(report, row)
                elif total_points:
                    st.markdown(f"**{text.KEY_POINTS}**")
                    for label in row.covered:
                        st.markdown(f":green[:material/check_circle:] {label}")
                    for label in row.missed:
                        st.markdown(f":red[:material/cancel:] {label}")
                if row.star:
                    render_star(row.star)
                _render_rating(row, saved=state.get(SAVED_ID) is not None)
            entry = key.get(row.number)
            if entry is not None and _has_evidence(row):
                _render_show_why(row, entry, questions.get(row.number))
    render_study_next(report, saved=state.get(SAVED_ID) is not None)


def _has_evidence(row: iv.ReportRow) -> bool:
    return row.rateable and bool(row.answer.strip()) and row.coverage is not None


def _evidence_prefix(position: int) -> str:
    return f"mock_ev_{position}"


def _graded(row: iv.ReportRow, entry: KeyEntry, question: Question | None):
    return grade(row.answer, entry, question.prompt if question else "")


def apply_corrections(
    report: iv.Report, questions: Mapping[int, Question], key: Mapping[int, KeyEntry]
) -> None:
    """The learner's "show why" corrections (toggles `mock_ev_<pos>_ov_<i>`) regrade rows.

    Kept on the row, so hiding the evidence (which drops the toggles) loses nothing."""
    for row in report.rows:
        entry = key.get(row.number)
        prefix = _evidence_prefix(row.position)
        toggles = [toggle_key(prefix, i) for i in range(len(entry.key_points))] if entry else []
        if (
            entry is None
            or not _has_evidence(row)
            or not any(t in st.session_state for t in toggles)
        ):
            continue
        result = _graded(row, entry, questions.get(row.number))
        overrides = overrides_from_state(st.session_state, prefix, entry, result)
        report.correct_grading(row.position, [p.label for p in entry.key_points], overrides)


def _render_show_why(row: iv.ReportRow, entry: KeyEntry, question: Question | None) -> None:
    """'Show why': per key point, the sentence that matched (or "not found"), correctable."""
    if not st.toggle(text.SHOW_WHY, key=f"mock_why_{row.position}", help=text.SHOW_WHY_HELP):
        return
    prefix = _evidence_prefix(row.position)
    result = _graded(row, entry, question)
    for i, point in enumerate(entry.key_points):  # a correction kept while hidden comes back
        name = toggle_key(prefix, i)
        if name not in st.session_state and point.label in row.overrides:
            st.session_state[name] = row.overrides[point.label]
    render_grading_evidence(row.answer, entry, result, key_prefix=prefix)


def _graded_by_ear(row: iv.ReportRow) -> bool:
    return row.rateable and not row.answer.strip() and bool(row.aloud or row.recording)


def _listen_key(position: int, index: int) -> str:
    return f"mock_kp_{position}_{index}"


def apply_listening(report: iv.Report) -> None:
    """The key points ticked while listening (`mock_kp_<pos>_<i>`) grade spoken answers."""
    for row in report.rows:
        if not _graded_by_ear(row):
            continue
        points = row.all_points or [*row.covered, *row.missed]
        names = [_listen_key(row.position, i) for i in range(len(points))]
        if any(name in st.session_state for name in names):
            ticked = [
                p for p, name in zip(points, names, strict=True) if st.session_state.get(name)
            ]
            report.set_listened(row.position, ticked)


def _render_listening_ticks(report: iv.Report, row: iv.ReportRow) -> None:
    """Key points as checkboxes to tick off while listening to the spoken answer."""
    st.markdown(f"**{text.KEY_POINTS_LISTEN}**")
    points = row.all_points or [*row.covered, *row.missed]
    for i, label in enumerate(points):
        name = _listen_key(row.position, i)
        if name not in st.session_state:
            st.session_state[name] = label in row.covered
        detail = label in row.details
        # A narrow column cuts long labels to one line: the tooltip keeps the whole point.
        st.checkbox(
            label + (grading_text.DETAIL_SUFFIX if detail else ""),
            key=name,
            help=f"{label}\n\n{grading_text.DETAIL_HELP}" if detail else label,
        )


def render_star(star: dict[str, dict]) -> None:
    """The STAR parts of a leadership answer, each with the sentence that showed it."""
    found = sum(1 for part in star.values() if part["found"])
    st.markdown(f"**{text.STAR_TITLE.format(found=found, total=len(star))}**")
    for name, part in star.items():
        label = text.STAR_PARTS.get(name, name)
        if part["found"]:
            st.markdown(
                f":green[:material/check_circle:] {label}",
                help=text.STAR_WHERE.format(sentence=part["sentence"]),
            )
        else:
            st.markdown(f":red[:material/cancel:] {label}", help=text.STAR_HINTS.get(name))


def _render_rating(row: iv.ReportRow, saved: bool) -> None:
    """The learner's rating of one row: the suggestion is offered, never assumed."""
    if not row.rateable:
        status = text.STATUS.get(row.status, row.status)
        st.caption(text.NOT_A_REVIEW.format(status=status.capitalize()))
        return
    if saved:
        # Saved: plain text, not a disabled select (toggling `disabled` can reset a widget
        # in the browser, which would change the shown rating).
        if row.self_rating:
            st.markdown(text.RATED.format(rating=text.RATING_LABELS[row.self_rating]))
        else:
            st.markdown(text.LEFT_UNRATED)
        return
    name = rating_key(row.position)
    if name not in st.session_state:  # via session state, not index=, so callbacks can set it
        st.session_state[name] = row.self_rating
    st.selectbox(
        text.RATE,
        [None, *text.RATING_LABELS],
        format_func=_rating_label,
        key=name,
        help=text.RATE_HELP,
        placeholder=text.UNRATED,  # None shows the placeholder, not format_func(None)
    )
    suggestion = row.suggested_rating
    if suggestion is None:
        return
    label = text.RATING_LABELS[suggestion]
    why = text.SUGGESTED_TIMED_OUT if row.status == iv.TIMED_OUT else ""
    st.caption(text.SUGGESTED.format(rating=label, why=why))
    if row.self_rating is None:
        st.button(
            text.ACCEPT_ONE.format(rating=label),
            key=f"mock_accept_{row.position}",
            on_click=_accept_suggestion,
            args=(row.position, suggestion),
            icon=":material/check:",
            width="stretch",
        )


def render_study_next(report: iv.Report, saved: bool) -> None:
    """'Study these next': the worst questions, and one click to self-quiz them."""
    st.subheader(text.STUDY_NEXT, anchor=False)
    rows = iv.study_next(report)
    if not rows:
        st.caption(text.STUDY_NOTHING)
        return
    for row in rows:
        st.markdown(text.STUDY_ROW.format(number=row.number, title=row.title, why=_why_weak(row)))
    if not saved:
        st.caption(text.STUDY_SAVE_FIRST)
    if st.button(
        text.STUDY_START.format(n=len(rows)),
        type="primary",
        key="mock_study_next",
        icon=":material/school:",
    ):
        start_quiz([row.number for row in rows], STUDY_MODE)
        st.switch_page(QUIZ_PAGE)


def _why_weak(row: iv.ReportRow) -> str:
    if row.status == iv.SKIPPED:
        return text.WHY_SKIPPED
    rating = row.self_rating or row.suggested_rating or "again"
    why = (text.WHY_RATED if row.self_rating else text.WHY_SUGGESTED).format(
        rating=text.RATING_LABELS[rating]
    )
    if row.coverage is not None:
        total = len(row.covered) + len(row.missed)
        why += text.WHY_POINTS.format(covered=len(row.covered), total=total)
    return why


def _render_actions(report: iv.Report, store: ProgressStore) -> None:
    """Save to progress, download the Markdown, start again (with the save outcome)."""
    state = st.session_state
    message = state.pop("mock_saved_message", None)
    if message:
        st.success(message)
    error = state.pop("mock_save_error", None)
    if error:
        st.error(error)
    saved = state.get(SAVED_ID) is not None
    unrated = report.unrated
    if not saved:
        if unrated:
            st.info(text.UNRATED_NOTE.format(n=len(unrated)), icon=":material/rate_review:")
        st.button(
            text.ACCEPT_ALL,
            key="mock_accept_all",
            on_click=_accept_all,
            args=(report,),
            disabled=not any(report.rows[p - 1].suggested_rating for p in unrated),
            help=text.ACCEPT_ALL_HELP,
            icon=":material/done_all:",
        )
    b1, b2, b3 = st.columns(3)
    b1.button(
        text.ALREADY_SAVED if saved else text.SAVE,
        type="primary",
        key="mock_save",
        on_click=_save,
        args=(report, store),
        disabled=saved,
        help=text.SAVE_HELP,
        icon=":material/save:",
        width="stretch",
    )
    b2.download_button(
        text.DOWNLOAD,
        data=iv.report_markdown(report, text.MD_TITLE),
        file_name=f"mock-interview-{report.started_at[:19].replace(':', '')}.md",
        mime="text/markdown",
        key="mock_download",
        icon=":material/download:",
        width="stretch",
    )
    b3.button(
        text.NEW, key="mock_new", on_click=_new_interview, icon=":material/replay:", width="stretch"
    )
