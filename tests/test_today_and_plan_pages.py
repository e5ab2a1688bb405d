"""AppTest of Home's "today" view and the plan on Progress (and its bad inputs)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from simulacro.store import ProgressStore

PROGRESS = "pages/progress.py"


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_home_today_on_a_fresh_store_starts_todays_review(app_test):
    at = app_test().run()
    assert not at.exception
    shown = metrics(at)
    assert shown["Due now"] == "0"
    assert shown["New left today"] == "9"  # 115 unseen spread over the 14 default days
    assert shown["Streak"] == "0 d" and shown["To the interview"] == "14 d"
    assert any("Today's plan: 9 card(s)" in c.value for c in at.caption)
    at.button(key="home_start_today").click().run()
    assert not at.exception
    session = at.session_state["quiz_session"]
    assert session.mode == "plan" and len(session.numbers) == 9
    # Back on Home, the unfinished quiz is offered for resuming instead of a new start.
    at.switch_page("pages/home.py").run()
    labels = [link.label for link in at.get("page_link")]
    assert "Resume the self-quiz (card 1 of 9)" in labels
    assert not [b for b in at.button if b.key == "home_start_today"]


def test_home_counts_due_cards_streak_and_new_cards_done_today(app_test, isolated_data_dir):
    store = ProgressStore.open(isolated_data_dir)
    now = datetime.now(UTC)
    for days_ago in (3, 2, 1):
        store.record_review(1, "again", 5, when=now - timedelta(days=days_ago))
    store.record_review(2, "good", 5, when=now - timedelta(minutes=1))
    at = app_test().run()
    shown = metrics(at)
    assert shown["Streak"] == "4 d"
    assert int(shown["Due now"]) >= 1  # question 1, rated Again yesterday
    # 113 unseen over 14 days: 9 a day, one of today's already used by question 2
    assert shown["New left today"] == "8"


def test_progress_shows_a_plan_per_section(app_test):
    at = app_test().run()
    at.switch_page(PROGRESS).run()
    assert not at.exception
    [table] = [d.value for d in at.dataframe if "Cards a day" in d.value.columns]
    assert len(table) == 10 and (table["Recall on the day"] >= 90).all()
    assert metrics(at)["Cards today"] == "9"
    at.number_input(key="progress_plan_new_limit").set_value(2).run()
    assert any("cannot be started before the interview" in w.value for w in at.warning)
    assert metrics(at)["Cards today"] == "2"


def test_interview_dates_out_of_range_get_a_message_not_a_forecast(app_test):
    at = app_test().run()
    at.switch_page(PROGRESS).run()
    today = datetime.now(UTC).date()
    for day, says in (
        (today - timedelta(days=3), "is in the past"),
        (today + timedelta(days=400), "more than a year away"),
    ):
        at.date_input(key="progress_interview_date").set_value(day).run()
        assert not at.exception
        assert any(says in e.value for e in at.error), day
        assert not [m for m in at.metric if m.label.startswith("Expected recall")]
        at.switch_page("pages/home.py").run()
        assert any(says in c.value for c in at.caption)
        assert not [b for b in at.button if b.key == "home_start_today" and not b.disabled]
        at.switch_page(PROGRESS).run()


def test_quiz_plan_mode_follows_todays_plan(app_test):
    at = app_test().run()
    at.switch_page("pages/quiz.py").run()
    at.radio(key="quiz_mode").set_value("plan").run()
    at.button(key="quiz_start").click().run()
    assert not at.exception
    session = at.session_state["quiz_session"]
    assert session.mode == "plan" and len(session.numbers) == 9


def test_home_offers_to_resume_a_running_mock_interview(app_test):
    from simulacro.interview import Interview, InterviewConfig

    at = app_test()
    config = InterviewConfig(preset="custom", n_questions=3, seconds_per_question=300)
    at.session_state["mock_interview"] = Interview.start(config, [1, 2, 3])
    at.run()
    assert not at.exception
    labels = [link.label for link in at.get("page_link")]
    assert "Resume the mock interview (question 1 of 3)" in labels
