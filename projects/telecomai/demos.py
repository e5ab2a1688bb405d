"""The TelecomAI demos: id, questions, claim, pure function and renderer of each."""

from __future__ import annotations

from projects.demo import DemoSpec
from projects.telecomai import concepts

_UI = "ui.demos.telecomai"

DEMOS: list[DemoSpec] = [
    DemoSpec(
        id="telecomai.unified_pipeline",
        project="telecomai",
        title="One pipeline artifact vs scaler and model in two files",
        questions=(63, 21),
        claim=(
            "When the scaler is refit on other data and shipped as a separate "
            "preprocessor.pkl, the unchanged model.pkl silently changes its predictions; the "
            "single Pipeline artifact reproduces the training-time predictions exactly."
        ),
        run=concepts.unified_pipeline,
        render=f"{_UI}:render_unified_pipeline",
        uses_dataset=True,
    ),
    DemoSpec(
        id="telecomai.yaml_config",
        project="telecomai",
        title="Edit the YAML config, validate it, train it",
        questions=(64,),
        claim=(
            "Every value the trained pipeline uses (features, n_estimators, max_depth, "
            "learning_rate, seed, test size) comes from the YAML config, and an invalid config "
            "is rejected with its line, field and allowed values before any training."
        ),
        run=concepts.yaml_config,
        render=f"{_UI}:render_yaml_config",
        uses_dataset=True,
    ),
    DemoSpec(
        id="telecomai.stratification",
        project="telecomai",
        title="Stratified vs plain train/test split over many seeds",
        questions=(65, 5),
        claim=(
            "Over 200 seeds, the Ultra rate of a stratified test set varies far less (smaller "
            "standard deviation and range) than the Ultra rate of a plain random split."
        ),
        run=concepts.stratification,
        render=f"{_UI}:render_stratification",
        uses_dataset=True,
    ),
    DemoSpec(
        id="telecomai.debugging_learning_curve",
        project="telecomai",
        title="Debugging a simple model: data checks and a learning curve",
        questions=(66,),
        claim=(
            "The data checks flag duplicates, missing values and constant columns when they "
            "are present (and nothing on clean data), and the learning curve's validation "
            "score rises while the train-validation gap closes as the training set grows."
        ),
        run=concepts.debugging_learning_curve,
        render=f"{_UI}:render_debugging_learning_curve",
        uses_dataset=True,
    ),
    DemoSpec(
        id="telecomai.lr_estimators_grid",
        project="telecomai",
        title="Gradient boosting: learning_rate × n_estimators",
        questions=(67, 62),
        claim=(
            "A high learning rate (0.5) peaks after a few dozen trees and then loses "
            "validation AUC as it overfits, while a low one (0.005) is still improving at the "
            "largest number of trees: it needs many more estimators."
        ),
        run=concepts.lr_estimators_grid,
        render=f"{_UI}:render_lr_estimators_grid",
        uses_dataset=True,
    ),
    DemoSpec(
        id="telecomai.metrics_yaml",
        project="telecomai",
        title="Persisting evaluation metrics as YAML",
        questions=(68,),
        claim=(
            "Metrics written with yaml.safe_dump are plain, human-readable text that loads back "
            "identical, once numpy floats are cast to float (safe_dump refuses numpy scalars)."
        ),
        run=concepts.metrics_yaml,
        render=f"{_UI}:render_metrics_yaml",
        uses_dataset=True,
    ),
    DemoSpec(
        id="telecomai.plan_recommender",
        project="telecomai",
        title="Plan recommender: usage in, plan and confidence out",
        questions=(69, 70),
        claim=(
            "The form returns the plan the pipeline predicts with the confidence of that plan "
            "(at least 50%), and rejects impossible usage values with a message naming the "
            "field and its allowed range before the model runs."
        ),
        run=concepts.plan_recommender,
        render=f"{_UI}:render_plan_recommender",
        uses_dataset=True,
    ),
]
