"""BankChurn training choices: class imbalance (2), soft voting (3), regularisation strength C
(8).

Pure (no Streamlit): the demo's declared params (projects/bankchurn/demos.py) are
validated before these functions run.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from projects import params as check
from projects.bankchurn import pipeline as bc
from projects.bankchurn.common import (
    _LAYOUT,
    DEFAULT_SEED,
    REFERENCE_C,
    _encoded,
    _source,
    on_split,
    scored_test_set,
    trained_model,
)
from projects.demo import DemoResult


# ---------------------------------------------------------------------------- 5 imbalance
def resample(
    X: np.ndarray, y: np.ndarray, strategy: str, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Random over-sampling of the minority class or under-sampling of the majority."""
    rng = np.random.default_rng(seed)
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    minority, majority = (pos, neg) if len(pos) < len(neg) else (neg, pos)
    if strategy == "over-sampling":
        extra = rng.choice(minority, size=len(majority) - len(minority), replace=True)
        index = np.r_[majority, minority, extra]
    elif strategy == "under-sampling":
        index = np.r_[minority, rng.choice(majority, size=len(minority), replace=False)]
    else:
        raise ValueError(f"unknown resampling strategy {strategy!r}")
    index = rng.permutation(index)
    return X[index], y[index]


def _imbalance_fits(split: bc.Split, seed: int, C: float) -> dict[str, Any]:
    """Test probabilities of LogisticRegression trained under each imbalance strategy."""
    X_train, X_test, _ = _encoded(split)
    strategies = {}
    for strategy in ("none", "class_weight", "over-sampling", "under-sampling"):
        weight = "balanced" if strategy == "class_weight" else None
        if strategy in ("none", "class_weight"):
            X_fit, y_fit = X_train, split.y_train
        else:
            X_fit, y_fit = resample(X_train, split.y_train, strategy, seed)
        clf = LogisticRegression(C=C, class_weight=weight, max_iter=1000).fit(X_fit, y_fit)
        strategies[strategy] = (clf.predict_proba(X_test)[:, 1], y_fit)
    return {"strategies": strategies, "y_test": split.y_test, "y_train": split.y_train}


@dataclass(frozen=True)
class ImbalanceStrategies:
    """What the imbalance demo computed: churn-class metrics per strategy."""

    threshold: float
    table: pd.DataFrame  # strategy, recall, precision, f1, roc_auc, flagged share, train rows
    train_churn_share: float
    source: str

    @property
    def claim_held(self) -> bool:
        """Every strategy: recall +0.15 or more, higher F1, lower precision than "none"."""
        base, others = self.table.iloc[0], self.table.iloc[1:]
        return bool(
            (others["recall"] >= base["recall"] + 0.15).all()
            and (others["f1"] > base["f1"]).all()
            and (others["precision"] < base["precision"]).all()
        )


def compute_imbalance_strategies(
    threshold: float = 0.5,
    C: float = 0.1,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> ImbalanceStrategies:
    """Recall, precision and F1 of the churn class under four ways of handling the 80/20 split."""
    seed = check.seed(seed)
    fitted = on_split(df, seed, _imbalance_fits, C)
    y_test = fitted["y_test"]
    rows = []
    for strategy, (proba, y_fit) in fitted["strategies"].items():
        row = bc.classification_metrics(y_test, proba, threshold)
        rows.append(
            {
                "strategy": strategy,
                "recall": row["recall"],
                "precision": row["precision"],
                "f1": row["f1"],
                "roc_auc": row["roc_auc"],
                "flagged share": float((proba >= threshold).mean()),
                "train rows": len(y_fit),
                "train churn share": float(y_fit.mean()),
            }
        )
    return ImbalanceStrategies(
        threshold, pd.DataFrame(rows), float(fitted["y_train"].mean()), _source(df)
    )


def present_imbalance_strategies(found: ImbalanceStrategies) -> DemoResult:
    """The grouped bars and the sentences, from the computed metrics."""
    table, threshold = found.table, found.threshold
    rows, base = table.to_dict("records"), table.iloc[0]
    fig = go.Figure()
    for column, color in (("recall", "#E45756"), ("precision", "#4C78A8"), ("f1", "#54A24B")):
        fig.add_bar(
            x=table["strategy"],
            y=table[column],
            name=column,
            marker_color=color,
            text=[f"{v:.2f}" for v in table[column]],
            textposition="outside",
        )
    fig.update_layout(
        barmode="group",
        title=f"Churn class at threshold {threshold:g}",
        yaxis_range=[0, 1.05],
        **_LAYOUT,
    )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={f"recall {r['strategy']}": r["recall"] for r in rows}
        | {
            "precision none": float(base["precision"]),
            "precision class_weight": rows[1]["precision"],
            "F1 none": float(base["f1"]),
            "F1 class_weight": rows[1]["f1"],
        },
        figures=[fig],
        tables={"Churn-class metrics per strategy (LogisticRegression)": table},
        notes=[
            f"{found.source}: {found.train_churn_share:.1%} churners in training. "
            "Resampling touches the training rows only; the test set keeps the real 80/20 split.",
            "ROC AUC barely moves: rebalancing shifts the probabilities (like lowering the "
            "threshold), it does not make the ranking better.",
        ],
    )


def imbalance_strategies(
    threshold: float = 0.5,
    C: float = 0.1,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """Recall, precision and F1 of the churn class under four ways of handling the 80/20 split."""
    return present_imbalance_strategies(compute_imbalance_strategies(threshold, C, seed, df))


# ---------------------------------------------------------------------------- 6 soft voting
def soft_vote(
    proba_a: np.ndarray, proba_b: np.ndarray, weight_a: float, weight_b: float
) -> np.ndarray:
    """Soft voting of two models = weighted average of their churn probabilities."""
    return (weight_a * proba_a + weight_b * proba_b) / (weight_a + weight_b)


def member_probas(model: bc.TrainedModel) -> tuple[np.ndarray, np.ndarray]:
    """Test churn probabilities of the LR and RF fitted inside the VotingClassifier."""
    voting = model.pipeline.named_steps["model"]
    encoded = model.pipeline.named_steps["preprocess"].transform(model.data.X_test)
    return tuple(voting.named_estimators_[k].predict_proba(encoded)[:, 1] for k in ("lr", "rf"))


@lru_cache(maxsize=4)
def _member_probas_synthetic(seed: int) -> tuple[np.ndarray, np.ndarray]:
    probas = member_probas(trained_model(None, seed))
    for proba in probas:
        proba.setflags(write=False)
    return probas


WEIGHT_GRID = np.round(np.linspace(0, 1, 21), 2)


def weight_curve(y: np.ndarray, p_lr: np.ndarray, p_rf: np.ndarray) -> list[float]:
    """Ensemble AUC for each LR share w in WEIGHT_GRID (RF gets 1 - w)."""
    return [float(roc_auc_score(y, soft_vote(p_lr, p_rf, w, 1 - w))) for w in WEIGHT_GRID]


@lru_cache(maxsize=4)
def _weight_curve_synthetic(seed: int) -> tuple[float, ...]:
    y = trained_model(None, seed).data.y_test
    return tuple(weight_curve(y, *_member_probas_synthetic(seed)))


@dataclass(frozen=True)
class SoftVoting:
    """What the soft-voting demo computed: member and ensemble AUCs, the weight curve."""

    w_lr: float
    w_rf: float
    auc_lr: float
    auc_rf: float
    auc_ens: float
    f1: tuple[float, float, float]  # LR, RF, ensemble at 0.5
    curve: tuple[float, ...]  # ensemble AUC per LR share in WEIGHT_GRID
    config_weights: tuple[float, ...]
    same_as_sklearn: bool  # our weighted average == the VotingClassifier's predict_proba
    source: str

    @property
    def claim_held(self) -> bool:
        """The ensemble is never below the weaker member and within 0.01 of the better."""
        worst, best = min(self.auc_lr, self.auc_rf), max(self.auc_lr, self.auc_rf)
        return bool(self.auc_ens >= worst and self.auc_ens >= best - 0.01)


def compute_soft_voting(
    w_lr: float = 0.4,
    w_rf: float = 0.6,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> SoftVoting:
    """AUC of LogisticRegression, RandomForest and their soft vote with adjustable weights."""
    if w_lr + w_rf == 0:
        raise ValueError("the two weights cannot both be 0")
    seed = check.seed(seed)
    model, ensemble_default = scored_test_set(df, seed)
    if df is None:
        p_lr, p_rf = _member_probas_synthetic(seed)
    else:
        p_lr, p_rf = member_probas(model)
    y = model.data.y_test
    p_ens = soft_vote(p_lr, p_rf, w_lr, w_rf)
    auc_lr, auc_rf, auc_ens = (float(roc_auc_score(y, p)) for p in (p_lr, p_rf, p_ens))
    config_weights = tuple(model.config["model"]["params"]["weights"])
    same_as_sklearn = bool(np.allclose(soft_vote(p_lr, p_rf, *config_weights), ensemble_default))
    curve = _weight_curve_synthetic(seed) if df is None else tuple(weight_curve(y, p_lr, p_rf))
    f1 = tuple(float(bc.classification_metrics(y, p)["f1"]) for p in (p_lr, p_rf, p_ens))
    return SoftVoting(
        w_lr, w_rf, auc_lr, auc_rf, auc_ens, f1, curve, config_weights, same_as_sklearn,
        _source(df),
    )  # fmt: skip


def present_soft_voting(found: SoftVoting) -> DemoResult:
    """The weight curve, the score table and the sentences, from the computed AUCs."""
    w_lr, w_rf, grid, curve = found.w_lr, found.w_rf, WEIGHT_GRID, list(found.curve)
    auc_lr, auc_rf, auc_ens = found.auc_lr, found.auc_rf, found.auc_ens
    config_weights, same_as_sklearn = list(found.config_weights), found.same_as_sklearn
    fig = go.Figure(go.Scatter(x=grid, y=curve, mode="lines+markers", name="ensemble"))
    fig.add_hline(
        y=auc_lr,
        line_dash="dot",
        annotation_text=f"LR alone {auc_lr:.3f}",
        annotation_position="bottom left",
    )
    fig.add_hline(
        y=auc_rf,
        line_dash="dot",
        annotation_text=f"RF alone {auc_rf:.3f}",
        annotation_position="top left",
    )
    fig.add_vline(x=w_lr / (w_lr + w_rf), line_dash="dash", annotation_text="chosen")
    fig.update_layout(
        title="Ensemble AUC vs share of the LR weight",
        xaxis_title="w_LR / (w_LR + w_RF)",
        yaxis_title="ROC AUC",
        **_LAYOUT,
    )
    table = pd.DataFrame(
        {
            "model": ["LogisticRegression (C=0.1)", "RandomForest", f"soft vote {w_lr:g}/{w_rf:g}"],
            "roc_auc": [auc_lr, auc_rf, auc_ens],
            "f1 @0.5": list(found.f1),
        }
    )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "AUC LR": auc_lr,
            "AUC RF": auc_rf,
            "AUC ensemble": auc_ens,
            "ensemble − best single": auc_ens - max(auc_lr, auc_rf),
            "best LR share on the curve": float(grid[int(np.argmax(curve))]),
        },
        figures=[fig],
        tables={"Test-set scores": table},
        notes=[
            f"{found.source}; the members are the ones fitted inside the project's "
            "VotingClassifier (one training, any weights).",
            "Weighted average of predict_proba == VotingClassifier(voting='soft', weights="
            f"{config_weights}).predict_proba: {bool(same_as_sklearn)}.",
            "The curve is computed on the test set to show the effect; choose real weights "
            "by cross-validation on the training data, not here.",
        ],
    )


def soft_voting(
    w_lr: float = 0.4,
    w_rf: float = 0.6,
    seed: int = DEFAULT_SEED,
    df: pd.DataFrame | None = None,
) -> DemoResult:
    """AUC of LogisticRegression, RandomForest and their soft vote with adjustable weights."""
    return present_soft_voting(compute_soft_voting(w_lr, w_rf, seed, df))


# ---------------------------------------------------------------------------- 7 regularization
def regularization_path(
    X_train: np.ndarray,
    y_train: np.ndarray,
    X_test: np.ndarray,
    y_test: np.ndarray,
    Cs: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """(coefficients per C, test AUC per C) of L2 LogisticRegression, warm-started along Cs."""
    coefs, aucs = [], []
    clf = LogisticRegression(max_iter=2000, warm_start=True)
    for C in Cs:
        clf.set_params(C=float(C)).fit(X_train, y_train)
        coefs.append(clf.coef_[0].copy())
        aucs.append(roc_auc_score(y_test, clf.decision_function(X_test)))
    return np.array(coefs), np.array(aucs)


def _path_on_split(split: bc.Split, seed: int, Cs: tuple[float, ...]) -> tuple[Any, ...]:
    X_train, X_test, names = _encoded(split)
    coefs, aucs = regularization_path(X_train, split.y_train, X_test, split.y_test, np.array(Cs))
    return coefs, aucs, tuple(names)


@dataclass(frozen=True)
class RegularizationPath:
    """What the C demo computed: coefficients and test AUC along a grid of C."""

    C: float
    Cs: tuple[float, ...]  # ascending, includes C
    coefs: np.ndarray  # one row per C
    aucs: np.ndarray
    names: tuple[str, ...]
    source: str

    @property
    def norms(self) -> np.ndarray:
        return np.linalg.norm(self.coefs, axis=1)

    @property
    def i_reference(self) -> int:
        """Index of the grid point closest to the project's C = 0.1."""
        return int(np.argmin(np.abs(np.array(self.Cs) - REFERENCE_C)))

    @property
    def claim_held(self) -> bool:
        aucs = self.aucs
        return bool(
            np.all(np.diff(self.norms) >= -1e-6)  # stronger penalty -> never larger weights
            and aucs[self.i_reference] >= aucs[-1] - 0.01  # ... yet C = 0.1 loses ~nothing
            and aucs[0] < float(aucs.max()) - 0.01  # ... and only very small C hurts
        )


def compute_regularization_c(
    C: float = 0.1, seed: int = DEFAULT_SEED, df: pd.DataFrame | None = None
) -> RegularizationPath:
    """Coefficient path and test AUC of LogisticRegression as the L2 strength 1/C varies."""
    seed = check.seed(seed)
    Cs = tuple(float(c) for c in np.unique(np.r_[np.logspace(-4, 3, 15), C]))
    coefs, aucs, names = on_split(df, seed, _path_on_split, Cs)
    return RegularizationPath(C, Cs, coefs, aucs, tuple(names), _source(df))


def present_regularization_c(found: RegularizationPath) -> DemoResult:
    """The coefficient path, the AUC curve and the sentences, from the computed path."""
    C, Cs, coefs, aucs, names = found.C, found.Cs, found.coefs, found.aucs, found.names
    norms, i_chosen, i_ref = found.norms, found.Cs.index(found.C), found.i_reference
    path = go.Figure()
    for j, name in enumerate(names):
        path.add_scatter(x=Cs, y=coefs[:, j], name=name, mode="lines")
    path.add_vline(x=C, line_dash="dash", annotation_text=f"C = {C:g}")
    path.update_layout(
        title="Coefficients (standardised features) vs C",
        xaxis={"type": "log", "title": "C (smaller = stronger L2)"},
        yaxis_title="coefficient",
        **(_LAYOUT | {"height": 460}),
    )
    auc_fig = go.Figure(go.Scatter(x=Cs, y=aucs, mode="lines+markers", name="test AUC"))
    auc_fig.add_vline(x=C, line_dash="dash", annotation_text=f"C = {C:g}")
    auc_fig.update_layout(
        title="Test ROC AUC vs C",
        xaxis={"type": "log", "title": "C"},
        yaxis_title="ROC AUC",
        **_LAYOUT,
    )
    table = pd.DataFrame(
        {"feature": names, f"coef at C={C:g}": coefs[i_chosen], f"coef at C={Cs[-1]:g}": coefs[-1]}
    )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "AUC at chosen C": float(aucs[i_chosen]),
            "AUC at C=0.1": float(aucs[i_ref]),
            f"AUC at C={Cs[-1]:g}": float(aucs[-1]),
            f"AUC at C={Cs[0]:g}": float(aucs[0]),
            "‖coef‖ chosen / weakest penalty": float(norms[i_chosen] / norms[-1]),
        },
        figures=[path, auc_fig],
        tables={"Coefficients": table},
        notes=[
            f"{found.source}. C is the inverse of the L2 strength: the loss adds "
            "‖w‖² / (2C), so C = 0.1 penalises 10× more than the default C = 1."
        ],
    )


def regularization_c(
    C: float = 0.1, seed: int = DEFAULT_SEED, df: pd.DataFrame | None = None
) -> DemoResult:
    """Coefficient path and test AUC of LogisticRegression as the L2 strength 1/C varies."""
    return present_regularization_c(compute_regularization_c(C, seed, df))
