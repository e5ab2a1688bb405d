"""The mock-interview state machine, draw and report, driven by a fake clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulacro import interview as iv
from simulacro.answer_key import KeyEntry, KeyPoint
from simulacro.grading import RATINGS
from simulacro.model import SECTIONS, Question

T0 = 1_800_000_000.0  # an arbitrary wall-clock start (epoch seconds)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: float = T0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now


def make_bank(per_section: int = 5) -> list[Question]:
    questions = []
    number = 1
    for section in SECTIONS:
        for _ in range(per_section):
            questions.append(Question(number, section, f"T{number}", f"P{number}", f"A{number}"))
            number += 1
    return questions


KEY = {
    1: KeyEntry(
        1,
        (
            KeyPoint("Umbrales", ("umbral", "threshold")),
            KeyPoint("Calibracion", ("calibracion",)),
            KeyPoint("Coste de negocio", ("coste de negocio", "business cost")),
            KeyPoint("Monitoreo", ("monitoreo continuo", "monitoring in production")),
        ),
        ("¿Y si cambia el coste?",),
    ),
    2: KeyEntry(
        2,
        (KeyPoint("Leakage", ("leakage",)), KeyPoint("Split", ("split",)), KeyPoint("CV", ("cv",))),
        ("¿Cómo lo detectas?",),
    ),
}


def start(n: int = 3, seconds: int = 10, follow_ups: dict[int, str] | None = None, **kw):
    clock = FakeClock()
    config = iv.custom(
        n_questions=n,
        seconds_per_question=seconds,
        follow_ups=bool(follow_ups),
        follow_up_seconds=kw.pop("follow_up_seconds", 5),
        **kw,
    )
    interview = iv.Interview.start(config, list(range(1, n + 1)), follow_ups, clock=clock)
    return interview, clock


# ------------------------------------------------------------------------- auto-advance
def test_auto_advance_happens_once_at_the_deadline_and_keeps_the_typed_text():
    interview, clock = start()
    interview.set_answer("uso un umbral")
    clock.advance(9.9)
    assert interview.tick() is False
    assert interview.index == 0
    assert interview.question_remaining() == pytest.approx(0.1)
    clock.advance(0.1)  # exactly at the deadline
    assert interview.tick(answer="uso un umbral y calibracion") is True
    assert interview.index == 1
    first = interview.runs[0]
    assert first.status == iv.TIMED_OUT
    assert first.answer == "uso un umbral y calibracion"
    assert first.used_s == pytest.approx(10.0)
    # the next question starts now with its full budget
    assert interview.runs[1].status == iv.ACTIVE
    assert interview.question_remaining() == pytest.approx(10.0)
    assert interview.tick() is False
    assert interview.auto_advances == 1


def test_rerun_storm_of_100_ticks_does_not_skip_questions():
    interview, clock = start(n=3, seconds=10)
    clock.advance(10)
    changes = [interview.tick(clock.now + i * 0.01) for i in range(100)]
    assert changes.count(True) == 1
    assert [r.status for r in interview.runs] == [iv.TIMED_OUT, iv.ACTIVE, iv.PENDING]


def test_a_late_tick_after_a_long_absence_moves_on_only_one_question():
    """Away from the page for 10 budgets: one timeout, the next question gets its full time."""
    interview, clock = start(n=3, seconds=10, total_seconds=600)
    clock.advance(100)
    assert interview.tick() is True
    assert [r.status for r in interview.runs] == [iv.TIMED_OUT, iv.ACTIVE, iv.PENDING]
    assert interview.runs[0].used_s == pytest.approx(10.0)  # clamped to the budget
    assert interview.question_remaining() == pytest.approx(10.0)


def test_the_last_timeout_ends_the_interview():
    interview, clock = start(n=2, seconds=10)
    clock.advance(10)
    assert interview.tick()
    clock.advance(10)
    assert interview.tick()
    assert interview.finished and interview.end_reason == iv.END_COMPLETED
    assert [r.status for r in interview.runs] == [iv.TIMED_OUT, iv.TIMED_OUT]
    assert interview.tick(clock.advance(10)) is False


def test_total_time_up_ends_the_interview_and_marks_the_rest_not_reached():
    interview, clock = start(n=4, seconds=60, total_seconds=90)
    clock.advance(30)
    interview.next("respuesta uno")
    assert interview.question_remaining() == pytest.approx(60)
    clock.advance(59)
    interview.next("dos")
    # 89 s gone: the third question is cut to the 1 s the interview has left
    assert interview.question_remaining() == pytest.approx(1)
    clock.advance(1)
    assert interview.tick(answer="tres a medias") is True
    assert interview.finished and interview.end_reason == iv.END_TIME_UP
    assert [r.status for r in interview.runs] == [
        iv.ANSWERED,
        iv.ANSWERED,
        iv.TIMED_OUT,
        iv.NOT_REACHED,
    ]
    assert interview.runs[2].answer == "tres a medias"


# ------------------------------------------------------------------------- pause / resume
def test_pause_freezes_both_clocks_and_resume_continues():
    interview, clock = start(n=2, seconds=10, total_seconds=100)
    clock.advance(3)
    interview.pause()
    assert interview.paused
    clock.advance(500)  # a long pause
    assert interview.question_remaining() == pytest.approx(7)
    assert interview.total_remaining() == pytest.approx(97)
    assert interview.tick() is False  # no timeout while paused
    interview.resume()
    assert interview.question_remaining() == pytest.approx(7)
    assert interview.total_remaining() == pytest.approx(97)
    clock.advance(6.9)
    assert interview.tick() is False
    clock.advance(0.1)
    assert interview.tick() is True
    assert interview.runs[0].used_s == pytest.approx(10)  # the pause is not time used
    assert interview.paused_s == pytest.approx(500)


def test_next_while_paused_counts_only_active_time():
    interview, clock = start()
    clock.advance(4)
    interview.pause()
    clock.advance(60)
    interview.next("algo")
    assert interview.runs[0].used_s == pytest.approx(4)
    assert interview.question_remaining() == pytest.approx(10)


# ------------------------------------------------------------------------- next / skip / follow-up
def test_next_skip_and_follow_up_phase_with_its_own_timer():
    interview, clock = start(n=3, seconds=10, follow_ups={1: "¿Y si cambia el coste?"})
    clock.advance(4)
    interview.next("umbral y coste", aloud=False)
    assert interview.phase == iv.FOLLOW_UP and interview.index == 0
    assert interview.runs[0].follow_up_status == iv.ACTIVE
    assert interview.question_remaining() == pytest.approx(5)  # follow-up time
    clock.advance(5)
    assert interview.tick(answer="recalibro el umbral") is True
    assert interview.runs[0].follow_up_status == iv.TIMED_OUT
    assert interview.runs[0].follow_up_answer == "recalibro el umbral"
    assert interview.runs[0].follow_up_used_s == pytest.approx(5)
    assert (interview.index, interview.phase) == (1, iv.MAIN)
    interview.skip(clock.advance(2))
    assert interview.runs[1].status == iv.SKIPPED
    assert interview.runs[1].used_s == pytest.approx(2)
    assert interview.index == 2


def test_skip_or_timeout_drops_the_follow_up():
    interview, clock = start(n=2, seconds=10, follow_ups={1: "f1", 2: "f2"})
    interview.skip(clock.advance(1))
    assert interview.runs[0].follow_up_status == iv.NOT_REACHED
    clock.advance(10)
    interview.tick()
    assert interview.runs[1].follow_up_status == iv.NOT_REACHED
    assert interview.finished


def test_next_after_the_deadline_counts_as_the_timeout_not_an_answer():
    """A click that arrives after the deadline must not also move past the next question."""
    interview, clock = start(n=3, seconds=10)
    clock.advance(12)
    interview.next("tarde")
    assert [r.status for r in interview.runs] == [iv.TIMED_OUT, iv.ACTIVE, iv.PENDING]
    assert interview.runs[0].answer == "tarde"


# ------------------------------------------------------------------------- end and report
def test_end_produces_a_report_with_grading_timing_and_totals():
    interview, clock = start(n=3, seconds=10)
    clock.advance(6)
    interview.next("Elijo el umbral segun el coste de negocio y reviso la calibracion")
    clock.advance(3)
    interview.end(answer="hay leakage")
    assert interview.finished and interview.end_reason == iv.END_BY_USER
    questions = {q.number: q for q in make_bank()}
    report = iv.build_report(interview, questions, KEY)
    first, second, third = report.rows
    assert (first.status, first.used_s, first.budget_s) == (iv.ANSWERED, 6.0, 10.0)
    assert first.covered == ["Umbrales", "Calibracion", "Coste de negocio"]
    assert first.missed == ["Monitoreo"]
    assert first.coverage == pytest.approx(0.75)
    assert first.suggested_rating == "good" and first.self_rating is None  # only suggested
    assert second.status == iv.ANSWERED and second.covered == ["Leakage"]
    assert third.status == iv.NOT_REACHED and third.coverage is None
    totals = report.totals
    assert totals["answered"] == 2 and totals["not_reached"] == 1
    assert totals["time_used_s"] == pytest.approx(9.0)
    assert totals["mean_coverage"] == pytest.approx((0.75 + 1 / 3) / 2, abs=1e-3)
    data = report.to_dict()
    assert data["totals"] == totals and data["rows"][0]["number"] == 1
    with pytest.raises(ValueError):
        interview.next("again")


def test_report_of_a_running_interview_is_refused():
    interview, _ = start()
    with pytest.raises(ValueError, match="still running"):
        iv.build_report(interview, {}, {})


def test_timed_out_question_suggests_one_rating_lower_and_feeds_reviews():
    interview, clock = start(n=3, seconds=10)
    full = "umbral calibracion coste de negocio monitoreo continuo"
    clock.advance(10)
    interview.tick(answer=full)  # every key point, but out of time
    interview.next(full, now=clock.advance(2))
    interview.skip(clock.advance(1))
    report = iv.build_report(interview, {}, KEY)
    assert report.rows[0].coverage == 1.0
    assert report.rows[0].suggested_rating == "good"  # easy, one step down for the timeout
    assert report.rows[1].suggested_rating == "again"  # key of 2: nothing matched
    assert report.reviews() == []  # suggestions nobody confirmed are not reviews
    assert report.unrated == [1, 2]
    report.set_rating(2, "hard")
    assert [(r["number"], r["rating"]) for r in report.reviews()] == [(2, "hard")]
    assert report.accept_suggestions() == [1]  # the learner's "hard" on 2 stays
    reviews = report.reviews()
    assert [(r["number"], r["rating"]) for r in reviews] == [(1, "good"), (2, "hard")]
    assert reviews[0]["covered"] == ["Umbrales", "Calibracion", "Coste de negocio", "Monitoreo"]
    assert report.unrated == []
    with pytest.raises(ValueError):
        report.set_rating(1, "great")
    with pytest.raises(ValueError, match="skipped question cannot be rated"):
        report.set_rating(3, "good")
    report.set_rating(1, None)  # un-rating is allowed: back to not a review
    assert [r["number"] for r in report.reviews()] == [2]


@settings(max_examples=60, deadline=None)
@given(
    statuses=st.lists(st.sampled_from(["next", "skip", "tick"]), min_size=1, max_size=6),
    ratings=st.lists(st.sampled_from([None, *RATINGS]), min_size=6, max_size=6),
    accept=st.booleans(),
)
def test_reviews_are_exactly_the_confirmed_ratings_of_recalled_questions(statuses, ratings, accept):
    """Whatever happened and whatever was rated: reviews = rated rows answered/timed out."""
    interview, clock = start(n=len(statuses), seconds=10)
    for action in statuses:
        if interview.finished:
            break
        if action == "next":
            interview.next("umbral", now=clock.advance(2))
        elif action == "skip":
            interview.skip(clock.advance(1))
        else:
            interview.tick(now=clock.advance(11), answer="coste")
    if not interview.finished:
        interview.end(now=clock.advance(1))
    report = iv.build_report(interview, {}, KEY)
    for row, rating in zip(report.rows, ratings, strict=False):
        if row.rateable:
            report.set_rating(row.position, rating)
    if accept:
        report.accept_suggestions()
    expected = [r.number for r in report.rows if r.rateable and r.self_rating is not None]
    assert [r["number"] for r in report.reviews()] == expected
    assert all(r.status in (iv.ANSWERED, iv.TIMED_OUT) for r in report.rows if r.self_rating)
    assert len(report.unrated) + len(expected) == sum(r.rateable for r in report.rows)


def test_answered_aloud_is_answered_without_text():
    interview, clock = start(n=1, seconds=10)
    interview.next("", aloud=True, now=clock.advance(5))
    report = iv.build_report(interview, {}, KEY)
    assert report.rows[0].status == iv.ANSWERED and report.rows[0].aloud
    assert report.rows[0].suggested_rating == "good"


def test_markdown_export():
    interview, clock = start(n=2, seconds=10, follow_ups={1: "¿Y si cambia el coste?"})
    interview.next("umbral | coste de negocio\nsegunda linea", now=clock.advance(4))
    interview.next("recalibro", now=clock.advance(2))
    interview.skip(clock.advance(1))
    questions = {q.number: q for q in make_bank()}
    md = iv.report_markdown(iv.build_report(interview, questions, KEY))
    assert md.startswith("# Mock interview report\n")
    assert "| 1 | 1. T1 | answered | 00:04 / 00:10 | 2/4 | unrated (suggested hard) |" in md
    assert "| 2 | 2. T2 | skipped | 00:01 / 00:10 | - | - |" in md
    assert "> umbral | coste de negocio\n> segunda linea" in md
    assert "- [x] Umbrales" in md and "- [ ] Monitoreo" in md
    assert "Follow-up (answered): ¿Y si cambia el coste?" in md
    assert "> recalibro" in md
    assert "Time used: 00:07 of 00:25 budgeted" in md  # 2 x 10 s + the 5 s follow-up


# ------------------------------------------------------------------------- draw
def test_draw_is_reproducible_with_a_seed_and_mixes_sections():
    bank = make_bank()
    first = iv.draw(bank, 8, seed=7)
    assert [q.number for q in first] == [q.number for q in iv.draw(list(reversed(bank)), 8, seed=7)]
    assert len({q.section for q in first}) == 8  # 8 questions from 8 different sections
    ranks = [SECTIONS.index(q.section) for q in first]
    assert ranks == sorted(ranks)  # interview order: fundamentals first, leadership last
    others = {tuple(q.number for q in iv.draw(bank, 8, seed=s)) for s in range(10)}
    assert len(others) > 1  # the seed matters
    every = iv.draw(bank, 20, seed=3)
    per_section = {s: sum(q.section == s for q in every) for s in SECTIONS}
    assert set(per_section.values()) == {2}  # 20 from 10 sections: two each


def test_draw_prefers_weak_questions_when_asked():
    bank = make_bank()
    weak = {3: 0.9, 12: 0.8, 27: 0.95, 44: 0.7}  # four weak spots in four sections
    weakness = {q.number: 0.1 for q in bank} | weak
    for seed in range(5):
        drawn = {q.number for q in iv.draw(bank, 4, seed=seed, weakness=weakness, weak_first=True)}
        assert drawn == set(weak)
    plain = [{q.number for q in iv.draw(bank, 4, seed=s, weakness=weakness)} for s in range(5)]
    assert any(d != set(weak) for d in plain)  # without the flag the weakness is ignored


def test_deep_dive_pool_and_sections_filter():
    bank = make_bank() + [
        Question(200, "MLOps y ciclo de vida", "x", "p", "a", project="bankchurn"),
    ]
    pool = iv.candidate_pool(bank, iv.PRESETS["deep_bankchurn"])
    assert {q.section for q in pool} == {"BankChurn-Predictor", "MLOps y ciclo de vida"}
    assert 200 in {q.number for q in pool}
    custom = iv.custom(sections=["Liderazgo"], n_questions=3)
    assert {q.section for q in iv.candidate_pool(bank, custom)} == {"Liderazgo"}


def test_weakness_scores_from_fsrs_cards():
    from simulacro import scheduling

    now = datetime(2026, 1, 10, tzinfo=UTC)
    past = now - timedelta(days=30)
    forgotten = scheduling.apply_review(scheduling.new_card(1, past), "again", past)
    fresh = scheduling.apply_review(scheduling.new_card(2, now), "easy", now)
    just_failed = scheduling.apply_review(scheduling.new_card(4, now), "again", now)
    scores = iv.weakness_scores(
        {1: forgotten, 2: fresh, 4: just_failed}, {1: 2, 4: 1}, now, numbers=[1, 2, 3, 4]
    )
    assert scores[1] > scores[3] == 0.5 > scores[2]
    assert scores[4] > 0.5  # failed a minute ago: FSRS still predicts recall, still weak
    assert all(0 <= v <= 1 for v in scores.values())


# ------------------------------------------------------------------------- config and helpers
def test_presets_are_valid_and_fit_their_total_time():
    for name, config in iv.PRESETS.items():
        config.validate()
        per = config.seconds_per_question + (config.follow_up_seconds if config.follow_ups else 0)
        assert per * config.n_questions <= config.total_seconds, name
    assert iv.PRESETS["rapid"].n_questions == 10 and iv.PRESETS["rapid"].seconds_per_question == 90


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"seconds_per_question": 4}, "time per question"),
        ({"n_questions": 0}, "number of questions"),
        ({"seconds_per_question": 60, "total_seconds": 30}, "total time"),
        ({"sections": ["Nope"]}, "sections"),
        ({"follow_ups": True, "follow_up_seconds": 1}, "follow-up time"),
    ],
)
def test_custom_config_rejects_bad_values_with_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        iv.custom(**kwargs)


def test_five_second_questions_are_allowed():
    config = iv.custom(n_questions=2, seconds_per_question=5)
    assert config.total_seconds == 10


def test_format_clock_and_warning_zone():
    assert iv.format_clock(0) == "00:00"
    assert iv.format_clock(0.2) == "00:01"  # rounds up: 00:00 only when time is over
    assert iv.format_clock(90) == "01:30"
    assert iv.format_clock(3725) == "1:02:05"
    assert iv.warning_zone(30) and not iv.warning_zone(31)


# ------------------------------------------------------------------------- timeout notice
def test_a_timeout_leaves_a_notice_until_the_learner_moves_on():
    interview, clock = start(n=3, seconds=10)
    assert interview.timeout_notice() is None
    clock.advance(10)
    assert interview.tick(answer="lo escrito")
    notice = interview.timeout_notice()
    assert (notice.position, notice.phase, notice.kept) == (1, iv.MAIN, True)
    for _ in range(5):  # reruns on the new question keep showing it
        interview.tick(clock.advance(1))
        assert interview.timeout_notice() == notice
    interview.next("respuesta", now=clock.advance(1))
    assert interview.timeout_notice() is None  # the learner moved on: the notice is gone
    assert interview.runs[0].status == iv.TIMED_OUT and interview.runs[0].answer == "lo escrito"


def test_a_timeout_with_nothing_typed_says_so_and_a_follow_up_timeout_is_told_apart():
    interview, clock = start(n=2, seconds=10, follow_ups={1: "¿Y si cambia el coste?"})
    interview.next("umbral", now=clock.advance(2))
    assert interview.phase == iv.FOLLOW_UP
    interview.tick(clock.advance(interview.config.follow_up_seconds))
    notice = interview.timeout_notice()
    assert (notice.position, notice.phase, notice.kept) == (1, iv.FOLLOW_UP, False)
    assert interview.index == 1 and interview.phase == iv.MAIN


def test_a_timeout_that_ends_the_interview_is_shown_on_the_report_only():
    interview, clock = start(n=1, seconds=10)
    interview.tick(clock.advance(11), answer="a medias")
    assert interview.finished and interview.timeout_notice().position == 1
    earlier, clock = start(n=2, seconds=10)
    earlier.tick(clock.advance(10))  # question 1 ran out ...
    earlier.next("fin", now=clock.advance(1))  # ... but the learner finished question 2
    assert earlier.finished and earlier.timeout_notice() is None


# ------------------------------------------------------------------------- study next
def test_study_next_lists_the_worst_questions_worst_first():
    interview, clock = start(n=5, seconds=10)
    interview.next("umbral calibracion coste de negocio monitoreo continuo", now=clock.advance(2))
    interview.next("nada que ver", now=clock.advance(2))  # 2: nothing covered -> again
    interview.skip(clock.advance(1))  # 3: skipped
    interview.next("algo", now=clock.advance(2))  # 4: no key -> good
    interview.end(now=clock.advance(1))  # 5: ended with nothing typed -> skipped
    report = iv.build_report(interview, {}, KEY)
    assert [r.number for r in iv.study_next(report)] == [3, 5, 2]
    report.set_rating(1, "hard")  # the learner's own rating wins over "easy"
    report.set_rating(2, "good")
    assert [r.number for r in iv.study_next(report)] == [3, 5, 1]
    assert [r.number for r in iv.study_next(report, limit=1)] == [3]


def test_study_next_leaves_out_unreached_and_good_questions():
    interview, clock = start(n=3, seconds=10)
    interview.next("umbral calibracion coste de negocio monitoreo continuo", now=clock.advance(2))
    interview.end(answer="leakage split cv", now=clock.advance(2))
    report = iv.build_report(interview, {}, KEY)
    assert report.rows[2].status == iv.NOT_REACHED
    assert iv.study_next(report) == []


# ------------------------------------------------------------------------- spoken answers
def test_a_recording_is_an_answer_given_aloud_and_reaches_the_report():
    interview, clock = start(n=2, seconds=10)
    assert interview.recording_slot() == "q1_main"
    interview.set_recording("q1_main", 4.2)
    assert interview.runs[0].aloud
    interview.end(now=clock.advance(5))  # nothing typed, but spoken: answered
    row = iv.build_report(interview, {}, KEY).rows[0]
    assert row.status == iv.ANSWERED and (row.recording, row.recording_s) == ("q1_main", 4.2)
    interview2, clock2 = start(n=1, seconds=10)
    interview2.set_recording("q1_main", 1.0)
    interview2.set_recording(None)  # deleted in the widget
    interview2.end(now=clock2.advance(2))
    assert interview2.runs[0].recording is None


def test_a_timeout_with_only_a_recording_says_the_answer_was_kept():
    interview, clock = start(n=2, seconds=10)
    interview.set_recording("q1_main", 3.0)
    interview.tick(clock.advance(11))
    assert interview.timeout_notice().kept


def test_key_points_ticked_while_listening_grade_a_spoken_answer():
    interview, clock = start(n=2, seconds=10)
    interview.set_recording("q1_main", 3.0)
    interview.next(now=clock.advance(5))
    interview.end(answer="texto", now=clock.advance(1))
    report = iv.build_report(interview, {}, KEY)
    row = report.rows[0]
    assert row.coverage is None and row.suggested_rating == "good"  # speech is not graded
    report.set_listened(1, ["Umbrales", "Monitoreo"])
    assert row.covered == ["Umbrales", "Monitoreo"] and row.coverage == 0.5
    # Half of the points is recall with effort: Hard.
    assert row.missed == ["Calibracion", "Coste de negocio"] and row.suggested_rating == "hard"
    report.set_listened(1, ["Umbrales"])  # unticking works
    assert row.coverage == 0.25 and row.suggested_rating == "hard"
    report.set_listened(1, [])
    assert row.covered == [] and row.suggested_rating == "again"
    with pytest.raises(ValueError, match="unknown key point"):
        report.set_listened(1, ["Inventado"])
    with pytest.raises(ValueError, match="only a spoken answer"):
        report.set_listened(2, [])  # typed: graded by the grader, not by ear


def test_an_interview_left_open_for_days_ends_and_says_so():
    interview, clock = start(n=3, seconds=10)
    interview.next("umbral", now=clock.advance(2))
    interview.set_answer("a medio escribir")
    interview.tick(clock.advance(3 * 86400))  # three days later
    assert interview.finished and interview.end_reason == iv.END_TIME_UP
    assert interview.left_open_s == pytest.approx(3 * 86400 + 2)
    report = iv.build_report(interview, {}, KEY)
    assert report.left_open_s == interview.left_open_s
    assert report.rows[1].answer == "a medio escribir" and report.rows[1].status == iv.TIMED_OUT
    assert report.rows[1].used_s == 10.0  # its budget, not three days
    quick, clock = start(n=2, seconds=10)
    quick.tick(clock.advance(11))  # an ordinary timeout is not "left open"
    assert quick.left_open_s is None


def test_corrections_of_the_grader_regrade_the_row_and_reach_the_review():
    interview, clock = start(n=2, seconds=10)
    interview.next("umbral y calibracion", now=clock.advance(2))
    interview.skip(clock.advance(1))
    report = iv.build_report(interview, {}, KEY)
    labels = [p.label for p in KEY[1].key_points]
    assert report.rows[0].covered == ["Umbrales", "Calibracion"]
    report.correct_grading(1, labels, {"Monitoreo": True, "Calibracion": False})
    row = report.rows[0]
    assert row.covered == ["Umbrales", "Monitoreo"] and row.coverage == 0.5
    report.correct_grading(1, labels, {})  # all corrections undone: the grader's view again
    assert row.covered == ["Umbrales", "Calibracion"] and row.overrides == {}
    report.correct_grading(1, labels, {"Coste de negocio": True})
    report.set_rating(1, "good")
    [review] = report.reviews()
    assert review["overrides"] == {"Coste de negocio": True}
    assert review["covered"] == ["Umbrales", "Calibracion", "Coste de negocio"]
    with pytest.raises(ValueError, match="unknown key point"):
        report.correct_grading(1, labels, {"Inventado": True})
    with pytest.raises(ValueError, match="only a typed answer"):
        report.correct_grading(2, labels, {})
