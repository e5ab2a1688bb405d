"""Demo search, the source shown under "Code that ran", and `demos --check` / `bench()`."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from projects import registry
from projects.demo import DemoResult, DemoSpec
from projects.search import search_demos
from tools import demos_cli as check

ROOT = Path(__file__).resolve().parent.parent


def _spec(demo_id: str, title: str, claim: str, questions=(1,), run=None) -> DemoSpec:
    return DemoSpec(
        id=demo_id,
        project=demo_id.split(".")[0],
        title=title,
        questions=tuple(questions),
        claim=claim,
        run=run or (lambda: DemoResult(claim_held=True)),
    )


SPECS = [
    _spec("carvision.mape_vs_smape", "MAPE vs sMAPE", "MAPE explota cerca de 0", (58, 6)),
    _spec("bankchurn.calibration", "Calibración de probabilidades", "Brier más bajo", (14,)),
    _spec("telecomai.stratification", "Stratified splits", "Menor dispersión", (65, 5)),
    _spec("carvision.price_category_leakage", "Leakage de price_category", "Fuga", (54, 1)),
    _spec("ops.hpa_scaling", "HPA replicas", "Escala con la carga; calibración no", (92,)),
]
TITLES = {"carvision": "CarVision-Market-Intelligence", "ops": "Operations"}


def ids(found: list[DemoSpec]) -> list[str]:
    return [spec.id for spec in found]


def test_empty_query_returns_everything_in_order():
    assert ids(search_demos(SPECS, "   ")) == ids(SPECS)


def test_search_is_accent_and_case_insensitive():
    assert ids(search_demos(SPECS, "CALIBRACION")) == [
        "bankchurn.calibration",  # title match ranks above the claim-only match
        "ops.hpa_scaling",
    ]
    assert ids(search_demos(SPECS, "dispersión")) == ["telecomai.stratification"]


def test_search_by_question_number():
    assert ids(search_demos(SPECS, "58")) == ["carvision.mape_vs_smape"]
    assert ids(search_demos(SPECS, "Q-65")) == ["telecomai.stratification"]
    assert ids(search_demos(SPECS, "q5")) == ["telecomai.stratification"]
    assert search_demos(SPECS, "999") == []


def test_search_terms_must_all_match_and_use_word_prefixes():
    assert ids(search_demos(SPECS, "leak price")) == ["carvision.price_category_leakage"]
    assert search_demos(SPECS, "leak hpa") == []
    assert search_demos(SPECS, "eakage") == []  # only word starts, not any substring


def test_search_by_id_and_project_title():
    assert ids(search_demos(SPECS, "mape_vs")) == ["carvision.mape_vs_smape"]
    found = ids(search_demos(SPECS, "market intelligence", TITLES))
    assert found == ["carvision.mape_vs_smape", "carvision.price_category_leakage"]


def test_code_that_ran_includes_the_project_functions_called(tmp_path, monkeypatch):
    from ui.demos import source_of_run

    source = textwrap.dedent(
        """
        from projects.demo import DemoResult

        def helper(x):
            return inner(x) + 1

        def inner(x):
            return x * 2

        def unused():
            return 0

        def run(x: int = 1) -> DemoResult:
            return DemoResult(claim_held=helper(x) > 0)
        """
    )
    path = tmp_path / "fake_concepts.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("projects.fake_concepts", path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "projects.fake_concepts", module)
    spec.loader.exec_module(module)
    shown = source_of_run(module.run)
    names = [qualname for qualname, _, _ in shown]
    assert names == ["run", "helper", "inner"]  # DemoResult and unused() are left out
    assert shown[1][2].startswith("def helper(x):")


# ---------------------------------------------------------------- demos --check
CALLS: dict[str, int] = {}


def _counting_run(name: str, held: bool = True, boom: bool = False):
    def run(size: int = 3) -> DemoResult:
        CALLS[name] = CALLS.get(name, 0) + 1
        if boom:
            raise RuntimeError("kaput")
        return DemoResult(claim_held=held, metrics={"size": size})

    return run


@pytest.fixture
def fake_registry(monkeypatch):
    def install(*specs: DemoSpec) -> None:
        monkeypatch.setattr(registry, "all_demos", lambda: {s.id: s for s in specs})

    CALLS.clear()
    return install


GOOD = _spec("bankchurn.good", "Good", "holds", (41, 12), _counting_run("good"))
FAILS = _spec("carvision.fails", "Fails", "does not hold", (58,), _counting_run("fails", False))
RAISES = _spec("ops.raises", "Raises", "boom", (73,), _counting_run("raises", boom=True))


def test_check_passes_when_every_claim_holds(fake_registry, capsys):
    fake_registry(GOOD)
    assert check.main(["--check"]) == 0
    out = capsys.readouterr().out
    assert "bankchurn.good" in out and "held" in out
    assert CALLS == {"good": 1}  # the warm run came from the cache


@pytest.mark.parametrize("bad", [FAILS, RAISES], ids=["claim-fails", "demo-raises"])
def test_check_exits_non_zero_when_a_claim_fails_or_a_demo_raises(fake_registry, capsys, bad):
    fake_registry(GOOD, bad)
    assert check.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert ("FAILED" in out) if bad is FAILS else ("ERROR RuntimeError: kaput" in out)
    assert "2 demos: 1 claims held" in out


def test_check_json_shape(fake_registry, capsys):
    fake_registry(GOOD, FAILS, RAISES)
    assert check.main(["--check", "--json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in rows] == ["bankchurn.good", "carvision.fails", "ops.raises"]
    for row in rows:
        assert {"id", "project", "questions", "cold_s", "warm_s", "claim_held"} <= set(row)
        assert isinstance(row["questions"], list)
    good, fails, raises = rows
    assert good["project"] == "bankchurn" and good["questions"] == [41, 12]
    assert good["claim_held"] is True and fails["claim_held"] is False
    assert good["cold_s"] >= 0 and good["warm_s"] >= 0 and good["cold_cpu_s"] >= 0
    assert raises["claim_held"] is False and raises["cold_s"] is None
    assert "kaput" in raises["error"] and "traceback" not in raises


def test_check_list_and_only(fake_registry, capsys):
    fake_registry(GOOD, FAILS)
    assert check.main(["--list"]) == 0
    out = capsys.readouterr().out
    assert "bankchurn.good" in out and "carvision.fails" in out and "2 demos" in out
    assert check.main(["--check", "--only", "good"]) == 0
    assert CALLS == {"good": 1}


def test_check_requires_a_mode(capsys):
    with pytest.raises(SystemExit) as exited:
        check.main([])
    assert exited.value.code == 2


def test_bench_plugin(fake_registry):
    fake_registry(GOOD, FAILS)
    result = check.bench()
    assert [row["id"] for row in result["demos"]] == ["bankchurn.good", "carvision.fails"]
    colds = [row["cold_s"] for row in result["demos"]]
    assert result["demos_max_cold_s"] == max(colds)
    assert result["demos_max_warm_s"] >= 0
    assert result["demos_claims_failed"] == 1


def test_check_is_quiet_outside_streamlit():
    """No 'No runtime found' / ScriptRunContext noise from st.cache_data outside the app
    (a fresh process: Streamlit's log handlers write to the real stderr)."""
    script = textwrap.dedent(
        """
        from projects import registry
        from tools import demos_cli as check
        from projects.demo import DemoResult, DemoSpec
        spec = DemoSpec("ops.x", "ops", "X", (1,), "c", lambda: DemoResult(True))
        registry.all_demos = lambda: {spec.id: spec}
        raise SystemExit(check.main(["--check"]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "ops.x" in done.stdout
    assert "runtime" not in (done.stdout + done.stderr).lower(), done.stderr
    assert done.stderr.strip() == ""


# ---------------------------------------------------------------- demos --check on your data
def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "simulacro", "demos", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def test_check_runs_on_the_env_var_file_and_says_so(tmp_path):
    from projects.telecomai import data

    path = tmp_path / "users_behavior.csv"
    data.generate(n_rows=600, seed=5).to_csv(path, index=False)
    done = _cli("--check", "--json", "--only", "telecomai.metrics", env={data.ENV_VAR: str(path)})
    assert done.returncode == 0, done.stderr
    (row,) = json.loads(done.stdout)
    assert row["data"] == "users_behavior.csv" and row["claim_held"]
    synthetic = _cli("--check", "--json", "--only", "ops.rice")  # a demo without data
    assert json.loads(synthetic.stdout)[0]["data"] == "synthetic"


def test_check_data_option_overrides_and_a_bad_file_fails_with_the_schema_message(tmp_path):
    bad = tmp_path / "vehicles_us.csv"
    bad.write_text("price,model\n1,ford\n", encoding="utf-8")
    done = _cli("--check", "--only", "carvision.mape", "--data", f"carvision={bad}")
    assert done.returncode == 1
    assert "cannot use the data set" in done.stderr and "missing" in done.stderr
    assert done.stdout == ""  # no silent fallback to the synthetic data
    wrong = _cli("--check", "--data", "nothing=x.csv")
    assert wrong.returncode == 1 and "no demo of project 'nothing'" in wrong.stderr
