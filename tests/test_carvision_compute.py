"""CarVision demos' computed numbers, checked apart from their presentation (issue 10)."""

from __future__ import annotations

import numpy as np
import pytest

from projects.carvision import cleaning, data, evaluation, features, leakage
from projects.carvision import pipeline as cv
from projects.carvision.common import _frame, _trained


def test_filter_funnel_only_shrinks_and_counts_placeholders():
    found = cleaning.compute_data_filters()
    kept = found.funnel["rows kept"].tolist()
    assert kept == sorted(kept, reverse=True) and kept[-1] == found.kept
    raw = _frame(None, 42)
    assert found.placeholders == int((raw["price"] < 1_000).sum()) > 0
    assert found.total == len(raw)
    assert found.mape_ratio == pytest.approx(found.raw["mape"] / found.filtered["mape"])


def test_imputation_drop_rows_keeps_the_complete_training_rows():
    found = features.compute_imputation()
    rows = found.table.set_index("numeric strategy")["training rows kept"]
    assert rows["median"] == rows["mean"] == rows["constant"]
    assert found.kept_drop == pytest.approx(rows["drop rows"] / rows["median"])
    assert 0.5 <= found.kept_drop <= 0.65  # the real file keeps ~58 %
    assert found.drop_gap == pytest.approx(
        (found.rmse["drop rows"] - found.rmse["median"]) / found.rmse["median"]
    )


def test_feature_types_from_config_use_the_config_lists():
    found = features.compute_feature_types(None, "config", "config")
    numeric, categorical = cv.feature_lists(cv.load_config())
    assert list(found.used_numeric) == numeric and list(found.used_categorical) == categorical
    assert "model_year" in found.inferred_numeric and found.disagreements


def test_segment_errors_cover_every_test_row():
    found = evaluation.compute_segment_errors(None, "fuel", 30)
    assert found.table["n_samples"].sum() == len(_trained(None, 42).test)
    small = found.table[found.table["n_samples"] < 30]
    assert not small["included"].any() and small["rmse"].isna().all()


def test_dummy_constants_each_minimise_their_own_loss():
    found = evaluation.compute_dummy_baseline()
    mean, median = found.table.iloc[0], found.table.iloc[1]
    assert mean["rmse"] <= median["rmse"] and median["mae"] <= mean["mae"]
    assert found.model_rmse == pytest.approx(_trained(None, 42).metrics["rmse"])


def test_bootstrap_interval_brackets_the_point_estimate():
    found = evaluation.compute_bootstrap_ci(None, 400, 0.9)
    low, high = found.interval
    assert len(found.diffs) == 400 and low <= found.point <= high
    wider = evaluation.compute_bootstrap_ci(None, 400, 0.99).interval
    assert wider[0] <= low and wider[1] >= high


def test_persisted_split_reproduces_and_resplits_do_not():
    found = leakage.compute_split_persistence(None, 0.25, 42, 7)
    overlap = found.table["same test rows as run 1 (%)"].tolist()
    assert overlap[:2] == [100.0, 100.0] and max(overlap[2:]) < 100.0
    assert found.table["test rows"].nunique() == 1


def test_leak_only_helps_when_the_price_is_known():
    found = leakage.compute_price_category_leakage()
    assert found.leaky_val["rmse"] < found.honest_val["rmse"]
    assert found.inference_fails
    assert found.leaky_inference["rmse"] > found.honest_val["rmse"]


def test_temporal_backtest_tests_on_the_latest_listings():
    found = leakage.compute_temporal_backtest(None, 0.2)
    assert found.monthly.index.is_monotonic_increasing
    assert found.cutoff[:7] in set(found.monthly.index)
    assert np.isfinite(found.bias)


def test_temporal_claim_needs_drift_and_says_so_without_it():
    drifting = leakage.compute_temporal_backtest()
    assert drifting.drift >= leakage.MIN_DRIFT and drifting.condition_met
    # The same listings with their posting dates shuffled: a market that does not move.
    frame = data.generate(seed=7)
    frame["date_posted"] = np.random.default_rng(0).permutation(frame["date_posted"].to_numpy())
    flat = leakage.temporal_backtest(frame)
    assert not flat.condition_met and "drift" in flat.condition
    assert abs(leakage.compute_temporal_backtest(frame).drift) < leakage.MIN_DRIFT
