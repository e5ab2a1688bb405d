"""AppTest: the demo picked in a project tab is still picked after visiting another tab."""

from __future__ import annotations

import pytest

from projects import registry
from projects.demo import DemoResult, DemoSpec
from ui.text import demos as text

PAGE = "pages/demos.py"


def run_ok() -> DemoResult:
    return DemoResult(claim_held=True, metrics={"n": 1})


def fake(demo_id: str, project: str) -> DemoSpec:
    return DemoSpec(demo_id, project, demo_id, (41,), "ok", run_ok)  # the standard renderer


FAKES = {
    "bankchurn.first": fake("bankchurn.first", "bankchurn"),
    "bankchurn.second": fake("bankchurn.second", "bankchurn"),
    "ops.only": fake("ops.only", "ops"),
}


@pytest.fixture
def fake_demos(monkeypatch):
    monkeypatch.setattr(registry, "all_demos", lambda: dict(FAKES))


def test_pick_survives_a_visit_to_another_tab(app_test, fake_demos):
    at = app_test()
    at.run()
    at.switch_page(PAGE).run()
    at.selectbox(key="demos_pick_bankchurn").set_value("bankchurn.second").run()
    assert at.query_params["demo"] == "bankchurn.second"
    at.session_state["demos_tab"] = text.TAB_LABELS["ops"]
    at.run()
    assert at.selectbox(key="demos_pick_ops").value == "ops.only"
    at.session_state["demos_tab"] = text.TAB_LABELS["bankchurn"]
    at.run()
    assert not at.exception
    assert at.selectbox(key="demos_pick_bankchurn").value == "bankchurn.second"
    assert at.query_params["demo"] == "bankchurn.second"
