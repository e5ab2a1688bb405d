"""What a demo is: a pure function, its declared parameters and the facts the app shows.

A demo's `run` function takes keyword parameters (all with defaults, plus `df=` when it
uses the project's data set) and returns a `DemoResult`; it never imports Streamlit. Its
parameters are declared once, as `projects.params.Param`s on the spec: the UI builds the
widgets from them, and `DemoSpec.run` validates every call against them before the
function runs. `demo(...)` is the one builder every project uses (see CONTRIBUTING.md).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from projects.params import Param, validate


@dataclass
class DemoResult:
    """What one run of a demo produced."""

    claim_held: bool  # whether the demo's claim holds for these parameters
    metrics: dict[str, Any] = field(default_factory=dict)  # name -> number or short text
    figures: list[Any] = field(default_factory=list)  # plotly figures
    tables: dict[str, Any] = field(default_factory=dict)  # caption -> pandas DataFrame
    notes: list[str] = field(default_factory=list)  # short Markdown sentences
    extra: dict[str, Any] = field(default_factory=dict)  # demo-specific payload (e.g. JSON)
    # A conditional claim ("with MCAR gaps above 15 %, ...") whose condition the data does
    # not meet: the claim is then neither held nor failed, and `condition` says why.
    condition_met: bool = True
    condition: str = ""


@dataclass(frozen=True)
class DemoSpec:
    id: str  # "<project>.<name>", e.g. "carvision.mape_vs_smape"
    project: str  # bankchurn / carvision / telecomai / ops
    title: str
    questions: tuple[int, ...]  # question numbers the demo illustrates
    claim: str  # the one sentence the demo teaches, checked by a test
    run: Callable[..., DemoResult]  # validated against `params` on every call
    params: tuple[Param, ...] = ()
    uses_dataset: bool = False  # True when run(df=...) accepts the project's data set

    def __post_init__(self) -> None:
        names = [param.name for param in self.params]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.id}: a parameter is declared twice: {names}")
        if self.params and not getattr(self.run, "__demo_params__", None):
            object.__setattr__(self, "run", _validated(self.run, self.params))

    def param(self, name: str) -> Param:
        return next(param for param in self.params if param.name == name)

    def defaults(self) -> dict[str, Any]:
        return {param.name: param.default for param in self.params}


def _validated(function: Callable[..., DemoResult], params: tuple[Param, ...]) -> Callable:
    @functools.wraps(function)  # inspect.unwrap reaches the function ("Code that ran")
    def run(**values: Any) -> DemoResult:
        checked = validate(params, {k: v for k, v in values.items() if k != "df"}, values.get("df"))
        if "df" in values:
            checked["df"] = values["df"]
        return function(**checked)

    run.__demo_params__ = params  # type: ignore[attr-defined]
    return run


def demo(
    project: str,
    run: Callable[..., DemoResult],
    *,
    title: str,
    questions: Sequence[int],
    claim: str,
    params: Sequence[Param] = (),
    uses_dataset: bool = False,
    name: str | None = None,
) -> DemoSpec:
    """The one way to declare a demo: id "<project>.<function name>" unless `name` is given."""
    return DemoSpec(
        id=f"{project}.{name or run.__name__}",
        project=project,
        title=title,
        questions=tuple(questions),
        claim=claim,
        run=run,
        params=tuple(params),
        uses_dataset=uses_dataset,
    )


def signature_defaults(spec: DemoSpec) -> dict[str, Any]:
    """Keyword defaults of the spec's function (without df), to compare with `params`."""
    signature = inspect.signature(inspect.unwrap(spec.run))
    return {
        name: parameter.default
        for name, parameter in signature.parameters.items()
        if name != "df" and parameter.default is not inspect.Parameter.empty
    }
