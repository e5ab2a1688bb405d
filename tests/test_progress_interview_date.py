"""AppTest: the interview date on Progress is kept when the learner visits another page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

PAGE = "pages/progress.py"


def test_interview_date_survives_a_visit_to_another_page(app_test):
    at = app_test()
    at.run()
    at.switch_page(PAGE).run()
    default = datetime.now(UTC).date() + timedelta(days=14)
    assert at.date_input(key="progress_interview_date").value == default
    chosen = datetime.now(UTC).date() + timedelta(days=40)
    at.date_input(key="progress_interview_date").set_value(chosen).run()
    at.switch_page("pages/home.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.date_input(key="progress_interview_date").value == chosen
    labels = [m.label for m in at.metric]
    assert f"Expected recall on {chosen.isoformat()}" in labels
