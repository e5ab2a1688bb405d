"""Benchmark plug-in of the BankChurn API: request latency through the whole ASGI stack.

`bench()` (listed in `tools.bench.BENCH_PLUGINS`) returns {"api": {...}}: the p50 and p95
of `POST /v1/predict` (one customer) and of `POST /v1/predict/batch` with 1,000 customers,
sent in-process with fastapi.testclient (validation, middlewares, model, serialisation;
no socket). Targets (issue 11): /predict p50 <= 10 ms, a 1,000-row batch p50 <= 300 ms.
`/live` is timed too: the floor that the client and the framework alone cost.
"""

from __future__ import annotations

import json
import statistics

from projects.bankchurn.api.client import in_process_client
from projects.bankchurn.api.schemas import FEATURES
from projects.bankchurn.data import generate
from tools.bench import timings_ms

TARGET_PREDICT_P50_MS = 10.0
TARGET_BATCH_1000_P50_MS = 300.0
BATCH_ROWS = 1_000


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))], 3)


def measure(single_repeats: int = 200, batch_repeats: int = 15) -> dict:
    rows = json.loads(generate(n_rows=BATCH_ROWS, seed=5)[list(FEATURES)].to_json(orient="records"))
    batch = {"customers": rows}
    with in_process_client() as client:
        for row in rows[:20]:  # warm: first requests pay lazy imports and caches
            client.post("/v1/predict", json=row)
        client.post("/v1/predict/batch", json=batch)
        live = timings_ms(lambda: client.get("/live"), single_repeats)
        cycle = iter(rows * (single_repeats // len(rows) + 1))
        single = timings_ms(lambda: client.post("/v1/predict", json=next(cycle)), single_repeats)
        many = timings_ms(lambda: client.post("/v1/predict/batch", json=batch), batch_repeats)
        assert client.post("/v1/predict/batch", json=batch).json()["count"] == BATCH_ROWS
    return {
        "live_p50_ms": round(statistics.median(live), 3),
        "predict_p50_ms": round(statistics.median(single), 3),
        "predict_p95_ms": _p(single, 0.95),
        "batch_1000_p50_ms": round(statistics.median(many), 3),
        "batch_1000_p95_ms": _p(many, 0.95),
        "targets": {
            "predict_p50_ms": TARGET_PREDICT_P50_MS,
            "batch_1000_p50_ms": TARGET_BATCH_1000_P50_MS,
        },
    }


def bench() -> dict:
    return {"api": measure()}
