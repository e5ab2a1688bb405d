"""The ML-lifecycle demos, each declared once: function, parameters, questions and claim."""

from __future__ import annotations

from projects import params as P
from projects.demo import DemoSpec, demo
from projects.mlops import configuration, features, observability, training, versioning

PROJECT = "mlops"

DEMOS: list[DemoSpec] = [
    demo(
        PROJECT,
        features.feature_consistency,
        title="FeatureEngineer inside the pipeline: no training-serving skew",
        questions=(4, 46),
        claim=(
            "Scored through the one pipeline (FeatureEngineer → ColumnTransformer → forest), a "
            "listing gets the same price alone or in a batch; a re-implemented copy of the "
            "features moves prices across the test set, and only when it really differs."
        ),
        params=(
            P.integer("row", 0, 499, 0, label="ROW"),
            P.options("skew", features.SKEWS, features.SKEWS[0], label="SKEW"),
        ),
    ),
    demo(
        PROJECT,
        training.rf_hyperparameters,
        title="RandomForest hyperparameters vs over-fitting",
        questions=(9,),
        claim=(
            "With small leaves (≤ 5), unlimited depth opens a train–test ROC AUC gap larger "
            "than depth 4 and above 0.02; large leaves cap it."
        ),
        params=(
            P.integer("min_samples_leaf", 1, 50, 1, label="MIN_SAMPLES_LEAF"),
            P.integer("n_estimators", 5, 30, 15, step=5, label="N_ESTIMATORS"),
            P.options("max_features", ("sqrt", "log2"), "sqrt", label="MAX_FEATURES"),
        ),
    ),
    demo(
        PROJECT,
        training.cv_report,
        title="Cross-validation report: mean ± std, fold by fold",
        questions=(11,),
        claim=(
            "Stratified folds keep every fold's churn rate within one point of the overall "
            "rate, and the fold scores vary (std > 0): one split would report just one of them."
        ),
        params=(
            P.integer("folds", 3, 10, 5, label="FOLDS"),
            P.options("C", (0.01, 0.1, 1.0, 10.0), 0.1, label="C"),
        ),
    ),
    demo(
        PROJECT,
        training.reproducibility,
        title="Seeds and reproducibility",
        questions=(17,),
        claim=(
            "The same seed gives the same test rows and bit-identical probabilities; the next "
            "seed gives a different split and different probabilities."
        ),
        params=(
            P.integer("seed", 0, 2**32 - 2, 42, widget="number", label="SEED"),
            P.integer("n_estimators", 5, 50, 20, step=5, label="N_ESTIMATORS"),
        ),
    ),
    demo(
        PROJECT,
        configuration.config_validation,
        title="Validate the training config with Pydantic",
        questions=(18,),
        claim=(
            "The shipped config.yaml validates, and each planted mistake (a text where a number "
            "goes, a negative C, an unknown model, a misspelt key, reversed risk levels) is "
            "reported at its exact path."
        ),
        params=(
            P.text(
                "yaml_text",
                configuration.SHIPPED_YAML,
                max_chars=20_000,
                label="YAML_TEXT",
                widget="text_area",
            ),
        ),
    ),
    demo(
        PROJECT,
        versioning.data_versions,
        title="Data versions by content hash (DVC)",
        questions=(20,),
        claim=(
            "Regenerating the same content gives the same md5, editing any cell gives a new "
            "one, and the .dvc pointer file that git stores round-trips."
        ),
        params=(
            P.integer("seed", 0, 10_000, 42, widget="number", label="SEED"),
            P.integer("changed_cells", 0, 100, 1, label="CHANGED_CELLS"),
        ),
    ),
    demo(
        PROJECT,
        observability.logging_levels,
        title="Logging: levels, JSON lines, request ids, no personal data",
        questions=(27,),
        claim=(
            "Only records at or above the configured level are written, JSON lines parse and "
            "carry the request id, and the customer's surname never reaches the log."
        ),
        params=(
            P.options("level", observability.LEVELS, "INFO", label="LEVEL"),
            P.switch("json_lines", True, label="JSON_LINES"),
        ),
    ),
    demo(
        PROJECT,
        training.experiment_tracking,
        title="Experiment tracking: log runs, find the best one",
        questions=(16,),
        claim=(
            "Every run's params and metrics are read back from the tracking store exactly as "
            "logged, and the query ordered by ROC AUC returns the best run."
        ),
        params=(P.integer("runs", 2, 8, 4, label="RUNS"),),
    ),
    demo(
        PROJECT,
        features.feature_subsets,
        title="Why only four features (TelecomAI)",
        questions=(61,),
        claim=(
            "The four usage features beat the majority baseline by more than 5 points, while "
            "dropping calls (correlation with minutes > 0.9) or adding three ratio features "
            "changes test accuracy by less than 2.5 points."
        ),
        params=(
            P.integer("n_estimators", 10, 60, 30, step=5, label="N_ESTIMATORS"),
            P.integer("seed", 0, 100, 42, label="SEED"),
        ),
    ),
]
