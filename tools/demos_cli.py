"""`python -m simulacro demos --check [--json]` and `demos --list`; `bench()` for the benchmark.

Every demo runs once with its default parameters through the SAME cache layer the app
uses (`ui.demos.run_demo`, an st.cache_data function, which works outside `streamlit run`
with an in-memory store); the best of the next three calls is the warm (cached) time.
Streamlit is imported lazily, so importing this module stays cheap and Streamlit-free.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from projects import registry
from projects.demo import DemoSpec
from projects.schema import SchemaError, check_project_csv

COLD_TARGET_S = 1.5  # issue 4: each demo cold <= 1.5 s, warm (cached) <= 0.2 s
WARM_TARGET_S = 0.2
WARM_REPEATS = 3


@contextmanager
def quiet_streamlit() -> Iterator[None]:
    """Silence Streamlit's 'No runtime found' / 'missing ScriptRunContext' warnings, which
    st.cache_data logs when used outside `streamlit run` (at decoration and first call)."""
    from streamlit import logger as st_logger

    # Streamlit's loggers do not propagate and each has its own level: lower them all,
    # including the ones created meanwhile, then restore.
    previous_global = st_logger._global_log_level
    previous = {name: log.level for name, log in st_logger._loggers.items()}
    st_logger.set_log_level(logging.ERROR)
    try:
        yield
    finally:
        st_logger._global_log_level = previous_global
        for name, log in st_logger._loggers.items():
            log.setLevel(previous.get(name, previous_global))


DataSets = dict[str, tuple[str, Any]]  # project -> (file name, checked DataFrame)


def data_paths(overrides: list[str], projects: set[str]) -> dict[str, str]:
    """project -> CSV path, from `--data project=PATH` (wins) or $SIMULACRO_<PROJECT>_CSV."""
    paths: dict[str, str] = {}
    for project in sorted(projects):
        try:
            module = importlib.import_module(f"projects.{project}.data")
        except ModuleNotFoundError:
            continue
        value = os.environ.get(getattr(module, "ENV_VAR", ""), "").strip()
        if value:
            paths[project] = value
    for item in overrides:
        project, sep, path = item.partition("=")
        if not sep or not path.strip():
            raise SchemaError(
                f"--data {item!r}: expected PROJECT=PATH, e.g. carvision=vehicles_us.csv"
            )
        if project not in projects:
            raise SchemaError(
                f"--data {item!r}: no demo of project {project!r} uses a data set "
                f"(projects with data: {', '.join(sorted(projects))})"
            )
        paths[project] = path.strip()
    return paths


def load_data(paths: dict[str, str]) -> DataSets:
    """Each file through the same schema check as an upload; SchemaError names the file."""
    loaded: DataSets = {}
    for project, path in paths.items():
        module = importlib.import_module(f"projects.{project}.data")
        if not Path(path).is_file():
            raise SchemaError(f"{project}: {path!r} does not exist or is not a file")
        name = Path(path).name
        loaded[project] = (name, check_project_csv(path, module, name=name))
    return loaded


def _check_one(spec: DemoSpec, run_demo: Any, data: DataSets | None = None) -> dict[str, Any]:
    name, frame = (data or {}).get(spec.project, ("synthetic", None))
    if not spec.uses_dataset:
        name, frame = "synthetic", None
    inputs = {"df": frame} if frame is not None else {}
    row: dict[str, Any] = {
        "id": spec.id,
        "project": spec.project,
        "data": name,
        "questions": list(spec.questions),
        "cold_s": None,
        "cold_cpu_s": None,  # CPU seconds of the cold run: comparable on a busy machine
        "warm_s": None,
        "claim_held": False,
        "condition_met": True,
    }
    try:
        start, cpu_start = time.perf_counter(), time.process_time()
        result = run_demo(spec, **inputs)
        row["cold_s"] = round(time.perf_counter() - start, 4)
        row["cold_cpu_s"] = round(time.process_time() - cpu_start, 4)
        warm_times = []
        for _ in range(WARM_REPEATS):  # best of 3: a cached call is short, so noise dominates
            start = time.perf_counter()
            warm = run_demo(spec, **inputs)
            warm_times.append(time.perf_counter() - start)
        row["warm_s"] = round(min(warm_times), 4)
        row["claim_held"] = bool(result.claim_held) and bool(warm.claim_held)
        row["condition_met"] = bool(result.condition_met)
        if not result.condition_met:
            row["condition"] = result.condition
    except Exception as error:  # noqa: BLE001 - one broken demo must not stop the check
        row["error"] = f"{type(error).__name__}: {error}"
        row["traceback"] = traceback.format_exc()
    return row


# Libraries every demo shares; imported before timing so that their one-off import cost
# (paid once per process, at app start-up too) is not billed to whichever demo runs first.
SHARED_IMPORTS = ("plotly.express", "plotly.graph_objects", "sklearn.base", "sklearn.pipeline")


def _warm_imports() -> None:
    for name in SHARED_IMPORTS:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    try:  # plotly loads its validator schema (~0.1 s of JSON) on the first figure built
        importlib.import_module("plotly.graph_objects").Figure(layout={"title": "warm-up"})
    except ImportError:
        pass


def run_checks(
    specs: list[DemoSpec] | None = None, data: DataSets | None = None
) -> list[dict[str, Any]]:
    """Run every demo (default params) cold then warm; one dict per demo, registry order.
    `data` (project -> (name, frame)) replaces the synthetic data of the demos that use one."""
    with quiet_streamlit():
        from ui.demos import clear_demo_cache, run_demo

        _warm_imports()

        specs = list(registry.all_demos().values()) if specs is None else specs
        clear_demo_cache()  # "cold" must mean cold even if this process ran them before
        return [_check_one(spec, run_demo, data) for spec in specs]


def passed(row: dict[str, Any]) -> bool:
    """A demo passes when it ran and its claim held, or its stated condition was not met."""
    return "error" not in row and (row["claim_held"] or not row["condition_met"])


def _public(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if key != "traceback"}


def _seconds(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def format_report(rows: list[dict[str, Any]]) -> str:
    """Human-readable table plus a summary line."""
    width = max([len(row["id"]) for row in rows] + [4])
    lines = [f"{'demo':<{width}}  {'questions':<9}  cold_s  warm_s  claim"]
    for row in rows:
        questions = ",".join(map(str, row["questions"]))
        if "error" in row:
            verdict = f"ERROR {row['error']}"
        elif not row["condition_met"]:
            verdict = f"condition not met: {row['condition']}"
        else:
            verdict = "held" if row["claim_held"] else "FAILED"
        slow = []
        if row["cold_s"] is not None and row["cold_s"] > COLD_TARGET_S:
            slow.append(f"cold > {COLD_TARGET_S} s")
        if row["warm_s"] is not None and row["warm_s"] > WARM_TARGET_S:
            slow.append(f"warm > {WARM_TARGET_S} s")
        note = f"  (slow: {', '.join(slow)})" if slow else ""
        lines.append(
            f"{row['id']:<{width}}  {questions:<9}  {_seconds(row['cold_s'])}  "
            f"{_seconds(row['warm_s'])}  {verdict}{note}"
        )
    held = sum(1 for row in rows if row["claim_held"] and row["condition_met"])
    errors = sum(1 for row in rows if "error" in row)
    unmet = sum(1 for row in rows if not row["condition_met"])
    failed = len(rows) - held - errors - unmet
    colds = [row["cold_s"] for row in rows if row["cold_s"] is not None]
    warms = [row["warm_s"] for row in rows if row["warm_s"] is not None]
    summary = f"{len(rows)} demos: {held} claims held, {failed} failed, {errors} raised"
    if unmet:
        summary += f", {unmet} not applicable (condition not met on this data)"
    if colds:
        summary += f"; max cold {max(colds):.3f} s, max warm {max(warms):.3f} s"
        summary += f" (targets {COLD_TARGET_S} s / {WARM_TARGET_S} s)"
    lines.append(summary)
    on_files = sorted({(row["project"], row["data"]) for row in rows if row["data"] != "synthetic"})
    lines.append("data: " + (", ".join(f"{p}={name}" for p, name in on_files) or "synthetic"))
    return "\n".join(lines)


def _list(specs: list[DemoSpec], as_json: bool) -> str:
    if as_json:
        rows = [
            {
                "id": s.id,
                "project": s.project,
                "questions": list(s.questions),
                "title": s.title,
                "claim": s.claim,
                "uses_dataset": s.uses_dataset,
            }
            for s in specs
        ]
        return json.dumps(rows, ensure_ascii=False, indent=2)
    width = max([len(s.id) for s in specs] + [4])
    lines = [f"{s.id:<{width}}  {','.join(map(str, s.questions)):<9}  {s.title}" for s in specs]
    lines.append(f"{len(specs)} demos")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m simulacro demos`. Exit 1 if any claim fails or demo raises."""
    parser = argparse.ArgumentParser(
        prog="python -m simulacro demos",
        description="Run every demo once with its defaults and check its claim.",
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="run every demo, cold then warm")
    mode.add_argument("--list", action="store_true", help="list the registered demos")
    mode.add_argument(
        "--sweep",
        action="store_true",
        help="run every demo at its parameters' edges and random points (no crash allowed)",
    )
    parser.add_argument(
        "--data",
        action="append",
        default=[],
        metavar="PROJECT=PATH",
        help="run PROJECT's demos on this CSV (overrides $SIMULACRO_<PROJECT>_CSV)",
    )
    parser.add_argument("--random", type=int, default=8, help="random points per demo (sweep)")
    parser.add_argument(
        "--no-variants", action="store_true", help="sweep on the synthetic data only"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--only", default="", help="only demos whose id contains this text")
    parser.add_argument("--verbose", action="store_true", help="print tracebacks of errors")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    try:
        specs = list(registry.all_demos().values())
    except Exception as error:  # noqa: BLE001 - a broken project module: say which, exit 1
        print(f"cannot load the demo registry: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    if args.only:
        specs = [spec for spec in specs if args.only in spec.id]
    if args.list:
        print(_list(specs, args.json))
        return 0
    try:
        with_data = {spec.project for spec in registry.all_demos().values() if spec.uses_dataset}
        data = load_data(data_paths(args.data, with_data))
    except SchemaError as error:  # an invalid file fails loudly, never falls back
        print(f"cannot use the data set: {error}", file=sys.stderr)
        return 1
    if args.sweep:
        return run_sweep(specs, args, data)
    rows = run_checks(specs, data)
    if args.json:
        print(json.dumps([_public(row) for row in rows], indent=2))
    else:
        print(format_report(rows))
        if args.verbose:
            for row in rows:
                if "traceback" in row:
                    print(f"\n--- {row['id']}\n{row['traceback']}", file=sys.stderr)
    if not rows:
        print("no demos are registered (nothing to check)", file=sys.stderr)
    ok = all(passed(row) for row in rows)
    return 0 if ok else 1


def run_sweep(specs: list[DemoSpec], args: argparse.Namespace, data: DataSets) -> int:
    """`demos --sweep`: exit 1 when any point raised anything but a clear ValueError. The
    files of `--data` / $SIMULACRO_<PROJECT>_CSV are swept as well as the generated data."""
    from projects import sweep

    def progress(report: sweep.SweepReport) -> None:
        if not args.json:
            verdict = f"{len(report.failures)} FAILED" if report.failures else "ok"
            print(
                f"{report.id:<38} {report.data[:34]:<34} {report.points:4d} points "
                f"{report.rejected:3d} rejected  {report.seconds:6.2f} s  {verdict}",
                flush=True,
            )

    start = time.perf_counter()
    reports = sweep.sweep(
        specs, progress, data, random_count=args.random, with_variants=not args.no_variants
    )
    total = time.perf_counter() - start
    failures = sum(len(report.failures) for report in reports)
    if args.json:
        print(json.dumps([report.public() for report in reports], indent=2, default=str))
    else:
        for report in reports:
            for failure in report.failures:
                print(f"\n{report.id} on {report.data}: {failure['params']}\n  {failure['error']}")
        points = sum(report.points for report in reports)
        print(f"\n{len(specs)} demos, {points} points, {failures} failures, {total:.1f} s in total")
    return 1 if failures else 0


def bench() -> dict[str, Any]:
    """Plug-in of `python -m simulacro bench`: per-demo timings and the worst cold/warm."""
    rows = [_public(row) for row in run_checks()]
    colds = [row["cold_s"] for row in rows if row["cold_s"] is not None]
    warms = [row["warm_s"] for row in rows if row["warm_s"] is not None]
    return {
        "demos": rows,
        "demos_max_cold_s": max(colds) if colds else None,
        "demos_max_warm_s": max(warms) if warms else None,
        "demos_claims_failed": sum(1 for row in rows if not passed(row)),
    }


if __name__ == "__main__":
    sys.exit(main())
