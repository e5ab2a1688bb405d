"""Testing and CI/CD demos: a real pytest + coverage run, CI timelines, Docker cache, docs."""

from __future__ import annotations

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
