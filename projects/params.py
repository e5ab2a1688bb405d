"""Checks of demo parameters, shared by every project: a clear ValueError, never a traceback.

Each message names the parameter, the value received and what is allowed, because the UI
shows it as is ("Invalid parameters: ...").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

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


# ---------------------------------------------------------------------------- declared params
Kind = Literal["int", "float", "choice", "bool", "text", "multi"]
NO_DATA_BOUND: Callable[[Any], float] | None = None


@dataclass(frozen=True)
class Param:
    """One typed parameter of a demo, declared once (in the project's demos.py).

    The same declaration builds the widget (ui/demos), validates every call of the demo
    (`DemoSpec.run`) and gives the sweep its edge points (`edge_values`). `label`, `help` and
    `choice_labels` are attribute names in ui/text/demo_<project>.py: the logic layer holds
    no UI string. `max_from_data(df)` narrows `max` to what the loaded data set allows (e.g.
    a row index), with df None meaning the synthetic data.
    """

    name: str
    kind: Kind
    default: Any
    min: float | None = None
    max: float | None = None
    step: float | None = None
    choices: tuple[Any, ...] = ()
    label: str = ""
    help: str = ""
    choice_labels: str = ""
    widget: str = ""  # "" = the kind's usual widget (see ui/demos.param_widget)
    open_low: bool = False
    open_high: bool = False
    max_chars: int | None = None
    max_from_data: Callable[[Any], float] | None = field(default=None, compare=False)

    def upper(self, df: Any = None) -> float | None:
        if self.max_from_data is None:
            return self.max
        bound = self.max_from_data(df)
        return bound if self.max is None else min(self.max, bound)

    def check(self, value: Any, df: Any = None) -> Any:
        """`value` converted to the declared kind, else ValueError naming the parameter."""
        if self.kind in ("int", "float"):
            high = self.upper(df)
            low = -math.inf if self.min is None else self.min
            checked = number(
                self.name,
                value,
                low,
                math.inf if high is None else high,
                integer=self.kind == "int",
                open_low=self.open_low,
                open_high=self.open_high,
            )
            # A slider's 0.15000000000000002 is 0.15: one value, one cache entry.
            return checked if self.kind == "int" else round(checked, 10)
        if self.kind == "choice":
            if isinstance(value, bool) or value not in self.choices:
                shown = ", ".join(map(repr, self.choices))
                raise ValueError(f"{self.name}={value!r} is not one of {shown}")
            return value
        if self.kind == "bool":
            return flag(self.name, value)
        if self.kind == "text":
            if not isinstance(value, str):
                raise ValueError(f"{self.name} must be text, got {value!r}")
            if self.max_chars is not None and len(value) > self.max_chars:
                raise ValueError(
                    f"{self.name} is {len(value):,} characters long; the limit is "
                    f"{self.max_chars:,}"
                )
            return value
        if self.kind == "multi":
            if isinstance(value, str) or not isinstance(value, list | tuple):
                raise ValueError(f"{self.name} must be a list of choices, got {value!r}")
            unknown = [item for item in value if item not in self.choices]
            if unknown:
                shown = ", ".join(map(repr, self.choices))
                raise ValueError(f"{self.name}: {unknown!r} not among {shown}")
            return tuple(value)
        raise ValueError(f"{self.name}: unknown parameter kind {self.kind!r}")

    def edge_values(self, df: Any = None, neighbours: bool = True) -> list[Any]:
        """min, max, default and (with `neighbours`) the step neighbours of the default and of
        the ends (numbers); every choice."""
        if self.kind in ("int", "float"):
            high = self.upper(df)
            values = [self.default]
            if self.min is not None and not self.open_low:
                values.append(self.min)
            if high is not None and not self.open_high:
                values.append(high)
            if self.step and (neighbours or self.open_low or self.open_high):
                values += [self.default - self.step, self.default + self.step]
                if self.min is not None:
                    values.append(self.min + self.step)
                if high is not None:
                    values.append(high - self.step)
            inside = [v for v in values if _inside(self, v, df)]
            if self.kind == "int":
                inside = [int(v) for v in inside]
            else:
                inside = [round(float(v), 10) for v in inside]
            return list(dict.fromkeys(inside))
        if self.kind == "choice":
            return list(self.choices)
        if self.kind == "bool":
            return [False, True]
        if self.kind == "multi":
            return [tuple(self.default), (), tuple(self.choices)]
        return [self.default, ""]


def _inside(param: Param, value: float, df: Any) -> bool:
    try:
        param.check(value, df)
    except ValueError:
        return False
    return True


def integer(name: str, low: int, high: int | None, default: int, step: int = 1, **kw: Any) -> Param:
    return Param(name, "int", default, low, high, step, **kw)


def real(name: str, low: float, high: float, default: float, step: float, **kw: Any) -> Param:
    return Param(name, "float", float(default), low, high, step, **kw)


def options(name: str, choices: Sequence[Any], default: Any, **kw: Any) -> Param:
    if default not in choices:
        raise ValueError(f"{name}: default {default!r} is not one of the choices")
    return Param(name, "choice", default, choices=tuple(choices), **kw)


def switch(name: str, default: bool, **kw: Any) -> Param:
    return Param(name, "bool", bool(default), **kw)


def text(name: str, default: str, max_chars: int | None = None, **kw: Any) -> Param:
    return Param(name, "text", default, max_chars=max_chars, **kw)


def many(name: str, choices: Sequence[Any], default: Sequence[Any], **kw: Any) -> Param:
    return Param(name, "multi", tuple(default), choices=tuple(choices), **kw)


def validate(params: Sequence[Param], values: Mapping[str, Any], df: Any = None) -> dict[str, Any]:
    """The values checked and converted against the declared params (the pure function the
    widgets, the CLI and the sweep all go through). Undeclared names pass unchanged, so a
    demo may keep a free-form argument (a table, a payload) that its own code checks."""
    declared = {param.name: param for param in params}
    return {
        name: declared[name].check(value, df) if name in declared else value
        for name, value in values.items()
    }
