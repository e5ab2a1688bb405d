"""Every claim of a demo that uses a data set, on data shaped like the REAL file.

The real files are not in the repo; /work/shared/datasets.md lists their facts. Here each
project's generator writes a real-size CSV (another seed than the app's synthetic data),
read back through the same schema check as a user's file, so the demos run on it exactly as
on `demos --check --data project=PATH`. A claim must hold there, or the demo must say that
the data does not meet its stated condition (never teach something false). The hard cases
the real data has are checked too: CarVision's missingness (dropping incomplete rows keeps
~58 % and stays competitive, issue 10), its filters hardly moving R², a market without drift.

Bounded: one real-size file per project (51,525 CarVision rows are sampled to 15,000 by the
demos), each demo once with its defaults.
"""

from __future__ import annotations

import importlib

import numpy as np
import pandas as pd
import pytest

from projects import registry
from projects.carvision import cleaning, features, leakage
from projects.carvision import common as car_common
from projects.schema import check_project_csv

REAL_ROWS = {"bankchurn": 10_000, "carvision": 51_525, "telecomai": 3_214}  # datasets.md
SEED = 7  # not the app's synthetic seed (42)
DATA_DEMOS = sorted(spec.id for spec in registry.all_demos().values() if spec.uses_dataset)


def _as_checked_csv(project: str, frame: pd.DataFrame) -> pd.DataFrame:
    module = importlib.import_module(f"projects.{project}.data")
    raw = frame.to_csv(index=False).encode("utf-8")
    return check_project_csv(raw, module, name=module.REAL_CSV_NAME)


@pytest.fixture(scope="module")
def real_like() -> dict[str, pd.DataFrame]:
    frames = {}
    for project, rows in REAL_ROWS.items():
        module = importlib.import_module(f"projects.{project}.data")
        frames[project] = _as_checked_csv(project, module.generate(n_rows=rows, seed=SEED))
    return frames


def test_every_project_with_data_is_covered():
    assert {demo_id.split(".")[0] for demo_id in DATA_DEMOS} == set(REAL_ROWS)


def test_the_files_reproduce_the_published_facts(real_like):
    cars, churn, users = real_like["carvision"], real_like["bankchurn"], real_like["telecomai"]
    assert len(cars) == 51_525 and len(churn) == 10_000 and len(users) == 3_214
    # CarVision's missingness: four columns with gaps, complete cases ~58 %, is_4wd 1.0 or NaN.
    gaps = cars[list(features.FEATURE_COLUMNS_WITH_GAPS)]
    assert 0.55 < gaps.notna().all(axis=1).mean() < 0.61
    assert cars["is_4wd"].isna().mean() == pytest.approx(0.5, abs=0.05)
    assert set(cars["is_4wd"].dropna().unique()) == {1.0}
    assert cars["price"].median() == pytest.approx(9_000, rel=0.15)
    assert (cars["price"] < 1_000).mean() > 0.005  # the $1 placeholders the filters remove
    # BankChurn: ~20 % churn, Germany ~32 % vs ~16 % elsewhere.
    assert churn["Exited"].mean() == pytest.approx(0.20, abs=0.02)
    by_country = churn.groupby("Geography")["Exited"].mean()
    assert by_country["Germany"] == pytest.approx(0.32, abs=0.04)
    assert by_country[["France", "Spain"]].max() < 0.21
    # TelecomAI: 30.6 % Ultra.
    assert users["is_ultra"].mean() == pytest.approx(0.306, abs=0.005)


@pytest.mark.parametrize("demo_id", DATA_DEMOS)
def test_claim_holds_or_the_demo_states_its_unmet_condition(real_like, demo_id):
    spec = registry.all_demos()[demo_id]
    result = spec.run(df=real_like[spec.project])
    if result.condition_met:
        assert result.claim_held, f"{demo_id}: claim false on real-like data: {result.metrics}"
    else:  # honest: the app shows this sentence instead of the lesson
        assert result.condition and len(result.condition) > 20


def test_carvision_imputation_like_the_real_file(real_like):
    """Real vehicles_us.csv: dropping keeps ~58 %, RMSE 4,962 vs 5,034 for the median."""
    found = features.compute_imputation(real_like["carvision"])
    assert found.condition_met and found.claim_held
    assert 0.54 < found.kept_drop < 0.62
    assert abs(found.drop_gap) <= features.DROP_TOLERANCE  # competitive, not a disaster


def test_carvision_imputation_on_the_hardest_generated_file():
    """Seed 11 is the generated real-size file where dropping cost most (+11.5 % RMSE) of
    12 seeds tried: still within the stated tolerance, the lesson holds."""
    from projects.carvision import data

    cars = _as_checked_csv("carvision", data.generate(n_rows=51_525, seed=11))
    found = features.compute_imputation(cars)
    assert found.condition_met and found.claim_held
    assert 0 < found.drop_gap <= features.DROP_TOLERANCE


def test_telecomai_lr_grid_on_a_file_where_100_trees_are_too_few():
    """Seed 4: at 100 trees lr=0.5 has lost only 0.004 AUC from its peak (the claim would
    fail), at the default 200 it has lost 0.016: the default keeps 200 trees."""
    from projects.telecomai import data, experiments

    users = _as_checked_csv("telecomai", data.generate(n_rows=3_214, seed=4))
    assert not experiments.compute_lr_estimators_grid(max_estimators=100, df=users).claim_held
    assert experiments.compute_lr_estimators_grid(df=users).claim_held


def test_carvision_filters_like_the_real_file(real_like):
    """Real file: the filters raise R² by only ~+0.03 (no extra-zero typos) but fix MAPE."""
    found = cleaning.compute_data_filters(real_like["carvision"])
    assert found.condition_met and found.claim_held
    assert abs(found.r2_gain) < car_common.R2_MODEST
    assert found.mape_ratio >= 10 and found.kept_share >= 0.85


def test_carvision_without_drift_the_backtest_says_so(real_like):
    """datasets.md does not say the real prices drift: with posting dates shuffled over the
    same year the demo must not claim the random split is optimistic."""
    cars = real_like["carvision"].copy()
    rng = np.random.default_rng(0)
    cars["date_posted"] = rng.permutation(cars["date_posted"].to_numpy())
    found = leakage.compute_temporal_backtest(cars)
    assert not found.condition_met
    shown = leakage.present_temporal_backtest(found)
    assert not shown.condition_met and "differs by only" in shown.condition


def test_carvision_without_gaps_the_imputation_demo_says_so(real_like):
    full = real_like["carvision"].dropna(subset=list(features.FEATURE_COLUMNS_WITH_GAPS))
    shown = features.imputation(df=full)
    assert not shown.condition_met and "too few gaps" in shown.condition
