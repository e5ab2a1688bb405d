"""The API demos drive the real service in-process: their claims hold on what it answered."""

from __future__ import annotations

import dataclasses
import json
import math

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


# ---------------------------------------------------------------- computed numbers (issue 10)
def test_degraded_mode_numbers_and_a_claim_that_can_fail():
    found = api.compute_degraded_mode(model_file="missing file", predictions=2)
    assert found.loads == 1 and found.status("GET /live") == 200
    assert found.status("GET /ready") == 503 and found.health["status"] == "degraded"
    assert found.claim_held
    assert not dataclasses.replace(found, loads=2).claim_held  # a loader run per request
    assert not dataclasses.replace(found, model_file="valid artifact").claim_held


def test_scraped_metrics_count_exactly_what_was_sent():
    found = api.compute_prometheus_metrics(valid_requests=3, invalid_requests=2)
    assert (found.counted_ok, found.counted_bad, found.timed) == (3, 2, 5)
    counts = [value for _, value in found.buckets]
    assert counts == sorted(counts) and counts[-1] == 5  # cumulative, +Inf holds them all
    assert found.claim_held
    assert not dataclasses.replace(found, valid_requests=4).claim_held


def test_cors_and_batch_computed_apart():
    found = api.compute_cors_policy(origin="https://crm.bank.example")
    assert found.listed == ("https://crm.bank.example",) and found.yours_allowed
    assert list(found.table["origin"]) == list(api.TRIAL_ORIGINS)  # yours is one of them
    over = api.compute_batch_vs_single(rows=30, max_batch_size=10)
    assert over.batch_status == 422 and over.over_limit_refused and not over.same
    assert math.isnan(over.per_row_batch) and over.claim_held
    fits = api.compute_batch_vs_single(rows=40, max_batch_size=1_000)
    assert fits.batch_status == 200 and fits.same and fits.sample == 20
    assert not dataclasses.replace(fits, same=False).claim_held


def test_probe_waits_claim_reads_the_timings():
    found = api.compute_async_vs_sync(work_ms=30, concurrent=3)
    assert found.async_wait >= 30 * 3 * 0.9 and found.claim_held
    slow_def = dataclasses.replace(found, sync_wait=found.async_wait)  # def blocked too
    assert not slow_def.claim_held
