"""ML-lifecycle demos: each claim holds on the models and data they just built."""

from __future__ import annotations

import numpy as np
import pytest

from projects.mlops import concepts as ml


@pytest.mark.parametrize("skew", ml.SKEWS)
@pytest.mark.parametrize("row", [0, 17, 10_000])
def test_one_pipeline_means_no_skew(skew, row):
    result = ml.feature_consistency(row=row, skew=skew)
    assert result.claim_held
    assert result.metrics["pipeline, alone"] == result.metrics["pipeline, in a batch"]
    assert (result.metrics["test listings priced differently"] == "0%") == (skew == "none")


@pytest.mark.parametrize("leaf", [1, 5])
def test_deep_trees_overfit(leaf):
    result = ml.rf_hyperparameters(min_samples_leaf=leaf, n_estimators=15)
    assert result.claim_held
    assert result.metrics["gap at depth None"] > result.metrics["gap at depth 4"]


def test_large_leaves_shrink_the_gap():
    small = ml.rf_hyperparameters(min_samples_leaf=1, n_estimators=15)
    large = ml.rf_hyperparameters(min_samples_leaf=50, n_estimators=15)
    assert large.claim_held
    assert large.metrics["gap at depth None"] < small.metrics["gap at depth None"]


@pytest.mark.parametrize(("folds", "C"), [(3, 0.01), (5, 0.1), (10, 10.0)])
def test_cv_report_lists_every_fold(folds, C):
    result = ml.cv_report(folds=folds, C=C)
    assert result.claim_held
    assert len(result.tables["Per-fold report"]) == folds
    assert "±" in result.metrics["ROC AUC"]


@pytest.mark.parametrize("seed", [0, 42, 2**32 - 2])
def test_same_seed_same_model(seed):
    result = ml.reproducibility(seed=seed, n_estimators=5)
    assert result.claim_held


def test_shipped_config_is_valid_and_mistakes_are_located():
    result = ml.config_validation()
    assert result.claim_held and result.metrics["your config"] == "valid"


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (ml.SHIPPED_YAML.replace("threshold: 0.5", "threshold: 1.5"), "threshold"),
        (ml.SHIPPED_YAML.replace("random_seed: 42", "random_seed: -1"), "random_seed"),
        ("model: [unclosed", "line 1"),
        ("just text", "(root)"),
    ],
)
def test_a_broken_config_names_the_place(text, path):
    result = ml.config_validation(yaml_text=text)
    errors = result.tables["Your config's errors"]
    assert path in set(errors["path"])
    assert result.claim_held  # the planted mistakes are still all found


@pytest.mark.parametrize("changed", [0, 1, 50])
def test_data_versions_follow_content(changed):
    result = ml.data_versions(seed=3, changed_cells=changed)
    assert result.claim_held
    assert result.metrics["edited, new hash"] is (changed > 0)


@pytest.mark.parametrize("level", ml.LEVELS)
@pytest.mark.parametrize("json_lines", [True, False])
def test_logging_levels_filter_and_redact(level, json_lines):
    result = ml.logging_levels(level=level, json_lines=json_lines)
    assert result.claim_held
    assert result.metrics["records emitted"] == 4 - ml.LEVELS.index(level)


@pytest.mark.parametrize("runs", [2, 4, 8])
def test_tracking_store_finds_the_best_run(runs):
    result = ml.experiment_tracking(runs=runs)
    assert result.claim_held and result.metrics["runs logged"] == runs


@pytest.mark.parametrize(("n_estimators", "seed"), [(10, 0), (30, 42), (60, 100)])
def test_four_features_are_enough(n_estimators, seed):
    result = ml.feature_subsets(n_estimators=n_estimators, seed=seed)
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
