"""BankChurn: generator statistics vs datasets.md, the pipeline, and every demo's claim."""

from __future__ import annotations

import hashlib
import json
import math

import numpy as np
import pandas as pd
import pytest

from projects.bankchurn import common, data, decisions, fairness, metadata, training
from projects.bankchurn import pipeline as bc
from projects.bankchurn.demos import DEMOS
from projects.demo import DemoResult

SPECS = {spec.id: spec for spec in DEMOS}


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return data.generate()


# ---------------------------------------------------------------------------- generator
def test_schema_is_exactly_the_real_csv(frame):
    assert list(frame.columns) == list(data.SCHEMA)
    assert len(frame) == 10_000
    assert data.TARGET == "Exited" and data.REAL_CSV_NAME == "Churn_Modelling.csv"
    assert data.ENV_VAR == "SIMULACRO_BANKCHURN_CSV"
    kinds = {"int": "i", "float": "f"}
    for column, kind in data.SCHEMA.items():
        if kind in kinds:
            assert frame[column].dtype.kind == kinds[kind], column
        else:
            assert frame[column].map(type).eq(str).all(), column
    assert frame["RowNumber"].tolist() == list(range(1, 10_001))
    assert frame["CustomerId"].is_unique


def test_statistics_match_datasets_md(frame):
    churn = frame["Exited"].mean()
    assert abs(churn - 0.20) <= 0.02
    by_geo = frame.groupby("Geography")["Exited"].mean()
    assert by_geo["Germany"] > by_geo["France"] + 0.10
    assert abs(by_geo["Germany"] - 0.32) <= 0.04
    geo_share = frame["Geography"].value_counts(normalize=True)
    assert abs(geo_share["France"] - 0.50) <= 0.03
    by_gender = frame.groupby("Gender")["Exited"].mean()
    assert by_gender["Female"] > by_gender["Male"] + 0.04
    assert abs((frame["Gender"] == "Male").mean() - 0.55) <= 0.03
    assert abs((frame["Balance"] == 0).mean() - 0.36) <= 0.04
    assert not (frame.loc[frame["Geography"] == "Germany", "Balance"] == 0).any()
    products = frame["NumOfProducts"].value_counts(normalize=True)
    assert abs(products[1] - 0.51) <= 0.03 and abs(products[2] - 0.46) <= 0.03
    by_products = frame.groupby("NumOfProducts")["Exited"].mean()
    assert by_products[3] > 0.6 and by_products[4] > 0.8
    assert by_products[2] < 0.12 < by_products[1]
    by_active = frame.groupby("IsActiveMember")["Exited"].mean()
    assert by_active[0] > by_active[1] + 0.08
    by_age = frame.groupby(pd.cut(frame["Age"], [17, 30, 50, 60, 100]), observed=True)
    age_rates = by_age["Exited"].mean().to_numpy()
    assert age_rates[2] == age_rates.max()  # peaks in the 50-60 band
    assert 37 <= frame["Age"].mean() <= 41 and frame["Age"].between(18, 92).all()
    assert frame["CreditScore"].between(350, 850).all()
    assert frame["Tenure"].between(0, 10).all()


def test_generator_is_deterministic_and_seeded():
    a, b = data.generate(n_rows=500, seed=3), data.generate(n_rows=500, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(data.generate(n_rows=500, seed=4))
    with pytest.raises(ValueError, match="n_rows"):
        data.generate(n_rows=0)


# ---------------------------------------------------------------------------- pipeline
def test_pipeline_auc_in_target_range_and_deterministic(frame):
    first = common.trained_model(None, 42)
    metrics = bc.evaluate(first.pipeline, first.data.X_test, first.data.y_test)
    assert 0.80 <= metrics["roc_auc"] <= 0.92
    assert set(metrics) >= {"roc_auc", "f1", "precision", "recall"}
    again = bc.train(frame, bc.default_config(), 42)  # fresh fit, no cache
    np.testing.assert_array_equal(
        first.pipeline.predict_proba(first.data.X_test),
        again.pipeline.predict_proba(again.data.X_test),
    )
    # identifiers never reach the model
    assert not {"RowNumber", "CustomerId", "Surname"} & set(
        bc.encoded_feature_names(first.pipeline)
    )


def test_pipeline_rejects_unusable_data(frame):
    with pytest.raises(ValueError, match="Geography"):
        bc.train(frame.drop(columns=["Geography"]))
    with pytest.raises(ValueError, match="both 0 and 1"):
        bc.train(frame.assign(Exited=0))


def test_config_hash_is_sha256_of_canonical_json():
    config = bc.default_config()
    expected = hashlib.sha256(
        json.dumps(config, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()
    assert bc.config_hash(config) == expected
    reordered = dict(reversed(list(config.items())))
    assert bc.config_hash(reordered) == expected
    config["split"]["test_size"] = 0.25
    assert bc.config_hash(config) != expected


# ---------------------------------------------------------------------------- demos
def test_specs_are_complete():
    expected = {
        "bankchurn.risk_levels": (41, 12),
        "bankchurn.threshold_cost": (12,),
        "bankchurn.explanation_vs_attribution": (42, 13),
        "bankchurn.model_metadata": (43, 19),
        "bankchurn.imbalance_strategies": (2,),
        "bankchurn.soft_voting": (3,),
        "bankchurn.regularization_c": (8,),
        "bankchurn.calibration": (14,),
        "bankchurn.fairness": (34, 102),
    }
    assert {spec.id: spec.questions for spec in DEMOS} == expected
    for spec in DEMOS:
        assert spec.project == "bankchurn" and spec.uses_dataset and spec.claim.endswith(".")


def test_risk_levels_churn_rises_with_level():
    result = SPECS["bankchurn.risk_levels"].run()
    table = result.tables["Customers and churn per risk level"]
    rates = table.set_index("level")["churn_rate"]
    assert rates["low"] < rates["medium"] < rates["high"]
    assert rates["high"] > 0.6 and rates["low"] < 0.15
    assert table["customers"].sum() == 2000 and result.claim_held
    # thresholds that leave a level empty cannot support the claim
    assert not decisions.risk_levels(low=0.98, high=0.99).claim_held
    levels = decisions.assign_risk_level(np.array([0.1, 0.3, 0.69, 0.7]))
    assert levels.tolist() == ["low", "medium", "medium", "high"]


def test_threshold_cost_optimum_below_half_and_cheaper():
    result = SPECS["bankchurn.threshold_cost"].run()
    m = result.metrics
    assert m["optimal threshold"] < 0.25 and abs(m["optimal threshold"] - 1 / 11) <= 0.15
    assert m["cost at optimum"] < 0.7 * m["cost at 0.5"] and result.claim_held
    # expensive false positives push the optimum above 0.5
    assert decisions.threshold_cost(cost_fn=50, cost_fp=500).metrics["optimal threshold"] > 0.5
    sweep = decisions.threshold_sweep(
        np.array([1, 0, 1, 0]), np.array([0.9, 0.8, 0.2, 0.1]), np.array([0.5]), 10, 1
    )
    row = sweep.iloc[0]
    assert (row["precision"], row["recall"], row["cost"]) == (0.5, 0.5, 11)


@pytest.mark.parametrize("threshold", [round(0.01 * i, 2) for i in range(1, 100)])
def test_threshold_cost_runs_at_every_slider_step(threshold):
    """Regression (issue 10): 0.57 and 0.58 raised TypeError, since the grid held two
    float values that rounded to the same threshold and at.loc[...] returned a Series."""
    result = decisions.threshold_cost(threshold=threshold)
    assert isinstance(result.metrics["cost at chosen"], float)


def test_explanation_disagrees_with_exact_contributions():
    result = SPECS["bankchurn.explanation_vs_attribution"].run()
    m = result.metrics
    assert m["|Σ contributions − Δlogit|"] < 1e-9  # the attribution is exact
    assert m["sign disagreements"] >= 1 or m["top-3 features shared"] < 3
    table = result.tables["Per feature (sorted by |contribution|)"]
    flipped = table[table["signs disagree"]]
    assert (np.sign(flipped["z_score (seed)"]) != np.sign(flipped["contribution (log-odds)"])).all()
    model = common.trained_model(None, 42, **{"model.name": "logistic_regression"})
    age = table.set_index("feature").loc["Age", "customer value"]
    assert age == model.data.X_test.iloc[0]["Age"]  # raw value shown, not the scaled one
    assert result.claim_held


def test_model_metadata_has_real_hash_and_metrics():
    result = SPECS["bankchurn.model_metadata"].run()
    meta = result.extra["json"]
    assert meta["config_hash"] == bc.config_hash(bc.default_config())
    assert len(meta["config_hash"]) == 64
    model = common.trained_model(
        None, 42, **{"model.params.logistic_regression.C": 0.1, "split.test_size": 0.2}
    )
    auc = bc.evaluate(model.pipeline, model.data.X_test, model.data.y_test)["roc_auc"]
    assert math.isclose(meta["test_metrics"]["auc_roc"], auc, abs_tol=1e-4)
    assert meta["training_samples"] == 8000 and meta["test_samples"] == 2000
    assert meta["feature_names"] == [
        "CreditScore",
        "Age",
        "Tenure",
        "Balance",
        "HasCrCard",
        "IsActiveMember",
        "EstimatedSalary",
        "Geography",
        "Gender",
        "NumOfProducts",
    ]
    assert meta["trained_at"].endswith("Z") and result.claim_held
    other = metadata.model_metadata(C=1.0).extra["json"]
    assert other["config_hash"] != meta["config_hash"]


def test_imbalance_strategies_raise_recall():
    result = SPECS["bankchurn.imbalance_strategies"].run()
    table = result.tables["Churn-class metrics per strategy (LogisticRegression)"].set_index(
        "strategy"
    )
    for strategy in ("class_weight", "over-sampling", "under-sampling"):
        assert table.loc[strategy, "recall"] > table.loc["none", "recall"] + 0.15
        assert table.loc[strategy, "precision"] < table.loc["none", "precision"]
        assert table.loc[strategy, "f1"] > table.loc["none", "f1"]
    assert table.loc["over-sampling", "train churn share"] == pytest.approx(0.5)
    assert table.loc["under-sampling", "train rows"] < table.loc["none", "train rows"]
    assert result.claim_held


def test_soft_voting_is_weighted_average_close_to_best():
    result = SPECS["bankchurn.soft_voting"].run()
    m = result.metrics
    assert m["AUC ensemble"] >= min(m["AUC LR"], m["AUC RF"])
    assert m["AUC ensemble"] >= max(m["AUC LR"], m["AUC RF"]) - 0.01 and result.claim_held
    # weights (1, 0) reproduce the LR alone
    assert training.soft_voting(w_lr=1, w_rf=0).metrics["AUC ensemble"] == pytest.approx(
        m["AUC LR"]
    )
    assert training.soft_vote(np.array([0.2]), np.array([0.8]), 0.4, 0.6)[0] == pytest.approx(0.56)
    assert any("predict_proba: True" in note for note in result.notes)


def test_regularization_shrinks_coefficients():
    result = SPECS["bankchurn.regularization_c"].run()
    m = result.metrics
    assert m["‖coef‖ chosen / weakest penalty"] < 1
    assert m["AUC at chosen C"] >= m["AUC at C=1000"] - 0.01
    assert m["AUC at C=0.1"] == m["AUC at chosen C"]
    strong = training.regularization_c(C=0.001)  # the claim is about the path, any C shown
    assert strong.metrics["‖coef‖ chosen / weakest penalty"] < 0.5 and strong.claim_held
    assert m["AUC at C=0.0001"] < m["AUC at chosen C"] - 0.02 and result.claim_held


def test_calibration_lowers_brier():
    result = SPECS["bankchurn.calibration"].run()
    m = result.metrics
    assert m["Brier after"] < m["Brier before"]
    assert m["mean p before"] > m["observed rate"] + 0.1  # balanced weights inflate probabilities
    assert abs(m["mean p after"] - m["observed rate"]) < 0.03 and result.claim_held


def test_disparate_impact_on_hand_made_table():
    table = pd.DataFrame(
        {
            "group": ["a"] * 4 + ["b"] * 5,
            "y_true": [1, 1, 0, 0, 1, 0, 0, 0, 0],
            "y_pred": [1, 1, 1, 0, 1, 0, 0, 0, 0],
        }
    )
    rates = fairness.group_rates(table, "group").set_index("group")
    assert rates.loc["a", "predicted positive rate"] == pytest.approx(0.75)
    assert rates.loc["b", "predicted positive rate"] == pytest.approx(0.2)
    assert rates.loc["a", "precision"] == pytest.approx(2 / 3)
    assert rates.loc["b", "recall"] == pytest.approx(1.0)
    di = fairness.disparate_impact(rates["predicted positive rate"].to_dict())
    assert di == pytest.approx(0.2 / 0.75) and di < common.FOUR_FIFTHS
    assert fairness.disparate_impact({"x": 0.5, "y": 0.45}) == pytest.approx(0.9)
    assert math.isnan(fairness.disparate_impact({"x": 0.0, "y": 0.0}))


def test_fairness_flags_geography():
    result = SPECS["bankchurn.fairness"].run()
    table = result.tables["Rates by Geography"].set_index("Geography")
    rates = table["predicted positive rate"]
    assert result.metrics["disparate impact"] == pytest.approx(rates.min() / rates.max())
    assert result.metrics["disparate impact"] < 0.8
    assert rates.idxmax() == "Germany" == table["actual churn rate"].idxmax()
    assert result.claim_held
    gender = fairness.fairness(attribute="Gender").tables["Rates by Gender"]
    assert set(gender["Gender"]) == {"Female", "Male"}


@pytest.mark.parametrize(
    ("demo_id", "params", "match"),
    [
        ("bankchurn.risk_levels", {"low": 0.7, "high": 0.3}, "below the high"),
        ("bankchurn.risk_levels", {"low": 1.5}, "low=1.5 is outside"),
        ("bankchurn.threshold_cost", {"cost_fn": -1}, "cost_fn"),
        ("bankchurn.threshold_cost", {"cost_fn": 0, "cost_fp": 0}, "above 0"),
        ("bankchurn.threshold_cost", {"threshold": 1.0}, "threshold"),
        ("bankchurn.explanation_vs_attribution", {"customer": 99_999}, "customer"),
        ("bankchurn.explanation_vs_attribution", {"top_k": 0}, "top_k"),
        ("bankchurn.model_metadata", {"C": 0}, "C"),
        ("bankchurn.model_metadata", {"version": " "}, "version"),
        ("bankchurn.imbalance_strategies", {"threshold": -0.1}, "threshold"),
        ("bankchurn.soft_voting", {"w_lr": 0, "w_rf": 0}, "both be 0"),
        ("bankchurn.soft_voting", {"w_lr": "x"}, "number"),
        ("bankchurn.regularization_c", {"C": 0}, "C"),
        ("bankchurn.calibration", {"method": "magic"}, "method"),
        ("bankchurn.calibration", {"n_bins": 1}, "n_bins"),
        ("bankchurn.fairness", {"attribute": "Surname"}, "attribute"),
        ("bankchurn.fairness", {"seed": -1}, "seed"),
    ],
)
def test_invalid_params_raise_value_error(demo_id, params, match):
    with pytest.raises(ValueError, match=match):
        SPECS[demo_id].run(**params)


def test_demos_run_on_a_user_data_frame():
    """A user's data set (here: another synthetic sample) goes through every demo."""
    user = data.generate(n_rows=1500, seed=7)
    for spec in DEMOS:
        result = spec.run(df=user)
        assert isinstance(result, DemoResult), spec.id
        assert "your data (1,500 rows)" in " ".join(result.notes), spec.id


def test_renderers_draw_without_exception():
    """Every renderer, through ui.demos.render_demo, with its defaults."""
    from streamlit.testing.v1 import AppTest

    def script():
        from projects.bankchurn.demos import DEMOS
        from ui import demos

        for spec in DEMOS:
            demos.render_demo(spec, key_prefix=f"t-{spec.id}")

    at = AppTest.from_function(script, default_timeout=120).run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert len(at.success) == len(DEMOS)  # one "claim holds" badge per demo
    assert at.slider(key="t-bankchurn.risk_levels-low").value == 0.3
