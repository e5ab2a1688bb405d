"""The API demos, each declared once: function, parameters, questions and claim."""

from __future__ import annotations

from projects import params as P
from projects.api_demos import concepts
from projects.demo import DemoSpec, demo

PROJECT = "api"

DEMOS: list[DemoSpec] = [
    demo(
        PROJECT,
        concepts.request_validation,
        title="Send a request: Pydantic validation, 422 naming the field, the response contract",
        questions=(28, 29, 75),
        claim=(
            "Every malformed request (wrong type, out of range, unknown category, missing or "
            "misspelt field, not JSON, a bad row in a batch) gets a 4xx naming the field, a "
            "valid one gets probability, class, risk level, confidence and model version, and "
            "only the versioned /v1 path exists."
        ),
        params=(
            P.text(
                "payload",
                concepts.DEFAULT_PAYLOAD,
                max_chars=20_000,
                label="PAYLOAD",
                widget="text_area",
            ),
            P.options("path", concepts.PATHS, "/v1/predict", label="PATH"),
        ),
    ),
    demo(
        PROJECT,
        concepts.degraded_mode,
        title="Break the model file: lifespan loading and degraded mode",
        questions=(22, 23, 30, 44),
        claim=(
            "The model loads once per process in the lifespan, however many requests follow; "
            "with a missing or corrupt file the service still starts: /live stays 200, /health "
            "and /ready answer 503 and /v1/predict answers 503 with Retry-After, never a 500."
        ),
        params=(
            P.options("model_file", concepts.MODEL_FILES, "corrupt file", label="MODEL_FILE"),
            P.integer("predictions", 1, 30, 5, label="PREDICTIONS"),
        ),
    ),
    demo(
        PROJECT,
        concepts.prometheus_metrics,
        title="Prometheus metrics: counters and latency histograms on /metrics",
        questions=(25, 94),
        claim=(
            "Scraping /metrics after N valid and M invalid requests reads back exactly N 200s "
            "and M 422s for the /v1/predict route template, N + M latency observations and N "
            "predicted probabilities; the scrape config keeps relabel_configs at job level."
        ),
        params=(
            P.integer("valid_requests", 0, 100, 20, label="VALID_REQUESTS"),
            P.integer("invalid_requests", 0, 100, 5, label="INVALID_REQUESTS"),
        ),
    ),
    demo(
        PROJECT,
        concepts.cors_policy,
        title="CORS from settings: preflight requests per origin",
        questions=(40,),
        claim=(
            "In production the browser may read the API's answers only from the configured "
            "origins (none if the list is empty); in development without a list any origin is "
            "allowed."
        ),
        params=(
            P.options("app_env", ("production", "development"), "production", label="APP_ENV"),
            P.text(
                "allowed_origins",
                "https://crm.bank.example",
                max_chars=500,
                label="ALLOWED_ORIGINS",
            ),
            P.text("origin", "https://evil.example", max_chars=200, label="ORIGIN"),
        ),
    ),
    demo(
        PROJECT,
        concepts.async_vs_sync,
        title="def vs async def: what a blocking call does to the event loop",
        questions=(77,),
        claim=(
            "With a blocking call inside `async def`, a health probe waits for every request "
            "in flight (≈ concurrent × work time) and the calls run one after another; as "
            "`def` (FastAPI's thread pool) the probe answers at once."
        ),
        params=(
            P.integer("work_ms", 20, 150, 60, step=10, label="WORK_MS"),
            P.integer("concurrent", 2, 6, 4, label="CONCURRENT"),
        ),
    ),
    demo(
        PROJECT,
        concepts.batch_vs_single,
        title="Batch endpoint vs one request per customer; the same model behind API and dashboard",
        questions=(24, 53, 60),
        claim=(
            "A batch costs less than a fifth per customer of one request per customer, returns "
            "the same probabilities as the single endpoint and as the dashboard's in-process "
            "call (one artifact), and a batch over the limit is refused with a 422 on customers."
        ),
        params=(
            P.integer("rows", 10, 1_000, 200, step=10, label="ROWS"),
            P.integer("max_batch_size", 10, 1_000, 1_000, step=10, label="MAX_BATCH_SIZE"),
        ),
    ),
]
