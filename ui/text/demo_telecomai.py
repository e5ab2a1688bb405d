"""UI strings of the TelecomAI demo renderers (English), kept in one place for translation."""

SHIFT = "Usage growth in the data the scaler is refit on (%)"
SHIFT_HELP = "0% still resamples the customers: even a refit on 'the same kind' of data drifts."
RESAMPLE_SEED = "Resample seed"
BEFORE_AFTER = "Seed question 63: before (2 files) and after (1 file)"
BEFORE_AFTER_CODE = """# BEFORE (2 files): preprocessor and model can drift apart
preprocessor = joblib.load("preprocessor.pkl")
model = joblib.load("model.pkl")
pred = model.predict(preprocessor.transform(X))

# AFTER (1 file): the scaler travels inside the artifact
pipeline = joblib.load("model.joblib")
pred = pipeline.predict(X)"""

CONFIG_LABEL = "config.yaml (edit it: values are validated, then the model is trained)"
CONFIG_RESET = "Reset to the shipped config.yaml"
CONFIG_INVALID = "The config was rejected, nothing was trained. Problems found:"
CONFIG_HINT = "Try: `test_size: 0.9`, `n_estimator: 200` (typo), `max_depth: two`, a bad indent."

N_SEEDS = "Number of seeds"
TEST_SIZE = "Test size"
N_ROWS = "Rows used (subset of the data set)"
SEED_COMMENT = (
    "Seed question 65: “with 2K samples and 30% positives the test set could have 20% or 40%”."
)

MODEL = "Model"
MODEL_LABELS = {
    "gradient_boosting": "Gradient boosting (project model)",
    "deep_tree": "Unpruned decision tree (overfits)",
    "logistic_regression": "Logistic regression",
}
INJECT = "Inject typical data problems (duplicates, NaN, a constant column)"

LEARNING_RATES = "Learning rates to compare (2 to 5)"
MAX_ESTIMATORS = "Maximum n_estimators"

DECIMALS = "Decimals written"
CONFUSION = "Also save the confusion matrix (nested YAML)"
YAML_FILE = "The file as written (artifacts/metrics.yaml):"

FORM = "Monthly usage of the customer"
CALLS = "calls"
MINUTES = "minutes"
MESSAGES = "messages"
MB_USED = "mb_used"
SUBMIT = "Recommend a plan"
RESPONSE = "What `POST /predict` would answer:"
RANGES = "Accepted ranges: {ranges}."
