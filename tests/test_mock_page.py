"""AppTest of the Mock interview page: setup -> answer -> next -> report -> save.

Fragments do not tick under AppTest, so time is driven through the state machine: an
interview whose deadline already passed is put in session state and the page run applies it.
"""

from __future__ import annotations

import time

import pytest

from simulacro import interview as iv
from simulacro.bank import load_bank
from simulacro.store import ProgressStore
from ui import mock_widgets as mw

PAGE = "pages/mock_interview.py"


@pytest.fixture
def page(app_test):
    at = app_test()
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def start_custom(at, n: int = 3, seconds: int = 180, seed: int = 42, **extra):
    at.radio(key="mock_preset").set_value("custom").run()
    at.number_input(key="mock_n").set_value(n)
    at.number_input(key="mock_seconds").set_value(seconds)
    at.number_input(key="mock_seed").set_value(seed)
    for name, value in extra.items():
        at.number_input(key=name).set_value(value)
    at.run()
    assert not at.exception
    at.button(key="mock_start").click().run()
    assert not at.exception
    return at.session_state[mw.INTERVIEW]


def test_setup_shows_presets_and_a_summary(page):
    assert page.radio(key="mock_preset").value == "loop"
    assert list(page.radio(key="mock_preset").options) == [
        "Lead/Senior loop",
        "Project deep dive: BankChurn",
        "Project deep dive: CarVision",
        "Project deep dive: TelecomAI",
        "Rapid fire",
        "Custom",
    ]
    assert any("8 questions" in m.value and "45:00" in m.value for m in page.markdown)
    page.radio(key="mock_preset").set_value("rapid").run()
    assert any("10 questions" in m.value and "01:30" in m.value for m in page.markdown)


def test_setup_answer_next_skip_end_report_and_save(page):
    interview = start_custom(page, n=3, seconds=180, seed=42)
    bank = load_bank()
    expected = [q.number for q in iv.draw(bank.questions, 3, seed=42)]
    assert [r.number for r in interview.runs] == expected  # the seed reproduces the draw
    first = bank.by_number[expected[0]]
    assert page.subheader[0].value == first.title
    assert any("Question 1 of 3" in c for c in captions(page))
    assert page.markdown[0].value.startswith("# :blue[03:")  # the large countdown

    page.text_area(key="mock_answer_0_main").input("Mi respuesta a la primera").run()
    page.button(key="mock_next").click().run()
    assert not page.exception
    assert any("Question 2 of 3" in c for c in captions(page))
    assert page.subheader[0].value == bank.by_number[expected[1]].title

    page.button(key="mock_skip").click().run()
    assert any("Question 3 of 3" in c for c in captions(page))
    page.text_area(key="mock_answer_2_main").input("a medias").run()
    page.button(key="mock_end").click().run()
    assert not page.exception

    report = page.session_state[mw.REPORT]
    assert [r.status for r in report.rows] == [iv.ANSWERED, iv.SKIPPED, iv.ANSWERED]
    assert report.rows[0].answer == "Mi respuesta a la primera"
    assert report.rows[2].answer == "a medias"
    metrics = {m.label: m.value for m in page.metric}
    assert metrics["Answered"] == "2/3"
    assert metrics["Skipped"] == "1"
    table = page.dataframe[0].value  # the only table on the report
    assert list(table["Status"]) == ["answered", "skipped", "answered"]

    page.selectbox(key="mock_rating_1").set_value("hard").run()
    assert report.rows[0].self_rating == "hard"
    page.button(key="mock_save").click().run()
    assert not page.exception
    assert any("Saved" in s.value and "1 question(s) left unrated" in s.value for s in page.success)
    assert page.button(key="mock_save").disabled  # saved once, not twice
    assert any("**Self-rating:** Hard (saved)" in m.value for m in page.markdown)
    assert report.rows[0].self_rating == "hard"

    store = ProgressStore.open()
    sessions = store.mock_sessions()
    assert len(sessions) == 1 and sessions[0]["totals"]["answered"] == 2
    reviews = store.reviews()
    assert [r.number for r in reviews] == [expected[0]]  # 3 was answered but never rated
    assert {r.number: r.rating for r in reviews}[expected[0]] == "hard"
    assert store.card(expected[0]) is not None  # the spaced-repetition card was fed
    assert store.card(expected[1]) is None  # skipped: not a review

    page.button(key="mock_new").click().run()
    assert mw.INTERVIEW not in page.session_state
    assert page.button(key="mock_start")


def test_a_passed_deadline_moves_on_once_and_keeps_the_typed_text(page):
    """What the fragment does every second, applied by a page run: one timeout, text kept."""
    config = iv.custom(n_questions=3, seconds_per_question=60)
    started = time.time() - 61  # the first question's minute is over
    page.session_state[mw.INTERVIEW] = iv.Interview.start(config, [41, 58, 96], now=started)
    page.session_state["mock_answer_0_main"] = "umbral 0.3 y 0.7"
    page.run()
    assert not page.exception
    interview = page.session_state[mw.INTERVIEW]
    assert [r.status for r in interview.runs] == [iv.TIMED_OUT, iv.ACTIVE, iv.PENDING]
    assert interview.runs[0].answer == "umbral 0.3 y 0.7"
    assert any("Question 2 of 3" in c for c in captions(page))
    for _ in range(5):  # a burst of reruns within the new deadline changes nothing
        page.run()
    assert interview.index == 1 and interview.auto_advances == 1


def test_pause_and_resume_buttons(page):
    start_custom(page, n=2, seconds=60)
    page.button(key="mock_pause").click().run()
    interview = page.session_state[mw.INTERVIEW]
    assert interview.paused
    assert page.info and "Paused" in page.info[0].value
    assert not page.text_area(key="mock_answer_0_main").disabled  # see render_interview
    assert page.button(key="mock_next").disabled
    assert page.markdown[0].value.startswith("# :gray[")
    page.button(key="mock_pause").click().run()
    assert not interview.paused and interview.paused_s >= 0


def test_follow_up_phase_from_the_answer_key(page):
    page.radio(key="mock_preset").set_value("custom").run()
    page.checkbox(key="mock_follow_ups").check().run()
    page.number_input(key="mock_n").set_value(1)
    page.number_input(key="mock_seed").set_value(7).run()
    page.button(key="mock_start").click().run()
    interview = page.session_state[mw.INTERVIEW]
    assert interview.runs[0].follow_up  # every question has follow-ups in answers.yaml
    page.text_area(key="mock_answer_0_main").input("respuesta").run()
    page.button(key="mock_next").click().run()
    assert interview.phase == iv.FOLLOW_UP
    assert page.subheader[0].value == interview.runs[0].follow_up
    page.text_area(key="mock_answer_0_follow_up").input("seguimiento").run()
    page.button(key="mock_next").click().run()
    report = page.session_state[mw.REPORT]
    assert report.rows[0].follow_up_status == iv.ANSWERED
    assert report.rows[0].follow_up_answer == "seguimiento"


def test_bad_custom_settings_show_a_clear_message(page):
    page.radio(key="mock_preset").set_value("custom").run()
    page.number_input(key="mock_seconds").set_value(600)
    page.number_input(key="mock_total_min").set_value(1)
    page.run()
    assert page.error and "total time" in page.error[0].value
    assert page.button(key="mock_start").disabled


def test_progress_page_shows_the_saved_history(app_test):
    store = ProgressStore.open()
    config = iv.custom(n_questions=2, seconds_per_question=60)
    for answer in ("umbral", "umbral 0.3 0.7 contacto proactivo"):
        interview = iv.Interview.start(config, [41, 42], now=1000.0)
        interview.next(answer, now=1030.0)
        interview.end(now=1040.0)
        store.save_mock_session(iv.build_report(interview, {}, {}).to_dict())
    store.save_mock_session({"totals": "garbage"})  # e.g. a hand-edited import
    at = app_test()
    at.run()
    at.switch_page("pages/progress.py").run()
    assert not at.exception
    tables = [d.value for d in at.dataframe if "Time used / budget" in d.value.columns]
    assert len(tables) == 1 and len(tables[0]) == 2
    assert any("could not be read" in w.value for w in at.warning)


def test_a_tick_reruns_only_the_clock_fragment():
    """The bench's fragment-scoped runs: the page body never runs, the fragment always does."""
    from tools.mock_bench import measure

    figures = measure(ticks=3)
    assert figures["fragment_ids"] == 1
    assert figures["fragment_runs"] == 3
    assert figures["page_runs_during_ticks"] == 0
    assert figures["elements_drawn_by_tick"] == 2  # the two countdowns, nothing else
    assert figures["tick_body_ms"] > 0


def test_leaving_the_page_and_coming_back_keeps_the_interview_and_the_typed_text(page):
    interview = start_custom(page, n=2, seconds=300)
    page.text_area(key="mock_answer_0_main").input("lo que llevaba escrito").run()
    deadline = interview.question_deadline
    page.switch_page("pages/browse.py").run()
    page.switch_page(PAGE).run()
    assert not page.exception
    assert page.session_state[mw.INTERVIEW] is interview
    assert interview.question_deadline == deadline  # stored deadline: no drift, no restart
    assert page.text_area(key="mock_answer_0_main").value == "lo que llevaba escrito"
    page.button(key="mock_next").click().run()
    assert interview.runs[0].answer == "lo que llevaba escrito"


def test_weak_first_draws_the_questions_the_learner_failed(page):
    store = ProgressStore.open()
    for number in (3, 11):  # two Fundamentos questions rated Again
        store.record_review(number, "again", 30.0)
    store.record_review(5, "easy", 10.0)
    page.radio(key="mock_preset").set_value("custom").run()
    page.multiselect(key="mock_sections").set_value(["Fundamentos de ML"])
    page.toggle(key="mock_weak_first").set_value(True)
    page.number_input(key="mock_n").set_value(2).run()
    page.button(key="mock_start").click().run()
    assert not page.exception
    interview = page.session_state[mw.INTERVIEW]
    assert sorted(r.number for r in interview.runs) == [3, 11]


def test_the_last_30_seconds_turn_the_countdown_red(page):
    start_custom(page, n=1, seconds=30)
    assert page.markdown[0].value.startswith("# :red[00:")
    assert any("Last 30 seconds" in c for c in captions(page))


def test_a_timeout_shows_a_notice_on_the_next_question_until_the_learner_moves_on(page):
    config = iv.custom(n_questions=3, seconds_per_question=60)
    page.session_state[mw.INTERVIEW] = iv.Interview.start(
        config, [41, 58, 96], now=time.time() - 61
    )
    page.session_state["mock_answer_0_main"] = "lo que había escrito"
    page.run()
    assert not page.exception
    assert [w.value for w in page.warning] == ["Time ran out on question 1 — your answer was kept."]
    page.run()  # a rerun (e.g. the clock's) keeps it visible
    assert page.warning and "question 1" in page.warning[0].value
    page.button(key="mock_skip").click().run()
    assert not [w for w in page.warning if "Time ran out" in w.value]
    page.button(key="mock_end").click().run()
    report = page.session_state[mw.REPORT]
    assert [r.status for r in report.rows] == [iv.TIMED_OUT, iv.SKIPPED, iv.SKIPPED]
    assert report.rows[0].answer == "lo que había escrito"
    assert list(page.dataframe[0].value["Status"])[0] == "timed out"
    assert any("Time ran out on this question" in w.value for w in page.warning)
    assert not [w for w in page.warning if "Time ran out on question" in w.value]


def test_a_timeout_with_nothing_typed_says_nothing_was_typed_and_the_report_says_it_too(page):
    config = iv.custom(n_questions=1, seconds_per_question=30)
    page.session_state[mw.INTERVIEW] = iv.Interview.start(config, [41], now=time.time() - 31)
    page.run()
    assert not page.exception
    assert "Time ran out on question 1 — nothing had been typed." in [w.value for w in page.warning]
    assert page.session_state[mw.REPORT].rows[0].status == iv.TIMED_OUT


def test_the_follow_up_probes_the_key_point_the_answer_missed(page):
    from simulacro.answer_key import load_answer_key

    page.radio(key="mock_preset").set_value("custom").run()
    page.checkbox(key="mock_follow_ups").check().run()
    page.number_input(key="mock_n").set_value(1)
    page.number_input(key="mock_seed").set_value(5).run()
    page.button(key="mock_start").click().run()
    interview = page.session_state[mw.INTERVIEW]
    entry = load_answer_key().entries[interview.runs[0].number]
    first = entry.key_points[0]
    others = " . ".join(p.phrases[0] for p in entry.key_points[1:])  # all but the first
    page.text_area(key="mock_answer_0_main").input(others).run()
    page.button(key="mock_next").click().run()
    assert not page.exception
    assert any("probes what your answer left out" in m.value for m in page.markdown)
    assert first.label in page.subheader[0].value
    page.text_area(key="mock_answer_0_follow_up").input(first.phrases[0]).run()
    page.button(key="mock_next").click().run()
    row = page.session_state[mw.REPORT].rows[0]
    assert (row.follow_up_target, row.follow_up_covered) == (first.label, True)
    assert any("now covered" in c.value for c in page.caption)


def test_a_leadership_answer_gets_a_star_structure_check_in_the_report(page):
    config = iv.custom(n_questions=2, seconds_per_question=60)
    now = time.time()
    interview = iv.Interview.start(config, [110, 41], now=now - 50)
    interview.next(
        "En mi anterior empresa había mucha deuda técnica. Mi tarea era negociar tiempo. "
        "Propuse reservar parte del sprint.",
        now=now - 40,
    )
    interview.next("umbral", now=now - 30)
    page.session_state[mw.INTERVIEW] = interview
    page.run()
    assert not page.exception
    star, plain = page.session_state[mw.REPORT].rows
    assert plain.star is None  # not a Liderazgo question
    assert [name for name, part in star.star.items() if not part["found"]] == ["result", "impact"]
    shown = [m.value for m in page.markdown]
    assert "**STAR structure (3/5)**" in shown
    assert any("Result: how it ended" in m and ":red[" in m for m in shown)
    assert any("Action: what you did" in m and ":green[" in m for m in shown)
