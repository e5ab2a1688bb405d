"""The Operations demos as pure simulations (no ML, no Streamlit): params in, DemoResult out.

API error handling, configuration layers, Kubernetes rolling updates / HPA / resources,
RICE prioritisation and GDPR pseudonymisation. Each function validates its parameters
(ValueError with a clear message) and checks its own claim on the numbers it produced.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import yaml
from plotly.subplots import make_subplots

from projects import params as check
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


def error_status_codes(
    payload: str = VALID_PAYLOAD, model_loaded: bool = True, max_bytes: int = 1_024
) -> DemoResult:
    """What the API answers to a request, next to the whole exception -> status table."""
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
    table = pd.DataFrame(rows)
    leaked = any(marker in json.dumps(response.body) for marker in _LEAK_MARKERS)
    claim_held = (
        bool((table["status"] == table["expected"]).all() and not table["leaks internals"].any())
        and not leaked
    )
    return DemoResult(
        claim_held=claim_held,
        metrics={
            "Status": response.status,
            "Meaning": REASONS.get(response.status, ""),
            "Client may retry": "yes" if response.status in (503,) else "no",
        },
        tables={"Every failure gets its own status (default limit 1,024 bytes)": table},
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


# ============================================================ 76: configuration hierarchy
DEFAULTS: dict[str, Any] = {
    "mlflow.tracking_uri": "file:./mlruns",
    "model.version": "v1.0.0",
    "model.threshold": 0.5,
    "api.port": 8000,
    "api.workers": 2,
    "logging.level": "INFO",
    "features.enable_explanations": False,
}
# setting -> (low, high) for numbers, or the allowed values.
CONSTRAINTS: dict[str, tuple[Any, ...]] = {
    "model.threshold": (0.0, 1.0),
    "api.port": (1, 65_535),
    "api.workers": (1, 64),
    "logging.level": ("DEBUG", "INFO", "WARNING", "ERROR"),
}
DEFAULT_YAML = """# configs/config.yaml (base, committed)
mlflow:
  tracking_uri: "file:./mlruns"
model:
  version: v1.2.0
  threshold: 0.45
api:
  workers: 4
"""
DEFAULT_ENV = """# set by the deployment (ConfigMap / Secret / docker run -e)
MLFLOW_TRACKING_URI=http://mlflow.prod:5000
LOGGING_LEVEL=WARNING
"""


def env_var_name(setting: str) -> str:
    """ "mlflow.tracking_uri" -> "MLFLOW_TRACKING_URI"."""
    return setting.replace(".", "_").upper()


def _coerce(setting: str, value: Any, where: str) -> Any:
    """Convert to the default's type and check the constraint; ValueError says where."""
    default = DEFAULTS[setting]
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                lowered = value.strip().lower()
                if lowered not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError
                value = lowered in ("true", "1", "yes")
            elif not isinstance(value, bool):
                raise ValueError
        elif isinstance(default, int):
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            value = int(value)
        elif isinstance(default, float):
            if isinstance(value, bool):
                raise ValueError
            value = float(value)
        else:
            value = str(value)
    except (TypeError, ValueError):
        kind = type(default).__name__
        raise ValueError(f"{where}: {setting}={value!r} is not a valid {kind}") from None
    allowed = CONSTRAINTS.get(setting)
    if allowed and isinstance(allowed[0], int | float) and not allowed[0] <= value <= allowed[1]:
        raise ValueError(f"{where}: {setting}={value!r} is outside [{allowed[0]}, {allowed[1]}]")
    if allowed and isinstance(allowed[0], str) and value not in allowed:
        raise ValueError(f"{where}: {setting}={value!r} is not one of {', '.join(allowed)}")
    return value


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def parse_env(text: str) -> dict[str, str]:
    """KEY=VALUE lines (blank lines and # comments allowed), like an .env file."""
    env: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        key, sep, value = stripped.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"environment line {number}: expected KEY=VALUE, got {stripped!r}")
        env[key.strip()] = value.strip()
    return env


def resolve_config(yaml_text: str, env: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """defaults < config.yaml < environment variables: (values, where each value came from)."""
    try:
        loaded = yaml.safe_load(yaml_text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ValueError(f"config.yaml is not valid YAML{where}") from None
    if not isinstance(loaded, dict):
        raise ValueError("config.yaml must be a mapping of sections")
    from_yaml = _flatten(loaded)
    unknown = [name for name in from_yaml if name not in DEFAULTS]
    if unknown:
        raise ValueError(f"config.yaml: unknown setting(s) {unknown}; known: {list(DEFAULTS)}")
    values, sources = dict(DEFAULTS), dict.fromkeys(DEFAULTS, "default")
    for name, value in from_yaml.items():
        values[name], sources[name] = _coerce(name, value, "config.yaml"), "config.yaml"
    for name in DEFAULTS:
        variable = env_var_name(name)
        if variable in env:
            values[name] = _coerce(name, env[variable], f"environment ${variable}")
            sources[name] = "environment"
    return values, sources


def config_hierarchy(yaml_text: str = DEFAULT_YAML, env_text: str = DEFAULT_ENV) -> DemoResult:
    """Resolve every setting through the three layers and show which one won."""
    if not isinstance(yaml_text, str) or not isinstance(env_text, str):
        raise ValueError("yaml_text and env_text must be text")
    env = parse_env(env_text)
    values, sources = resolve_config(yaml_text, env)
    from_yaml = _flatten(yaml.safe_load(yaml_text) or {})
    rows = []
    for name, default in DEFAULTS.items():
        variable = env_var_name(name)
        rows.append(
            {
                "setting": name,
                "env variable": variable,
                "default (code)": repr(default),
                "config.yaml": repr(from_yaml[name]) if name in from_yaml else "",
                "environment": env.get(variable, ""),
                "resolved": repr(values[name]),
                "from": sources[name],
            }
        )
    table = pd.DataFrame(rows)
    # Independent check of the precedence rule, setting by setting.
    expected_source = {
        name: "environment"
        if env_var_name(name) in env
        else "config.yaml"
        if name in from_yaml
        else "default"
        for name in DEFAULTS
    }
    claim_held = expected_source == sources
    ignored = [key for key in env if key not in {env_var_name(n) for n in DEFAULTS}]

    layers = ["default (code)", "config.yaml", "environment"]
    z, text = [], []
    for row in rows:
        present = [True, row["config.yaml"] != "", row["environment"] != ""]
        winner = layers.index(
            {"default": layers[0], "config.yaml": layers[1], "environment": layers[2]}[row["from"]]
        )
        z.append([2 if i == winner else 1 if present[i] else 0 for i in range(3)])
        text.append([row[layer] if present[i] else "·" for i, layer in enumerate(layers)])
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=layers,
            y=[row["setting"] for row in rows],
            text=text,
            texttemplate="%{text}",
            colorscale=[[0, "#F2F2F2"], [0.5, "#C9D7E8"], [1, "#54A24B"]],
            zmin=0,
            zmax=2,
            showscale=False,
            hoverinfo="skip",
        )
    )
    fig.update_layout(
        title="Which layer sets each value (green = the one that wins)",
        yaxis=dict(autorange="reversed"),
        height=360,
    )
    counts = table["from"].value_counts()
    return DemoResult(
        claim_held=claim_held,
        metrics={
            "From environment": int(counts.get("environment", 0)),
            "From config.yaml": int(counts.get("config.yaml", 0)),
            "From defaults": int(counts.get("default", 0)),
        },
        figures=[fig],
        tables={"Resolved configuration": table},
        notes=[
            "One image, one base config.yaml; each environment differs only in its variables "
            "(no config.dev.yaml / config.prod.yaml to keep in sync). Secrets come from the "
            "environment too, never from the committed file.",
            "Values from the environment are strings: they are converted to the setting's type "
            "and checked at start-up, so `API_PORT=80a` stops the service instead of "
            "surfacing at the first request.",
        ]
        + ([f"Ignored variables (not settings): {', '.join(ignored)}."] if ignored else []),
        extra={"values": values, "sources": sources},
    )


# ============================================================ 96, 91: rolling update
def resolve_surge_unavailable(
    replicas: int, max_surge: int | str, max_unavailable: int | str
) -> tuple[int, int]:
    """Kubernetes' rounding: surge rounds up, unavailable rounds down ("25%" or an int)."""

    def parse(name: str, value: int | str, round_up: bool) -> int:
        if isinstance(value, str) and value.strip().endswith("%"):
            try:
                pct = float(value.strip()[:-1])
            except ValueError:
                raise ValueError(f"{name}={value!r} is not a percentage like '25%'") from None
            if not 0 <= pct <= 100:
                raise ValueError(f"{name}={value!r} must be between 0% and 100%")
            exact = replicas * pct / 100
            return math.ceil(exact) if round_up else math.floor(exact)
        if isinstance(value, str):
            try:
                value = int(value.strip())
            except ValueError:
                raise ValueError(f"{name}={value!r} must be a whole number or a '25%'") from None
        return check.number(name, value, 0, 100, integer=True)

    surge = parse("maxSurge", max_surge, round_up=True)
    unavailable = parse("maxUnavailable", max_unavailable, round_up=False)
    if surge == 0 and unavailable == 0:
        if isinstance(max_unavailable, str) and "%" in max_unavailable:
            return 0, 1  # what Kubernetes does when percentages round both to 0
        raise ValueError(
            "maxSurge and maxUnavailable cannot both be 0: the rollout could never replace a pod"
        )
    return surge, min(unavailable, replicas)


def simulate_rollout(
    replicas: int, surge: int, unavailable: int, startup_ticks: int, readiness_probe: bool
) -> pd.DataFrame:
    """The Deployment controller, one 10-second tick at a time.

    Each tick: new pods age (Ready after `startup_ticks` when there is a readiness probe,
    immediately when there is none, although the app still needs `startup_ticks` to load
    the model); then the controller scales the new ReplicaSet up within
    replicas + maxSurge and the old one down while keeping replicas - maxUnavailable
    available.
    """
    old, new_ages = replicas, []
    ready_after = startup_ticks if readiness_probe else 0
    rows = [
        {
            "tick": 0,
            "old pods": old,
            "new ready": 0,
            "new starting": 0,
            "available (k8s view)": old,
            "actually serving": old,
            "total pods": old,
            "created": 0,
            "terminated": 0,
        }
    ]  # before `kubectl apply`
    for tick in range(1, 200):
        new_ages = [age + 1 for age in new_ages]
        created = killed = 0
        # Scale up, scale down, and scale up again with the room just freed (the controller
        # reacts to each change within the tick).
        for _ in range(2):
            scale_up = max(min(replicas + surge - old - len(new_ages), replicas - len(new_ages)), 0)
            new_ages += [0] * scale_up
            created += scale_up
            new_ready = sum(age >= ready_after for age in new_ages)
            new_unavailable = len(new_ages) - new_ready
            max_scale_down = old + len(new_ages) - (replicas - unavailable) - new_unavailable
            down = min(max(max_scale_down, 0), old)
            old -= down
            killed += down
        serving_new = sum(age >= startup_ticks for age in new_ages)
        rows.append(
            {
                "tick": tick,
                "old pods": old,
                "new ready": new_ready,
                "new starting": len(new_ages) - new_ready,
                "available (k8s view)": old + new_ready,
                "actually serving": old + serving_new,
                "total pods": old + len(new_ages),
                "created": created,
                "terminated": killed,
            }
        )
        if old == 0 and serving_new == replicas:
            break
    return pd.DataFrame(rows)


def rolling_update(
    replicas: int = 3,
    max_surge: int | str = 1,
    max_unavailable: int | str = 1,
    startup_ticks: int = 2,
    readiness_probe: bool = True,
) -> DemoResult:
    """A rolling update of N replicas as a timeline, with its two invariants checked."""
    surge, unavailable = resolve_surge_unavailable(replicas, max_surge, max_unavailable)
    timeline = simulate_rollout(replicas, surge, unavailable, startup_ticks, readiness_probe)
    floor, ceiling = replicas - unavailable, replicas + surge
    available_ok = bool((timeline["available (k8s view)"] >= floor).all())
    total_ok = bool((timeline["total pods"] <= ceiling).all())
    serving_ok = bool((timeline["actually serving"] >= floor).all())
    finished = bool(timeline["old pods"].iloc[-1] == 0)
    claim_held = available_ok and total_ok and serving_ok and finished

    fig = go.Figure()
    for column, color in (
        ("old pods", "#9E9E9E"),
        ("new ready", "#54A24B"),
        ("new starting", "#EECA3B"),
    ):
        fig.add_trace(
            go.Bar(x=timeline["tick"], y=timeline[column], name=column, marker_color=color)
        )
    fig.add_trace(
        go.Scatter(
            x=timeline["tick"],
            y=timeline["actually serving"],
            mode="lines+markers",
            name="actually serving",
            line=dict(color="black", width=2),
        )
    )
    fig.add_hline(
        y=floor,
        line_dash="dot",
        line_color="#E45756",
        annotation_text="floor: replicas − maxUnavailable",
        annotation_position="bottom left",
    )
    fig.add_hline(
        y=ceiling,
        line_dash="dash",
        line_color="#4C78A8",
        annotation_text="ceiling: replicas + maxSurge",
        annotation_position="top left",
    )
    fig.update_layout(
        barmode="stack",
        title=(
            f"Rolling update: {replicas} replicas, maxSurge={surge}, maxUnavailable={unavailable}"
        ),
        xaxis_title="tick (10 s)",
        yaxis_title="pods",
        height=420,
    )
    notes = [
        f"Resolved: maxSurge={surge}, maxUnavailable={unavailable} (percentages: surge rounds "
        "up, unavailable rounds down).",
        f"The rollout takes {len(timeline)} ticks (~{len(timeline) * 10} s); a bigger maxSurge "
        "is faster but needs spare capacity, a bigger maxUnavailable is faster but serves "
        "with fewer pods.",
    ]
    if unavailable == 0:
        notes.append(
            "maxUnavailable=0 is the seed's flow: create a new pod, wait until it is Ready, "
            "only then terminate an old one."
        )
    else:
        notes.append(
            f"With maxUnavailable={unavailable} Kubernetes may terminate old pods right away, "
            "before any new pod is Ready; use 0 when every replica is needed for the load."
        )
    if floor <= 0:
        notes.append("replicas − maxUnavailable = 0: this configuration allows full downtime.")
    if not readiness_probe:
        notes.append(
            "Without a readiness probe a pod is 'Ready' as soon as it starts, so old pods are "
            "killed while the new ones still load the model: traffic is sent to pods that "
            "cannot answer (the black line dips below the red floor)."
        )
    return DemoResult(
        claim_held=claim_held,
        metrics={
            "Ticks": len(timeline),
            "Min available": int(timeline["available (k8s view)"].min()),
            "Min actually serving": int(timeline["actually serving"].min()),
            "Max pods": int(timeline["total pods"].max()),
        },
        figures=[fig],
        tables={"Timeline": timeline},
        notes=notes,
        extra={"surge": surge, "unavailable": unavailable, "timeline": timeline},
    )


# ============================================================ 92: HPA
LOAD_SHAPES: tuple[str, ...] = ("daily", "spike", "ramp")


def load_curve(shape: str, peak_rps: float, minutes: int = 120) -> np.ndarray:
    """Requests per second for each minute."""
    t = np.arange(minutes)
    base = peak_rps * 0.15
    if shape == "daily":
        return base + (peak_rps - base) * np.sin(np.pi * t / (minutes - 1)) ** 2
    if shape == "spike":
        return np.where((t >= 30) & (t < 50), peak_rps, base * 1.5)
    return np.minimum(base + (peak_rps - base) * t / (minutes * 0.75), peak_rps)


def hpa_desired(current: int, utilization: float, target: float, tolerance: float = 0.1) -> int:
    """The HPA formula: desired = ceil(current * currentUtilization / target)."""
    ratio = utilization / target
    if abs(ratio - 1) <= tolerance:
        return current  # within tolerance: no change
    return math.ceil(current * ratio)


def simulate_hpa(
    loads: np.ndarray,
    min_replicas: int,
    max_replicas: int,
    target: float,
    capacity_rps: float,
    window: int,
    tolerance: float = 0.1,
) -> pd.DataFrame:
    """One HPA sync per minute; scale-down uses the highest recommendation of the window."""
    current = min_replicas
    history: list[int] = []
    rows = []
    for minute, load in enumerate(loads):
        # CPU as % of the request; capped at 200% (the container's limit is 2x its request).
        utilization = min(load / (current * capacity_rps) * 100, 200.0)
        raw = hpa_desired(current, utilization, target, tolerance)
        clamped = min(max(raw, min_replicas), max_replicas)
        history = (history + [clamped])[-(window + 1) :]
        final = max(history) if clamped < current else clamped
        rows.append(
            {
                "minute": minute,
                "load (rps)": float(load),
                "replicas": current,
                "cpu utilization %": utilization,  # unrounded: the claim check reuses it
                "ceil formula": raw,
                "clamped": clamped,
                "next replicas": final,
            }
        )
        current = final
    return pd.DataFrame(rows)


def hpa_scaling(
    load_shape: str = "daily",
    peak_rps: float = 900.0,
    min_replicas: int = 2,
    max_replicas: int = 10,
    target_utilization: float = 70.0,
    capacity_rps: float = 100.0,
    stabilization_minutes: int = 5,
) -> DemoResult:
    """HorizontalPodAutoscaler replicas under a load curve."""
    if load_shape not in LOAD_SHAPES:
        raise ValueError(f"load_shape={load_shape!r} is not one of {', '.join(LOAD_SHAPES)}")
    if min_replicas > max_replicas:
        raise ValueError(f"min_replicas={min_replicas} is above max_replicas={max_replicas}")
    target = target_utilization
    window = stabilization_minutes
    loads = load_curve(load_shape, peak_rps)
    steps = simulate_hpa(loads, min_replicas, max_replicas, target, capacity_rps, window)

    formula_ok = all(
        row["ceil formula"] == hpa_desired(row["replicas"], row["cpu utilization %"], target)
        for _, row in steps.iterrows()
    )
    bounded = bool(steps["next replicas"].between(min_replicas, max_replicas).all())
    # Scale-down never happens while a higher recommendation is still inside the window.
    downs = steps.index[steps["next replicas"] < steps["replicas"]]
    stabilized = all(
        steps.loc[max(0, i - window) : i, "clamped"].max() <= steps.loc[i, "next replicas"]
        for i in downs
    )
    claim_held = bool(formula_ok and bounded and stabilized)
    changes = int((steps["next replicas"] != steps["replicas"]).sum())
    saturated = int((steps["cpu utilization %"] > target * 1.1).sum())

    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.07,
        subplot_titles=(
            "Load vs capacity at the target utilisation (rps)",
            "Replicas",
            "CPU utilisation (% of the request)",
        ),
    )
    minute = steps["minute"]
    fig.add_trace(
        go.Scatter(x=minute, y=steps["load (rps)"], name="load (rps)", line_color="#4C78A8"),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=minute,
            y=steps["replicas"] * capacity_rps * target / 100,
            name="capacity at target",
            line=dict(color="#54A24B", shape="hv", dash="dot"),
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=minute,
            y=steps["replicas"],
            name="replicas",
            line=dict(color="#F58518", shape="hv", width=3),
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=minute, y=steps["cpu utilization %"], name="CPU %", line=dict(color="#B279A2")
        ),
        row=3,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=minute,
            y=np.full(len(steps), target),
            name=f"target {target:.0f}%",
            line=dict(color="gray", dash="dot"),
        ),
        row=3,
        col=1,
    )
    fig.update_yaxes(range=[0, max_replicas + 1], row=2, col=1)
    fig.update_yaxes(range=[0, max(110.0, float(steps["cpu utilization %"].max()) + 10)], row=3)
    fig.update_xaxes(title_text="minute", row=3, col=1)
    fig.update_layout(
        height=680, title=f"HPA: min {min_replicas}, max {max_replicas}, target {target:.0f}%"
    )
    return DemoResult(
        claim_held=claim_held,
        metrics={
            "Peak replicas": int(steps["replicas"].max()),
            "Scaling events": changes,
            "Minutes over target+10%": saturated,
            "Max CPU %": float(steps["cpu utilization %"].max()),
        },
        figures=[fig],
        tables={"Every HPA sync (one per minute)": steps.round(1)},
        notes=[
            f"desired = ceil(current × utilisation / {target:.0f}), no change within ±10%, "
            f"clamped to [{min_replicas}, {max_replicas}].",
            f"Scale-up is immediate; scale-down takes the highest recommendation of the last "
            f"{window} minutes, so a dip in load does not make the replicas flap.",
            "At max replicas the HPA cannot help: utilisation stays above target (raise "
            "max_replicas, optimise the model, or shed load).",
        ],
        extra={"steps": steps},
    )


# ============================================================ 93: requests vs limits
def qos_class(cpu_request: float, cpu_limit: float, mem_request: float, mem_limit: float) -> str:
    if cpu_request == cpu_limit and mem_request == mem_limit:
        return "Guaranteed"
    return "Burstable"


def schedule_pods(node_cpu_m: float, node_mem_mi: float, cpu_m: float, mem_mi: float) -> int:
    """Replicas the scheduler binds to an empty node, one at a time, while the sum of their
    requests fits its allocatable CPU and memory (kube-scheduler's NodeResourcesFit)."""
    placed, cpu_free, mem_free = 0, node_cpu_m, node_mem_mi
    while placed < 10_000 and cpu_m <= cpu_free + 1e-9 and mem_mi <= mem_free + 1e-9:
        placed, cpu_free, mem_free = placed + 1, cpu_free - cpu_m, mem_free - mem_mi
    return placed


def requests_limits(
    cpu_request_m: float = 250,
    cpu_limit_m: float = 1_000,
    mem_request_mi: float = 512,
    mem_limit_mi: float = 1_024,
    cpu_peak_m: float = 1_500,
    mem_peak_mi: float = 1_200,
    node_cpu_m: float = 4_000,
    node_mem_mi: float = 12_288,
) -> DemoResult:
    """One container for 60 minutes: CPU over the limit is throttled, memory over it OOMKills."""
    if cpu_request_m > cpu_limit_m:
        raise ValueError(
            f"cpu request {cpu_request_m:.0f}m is above its limit {cpu_limit_m:.0f}m: Kubernetes "
            "rejects the pod (request must be <= limit)"
        )
    if mem_request_mi > mem_limit_mi:
        raise ValueError(
            f"memory request {mem_request_mi:.0f}Mi is above its limit {mem_limit_mi:.0f}Mi: "
            "Kubernetes rejects the pod (request must be <= limit)"
        )

    minutes = np.arange(60)
    base_cpu = min(200.0, cpu_peak_m)
    cpu_demand = base_cpu + (cpu_peak_m - base_cpu) * np.exp(-(((minutes - 30) / 8.0) ** 2))
    cpu_used = np.minimum(cpu_demand, cpu_limit_m)  # the CFS quota caps it: throttling
    throttled = cpu_demand > cpu_limit_m + 1e-9
    latency_ms = 80 * cpu_demand / cpu_used  # the same work takes longer when throttled

    # Memory grows (cache, leak) from 300Mi to the peak over the hour; over the limit the
    # kernel kills the container, which restarts from 300Mi and grows again.
    base_mem = min(300.0, mem_peak_mi)
    growth = (mem_peak_mi - base_mem) / 59
    memory, kills, restarts, level = [], [], 0, base_mem
    for _ in minutes:
        if level > mem_limit_mi + 1e-6:  # tolerance: float steps reaching the peak exactly
            kills.append(True)
            restarts += 1
            memory.append(float(mem_limit_mi))
            level = base_mem
        else:
            kills.append(False)
            memory.append(level)
            level += growth
    memory_arr, kills_arr = np.array(memory), np.array(kills)

    by_cpu = int(node_cpu_m // cpu_request_m)
    by_mem = int(node_mem_mi // mem_request_mi)
    pods_fit = min(by_cpu, by_mem)
    pods_if_limits = min(int(node_cpu_m // cpu_limit_m), int(node_mem_mi // mem_limit_mi))
    binding = "cpu" if by_cpu <= by_mem else "memory"
    qos = qos_class(cpu_request_m, cpu_limit_m, mem_request_mi, mem_limit_mi)

    # The claim is checked on what the simulation OBSERVED, not on its own inputs:
    # CPU over the limit -> slower (latency up), never above the limit, never a kill;
    # memory over the limit -> kills, never above the limit; no kill without it.
    over_cpu, over_mem = cpu_peak_m > cpu_limit_m, mem_peak_mi > mem_limit_mi
    cpu_claim = bool(
        cpu_used.max() <= cpu_limit_m + 1e-9
        and (latency_ms.max() > 80 + 1e-9) == over_cpu
        and (over_mem or not kills_arr.any())  # CPU alone never kills
    )
    mem_claim = bool(memory_arr.max() <= mem_limit_mi + 1e-6 and kills_arr.any() == over_mem)
    placed = schedule_pods(node_cpu_m, node_mem_mi, cpu_request_m, mem_request_mi)
    sched_claim = placed == pods_fit
    claim_held = bool(cpu_claim and mem_claim and sched_claim)

    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.1,
        subplot_titles=(
            "CPU (millicores): over the limit = throttled",
            "Memory (Mi): over the limit = OOMKilled",
        ),
    )
    fig.add_trace(
        go.Scatter(
            x=minutes, y=cpu_demand, name="CPU demand", line=dict(color="#B0B0B0", dash="dot")
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(x=minutes, y=cpu_used, name="CPU used", line_color="#4C78A8", fill="tozeroy"),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(x=minutes, y=memory_arr, name="memory", line_color="#F58518"), row=2, col=1
    )
    if kills_arr.any():
        fig.add_trace(
            go.Scatter(
                x=minutes[kills_arr],
                y=memory_arr[kills_arr],
                mode="markers",
                name="OOMKilled",
                marker=dict(symbol="x", size=14, color="#E45756"),
            ),
            row=2,
            col=1,
        )
    for row, request, limit in ((1, cpu_request_m, cpu_limit_m), (2, mem_request_mi, mem_limit_mi)):
        fig.add_hline(
            y=request,
            line_dash="dot",
            line_color="#54A24B",
            annotation_text="request",
            row=row,
            col=1,
        )
        fig.add_hline(
            y=limit, line_dash="dash", line_color="#E45756", annotation_text="limit", row=row, col=1
        )
    fig.update_xaxes(title_text="minute", row=2, col=1)
    fig.update_layout(height=560)

    schedule = pd.DataFrame(
        {
            "per pod": [f"{cpu_request_m:.0f}m", f"{mem_request_mi:.0f}Mi"],
            "node allocatable": [f"{node_cpu_m:.0f}m", f"{node_mem_mi:.0f}Mi"],
            "pods that fit": [by_cpu, by_mem],
        },
        index=["cpu request", "memory request"],
    )
    notes = [
        f"The scheduler fits {pods_fit} pod(s) on this node by their requests ({binding} is "
        f"the binding resource); by their limits only {pods_if_limits} would fit: limits are "
        "overcommitted on purpose.",
        "Throttling is silent: the pod stays up, latency grows. An OOMKill restarts the "
        "container (exit code 137) and too many restarts end in CrashLoopBackOff.",
        "Rule of thumb (seed Q93): requests ≈ typical use (P50), limits ≈ acceptable peak (P99).",
    ]
    if pods_fit == 0:
        notes.insert(0, "The request is bigger than the node: the pod stays Pending forever.")
    return DemoResult(
        condition_met=pods_fit != pods_if_limits,
        condition=(
            f"requests and limits both fit {pods_fit} pod(s) on this node, so this run cannot "
            "show that the scheduler counts requests: give the limits more headroom."
        ),
        claim_held=claim_held,
        metrics={
            "Minutes throttled": int(throttled.sum()),
            "Max latency": f"{latency_ms.max():.0f} ms",
            "OOMKills": restarts,
            "Pods per node": pods_fit,
            "QoS class": qos,
        },
        figures=[fig],
        tables={"Scheduling by requests": schedule},
        notes=notes,
        extra={
            "throttled_minutes": int(throttled.sum()),
            "oom_kills": restarts,
            "pods_fit": pods_fit,
        },
    )


# ============================================================ 113: RICE
RICE_COLUMNS: tuple[str, ...] = ("feature", "reach", "impact", "confidence", "effort")
DEFAULT_RICE = pd.DataFrame(
    [
        ("Drift monitoring + alerts", 4_000, 2.0, 80, 2.0),
        ("Real-time plan recommender API", 10_000, 3.0, 50, 8.0),
        ("SHAP explanations in the dashboard", 1_500, 1.0, 80, 1.0),
        ("Automatic retraining pipeline", 8_000, 2.0, 50, 5.0),
        ("Dark mode for the dashboard", 6_000, 0.25, 100, 0.5),
    ],
    columns=list(RICE_COLUMNS),
)


def rice_scores(table: pd.DataFrame) -> pd.DataFrame:
    """RICE = reach × impact × confidence / effort, ranked (confidence given in %)."""
    scored = table.copy()
    scored["RICE"] = (
        scored["reach"] * scored["impact"] * (scored["confidence"] / 100) / scored["effort"]
    )
    scored = scored.sort_values("RICE", ascending=False, kind="stable").reset_index(drop=True)
    scored.insert(0, "rank", range(1, len(scored) + 1))
    return scored


def _validate_rice(table: Any) -> pd.DataFrame:
    if table is None:
        return DEFAULT_RICE.copy()
    frame = pd.DataFrame(table)
    missing = [c for c in RICE_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"the table lacks column(s) {missing}")
    frame = frame.loc[:, list(RICE_COLUMNS)].dropna(how="all").reset_index(drop=True)
    if not 2 <= len(frame) <= 30:
        raise ValueError(f"rank between 2 and 30 features; the table has {len(frame)}")
    limits = {
        "reach": (0, 1e9, "users per quarter"),
        "impact": (0.25, 3, "3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal"),
        "confidence": (0, 100, "percent"),
        "effort": (0.01, 1_000, "person-months, > 0: RICE divides by it"),
    }
    for i, row in frame.iterrows():
        name = row["feature"]
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"row {i + 1}: the feature needs a name")
        for column, (low, high, unit) in limits.items():
            value = row[column]
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = math.nan
            if not math.isfinite(number) or not low <= number <= high:
                raise ValueError(
                    f"row {i + 1} ({name}): {column}={value!r} must be in "
                    f"[{low:g}, {high:g}] ({unit})"
                )
            frame.loc[i, column] = number
    duplicated = frame["feature"][frame["feature"].duplicated()]
    if len(duplicated):
        raise ValueError(f"duplicate feature names: {sorted(set(duplicated))}")
    return frame.astype({c: float for c in RICE_COLUMNS[1:]})


def rice_prioritization(table: pd.DataFrame | list[dict[str, Any]] | None = None) -> DemoResult:
    """Rank ML features by RICE and compare with ranking by impact alone."""
    frame = _validate_rice(table)
    scored = rice_scores(frame)
    by_impact = frame.sort_values(["impact", "reach"], ascending=False, kind="stable")
    top_rice, top_impact = scored["feature"].iloc[0], by_impact["feature"].iloc[0]
    scored["rank by impact"] = scored["feature"].map(
        {name: rank for rank, name in enumerate(by_impact["feature"], start=1)}
    )
    claim_held = bool(top_rice != top_impact)

    fig = go.Figure(
        go.Bar(
            x=scored["RICE"][::-1],
            y=scored["feature"][::-1],
            orientation="h",
            marker_color=[
                "#54A24B" if f == top_rice else "#4C78A8" for f in scored["feature"][::-1]
            ],
            text=[f"{v:,.0f}" for v in scored["RICE"][::-1]],
            textposition="auto",
        )
    )
    fig.update_layout(title="RICE score = reach × impact × confidence / effort", height=340)
    value = scored["reach"] * scored["impact"] * scored["confidence"] / 100
    bubble = go.Figure(
        go.Scatter(
            x=scored["effort"],
            y=value,
            mode="markers+text",
            text=scored["feature"],
            textposition="top center",
            marker=dict(
                size=np.sqrt(scored["RICE"] / scored["RICE"].max()) * 40 + 8,
                color="#F58518",
                opacity=0.6,
            ),
        )
    )
    bubble.update_layout(
        title="Value (R × I × C) vs effort: top-left is cheap and valuable",
        xaxis_title="effort (person-months)",
        yaxis_title="reach × impact × confidence",
        height=380,
    )
    shown = scored.copy()
    shown["RICE"] = shown["RICE"].round(0)
    return DemoResult(
        claim_held=claim_held,
        metrics={
            "Top RICE score": f"{scored['RICE'].iloc[0]:,.0f}",
            "RICE rank of the top-impact feature": int(
                scored.loc[scored["feature"] == top_impact, "rank"].iloc[0]
            ),
            "Features ranked": len(scored),
        },
        figures=[fig, bubble],
        tables={"Ranking": shown},
        notes=[
            f"By impact alone, '{top_impact}' would go first; RICE puts '{top_rice}' first "
            "because it divides by effort and discounts uncertain bets by confidence.",
            "RICE informs the decision, it does not make it: check strategic fit and "
            "dependencies (a cheap cosmetic feature can score high), and revisit confidence "
            "once a spike reduces uncertainty.",
        ],
        extra={"scored": scored, "top_rice": top_rice, "top_impact": top_impact},
    )


# ============================================================ 105: pseudonymisation
CUSTOMERS = pd.DataFrame(
    [
        (15604602, "Ana García", "ana.garcia@mail.com", 62, 431.2, 40, 18_230.5),
        (15617311, "Luis Pérez", "lperez@mail.com", 35, 244.9, 12, 9_870.0),
        (15609304, "Marta Ruiz", "marta.r@mail.com", 101, 712.4, 88, 27_500.1),
        (15611354, "Jorge Díaz", "jdiaz@mail.com", 58, 402.0, 0, 16_004.8),
        (15607888, "Lucía Gómez", "lucia.g@mail.com", 77, 540.3, 55, 21_990.2),
        (15604012, "Pablo Sanz", "psanz@mail.com", 23, 160.7, 5, 6_120.4),
        (15612531, "Elena Torres", "etorres@mail.com", 49, 350.0, 31, 14_300.0),
        (15616148, "Raúl Moreno", "rmoreno@mail.com", 90, 633.8, 70, 30_450.9),
    ],
    columns=["customer_id", "name", "email", "calls", "minutes", "messages", "mb_used"],
)
MODEL_FEATURES: tuple[str, ...] = ("calls", "minutes", "messages", "mb_used")
ID_SPACE = range(15_600_000, 15_620_000)  # every id an attacker would try (20,000)
PSEUDONYM_METHODS: tuple[str, ...] = ("hmac", "sha256")


def pseudonym(customer_id: int, key: str, method: str = "hmac") -> str:
    """HMAC-SHA256(key, id) truncated to 16 hex chars; "sha256" is the unkeyed mistake."""
    message = str(int(customer_id)).encode()
    if method == "hmac":
        return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:16]
    return hashlib.sha256(message).hexdigest()[:16]


def dictionary_attack(pseudonyms: set[str], method: str, guessed_key: str) -> int:
    """How many pseudonyms an attacker re-identifies by hashing every possible id.

    For "hmac" the attacker does not have the key and tries a guessed one."""
    found = 0
    for candidate in ID_SPACE:
        if pseudonym(candidate, guessed_key, method) in pseudonyms:
            found += 1
    return found


def pseudonymise(
    customers: pd.DataFrame, key: str, method: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(features table for the ML team, vault mapping pseudonym -> identity)."""
    ids = customers["customer_id"].map(lambda i: pseudonym(i, key, method))
    features = pd.concat([ids.rename("pseudonym"), customers[list(MODEL_FEATURES)]], axis=1)
    vault = pd.DataFrame(
        {
            "pseudonym": ids,
            "customer_id": customers["customer_id"],
            "name": customers["name"],
            "email": customers["email"],
        }
    )
    return features, vault


def erase(
    tables: dict[str, pd.DataFrame], customer_id: int, key: str, method: str
) -> dict[str, pd.DataFrame]:
    """Right to erasure: drop the person's rows from every table, by id and by pseudonym."""
    alias = pseudonym(customer_id, key, method)
    out = {}
    for name, table in tables.items():
        keep = pd.Series(True, index=table.index)
        if "customer_id" in table:
            keep &= table["customer_id"] != customer_id
        if "pseudonym" in table:
            keep &= table["pseudonym"] != alias
        out[name] = table[keep].reset_index(drop=True)
    return out


def pseudonymisation(
    secret_key: str = "k8s-secret-7f3a9c2e", erase_customer: int = 15617311, method: str = "hmac"
) -> DemoResult:
    """Minimise, pseudonymise with a keyed hash, then honour a right-to-erasure request."""
    if method not in PSEUDONYM_METHODS:
        raise ValueError(f"method={method!r} is not one of {', '.join(PSEUDONYM_METHODS)}")
    if not isinstance(secret_key, str) or len(secret_key) < 8:
        raise ValueError(
            "secret_key needs at least 8 characters "
            "(in production: 32 random bytes from a secret store)"
        )
    if erase_customer not in set(CUSTOMERS["customer_id"]):
        raise ValueError(
            f"customer {erase_customer} is not in the table; ids: {list(CUSTOMERS['customer_id'])}"
        )
    features, vault = pseudonymise(CUSTOMERS, secret_key, method)
    log = pd.DataFrame(
        {
            "pseudonym": features["pseudonym"].repeat(2).to_numpy(),
            "predicted_plan": ["Ultra", "Ultra", "Basic", "Basic"] * 4,
            "day": ["2024-05-01", "2024-06-01"] * 8,
        }
    )
    before = {"features": features, "vault": vault, "prediction_log": log, "crm": CUSTOMERS}
    after = erase(before, erase_customer, secret_key, method)

    alias = pseudonym(erase_customer, secret_key, method)
    gone = all(
        alias not in set(t.get("pseudonym", []))
        and erase_customer not in set(t.get("customer_id", []))
        for t in after.values()
    )
    remaining = CUSTOMERS[CUSTOMERS["customer_id"] != erase_customer].reset_index(drop=True)
    again, _ = pseudonymise(remaining, secret_key, method)
    stable = after["features"]["pseudonym"].tolist() == again["pseudonym"].tolist()
    features_same = after["features"][list(MODEL_FEATURES)].equals(remaining[list(MODEL_FEATURES)])
    no_pii = not {"name", "email", "customer_id"} & set(after["features"].columns)
    targets = set(after["features"]["pseudonym"])
    reidentified = dictionary_attack(targets, method, guessed_key="guess-the-key")
    reidentified_plain = (
        reidentified
        if method == "sha256"
        else dictionary_attack(
            set(pseudonymise(remaining, secret_key, "sha256")[0]["pseudonym"]), "sha256", ""
        )
    )
    claim_held = bool(gone and stable and features_same and no_pii and reidentified == 0)

    fig = go.Figure(
        go.Bar(
            x=["plain SHA-256 of the id", "HMAC-SHA256 with a secret key"],
            y=[reidentified_plain, reidentified if method == "hmac" else 0],
            text=[
                f"{reidentified_plain}/{len(targets)}",
                f"{reidentified if method == 'hmac' else 0}/{len(targets)}",
            ],
            textposition="outside",
            marker_color=["#E45756", "#54A24B"],
        )
    )
    fig.update_layout(
        title=f"Customers re-identified by hashing all {len(ID_SPACE):,} possible ids (no key)",
        yaxis=dict(title="re-identified", range=[0, len(targets) + 1.5]),
        height=340,
    )
    erased_name = CUSTOMERS.loc[CUSTOMERS["customer_id"] == erase_customer, "name"].iloc[0]
    return DemoResult(
        claim_held=claim_held,
        metrics={
            "Erased everywhere": "yes" if gone else "NO",
            "Pseudonyms stable": "yes" if stable else "NO",
            "Model features unchanged": "yes" if features_same else "NO",
            "Re-identified without key": f"{reidentified}/{len(targets)}",
        },
        figures=[fig],
        tables={
            "Raw CRM (before): identity + usage": CUSTOMERS,
            "What the ML team gets (after erasure): no name, no email, no id": after["features"],
            "Vault, access-controlled (after erasure)": after["vault"],
            "Prediction log, no PII (after erasure)": after["prediction_log"],
        },
        notes=[
            f"Erasure request for {erased_name} ({erase_customer}): rows removed from the CRM, "
            "the features table, the prediction log and the vault mapping.",
            "Ids are guessable (8 digits in a known range), so an unkeyed hash is reversible by "
            "brute force; the HMAC key lives in a secret store, and rotating it breaks every "
            "old link at once.",
            "Pseudonymised data is still personal data under GDPR (the vault can re-link it); "
            "it lowers the risk, it does not remove the obligations.",
        ],
        extra={"after": after, "alias": alias, "reidentified": reidentified},
    )
