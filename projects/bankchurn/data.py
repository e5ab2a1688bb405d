"""Seeded generator of a synthetic `Churn_Modelling.csv` (same schema, similar statistics).

Churn comes from a latent logistic model whose effects mirror the published data set
(datasets.md): Germany ~32% vs ~16% elsewhere, women 25% vs men 16%, a hump in age
peaking at 50-60, 3-4 products almost always churn, inactive members churn twice as much,
and CreditScore/Tenure/HasCrCard/EstimatedSalary carry (almost) no signal.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

REAL_CSV_NAME = "Churn_Modelling.csv"
ENV_VAR = "SIMULACRO_BANKCHURN_CSV"
TARGET = "Exited"
SCHEMA: dict[str, str] = {
    "RowNumber": "int",
    "CustomerId": "int",
    "Surname": "str",
    "CreditScore": "int",
    "Geography": "str",
    "Gender": "str",
    "Age": "int",
    "Tenure": "int",
    "Balance": "float",
    "NumOfProducts": "int",
    "HasCrCard": "int",
    "IsActiveMember": "int",
    "EstimatedSalary": "float",
    "Exited": "int",
}
ID_COLUMNS: tuple[str, ...] = ("RowNumber", "CustomerId", "Surname")  # no signal, dropped

_SURNAMES = (
    "Hargrave Hill Onio Boni Mitchell Chu Bartlett Obinna He H? Bearce Andrews Kay Chin Scott "
    "Goforth Romeo Henderson Muldrow Hao McDonald Dellucci Gerasimov Mosman Yen Maclean Young "
    "Nebechi McWilliams Lucciano Azikiwe Odinakachukwu Sanderson Maggard Clements Lombardo "
    "Watson Lorenzo Armstrong Cameron Hsiao Clarke Osborne Lavine Bianchi Tyler Martin Okagbue "
    "Yin Buccho Chidiebele Trevisani O'Brien Parkhill Yoo Phillipps Tsao Endrizzi Fu Wright "
    "Ferri Genovese Walker Taylor Ross Kennedy Rossi Schneider Fischer Weber Becker Wagner "
    "Dupont Moreau Laurent Garcia Fernandez Lopez Martinez Sanchez Perez Gomez Ruiz Diaz"
).split()


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def churn_logit(frame: pd.DataFrame) -> np.ndarray:
    """The generator's true log-odds of churn for each row (used to sample `Exited`)."""
    age = frame["Age"].to_numpy(dtype=float)
    products = frame["NumOfProducts"].to_numpy()
    product_effect = np.select(
        [products == 1, products == 2, products == 3], [0.0, -1.55, 3.4], default=6.0
    )
    return (
        -2.35
        + 0.95 * (frame["Geography"].to_numpy() == "Germany")
        + 0.65 * (frame["Gender"].to_numpy() == "Female")
        + 3.1 * np.exp(-(((age - 55.0) / 11.0) ** 2))  # hump peaking around 50-60
        + 0.25 * (frame["Balance"].to_numpy() > 0)
        + product_effect
        - 0.95 * frame["IsActiveMember"].to_numpy()
        - 0.0007 * (frame["CreditScore"].to_numpy() - 650.0)  # weak
    )


def generate(n_rows: int = 10_000, seed: int = 42) -> pd.DataFrame:
    """A synthetic data set with the exact `Churn_Modelling.csv` schema, reproducible by seed."""
    if n_rows < 1:
        raise ValueError(f"n_rows must be at least 1, got {n_rows}")
    rng = np.random.default_rng(seed)
    geography = rng.choice(["France", "Germany", "Spain"], size=n_rows, p=[0.5, 0.25, 0.25])
    gender = rng.choice(["Male", "Female"], size=n_rows, p=[0.55, 0.45])
    age = np.clip(np.round(18 + rng.gamma(shape=4.0, scale=5.3, size=n_rows)), 18, 92)
    credit = np.clip(np.round(rng.normal(650, 96, size=n_rows)), 350, 850)
    tenure = rng.integers(0, 11, size=n_rows)
    # Germany has no zero balances in the real file; France/Spain ~48% zero -> ~36% overall.
    zero_share = np.where(geography == "Germany", 0.0, 0.48)
    has_balance = rng.random(n_rows) >= zero_share
    balance = np.where(
        has_balance, np.clip(rng.normal(120_000, 30_000, size=n_rows), 3_000, 250_000), 0.0
    )
    # Customers with an empty account more often hold 2 products (as in the real file).
    p_two = np.where(has_balance, 0.36, 0.65)
    u = rng.random(n_rows)
    few = np.where(rng.random(n_rows) < p_two, 2, 1)
    products = np.where(u < 0.033, np.where(u < 0.006, 4, 3), few)
    frame = pd.DataFrame(
        {
            "RowNumber": np.arange(1, n_rows + 1),
            "CustomerId": 15_565_701 + rng.permutation(250_000)[:n_rows],
            "Surname": rng.choice(_SURNAMES, size=n_rows),
            "CreditScore": credit.astype(int),
            "Geography": geography,
            "Gender": gender,
            "Age": age.astype(int),
            "Tenure": tenure.astype(int),
            "Balance": np.round(balance, 2),
            "NumOfProducts": products.astype(int),
            "HasCrCard": (rng.random(n_rows) < 0.70).astype(int),
            "IsActiveMember": (rng.random(n_rows) < 0.515).astype(int),
            "EstimatedSalary": np.round(rng.uniform(11.58, 199_992.48, size=n_rows), 2),
        }
    )
    frame[TARGET] = (rng.random(n_rows) < _sigmoid(churn_logit(frame))).astype(int)
    return frame
