"""Benchmark plug-in: the progress store on PostgreSQL next to SQLite, the same calls.

`bench()` times, on each engine: a review write (`record_review`: one transaction that reads
and advances the card), the reads the pages make on a learner with 1,000 reviews
(`reviews`, `cards`, `review_count`, `dump`), and 8 threads writing for 8 learners at once
(reviews per second). PostgreSQL is the server at $SIMULACRO_DATABASE_URL if set (a
database of its own is advisable: the bench writes learners named `bench-*` and removes
them), else a throwaway server from Debian's binaries (tools/postgres_server.py); without
either the figures are skipped with the reason. The throwaway server runs with fsync off,
so its write figures are a floor; SQLite's are with WAL and synchronous=NORMAL (no fsync
per commit either), so the two compare like for like.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from simulacro.store import ProgressStore
from simulacro.store_factory import DATABASE_URL_ENV
from simulacro.store_protocol import ProgressStoreLike
from tools.bench import timings_ms

ROOT = Path(__file__).resolve().parent.parent
N_WRITES = 200
N_READS = 30
N_FILLED = 1_000
N_THREADS = 8
N_THREAD_WRITES = 50


@contextlib.contextmanager
def _postgres_url() -> Iterator[tuple[str, str]]:
    """(url, where it came from); raises LookupError when no server can be had."""
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    if url:
        yield url, DATABASE_URL_ENV
        return
    from tools import postgres_server as helper

    if helper.postgres_bin_dir() is None:
        raise LookupError("no PostgreSQL: set SIMULACRO_DATABASE_URL or apt-get install postgresql")
    with helper.running_postgres() as server:
        yield server.create_database("bench"), "throwaway server (fsync off: writes are a floor)"


def _filled(store: ProgressStoreLike) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    reviews = [
        {
            "number": 1 + i % 115,
            "rating": ("again", "hard", "good", "easy")[i % 4],
            "duration_s": 10.0 + i % 50,
            "typed_answer": "respuesta sintética " * (i % 10),
            "covered": [f"punto {k}" for k in range(i % 4)],
            "reviewed_at": (start + timedelta(hours=i)).isoformat(),
            "overrides": {},
        }
        for i in range(N_FILLED)
    ]
    store.replace_all(
        {"cards": [], "reviews": reviews, "bookmarks": [], "notes": [], "mock_sessions": []}
    )
    for number in range(1, 116):  # cards come from real reviews
        store.record_review(number, "good", 5.0)


def _summary(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {
        "median_ms": round(statistics.median(values), 3),
        "p95_ms": round(values[max(0, int(len(values) * 0.95) - 1)], 3),
    }


def _measure(open_store: Callable[[str], ProgressStoreLike]) -> dict[str, object]:
    writer = open_store("writer")
    numbers = iter(range(10**6))
    out: dict[str, object] = {
        "record_review": _summary(
            timings_ms(lambda: writer.record_review(1 + next(numbers) % 115, "good", 3.0), N_WRITES)
        )
    }
    reader = open_store("reader")
    _filled(reader)
    for name in ("reviews", "cards", "review_count", "dump"):
        out[name] = _summary(timings_ms(getattr(reader, name), N_READS))
    stores = [open_store(f"t{k}") for k in range(N_THREADS)]
    start = threading.Barrier(N_THREADS + 1)

    def work(store: ProgressStoreLike) -> None:
        start.wait()
        for i in range(N_THREAD_WRITES):
            store.record_review(1 + i % 115, "hard", 2.0)

    threads = [threading.Thread(target=work, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    out[f"{N_THREADS}_learners_writing_reviews_per_s"] = round(
        N_THREADS * N_THREAD_WRITES / elapsed, 1
    )
    return out


def bench() -> dict[str, object]:
    report: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="simulacro-bench-store-") as folder:
        # SQLite in hosted mode keeps one file per learner: the same shape here.
        report["store_sqlite"] = _measure(lambda name: ProgressStore.open(Path(folder) / name))
    try:
        with _postgres_url() as (url, source):
            from simulacro import store_pg

            run = uuid.uuid4().hex[:8]
            learners: list[ProgressStoreLike] = []

            def open_pg(name: str) -> ProgressStoreLike:
                store = store_pg.open_store(url, deck="bench", learner=f"bench-{run}-{name}")
                learners.append(store)
                return store

            try:
                report["store_postgres"] = {"server": source, **_measure(open_pg)}
            finally:
                for store in learners:
                    store.reset()
                store_pg.close_pools()
    except (LookupError, OSError) as exc:
        report["store_postgres"] = {"skipped": str(exc)}
    return report


if __name__ == "__main__":
    import json

    json.dump(bench(), sys.stdout, indent=1)
    print()
