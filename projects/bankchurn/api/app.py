"""The BankChurn prediction service: `create_app(settings)` builds a FastAPI app.

Routes
    GET  /live              liveness: the process answers (never depends on the model)
    GET  /health            status report; 503 "degraded" when the model did not load
    GET  /ready             readiness: 200 only when predictions can be served
    GET  /metrics           Prometheus text format
    GET  /v1/model          what is being served (version, threshold, risk levels)
    POST /v1/predict        one customer -> probability, class, risk level, version, time
    POST /v1/predict/batch  up to `max_batch_size` customers, one vectorised call

Business routes are versioned in the path (question 75); probes and metrics are not,
because Kubernetes and Prometheus address them by a fixed path. Probes are `async def`
(trivial, never block); predictions are `def`, which FastAPI runs in its thread pool so
CPU-bound inference does not stall the event loop (question 77).
"""

import logging
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from starlette.exceptions import HTTPException as StarletteHTTPException

from projects.bankchurn.api.metrics import ApiMetrics
from projects.bankchurn.api.middleware import BodyLimitMiddleware, MetricsMiddleware
from projects.bankchurn.api.model import ModelHandle, load_model, score
from projects.bankchurn.api.schemas import (
    BatchResponse,
    CustomerData,
    ErrorResponse,
    PredictionResponse,
    batch_request_model,
)
from projects.bankchurn.api.settings import ApiSettings

API_VERSION = "v1"
RETRY_AFTER_S = 30
logger = logging.getLogger("simulacro.api")


class ModelUnavailableError(Exception):
    """No model is loaded: a known, temporary state (503 + Retry-After), not a bug (500)."""


def field_errors(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Pydantic's errors, each naming its field as a dotted path ("customers.17.Age").

    The offending input is not echoed back: it may be 10 MB, or a customer's data.
    """
    named = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] == "body":
            loc = loc[1:]
        if error.get("type") == "json_invalid":
            loc = []  # its loc is a character offset, not a field
        named.append(
            {
                "field": ".".join(loc) or "body",
                "msg": str(error.get("msg", "")),
                "type": str(error.get("type", "")),
            }
        )
    return named


def _model(request: Request) -> ModelHandle:
    model = request.app.state.model
    if model is None:
        raise ModelUnavailableError(request.app.state.load_error or "model not loaded")
    return model


def _versioned_routes(settings: ApiSettings, metrics: ApiMetrics) -> APIRouter:
    router = APIRouter(prefix=f"/{API_VERSION}", tags=["predictions"])
    BatchRequest = batch_request_model(settings.max_batch_size)
    errors = {422: {"model": ErrorResponse}, 503: {"model": ErrorResponse}}

    @router.get("/model")
    async def model_info(request: Request) -> dict[str, Any]:
        model = _model(request)
        low, high = model.risk_cut_points
        return {
            "model_version": model.version,
            "source": model.source,
            "loaded_at": model.loaded_at.isoformat(),
            "threshold": model.threshold,
            "risk_levels": {"low_below": low, "high_from": high},
            "max_batch_size": settings.max_batch_size,
        }

    @router.post("/predict", response_model=PredictionResponse, responses=errors)
    def predict(customer: CustomerData, request: Request) -> PredictionResponse:
        model = _model(request)
        scores = score(model, [customer])
        probability = float(scores.probability[0])
        metrics.churn_probability.observe(probability)
        return PredictionResponse(
            churn_probability=round(probability, 4),
            prediction=int(scores.prediction[0]),
            risk_level=str(scores.risk_level[0]),
            confidence=round(max(probability, 1 - probability), 4),
            model_version=model.version,
            timestamp=datetime.now(UTC),
        )

    @router.post("/predict/batch", response_model=BatchResponse, responses=errors)
    def predict_batch(batch: BatchRequest, request: Request) -> BatchResponse:  # type: ignore[valid-type]
        model = _model(request)
        scores = score(model, batch.customers)
        for probability in scores.probability:
            metrics.churn_probability.observe(float(probability))
        predictions = [
            {
                "index": i,
                "churn_probability": round(float(p), 4),
                "prediction": int(c),
                "risk_level": str(r),
            }
            for i, (p, c, r) in enumerate(
                zip(scores.probability, scores.prediction, scores.risk_level, strict=True)
            )
        ]
        return BatchResponse(
            predictions=predictions,
            count=len(predictions),
            model_version=model.version,
            timestamp=datetime.now(UTC),
        )

    return router


def _probe_routes(app: FastAPI, metrics: ApiMetrics) -> None:
    @app.get("/live", tags=["probes"])
    async def live() -> dict[str, str]:
        return {"status": "alive"}  # cheap, and independent of the model on purpose

    @app.get("/health", tags=["probes"])
    async def health(request: Request) -> JSONResponse:
        state = request.app.state
        loaded = state.model is not None
        body = {
            "status": "healthy" if loaded else "degraded",
            "model_loaded": loaded,
            "model_version": state.model.version if loaded else None,
            "load_error": state.load_error,  # the error's type, never a path or a traceback
            "uptime_s": round(time.monotonic() - state.started, 3),
        }
        return JSONResponse(body, status_code=200 if loaded else 503)

    @app.get("/ready", tags=["probes"])
    async def ready(request: Request) -> JSONResponse:
        loaded = request.app.state.model is not None
        return JSONResponse({"ready": loaded}, status_code=200 if loaded else 503)

    @app.get("/metrics", tags=["probes"])
    async def metrics_endpoint() -> Response:
        return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": field_errors(list(error.errors()))}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if error.status_code != 400:
            return await http_exception_handler(request, error)
        # FastAPI's only 400 here: a body that cannot even be decoded (bytes that are not
        # UTF-8). Say so in the same shape as a 422, naming the body.
        detail = [{"field": "body", "msg": str(error.detail), "type": "body_undecodable"}]
        return JSONResponse({"detail": detail}, status_code=400)

    @app.exception_handler(ModelUnavailableError)
    async def model_unavailable(request: Request, error: ModelUnavailableError) -> JSONResponse:
        return JSONResponse(
            {"detail": "Model not available, retry later"},
            status_code=503,
            headers={"Retry-After": str(RETRY_AFTER_S)},
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        error_id = uuid.uuid4().hex[:8]
        logger.error("unhandled error %s on %s", error_id, request.url.path, exc_info=error)
        return JSONResponse(
            {"detail": "Internal server error", "error_id": error_id}, status_code=500
        )


def create_app(
    settings: ApiSettings | None = None,
    loader: Callable[[ApiSettings], ModelHandle] = load_model,
) -> FastAPI:
    """A new app with its own metrics registry; the model loads in the lifespan."""
    settings = ApiSettings() if settings is None else settings
    metrics = ApiMetrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.model, app.state.load_error = None, None
        app.state.started = time.monotonic()
        try:
            app.state.model = loader(settings)  # once per process, never per request
        except Exception as error:  # noqa: BLE001 - any load failure means degraded mode
            app.state.load_error = type(error).__name__
            logger.error("model load failed: degraded mode", exc_info=error)
        metrics.model_loaded.set(1 if app.state.model is not None else 0)
        yield
        app.state.model = None  # shutdown: drop the reference

    app = FastAPI(
        title="BankChurn-Predictor API",
        version="1.0.0",
        summary="Churn probability, class and risk level for bank customers",
        lifespan=lifespan,
    )
    app.state.settings, app.state.metrics = settings, metrics
    app.state.model, app.state.load_error, app.state.started = None, "not started", time.monotonic()
    app.include_router(_versioned_routes(settings, metrics))
    _probe_routes(app, metrics)
    _error_handlers(app)
    # add_middleware wraps: the last added is the outermost. Metrics see every response
    # (413s and CORS preflights included); CORS headers go on 413s too.
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins(),
        allow_credentials=False,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "Authorization"],
    )
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    return app
