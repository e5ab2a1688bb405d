"""The BankChurn API: contract, probes and degraded mode, metrics, CORS, settings, CLI."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import joblib
import numpy as np
import pytest
from api_helpers import customer
from pydantic import ValidationError

from projects.bankchurn.api import ApiSettings
from projects.bankchurn.api.app import create_app
from projects.bankchurn.api.client import in_process_client
from projects.bankchurn.api.model import ModelHandle, embedded_model, save_model, to_frame
from projects.bankchurn.api.schemas import CustomerData
from projects.bankchurn.data import generate

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def client():
    with in_process_client() as test_client:
        yield test_client


def real_customers(n: int, seed: int = 7) -> list[dict]:
    """Rows of a freshly generated data set, as the CRM would send them."""
    frame = generate(n_rows=n, seed=seed)[list(CustomerData.model_fields)]
    return json.loads(frame.to_json(orient="records"))


# ------------------------------------------------------------------------- the contract
def test_predict_returns_the_whole_contract(client):
    before = datetime.now(UTC)
    response = client.post("/v1/predict", json=customer())
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "churn_probability",
        "prediction",
        "risk_level",
        "confidence",
        "model_version",
        "timestamp",
    }
    p = body["churn_probability"]
    assert 0 <= p <= 1
    assert body["prediction"] == int(p >= 0.5)
    assert body["risk_level"] == ("low" if p < 0.3 else "medium" if p < 0.7 else "high")
    assert body["confidence"] == pytest.approx(max(p, 1 - p), abs=1e-4)
    assert body["model_version"] == client.get("/v1/model").json()["model_version"]
    stamp = datetime.fromisoformat(body["timestamp"].replace("Z", "+00:00"))
    assert before - timedelta(seconds=1) <= stamp <= datetime.now(UTC) + timedelta(seconds=1)


def test_served_probability_is_the_trained_pipelines(client):
    """Train/serve consistency: the API scores exactly what the pipeline scores offline."""
    rows = real_customers(25)
    offline = embedded_model(42).pipeline.predict_proba(to_frame([CustomerData(**r) for r in rows]))
    served = [client.post("/v1/predict", json=row).json()["churn_probability"] for row in rows]
    np.testing.assert_allclose(served, offline[:, 1], atol=5e-5)


def test_risk_levels_cover_all_three_on_real_looking_customers(client):
    rows = real_customers(400)
    body = client.post("/v1/predict/batch", json={"customers": rows}).json()
    assert {item["risk_level"] for item in body["predictions"]} == {"low", "medium", "high"}


def test_batch_keeps_order_and_matches_single_predictions(client):
    rows = real_customers(40, seed=3)
    body = client.post("/v1/predict/batch", json={"customers": rows}).json()
    assert body["count"] == 40
    assert [item["index"] for item in body["predictions"]] == list(range(40))
    for row, item in zip(rows[:8], body["predictions"][:8], strict=True):
        single = client.post("/v1/predict", json=row).json()
        assert item["churn_probability"] == single["churn_probability"]
        assert item["risk_level"] == single["risk_level"]


def test_batch_limit_comes_from_the_settings():
    with in_process_client(ApiSettings(max_batch_size=5)) as small:
        assert (
            small.post("/v1/predict/batch", json={"customers": [customer()] * 5}).status_code == 200
        )
        over = small.post("/v1/predict/batch", json={"customers": [customer()] * 6})
        assert over.status_code == 422
        assert over.json()["detail"][0]["field"] == "customers"
        assert over.json()["detail"][0]["type"] == "too_long"
        assert small.get("/v1/model").json()["max_batch_size"] == 5


def test_routes_are_versioned_and_documented(client):
    assert client.post("/predict", json=customer()).status_code == 404
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/predict", "/v1/predict/batch", "/v1/model"} <= set(paths)
    schema = client.get("/openapi.json").json()["components"]["schemas"]["CustomerData"]
    assert schema["properties"]["Age"]["minimum"] == 18


def test_predictions_run_in_the_thread_pool_and_probes_on_the_loop():
    """Q77: CPU-bound inference is `def`, so FastAPI runs it in a worker thread, not on the
    event loop (where the lifespan, hence the loader, runs); probes are `async def`."""
    threads: dict[str, int] = {}
    real = embedded_model(42)

    class Recording:
        def predict_proba(self, frame):
            threads["predict"] = threading.get_ident()
            return real.pipeline.predict_proba(frame)

    def loader(settings):
        threads["event_loop"] = threading.get_ident()
        return ModelHandle(Recording(), "recording", real.config, "test")  # type: ignore[arg-type]

    with in_process_client(loader=loader) as recording:
        assert recording.post("/v1/predict", json=customer()).status_code == 200
    assert threads["predict"] != threads["event_loop"]
    probes = {
        route.path: route.endpoint for route in create_app().routes if hasattr(route, "endpoint")
    }
    for path in ("/live", "/health", "/ready", "/metrics"):
        assert asyncio.iscoroutinefunction(probes[path]), path


# ----------------------------------------------------------------- probes, degraded mode
def test_probes_when_the_model_is_loaded(client):
    assert client.get("/live").json() == {"status": "alive"}
    health = client.get("/health")
    assert health.status_code == 200
    assert health.json()["status"] == "healthy" and health.json()["load_error"] is None
    assert client.get("/ready").status_code == 200


@pytest.mark.parametrize(
    ("make_file", "error"),
    [
        (lambda path: None, "FileNotFoundError"),  # the file is missing
        (lambda path: path.write_bytes(b"\x80\x04 not a pickle at all"), None),  # corrupt
        (lambda path: joblib.dump({"weights": [1, 2]}, path), "ModelLoadError"),  # wrong object
    ],
    ids=["missing", "corrupt", "not-a-bankchurn-artifact"],
)
def test_a_broken_model_file_means_degraded_not_dead(tmp_path, make_file, error):
    path = tmp_path / "model.joblib"
    make_file(path)
    with in_process_client(ApiSettings(model_path=path)) as degraded:
        assert degraded.get("/live").status_code == 200  # liveness stays up: no restart loop
        health = degraded.get("/health")
        assert health.status_code == 503
        assert health.json()["status"] == "degraded" and health.json()["model_loaded"] is False
        if error:
            assert health.json()["load_error"] == error
        assert str(tmp_path) not in health.text  # no internal paths leak
        assert degraded.get("/ready").status_code == 503
        predict = degraded.post("/v1/predict", json=customer())
        assert predict.status_code == 503
        assert predict.headers["retry-after"] == "30"
        assert "model_loaded 0.0" in degraded.get("/metrics").text


def test_a_saved_artifact_is_served_with_its_version(tmp_path, client):
    path = save_model(embedded_model(42), tmp_path / "artifacts" / "model.joblib")
    with in_process_client(ApiSettings(model_path=path)) as from_file:
        info = from_file.get("/v1/model").json()
        assert info["source"] == str(path)
        assert info["model_version"] == client.get("/v1/model").json()["model_version"]
        one = from_file.post("/v1/predict", json=customer()).json()
        assert (
            one["churn_probability"]
            == client.post("/v1/predict", json=customer()).json()["churn_probability"]
        )


def test_an_unexpected_error_is_a_generic_500_with_an_error_id():
    class Broken:
        def predict_proba(self, frame):
            raise RuntimeError("secret internal detail /srv/model")

    def loader(settings):
        return ModelHandle(Broken(), "broken-1", {"threshold": 0.5}, "test")  # type: ignore[arg-type]

    with in_process_client(loader=loader, raise_server_exceptions=False) as broken:
        response = broken.post("/v1/predict", json=customer())
        assert response.status_code == 500
        body = response.json()
        assert body["detail"] == "Internal server error" and len(body["error_id"]) == 8
        assert "secret" not in response.text and "Traceback" not in response.text
        assert 'status="500"' in broken.get("/metrics").text


# ------------------------------------------------------------------------------ metrics
def test_metrics_count_requests_and_time_them_by_route_template():
    with in_process_client() as fresh:
        for _ in range(3):
            fresh.post("/v1/predict", json=customer())
        fresh.post("/v1/predict", json=customer(Age=5))
        fresh.get("/no/such/page/123")
        text = fresh.get("/metrics").text
    assert 'api_requests_total{endpoint="/v1/predict",method="POST",status="200"} 3.0' in text
    assert 'api_requests_total{endpoint="/v1/predict",method="POST",status="422"} 1.0' in text
    assert 'api_requests_total{endpoint="unmatched",method="GET",status="404"} 1.0' in text
    assert 'api_request_latency_seconds_count{endpoint="/v1/predict"} 4.0' in text
    assert 'api_request_latency_seconds_bucket{endpoint="/v1/predict",le="0.005"}' in text
    assert "churn_probability_count 3.0" in text  # only successful predictions are observed
    assert "model_loaded 1.0" in text
    assert "/no/such/page/123" not in text


def test_two_apps_count_separately():
    with in_process_client() as first, in_process_client() as second:
        first.get("/live")
        assert 'endpoint="/live"' in first.get("/metrics").text
        assert 'endpoint="/live"' not in second.get("/metrics").text


# --------------------------------------------------------------------------------- CORS
def _preflight(client, origin: str):
    headers = {"Origin": origin, "Access-Control-Request-Method": "POST"}
    return client.options("/v1/predict", headers=headers)


def test_cors_is_open_in_development(client):
    answer = _preflight(client, "http://localhost:3000")
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == "*"


def test_cors_in_production_allows_only_the_listed_origins():
    settings = ApiSettings(app_env="production", cors_origins=("https://crm.example.com",))
    with in_process_client(settings) as prod:
        allowed = _preflight(prod, "https://crm.example.com")
        assert allowed.headers["access-control-allow-origin"] == "https://crm.example.com"
        refused = _preflight(prod, "https://evil.example.net")
        assert refused.status_code == 400
        assert "access-control-allow-origin" not in refused.headers
        simple = prod.get("/live", headers={"Origin": "https://evil.example.net"})
        assert "access-control-allow-origin" not in simple.headers


def test_production_without_origins_allows_none():
    assert ApiSettings(app_env="production").allowed_origins() == []


# ----------------------------------------------------------------------------- settings
def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SIMULACRO_API_MAX_BATCH_SIZE", "250")
    monkeypatch.setenv("SIMULACRO_API_CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("SIMULACRO_API_APP_ENV", "production")
    settings = ApiSettings()
    assert settings.max_batch_size == 250
    assert settings.allowed_origins() == ["https://a.example", "https://b.example"]


@pytest.mark.parametrize(
    ("variable", "value", "field"),
    [
        ("SIMULACRO_API_MAX_BATCH_SIZE", "ten", "max_batch_size"),
        ("SIMULACRO_API_MAX_BATCH_SIZE", "0", "max_batch_size"),
        ("SIMULACRO_API_APP_ENV", "staging", "app_env"),
        ("SIMULACRO_API_MAX_BODY_BYTES", "12", "max_body_bytes"),
    ],
)
def test_a_bad_setting_is_refused_with_its_name(monkeypatch, variable, value, field):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValidationError) as raised:
        ApiSettings()
    assert raised.value.errors()[0]["loc"] == (field,)


# ---------------------------------------------------------------------------------- CLI
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_cli_starts_a_real_server_that_answers(tmp_path):
    port = _free_port()
    env = {**os.environ, "SIMULACRO_API_MAX_BATCH_SIZE": "2"}
    command = [
        sys.executable,
        "-m",
        "simulacro",
        "api",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, server.stderr.read()
            assert time.monotonic() < deadline, "the API did not become ready in 60 s"
            time.sleep(0.2)
        base = f"http://127.0.0.1:{port}"
        assert httpx.post(f"{base}/v1/predict", json=customer(), timeout=5).status_code == 200
        over = httpx.post(
            f"{base}/v1/predict/batch", json={"customers": [customer()] * 3}, timeout=5
        )
        assert over.status_code == 422  # the environment's limit (2) reached the server
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_cli_saves_an_artifact_and_refuses_bad_settings(tmp_path):
    target = tmp_path / "model.joblib"
    saved = subprocess.run(
        [sys.executable, "-m", "simulacro", "api", "--save-model", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert saved.returncode == 0, saved.stderr
    assert set(joblib.load(target)) == {"pipeline", "version", "config"}
    bad = subprocess.run(
        [sys.executable, "-m", "simulacro", "api"],
        cwd=ROOT,
        env={**os.environ, "SIMULACRO_API_MAX_BATCH_SIZE": "lots"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2
    assert "max_batch_size" in bad.stderr and "Traceback" not in bad.stderr
