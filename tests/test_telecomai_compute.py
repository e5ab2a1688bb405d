"""TelecomAI demos' computed numbers, checked apart from their presentation (issue 10)."""

from __future__ import annotations

import numpy as np
import pytest

from projects.telecomai import artifacts, configuration, experiments, serving


def test_stratified_rates_stay_within_one_row_of_the_overall_rate():
    found = experiments.compute_stratification(50, 0.2, 1_000)
    n_test = 200
    assert len(found.rates["plain"]) == len(found.rates["stratified"]) == 50
    assert np.ptp(found.rates["stratified"]) <= 1 / n_test + 1e-12
    assert found.summary.loc["std", "plain"] > 3 * found.summary.loc["std", "stratified"]


def test_learning_curve_and_checks_on_injected_problems():
    found = experiments.compute_debugging_learning_curve("deep_tree", True)
    assert found.rows_raw > found.rows_clean
    assert set(found.checks.loc[found.checks["status"] == "warn", "check"]) >= {
        "duplicate rows",
        "missing values",
        "constant columns",
    }
    assert found.train_auc > found.test_auc + 0.1  # an unpruned tree memorises
    assert list(found.sizes) == sorted(found.sizes)


def test_lr_grid_cells_come_from_the_staged_curves():
    found = experiments.compute_lr_estimators_grid((0.05, 0.5), 100)
    for lr in found.lrs:
        for n in found.grid_n:
            assert found.val.loc[str(lr), n] == found.val_curves[lr][n - 1]
    assert found.grid_n[-1] == 100 and found.best_n[0.5] <= found.best_n[0.05]


def test_lr_grid_reuses_the_project_model_and_it_equals_a_direct_fit():
    from projects.telecomai.pipeline import SYNTHETIC_KEY, default_config, trained_model

    key, cfg = experiments.register_frame(None), default_config()
    experiments._staged_scores.cache_clear()
    _, shared_val = experiments._staged_scores(key, cfg.learning_rate, 100)  # project model
    direct = trained_model(SYNTHETIC_KEY, cfg.replace(n_estimators=100))  # a 100-tree fit
    model, scaler = direct.pipeline.named_steps["model"], direct.pipeline.named_steps["scaler"]
    proba = model.predict_proba(scaler.transform(direct.split.X_test))[:, 1]
    assert key == SYNTHETIC_KEY and shared_val.shape == (100,)
    assert shared_val[-1] == experiments.fast_auc(direct.split.y_test.to_numpy(), proba)


def test_one_file_is_bit_identical_and_a_smaller_shift_flips_fewer():
    found = artifacts.compute_unified_pipeline(30.0, 1)
    assert found.unified_identical and 0 < found.changed < 1
    assert found.preprocessor_changed
    small = artifacts.compute_unified_pipeline(1.0, 1)
    assert small.changed <= found.changed


def test_metrics_round_trip_with_the_confusion_matrix():
    found = artifacts.compute_metrics_yaml(2, True)
    matrix = found.metrics["confusion_matrix"]
    assert found.round_trip and found.loaded["confusion_matrix"] == matrix
    assert sum(matrix.values()) > 0 and "RepresenterError" in found.numpy_error
    assert all(round(v, 2) == v for v in found.metrics.values() if isinstance(v, float))


def test_yaml_config_uses_every_value_it_asks_for():
    found = configuration.compute_yaml_config()
    assert found.used == found.wanted
    assert list(found.metrics_table.columns) == ["your config", "shipped config.yaml"]


@pytest.mark.parametrize("usage", [(10, 50.0, 0, 1_000.0), (150, 1_400.0, 150, 45_000.0)])
def test_confidence_is_the_probability_of_the_recommended_plan(usage):
    found = serving.compute_plan_recommender(*usage)
    assert found.confidence == pytest.approx(max(found.p_ultra, 1 - found.p_ultra))
    assert found.response["recommended_plan"] == ("Ultra" if found.predicted else "Basic")
