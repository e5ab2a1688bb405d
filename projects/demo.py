"""What a demo is: a pure function plus the facts the app shows around it.

A demo's `run` function takes keyword parameters (all with defaults) and returns a
`DemoResult`; it must not import Streamlit. Its renderer (a dotted path, imported only
by the UI) draws the widgets, calls `run` through the cache, and shows the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DemoResult:
    """What one run of a demo produced."""

    claim_held: bool  # whether the demo's claim holds for these parameters
    metrics: dict[str, Any] = field(default_factory=dict)  # name -> number or short text
    figures: list[Any] = field(default_factory=list)  # plotly figures
    tables: dict[str, Any] = field(default_factory=dict)  # caption -> pandas DataFrame
    notes: list[str] = field(default_factory=list)  # short Markdown sentences
    extra: dict[str, Any] = field(default_factory=dict)  # demo-specific payload (e.g. JSON)


@dataclass(frozen=True)
class DemoSpec:
    id: str  # "<project>.<name>", e.g. "carvision.mape_vs_smape"
    project: str  # bankchurn / carvision / telecomai / ops
    title: str
    questions: tuple[int, ...]  # question numbers the demo illustrates
    claim: str  # the one sentence the demo teaches, checked by a test
    run: Callable[..., DemoResult]
    render: str  # "module.path:function" of the Streamlit renderer
    uses_dataset: bool = False  # True when run(df=...) accepts the project's data set
