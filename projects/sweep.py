"""`demos --sweep`: every demo at the edges of its declared parameter space and at random
points inside it, on the synthetic data and on real-schema variants.

Edge points vary one parameter at a time (min, max, default, the default's step neighbours,
every choice) with the others at their defaults; random points come from `hypothesis`
(derandomised, so a sweep is reproducible) and move all parameters at once. A clear
`ValueError` (an impossible combination, e.g. min_replicas above max_replicas) is a
*rejection*, which is fine: the UI shows it as a message. Any other exception is a failure.
"""

from __future__ import annotations

import importlib
import math
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from projects.demo import DemoSpec
from projects.params import Param
from projects.schema import check_project_csv

# Rows of the real-schema variant of each project: a CSV written from another seed of the
# generator and read back through the same schema check a user's file goes through.
VARIANT_ROWS = {"bankchurn": 2_000, "carvision": 3_000, "telecomai": 800}
VARIANT_SEED = 7
UNBOUNDED_SPAN = 1_000  # random ints/floats of a param without bounds: default ± this


@dataclass
class SweepReport:
    id: str
    data: str  # "synthetic" or the variant's name
    points: int = 0
    rejected: int = 0  # clear ValueErrors (shown as a message in the app)
    failures: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "data": self.data,
            "points": self.points,
            "rejected": self.rejected,
            "failures": self.failures,
            "seconds": round(self.seconds, 3),
        }


def edge_points(spec: DemoSpec, df: Any = None, neighbours: bool = True) -> list[dict[str, Any]]:
    """The defaults, then each parameter at each of its edge values (others at default);
    without `neighbours` only the ends (the bounded CI sweep)."""
    defaults = spec.defaults()
    points = [dict(defaults)]
    for param in spec.params:
        for value in param.edge_values(df, neighbours):
            if value != defaults[param.name]:
                points.append({**defaults, param.name: value})
    return points


def _strategy(param: Param, df: Any) -> Any:
    from hypothesis import strategies as st

    if param.kind in ("int", "float"):
        high = param.upper(df)
        low = param.min
        if low is None:
            low = param.default - UNBOUNDED_SPAN
        if high is None:
            high = param.default + UNBOUNDED_SPAN
        if param.kind == "int":
            return st.integers(math.ceil(low), math.floor(high))
        return st.floats(
            low,
            high,
            exclude_min=param.open_low,
            exclude_max=param.open_high,
            allow_nan=False,
            allow_infinity=False,
        )
    if param.kind == "choice":
        return st.sampled_from(param.choices)
    if param.kind == "bool":
        return st.booleans()
    if param.kind == "multi":
        return st.lists(st.sampled_from(param.choices), unique=True).map(tuple)
    return st.text(max_size=param.max_chars or 200)


def random_points(spec: DemoSpec, count: int, df: Any = None) -> list[dict[str, Any]]:
    """`count` points drawn by hypothesis over all declared params at once (reproducible)."""
    if count <= 0 or not spec.params:
        return []
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    drawn: list[dict[str, Any]] = []
    strategy = st.fixed_dictionaries({p.name: _strategy(p, df) for p in spec.params})

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(point: dict[str, Any]) -> None:
        drawn.append(point)

    collect()
    unique = {repr(sorted(p.items())): p for p in drawn}  # hypothesis may repeat a point
    return list(unique.values())[:count]


def data_variants(project: str, with_variants: bool = True) -> Iterator[tuple[str, Any]]:
    """("synthetic", None), then the real-schema CSV variant of the project if it has data."""
    yield "synthetic", None
    if not with_variants or project not in VARIANT_ROWS:
        return
    module = importlib.import_module(f"projects.{project}.data")
    frame = module.generate(n_rows=VARIANT_ROWS[project], seed=VARIANT_SEED)
    raw = frame.to_csv(index=False).encode("utf-8")
    name = f"{module.REAL_CSV_NAME} (generated, seed {VARIANT_SEED})"
    yield name, check_project_csv(raw, module, name=name)


def run_point(spec: DemoSpec, point: dict[str, Any], df: pd.DataFrame | None) -> str | None:
    """None when the demo ran or rejected the point clearly, else the error text."""
    data = {"df": df} if spec.uses_dataset else {}
    try:
        spec.run(**point, **data)
    except ValueError:
        return "rejected"
    except Exception as error:  # noqa: BLE001 - the sweep reports every crash, never stops
        last = traceback.extract_tb(error.__traceback__)[-1]
        return f"{type(error).__name__}: {error} ({last.filename}:{last.lineno})"
    return None


def sweep_demo(
    spec: DemoSpec,
    *,
    random_count: int = 8,
    with_variants: bool = True,
    neighbours: bool = True,
    data: list[tuple[str, Any]] | None = None,
) -> list[SweepReport]:
    """One report per data set the demo ran on (only synthetic when it uses none)."""
    reports = []
    if data is None:
        data = list(data_variants(spec.project, with_variants and spec.uses_dataset))
    for name, df in data:
        report = SweepReport(spec.id, name)
        start = time.perf_counter()
        points = edge_points(spec, df, neighbours) + random_points(spec, random_count, df)
        for point in points:
            outcome = run_point(spec, point, df)
            report.points += 1
            if outcome == "rejected":
                report.rejected += 1
            elif outcome is not None:
                report.failures.append({"params": _plain(point), "error": outcome})
        report.seconds = time.perf_counter() - start
        reports.append(report)
    return reports


def _plain(point: dict[str, Any]) -> dict[str, Any]:
    """JSON-friendly copy of a point (tuples as lists)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in point.items()}


def sweep(
    specs: list[DemoSpec],
    progress: Callable[[SweepReport], None] | None = None,
    files: dict[str, tuple[str, Any]] | None = None,
    **options: Any,
) -> list[SweepReport]:
    """Sweep every spec; `progress` is called after each (demo, data set). `files` (project ->
    (name, frame), the user's own CSVs) are swept too, after the generated data."""
    cache: dict[str, list[tuple[str, Any]]] = {}
    reports: list[SweepReport] = []
    for spec in specs:
        data = None
        if spec.uses_dataset:
            if spec.project not in cache:
                with_variants = options.get("with_variants", True)
                cache[spec.project] = list(data_variants(spec.project, with_variants))
                if files and spec.project in files:
                    cache[spec.project].append(files[spec.project])
            data = cache[spec.project]
        for report in sweep_demo(spec, data=data, **options):
            reports.append(report)
            if progress:
                progress(report)
    return reports
