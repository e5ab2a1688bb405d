"""The TelecomAI demos, each declared once: its function, parameters and claim.

Widgets, validation and the sweep all come from these declarations (CONTRIBUTING.md).
"""

from __future__ import annotations

from projects import params as P
from projects.demo import DemoSpec, demo
from projects.telecomai import artifacts, configuration, experiments, serving

PROJECT = "telecomai"

DEMOS: list[DemoSpec] = [
    demo(
        PROJECT,
        artifacts.unified_pipeline,
        title="One pipeline artifact vs scaler and model in two files",
        questions=(63, 21),
        claim=(
            "When the scaler is refit on other data and shipped as a separate "
            "preprocessor.pkl, the unchanged model.pkl silently changes its predictions; the "
            "single Pipeline artifact reproduces the training-time predictions exactly."
        ),
        params=(
            P.real("shift_pct", -50.0, 200.0, 30.0, 5.0, label="SHIFT", help="SHIFT_HELP"),
            P.integer("resample_seed", 0, 10_000, 1, label="RESAMPLE_SEED", widget="number"),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        configuration.yaml_config,
        title="Edit the YAML config, validate it, train it",
        questions=(64,),
        claim=(
            "Every value the trained pipeline uses (features, n_estimators, max_depth, "
            "learning_rate, seed, test size) comes from the YAML config, and an invalid "
            "config is rejected with its line, field and allowed values before any training."
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        experiments.stratification,
        title="Stratified vs plain train/test split over many seeds",
        questions=(65, 5),
        claim=(
            "Over 200 seeds, the Ultra rate of a stratified test set varies far less (smaller"
            " standard deviation and range) than the Ultra rate of a plain random split."
        ),
        params=(
            P.integer("n_seeds", 20, 1_000, 200, 10, label="N_SEEDS"),
            P.real("test_size", 0.05, 0.5, 0.2, 0.05, label="TEST_SIZE"),
            P.integer(
                "n_rows",
                100,
                None,
                2_000,
                50,
                label="N_ROWS",
                max_from_data=experiments.usable_rows,
            ),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        experiments.debugging_learning_curve,
        title="Debugging a simple model: data checks and a learning curve",
        questions=(66,),
        claim=(
            "The data checks flag duplicates, missing values and constant columns when they "
            "are present (and nothing on clean data), and the learning curve's validation "
            "score rises while the train-validation gap closes as the training set grows."
        ),
        params=(
            P.options(
                "model",
                experiments.LEARNING_CURVE_MODELS,
                "gradient_boosting",
                label="MODEL",
                choice_labels="MODEL_LABELS",
            ),
            P.switch("inject_issues", False, label="INJECT"),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        experiments.lr_estimators_grid,
        title="Gradient boosting: learning_rate × n_estimators",
        questions=(67, 62),
        claim=(
            "A high learning rate (0.5) peaks after a few dozen trees and then loses "
            "validation AUC as it overfits, while a low one (0.005) is still improving at the"
            " largest number of trees: it needs many more estimators."
        ),
        params=(
            P.many(
                "learning_rates",
                experiments.ALLOWED_LRS,
                (0.005, 0.05, 0.5),
                label="LEARNING_RATES",
            ),
            P.options("max_estimators", (50, 100, 200, 300, 400), 200, label="MAX_ESTIMATORS"),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        artifacts.metrics_yaml,
        title="Persisting evaluation metrics as YAML",
        questions=(68,),
        claim=(
            "Metrics written with yaml.safe_dump are plain, human-readable text that loads "
            "back identical, once numpy floats are cast to float (safe_dump refuses numpy "
            "scalars)."
        ),
        params=(
            P.integer("decimals", 1, 8, 3, label="DECIMALS"),
            P.switch("include_confusion_matrix", False, label="CONFUSION"),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        serving.plan_recommender,
        title="Plan recommender: usage in, plan and confidence out",
        questions=(69, 70),
        claim=(
            "The form returns the plan the pipeline predicts with the confidence of that plan"
            " (at least 50%), and rejects impossible usage values with a message naming the "
            "field and its allowed range before the model runs."
        ),
        uses_dataset=True,
    ),
]
