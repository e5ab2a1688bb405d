"""A bounded sweep of every demo in CI: each parameter at its min and max (others at their
defaults) plus two hypothesis points, on the synthetic data. No exception is allowed except
a clear ValueError. The full sweep (step neighbours, more random points, the real-schema CSV
variants) is `python -m simulacro demos --sweep`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from projects import params as P
from projects import registry, sweep
from projects.demo import DemoResult, demo

ROOT = Path(__file__).resolve().parent.parent
SPECS = registry.all_demos()


@pytest.mark.parametrize("demo_id", sorted(SPECS))
def test_bounded_sweep_never_crashes(demo_id):
    (report,) = sweep.sweep_demo(
        SPECS[demo_id], random_count=2, with_variants=False, neighbours=False
    )
    assert report.points >= 1 + len(SPECS[demo_id].params)
    assert report.failures == []


def _fragile(n: int = 5, mode: str = "a") -> DemoResult:
    if n == 7:
        raise ZeroDivisionError("seven")
    if mode == "b" and n > 8:
        raise ValueError("b needs n <= 8")
    return DemoResult(claim_held=True)


FRAGILE = demo(
    "ops",
    _fragile,
    title="fragile",
    questions=(1,),
    claim="c.",
    params=(P.integer("n", 1, 10, 5, 2), P.options("mode", ("a", "b"), "a")),
)


def test_sweep_finds_a_crash_at_a_step_neighbour_and_counts_rejections():
    (report,) = sweep.sweep_demo(FRAGILE, random_count=30, with_variants=False)
    assert any(f["params"]["n"] == 7 for f in report.failures)  # default 5 + step 2
    assert all("ZeroDivisionError: seven" in f["error"] for f in report.failures)
    assert report.rejected >= 1  # mode b with n 9 or 10: a clear message, not a failure


def test_random_points_are_inside_the_space_and_reproducible():
    first = sweep.random_points(FRAGILE, 10)
    assert first == sweep.random_points(FRAGILE, 10) and len(first) >= 5
    for point in first:
        assert 1 <= point["n"] <= 10 and point["mode"] in ("a", "b")


def test_variants_go_through_the_schema_check():
    names = [name for name, _ in sweep.data_variants("telecomai")]
    assert names[0] == "synthetic" and "users_behavior.csv" in names[1]


def test_sweep_cli_json_and_exit_code():
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "simulacro",
            "demos",
            "--sweep",
            "--json",
            "--only",
            "carvision.mape_vs_smape",
            "--random",
            "2",
            "--no-variants",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (row,) = json.loads(done.stdout)
    assert row["id"] == "carvision.mape_vs_smape" and row["data"] == "synthetic"
    assert row["points"] >= 10 and row["failures"] == []


def _sweep_cli(*extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "simulacro", "demos", "--sweep", "--json", "--random", "1"]
        + list(extra),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_sweep_also_runs_on_the_users_file(tmp_path):
    from projects.telecomai import data as telecom_data

    path = tmp_path / "my_users.csv"
    telecom_data.generate(n_rows=400, seed=7).to_csv(path, index=False)
    done = _sweep_cli(
        "--only", "telecomai.stratification", "--no-variants", "--data", f"telecomai={path}"
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [row["data"] for row in rows] == ["synthetic", "my_users.csv"]
    assert all(row["failures"] == [] and row["points"] >= 3 for row in rows)


def test_sweep_refuses_an_invalid_file_instead_of_falling_back(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    env = {**os.environ, "SIMULACRO_TELECOMAI_CSV": str(path)}
    done = _sweep_cli("--only", "telecomai.", env=env)
    assert done.returncode == 1
    assert "cannot use the data set" in done.stderr and "broken.csv" in done.stderr
    assert done.stdout == ""
