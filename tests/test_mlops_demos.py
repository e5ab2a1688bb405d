"""ML-lifecycle demos: each claim holds on the models and data they just built."""

from __future__ import annotations

import numpy as np
import pytest

from projects.mlops import configuration, features, observability, training, versioning


@pytest.mark.parametrize("skew", features.SKEWS)
@pytest.mark.parametrize("row", [0, 17, 10_000])
def test_one_pipeline_means_no_skew(skew, row):
    result = features.feature_consistency(row=row, skew=skew)
    assert result.claim_held
    assert result.metrics["pipeline, alone"] == result.metrics["pipeline, in a batch"]
    assert (result.metrics["test listings priced differently"] == "0%") == (skew == "none")


@pytest.mark.parametrize("leaf", [1, 5])
def test_deep_trees_overfit(leaf):
    result = training.rf_hyperparameters(min_samples_leaf=leaf, n_estimators=15)
    assert result.claim_held
    assert result.metrics["gap at depth None"] > result.metrics["gap at depth 4"]


def test_large_leaves_shrink_the_gap():
    small = training.rf_hyperparameters(min_samples_leaf=1, n_estimators=15)
    large = training.rf_hyperparameters(min_samples_leaf=50, n_estimators=15)
    assert large.claim_held
    assert large.metrics["gap at depth None"] < small.metrics["gap at depth None"]


@pytest.mark.parametrize(("folds", "C"), [(3, 0.01), (5, 0.1), (10, 10.0)])
def test_cv_report_lists_every_fold(folds, C):
    result = training.cv_report(folds=folds, C=C)
    assert result.claim_held
    assert len(result.tables["Per-fold report"]) == folds
    assert "±" in result.metrics["ROC AUC"]


@pytest.mark.parametrize("seed", [0, 42, 2**32 - 2])
def test_same_seed_same_model(seed):
    result = training.reproducibility(seed=seed, n_estimators=5)
    assert result.claim_held


def test_shipped_config_is_valid_and_mistakes_are_located():
    result = configuration.config_validation()
    assert result.claim_held and result.metrics["your config"] == "valid"


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (configuration.SHIPPED_YAML.replace("threshold: 0.5", "threshold: 1.5"), "threshold"),
        (configuration.SHIPPED_YAML.replace("random_seed: 42", "random_seed: -1"), "random_seed"),
        ("model: [unclosed", "line 1"),
        ("just text", "(root)"),
    ],
)
def test_a_broken_config_names_the_place(text, path):
    result = configuration.config_validation(yaml_text=text)
    errors = result.tables["Your config's errors"]
    assert path in set(errors["path"])
    assert result.claim_held  # the planted mistakes are still all found


@pytest.mark.parametrize("changed", [0, 1, 50])
def test_data_versions_follow_content(changed):
    result = versioning.data_versions(seed=3, changed_cells=changed)
    assert result.claim_held
    assert result.metrics["edited, new hash"] is (changed > 0)


@pytest.mark.parametrize("level", observability.LEVELS)
@pytest.mark.parametrize("json_lines", [True, False])
def test_logging_levels_filter_and_redact(level, json_lines):
    result = observability.logging_levels(level=level, json_lines=json_lines)
    assert result.claim_held
    assert result.metrics["records emitted"] == 4 - observability.LEVELS.index(level)


@pytest.mark.parametrize("runs", [2, 4, 8])
def test_tracking_store_finds_the_best_run(runs):
    result = training.experiment_tracking(runs=runs)
    assert result.claim_held and result.metrics["runs logged"] == runs


@pytest.mark.parametrize(("n_estimators", "seed"), [(10, 0), (30, 42), (60, 100)])
def test_four_features_are_enough(n_estimators, seed):
    result = features.feature_subsets(n_estimators=n_estimators, seed=seed)
    assert result.claim_held
    assert result.metrics["4 features"] > result.metrics["majority baseline"] + 0.05


def test_resampling_before_the_split_inflates_a_forests_cv_score():
    from projects.patterns import concepts as patterns

    result = patterns.resample_classifier()
    assert result.claim_held and result.condition_met
    assert result.metrics["leaky ROC AUC"] > result.metrics["honest ROC AUC"] + 0.05


def test_resample_classifier_is_a_sklearn_estimator():
    from sklearn.base import clone
    from sklearn.model_selection import cross_val_score

    from projects.patterns import concepts as patterns

    model = patterns.ResampleClassifier(
        patterns.build_estimator("logistic_regression"), "under-sampling"
    )
    copy = clone(model)
    assert copy.get_params()["strategy"] == "under-sampling" and not hasattr(copy, "estimator_")
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(200, 3)), (rng.random(200) < 0.2).astype(int)
    assert len(cross_val_score(model, X, y, cv=3)) == 3
    fitted = clone(model).fit(X, y)
    assert fitted.predict_proba(X).shape == (200, 2)


@pytest.mark.parametrize("strategy", ["under-sampling", "none"])
def test_other_strategies_say_the_condition(strategy):
    from projects.patterns import concepts as patterns

    result = patterns.resample_classifier(estimator="logistic_regression", strategy=strategy)
    assert not result.condition_met and result.claim_held


def test_bankchurn_imports_point_down_and_have_no_cycle():
    from projects.patterns import concepts as patterns

    result = patterns.module_structure()
    assert result.claim_held and result.metrics["upward imports"] == 0
    graph = patterns.import_graph()
    assert "projects.bankchurn.pipeline" in graph["projects.bankchurn.api.model"]
    assert patterns._has_cycle({"a": {"b"}, "b": {"a"}}) and not patterns._has_cycle(
        {"a": {"b"}, "b": set()}
    )


# ------------------------------------------------------------- computed numbers, no prose
def test_skew_numbers():
    found = features.compute_feature_consistency(3, features.SKEWS[0])
    assert found.alone == pytest.approx(found.in_batch) and found.skewed != found.alone
    assert 0 < found.changed_share <= 1
    assert features.compute_feature_consistency(3, "none").changed_share == 0


def test_feature_sets_accuracies():
    found = features.compute_feature_subsets(30, 42)
    assert set(found.accuracy) == set(features.FEATURE_SETS)
    assert found.correlation > 0.9 and 0.5 <= found.baseline < 1


def test_depth_sweep_gap_grows_with_depth():
    found = training.compute_rf_hyperparameters(1, 15, "sqrt")
    assert list(found.table["max_depth"]) == ["2", "4", "6", "8", "12", "None"]
    assert found.gaps[-1] > found.gaps[0]


def test_fold_report_keeps_the_churn_rate():
    found = training.compute_cv_report(5, 0.1)
    assert len(found.table) == 5 and found.table["test rows"].sum() == 6_000
    assert found.rate_gap < 0.01 and found.std > 0


def test_seeded_runs_hashes():
    found = training.compute_reproducibility(7, 5)
    assert found.first == found.again and found.first != found.other


def test_tracked_runs_read_back_what_was_logged():
    found = training.compute_experiment_tracking(3)
    assert list(found.logged) == ["run-01", "run-02", "run-03"]
    assert found.best["metrics.roc_auc"] == max(found.logged.values())
    tampered = training.TrackedRuns({**found.logged, "run-01": 0.0}, found.found)
    assert not tampered.claim_held  # a store that does not hold what was logged fails


def test_config_check_counts():
    found = configuration.compute_config_validation("random_seed: 1\n")
    assert found.shipped_errors == 0 and len(found.planted) == len(configuration.MISTAKES)
    assert any(e["path"] == "project_name" for e in found.errors)


def test_data_version_hashes():
    found = versioning.compute_data_versions(3, 2)
    assert found.v1 == found.regenerated != found.edited
    assert found.pointer["outs"][0]["md5"] == found.v1
    assert versioning.compute_data_versions(3, 0).edited == found.v1


def test_emitted_log_levels_and_redaction():
    found = observability.compute_logging_levels("WARNING", False)
    assert found.emitted_levels == ["WARNING", "ERROR"] and found.claim_held
    leaked = observability.EmittedLog("WARNING", False, (*found.lines, "ERROR Hargrave"))
    assert not leaked.claim_held


def test_resample_scores():
    from projects.patterns import concepts as patterns

    found = patterns.compute_resample_classifier("random_forest", "over-sampling", 3)
    assert found.condition_met and found.gap > 0.05 and len(found.honest) == 3
    none = patterns.compute_resample_classifier("logistic_regression", "none", 3)
    assert none.gap == 0 and not none.condition_met


def test_module_layers():
    from projects.patterns import concepts as patterns

    found = patterns.compute_module_structure(5)
    assert not found.upward and not found.cycles and found.detects_a_planted_cycle
    upside_down = patterns.ModuleLayers(
        5, {**found.graph, "projects.bankchurn.data": {"projects.bankchurn.pipeline"}}
    )
    assert upside_down.upward and not upside_down.claim_held
