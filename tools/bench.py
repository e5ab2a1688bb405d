"""`python -m simulacro bench [--json]`: the speed and memory figures the issues ask for.

Page reruns are reported next to the rerun of a trivial one-line page measured in the same
run, so the ratio means something on any machine. Features add their own figures through
`BENCH_PLUGINS` (each a `module:function` returning a dict merged into the report).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from simulacro.bank import load_bank
from simulacro.search import SearchIndex
from tools.server import running_app

ROOT = Path(__file__).resolve().parent.parent
PAGES = (
    "pages/home.py",
    "pages/browse.py",
    "pages/demos.py",
    "pages/quiz.py",
    "pages/mock_interview.py",
    "pages/progress.py",
)
BENCH_PLUGINS = (
    "tools.demos_cli:bench",
    "tools.progress_bench:bench",
    "tools.mock_bench:bench",
    "tools.api_bench:bench",
    "tools.grading_bench:bench",
    "tools.decks_bench:bench",
    "tools.study_bench:bench",
    "tools.store_pg_bench:bench",
    "tools.load_bench:bench",
)
SEARCH_QUERIES = (
    "mape",
    "regularizacion",
    "leakage",
    "58",
    "kubernetes rolling update",
    "fairness disparate impact",
    "zzzz",
)
TRIVIAL_PAGE = "import streamlit as st\nst.write('trivial')\n"
TARGETS = {
    "bank_load_ms": 50,
    "search_ms": 5,
    "start_to_healthy_s": 3,
    "browse_ratio_to_trivial": 10,
}


def timings_ms(action: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of each of `repeat` calls, with the garbage collector paused (as timeit
    does): a collection landing in one call would otherwise swing a page's figure by 2x."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        timings = []
        for _ in range(repeat):
            start = time.perf_counter()
            action()
            timings.append((time.perf_counter() - start) * 1000)
        return timings
    finally:
        if was_enabled:
            gc.enable()


def median_ms(action: Callable[[], object], repeat: int) -> float:
    return round(statistics.median(timings_ms(action, repeat)), 3)


def bench_bank() -> dict:
    load_bank()  # warm the file cache: we measure parsing, not the disk
    bank_ms = median_ms(load_bank, 15)
    bank = load_bank()
    index = SearchIndex(bank.questions)
    search_ms = max(median_ms(lambda q=q: index.search(q), 50) for q in SEARCH_QUERIES)
    return {"questions": len(bank.questions), "bank_load_ms": bank_ms, "search_ms": search_ms}


def rerun_ms(app_test, repeat: int = 9) -> float:
    """Median time of a rerun of an AppTest that has already run once (warm caches)."""
    app_test.run()
    return median_ms(app_test.run, repeat)


def bench_pages(data_dir: str) -> dict:
    from streamlit.testing.v1 import AppTest

    os.environ.setdefault("SIMULACRO_DATA_DIR", data_dir)
    trivial = rerun_ms(AppTest.from_string(TRIVIAL_PAGE, default_timeout=120))
    pages = {}
    for page in PAGES:
        if not (ROOT / page).exists():
            continue
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        app.run()
        app.switch_page(page)
        page_ms = rerun_ms(app)
        if app.exception:
            pages[page] = {"error": str(app.exception[0].value)[:200]}
            continue
        pages[page] = {"rerun_ms": page_ms, "ratio_to_trivial": round(page_ms / trivial, 2)}
    return {"trivial_rerun_ms": trivial, "pages": pages}


def bench_start(data_dir: str) -> dict:
    """Seconds from `streamlit run app.py` to a healthy server."""
    try:
        with running_app(data_dir) as (_, seconds):
            return {"start_to_healthy_s": round(seconds, 3)}
    except RuntimeError:
        return {"start_to_healthy_s": None}


PLUGIN_RUNNER = (
    "import json, logging, sys\n"
    "logging.getLogger('streamlit').setLevel(logging.ERROR)\n"
    "from importlib import import_module\n"
    "module, function = sys.argv[1].split(':')\n"
    "print(json.dumps(getattr(import_module(module), function)()))\n"
)


def run_plugins() -> dict:
    """Each plug-in in a fresh process: demos are then really cold, and one plug-in's
    memory (models, data frames) does not slow the next one's page reruns."""
    report: dict = {}
    for target in BENCH_PLUGINS:
        module_name = target.split(":")[0]
        if importlib.util.find_spec(module_name) is None:
            continue  # feature not built yet
        done = subprocess.run(
            [sys.executable, "-c", PLUGIN_RUNNER, target],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        if done.returncode != 0:
            report[f"{module_name}_error"] = done.stderr.strip().splitlines()[-1:]
            continue
        report.update(json.loads(done.stdout.strip().splitlines()[-1]))
    return report


def collect(skip_plugins: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as data_dir:
        report = bench_bank()
        report.update(bench_start(data_dir))
        report.update(bench_pages(data_dir))
        if not skip_plugins:
            report.update(run_plugins())
    # Plug-ins time pages against a store of their own; relate those to the same trivial run.
    for key in ("quiz_rerun_ms", "progress_rerun_ms", "home_rerun_ms", "study_progress_rerun_ms"):
        if isinstance(report.get(key), int | float):
            ratio_key = key.replace("_rerun_ms", "_ratio_to_trivial")
            report[ratio_key] = round(report[key] / report["trivial_rerun_ms"], 2)
    # The largest process: this one (pages) or a plug-in's (demos train the models).
    peak_kb = max(
        resource.getrusage(who).ru_maxrss
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    report["peak_rss_mb"] = round(peak_kb / 1024, 1)
    report["cpu_count"] = os.cpu_count()
    report["targets"] = TARGETS
    return report


def format_report(report: dict) -> str:
    lines = [
        f"bank load + validate   {report['bank_load_ms']:8.2f} ms  "
        f"(target <= {TARGETS['bank_load_ms']} ms, {report['questions']} questions)",
        f"search (worst query)   {report['search_ms']:8.3f} ms  "
        f"(target <= {TARGETS['search_ms']} ms)",
        f"start to healthy       {report['start_to_healthy_s']} s  "
        f"(target <= {TARGETS['start_to_healthy_s']} s)",
        f"trivial page rerun     {report['trivial_rerun_ms']:8.1f} ms",
    ]
    for page, figures in report["pages"].items():
        if "error" in figures:
            lines.append(f"  {page:<26} ERROR {figures['error']}")
        else:
            lines.append(
                f"  {page:<26} {figures['rerun_ms']:8.1f} ms  "
                f"x{figures['ratio_to_trivial']} trivial"
            )
    shown = {
        "questions",
        "bank_load_ms",
        "search_ms",
        "start_to_healthy_s",
        "trivial_rerun_ms",
        "pages",
        "targets",
    }
    for key, value in report.items():
        if key not in shown:
            lines.append(f"{key:<22} {json.dumps(value, ensure_ascii=False)[:300]}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulacro bench")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-plugins", action="store_true", help="core figures only")
    args = parser.parse_args(argv)
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    report = collect(skip_plugins=args.no_plugins)
    print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else format_report(report))
    return 0
