"""The design-pattern demos, each declared once: function, parameters, questions and claim."""

from __future__ import annotations

from projects import params as P
from projects.demo import DemoSpec, demo
from projects.patterns import concepts

PROJECT = "mlops"  # shown with the ML-lifecycle demos

DEMOS: list[DemoSpec] = [
    demo(
        PROJECT,
        concepts.resample_classifier,
        title="ResampleClassifier: resampling inside fit, as a sklearn estimator",
        questions=(33, 71, 72),
        claim=(
            "The wrapper honours sklearn's contract (clone keeps its parameters and no fitted "
            "state), and over-sampling before the split lets a random forest memorise copies "
            "of churners that land in both train and test folds: the cross-validated ROC AUC "
            "is inflated by more than 0.05 over resampling inside fit."
        ),
        params=(
            P.options("estimator", concepts.ESTIMATORS, "random_forest", label="ESTIMATOR"),
            P.options("strategy", concepts.STRATEGIES, "over-sampling", label="STRATEGY"),
            P.integer("folds", 3, 5, 3, label="FOLDS"),
        ),
    ),
    demo(
        PROJECT,
        concepts.module_structure,
        title="BankChurn's modular structure, read from the source",
        questions=(31,),
        claim=(
            "Every import between BankChurn's modules (data, pipeline, API settings/schemas/"
            "metrics, model loading, app, entry points) points to a lower layer, so the graph "
            "has no cycle; an import from data up to the app would make one."
        ),
        params=(P.integer("show_layer", 0, 5, 5, label="SHOW_LAYER"),),
    ),
]
