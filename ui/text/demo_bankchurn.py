"""Strings of the BankChurn demo renderers (projects/bankchurn/ui.py)."""

LOW = "Low-risk threshold (below = low)"
HIGH = "High-risk threshold (at or above = high)"
COST_FN = "Cost of a missed churner (FN)"
COST_FP = "Cost of a wasted retention offer (FP)"
THRESHOLD = "Decision threshold"
CUSTOMER = "Test customer #"
TOP_K = "Compare the top k features"
C_LABEL = "C of the LogisticRegression (inverse L2 strength)"
TEST_SIZE = "Test size"
VERSION = "Model version"
W_LR = "Weight of LogisticRegression"
W_RF = "Weight of RandomForest"
BASE_MODEL = "Model to calibrate"
METHOD = "Calibration method"
N_BINS = "Bins of the reliability curve"
ATTRIBUTE = "Sensitive attribute"
METADATA_JSON = "model_metadata.json"
DOWNLOAD_JSON = "Download the metadata JSON"
BASE_LABELS = {
    "balanced_logistic_regression": "LogisticRegression, class_weight='balanced'",
    "logistic_regression": "LogisticRegression (unweighted)",
    "random_forest": "RandomForest (40 trees)",
}
