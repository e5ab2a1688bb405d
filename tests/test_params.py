"""The shared parameter checks every demo uses."""

import math

import numpy as np
import pytest

from projects import params


def test_number_accepts_numbers_in_range_and_names_the_parameter_otherwise():
    assert params.number("x", 3, 0, 10) == 3.0
    assert params.number("x", np.float64(0.5), 0, 1) == 0.5
    with pytest.raises(ValueError, match=r"x=11 is outside the allowed range \[0, 10\]"):
        params.number("x", 11, 0, 10)
    with pytest.raises(ValueError, match=r"threshold=1 is outside the allowed range \(0, 1\)"):
        params.number("threshold", 1, 0, 1, open_low=True, open_high=True)
    with pytest.raises(ValueError, match="x must be a number, got '3'"):
        params.number("x", "3", 0, 10)
    with pytest.raises(ValueError, match="x must be a number"):
        params.number("x", True, 0, 10)
    with pytest.raises(ValueError, match="finite"):
        params.number("x", math.nan, 0, 10)


def test_whole_numbers_choices_flags_and_seeds():
    assert params.whole("n", 5.0, 1, 10) == 5
    with pytest.raises(ValueError, match="n must be a whole number, got 2.5"):
        params.whole("n", 2.5, 1, 10)
    assert params.choice("method", "sigmoid", ("sigmoid", "isotonic")) == "sigmoid"
    with pytest.raises(ValueError, match="method='magic' is not one of sigmoid, isotonic"):
        params.choice("method", "magic", ("sigmoid", "isotonic"))
    assert params.flag("on", np.bool_(True)) is True
    with pytest.raises(ValueError, match="on must be true or false"):
        params.flag("on", 1)
    assert params.seed(42) == 42
    with pytest.raises(ValueError, match="seed=-1 is outside"):
        params.seed(-1)
