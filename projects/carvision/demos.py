"""The CarVision demos: id, questions, claim, pure function and renderer of each."""

from __future__ import annotations

from projects.carvision import concepts
from projects.demo import DemoSpec

_UI = "ui.demos.carvision"


def _spec(name: str, title: str, questions: tuple[int, ...], claim: str) -> DemoSpec:
    # Every CarVision demo accepts the project's data set as df= (uses_dataset=True).
    return DemoSpec(
        id=f"carvision.{name}",
        project="carvision",
        title=title,
        questions=questions,
        claim=claim,
        run=getattr(concepts, name),
        render=f"{_UI}:render_{name}",
        uses_dataset=True,
    )


DEMOS: list[DemoSpec] = [
    _spec(
        "feature_types",
        "Feature type inference vs config lists",
        (51,),
        "With empty lists in config.yaml the feature types are inferred from the dtypes "
        "(numbers → numeric, text → categorical); inference is blind to meaning and disagrees "
        "with the config on some columns, so explicit config lists take precedence.",
    ),
    _spec(
        "segment_errors",
        "Error by segment with a minimum group size",
        (52,),
        "Error is not uniform: among segments with at least the minimum number of test "
        "listings, the worst segment's RMSE is at least 1.5× the best one's; smaller segments "
        "are excluded because their RMSE is noise.",
    ),
    _spec(
        "price_category_leakage",
        "price_category leakage: great validation, failure at inference",
        (54, 1),
        "A price_category feature derived from the target cuts the validation RMSE by 15% or "
        "more against the honest model, but at inference the price does not exist: the "
        "feature cannot be computed, and imputing it leaves the leaky model worse than the "
        "honest one.",
    ),
    _spec(
        "split_persistence",
        "Persisted split indices vs re-splitting",
        (55,),
        "Loading the persisted split indices reproduces exactly the same test set and score "
        "on every run, while re-splitting with another seed or after the rows are re-ordered "
        "gives a different test set and a different score.",
    ),
    _spec(
        "dummy_baseline",
        "DummyRegressor baselines vs the model",
        (56, 15),
        "The RandomForest's test RMSE is below 60% of the best DummyRegressor strategy "
        "(mean, median or quantile), so the model adds real value over predicting a constant.",
    ),
    _spec(
        "rf_vs_gb",
        "RandomForest vs HistGradientBoosting",
        (57, 10),
        "On the same split, RandomForest's R² is within 0.1 of HistGradientBoosting's: "
        "boosting is at most marginally more accurate, so the forest, with fewer "
        "hyperparameters to tune, is 'good enough'.",
    ),
    _spec(
        "mape_vs_smape",
        "MAPE vs sMAPE as the true value approaches 0",
        (58, 6),
        "As the true value approaches 0, MAPE (even with the +1e-8 epsilon) grows without "
        "bound, past 1,000%, while sMAPE never exceeds 200%.",
    ),
    _spec(
        "data_filters",
        "Price, year and odometer filters",
        (47,),
        "The price/year/odometer filters remove under 15% of the listings yet raise the test "
        "R² by at least 0.05, because $1 placeholders and typo prices otherwise dominate the "
        "squared errors.",
    ),
    _spec(
        "bootstrap_ci",
        "Bootstrap CI of the model-minus-baseline RMSE",
        (48,),
        "The bootstrap confidence interval (95% by default) of RMSE(model) − RMSE(median "
        "baseline) lies entirely below 0: the model's advantage is not luck of the test set.",
    ),
    _spec(
        "temporal_backtest",
        "Temporal backtest vs random split",
        (49,),
        "A random split is optimistic: trained only on older listings, the model's RMSE on the "
        "most recent 20% (by date_posted) is higher than its RMSE on a random 20% test set.",
    ),
    _spec(
        "imputation",
        "Imputation strategies: median, mean, constant, drop rows",
        (7,),
        "Dropping rows with missing values throws away over 25% of the training listings and "
        "gives a higher RMSE than median imputation, while median and mean imputation score "
        "within 5% of each other.",
    ),
]
