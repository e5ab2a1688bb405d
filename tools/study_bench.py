"""Benchmark plug-in of the daily study loop (issue 15).

With 5,000 synthetic reviews in a temporary store: AppTest reruns of Home ("today", the
plan) and Progress (plan table and chart included), which `tools.bench` relates to the
trivial page (target <= 10x); the plan itself; the HTML study guide of the 115 questions
and the Anki export (target <= 3 s each). Exports are timed in wall-clock and CPU seconds:
CPU time is what they cost us on a machine shared with other work.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from tools.bench import median_ms
from tools.progress_bench import _page_rerun_ms, store_with_reviews

TARGETS = {"home_ratio_to_trivial": 10, "study_progress_ratio_to_trivial": 10,
           "guide_115_s": 3, "anki_115_s": 3}  # fmt: skip


def _timed(action) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return round(time.perf_counter() - wall, 3), round(time.process_time() - cpu, 3)


def bench_exports() -> dict:
    from simulacro.cli_export import load_for_export
    from simulacro.export_anki import build_deck, package_bytes
    from simulacro.export_guide import build_guide

    title, questions, key = load_for_export(None)
    build_guide(questions[:3], key, title=title)  # imports and Pygments lexers warmed
    guide = [_timed(lambda: build_guide(questions, key, title=title)) for _ in range(3)]
    anki = [
        _timed(lambda: package_bytes(build_deck(questions, key, deck_name="lead", title=title)))
        for _ in range(3)
    ]
    return {
        "guide_questions": len(questions),
        "guide_115_s": min(w for w, _ in guide),
        "guide_115_cpu_s": min(c for _, c in guide),
        "anki_115_s": min(w for w, _ in anki),
        "anki_115_cpu_s": min(c for _, c in anki),
    }


def bench() -> dict:
    """{"home_rerun_ms", "study_progress_rerun_ms", "plan_ms", "guide_115_s", ...}."""
    from simulacro.bank import load_bank
    from simulacro.plan import build_plan

    with store_with_reviews("simulacro-study-bench-") as (store, _):
        cards = store.cards()
        questions = load_bank().questions
        day = datetime.now(UTC).date() + timedelta(days=30)
        result = {
            "study_reviews": store.review_count(),
            "plan_ms": median_ms(lambda: build_plan(questions, cards, day), 9),
            "home_rerun_ms": _page_rerun_ms("pages/home.py"),
            "study_progress_rerun_ms": _page_rerun_ms("pages/progress.py"),
        }
    result.update(bench_exports())
    result["study_targets"] = TARGETS
    return result


if __name__ == "__main__":
    import json

    print(json.dumps(bench(), indent=2))
