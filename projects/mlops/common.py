"""What the ML-lifecycle demos share: the BankChurn data, cached, and its encoded split."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from projects.bankchurn import pipeline as bc
from projects.bankchurn.data import generate
from projects.figures import figure_layout

LAYOUT = figure_layout(360)


@lru_cache(maxsize=4)
def bank(n_rows: int, seed: int) -> pd.DataFrame:
    return generate(n_rows=n_rows, seed=seed)


def encoded_split(n_rows: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    config = bc.default_config()
    split = bc.split(bank(n_rows, seed), config, seed)
    pre = bc.build_preprocessor(config)
    return (
        pre.fit_transform(split.X_train),
        pre.transform(split.X_test),
        split.y_train,
        split.y_test,
    )
