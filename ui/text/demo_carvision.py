"""UI strings (English) of the CarVision demo renderers, in one place for translation."""

NUMERIC_FROM = "Numeric features from"
CATEGORICAL_FROM = "Categorical features from"
SOURCE_LABELS = {"infer": "dtype inference (empty list)", "config": "config.yaml list"}
SEGMENT = "Segment column"
MIN_GROUP = "Minimum test listings per segment"
SEED = "Random seed"
OTHER_SEED = "Seed of the re-split"
TEST_SIZE = "Test size"
QUANTILE = "Quantile of the quantile dummy"
RF_TREES = "RandomForest: trees"
GB_ITER = "HistGradientBoosting: iterations"
LEARNING_RATE = "HistGradientBoosting: learning rate"
PREDICTION = "Predicted price ($)"
SMALLEST_TRUE = "Smallest true value in the sweep"
PRICE_MIN = "Minimum price ($)"
PRICE_MAX = "Maximum price ($)"
YEAR_MIN = "Minimum model_year"
ODOMETER_MAX = "Maximum odometer (miles)"
N_BOOT = "Bootstrap resamples"
CONFIDENCE = "Confidence level"
TEST_FRACTION = "Most recent share used as test"
CATEGORICAL_STRATEGY = "Categorical imputation"
CATEGORICAL_LABELS = {
    "constant": "constant 'missing' category",
    "most_frequent": "most frequent value",
}
