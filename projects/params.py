"""Checks of demo parameters, shared by every project: a clear ValueError, never a traceback.

Each message names the parameter, the value received and what is allowed, because the UI
shows it as is ("Invalid parameters: ...").
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

SEED_MAX = 2**32 - 1  # numpy's RandomState / sklearn's random_state upper bound


def number(
    name: str,
    value: Any,
    low: float,
    high: float,
    *,
    integer: bool = False,
    open_low: bool = False,
    open_high: bool = False,
) -> Any:
    """`value` as a float (an int with `integer`) inside the range, else ValueError.

    The range is [low, high]; `open_low` / `open_high` exclude an end, e.g. a probability
    threshold in (0, 1).
    """
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if integer and float(value) != int(value):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    too_low = value <= low if open_low else value < low
    too_high = value >= high if open_high else value > high
    if too_low or too_high:
        left, right = ("(" if open_low else "["), (")" if open_high else "]")
        raise ValueError(
            f"{name}={value:,} is outside the allowed range {left}{low:,}, {high:,}{right}"
        )
    return int(value) if integer else float(value)


def whole(name: str, value: Any, low: int, high: int) -> int:
    """An integer parameter in [low, high] (a float like 5.0 is accepted as 5)."""
    return number(name, value, low, high, integer=True)


def choice(name: str, value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"{name}={value!r} is not one of {', '.join(map(str, allowed))}")
    return str(value)


def flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool | np.bool_):
        raise ValueError(f"{name} must be true or false, got {value!r}")
    return bool(value)


def seed(value: Any) -> int:
    """A random seed: a whole number in [0, 2**32 - 1]."""
    return whole("seed", value, 0, SEED_MAX)
