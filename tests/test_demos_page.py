"""AppTest of the Demos page and of every registered demo's renderer with its defaults."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from projects import registry
from projects.demo import DemoResult, demo
from projects.params import Param
from ui.text import demos as text

PAGE = "pages/demos.py"
ALL_DEMOS = registry.all_demos()


def errors(at) -> list[str]:
    return [element.value for element in at.error]


def open_page(app_test, **query) -> AppTest:
    at = app_test()
    at.run()
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def test_demos_page_renders(app_test):
    at = open_page(app_test)
    assert at.title[0].value == text.PAGE_TITLE
    labels = list(text.TAB_LABELS.values())
    assert [tab.label for tab in at.tabs][: len(labels)] == labels
    assert not errors(at)
    if ALL_DEMOS:  # the first project's first demo is open, with its claim verdict
        assert at.selectbox(key="demos_pick_bankchurn").value in ALL_DEMOS
        assert text.CLAIM_HOLDS in [s.value for s in at.success]


def _render_one(demo_id: str) -> None:
    from projects.registry import all_demos
    from ui.demos import render_demo

    render_demo(all_demos()[demo_id], key_prefix="t")


@pytest.mark.parametrize("demo_id", list(ALL_DEMOS))
def test_every_demo_renders_with_its_defaults_and_its_claim_holds(demo_id):
    at = AppTest.from_function(_render_one, args=(demo_id,), default_timeout=60).run()
    assert not at.exception, at.exception
    assert not errors(at), errors(at)  # render_demo turns crashes into st.error: none here
    badges = [s.value for s in at.success] + [w.value for w in at.warning]
    assert text.CLAIM_HOLDS in badges, badges
    assert at.expander, "the 'Code that ran' expander is missing"
    assert any("def " in block.value for block in at.code), "no source shown"


# ------------------------------------------------- page mechanics on a fake registry
def run_ok(size: int = 3) -> DemoResult:
    if size < 0:
        raise ValueError("size must be >= 0")
    return DemoResult(claim_held=True, metrics={"size": size})


def run_broken(size: int = 3) -> DemoResult:
    raise KeyError("column that does not exist")


# The standard renderer draws both: a widget for the declared `size` (no bounds, so the
# function's own check is what rejects -1), then the result or the crash.
SIZE = Param("size", "int", 3, step=1, widget="number")
FAKES = {
    "bankchurn.fake_ok": demo(
        "bankchurn",
        run_ok,
        title="Fake OK",
        questions=(41,),
        claim="ok",
        params=(SIZE,),
        name="fake_ok",
    ),
    "ops.fake_broken": demo(
        "ops",
        run_broken,
        title="Fake broken",
        questions=(73, 26),
        claim="never",
        params=(SIZE,),
        name="fake_broken",
    ),
}


@pytest.fixture
def fake_demos(monkeypatch):
    monkeypatch.setattr(registry, "all_demos", lambda: dict(FAKES))


def test_deep_link_opens_the_demo_in_its_project_tab(app_test, fake_demos):
    at = open_page(app_test, demo="ops.fake_broken")
    assert at.session_state["demos_tab"] == text.TAB_LABELS["ops"]
    assert at.selectbox(key="demos_pick_ops").value == "ops.fake_broken"
    # A broken demo shows an error and a traceback expander, not an exception.
    assert errors(at) == [text.DEMO_CRASHED.format(error_type="KeyError")]
    assert "KeyError" in at.expander(key="demos__traceback").code[0].value


def test_unknown_deep_link_warns_and_shows_the_page(app_test, fake_demos):
    at = open_page(app_test, demo="nope.nothing")
    assert any("nope.nothing" in w.value for w in at.warning)
    assert at.selectbox(key="demos_pick_bankchurn").value == "bankchurn.fake_ok"


def test_bad_parameter_is_a_message_and_the_url_follows_the_demo(app_test, fake_demos):
    at = open_page(app_test)
    assert at.query_params["demo"] == "bankchurn.fake_ok"
    at.number_input(key="demos-size").set_value(-1).run()
    assert errors(at) == [text.BAD_PARAMETERS.format(message="size must be >= 0")]


def test_search_hit_opens_the_demo(app_test, fake_demos):
    at = open_page(app_test)
    at.text_input(key="demos_search").set_value("Q73").run()
    assert [b.key for b in at.button if b.key.startswith("demos_hit_")] == [
        "demos_hit_ops.fake_broken"
    ]
    # The open project (BankChurn) has no match: the search opened the matching project.
    assert at.session_state["demos_tab"] == text.TAB_LABELS["ops"]
    at.text_input(key="demos_search").set_value("fake").run()  # both match: stay
    assert at.session_state["demos_tab"] == text.TAB_LABELS["ops"]
    at.session_state["demos_tab"] = text.TAB_LABELS["bankchurn"]
    at.button(key="demos_hit_ops.fake_broken").click().run()
    assert at.session_state["demos_tab"] == text.TAB_LABELS["ops"]
    assert at.selectbox(key="demos_pick_ops").value == "ops.fake_broken"
    at.text_input(key="demos_search").set_value("zzz no such demo").run()
    assert any("zzz no such demo" in w.value for w in at.warning)


# ------------------------------------------------- bring your own data
def test_bad_upload_shows_an_error_and_keeps_synthetic_data(app_test):
    at = open_page(app_test)
    at.file_uploader(key="demos_upload_bankchurn").set_value(
        ("mine.csv", b"RowNumber,Surname\n1,Hill\n", "text/csv")
    ).run()
    assert not at.exception
    [message] = [m for m in errors(at) if m.startswith(text.BYOD_REJECTED)]
    assert "mine.csv is missing 12 required column(s): 'CustomerId', 'CreditScore'" in message
    assert "demos_dataset_bankchurn" not in at.session_state


def test_good_upload_becomes_the_active_data_set_and_back(app_test):
    from projects.bankchurn.data import generate

    raw = generate(n_rows=1500, seed=7).to_csv(index=False).encode()
    at = open_page(app_test)
    at.file_uploader(key="demos_upload_bankchurn").set_value(("real.csv", raw, "text/csv")).run()
    assert not at.exception
    stored = at.session_state["demos_dataset_bankchurn"]
    assert isinstance(stored["df"], pd.DataFrame) and len(stored["df"]) == 1500
    assert any("Using `real.csv`: 1,500 rows" in s.value for s in at.success)
    assert not errors(at), errors(at)  # the open demo ran on the uploaded data
    assert any("Running on your data set: uploaded file `real.csv`" in c.value for c in at.caption)
    at.button(key="demos_synthetic_bankchurn").click().run()
    assert "demos_dataset_bankchurn" not in at.session_state
    assert any(text.BYOD_SYNTHETIC in i.value for i in at.info)
    assert any(c.value == text.SYNTHETIC_IN_USE for c in at.caption)


def test_env_var_data_set_is_shown_as_active(app_test, tmp_path, monkeypatch):
    from projects.bankchurn.data import ENV_VAR, generate

    path = tmp_path / "Churn_Modelling.csv"
    generate(n_rows=1200, seed=5).to_csv(path, index=False)
    monkeypatch.setenv(ENV_VAR, str(path))
    at = open_page(app_test)
    assert any(f"${ENV_VAR}" in s.value and "1,200 rows" in s.value for s in at.success)
