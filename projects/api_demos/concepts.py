"""The API demos: real requests to the real BankChurn service, sent in-process.

Each function builds the app (`projects.bankchurn.api`), enters a TestClient (which runs
the lifespan, so the model loads as under uvicorn), sends requests and returns what came
back: `compute_*` returns the observations as a frozen dataclass, `present_*` turns them
into a DemoResult. Nothing is simulated: the statuses, bodies and metrics are the
service's own.
"""

from __future__ import annotations

import asyncio
import json
import logging
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import joblib
import pandas as pd
import plotly.graph_objects as go
import yaml
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families

from projects.bankchurn.api import ApiSettings
from projects.bankchurn.api.client import in_process_client
from projects.bankchurn.api.model import (
    ModelHandle,
    embedded_model,
    load_model,
    save_model,
    to_frame,
)
from projects.bankchurn.api.schemas import EXAMPLE_CUSTOMER, FEATURES, CustomerData
from projects.bankchurn.data import generate
from projects.demo import DemoResult
from projects.figures import figure_layout

JSON = {"content-type": "application/json"}
DEFAULT_PAYLOAD = json.dumps(EXAMPLE_CUSTOMER, indent=2)
PATHS = ("/v1/predict", "/v1/predict/batch", "/predict", "/v2/predict")
CONTRACT = {"churn_probability", "prediction", "risk_level", "confidence", "model_version"}
_LAYOUT = figure_layout(340)


def _customer(**changes: Any) -> str:
    return json.dumps({**EXAMPLE_CUSTOMER, **changes})


def _without(field: str) -> str:
    return json.dumps({k: v for k, v in EXAMPLE_CUSTOMER.items() if k != field})


# name -> (path, raw body, expected status, expected field or "" for none)
BAD_REQUESTS: dict[str, tuple[str, str, int, str]] = {
    "valid customer": ("/v1/predict", _customer(), 200, ""),
    "Age 15 (below 18)": ("/v1/predict", _customer(Age=15), 422, "Age"),
    'Age "42" (a string)': ("/v1/predict", _customer(Age="42"), 422, "Age"),
    "Geography Italy (never seen)": ("/v1/predict", _customer(Geography="Italy"), 422, "Geography"),
    "Tenure missing": ("/v1/predict", _without("Tenure"), 422, "Tenure"),
    "typo: age instead of Age": (
        "/v1/predict",
        json.dumps({**{k: v for k, v in EXAMPLE_CUSTOMER.items() if k != "Age"}, "age": 42}),
        422,
        "age",
    ),
    "not JSON": ("/v1/predict", "Age=42&Geography=France", 422, "body"),
    "batch with a bad row 2": (
        "/v1/predict/batch",
        json.dumps(
            {"customers": [EXAMPLE_CUSTOMER, EXAMPLE_CUSTOMER, {**EXAMPLE_CUSTOMER, "Tenure": 12}]}
        ),
        422,
        "customers.2.Tenure",
    ),
    "unversioned path /predict": ("/predict", _customer(), 404, ""),
}


def _fields(response: httpx.Response) -> list[str]:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return []
    return [item.get("field", "") for item in detail] if isinstance(detail, list) else []


def _pretty(response: httpx.Response) -> str:
    try:
        return json.dumps(response.json(), indent=2, ensure_ascii=False)
    except ValueError:
        return response.text[:2_000]


# ==================================================================== 28, 29, 75: validation
@dataclass(frozen=True)
class ValidationAnswers:
    """What the validation demo received: your request's answer and the catalogue's."""

    path: str
    status: int  # the status your body got
    fields: tuple[str, ...]  # the fields its errors named
    response: str  # its body, pretty-printed
    catalogue: pd.DataFrame  # request, path, status, fields named, as expected

    @property
    def claim_held(self) -> bool:
        """Every malformed request got its documented status and field; yours no 5xx."""
        return bool(self.catalogue["as expected"].all()) and self.status < 500


def compute_request_validation(
    payload: str = DEFAULT_PAYLOAD, path: str = "/v1/predict"
) -> ValidationAnswers:
    """Send YOUR body to the API, then every malformed request of the catalogue."""
    rows = []
    with in_process_client() as client:
        mine = client.post(path, content=payload.encode("utf-8"), headers=JSON)
        for name, (where, body, expected, field) in BAD_REQUESTS.items():
            answer = client.post(where, content=body.encode(), headers=JSON)
            fields = _fields(answer)
            ok = answer.status_code == expected and (not field or field in fields)
            if expected == 200:
                ok = ok and CONTRACT <= set(answer.json())
            rows.append(
                {
                    "request": name,
                    "path": where,
                    "status": answer.status_code,
                    "fields named": ", ".join(fields) or "—",
                    "as expected": ok,
                }
            )
    return ValidationAnswers(
        path, mine.status_code, tuple(_fields(mine)), _pretty(mine), pd.DataFrame(rows)
    )


def present_request_validation(found: ValidationAnswers) -> DemoResult:
    """Metrics, the catalogue table, sentences and the raw request/response panels."""
    return DemoResult(
        claim_held=found.claim_held,
        metrics={"your status": found.status, "fields named": ", ".join(found.fields) or "—"},
        tables={"Malformed requests and what the API answered": found.catalogue},
        notes=[
            "Edit the body: change `Age` to 15, `Geography` to `Italy`, delete a field or "
            "break the JSON. Pydantic validates before the model runs, and every error names "
            "its field (`customers.2.Tenure` inside a batch).",
            "Only `/v1/...` exists: the version is part of the path, so a v2 can change the "
            "contract while v1 clients keep working.",
        ],
        extra={"request": f"POST {found.path}", "response": found.response},
    )


def request_validation(payload: str = DEFAULT_PAYLOAD, path: str = "/v1/predict") -> DemoResult:
    """Send YOUR body to the API, next to a catalogue of malformed requests and their answers."""
    return present_request_validation(compute_request_validation(payload, path))


# ============================================================ 22, 23, 30, 44: degraded mode
MODEL_FILES = ("valid artifact", "missing file", "corrupt file", "not a BankChurn artifact")


def _write_model_file(kind: str, path: Path) -> None:
    if kind == "valid artifact":
        save_model(embedded_model(42), path)
    elif kind == "corrupt file":
        path.write_bytes(b"\x80\x04 this is not a pickle")
    elif kind == "not a BankChurn artifact":
        joblib.dump({"weights": [0.4, 0.6]}, path)


@contextmanager
def captured_log(name: str = "simulacro.api") -> Iterator[list[str]]:
    """The service's log lines during the block (shown to the learner, not on stderr)."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            error = f" ({record.exc_info[0].__name__})" if record.exc_info else ""
            lines.append(f"{record.levelname:<7} {record.name}: {record.getMessage()}{error}")

    logger = logging.getLogger(name)
    handler = Collect()
    logger.addHandler(handler)
    try:
        yield lines
    finally:
        logger.removeHandler(handler)


@dataclass(frozen=True)
class DegradedRun:
    """What the degraded-mode demo observed: model loads, each endpoint's answer, the log."""

    model_file: str
    loads: int  # how many times the loader ran
    answers: pd.DataFrame  # request, status, Retry-After, body
    health: dict[str, Any]  # the /health body
    log: tuple[str, ...]  # the service's log lines

    def status(self, request: str) -> int:
        return int(self.answers.set_index("request").loc[request, "status"])

    @property
    def claim_held(self) -> bool:
        """One load per process; /live 200 always; probes and predictions 200 with a valid
        artifact, 503 (not 500, not a crash) with a broken one."""
        expected = 200 if self.model_file == "valid artifact" else 503
        predicts = self.answers[self.answers["request"].str.startswith("POST")]["status"]
        return bool(
            self.loads == 1
            and self.status("GET /live") == 200
            and self.status("GET /health") == expected
            and self.status("GET /ready") == expected
            and set(predicts) == {expected}
        )


def compute_degraded_mode(model_file: str = "corrupt file", predictions: int = 5) -> DegradedRun:
    """Start the service on a model file (valid or broken) and probe every endpoint."""
    loads: list[float] = []

    def counting_loader(settings: ApiSettings) -> ModelHandle:
        loads.append(time.perf_counter())
        return load_model(settings)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.joblib"
        _write_model_file(model_file, path)
        settings = ApiSettings(model_path=path)
        with captured_log() as log, in_process_client(settings, loader=counting_loader) as client:
            answers = {
                "GET /live": client.get("/live"),
                "GET /health": client.get("/health"),
                "GET /ready": client.get("/ready"),
            }
            for i in range(predictions):
                answers[f"POST /v1/predict #{i + 1}"] = client.post(
                    "/v1/predict", json=EXAMPLE_CUSTOMER
                )
    rows = [
        {
            "request": name,
            "status": answer.status_code,
            "Retry-After": answer.headers.get("retry-after", ""),
            "body": answer.text[:120],
        }
        for name, answer in answers.items()
    ]
    return DegradedRun(
        model_file, len(loads), pd.DataFrame(rows), answers["GET /health"].json(), tuple(log)
    )


def present_degraded_mode(found: DegradedRun) -> DemoResult:
    """Metrics, the endpoint table, sentences and the /health and log panels."""
    health = found.health
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "model loads": found.loads,
            "requests served": len(found.answers),
            "status": health["status"],
            "load error": health["load_error"] or "—",
        },
        tables={"What each endpoint answered": found.answers},
        notes=[
            "The model is loaded in FastAPI's `lifespan`, once per process: the loader ran "
            f"{found.loads} time(s) for {len(found.answers)} requests.",
            "With a broken file the process does not die (no CrashLoopBackOff): `/live` stays "
            "200 so Kubernetes does not restart it, `/ready` answers 503 so it gets no traffic, "
            "and `/v1/predict` says 503 with `Retry-After` instead of a 500.",
        ],
        extra={
            "/health": json.dumps(health, indent=2),
            "log": "\n".join(found.log) or "(nothing logged)",
        },
    )


def degraded_mode(model_file: str = "corrupt file", predictions: int = 5) -> DemoResult:
    """Start the service on a model file (valid or broken) and probe every endpoint."""
    return present_degraded_mode(compute_degraded_mode(model_file, predictions))


# ================================================================ 25, 94: Prometheus metrics
SCRAPE_CONFIG = {
    "scrape_configs": [
        {
            "job_name": "bankchurn-predictor",
            "kubernetes_sd_configs": [{"role": "pod", "namespaces": {"names": ["ml-portfolio"]}}],
            # relabel_configs is a sibling of kubernetes_sd_configs (inside it, Prometheus
            # refuses the file); it is what makes the prometheus.io/* annotations count.
            "relabel_configs": [
                {
                    "source_labels": ["__meta_kubernetes_pod_annotation_prometheus_io_scrape"],
                    "action": "keep",
                    "regex": "true",
                },
                {
                    "source_labels": ["__meta_kubernetes_pod_annotation_prometheus_io_path"],
                    "action": "replace",
                    "target_label": "__metrics_path__",
                    "regex": "(.+)",
                },
            ],
        }
    ]
}


def _samples(exposition: str) -> list[tuple[str, dict[str, str], float]]:
    return [
        (sample.name, dict(sample.labels), sample.value)
        for family in text_string_to_metric_families(exposition)
        for sample in family.samples
    ]


@dataclass(frozen=True)
class ScrapedMetrics:
    """What the metrics demo sent and what Prometheus' parser read back from /metrics."""

    valid_requests: int
    invalid_requests: int
    samples: tuple[tuple[str, dict[str, str], float], ...]  # (name, labels, value)
    exposition: str  # the raw /metrics text
    scrape_config_ok: bool  # relabel_configs beside kubernetes_sd_configs, not inside

    def value(self, name: str, **labels: str) -> float:
        return sum(v for n, lab, v in self.samples if n == name and labels.items() <= lab.items())

    @property
    def counted_ok(self) -> float:
        return self.value("api_requests_total", endpoint="/v1/predict", status="200")

    @property
    def counted_bad(self) -> float:
        return self.value("api_requests_total", endpoint="/v1/predict", status="422")

    @property
    def timed(self) -> float:
        return self.value("api_request_latency_seconds_count", endpoint="/v1/predict")

    @property
    def buckets(self) -> list[tuple[str, float]]:
        return [
            (lab["le"], v)
            for n, lab, v in self.samples
            if n == "api_request_latency_seconds_bucket" and lab.get("endpoint") == "/v1/predict"
        ]

    @property
    def claim_held(self) -> bool:
        """The counters and the histogram count exactly what was sent."""
        return bool(
            self.counted_ok == self.valid_requests
            and self.counted_bad == self.invalid_requests
            and self.timed == self.valid_requests + self.invalid_requests
            and self.value("churn_probability_count") == self.valid_requests
            and self.scrape_config_ok
        )


def compute_prometheus_metrics(
    valid_requests: int = 20, invalid_requests: int = 5
) -> ScrapedMetrics:
    """Send a mix of requests, scrape /metrics and read it back with Prometheus' parser."""
    with in_process_client() as client:
        for _ in range(valid_requests):
            client.post("/v1/predict", json=EXAMPLE_CUSTOMER)
        for _ in range(invalid_requests):
            client.post("/v1/predict", json={**EXAMPLE_CUSTOMER, "Age": 7})
        exposition = client.get("/metrics").text
    job = SCRAPE_CONFIG["scrape_configs"][0]
    config_ok = "relabel_configs" in job and all(
        "relabel_configs" not in sd for sd in job["kubernetes_sd_configs"]
    )
    return ScrapedMetrics(
        valid_requests, invalid_requests, tuple(_samples(exposition)), exposition, config_ok
    )


def present_prometheus_metrics(found: ScrapedMetrics) -> DemoResult:
    """The latency histogram, the counters table, sentences and the raw panels."""
    buckets = found.buckets
    figure = go.Figure(go.Bar(x=[le for le, _ in buckets], y=[v for _, v in buckets]))
    figure.update_layout(
        title="Latency histogram of /v1/predict (cumulative buckets, seconds)", **_LAYOUT
    )
    table = pd.DataFrame(
        [
            {"metric": n, "labels": ", ".join(f"{k}={v}" for k, v in lab.items()), "value": v}
            for n, lab, v in found.samples
            if n in {"api_requests_total", "churn_probability_count", "model_loaded"}
        ]
    )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "200s counted": int(found.counted_ok),
            "422s counted": int(found.counted_bad),
            "requests timed": int(found.timed),
            "predictions observed": int(found.value("churn_probability_count")),
        },
        figures=[figure],
        tables={"Counters scraped from /metrics": table},
        notes=[
            "Labels are the route template (`/v1/predict`), never the raw URL, so a scanner "
            "hitting random paths cannot explode the number of time series.",
            "The latency is a histogram, not an average: Prometheus computes p95 across pods "
            "with `histogram_quantile(0.95, rate(api_request_latency_seconds_bucket[5m]))`.",
        ],
        extra={
            "metrics": "\n".join(
                line for line in found.exposition.splitlines() if "api_requests" in line
            )[:3_000],
            "prometheus.yml": yaml.safe_dump(SCRAPE_CONFIG, sort_keys=False),
        },
    )


def prometheus_metrics(valid_requests: int = 20, invalid_requests: int = 5) -> DemoResult:
    """Send a mix of requests, scrape /metrics and read it back with Prometheus' parser."""
    return present_prometheus_metrics(compute_prometheus_metrics(valid_requests, invalid_requests))


# =========================================================================== 40: CORS
TRIAL_ORIGINS = ("https://crm.bank.example", "http://localhost:3000", "https://evil.example")


@dataclass(frozen=True)
class Preflights:
    """What the CORS demo observed: the allowed list and each origin's preflight answer."""

    listed: tuple[str, ...]  # the origins the settings allow ("*" in development)
    table: pd.DataFrame  # origin, status, Allow-Origin, browser may read, as configured

    @property
    def yours_allowed(self) -> bool:
        return bool(self.table.iloc[0]["browser may read the answer"])

    @property
    def claim_held(self) -> bool:
        """Every origin was allowed exactly when the settings list it (or allow `*`)."""
        return bool(self.table["as configured"].all())


def compute_cors_policy(
    app_env: str = "production",
    allowed_origins: str = "https://crm.bank.example",
    origin: str = "https://evil.example",
) -> Preflights:
    """A browser's preflight (OPTIONS) from your origin and the trial ones."""
    settings = ApiSettings(app_env=app_env, cors_origins=allowed_origins)
    listed = tuple(settings.allowed_origins())
    rows = []
    with in_process_client(settings) as client:
        for trial in dict.fromkeys((origin, *TRIAL_ORIGINS)):
            answer = client.options(
                "/v1/predict",
                headers={"Origin": trial, "Access-Control-Request-Method": "POST"},
            )
            allowed = "access-control-allow-origin" in answer.headers
            expected = "*" in listed or trial in listed
            rows.append(
                {
                    "origin": trial,
                    "preflight status": answer.status_code,
                    "Access-Control-Allow-Origin": answer.headers.get(
                        "access-control-allow-origin", "—"
                    ),
                    "browser may read the answer": allowed,
                    "as configured": allowed == expected,
                }
            )
    return Preflights(listed, pd.DataFrame(rows))


def present_cors_policy(found: Preflights) -> DemoResult:
    """Metrics, the preflight table and sentences."""
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "allowed origins": ", ".join(found.listed) or "none",
            "your origin allowed": found.yours_allowed,
        },
        tables={"Preflight requests": found.table},
        notes=[
            "Development with no list allows `*`; production allows only the listed origins "
            "(SIMULACRO_API_CORS_ORIGINS, a ConfigMap value), so changing a domain is a "
            "config change, not a release.",
            "CORS is enforced by the browser: `curl` ignores it, so it is no substitute for "
            "authentication.",
        ],
    )


def cors_policy(
    app_env: str = "production",
    allowed_origins: str = "https://crm.bank.example",
    origin: str = "https://evil.example",
) -> DemoResult:
    """A browser's preflight (OPTIONS) from an origin, against the CORS settings."""
    return present_cors_policy(compute_cors_policy(app_env, allowed_origins, origin))


# ===================================================================== 77: async vs sync
def _blocking_app(work_ms: float) -> FastAPI:
    """Two endpoints doing the same blocking call (a sync driver, a GIL-releasing library
    call such as a big NumPy/sklearn operation): one as `def`, one as `async def`."""
    app = FastAPI()

    @app.get("/work/def")
    def work_in_thread_pool() -> dict[str, str]:
        time.sleep(work_ms / 1000)
        return {"done": "def"}

    @app.get("/work/async")
    async def work_on_event_loop() -> dict[str, str]:
        time.sleep(work_ms / 1000)  # the mistake: a blocking call inside async def
        return {"done": "async def"}

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


async def _health_latency(app: FastAPI, path: str, concurrent: int) -> tuple[float, float]:
    """(ms until a /health probe sent with `concurrent` work requests is answered, total ms)."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:

        async def timed(url: str) -> float:
            await client.get(url)
            return (time.perf_counter() - start) * 1000

        start = time.perf_counter()
        work = [asyncio.create_task(timed(path)) for _ in range(concurrent)]
        probe = asyncio.create_task(timed("/health"))
        done = await asyncio.gather(*work, probe)
        return done[-1], max(done)


@dataclass(frozen=True)
class ProbeWaits:
    """What the async-vs-sync demo timed: the probe's wait and the total, per endpoint kind."""

    work_ms: int
    concurrent: int
    sync_wait: float  # ms until /health answered while `def` endpoints worked
    sync_total: float
    async_wait: float  # the same with the blocking call inside `async def`
    async_total: float

    @property
    def table(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    "endpoint": "def (thread pool)",
                    "health probe answered after (ms)": self.sync_wait,
                    "all work done after (ms)": self.sync_total,
                },
                {
                    "endpoint": "async def (event loop)",
                    "health probe answered after (ms)": self.async_wait,
                    "all work done after (ms)": self.async_total,
                },
            ]
        )

    @property
    def claim_held(self) -> bool:
        serial = self.work_ms * self.concurrent * 0.9
        return bool(
            self.async_wait >= serial  # the probe queued behind every blocking call
            and self.async_total >= serial  # which ran one after another
            # while with def the loop stayed free: the probe answered at least half a
            # blocking call sooner (an absolute margin: a ratio fails on a loaded machine)
            and self.sync_wait + self.work_ms / 2 < self.async_wait
        )


def compute_async_vs_sync(work_ms: int = 60, concurrent: int = 4) -> ProbeWaits:
    """Time a health probe sent with `concurrent` blocking requests, as `def` and `async def`."""
    app = _blocking_app(work_ms)
    timings = []
    for path in ("/work/def", "/work/async"):
        # A fresh thread owns a fresh event loop: asyncio.run() refuses to start inside
        # a running loop (a caller's, e.g. an async test harness or Playwright's).
        with ThreadPoolExecutor(max_workers=1) as runner:
            probe_ms, total_ms = runner.submit(
                asyncio.run, _health_latency(app, path, concurrent)
            ).result()
        timings += [round(probe_ms, 1), round(total_ms, 1)]
    return ProbeWaits(work_ms, concurrent, *timings)


def present_async_vs_sync(found: ProbeWaits) -> DemoResult:
    """The probe-wait bars, metrics, the timing table and sentences."""
    table = found.table
    figure = go.Figure(go.Bar(x=table["endpoint"], y=table["health probe answered after (ms)"]))
    figure.update_layout(
        title="How long /health waited while the work ran", yaxis_title="ms", **_LAYOUT
    )
    caption = f"{found.concurrent} concurrent requests with a {found.work_ms} ms blocking call each"
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "probe wait, def": f"{found.sync_wait:.1f} ms",
            "probe wait, async def": f"{found.async_wait:.1f} ms",
            "all done, def": f"{found.sync_total:.0f} ms",
            "all done, async def": f"{found.async_total:.0f} ms",
        },
        figures=[figure],
        tables={caption: table},
        notes=[
            "`async def` runs on the event loop: a blocking call there stalls every other "
            "request, the probes included (Kubernetes may then restart a healthy pod), and "
            "the calls run one after another.",
            "`def` endpoints run in FastAPI's thread pool, so the loop stays free. Inference "
            "is blocking work: `def`. Awaited I/O (httpx.AsyncClient, an async driver): "
            "`async def`. Pure-Python CPU loops hold the GIL either way: more workers "
            "(processes) are the fix there.",
        ],
    )


def async_vs_sync(work_ms: int = 60, concurrent: int = 4) -> DemoResult:
    """Blocking endpoints as `def` vs `async def`: how long a health probe waits meanwhile."""
    return present_async_vs_sync(compute_async_vs_sync(work_ms, concurrent))


# ================================================= 24, 53, 60: batch, and one model two UIs
def _timed(action: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = action()
    return result, (time.perf_counter() - start) * 1000


@dataclass(frozen=True)
class BatchCost:
    """What the batch demo timed and compared: one batch vs one request per customer."""

    rows: int
    max_batch_size: int
    sample: int  # customers also sent one by one
    batch_status: int
    batch_ms: float
    single_ms: float  # for the whole sample, one request each
    same: bool  # batch, single requests and the in-process pipeline agree to 1e-9
    over_limit_status: int  # a batch of max_batch_size + 1
    over_limit_refused: bool  # ... refused with a 422 naming `customers`

    @property
    def per_row_single(self) -> float:
        return self.single_ms / self.sample

    @property
    def per_row_batch(self) -> float:
        return self.batch_ms / self.rows if self.batch_status == 200 else float("nan")

    @property
    def claim_held(self) -> bool:
        """Over the limit refused; within it, same answers at under 1/5 of the cost each."""
        if self.rows > self.max_batch_size:
            return self.over_limit_refused and self.batch_status == 422
        return bool(
            self.over_limit_refused and self.same and self.per_row_batch * 5 < self.per_row_single
        )


def compute_batch_vs_single(rows: int = 200, max_batch_size: int = 1_000) -> BatchCost:
    """One batch request vs one request per customer vs the dashboard's in-process call."""
    frame = generate(n_rows=rows, seed=11)[list(FEATURES)]
    customers = json.loads(frame.to_json(orient="records"))
    sample = customers[: min(rows, 20)]
    pipeline = embedded_model(42).pipeline
    with in_process_client(ApiSettings(max_batch_size=max_batch_size)) as client:
        client.post("/v1/predict", json=sample[0])  # warm-up
        batch, batch_ms = _timed(
            lambda: client.post("/v1/predict/batch", json={"customers": customers})
        )
        singles, single_ms = _timed(
            lambda: [client.post("/v1/predict", json=c).json() for c in sample]
        )
        over = client.post(
            "/v1/predict/batch", json={"customers": [EXAMPLE_CUSTOMER] * (max_batch_size + 1)}
        )
    direct = pipeline.predict_proba(to_frame([CustomerData(**c) for c in sample]))[:, 1]
    api_single = [s["churn_probability"] for s in singles]
    same = False
    if batch.status_code == 200:
        from_batch = [p["churn_probability"] for p in batch.json()["predictions"][: len(sample)]]
        same = (
            max(abs(a - b) for a, b in zip(from_batch, api_single, strict=True)) < 1e-9
            and max(abs(round(float(d), 4) - s) for d, s in zip(direct, api_single, strict=True))
            < 1e-9
        )
    return BatchCost(
        rows,
        max_batch_size,
        len(sample),
        batch.status_code,
        batch_ms,
        single_ms,
        bool(same),
        over.status_code,
        over.status_code == 422 and _fields(over) == ["customers"],
    )


def present_batch_vs_single(found: BatchCost) -> DemoResult:
    """Metrics, the cost table and sentences."""
    table = pd.DataFrame(
        [
            {
                "path": "API, one request per customer",
                "ms per customer": round(found.per_row_single, 3),
            },
            {
                "path": f"API, one batch of {found.rows}",
                "ms per customer": round(found.per_row_batch, 3),
            },
        ]
    )
    limit = found.max_batch_size
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "batch status": found.batch_status,
            "batch ms": round(found.batch_ms, 1),
            "single ms each": round(found.per_row_single, 2),
            "same probabilities": found.same,
            f"batch of {limit + 1}": found.over_limit_status,
        },
        tables={"Cost per customer": table},
        notes=[
            "The batch endpoint validates every row with the same schema and makes ONE "
            "vectorised `predict_proba` call; a request per customer pays HTTP, validation "
            "and Python overhead each time.",
            "The dashboard (in-process `pipeline.predict_proba`) and the API serve the same "
            "artifact, so they give the same probabilities: one model, two front ends.",
            f"Over the limit ({limit}) the whole batch gets a 422 on `customers`: "
            "large jobs go to an offline batch job, not to the interactive API.",
        ],
    )


def batch_vs_single(rows: int = 200, max_batch_size: int = 1_000) -> DemoResult:
    """One batch request vs one request per customer vs the dashboard's in-process call."""
    return present_batch_vs_single(compute_batch_vs_single(rows, max_batch_size))
