"""Progress history: each interview compared with the earlier ones of the same format."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from simulacro.store import ProgressStore
from ui.mock_history import format_key, with_previous_same_format


def test_format_key_tells_custom_shapes_apart():
    assert format_key("loop", {"n_questions": 8}) == "loop"
    small = {"n_questions": 3, "seconds_per_question": 15, "follow_ups": False}
    assert format_key("custom", small) == "custom:3x15s"
    assert format_key("custom", {**small, "follow_ups": True}) == "custom:3x15s+f"
    assert format_key("custom", "garbage") == "custom"


def test_each_interview_is_compared_with_the_earlier_ones_of_its_format_only():
    frame = pd.DataFrame(
        {
            "format": ["loop", "rapid", "loop", "loop", "rapid"],
            "coverage": [0.2, 0.9, None, 0.6, 0.5],
            "time_ratio": [1.0, 0.5, 0.8, 0.9, 0.7],
        }
    )
    out = with_previous_same_format(frame)
    assert list(out["prev_count"]) == [0, 0, 1, 2, 1]
    assert out["prev_coverage"].isna().tolist() == [True, True, False, False, False]
    assert out["prev_coverage"][3] == 0.2  # the interview without a coverage is not averaged
    assert out["prev_coverage"][4] == 0.9  # rapid compares with rapid, not with loop
    assert out["prev_time_ratio"][3] == 0.9  # mean of 1.0 and 0.8


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("abc"), st.one_of(st.none(), st.floats(0, 1))),
        min_size=1,
        max_size=12,
    )
)
def test_the_comparison_is_the_mean_of_the_earlier_same_format_values(items):
    frame = pd.DataFrame(
        {"format": [f for f, _ in items], "coverage": [c for _, c in items], "time_ratio": 1.0}
    )
    out = with_previous_same_format(frame)
    for i, (fmt, _) in enumerate(items):
        earlier = [c for f, c in items[:i] if f == fmt and c is not None]
        assert out["prev_count"][i] == sum(1 for f, _ in items[:i] if f == fmt)
        if earlier:
            assert abs(out["prev_coverage"][i] - sum(earlier) / len(earlier)) < 1e-9
        else:
            assert pd.isna(out["prev_coverage"][i])


def saved(coverage: float, n: int = 3, seconds: int = 15, when: str = "") -> dict:
    """A saved report as the store returns it (only what the history reads)."""
    config = {"n_questions": n, "seconds_per_question": seconds, "follow_ups": False}
    totals = {"questions": n, "answered": n, "mean_coverage": coverage}
    totals |= {"time_used_s": 30.0, "time_budget_s": 45.0}
    return {"preset": "custom", "config": config, "started_at": when, "totals": totals}


def test_progress_page_compares_the_latest_interview_with_the_same_format(app_test):
    store = ProgressStore.open()
    store.save_mock_session(saved(0.2, when="2026-01-01T10:00"))
    store.save_mock_session(saved(0.9, n=8, seconds=300, when="2026-01-02T10:00"))  # other
    store.save_mock_session(saved(0.4, when="2026-01-03T10:00"))
    store.save_mock_session(saved(0.6, when="2026-01-04T10:00"))
    at = app_test()
    at.run()
    at.switch_page("pages/progress.py").run()
    assert not at.exception
    [title] = [m.value for m in at.markdown if "Latest interview vs" in m.value]
    assert "your 2 earlier one(s) of the same format (Custom · 3 × 00:15)" in title
    coverage = next(m for m in at.metric if m.label == "Key-point coverage")
    assert coverage.value == "60%" and coverage.delta == "+30 pp"  # 0.6 vs mean(0.2, 0.4)
    [table] = [d.value for d in at.dataframe if "Coverage vs earlier (same format)" in d.value]
    assert list(table["Coverage vs earlier (same format)"]) == [  # newest first
        "+30 pp",
        "+20 pp",
        "first of its format",
        "first of its format",
    ]


def test_a_first_interview_of_its_format_says_so(app_test):
    ProgressStore.open().save_mock_session(saved(0.5))
    at = app_test()
    at.run()
    at.switch_page("pages/progress.py").run()
    assert not at.exception
    assert any("first of its format" in c.value for c in at.caption)
