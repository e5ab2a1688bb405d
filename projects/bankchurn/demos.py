"""The BankChurn demos: id, questions, claim, pure function and renderer of each."""

from __future__ import annotations

from projects.bankchurn import concepts
from projects.demo import DemoSpec

_UI = "ui.demos.bankchurn"

DEMOS: list[DemoSpec] = [
    DemoSpec(
        id="bankchurn.risk_levels",
        project="bankchurn",
        title="Risk levels from churn probabilities",
        questions=(41, 12),
        claim=(
            "The real churn rate rises from the low to the medium to the high risk level, so "
            "the 0.3/0.7 probability thresholds split customers into groups that deserve "
            "different retention actions."
        ),
        run=concepts.risk_levels,
        render=f"{_UI}:render_risk_levels",
        uses_dataset=True,
    ),
    DemoSpec(
        id="bankchurn.threshold_cost",
        project="bankchurn",
        title="Decision threshold vs precision, recall and business cost",
        questions=(12,),
        claim=(
            "The cost-minimising threshold follows c_FP / (c_FP + c_FN), not 0.5: when a missed "
            "churner costs 10× a wasted retention offer, the best threshold falls far below 0.5 "
            "and costs much less than the default."
        ),
        run=concepts.threshold_cost,
        render=f"{_UI}:render_threshold_cost",
        uses_dataset=True,
    ),
    DemoSpec(
        id="bankchurn.explanation_vs_attribution",
        project="bankchurn",
        title="Mean-distance 'explanation' vs real attribution",
        questions=(42, 13),
        claim=(
            "For the same customer, the seed's mean-distance z-scores are not the model's "
            "reasons: they rank different features on top than the exact logistic-regression "
            "contributions coef·(x − mean), or point in the opposite direction."
        ),
        run=concepts.explanation_vs_attribution,
        render=f"{_UI}:render_explanation_vs_attribution",
        uses_dataset=True,
    ),
    DemoSpec(
        id="bankchurn.model_metadata",
        project="bankchurn",
        title="Model metadata JSON with a real config hash",
        questions=(43, 19),
        claim=(
            "The metadata's config_hash is the sha256 of the canonical config (same config, any "
            "key order -> same hash; one value changed -> different hash), and its metrics and "
            "sample counts are the ones measured in this training run."
        ),
        run=concepts.model_metadata,
        render=f"{_UI}:render_model_metadata",
        uses_dataset=True,
    ),
    DemoSpec(
        id="bankchurn.imbalance_strategies",
        project="bankchurn",
        title="Class imbalance: none, class_weight, over- and under-sampling",
        questions=(2,),
        claim=(
            "At the same 0.5 threshold, class_weight, over-sampling and under-sampling each "
            "raise the churners' recall by 15+ points and their F1 over the unweighted model, "
            "paying with lower precision."
        ),
        run=concepts.imbalance_strategies,
        render=f"{_UI}:render_imbalance_strategies",
        uses_dataset=True,
    ),
    DemoSpec(
        id="bankchurn.soft_voting",
        project="bankchurn",
        title="Soft voting LogisticRegression + RandomForest",
        questions=(3,),
        claim=(
            "Soft voting is a weighted average of the two models' probabilities: with weights "
            "0.4/0.6 its AUC is never below the weaker model and stays within 0.01 of the "
            "better one."
        ),
        run=concepts.soft_voting,
        render=f"{_UI}:render_soft_voting",
        uses_dataset=True,
    ),
    DemoSpec(
        id="bankchurn.regularization_c",
        project="bankchurn",
        title="L2 strength C: coefficients and AUC",
        questions=(8,),
        claim=(
            "Lowering C (stronger L2) shrinks the coefficients toward 0; the project's C = 0.1 "
            "keeps test AUC within 0.01 of the almost unpenalised model, and AUC drops only "
            "when C gets very small."
        ),
        run=concepts.regularization_c,
        render=f"{_UI}:render_regularization_c",
        uses_dataset=True,
    ),
    DemoSpec(
        id="bankchurn.calibration",
        project="bankchurn",
        title="Probability calibration (CalibratedClassifierCV)",
        questions=(14,),
        claim=(
            "class_weight='balanced' inflates churn probabilities far above the real ~20% rate; "
            "sigmoid calibration with CalibratedClassifierCV brings the reliability curve back "
            "to the diagonal and lowers the Brier score."
        ),
        run=concepts.calibration,
        render=f"{_UI}:render_calibration",
        uses_dataset=True,
    ),
    DemoSpec(
        id="bankchurn.fairness",
        project="bankchurn",
        title="Fairness: per-group rates and disparate impact",
        questions=(34, 102),
        claim=(
            "Disparate impact (lowest / highest predicted churn rate across groups) falls below "
            "the 0.8 rule for Geography, and the group the model flags most is the one that "
            "really churns most: the alert shows unequal outcomes, not yet their cause."
        ),
        run=concepts.fairness,
        render=f"{_UI}:render_fairness",
        uses_dataset=True,
    ),
]
