"""Benchmark plug-in of the progress store, the Quiz page and the Progress page.

`bench()` builds a temporary store with 5,000 synthetic reviews, times a review write, and
times AppTest reruns of pages/quiz.py and pages/progress.py against that store. The lead's
`tools.bench` merges the dict into its JSON and compares the reruns with the trivial
page. Targets (issue 5): a review write <= 10 ms; page reruns <= 10x the trivial page.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from simulacro.store import ENV_VAR, ProgressStore
from simulacro.store_schema import RATINGS
from tools.bench import median_ms, timings_ms

ROOT = Path(__file__).resolve().parent.parent
N_REVIEWS = 5_000
N_WRITES = 100
N_RERUNS = 9


def fill_store(store: ProgressStore, n: int = N_REVIEWS, seed: int = 11) -> None:
    """`n` reviews spread over the last 90 days on random questions (plus a few extras)."""
    rng = random.Random(seed)
    start = datetime.now(UTC) - timedelta(days=90)
    step = timedelta(days=90) / n
    for i in range(n):
        number = rng.randint(1, 115)
        store.record_review(
            number,
            rng.choice(RATINGS),
            rng.uniform(5, 120),
            typed_answer="respuesta sintética " * rng.randint(0, 20),
            covered=[f"punto {k}" for k in range(rng.randint(0, 4))],
            when=start + step * i,
        )
    for number in rng.sample(range(1, 116), 10):
        store.set_bookmark(number, True)
        store.set_note(number, "nota de prueba")


def _page_rerun_ms(page: str, prepare: Callable | None = None) -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(page).run()
    if prepare is not None:
        prepare(at)
    if at.exception:
        raise RuntimeError(f"{page} raised: {at.exception[0].message}")
    at.run()  # warm caches (bank, answer key, store) before timing
    return median_ms(at.run, N_RERUNS)


def _reveal_a_card(at) -> None:
    at.radio(key="quiz_mode").set_value("weakest")
    at.button(key="quiz_start").click().run()
    at.text_area(key="quiz_answer").input("umbral de decisión y validación cruzada")
    at.button(key="quiz_reveal").click().run()


@contextmanager
def store_with_reviews(prefix: str = "simulacro-bench-") -> Iterator[tuple[ProgressStore, float]]:
    """A temporary progress folder (ENV_VAR points at it) whose store holds 5,000 reviews.

    Yields (store, seconds it took to build). The reviews are built in memory, then written
    in one transaction: the same rows as 5,000 record_review calls, without 5,000 commits to
    wait for. On exit the variable is restored and Streamlit's caches are cleared.
    """
    previous = os.environ.get(ENV_VAR)
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        os.environ[ENV_VAR] = folder
        try:
            store = ProgressStore.open()
            started = time.perf_counter()
            scratch = ProgressStore.in_memory()
            fill_store(scratch)
            store.replace_all(scratch.dump())
            yield store, time.perf_counter() - started
        finally:
            if previous is None:
                os.environ.pop(ENV_VAR, None)
            else:
                os.environ[ENV_VAR] = previous
            _clear_streamlit_caches()


def bench() -> dict:
    """{"review_write_ms", "quiz_rerun_ms", "quiz_setup_rerun_ms", "progress_rerun_ms", ...}."""
    with store_with_reviews() as (store, fill_s):
        counter = iter(range(10**6))
        cpu_started = time.process_time()
        writes = timings_ms(
            lambda: store.record_review(1 + next(counter) % 115, "good", 10.0, "x"),
            N_WRITES,
        )
        # CPU time per write: what the write costs us, independent of machine load.
        cpu_ms = (time.process_time() - cpu_started) * 1000 / N_WRITES
        return {
            "progress_reviews": store.review_count(),
            "review_write_ms": round(statistics.median(writes), 2),
            "review_write_p95_ms": round(statistics.quantiles(writes, n=20)[-1], 2),
            "review_write_cpu_ms": round(cpu_ms, 2),
            "store_build_5000_s": round(fill_s, 2),
            "quiz_setup_rerun_ms": _page_rerun_ms("pages/quiz.py"),
            "quiz_rerun_ms": _page_rerun_ms("pages/quiz.py", _reveal_a_card),
            "progress_rerun_ms": _page_rerun_ms("pages/progress.py"),
        }


def _clear_streamlit_caches() -> None:
    import sys

    if "streamlit" in sys.modules:
        import streamlit as st

        st.cache_data.clear()
        st.cache_resource.clear()


if __name__ == "__main__":
    import json

    print(json.dumps(bench(), indent=2))
