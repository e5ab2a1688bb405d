"""TelecomAI: generator statistics, config validation, pipeline metrics, and every demo's claim."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml
from sklearn.metrics import roc_auc_score

from projects.registry import spec_of
from projects.telecomai import artifacts, configuration, experiments, serving
from projects.telecomai.config import (
    ConfigError,
    default_config,
    default_config_text,
    parse_config,
    validate_config_text,
)
from projects.telecomai.data import FEATURES, SCHEMA, TARGET, generate
from projects.telecomai.demos import DEMOS
from projects.telecomai.pipeline import (
    fast_auc,
    prepare_frame,
    train_and_evaluate,
    trained_model,
)


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return generate()


# ---------------------------------------------------------------- generator
def test_schema_and_size(data):
    assert list(data.columns) == list(SCHEMA)
    assert len(data) == 3_214
    for column, kind in SCHEMA.items():
        expected = np.floating if kind == "float" else np.integer
        assert np.issubdtype(data[column].dtype, expected), column
    assert set(data[TARGET].unique()) == {0, 1}
    assert (data[list(FEATURES)] >= 0).all().all()
    # calls and messages are counts stored as floats, like the real CSV ("40.0")
    assert (data["calls"] == data["calls"].round()).all()
    assert (data["messages"] == data["messages"].round()).all()


def test_class_rate_and_means_match_datasets_md(data):
    assert abs(data[TARGET].mean() - 0.306) <= 0.02
    means = data.groupby(TARGET)[list(FEATURES)].mean()
    targets = {
        "calls": (58, 73),
        "minutes": (405, 511),
        "messages": (33, 49),
        "mb_used": (16_200, 19_500),
    }
    for column, (basic, ultra) in targets.items():
        assert means.loc[0, column] < means.loc[1, column], column  # Ultra uses more
        assert means.loc[0, column] == pytest.approx(basic, rel=0.08), column
        assert means.loc[1, column] == pytest.approx(ultra, rel=0.08), column


def test_calls_minutes_correlation_and_wide_overlap(data):
    assert data["calls"].corr(data["minutes"]) > 0.95
    ultra = data[data[TARGET] == 1]
    basic = data[data[TARGET] == 0]
    # Wide overlap: a large share of Ultra users use less than the average Basic user.
    for column in FEATURES:
        assert (ultra[column] < basic[column].mean()).mean() > 0.25, column
    assert ultra["mb_used"].std() > basic["mb_used"].std()  # Ultra users are more spread


def test_generator_is_deterministic():
    pd.testing.assert_frame_equal(generate(seed=42), generate(seed=42))
    assert not generate(seed=1).equals(generate(seed=2))
    assert len(generate(n_rows=500)) == 500
    with pytest.raises(ValueError, match="n_rows"):
        generate(n_rows=5)


# ---------------------------------------------------------------- pipeline
def test_pipeline_metrics_in_published_range():
    metrics = trained_model().metrics
    assert set(metrics) == {"accuracy", "roc_auc", "f1", "precision", "recall"}
    assert 0.76 <= metrics["accuracy"] <= 0.86
    assert 0.78 <= metrics["roc_auc"] <= 0.87
    assert metrics["accuracy"] > 0.72  # beats "always Basic" (69.4%)
    assert all(isinstance(v, float) for v in metrics.values())


def test_training_is_deterministic_and_one_artifact():
    first, second = train_and_evaluate(), train_and_evaluate()
    assert first.metrics == second.metrics
    assert [name for name, _ in first.pipeline.steps] == ["scaler", "model"]
    model = first.pipeline.named_steps["model"]
    assert (model.max_depth, model.learning_rate, model.n_estimators) == (2, 0.05, 200)


def test_fast_auc_equals_sklearn():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 400)
    score = np.round(rng.random(400) + 0.3 * y, 2)  # ties included
    assert fast_auc(y, score) == pytest.approx(roc_auc_score(y, score), abs=1e-12)


def test_prepare_frame_rejects_bad_data(data):
    with pytest.raises(ValueError, match="lacks column"):
        prepare_frame(data.drop(columns=["minutes"]))
    bad = data.astype({"calls": object})
    bad.loc[3, "calls"] = "many"
    with pytest.raises(ValueError, match="'calls' is not numeric.*many"):
        prepare_frame(bad)
    with pytest.raises(ValueError, match="at least"):
        prepare_frame(data.head(50))


# ---------------------------------------------------------------- config
def test_shipped_config_matches_seed_question_64():
    cfg = default_config()
    raw = yaml.safe_load(default_config_text())
    assert raw["project_name"] == "TelecomAI-Customer-Intelligence"
    assert cfg.features == FEATURES and cfg.target == "is_ultra"
    assert (cfg.test_size, cfg.stratify, cfg.random_seed) == (0.2, True, 42)
    assert (cfg.model_name, cfg.n_estimators, cfg.max_depth) == ("gradient_boosting", 200, 2)


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "fragment"),
    [
        ("test_size: 0.2", "test_size: 0.9", 14, "split.test_size", "[0.1, 0.5]"),
        ("n_estimators: 200", "n_estimator: 200", 20, "model.params.n_estimator", "did you mean"),
        ("max_depth: 2", "max_depth: two", 21, "model.params.max_depth", "an int in [1, 5]"),
        ("stratify: true", "stratify: maybe", 15, "split.stratify", "true or false"),
        ("mb_used]", "mb_usage]", 10, "features", "unknown feature"),
        ("target: is_ultra", "target: churn", 11, "target", "is_ultra"),
    ],
)
def test_invalid_config_reports_line_field_and_range(old, new, line, field, fragment):
    text = default_config_text()
    assert old in text
    config, issues = validate_config_text(text.replace(old, new))
    assert config is None
    match = [issue for issue in issues if issue.field == field]
    assert match, issues
    assert match[0].line == line
    assert fragment in match[0].message
    with pytest.raises(ConfigError) as error:
        parse_config(text.replace(old, new))
    assert isinstance(error.value, ValueError)
    assert f"line {line}, {field}" in str(error.value)


def test_config_syntax_error_and_duplicates():
    _, issues = validate_config_text("split:\n  test_size: [0.2\n")
    assert issues[0].field == "YAML syntax" and issues[0].line is not None
    _, issues = validate_config_text(default_config_text() + "random_seed: 7\n")
    assert any("duplicate" in issue.message for issue in issues)
    _, issues = validate_config_text("")
    assert issues[0].message == "the config is empty"


# ---------------------------------------------------------------- demos
def test_every_demo_registered_and_claim_holds_with_defaults():
    ids = {spec.id for spec in DEMOS}
    assert ids == {
        "telecomai.unified_pipeline",
        "telecomai.yaml_config",
        "telecomai.stratification",
        "telecomai.debugging_learning_curve",
        "telecomai.lr_estimators_grid",
        "telecomai.metrics_yaml",
        "telecomai.plan_recommender",
    }
    for spec in DEMOS:
        result = spec.run()
        assert result.claim_held, spec.id
        assert result.figures and result.metrics, spec.id


def test_unified_pipeline_two_files_drift_one_file_does_not():
    result = artifacts.unified_pipeline()
    assert result.extra["unified_identical"]
    assert result.extra["changed_fraction"] > 0.05
    assert float(result.metrics["Accuracy, 2 files"]) < float(result.metrics["Accuracy, 1 file"])
    files = result.tables["Artifacts (what an auditor would compare)"]
    assert files.set_index("file").loc["preprocessor.pkl", "changed after release"]


def test_yaml_config_trains_what_the_config_says():
    text = (
        default_config_text()
        .replace("n_estimators: 200", "n_estimators: 60")
        .replace("[calls, minutes, messages, mb_used]", "[calls, mb_used]")
        .replace("test_size: 0.2", "test_size: 0.3")
    )
    result = configuration.yaml_config(config_text=text)
    assert result.claim_held
    table = result.tables["Every value the pipeline used comes from the config"]
    assert table.loc["n_estimators", "in the trained pipeline"] == "60"
    assert table.loc["features", "in the trained pipeline"] == str(("calls", "mb_used"))
    assert table.loc["test rows", "in the trained pipeline"] == str(int(np.ceil(0.3 * 3_214)))
    with pytest.raises(ValueError, match="line 14, split.test_size"):
        configuration.yaml_config(config_text=default_config_text().replace("0.2", "0.95"))


def test_stratified_spread_smaller_over_200_seeds():
    result = experiments.stratification(n_seeds=200)
    rates = result.extra["rates"]
    assert len(rates["plain"]) == len(rates["stratified"]) == 200
    assert np.std(rates["stratified"]) < np.std(rates["plain"]) / 5
    assert np.ptp(rates["stratified"]) < np.ptp(rates["plain"])
    assert np.ptp(rates["plain"]) > 0.05  # a plain split swings by several points
    assert result.claim_held


def test_debugging_checks_find_injected_problems():
    clean = experiments.debugging_learning_curve()
    assert set(clean.tables["1. Data checks"]["status"]) == {"ok"}
    dirty = experiments.debugging_learning_curve(inject_issues=True)
    checks = dirty.tables["1. Data checks"].set_index("check")["status"]
    assert checks["duplicate rows"] == checks["missing values"] == "warn"
    assert checks["constant columns"] == "warn"
    assert dirty.claim_held and dirty.extra["curve_right"]
    tree = experiments.debugging_learning_curve(model="deep_tree")
    assert tree.metrics["Gap"] > 0.1  # an unpruned tree overfits
    assert "overfitting" in tree.notes[0]


def test_high_lr_overfits_low_lr_needs_more_trees():
    result = experiments.lr_estimators_grid(learning_rates=(0.005, 0.05, 0.5), max_estimators=200)
    per_lr = result.tables["Per learning rate"]
    assert per_lr.loc["lr=0.005", "best n_estimators"] == 200  # still improving at the edge
    assert per_lr.loc["lr=0.5", "best n_estimators"] <= 50
    assert result.claim_held
    with pytest.raises(ValueError, match="at least two"):
        experiments.lr_estimators_grid(learning_rates=(0.05,))
    with pytest.raises(ValueError, match="not offered"):
        experiments.lr_estimators_grid(learning_rates=(0.05, 0.33))


def test_metrics_yaml_round_trip():
    result = artifacts.metrics_yaml(decimals=3, include_confusion_matrix=True)
    loaded = yaml.safe_load(result.extra["yaml"])
    assert loaded == result.extra["loaded"]
    assert loaded["accuracy"] == round(trained_model().metrics["accuracy"], 3)
    assert sum(loaded["confusion_matrix"].values()) == len(trained_model().split.y_test)
    assert "!!python" not in result.extra["yaml"]
    assert result.metrics["numpy float via safe_dump"] == "refused"
    assert result.claim_held


def test_plan_recommender_answers_and_rejects():
    basic = serving.plan_recommender(calls=40, minutes=280.0, messages=20, mb_used=15_000.0)
    assert basic.extra["response"]["recommended_plan"] == "Basic"
    heavy = serving.plan_recommender(calls=160, minutes=1_150.0, messages=130, mb_used=38_000.0)
    assert heavy.extra["response"]["recommended_plan"] == "Ultra"
    for result in (basic, heavy):
        assert result.extra["response"]["confidence"] >= 0.5 and result.claim_held
    with pytest.raises(ValueError, match="minutes=5,000.0 is outside the allowed range"):
        serving.plan_recommender(minutes=5_000.0)
    with pytest.raises(ValueError, match="calls=-3"):
        serving.plan_recommender(calls=-3)
    with pytest.raises(ValueError, match="calls must be a whole number"):
        serving.plan_recommender(calls=2.5)
    with pytest.raises(ValueError, match="calls = 0"):
        serving.plan_recommender(calls=0, minutes=100.0)


@pytest.mark.parametrize(
    ("func", "params"),
    [
        (artifacts.unified_pipeline, {"shift_pct": 500}),
        (artifacts.unified_pipeline, {"resample_seed": -1}),
        (experiments.stratification, {"n_seeds": 5}),
        (experiments.stratification, {"test_size": 0.9}),
        (experiments.stratification, {"n_rows": 10_000}),
        (experiments.debugging_learning_curve, {"model": "svm"}),
        (experiments.lr_estimators_grid, {"max_estimators": 5_000}),
        (artifacts.metrics_yaml, {"decimals": 0}),
        (serving.plan_recommender, {"mb_used": float("nan")}),
        (configuration.yaml_config, {"config_text": "split: [\n"}),
    ],
)
def test_impossible_params_raise_value_error(func, params):
    with pytest.raises(ValueError):
        spec_of(func).run(**params)  # the declared params validate


def test_demos_run_on_a_user_data_set():
    user = generate(n_rows=1_500, seed=7)
    result = experiments.stratification(n_rows=1_000, df=user)
    assert result.claim_held
    recommended = serving.plan_recommender(df=user)
    assert recommended.extra["response"]["recommended_plan"] in {"Basic", "Ultra"}
    with pytest.raises(ValueError, match="lacks column"):
        artifacts.metrics_yaml(df=user.drop(columns=["mb_used"]))


# ---------------------------------------------------------------- renderers (AppTest)
def test_yaml_config_renderer_lists_problems_with_lines(demo_app):
    at = demo_app("telecomai.yaml_config")
    assert not at.exception and not at.error
    bad = default_config_text().replace("test_size: 0.2", "test_size: 0.9")
    at.text_area(key="t_config_text").set_value(bad).run()
    assert not at.exception
    assert "line 14, split.test_size" in at.error[0].value


def test_plan_recommender_renderer_rejects_out_of_range(demo_app):
    at = demo_app("telecomai.plan_recommender")
    assert not at.exception and not at.error
    at.number_input(key="t_minutes").set_value(9_999.0)
    at.button(key="t_submit").click().run()
    assert not at.exception
    assert "minutes=9,999.0 is outside the allowed range" in at.error[0].value
