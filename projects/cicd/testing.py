"""A real pytest + coverage session on a tiny module (questions 36-38, 45, 78, 87, 88).

The module, its conftest (fixtures), a parametrised unit test file and an integration
test are written to a temporary folder, then `python -m coverage run -m pytest` runs them
in a fresh process, exactly as CI would. Results come from pytest's JUnit XML and from
coverage's own data file: nothing here is simulated. `compute_pytest_coverage` returns
those results, `present_pytest_coverage` the DemoResult shown.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import coverage
import pandas as pd

from projects.demo import DemoResult

MODULE = '''"""churn_rules: the business rules around a churn probability."""


def risk_level(probability: float, low: float = 0.3, high: float = 0.7) -> str:
    if not 0 <= probability <= 1:
        raise ValueError(f"probability {probability} outside [0, 1]")
    if probability < low:
        return "low"
    if probability < high:
        return "medium"
    return "high"


def action(level: str) -> str:
    return {"low": "monitor", "medium": "retention offer", "high": "call now"}[level]


def score_customers(customers: list[dict], model) -> list[dict]:
    """The end-to-end path: model -> probability -> level -> action."""
    out = []
    for customer in customers:
        p = model(customer)
        level = risk_level(p)
        out.append({"id": customer["id"], "p": p, "level": level, "action": action(level)})
    return out


def export_report(rows: list[dict], path: str) -> int:
    """Written but never tested: coverage reports these lines as missing."""
    with open(path, "w") as handle:
        for row in rows:
            handle.write(f"{row['id']},{row['level']}\\n")
    return len(rows)
'''
BUG = (
    '    if probability < high:\n        return "medium"',
    '    if probability <= high:\n        return "medium"',
)
CONFTEST = '''import pytest


@pytest.fixture
def customers():
    """Three customers, rebuilt for every test: no test sees another's edits."""
    return [{"id": 1, "age": 30}, {"id": 2, "age": 52}, {"id": 3, "age": 61}]


@pytest.fixture(scope="session")
def model():
    """Expensive to build in a real project (a trained pipeline): once per session."""
    return lambda customer: min(1.0, customer["age"] / 70)
'''
UNIT = """import pytest

from churn_rules import action, risk_level


@pytest.mark.parametrize(
    ("probability", "expected"),
    [(0.0, "low"), (0.29, "low"), (0.3, "medium"), (0.69, "medium"), (0.7, "high"), (1.0, "high")],
)
def test_risk_level_edges(probability, expected):
    assert risk_level(probability) == expected


@pytest.mark.parametrize("bad", [-0.1, 1.5])
def test_probability_outside_unit_interval_is_refused(bad):
    with pytest.raises(ValueError, match="outside"):
        risk_level(bad)


def test_every_level_has_an_action():
    assert {action(level) for level in ("low", "medium", "high")} == {
        "monitor", "retention offer", "call now"}
"""
INTEGRATION = """from churn_rules import score_customers


def test_scoring_end_to_end(customers, model):
    rows = score_customers(customers, model)
    assert [row["level"] for row in rows] == ["medium", "high", "high"]
    assert rows[1]["action"] == "call now"
"""


def _write(folder: Path, bug: bool, integration: bool) -> None:
    module = MODULE.replace(*BUG) if bug else MODULE
    (folder / "churn_rules.py").write_text(module, encoding="utf-8")
    (folder / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (folder / "test_unit.py").write_text(UNIT, encoding="utf-8")
    if integration:
        (folder / "test_integration.py").write_text(INTEGRATION, encoding="utf-8")
    (folder / "pytest.ini").write_text(
        "[pytest]\naddopts = -q -p no:cacheprovider\n", encoding="utf-8"
    )


def _body_lines(source: list[str], function: str) -> set[int]:
    """Line numbers (1-based) of a top-level function's body, up to the next def."""
    start = next(i for i, line in enumerate(source, 1) if line.startswith(f"def {function}("))
    end = next(
        (i for i, line in enumerate(source, 1) if i > start and line.startswith("def ")),
        len(source) + 1,
    )
    return set(range(start + 1, end))


def _junit(path: Path) -> pd.DataFrame:
    rows = []
    for case in ET.parse(path).getroot().iter("testcase"):
        failed = case.find("failure") is not None or case.find("error") is not None
        rows.append(
            {
                "test": f"{case.get('classname', '').split('.')[-1]}::{case.get('name')}",
                "outcome": "failed" if failed else "passed",
                "seconds": round(float(case.get("time", 0)), 4),
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class CoverageRun:
    """What the real pytest + coverage session produced, read from its own files."""

    threshold: int
    integration_tests: bool
    plant_bug: bool
    tests: pd.DataFrame  # test, outcome, seconds (pytest's JUnit XML)
    statements: tuple[int, ...]  # executable lines of churn_rules.py (coverage)
    missing: tuple[int, ...]  # ... never executed
    all_passed: bool  # pytest's exit code was 0
    output_tail: str  # pytest's last lines

    @property
    def percent(self) -> float:
        return 100.0 * (len(self.statements) - len(self.missing)) / len(self.statements)

    @property
    def failed(self) -> int:
        return int((self.tests["outcome"] == "failed").sum())

    @property
    def gate_passed(self) -> bool:
        return self.all_passed and self.percent >= self.threshold

    @property
    def claim_held(self) -> bool:
        """What the numbers must show: the untested function is missing; with the integration
        test score_customers runs (else it is missing too); the bug fails the 0.7 edge."""
        source, statements, missing = MODULE.splitlines(), set(self.statements), set(self.missing)
        export_body = _body_lines(source, "export_report") & statements
        scoring_body = _body_lines(source, "score_customers") & statements
        return bool(
            export_body <= missing
            and (not scoring_body & missing) == self.integration_tests
            and self.plant_bug == ("failed" in set(self.tests["outcome"]))
        )


def compute_pytest_coverage(
    threshold: int = 70, integration_tests: bool = True, plant_bug: bool = False
) -> CoverageRun:
    """Run the suite under coverage in a fresh process, as CI would."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        _write(folder, plant_bug, integration_tests)
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("PYTEST_", "COV_", "COVERAGE_"))
        }
        env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # a clean session: no plug-ins of the host
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "coverage",
                "run",
                "--include=churn_rules.py",
                "-m",
                "pytest",
                "--junitxml=junit.xml",
            ],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        tests = _junit(folder / "junit.xml")
        cov = coverage.Coverage(data_file=str(folder / ".coverage"))
        cov.load()
        _, statements, _, missing, _ = cov.analysis2(str(folder / "churn_rules.py"))
    return CoverageRun(
        threshold,
        integration_tests,
        plant_bug,
        tests,
        tuple(statements),
        tuple(sorted(missing)),
        done.returncode == 0,
        "\n".join(done.stdout.strip().splitlines()[-3:]),
    )


def present_pytest_coverage(found: CoverageRun) -> DemoResult:
    """Metrics, the test and missing-line tables, sentences and pytest's output."""
    source = MODULE.splitlines()
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "tests": len(found.tests),
            "failed": found.failed,
            "line coverage": f"{found.percent:.0f} %",
            "threshold": f"{found.threshold} %",
            "gate": "PASS" if found.gate_passed else "FAIL",
        },
        tables={
            "Test results (pytest --junitxml)": found.tests,
            "Lines never executed (coverage)": pd.DataFrame(
                {"line": list(found.missing), "code": [source[i - 1] for i in found.missing]}
            ),
        },
        notes=[
            "Unit tests are many, fast and parametrised over the edges (0.3, 0.7); the "
            "integration test runs the whole path with fixtures from conftest.py; a "
            "session-scoped fixture is built once (an expensive model), a function-scoped one "
            "per test (fresh data).",
            "A threshold (70-80 %) stops coverage from sliding; it does not prove the tests "
            "assert the right things — the planted bug shows a covered line can still be wrong "
            "until a test checks its edge.",
        ],
        extra={"pytest output": found.output_tail, "churn_rules.py": MODULE},
    )


def pytest_coverage(
    threshold: int = 70, integration_tests: bool = True, plant_bug: bool = False
) -> DemoResult:
    """Run the suite under coverage; the gate passes only if every test passes AND the
    line coverage of churn_rules.py reaches `threshold` %, like `--cov-fail-under`."""
    return present_pytest_coverage(compute_pytest_coverage(threshold, integration_tests, plant_bug))
