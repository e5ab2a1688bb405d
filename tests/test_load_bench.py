"""The load test's websocket client and runner, on a real app server (a few learners)."""

from __future__ import annotations

import math

import pytest

from simulacro.store import ProgressStore
from tools.load_bench import STEPS, format_report, run_async, run_load
from tools.server import app_server
from tools.ws_client import SessionError, StreamlitSession


def test_learners_rate_through_the_websocket_and_each_review_is_saved():
    report = run_load(
        learners=3,
        rounds=1,
        think_s=(0.0, 0.0),
        count_reviews=lambda folder, _email: ProgressStore.open(folder).review_count(),
    )
    assert report.errors == []
    assert report.interactions == 3 * len(STEPS)
    # local mode: one store for everyone, the warm-up learner's review included
    assert set(report.reviews_saved.values()) == {3 + 1}
    assert 0 < report.p50_ms <= report.p95_ms <= report.max_ms
    assert math.isfinite(report.mb_per_session)
    assert "p95" in format_report(report)


def test_a_missing_widget_is_named_with_what_the_page_has(tmp_path):
    async def scenario(url: str) -> None:
        async with StreamlitSession(url) as session:
            await session.open("quiz")
            assert "quiz_start" in session.widgets
            with pytest.raises(SessionError, match="no widget 'quiz_rate_good'.*quiz_start"):
                await session.click("quiz_rate_good", path="quiz")

    with app_server(tmp_path) as server:
        run_async(scenario(server.base_url.replace("http", "ws") + "/_stcore/stream"))


@pytest.mark.postgres
def test_hosted_learners_on_postgres_each_keep_exactly_their_own_reviews(postgres_server):
    from tools.load_bench import learner_email, run_hosted_load

    url = postgres_server.create_database("load_test")
    report = run_hosted_load(database_url=url, learners=3, rounds=2, think_s=(0.0, 0.0))
    assert report.store == "postgresql"
    assert report.errors == []
    assert report.reviews_saved == {learner_email(i): 2 for i in range(3)}
