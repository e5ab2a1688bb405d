"""The BankChurn demos, each declared once: its function, parameters and claim.

Widgets, validation and the sweep all come from these declarations (CONTRIBUTING.md).
"""

from __future__ import annotations

from projects import params as P
from projects.bankchurn import (
    calibration,
    common,
    decisions,
    explanation,
    fairness,
    metadata,
    training,
)
from projects.demo import DemoSpec, demo

PROJECT = "bankchurn"

DEMOS: list[DemoSpec] = [
    demo(
        PROJECT,
        decisions.risk_levels,
        title="Risk levels from churn probabilities",
        questions=(41, 12),
        claim=(
            "The real churn rate rises from the low to the medium to the high risk level, so "
            "the 0.3/0.7 probability thresholds split customers into groups that deserve "
            "different retention actions."
        ),
        params=(
            P.real("low", 0.01, 0.99, 0.3, 0.01, label="LOW"),
            P.real("high", 0.01, 0.99, 0.7, 0.01, label="HIGH"),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        decisions.threshold_cost,
        title="Decision threshold vs precision, recall and business cost",
        questions=(12,),
        claim=(
            "The cost-minimising threshold follows c_FP / (c_FP + c_FN), not 0.5: when a "
            "missed churner costs 10× a wasted retention offer, the best threshold falls far "
            "below 0.5 and costs much less than the default."
        ),
        params=(
            P.real("cost_fn", 0.0, 1e6, 500.0, 50.0, label="COST_FN", widget="number"),
            P.real("cost_fp", 0.0, 1e6, 50.0, 10.0, label="COST_FP", widget="number"),
            P.real("threshold", 0.01, 0.99, 0.5, 0.01, label="THRESHOLD"),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        explanation.explanation_vs_attribution,
        title="Mean-distance 'explanation' vs real attribution",
        questions=(42, 13),
        claim=(
            "For the same customer, the seed's mean-distance z-scores are not the model's "
            "reasons: they rank different features on top than the exact logistic-regression "
            "contributions coef·(x − mean), or point in the opposite direction."
        ),
        params=(
            P.integer(
                "customer",
                0,
                None,
                0,
                label="CUSTOMER",
                widget="number",
                max_from_data=explanation.last_test_row,
            ),
            P.integer("top_k", 1, 8, 3, label="TOP_K"),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        metadata.model_metadata,
        title="Model metadata JSON with a real config hash",
        questions=(43, 19),
        claim=(
            "The metadata's config_hash is the sha256 of the canonical config (same config, "
            "any key order -> same hash; one value changed -> different hash), and its "
            "metrics and sample counts are the ones measured in this training run."
        ),
        params=(
            P.options("C", (0.001, 0.01, 0.1, 1.0, 10.0), 0.1, label="C_LABEL"),
            P.real("test_size", 0.1, 0.4, 0.2, 0.05, label="TEST_SIZE"),
            P.text("version", "1.0.0", max_chars=20, label="VERSION"),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        training.imbalance_strategies,
        title="Class imbalance: none, class_weight, over- and under-sampling",
        questions=(2,),
        claim=(
            "At the same 0.5 threshold, class_weight, over-sampling and under-sampling each "
            "raise the churners' recall by 15+ points and their F1 over the unweighted model,"
            " paying with lower precision."
        ),
        params=(
            P.real("threshold", 0.05, 0.95, 0.5, 0.05, label="THRESHOLD"),
            P.options("C", (0.01, 0.1, 1.0, 10.0), 0.1, label="C_LABEL"),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        training.soft_voting,
        title="Soft voting LogisticRegression + RandomForest",
        questions=(3,),
        claim=(
            "Soft voting is a weighted average of the two models' probabilities: with weights"
            " 0.4/0.6 its AUC is never below the weaker model and stays within 0.01 of the "
            "better one."
        ),
        params=(
            P.real("w_lr", 0.0, 1.0, 0.4, 0.05, label="W_LR"),
            P.real("w_rf", 0.0, 1.0, 0.6, 0.05, label="W_RF"),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        training.regularization_c,
        title="L2 strength C: coefficients and AUC",
        questions=(8,),
        claim=(
            "Lowering C (stronger L2) shrinks the coefficients toward 0; the project's C = "
            "0.1 keeps test AUC within 0.01 of the almost unpenalised model, and AUC drops "
            "only when C gets very small."
        ),
        params=(
            P.options(
                "C",
                (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0, 1000.0),
                0.1,
                label="C_LABEL",
            ),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        calibration.calibration,
        title="Probability calibration (CalibratedClassifierCV)",
        questions=(14,),
        claim=(
            "class_weight='balanced' inflates churn probabilities far above the real ~20% "
            "rate; sigmoid calibration with CalibratedClassifierCV brings the reliability "
            "curve back to the diagonal and lowers the Brier score."
        ),
        params=(
            P.options(
                "base_model",
                common.CALIBRATION_BASES,
                "balanced_logistic_regression",
                label="BASE_MODEL",
                choice_labels="BASE_LABELS",
            ),
            P.options("method", common.CALIBRATION_METHODS, "sigmoid", label="METHOD"),
            P.integer("n_bins", 3, 30, 10, label="N_BINS"),
        ),
        uses_dataset=True,
    ),
    demo(
        PROJECT,
        fairness.fairness,
        title="Fairness: per-group rates and disparate impact",
        questions=(34, 102),
        claim=(
            "Disparate impact (lowest / highest predicted churn rate across groups) falls "
            "below the 0.8 rule for Geography, and the group the model flags most is the one "
            "that really churns most: the alert shows unequal outcomes, not yet their cause."
        ),
        params=(
            P.options("attribute", common.FAIRNESS_ATTRIBUTES, "Geography", label="ATTRIBUTE"),
            P.real("threshold", 0.05, 0.95, 0.5, 0.05, label="THRESHOLD"),
        ),
        uses_dataset=True,
    ),
]
