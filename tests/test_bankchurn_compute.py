"""BankChurn demos' computed numbers, checked apart from their presentation (issue 10)."""

from __future__ import annotations

import numpy as np
import pytest

from projects.bankchurn import calibration, decisions, explanation, fairness, metadata, training


def test_risk_levels_partition_the_test_set():
    found = decisions.compute_risk_levels(0.3, 0.7)
    assert found.table["customers"].sum() == len(found.y_test) == len(found.proba)
    assert found.table["churners"].sum() == int(found.y_test.sum())
    high = found.table.set_index("level").loc["high"]
    assert high["customers"] == int((found.proba >= 0.7).sum())


def test_threshold_cost_is_the_brute_force_optimum():
    found = decisions.compute_threshold_cost(500.0, 50.0, 0.57)
    costs = found.sweep["false_negatives"] * 500 + found.sweep["false_positives"] * 50
    assert found.best["cost"] == costs.min()
    assert found.cost_at(0.57) == costs[found.sweep["threshold"] == 0.57].item()
    assert found.theory == pytest.approx(50 / 550)
    # equal costs: the theory says 0.5, and the optimum moves up accordingly
    assert (
        decisions.compute_threshold_cost(100.0, 100.0).best["threshold"] > found.best["threshold"]
    )


def test_fairness_disparate_impact_is_min_over_max():
    found = fairness.compute_fairness("Geography", 0.5)
    rates = found.table["predicted positive rate"]
    assert found.disparate_impact == pytest.approx(rates.min() / rates.max())
    assert found.table["customers"].sum() == 2_000  # the 20 % test split of 10,000


def test_calibration_brier_scores_are_recomputed():
    found = calibration.compute_calibration()
    brier = np.mean((found.p_cal - found.y_test) ** 2)
    assert found.brier_cal == pytest.approx(brier)
    # balanced weights inflate the mean probability far above the real churn rate
    assert found.p_raw.mean() > found.y_test.mean() + 0.15
    assert abs(found.p_cal.mean() - found.y_test.mean()) < 0.05


def test_regularization_path_shrinks_and_contains_the_chosen_c():
    found = training.compute_regularization_c(0.03)
    assert 0.03 in found.Cs and list(found.Cs) == sorted(found.Cs)
    assert found.norms[0] < 0.1 * found.norms[-1]


def test_soft_voting_weights_move_the_ensemble_between_members():
    only_lr = training.compute_soft_voting(1.0, 0.0)
    only_rf = training.compute_soft_voting(0.0, 1.0)
    assert only_lr.auc_ens == pytest.approx(only_lr.auc_lr)
    assert only_rf.auc_ens == pytest.approx(only_rf.auc_rf)
    assert only_lr.same_as_sklearn


def test_imbalance_resampling_balances_training_only():
    found = training.compute_imbalance_strategies()
    shares = found.table.set_index("strategy")["train churn share"]
    assert shares["over-sampling"] == pytest.approx(0.5)
    assert shares["under-sampling"] == pytest.approx(0.5)
    assert shares["none"] == pytest.approx(found.train_churn_share)


def test_explanation_contributions_add_up_to_the_logit_gap():
    found = explanation.compute_explanation_vs_attribution(5, 3)
    assert found.gap < 1e-9
    assert len(found.top_z) == len(found.top_contribution) == 3


def test_metadata_hash_follows_the_config_and_counts_the_rows():
    shipped = metadata.compute_model_metadata(0.1, 0.2, "1.0.0")
    changed = metadata.compute_model_metadata(1.0, 0.2, "1.0.0")
    assert shipped.metadata["config_hash"] == shipped.shipped_hash
    assert changed.metadata["config_hash"] != changed.shipped_hash
    assert shipped.checks["passed"].all()
    assert shipped.metadata["training_samples"] + shipped.metadata["test_samples"] == 10_000
