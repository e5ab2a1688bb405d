"""Every demo computes apart from presenting (issue 10, item 2).

The convention (CONTRIBUTING.md, exemplar `projects/carvision/metrics.py`): next to the demo
function `<name>` its module defines `compute_<name>(...)`, returning a frozen dataclass of
numbers and tables (the claim as a property or field), and `present_<name>(found)`, building
the figures and sentences from it; `<name>` is `present_<name>(compute_<name>(...))`.
"""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from projects.demo import DemoResult
from projects.registry import all_demos

# Projects whose demos are still being split. Remove a project here once all its demos follow
# the convention; the test then holds it to it. Must end empty.
PENDING_PROJECTS: set[str] = set()

SPECS = sorted(all_demos().values(), key=lambda spec: spec.id)


def _parts(spec):
    function = inspect.unwrap(spec.run)
    module = inspect.getmodule(function)
    name = function.__name__
    return (
        function,
        getattr(module, f"compute_{name}", None),
        getattr(module, f"present_{name}", None),
    )


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.id)
def test_demo_has_compute_and_present(spec):
    if spec.project in PENDING_PROJECTS:
        pytest.skip(f"{spec.project}: compute/present split not done yet")
    function, compute, present = _parts(spec)
    assert callable(compute), f"{spec.id}: no compute_{function.__name__} next to the demo"
    assert callable(present), f"{spec.id}: no present_{function.__name__} next to the demo"
    kwargs = spec.defaults()
    if spec.uses_dataset:
        kwargs["df"] = None
    found = compute(**kwargs)
    assert dataclasses.is_dataclass(found) and not isinstance(found, type), spec.id
    assert type(found).__dataclass_params__.frozen, f"{spec.id}: the computed result is mutable"
    for field in dataclasses.fields(found):
        value = getattr(found, field.name)
        assert "plotly" not in type(value).__module__, (
            f"{spec.id}: compute returned a figure in {field.name!r}; figures belong to present"
        )
    shown = present(found)
    assert isinstance(shown, DemoResult)
    assert shown.claim_held == spec.run(**kwargs).claim_held


def test_pending_projects_are_real():
    projects = {spec.project for spec in SPECS}
    assert PENDING_PROJECTS <= projects, PENDING_PROJECTS - projects
