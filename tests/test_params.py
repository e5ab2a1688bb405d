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


# ---------------------------------------------------------------------------- declared params
def test_declared_number_checks_range_kind_and_rounds_slider_noise():
    p = params.real("threshold", 0.01, 0.99, 0.5, 0.01)
    assert p.check(0.15000000000000002) == 0.15
    with pytest.raises(ValueError, match=r"threshold=1.5 is outside the allowed range"):
        p.check(1.5)
    n = params.integer("trees", 5, 100, 25, 5)
    assert n.check(10.0) == 10 and isinstance(n.check(10.0), int)
    with pytest.raises(ValueError, match="trees must be a whole number"):
        n.check(7.5)


def test_data_bound_narrows_the_maximum():
    p = params.integer("row", 0, None, 0, max_from_data=lambda df: 9 if df is None else len(df) - 1)
    assert p.upper(None) == 9 and p.upper([1, 2, 3]) == 2
    with pytest.raises(ValueError, match=r"row=3 is outside the allowed range \[0, 2\]"):
        p.check(3, df=[1, 2, 3])
    assert max(p.edge_values([1, 2, 3])) == 2


def test_choices_flags_text_and_lists():
    c = params.options("method", ("sigmoid", "isotonic"), "sigmoid")
    assert c.check("isotonic") == "isotonic"
    with pytest.raises(ValueError, match="method='magic' is not one of"):
        c.check("magic")
    with pytest.raises(ValueError, match="default"):
        params.options("method", ("a", "b"), "c")
    assert params.switch("on", True).check(False) is False
    with pytest.raises(ValueError, match="on must be true or false"):
        params.switch("on", True).check("yes")
    t = params.text("version", "1.0.0", max_chars=5)
    with pytest.raises(ValueError, match="version is 6 characters long; the limit is 5"):
        t.check("1.0.00")
    m = params.many("lrs", (0.1, 0.5, 1.0), (0.1, 0.5))
    assert m.check([0.1]) == (0.1,)
    with pytest.raises(ValueError, match="not among"):
        m.check([0.2])
    with pytest.raises(ValueError, match="must be a list"):
        m.check("0.1")


def test_edge_values_cover_min_max_default_and_step_neighbours():
    p = params.integer("n", 1, 10, 5, 2)
    assert sorted(p.edge_values()) == [1, 3, 5, 7, 8, 10]
    open_p = params.Param("t", "float", 0.5, 0.0, 1.0, 0.1, open_low=True, open_high=True)
    assert sorted(open_p.edge_values()) == [0.1, 0.4, 0.5, 0.6, 0.9]
    assert params.options("c", ("a", "b"), "a").edge_values() == ["a", "b"]


def test_validate_converts_declared_values_and_passes_the_others():
    declared = (params.integer("n", 1, 10, 5), params.options("c", ("a", "b"), "a"))
    assert params.validate(declared, {"n": 3.0, "table": [1]}) == {"n": 3, "table": [1]}
    with pytest.raises(ValueError, match="c='z'"):
        params.validate(declared, {"c": "z"})
