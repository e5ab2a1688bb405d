"""The CarVision demos, each declared once: its function, parameters and claim.

Widgets, validation and the sweep all come from these declarations (CONTRIBUTING.md).
"""

from __future__ import annotations

from projects import params as P
from projects.carvision import cleaning, common, evaluation, features, leakage, metrics
from projects.demo import DemoSpec, demo

PROJECT = "carvision"

DEMOS: list[DemoSpec] = [
    demo(
        PROJECT,
        features.feature_types,
        title="Feature type inference vs config lists",
        questions=(51,),
        claim=(
            "With empty lists in config.yaml the feature types are inferred from the dtypes "
            "(numbers → numeric, text → categorical); inference is blind to meaning and "
            "disagrees with the config on some columns, so explicit config lists take "
            "precedence."
        ),
        params=(
            P.options(
                "numeric_from",
                ("infer", "config"),
                "infer",
                label="NUMERIC_FROM",
                choice_labels="SOURCE_LABELS",
                widget="radio",
            ),
            P.options(
                "categorical_from",
                ("infer", "config"),
                "infer",
                label="CATEGORICAL_FROM",
                choice_labels="SOURCE_LABELS",
                widget="radio",
            ),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        evaluation.segment_errors,
        title="Error by segment with a minimum group size",
        questions=(52,),
        claim=(
            "Error is not uniform: among segments with at least the minimum number of test "
            "listings, the worst segment's RMSE is at least 1.5× the best one's; smaller "
            "segments are excluded because their RMSE is noise."
        ),
        params=(
            P.options("segment", common.SEGMENT_COLUMNS, "model_year", label="SEGMENT"),
            P.integer("min_group_size", 1, 200, 30, label="MIN_GROUP"),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        leakage.price_category_leakage,
        title="price_category leakage: great validation, failure at inference",
        questions=(54, 1),
        claim=(
            "A price_category feature derived from the target cuts the validation RMSE by 15%"
            " or more against the honest model, but at inference the price does not exist: "
            "the feature cannot be computed, and imputing it leaves the leaky model worse "
            "than the honest one."
        ),
        params=(P.integer("seed", 0, 9_999, 42, label="SEED", widget="number"),),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        leakage.split_persistence,
        title="Persisted split indices vs re-splitting",
        questions=(55,),
        claim=(
            "Loading the persisted split indices reproduces exactly the same test set and "
            "score on every run, while re-splitting with another seed or after the rows are "
            "re-ordered gives a different test set and a different score."
        ),
        params=(
            P.real("test_size", 0.05, 0.5, 0.2, 0.05, label="TEST_SIZE"),
            P.integer("seed", 0, 9_999, 42, label="SEED", widget="number"),
            P.integer("other_seed", 0, 9_999, 7, label="OTHER_SEED", widget="number"),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        evaluation.dummy_baseline,
        title="DummyRegressor baselines vs the model",
        questions=(56, 15),
        claim=(
            "The RandomForest's test RMSE is below 60% of the best DummyRegressor strategy "
            "(mean, median or quantile), so the model adds real value over predicting a "
            "constant."
        ),
        params=(P.real("quantile", 0.05, 0.95, 0.9, 0.05, label="QUANTILE"),),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        evaluation.rf_vs_gb,
        title="RandomForest vs HistGradientBoosting",
        questions=(57, 10),
        claim=(
            "On the same split, RandomForest's R² is within 0.1 of HistGradientBoosting's: "
            "boosting is at most marginally more accurate, so the forest, with fewer "
            "hyperparameters to tune, is 'good enough'."
        ),
        params=(
            P.integer("rf_trees", 5, 100, 25, 5, label="RF_TREES"),
            P.integer("gb_iterations", 10, 300, 100, 10, label="GB_ITER"),
            P.options("learning_rate", (0.01, 0.03, 0.1, 0.3, 1.0), 0.1, label="LEARNING_RATE"),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        metrics.mape_vs_smape,
        title="MAPE vs sMAPE as the true value approaches 0",
        questions=(58, 6),
        claim=(
            "As the true value approaches 0, MAPE (even with the +1e-8 epsilon) grows without"
            " bound, past 1,000%, while sMAPE never exceeds 200%."
        ),
        params=(
            P.real(
                "prediction", 1.0, 1_000_000.0, 9_000.0, 500.0, label="PREDICTION", widget="number"
            ),
            P.options(
                "smallest_true", (1000.0, 100.0, 10.0, 1.0, 0.01, 0.0), 0.0, label="SMALLEST_TRUE"
            ),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        cleaning.data_filters,
        title="Price, year and odometer filters",
        questions=(47,),
        claim=(
            "The price/year/odometer filters remove under 15% of the listings and hardly move "
            "the test R² (under ±0.10; +0.03 on the real vehicles_us.csv, which has no "
            "extra-zero typos), yet they cut MAPE at least tenfold: a $1 placeholder priced "
            "at $9,000 is a 900,000% error, so the filters matter for the metric you report. "
            "(Needs listings below the minimum price; the demo says when there are none)."
        ),
        params=(
            P.real(
                "price_min", 0.0, 1_000_000.0, 1_000.0, 500.0, label="PRICE_MIN", widget="number"
            ),
            P.real(
                "price_max",
                1.0,
                100_000_000.0,
                500_000.0,
                10_000.0,
                label="PRICE_MAX",
                widget="number",
            ),
            P.integer("model_year_min", 1950, 2019, 1990, label="YEAR_MIN"),
            P.real(
                "odometer_max",
                1_000.0,
                10_000_000.0,
                500_000.0,
                10_000.0,
                label="ODOMETER_MAX",
                widget="number",
            ),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        evaluation.bootstrap_ci,
        title="Bootstrap CI of the model-minus-baseline RMSE",
        questions=(48,),
        claim=(
            "The bootstrap confidence interval (95% by default) of RMSE(model) − RMSE(median "
            "baseline) lies entirely below 0: the model's advantage is not luck of the test "
            "set."
        ),
        params=(
            P.integer("n_boot", 100, 5_000, 1_000, 100, label="N_BOOT"),
            P.options("confidence", (0.8, 0.9, 0.95, 0.99), 0.95, label="CONFIDENCE"),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        leakage.temporal_backtest,
        title="Temporal backtest vs random split",
        questions=(49,),
        claim=(
            "When prices drift over the posting period, a random split is optimistic: "
            "trained only on older listings, the model's RMSE on the most recent 20% (by "
            "date_posted) is higher than its RMSE on a random 20% test set. (Needs the "
            "typical price of the test period to differ by 5% or more from the training "
            "period's; the demo says when the data has no such drift)."
        ),
        params=(P.real("test_fraction", 0.1, 0.4, 0.2, 0.05, label="TEST_FRACTION"),),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        features.imputation,
        title="Imputation strategies: median, mean, constant, drop rows",
        questions=(7,),
        claim=(
            "With gaps in several columns (model_year, cylinders, odometer, paint_color), "
            "dropping incomplete rows keeps only about 58% of the training listings, yet its "
            "test RMSE stays within 15% of median imputation's (on the real vehicles_us.csv "
            "it is even 1% lower): with random gaps deletion costs data, not much accuracy. "
            "Median and mean imputation score within 5% of each other. (Needs dropping to "
            "lose over 25% of the rows; the demo says when the data has fewer gaps)."
        ),
        params=(
            P.options(
                "categorical_strategy",
                ("constant", "most_frequent"),
                "constant",
                label="CATEGORICAL_STRATEGY",
                choice_labels="CATEGORICAL_LABELS",
                widget="radio",
            ),
        ),
        uses_dataset=True,
    ),
]
