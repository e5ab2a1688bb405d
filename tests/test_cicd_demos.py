"""Testing and CI/CD demos: a real pytest + coverage run, CI timelines, Docker cache, docs."""

from __future__ import annotations

import dataclasses
import json

import pytest

from projects.cicd import delivery as ci
from projects.cicd import testing


@pytest.mark.parametrize(
    ("threshold", "integration", "bug", "gate"),
    [
        (70, True, False, "PASS"),
        (70, True, True, "FAIL"),
        (70, False, False, "FAIL"),
        (50, False, False, "PASS"),
        (95, True, False, "FAIL"),
    ],
)
def test_real_pytest_coverage_gate(threshold, integration, bug, gate):
    result = testing.pytest_coverage(
        threshold=threshold, integration_tests=integration, plant_bug=bug
    )
    assert result.claim_held
    assert result.metrics["gate"] == gate
    assert result.metrics["failed"] == (1 if bug else 0)
    missing = result.tables["Lines never executed (coverage)"]["code"].str.cat()
    assert "handle.write" in missing  # export_report is never tested


@pytest.mark.parametrize(
    "failing", ["test py3.11", "test py3.12", "lint (ruff)", "build image", "none"]
)
@pytest.mark.parametrize("fail_fast", [True, False])
def test_ci_timeline(failing, fail_fast):
    result = ci.ci_timeline(failing_job=failing, fail_after_min=2.0, fail_fast=fail_fast)
    assert result.claim_held
    assert result.metrics["deployed"] is (failing == "none")


def test_fail_fast_saves_minutes_but_hides_results():
    result = ci.ci_timeline(
        failing_job="test py3.11", fail_after_min=1.0, versions=("3.10", "3.11", "3.12")
    )
    assert (
        result.metrics["runner minutes, fail-fast on"]
        < result.metrics["runner minutes, fail-fast off"]
    )
    assert result.metrics["test results known, on"] < result.metrics["test results known, off"] == 3


@pytest.mark.parametrize("change", ci.CHANGES)
def test_docker_cache_on_the_repos_dockerfile(change):
    result = ci.docker_cache(change=change)
    assert result.claim_held
    expected = change in (ci.CHANGES[1], ci.CHANGES[3])  # deps or base image: reinstall
    assert result.metrics["dependencies reinstalled"] is expected


def test_naive_dockerfile_reinstalls_on_a_code_change():
    result = ci.docker_cache(dockerfile=ci.NAIVE_DOCKERFILE, change=ci.CHANGES[0])
    assert result.metrics["dependencies reinstalled"] is True


@pytest.mark.parametrize(
    ("rate", "rpm", "detect"), [(0.01, 10, 1), (0.2, 1000, 3), (1.0, 100_000, 30)]
)
def test_canary_has_the_smallest_blast_radius(rate, rpm, detect):
    assert ci.deployment_strategies(
        error_rate=rate, requests_per_min=rpm, detect_min=detect
    ).claim_held


@pytest.mark.parametrize("block_at", ci.SEVERITIES)
@pytest.mark.parametrize("unfixable", [True, False])
def test_security_gate(block_at, unfixable):
    result = ci.security_gate(block_at=block_at, block_unfixable=unfixable)
    assert result.claim_held and result.metrics["gate"] == "FAIL"  # the leaked key always blocks


def test_docs_validation_finds_each_planted_problem_with_its_line():
    result = ci.docs_validation()
    problems = result.tables["Problems found"]
    assert result.claim_held and len(problems) == 3
    clean = ci.docs_validation(markdown="# Title\n\n```python\nx = 1\n```\n[readme](README.md)\n")
    assert clean.metrics["problems"] == 0
    unclosed = ci.docs_validation(markdown="```yaml\na: 1\n")
    assert unclosed.tables["Problems found"]["kind"].tolist() == ["fence"]


def test_dependency_resolution_and_conflicts():
    assert ci.dependency_resolution().claim_held
    conflict = ci.dependency_resolution("a: numpy>=2\nb: numpy<2")
    assert conflict.metrics["conflicts"] == 1 and conflict.claim_held
    bad = ci.dependency_resolution("a: leftpad>=1\nb: numpy>>2")
    assert bad.metrics["input errors"] == 2


@pytest.mark.parametrize(
    ("command", "status"),
    [
        ("train --seed 3", "ok"),
        ("predict", "error"),
        ("", "error"),
        ("evaluate --model m --threshold x", "error"),
        ('train "unclosed', "error"),
    ],
)
def test_cli_design(command, status):
    result = ci.cli_design(command=command)
    assert result.claim_held and result.metrics["your command"] == status


# ---------------------------------------------------------------- computed numbers (issue 10)
def test_coverage_run_numbers_and_a_claim_that_can_fail():
    found = testing.compute_pytest_coverage(threshold=70, integration_tests=False)
    assert found.all_passed and found.failed == 0 and 0 < found.percent < 100
    assert not found.gate_passed  # score_customers is never run without the integration test
    assert found.claim_held
    # Had the scoring lines been executed without the integration test, the claim must fail.
    assert not dataclasses.replace(found, missing=()).claim_held


def test_ci_runs_numbers():
    found = ci.compute_ci_timeline(fail_after_min=1.0, versions=("3.10", "3.11", "3.12"))
    assert found.minutes[True] < found.minutes[False]
    assert found.reported == {True: 1, False: 3} and not found.deployed
    clean = ci.compute_ci_timeline(failing_job="none")
    assert clean.deployed and clean.minutes[True] == clean.minutes[False] and clean.claim_held
    runs = dict(clean.runs)
    runs[True] = runs[True].assign(outcome="skipped")  # nothing deployed although nothing failed
    assert not dataclasses.replace(clean, runs=runs).claim_held


def test_cache_blast_radius_triage_computed_apart():
    cache = ci.compute_docker_cache(dockerfile=ci.NAIVE_DOCKERFILE)
    assert cache.naive_code_reinstalls and cache.stages == 1
    assert int(cache.mine["cost (s)"].sum()) == int(cache.naive["cost (s)"].sum())
    radius = ci.compute_deployment_strategies(error_rate=0.2, requests_per_min=1_000, detect_min=3)
    # 1,000 × 0.2 × share × (detect + rollback), + a minute of downtime for the big bang
    assert radius.failed == {
        "big bang (recreate)": 2_600,
        "rolling update": 700,
        "canary 10 %": 70,
        "blue-green": 700,
    }
    triage = ci.compute_security_gate(block_at="CRITICAL")
    assert int(triage.blocks.sum()) == 1 and triage.tickets == 3 and triage.claim_held


def test_docs_resolution_cli_computed_apart():
    docs = ci.compute_docs_validation()
    # The dead link's line, then each broken block's opening fence (counted by hand).
    assert list(zip(docs.problems["line"], docs.problems["kind"], strict=True)) == [
        (15, "link"),
        (17, "python block"),
        (22, "json block"),
    ]
    assert docs.code_blocks == 4
    resolution = ci.compute_dependency_resolution("a: numpy>=2\nb: numpy<2")
    assert resolution.conflicts == 1 and resolution.clash_reported and resolution.claim_held
    cli = ci.compute_cli_design("train --seed 3")
    assert cli.status == "ok" and json.loads(cli.detail)["seed"] == 3


@pytest.mark.parametrize(("block_at", "fails"), [("CRITICAL", False), ("HIGH", True)])
def test_security_gate_is_checked_where_it_can_pass(block_at, fails):
    """With the secret rotated the gate can pass, so 'fails exactly when' is really tested."""
    found = ci.compute_security_gate(block_at=block_at)
    assert found.gate_fails_without_secret is fails and found.claim_held
    lenient = found.without_secret.assign(action="accept with expiry + watch for a fix")
    assert dataclasses.replace(found, without_secret=lenient).claim_held is not fails
