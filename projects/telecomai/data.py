"""Seeded generator of a synthetic `users_behavior.csv` (same schema, similar statistics).

Targets (datasets.md): 3,214 rows, is_ultra = 1 for ~30.6%; class means Basic vs Ultra:
calls ~58 vs ~73, minutes ~405 vs ~511, messages ~33 vs ~49, mb_used ~16,200 vs ~19,500;
wide overlap; calls and minutes correlate ~0.98.

How: Basic users are one moderately spread population; Ultra users are a mixture of heavy
users (~28% above the Ultra mean) and light users, with a larger spread, so extreme usage
in either direction points to Ultra. That structure (rather than a mean shift alone) is
what lets a shallow gradient boosting reach accuracy ~0.80 and ROC AUC ~0.82-0.84, like
the real project. Marginals are gamma distributions tied together by a Gaussian copula (usage is
positively correlated); minutes = calls x a per-user call duration of ~7 minutes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

REAL_CSV_NAME = "users_behavior.csv"
ENV_VAR = "SIMULACRO_TELECOMAI_CSV"
TARGET = "is_ultra"
# The real CSV stores the usage counts as floats ("40.0"), the target as 0/1.
SCHEMA: dict[str, str] = {
    "calls": "float",
    "minutes": "float",
    "messages": "float",
    "mb_used": "float",
    "is_ultra": "int",
}
FEATURES: tuple[str, ...] = ("calls", "minutes", "messages", "mb_used")
PLANS: dict[int, str] = {0: "Basic", 1: "Ultra"}

ULTRA_RATE = 0.306
# Per-class means of the gamma marginals (messages before zero inflation).
_BASIC = {"calls": (58.5, 20.0), "messages": (33.4 / 0.85, 23.0), "mb_used": (16_210.0, 4_800.0)}
_ULTRA_MEAN = {"calls": 73.4, "messages": 49.4 / 0.81, "mb_used": 19_470.0}
_HEAVY_SHARE = 0.6  # Ultra users that are heavy users
_HEAVY_FACTOR = 1.28  # heavy Ultra users use 28% more than the Ultra mean
_ULTRA_CV = 0.35  # coefficient of variation inside each Ultra component
_COPULA_RHO = 0.15  # weak positive correlation of calls, messages and mb_used
_ZERO_MESSAGES = {0: 0.15, 1: 0.19}  # share of users who never text
_MINUTES_PER_CALL = 7.0
_CLIP = {"calls": 250.0, "messages": 230.0, "mb_used": 50_000.0}  # real maxima ~244/224/49,745


def _gamma(u: np.ndarray, mean: np.ndarray | float, std: np.ndarray | float) -> np.ndarray:
    """Gamma quantiles with the given mean and standard deviation."""
    mean = np.asarray(mean, dtype=float)
    cv = np.asarray(std, dtype=float) / mean
    return stats.gamma.ppf(u, 1.0 / cv**2, scale=mean * cv**2)


def generate(n_rows: int = 3_214, seed: int = 42) -> pd.DataFrame:
    """A synthetic users_behavior.csv: calls, minutes, messages, mb_used, is_ultra."""
    if not isinstance(n_rows, int | np.integer) or n_rows < 20:
        raise ValueError(f"n_rows must be an integer >= 20, got {n_rows!r}")
    rng = np.random.default_rng(seed)
    y = np.zeros(n_rows, dtype=int)
    y[: int(round(n_rows * ULTRA_RATE))] = 1
    rng.shuffle(y)
    ultra = y == 1

    cov = np.full((3, 3), _COPULA_RHO)
    np.fill_diagonal(cov, 1.0)
    u = stats.norm.cdf(rng.multivariate_normal(np.zeros(3), cov, size=n_rows))
    u = np.clip(u, 1e-9, 1 - 1e-9)

    heavy = rng.random(n_rows) < _HEAVY_SHARE
    light_factor = (1 - _HEAVY_SHARE * _HEAVY_FACTOR) / (1 - _HEAVY_SHARE)
    ultra_scale = np.where(heavy, _HEAVY_FACTOR, light_factor)

    columns: dict[str, np.ndarray] = {}
    for j, name in enumerate(("calls", "messages", "mb_used")):
        basic_mean, basic_std = _BASIC[name]
        ultra_mean = _ULTRA_MEAN[name] * ultra_scale
        basic = _gamma(u[:, j], basic_mean, basic_std)
        ultra_values = _gamma(u[:, j], ultra_mean, ultra_mean * _ULTRA_CV)
        columns[name] = np.minimum(np.where(ultra, ultra_values, basic), _CLIP[name])

    calls = np.round(columns["calls"])
    # Minutes follow calls closely (corr ~0.98): each user has a typical call duration.
    duration = _MINUTES_PER_CALL * np.exp(rng.normal(-0.003, 0.08, n_rows))
    minutes = np.round(calls * duration, 2)
    never_texts = rng.random(n_rows) < np.where(ultra, _ZERO_MESSAGES[1], _ZERO_MESSAGES[0])
    messages = np.where(never_texts, 0.0, np.round(columns["messages"]))
    mb_used = np.round(columns["mb_used"], 2)

    return pd.DataFrame(
        {
            "calls": calls.astype(float),
            "minutes": minutes.astype(float),
            "messages": messages.astype(float),
            "mb_used": mb_used.astype(float),
            "is_ultra": y.astype(int),
        }
    )
