"""CarVision: generator statistics vs datasets.md, deterministic pipeline, every demo's claim."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from projects.carvision import cleaning, common, data, demos, evaluation, features, leakage, metrics
from projects.carvision import pipeline as cv
from projects.registry import spec_of

DEMO_IDS = {
    "carvision.feature_types": (51,),
    "carvision.segment_errors": (52,),
    "carvision.price_category_leakage": (54, 1),
    "carvision.split_persistence": (55,),
    "carvision.dummy_baseline": (56, 15),
    "carvision.rf_vs_gb": (57, 10),
    "carvision.mape_vs_smape": (58, 6),
    "carvision.data_filters": (47,),
    "carvision.bootstrap_ci": (48,),
    "carvision.temporal_backtest": (49,),
    "carvision.imputation": (7,),
}


@pytest.fixture(scope="module")
def df() -> pd.DataFrame:
    return data.generate()


# ------------------------------------------------------------------ generator
def test_schema_columns_and_dtypes(df):
    assert list(df.columns) == list(data.SCHEMA)
    assert len(df) == data.DEFAULT_ROWS == 8_000
    for col, kind in data.SCHEMA.items():
        dtype = df[col].dtype
        if kind == "int":
            assert dtype == np.int64, col
        elif kind == "float":
            assert dtype == np.float64, col
        else:  # str and date columns are text, as pandas.read_csv returns them
            assert pd.api.types.is_string_dtype(dtype), (col, dtype)
    assert pd.to_datetime(df["date_posted"]).between("2018-05-01", "2019-04-30").all()
    assert set(df["is_4wd"].dropna().unique()) == {1.0}
    assert (data.TARGET, data.REAL_CSV_NAME, data.ENV_VAR) == (
        "price",
        "vehicles_us.csv",
        "SIMULACRO_CARVISION_CSV",
    )


@pytest.mark.parametrize(
    "column, share",
    [
        ("model_year", 0.07),
        ("cylinders", 0.10),
        ("odometer", 0.15),
        ("paint_color", 0.18),
        ("is_4wd", 0.50),
    ],
)
def test_missing_shares(df, column, share):
    assert abs(df[column].isna().mean() - share) <= 0.03


def test_no_missing_elsewhere(df):
    gaps = {"model_year", "cylinders", "odometer", "paint_color", "is_4wd"}
    assert df.drop(columns=list(gaps)).notna().all().all()


def test_category_shares(df):
    cond = df["condition"].value_counts(normalize=True)
    assert abs(cond["excellent"] - 0.48) <= 0.03
    assert abs(cond["good"] - 0.39) <= 0.03
    assert abs(cond["like new"] - 0.09) <= 0.02
    assert abs(cond["fair"] - 0.03) <= 0.015
    assert cond["new"] < 0.01 and cond["salvage"] < 0.01
    types = df["type"].value_counts(normalize=True)
    for name in ("SUV", "truck", "sedan"):
        assert abs(types[name] - 0.24) <= 0.03, name
    assert abs(types["pickup"] - 0.14) <= 0.03
    fuel = df["fuel"].value_counts(normalize=True)
    assert abs(fuel["gas"] - 0.92) <= 0.03 and abs(fuel["diesel"] - 0.07) <= 0.02
    assert abs((df["transmission"] == "automatic").mean() - 0.91) <= 0.03
    assert 90 <= df["model"].nunique() <= 110
    assert df["model"].str.split().str.len().min() >= 2  # "brand model"


def test_price_distribution(df):
    price = df["price"]
    assert 7_500 <= price.median() <= 10_500
    assert 10_500 <= price.mean() <= 14_000 and price.mean() > price.median()  # right tail
    assert 0 < (price <= 10).mean() < 0.03  # a few $1-like placeholders
    # Like the real file (maximum $375,000): a few expensive asks, no "extra zero" typos.
    assert price.max() <= 375_000 and 1 <= (price > 60_000).sum() <= 80
    assert 35 <= df["days_listed"].mean() <= 45
    year = df["model_year"].dropna()
    assert ((year >= 1990) & (year <= 2019)).mean() > 0.95


def test_price_drivers(df):
    clean = cv.clean_data(df)
    by_cond = clean.groupby("condition")["price"].median()
    assert by_cond["like new"] > by_cond["excellent"] > by_cond["good"] > by_cond["fair"]
    by_type = clean.groupby("type")["price"].median()
    assert min(by_type["truck"], by_type["pickup"]) > by_type["sedan"]
    by_fuel = clean.groupby("fuel")["price"].median()
    assert by_fuel["diesel"] > by_fuel["gas"]
    assert clean["price"].corr(clean["odometer"]) < -0.3
    assert clean["price"].corr(clean["model_year"]) > 0.3


def test_generator_deterministic(df):
    pd.testing.assert_frame_equal(df, data.generate())
    assert not df.equals(data.generate(seed=7))


def test_generator_rejects_tiny_sizes():
    with pytest.raises(ValueError, match="n_rows"):
        data.generate(n_rows=3)


# ------------------------------------------------------------------ pipeline
def test_config_and_filters(df):
    cfg = cv.load_config()
    assert cfg["filters"] == {
        "price_min": 1000,
        "price_max": 500000,
        "model_year_min": 1990,
        "odometer_max": 500000,
    }
    assert "price_category" in cfg["features"]["drop_columns"]
    clean = cv.clean_data(df)
    assert clean["price"].between(1_000, 500_000).all()
    assert (clean["model_year"].isna() | (clean["model_year"] >= 1990)).all()
    assert clean["model_year"].isna().any()  # missing years are kept for the imputer
    assert 0.85 < len(clean) / len(df) < 0.99


def test_feature_engineer():
    frame = pd.DataFrame(
        {
            "model_year": [2010.0, np.nan],
            "date_posted": ["2018-06-01", "2019-01-02"],
            "model": ["ford f-150", "toyota camry"],
            "is_4wd": [1.0, np.nan],
        }
    )
    out = cv.FeatureEngineer().fit_transform(frame)
    assert out["vehicle_age"].iloc[0] == 8 and np.isnan(out["vehicle_age"].iloc[1])
    assert out["brand"].tolist() == ["ford", "toyota"]
    assert out["is_4wd"].tolist() == [1.0, 0.0]


def test_pipeline_r2_and_determinism():
    first = cv.train_evaluate(seed=42)
    assert 0.70 <= first.metrics["r2"] <= 0.85
    assert set(first.metrics) == {"rmse", "mae", "mape", "r2"}
    assert list(first.pipeline.named_steps) == ["features", "preprocess", "model"]
    again = cv.train_evaluate(seed=42)
    assert again.metrics == first.metrics
    np.testing.assert_array_equal(again.y_pred, first.y_pred)


def test_smape_bounded_and_mape_epsilon():
    assert cv.smape([0.0, 0.0], [0.0, 5.0]) == pytest.approx(100.0)
    assert cv.mape([0.0], [1.0]) == pytest.approx(1e10)


# ------------------------------------------------------------------ registry
def test_demo_specs():
    by_id = {spec.id: spec for spec in demos.DEMOS}
    assert {k: v.questions for k, v in by_id.items()} == DEMO_IDS
    for spec in demos.DEMOS:
        assert spec.project == "carvision" and spec.uses_dataset
        assert spec.claim.endswith(".") and len(spec.claim) > 60


# ------------------------------------------------------------------ demo claims
def test_feature_types_inference_vs_config():
    inferred = features.feature_types()
    assert inferred.claim_held
    table = inferred.tables["Feature types: inferred vs config.yaml"].set_index("column")
    assert table.loc["date_posted", "inferred"] == "categorical"  # text on the raw CSV
    assert table.loc["model_year", "inferred"] == "numeric"
    assert table.loc["model_year", "config.yaml"] == "not used"
    assert inferred.metrics["disagreements with config"] >= 2
    configured = features.feature_types(numeric_from="config", categorical_from="config")
    num, cat = cv.feature_lists()
    assert configured.extra == {"used_numeric": num, "used_categorical": cat}
    assert configured.claim_held


def test_segment_errors_min_group_size():
    res = evaluation.segment_errors(segment="model_year", min_group_size=30)
    assert res.claim_held
    table = res.tables["Error by segment (test set)"]
    kept = table[table["included"]]
    assert (kept["n_samples"] >= 30).all() and table.loc[~table["included"], "rmse"].isna().all()
    assert kept["rmse"].max() >= 1.5 * kept["rmse"].min()
    assert table["n_samples"].sum() == len(cv.cached_train(42).test)
    bigger = evaluation.segment_errors(segment="model_year", min_group_size=100)
    assert bigger.metrics["segments scored"] < res.metrics["segments scored"]


def test_price_category_leakage():
    res = leakage.price_category_leakage()
    assert res.claim_held
    honest = res.metrics["honest validation R²"]
    leaky = res.metrics["leaky validation R²"]
    assert leaky - honest >= 0.07
    table = res.tables["Metrics by model and stage"].set_index(["model", "stage"])
    honest_rmse = table.loc[("honest", "validation"), "rmse"]
    assert table.loc[("leaky (price_category)", "validation"), "rmse"] <= 0.85 * honest_rmse
    assert table.loc[("leaky (price_category)", "inference, imputed"), "rmse"] > honest_rmse
    assert res.metrics["leaky R² at inference (imputed)"] < honest - 0.2
    assert "KeyError" in res.extra["errors"]["computing price_category"]
    assert "price_category" in res.extra["errors"]["predicting without it"]
    # Independently: the leaky feature needs the price, which new listings lack.
    with pytest.raises(KeyError):
        leakage.add_price_category(data.generate(n_rows=100).drop(columns="price"))


def test_split_persistence(tmp_path):
    res = leakage.split_persistence()
    assert res.claim_held
    table = res.tables[f"Runs ({leakage.SPLIT_TREES}-tree forest, same parameters)"]
    overlap = table["same test rows as run 1 (%)"].tolist()
    assert overlap[:2] == [100.0, 100.0] and max(overlap[2:]) < 50
    assert table["RMSE"].iloc[0] == table["RMSE"].iloc[1]
    assert table["RMSE"].iloc[2] != table["RMSE"].iloc[0]
    idx = cv.split_indices(1_000, 0.2, 3)
    leakage.save_split_indices(idx, tmp_path / "split.json")
    loaded = leakage.load_split_indices(tmp_path / "split.json")
    assert all(np.array_equal(idx[k], loaded[k]) for k in ("train", "test"))


def test_dummy_baseline():
    res = evaluation.dummy_baseline(quantile=0.9)
    assert res.claim_held
    table = res.tables["Test metrics"].set_index("model")
    model_rmse = table.loc["RandomForest pipeline", "rmse"]
    assert model_rmse < 0.6 * table.drop(index="RandomForest pipeline")["rmse"].min()
    assert table.loc["dummy: median", "mae"] < table.loc["dummy: mean", "mae"]
    assert table.loc["dummy: mean", "rmse"] < table.loc["dummy: median", "rmse"]


def test_rf_vs_gb():
    res = evaluation.rf_vs_gb()
    assert res.claim_held
    diff = res.metrics["HGB R²"] - res.metrics["RF R²"]
    assert abs(diff) < 0.1
    assert res.metrics["RF R²"] > 0.7 and res.metrics["HGB R²"] > 0.7
    assert res.metrics["RF fit (s)"] > 0 and res.metrics["HGB fit (s)"] > 0


def test_mape_compute_is_numbers_and_every_widget_moves_a_metric():
    found = metrics.compute_mape_vs_smape(None, 9_000.0, 0.0, 42)
    assert found.claim_held and found.mape_end > 1_000 and found.smape_end == 200
    shown = metrics.present_mape_vs_smape(found)
    assert shown.claim_held == found.claim_held and shown.tables["Sweep"] is found.sweep
    spec = next(s for s in demos.DEMOS if s.id == "carvision.mape_vs_smape")
    base = spec.run().metrics
    for param in spec.params:  # issue 10: the slider once changed none of the metrics
        other = next(v for v in param.edge_values() if v != param.default)
        assert spec.run(**{param.name: other}).metrics != base, param.name


def test_mape_vs_smape():
    res = metrics.mape_vs_smape(prediction=9_000, smallest_true=0.0)
    assert res.claim_held
    sweep = res.tables["Sweep"]
    assert sweep["MAPE term (%)"].iloc[-1] > 1_000  # true value 0: divided by 1e-8
    assert sweep["MAPE term (%)"].iloc[-2] > 1_000
    assert (sweep["sMAPE term (%)"] <= 200).all()
    on_data = res.tables["On listings"]
    assert on_data["MAPE (%)"].iloc[1] > 10 * on_data["MAPE (%)"].iloc[0]  # $1 listings
    assert on_data["sMAPE (%)"].iloc[1] < 2 * on_data["sMAPE (%)"].iloc[0]
    # A true value far from 0 gives no explosion: the claim is then honestly not shown.
    assert not metrics.mape_vs_smape(prediction=9_000, smallest_true=5_000).claim_held


def test_data_filters():
    res = cleaning.data_filters()
    assert res.claim_held and res.condition_met
    metrics = res.tables["Metrics"].set_index("model / test set")
    raw, filtered = metrics.loc["raw model, raw test"], metrics.loc["filtered model, filtered test"]
    # Like the real file (issue 10: +0.03): R² barely moves, MAPE collapses.
    assert abs(filtered["r2"] - raw["r2"]) < common.R2_MODEST
    assert raw["mape"] >= 10 * filtered["mape"]
    funnel = res.tables["Filter funnel"]
    assert funnel["rows kept"].iloc[0] == 8_000
    assert funnel["rows kept"].is_monotonic_decreasing
    assert funnel["rows kept"].iloc[-1] >= 0.85 * 8_000
    with pytest.raises(ValueError, match="keep only"):
        cleaning.data_filters(price_min=400_000, price_max=450_000)


def test_data_filters_says_when_there_are_no_placeholders():
    clean = data.generate(n_rows=2_000, seed=3)
    clean = clean[clean["price"] >= 1_000]
    res = cleaning.data_filters(df=clean)
    assert not res.condition_met and "no listing" in res.condition


def test_bootstrap_ci():
    res = evaluation.bootstrap_ci(n_boot=1_000, confidence=0.95)
    assert res.claim_held
    summary = res.tables["Summary"].iloc[0]
    assert summary["CI low"] < summary["difference"] < summary["CI high"] < 0
    diffs = evaluation.bootstrap_difference([1.0, 2.0, 3.0], [1, 2, 3], [2, 2, 2], 200, 0)
    assert (diffs <= 0).all() and diffs.shape == (200,)


def test_temporal_backtest():
    res = leakage.temporal_backtest(test_fraction=0.2)
    assert res.claim_held
    assert res.metrics["RMSE temporal"] > 1.03 * res.metrics["RMSE random split"]
    assert res.metrics["mean error on recent listings"] < 0  # drift: under-predicts
    other = leakage.temporal_backtest(test_fraction=0.2, seed=1)
    assert other.claim_held  # not a lucky seed


def test_imputation():
    res = features.imputation(categorical_strategy="constant")
    assert res.claim_held and res.condition_met
    table = res.tables["Imputation strategies (same test set, 10-tree forest)"]
    table = table.set_index("numeric strategy")
    # The real missingness pattern: four columns with MCAR gaps leave ~58 % complete rows.
    assert 50 < table.loc["drop rows", "kept (%)"] < 65
    assert table.loc["median", "kept (%)"] == 100
    drop, median = table.loc["drop rows", "rmse"], table.loc["median", "rmse"]
    assert abs(drop - median) / median <= features.DROP_TOLERANCE  # competitive, as on real data
    mean = table.loc["mean", "rmse"]
    assert abs(median - mean) / median < 0.05
    assert features.imputation(categorical_strategy="most_frequent").claim_held


def test_imputation_says_when_the_data_has_too_few_gaps():
    full = data.generate(n_rows=2_000, seed=3)
    full = full.dropna(subset=list(features.FEATURE_COLUMNS_WITH_GAPS))
    res = features.imputation(df=full)
    assert not res.condition_met and "too few gaps" in res.condition


# ------------------------------------------------------------------ bad parameters
@pytest.mark.parametrize(
    "func, params, match",
    [
        (features.feature_types, {"numeric_from": "guess"}, "numeric_from"),
        (evaluation.segment_errors, {"min_group_size": 0}, "min_group_size"),
        (evaluation.segment_errors, {"segment": "price"}, "segment"),
        (leakage.price_category_leakage, {"seed": -1}, "seed"),
        (leakage.split_persistence, {"test_size": 0.9}, "test_size"),
        (leakage.split_persistence, {"other_seed": 42}, "other_seed"),
        (evaluation.dummy_baseline, {"quantile": 1.5}, "quantile"),
        (evaluation.rf_vs_gb, {"rf_trees": 0}, "rf_trees"),
        (evaluation.rf_vs_gb, {"learning_rate": float("nan")}, "learning_rate"),
        (metrics.mape_vs_smape, {"smallest_true": -1.0}, "smallest_true"),
        (metrics.mape_vs_smape, {"prediction": "9000"}, "prediction"),
        (cleaning.data_filters, {"price_min": 5_000, "price_max": 1_000}, "price_min"),
        (cleaning.data_filters, {"model_year_min": 2050}, "model_year_min"),
        (evaluation.bootstrap_ci, {"n_boot": 10}, "n_boot"),
        (evaluation.bootstrap_ci, {"confidence": 1.0}, "confidence"),
        (leakage.temporal_backtest, {"test_fraction": 0.0}, "test_fraction"),
        (features.imputation, {"categorical_strategy": "median"}, "categorical_strategy"),
    ],
)
def test_invalid_params(func, params, match):
    with pytest.raises(ValueError, match=match):
        spec_of(func).run(**params)  # the declared params validate


def test_user_dataset_missing_columns():
    with pytest.raises(ValueError, match="odometer"):
        evaluation.dummy_baseline(df=data.generate(n_rows=300).drop(columns="odometer"))


# ------------------------------------------------------------------ bring your own data
def test_demos_run_on_a_checked_csv(tmp_path):
    """A CSV in the real format, read by the framework's schema checker (dates parsed)."""
    from projects.schema import check_project_csv

    path = tmp_path / data.REAL_CSV_NAME
    data.generate(n_rows=3_000, seed=5).to_csv(path, index=False)
    frame = check_project_csv(path, "projects.carvision", name=path.name)
    types = features.feature_types(df=frame)
    assert types.tables["Feature types: inferred vs config.yaml"].shape[0] > 5
    assert types.claim_held  # model_year still disagrees even with a parsed date column
    for func in (evaluation.dummy_baseline, leakage.temporal_backtest, metrics.mape_vs_smape):
        result = func(df=frame)
        assert result.metrics and any("your data set" in note for note in result.notes)


# ------------------------------------------------------------------ renderers (AppTest)
def _render_two(demo_id: str) -> None:
    from projects.registry import all_demos
    from ui.demos import render_demo

    spec = all_demos()[demo_id]
    render_demo(spec, key_prefix="inline")  # as in a question view...
    render_demo(spec, key_prefix="page")  # ...and on the Demos page, same script run


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_renderer_widgets_drive_the_demo_and_keys_do_not_clash():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(
        _render_two, args=("carvision.segment_errors",), default_timeout=60
    ).run()
    assert not at.exception and not at.error
    assert _metric(at, "segments scored") == "17"
    at.slider(key="page-min_group_size").set_value(100).run()
    assert not at.exception
    scored = [m.value for m in at.metric if m.label == "segments scored"]
    assert scored[0] == "17" and int(scored[1]) < 17  # only the "page" copy changed


def test_renderer_shows_impossible_filters_as_a_message():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(
        _render_two, args=("carvision.data_filters",), default_timeout=60
    ).run()
    at.number_input(key="page-price_min").set_value(600_000).run()
    assert not at.exception
    assert any("price_min" in e.value for e in at.error), [e.value for e in at.error]


def test_default_model_on_a_user_file_is_trained_once_per_content():
    user = data.generate(n_rows=1_500, seed=9)
    first = common._trained(user, 42)
    assert common._trained(user.copy(), 42) is first  # same content, same model
    changed = user.copy()
    changed.loc[0, "price"] += 1
    assert common._trained(changed, 42) is not first
