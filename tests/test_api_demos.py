"""The API demos drive the real service in-process: their claims hold on what it answered."""

from __future__ import annotations

import json

import pytest

from projects.api_demos import concepts as api


def test_validation_catalogue_is_answered_as_documented():
    result = api.request_validation()
    assert result.claim_held
    table = result.tables["Malformed requests and what the API answered"]
    by_name = dict(zip(table["request"], table["status"], strict=True))
    assert by_name["Age 15 (below 18)"] == 422 and by_name["valid customer"] == 200
    assert by_name["unversioned path /predict"] == 404
    fields = dict(zip(table["request"], table["fields named"], strict=True))
    assert fields["batch with a bad row 2"] == "customers.2.Tenure"


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        (json.dumps({**api.EXAMPLE_CUSTOMER, "Age": 15}), 422, "Age"),
        ("{not json", 422, "body"),
        (json.dumps(api.EXAMPLE_CUSTOMER), 200, "—"),
    ],
)
def test_the_learners_payload_gets_the_real_answer(payload, status, field):
    result = api.request_validation(payload=payload)
    assert result.metrics["your status"] == status
    assert result.metrics["fields named"] == field
    assert result.claim_held
    if status == 200:
        assert "churn_probability" in json.loads(result.extra["response"])


@pytest.mark.parametrize("model_file", api.MODEL_FILES)
def test_degraded_mode_per_model_file(model_file):
    result = api.degraded_mode(model_file=model_file, predictions=3)
    assert result.claim_held
    assert result.metrics["model loads"] == 1
    assert result.metrics["status"] == ("healthy" if model_file == "valid artifact" else "degraded")
    if model_file != "valid artifact":
        assert "model load failed" in result.extra["log"]


@pytest.mark.parametrize(("valid", "invalid"), [(0, 0), (20, 5), (3, 40)])
def test_metrics_count_what_was_sent(valid, invalid):
    result = api.prometheus_metrics(valid_requests=valid, invalid_requests=invalid)
    assert result.claim_held
    assert result.metrics["200s counted"] == valid and result.metrics["422s counted"] == invalid
    assert "relabel_configs" in result.extra["prometheus.yml"]


@pytest.mark.parametrize(
    ("env", "origins", "origin", "allowed"),
    [
        ("production", "https://crm.bank.example", "https://evil.example", False),
        ("production", "https://crm.bank.example", "https://crm.bank.example", True),
        ("production", "", "https://crm.bank.example", False),
        ("development", "", "https://anything.example", True),
    ],
)
def test_cors_policy(env, origins, origin, allowed):
    result = api.cors_policy(app_env=env, allowed_origins=origins, origin=origin)
    assert result.claim_held and result.metrics["your origin allowed"] is allowed


@pytest.mark.parametrize(("work_ms", "concurrent"), [(20, 2), (60, 4), (150, 6)])
def test_blocking_work_in_async_def_stalls_the_probe(work_ms, concurrent):
    result = api.async_vs_sync(work_ms=work_ms, concurrent=concurrent)
    assert result.claim_held, result.tables


@pytest.mark.parametrize(("rows", "limit"), [(20, 1000), (200, 1000), (300, 100)])
def test_batch_is_cheaper_per_customer_and_limited(rows, limit):
    result = api.batch_vs_single(rows=rows, max_batch_size=limit)
    assert result.claim_held
    assert result.metrics["batch status"] == (200 if rows <= limit else 422)
    assert result.metrics[f"batch of {limit + 1}"] == 422
