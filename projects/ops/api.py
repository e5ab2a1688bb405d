"""API error handling: exceptions mapped to HTTP status codes (questions 73, 26).

Pure simulations (no Streamlit): compute_* returns numbers, present_* the DemoResult; the
demo's declared params (projects/ops/demos.py) are validated before these functions run.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from projects.demo import DemoResult


# ============================================================ 73, 26: errors -> HTTP status
class ValidationError(Exception):
    """The request body is not a valid UserBehavior (FastAPI answers 422)."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} validation error(s)")


class PayloadTooLargeError(Exception):
    """The body exceeds the size limit (413), checked before parsing it."""


class ModelNotLoadedError(Exception):
    """The model artifact is not loaded (503: the client may retry later)."""


# The whole philosophy in one table: specific exceptions -> specific status codes.
STATUS_BY_EXCEPTION: dict[type[Exception], int] = {
    ValidationError: 422,
    PayloadTooLargeError: 413,
    ModelNotLoadedError: 503,
}
REASONS = {
    200: "OK",
    413: "Payload Too Large",
    422: "Unprocessable Content",
    500: "Internal Server Error",
    503: "Service Unavailable",
}
USAGE_FIELDS: dict[str, type] = {"calls": int, "minutes": float, "messages": int, "mb_used": float}


@dataclass
class ApiResponse:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    log: str = ""


def parse_user_behavior(raw: str) -> dict[str, float]:
    """The pydantic model UserBehavior, by hand: every problem is collected, not just one."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        msg = f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        raise ValidationError([{"loc": ["body"], "msg": msg, "type": "json_invalid"}]) from None
    if not isinstance(data, dict):
        raise ValidationError([{"loc": ["body"], "msg": "expected a JSON object", "type": "dict"}])
    errors = []
    for name, kind in USAGE_FIELDS.items():
        if name not in data:
            errors.append({"loc": ["body", name], "msg": "field required", "type": "missing"})
            continue
        value = data[name]
        number_ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not number_ok or (kind is int and float(value) != int(value)):
            kind_name = "an integer" if kind is int else "a number"
            errors.append(
                {"loc": ["body", name], "msg": f"must be {kind_name}", "type": kind.__name__}
            )
        elif value < 0:
            errors.append(
                {"loc": ["body", name], "msg": "must be >= 0", "type": "greater_than_equal"}
            )
    for name in data:
        if name not in USAGE_FIELDS:
            errors.append(
                {"loc": ["body", name], "msg": "extra field not permitted", "type": "extra"}
            )
    if errors:
        raise ValidationError(errors)
    return {name: float(data[name]) for name in USAGE_FIELDS}


def predict_endpoint(raw: str, model_loaded: bool, max_bytes: int) -> dict[str, Any]:
    """POST /predict: fail fast with specific exceptions, never a bare `except`."""
    size = len(raw.encode("utf-8"))
    if size > max_bytes:
        raise PayloadTooLargeError(
            f"payload of {size:,} bytes exceeds the {max_bytes:,}-byte limit"
        )
    usage = parse_user_behavior(raw)  # FastAPI validates the body before the endpoint runs
    if not model_loaded:
        raise ModelNotLoadedError("model artifact not loaded")
    # A feature the model uses; nobody thought of customers with zero calls...
    minutes_per_call = usage["minutes"] / usage["calls"]
    # A stand-in scorer (this demo is about the error paths, not the model).
    score = 0.00012 * (usage["mb_used"] - 17_000) + 0.02 * (usage["messages"] - 38)
    score += 0.1 * (minutes_per_call - 7)
    p_ultra = 1 / (1 + math.exp(-score))
    plan = "Ultra" if p_ultra >= 0.5 else "Basic"
    return {"recommended_plan": plan, "confidence": round(max(p_ultra, 1 - p_ultra), 4)}


def handle_request(
    raw: str, model_loaded: bool = True, max_bytes: int = 1_024, request_id: str = "req-42"
) -> ApiResponse:
    """The exception handlers: map each failure to its status; log details, hide them."""
    try:
        body = predict_endpoint(raw, model_loaded, max_bytes)
        return ApiResponse(200, body, log=f"INFO  {request_id} 200 predicted {body}")
    except ValidationError as error:
        status = STATUS_BY_EXCEPTION[ValidationError]
        log = f"WARN  {request_id} {status} invalid input: {error.errors}"
        return ApiResponse(status, {"detail": error.errors}, log=log)
    except PayloadTooLargeError as error:
        status = STATUS_BY_EXCEPTION[PayloadTooLargeError]
        return ApiResponse(
            status, {"detail": str(error)}, log=f"WARN  {request_id} {status} {error}"
        )
    except ModelNotLoadedError as error:
        status = STATUS_BY_EXCEPTION[ModelNotLoadedError]
        return ApiResponse(
            status,
            {"detail": "Model not available, retry later"},
            headers={"Retry-After": "30"},
            log=f"ERROR {request_id} {status} {error}",
        )
    except Exception as error:  # noqa: BLE001 - the last resort, logged with context
        log = f"ERROR {request_id} 500 unexpected {type(error).__name__}: {error} input={raw!r}"
        body = {"detail": "Internal server error", "request_id": request_id}
        return ApiResponse(500, body, log=log)


VALID_PAYLOAD = '{"calls": 60, "minutes": 420.5, "messages": 35, "mb_used": 17000.0}'
EXAMPLE_REQUESTS: dict[str, tuple[str, bool, int]] = {
    # name -> (payload, model loaded, expected status)
    "valid request": (VALID_PAYLOAD, True, 200),
    "negative minutes": (
        '{"calls": 60, "minutes": -5, "messages": 35, "mb_used": 17000.0}',
        True,
        422,
    ),
    "missing field and a typo": (
        '{"calls": 60, "minutes": 420.5, "mesages": 35, "mb_used": 17000.0}',
        True,
        422,
    ),
    "not JSON": ("calls=60&minutes=420", True, 422),
    "payload too large": (
        '{"calls": 60, "minutes": 420.5, "messages": 35, "mb_used": 17000.0, "notes": "'
        + "x" * 2_000
        + '"}',
        True,
        413,
    ),
    "model not loaded": (VALID_PAYLOAD, False, 503),
    "zero calls (a bug)": (
        '{"calls": 0, "minutes": 0, "messages": 3, "mb_used": 900.0}',
        True,
        500,
    ),
}
_LEAK_MARKERS = ("Traceback", "ZeroDivisionError", "division by zero", 'File "')


@dataclass(frozen=True)
class StatusCodes:
    """What the error-handling demo computed: the response and every example's status."""

    response: ApiResponse
    examples: pd.DataFrame  # request, expected, status, body, leaks internals
    response_leaked: bool

    @property
    def claim_held(self) -> bool:
        """Every example gets its expected status and no body (nor this one) leaks internals."""
        table = self.examples
        return bool(
            (table["status"] == table["expected"]).all()
            and not table["leaks internals"].any()
            and not self.response_leaked
        )


def compute_error_status_codes(
    payload: str = VALID_PAYLOAD, model_loaded: bool = True, max_bytes: int = 1_024
) -> StatusCodes:
    """The API's answer to one request, and to every example request at the default limit."""
    if not isinstance(payload, str):
        raise ValueError("payload must be the request body as text")
    response = handle_request(payload, model_loaded, max_bytes)
    rows = []
    for name, (example, loaded, expected) in EXAMPLE_REQUESTS.items():
        answer = handle_request(example, loaded, 1_024)
        body = json.dumps(answer.body)
        rows.append(
            {
                "request": name,
                "expected": expected,
                "status": answer.status,
                "body (what the client sees)": body[:110] + ("…" if len(body) > 110 else ""),
                "leaks internals": any(marker in body for marker in _LEAK_MARKERS),
            }
        )
    leaked = any(marker in json.dumps(response.body) for marker in _LEAK_MARKERS)
    return StatusCodes(response, pd.DataFrame(rows), leaked)


def present_error_status_codes(found: StatusCodes) -> DemoResult:
    """Metrics, table, sentences and the raw response panel, from the computed answers."""
    response = found.response
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "Status": response.status,
            "Meaning": REASONS.get(response.status, ""),
            "Client may retry": "yes" if response.status in (503,) else "no",
        },
        tables={"Every failure gets its own status (default limit 1,024 bytes)": found.examples},
        notes=[
            "422 and 413 are the client's fault (fix the request); 503 is temporary (retry "
            "after `Retry-After`); 500 is our bug: the client gets a request id, the log gets "
            "the details.",
            "The 500 here is real: `minutes / calls` with zero calls. The fix belongs in "
            "validation or in the feature code, not in a bigger `except`.",
        ],
        extra={
            "response": {
                "status": response.status,
                "headers": response.headers,
                "body": response.body,
            },
            "log": response.log,
        },
    )


def error_status_codes(
    payload: str = VALID_PAYLOAD, model_loaded: bool = True, max_bytes: int = 1_024
) -> DemoResult:
    """What the API answers to a request, next to the whole exception -> status table."""
    return present_error_status_codes(compute_error_status_codes(payload, model_loaded, max_bytes))
