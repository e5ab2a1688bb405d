"""Every demo is declared once: its params agree with its function, its text keys exist in
ui/text/, its renderer (if any) is registered for a real demo, and the widgets built from
the declarations drive the demo."""

from __future__ import annotations

import importlib

import pytest
from streamlit.testing.v1 import AppTest

from projects import params as P
from projects import registry
from projects.demo import DemoResult, demo, signature_defaults

SPECS = registry.all_demos()


def _custom_renderers() -> dict:
    found = {}
    for project in {spec.project for spec in SPECS.values()}:
        try:
            module = importlib.import_module(f"ui.demos.{project}")
        except ModuleNotFoundError:
            continue
        found.update(getattr(module, "RENDERERS", {}))
    return found


@pytest.mark.parametrize("demo_id", sorted(SPECS))
def test_params_match_the_function(demo_id):
    spec = SPECS[demo_id]
    defaults = signature_defaults(spec)
    for param in spec.params:
        assert param.name in defaults, f"{param.name} is not an argument of the function"
        assert defaults[param.name] == param.default, f"{param.name}: two defaults"
        param.check(param.default)  # the default is inside the declared space
    undeclared = set(defaults) - {p.name for p in spec.params} - {"seed"}
    # Free-form arguments (a table, a payload) need a renderer of their own.
    assert not undeclared or demo_id in _custom_renderers(), undeclared


@pytest.mark.parametrize("demo_id", sorted(SPECS))
def test_text_keys_exist_in_ui_text(demo_id):
    spec = SPECS[demo_id]
    texts = importlib.import_module(f"ui.text.demo_{spec.project}")
    for param in spec.params:
        assert param.label, f"{param.name} has no label key"
        for key in (param.label, param.help, param.choice_labels):
            assert not key or hasattr(texts, key), f"ui/text/demo_{spec.project}.py lacks {key}"
        if param.choice_labels:
            labels = getattr(texts, param.choice_labels)
            assert set(param.choices) <= set(labels), f"{param.choice_labels} misses a choice"


def test_custom_renderers_belong_to_registered_demos_and_are_callables():
    renderers = _custom_renderers()
    assert renderers, "no custom renderers found: the lookup is broken"
    for demo_id, renderer in renderers.items():
        assert demo_id in SPECS and callable(renderer)


def test_run_validates_against_the_declaration():
    def run(n: int = 3, mode: str = "a") -> DemoResult:
        return DemoResult(claim_held=True, metrics={"n": n, "mode": mode})

    spec = demo(
        "ops",
        run,
        title="t",
        questions=(1,),
        claim="c.",
        params=(P.integer("n", 1, 5, 3), P.options("mode", ("a", "b"), "a")),
    )
    assert spec.id == "ops.run" and spec.run(n=4.0).metrics["n"] == 4
    with pytest.raises(ValueError, match="n=9 is outside"):
        spec.run(n=9)
    with pytest.raises(ValueError, match="mode='c'"):
        spec.run(mode="c")


# ---------------------------------------------------------------- generated widgets
def _standard_app() -> None:
    from projects import params as P
    from projects.demo import DemoResult, demo
    from ui.demos import render_demo

    def widgets_demo(
        trees: int = 25, rate: float = 0.1, shape: str = "daily", on: bool = False
    ) -> DemoResult:
        return DemoResult(claim_held=on, metrics={"echo": f"{trees}|{rate}|{shape}|{on}"})

    spec = demo(
        "ops",
        widgets_demo,
        title="widgets",
        questions=(1,),
        claim="c.",
        params=(
            P.integer("trees", 5, 100, 25, 5, label="REPLICAS"),
            P.options("rate", (0.01, 0.1, 1.0), 0.1, label="TARGET"),
            P.options("shape", ("daily", "spike"), "daily", label="LOAD_SHAPE"),
            P.switch("on", False, label="READINESS"),
        ),
    )
    render_demo(spec, key_prefix="w")


def test_widgets_are_generated_from_the_declaration_and_drive_the_run():
    from ui.text import demo_ops as t

    at = AppTest.from_function(_standard_app, default_timeout=60).run()
    assert not at.exception and not at.error
    assert at.slider(key="w-trees").label == t.REPLICAS
    assert at.slider(key="w-trees").min == 5 and at.slider(key="w-trees").max == 100
    assert at.select_slider(key="w-rate").options == ["0.01", "0.1", "1.0"]
    at.slider(key="w-trees").set_value(40)
    at.select_slider(key="w-rate").set_value(1.0)
    at.selectbox(key="w-shape").set_value("spike")
    at.checkbox(key="w-on").check().run()
    assert [m.value for m in at.metric] == ["40|1.0|spike|True"]
