"""Features (questions 4, 46, 61): one FeatureEngineer in the pipeline (no training-serving
skew), and why TelecomAI's recommender uses only four usage features."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold

from projects.bankchurn import pipeline as bc
from projects.carvision import data as car_data
from projects.carvision import pipeline as car
from projects.demo import DemoResult

# ======================================================== 4, 46: one FeatureEngineer, no skew
SKEWS = ("current year instead of posting year", "brand from the last word", "none")


@lru_cache(maxsize=2)
def _car_model(seed: int) -> car.TrainResult:
    frame = car_data.generate(n_rows=2_500, seed=seed)
    with bc.single_thread():
        return car.train_evaluate(
            frame, seed=seed, estimator=car.quick_forest(seed, n_estimators=15)
        )


def _reimplemented_features(row: pd.DataFrame, skew: str) -> pd.DataFrame:
    """What a second, hand-written copy of the features in the API tends to look like."""
    out = car.FeatureEngineer().transform(row)
    if skew == SKEWS[0]:
        out["vehicle_age"] = (2026 - out["model_year"]).clip(lower=0)
    elif skew == SKEWS[1]:
        out["brand"] = out["model"].astype(str).str.split().str[-1]
    return out


@dataclass(frozen=True)
class SkewCheck:
    """What the feature-consistency demo computed: one listing's price three ways."""

    skew: str
    alone: float  # the pipeline on the listing alone
    in_batch: float  # the pipeline on the whole test set, this listing's price
    skewed: float  # the model on features from a re-implementation
    changed_share: float  # share of test listings the re-implementation prices differently
    features: pd.DataFrame  # the features the pipeline computed for the listing
    steps: pd.DataFrame  # the pipeline's steps

    @property
    def claim_held(self) -> bool:
        """Same price alone or in a batch; a second copy moves prices iff it differs."""
        return abs(self.alone - self.in_batch) < 1e-6 and (self.changed_share > 0) == (
            self.skew != "none"
        )


def compute_feature_consistency(row: int, skew: str) -> SkewCheck:
    model = _car_model(42)
    test = model.test.drop(columns=[car_data.TARGET]).reset_index(drop=True)
    row = min(row, len(test) - 1)
    one = test.iloc[[row]]
    batch = model.pipeline.predict(test)
    rest = model.pipeline[1:]  # preprocessing + forest, without the FeatureEngineer
    everywhere = rest.predict(_reimplemented_features(test, skew))
    features = model.pipeline.named_steps["features"].transform(one)
    return SkewCheck(
        skew=skew,
        alone=float(model.pipeline.predict(one)[0]),
        in_batch=float(batch[row]),
        skewed=float(rest.predict(_reimplemented_features(one, skew))[0]),
        changed_share=float((abs(everywhere - batch) > 1e-6).mean()),
        features=features[
            ["model", "model_year", "date_posted", "vehicle_age", "brand", "odometer"]
        ],
        steps=pd.DataFrame(
            {
                "step": [name for name, _ in model.pipeline.steps],
                "object": [type(step).__name__ for _, step in model.pipeline.steps],
            }
        ),
    )


def present_feature_consistency(found: SkewCheck) -> DemoResult:
    return DemoResult(
        claim_held=bool(found.claim_held),
        metrics={
            "pipeline, alone": f"${found.alone:,.0f}",
            "pipeline, in a batch": f"${found.in_batch:,.0f}",
            "re-implemented features": f"${found.skewed:,.0f}",
            "skew": f"${found.skewed - found.alone:+,.0f}",
            "test listings priced differently": f"{found.changed_share:.0%}",
        },
        tables={
            "The listing and the features the pipeline computed": found.features,
            "Pipeline steps": found.steps,
        },
        notes=[
            "The FeatureEngineer is the first step of the ONE pipeline that is trained and "
            "deployed: the API, the dashboard and the batch job call `pipeline.predict` on raw "
            "rows, so the features cannot drift apart (no training-serving skew).",
            "A second copy of the feature code in the API is where skew comes from: pick one "
            "and see the price move although the model did not change.",
        ],
    )


def feature_consistency(row: int = 0, skew: str = SKEWS[0]) -> DemoResult:
    """Score one listing alone through the pipeline, in a batch, and via a re-implementation."""
    return present_feature_consistency(compute_feature_consistency(row, skew))


# ======================================================= 61: why only four features
FEATURE_SETS = ("the 4 usage features", "without calls", "4 + derived ratios")


@dataclass(frozen=True)
class FeatureSets:
    """What the feature-subsets demo computed: test accuracy per feature set."""

    table: pd.DataFrame  # features, columns, accuracy
    baseline: float  # majority-class accuracy
    correlation: float  # corr(calls, minutes)

    @property
    def accuracy(self) -> dict[str, float]:
        return dict(zip(self.table["features"], self.table["accuracy"], strict=True))

    @property
    def claim_held(self) -> bool:
        accuracy = self.accuracy
        four = accuracy[FEATURE_SETS[0]]
        return bool(
            four > self.baseline + 0.05
            # within the noise of an ~800-customer test set (one standard error is ~1.4 points)
            and abs(four - accuracy[FEATURE_SETS[1]]) < 0.025
            and abs(accuracy[FEATURE_SETS[2]] - four) < 0.025
            and self.correlation > 0.9
        )


def compute_feature_subsets(n_estimators: int, seed: int) -> FeatureSets:
    """TelecomAI's plan recommender on 4 features, on 3 (calls dropped), on 4 + 3 ratios."""
    from projects.telecomai.data import FEATURES as TELECOM_FEATURES
    from projects.telecomai.data import TARGET as TELECOM_TARGET
    from projects.telecomai.data import generate as telecom_data

    frame = telecom_data(seed=seed)
    derived = frame.assign(
        minutes_per_call=frame["minutes"] / frame["calls"].clip(lower=1),
        mb_per_message=frame["mb_used"] / frame["messages"].clip(lower=1),
        messages_per_call=frame["messages"] / frame["calls"].clip(lower=1),
    )
    columns = {
        FEATURE_SETS[0]: list(TELECOM_FEATURES),
        FEATURE_SETS[1]: [c for c in TELECOM_FEATURES if c != "calls"],
        FEATURE_SETS[2]: [
            *TELECOM_FEATURES,
            "minutes_per_call",
            "mb_per_message",
            "messages_per_call",
        ],
    }
    y = frame[TELECOM_TARGET].to_numpy()
    splitter = StratifiedKFold(n_splits=4, shuffle=True, random_state=seed)
    train, test = next(splitter.split(derived, y))  # one stratified 75/25 split, shared
    rows = []
    with bc.single_thread():
        for name, cols in columns.items():
            forest = RandomForestClassifier(
                n_estimators=n_estimators, max_depth=8, random_state=seed, n_jobs=1
            )
            forest.fit(derived.iloc[train][cols], y[train])
            accuracy = float((forest.predict(derived.iloc[test][cols]) == y[test]).mean())
            rows.append({"features": name, "columns": len(cols), "accuracy": round(accuracy, 4)})
    return FeatureSets(
        table=pd.DataFrame(rows),
        baseline=float(max(y.mean(), 1 - y.mean())),
        correlation=float(frame["calls"].corr(frame["minutes"])),
    )


def present_feature_subsets(found: FeatureSets) -> DemoResult:
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "majority baseline": round(found.baseline, 4),
            "4 features": found.accuracy[FEATURE_SETS[0]],
            "corr(calls, minutes)": round(found.correlation, 3),
        },
        tables={"Test accuracy per feature set (one stratified 75/25 split)": found.table},
        notes=[
            "The four usage signals are what billing has when the plan is recommended (no "
            "leakage). `calls` and `minutes` are almost the same signal, and ratios built from "
            "them add little: with 3,214 customers, more columns mostly add variance.",
        ],
    )


def feature_subsets(n_estimators: int = 30, seed: int = 42) -> DemoResult:
    """TelecomAI's plan recommender on 4 features, on 3 (calls dropped), on 4 + 3 ratios."""
    return present_feature_subsets(compute_feature_subsets(n_estimators, seed))
