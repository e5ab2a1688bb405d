"""Seeded synthetic stand-in for `vehicles_us.csv` (used-car listings, price regression).

Same 13 columns and dtypes as the real CSV read with `pandas.read_csv`, and approximately
its published characteristics (see shared/datasets.md): long right price tail with a few
near-$1 listings and extreme outliers, ~100 "brand model" strings, the real missing-value
pattern (model_year ~7%, cylinders ~10%, odometer ~15%, paint_color ~18%, is_4wd 1.0 or
NaN), listings posted May 2018 - April 2019.

Price falls with age and odometer and rises for trucks/pickups, diesel and better
condition. Two quirks the demos use: prices drift up over the year (so a random split is
optimistic next to a temporal backtest; datasets.md does not say the real file drifts, so
`temporal_backtest` measures the drift and states its condition when there is none) and
very old cars (classics) are far noisier than recent ones (so error differs by segment).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SCHEMA: dict[str, str] = {
    "price": "int",
    "model_year": "float",
    "model": "str",
    "condition": "str",
    "cylinders": "float",
    "fuel": "str",
    "odometer": "float",
    "transmission": "str",
    "type": "str",
    "paint_color": "str",
    "is_4wd": "float",
    "date_posted": "date",
    "days_listed": "int",
}
TARGET = "price"
REAL_CSV_NAME = "vehicles_us.csv"
ENV_VAR = "SIMULACRO_CARVISION_CSV"
DEFAULT_ROWS = 8_000

# Body classes: share of listings, how a listing of the class is typed, cylinder mix,
# probability of 4WD. Shares follow the real type distribution (SUV/truck/sedan ~24% each,
# pickup ~14%, then coupe, wagon, mini-van, hatchback, van, convertible, other, offroad, bus).
_CLASSES: dict[str, dict] = {
    "pickup": {
        "share": 0.378,
        "types": {"truck": 0.63, "pickup": 0.37},
        "cyl": {8: 0.55, 6: 0.38, 4: 0.05, 10: 0.02},
        "p4wd": 0.80,
    },
    "suv": {
        "share": 0.245,
        "types": {"SUV": 0.985, "offroad": 0.015},
        "cyl": {6: 0.50, 4: 0.32, 8: 0.17, 5: 0.01},
        "p4wd": 0.68,
    },
    "sedan": {
        "share": 0.243,
        "types": {"sedan": 1.0},
        "cyl": {4: 0.72, 6: 0.24, 3: 0.02, 5: 0.01, 8: 0.01},
        "p4wd": 0.06,
    },
    "coupe": {
        "share": 0.052,
        "types": {"coupe": 0.86, "convertible": 0.14},
        "cyl": {8: 0.42, 6: 0.33, 4: 0.24, 12: 0.01},
        "p4wd": 0.03,
    },
    "wagon": {"share": 0.030, "types": {"wagon": 1.0}, "cyl": {4: 0.8, 6: 0.2}, "p4wd": 0.5},
    "minivan": {"share": 0.022, "types": {"mini-van": 1.0}, "cyl": {6: 0.9, 4: 0.1}, "p4wd": 0.02},
    "hatchback": {
        "share": 0.021,
        "types": {"hatchback": 1.0},
        "cyl": {4: 0.9, 3: 0.05, 5: 0.05},
        "p4wd": 0.03,
    },
    "van": {
        "share": 0.013,
        "types": {"van": 0.9, "bus": 0.04, "other": 0.06},
        "cyl": {8: 0.6, 6: 0.35, 10: 0.05},
        "p4wd": 0.05,
    },
}
# (model, class, price of a recent car in excellent condition, relative popularity)
_MODELS: list[tuple[str, str, float, float]] = [
    ("ford f-150", "pickup", 30000, 5.0),
    ("chevrolet silverado 1500", "pickup", 31000, 4.0),
    ("ram 1500", "pickup", 31000, 3.5),
    ("chevrolet silverado", "pickup", 29000, 2.5),
    ("ford f-250", "pickup", 34000, 1.2),
    ("ford f-250 super duty", "pickup", 38000, 1.4),
    ("ford f-250 sd", "pickup", 37000, 1.0),
    ("ford f-350 sd", "pickup", 41000, 1.0),
    ("ford f150", "pickup", 28000, 1.0),
    ("ford f150 supercrew cab xlt", "pickup", 33000, 0.8),
    ("ford ranger", "pickup", 19000, 1.0),
    ("chevrolet silverado 2500hd", "pickup", 38000, 1.2),
    ("chevrolet silverado 1500 crew", "pickup", 34000, 0.8),
    ("chevrolet silverado 3500hd", "pickup", 42000, 0.6),
    ("chevrolet colorado", "pickup", 24000, 1.0),
    ("ram 2500", "pickup", 38000, 1.2),
    ("ram 3500", "pickup", 42000, 0.8),
    ("dodge dakota", "pickup", 17000, 0.7),
    ("gmc sierra 1500", "pickup", 33000, 1.5),
    ("gmc sierra 2500hd", "pickup", 40000, 0.8),
    ("gmc sierra", "pickup", 31000, 0.7),
    ("toyota tacoma", "pickup", 27000, 2.5),
    ("toyota tundra", "pickup", 33000, 1.5),
    ("nissan frontier", "pickup", 21000, 1.0),
    ("nissan frontier crew cab sv", "pickup", 23000, 0.5),
    ("honda ridgeline", "pickup", 27000, 0.5),
    ("ford explorer", "suv", 27000, 2.5),
    ("ford escape", "suv", 21000, 2.0),
    ("ford expedition", "suv", 36000, 1.0),
    ("ford edge", "suv", 25000, 1.0),
    ("chevrolet tahoe", "suv", 40000, 1.6),
    ("chevrolet suburban", "suv", 41000, 1.2),
    ("chevrolet equinox", "suv", 22000, 1.6),
    ("chevrolet traverse", "suv", 27000, 1.0),
    ("chevrolet trailblazer", "suv", 17000, 0.8),
    ("jeep grand cherokee", "suv", 30000, 2.2),
    ("jeep cherokee", "suv", 23000, 1.2),
    ("jeep liberty", "suv", 17000, 0.9),
    ("jeep wrangler", "suv", 28000, 1.5),
    ("jeep wrangler unlimited", "suv", 31000, 1.0),
    ("toyota rav4", "suv", 24000, 1.6),
    ("toyota highlander", "suv", 31000, 1.2),
    ("toyota 4runner", "suv", 33000, 1.4),
    ("honda cr-v", "suv", 24000, 1.8),
    ("honda pilot", "suv", 29000, 1.2),
    ("nissan rogue", "suv", 22000, 1.3),
    ("nissan murano", "suv", 25000, 0.8),
    ("subaru forester", "suv", 23000, 1.0),
    ("gmc yukon", "suv", 42000, 0.9),
    ("gmc acadia", "suv", 29000, 0.8),
    ("buick enclave", "suv", 32000, 0.8),
    ("hyundai santa fe", "suv", 24000, 0.9),
    ("kia sorento", "suv", 23000, 0.9),
    ("dodge durango", "suv", 29000, 0.7),
    ("acura mdx", "suv", 36000, 0.6),
    ("cadillac escalade", "suv", 55000, 0.5),
    ("bmw x5", "suv", 45000, 0.5),
    ("toyota camry", "sedan", 21000, 2.6),
    ("toyota camry le", "sedan", 21000, 0.9),
    ("toyota corolla", "sedan", 17000, 1.8),
    ("honda accord", "sedan", 21000, 2.5),
    ("honda civic", "sedan", 18000, 2.0),
    ("honda civic lx", "sedan", 18000, 0.8),
    ("nissan altima", "sedan", 19000, 1.9),
    ("nissan sentra", "sedan", 15000, 1.0),
    ("nissan maxima", "sedan", 24000, 0.6),
    ("ford fusion", "sedan", 18000, 1.6),
    ("ford fusion se", "sedan", 18000, 0.7),
    ("ford taurus", "sedan", 20000, 0.9),
    ("chevrolet malibu", "sedan", 18000, 1.6),
    ("chevrolet impala", "sedan", 19000, 1.3),
    ("chevrolet cruze", "sedan", 15000, 1.2),
    ("hyundai elantra", "sedan", 15000, 1.3),
    ("hyundai sonata", "sedan", 18000, 1.2),
    ("kia optima", "sedan", 17000, 0.9),
    ("volkswagen jetta", "sedan", 17000, 1.2),
    ("volkswagen passat", "sedan", 19000, 0.7),
    ("subaru impreza", "sedan", 18000, 0.7),
    ("subaru legacy", "sedan", 20000, 0.5),
    ("chrysler 300", "sedan", 24000, 0.9),
    ("dodge charger", "sedan", 25000, 1.0),
    ("buick lacrosse", "sedan", 22000, 0.5),
    ("bmw 328i", "sedan", 28000, 0.5),
    ("mercedes-benz c-class", "sedan", 32000, 0.4),
    ("ford mustang", "coupe", 26000, 1.8),
    ("ford mustang gt coupe 2d", "coupe", 30000, 0.5),
    ("chevrolet camaro", "coupe", 26000, 1.2),
    ("chevrolet camaro lt coupe 2d", "coupe", 27000, 0.4),
    ("dodge challenger", "coupe", 28000, 0.8),
    ("chevrolet corvette", "coupe", 45000, 0.4),
    ("subaru outback", "wagon", 24000, 1.6),
    ("volkswagen golf", "wagon", 17000, 0.4),
    ("honda odyssey", "minivan", 25000, 1.0),
    ("toyota sienna", "minivan", 27000, 0.7),
    ("dodge grand caravan", "minivan", 19000, 1.0),
    ("chrysler town & country", "minivan", 20000, 0.6),
    ("kia soul", "hatchback", 15000, 0.6),
    ("toyota prius", "hatchback", 19000, 0.8),
    ("ford focus", "hatchback", 13000, 0.8),
    ("nissan versa", "hatchback", 12000, 0.4),
    ("ford econoline", "van", 26000, 0.8),
    ("chevrolet express", "van", 27000, 0.6),
    ("mercedes-benz sprinter 2500", "van", 40000, 0.4),
]
_CONDITIONS = {  # share, log-price effect
    "excellent": (0.480, 0.0),
    "good": (0.390, -0.12),
    "like new": (0.092, 0.15),
    "fair": (0.030, -0.55),
    "new": (0.003, 0.25),
    "salvage": (0.005, -0.95),
}
_FUEL = {"gas": 0.920, "diesel": 0.070, "hybrid": 0.005, "other": 0.004, "electric": 0.001}
_TRANSMISSION = {"automatic": 0.91, "manual": 0.055, "other": 0.035}
_COLORS = {
    "white": 0.24,
    "black": 0.18,
    "silver": 0.15,
    "grey": 0.12,
    "blue": 0.10,
    "red": 0.10,
    "green": 0.03,
    "brown": 0.03,
    "custom": 0.025,
    "yellow": 0.005,
    "orange": 0.005,
    "purple": 0.005,
}
_FIRST_DAY = np.datetime64("2018-05-01")
_N_DAYS = 365  # 2018-05-01 .. 2019-04-30
_DRIFT_PER_YEAR = 0.20  # log-price rise over the posting year (market drift)
_NOISE_OLD = 0.60  # log-price noise of cars 20+ years old: project cars to collector items
_NOISE_RECENT = 0.16  # log-price noise of recent cars


def _choice(rng: np.random.Generator, options: dict, size: int) -> np.ndarray:
    keys = list(options)
    probs = np.array(
        [options[k] if not isinstance(options[k], tuple) else options[k][0] for k in keys],
        dtype=float,
    )
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=size, p=probs / probs.sum())]


def generate(n_rows: int = DEFAULT_ROWS, seed: int = 42) -> pd.DataFrame:
    """Synthetic listings with the exact `vehicles_us.csv` schema; same seed, same frame."""
    if not isinstance(n_rows, int | np.integer) or n_rows < 50:
        raise ValueError(f"n_rows must be an integer >= 50, got {n_rows!r}")
    rng = np.random.default_rng(seed)
    n = int(n_rows)

    # Model: pick a body class by its share, then a model of the class by popularity.
    models = np.array([m[0] for m in _MODELS], dtype=object)
    classes = np.array([m[1] for m in _MODELS], dtype=object)
    base = np.array([m[2] for m in _MODELS], dtype=float)
    pop = np.array([m[3] for m in _MODELS], dtype=float)
    weights = np.empty(len(_MODELS))
    for name, info in _CLASSES.items():
        in_class = classes == name
        weights[in_class] = info["share"] * pop[in_class] / pop[in_class].sum()
    idx = rng.choice(len(_MODELS), size=n, p=weights / weights.sum())
    model = models[idx]
    body = classes[idx]

    vtype = np.empty(n, dtype=object)
    cylinders = np.empty(n, dtype=float)
    p4wd = np.empty(n)
    for name, info in _CLASSES.items():
        rows = np.flatnonzero(body == name)
        vtype[rows] = _choice(rng, info["types"], rows.size)
        cylinders[rows] = _choice(rng, info["cyl"], rows.size).astype(float)
        p4wd[rows] = info["p4wd"]
    wrangler = np.char.startswith(model.astype(str), "jeep wrangler")
    vtype[wrangler & (rng.random(n) < 0.25)] = "offroad"
    vtype[rng.random(n) < 0.004] = "other"

    # Dates and age: mostly 0-20 years old, plus a few classics.
    day = rng.integers(0, _N_DAYS, size=n)
    posted = _FIRST_DAY + day.astype("timedelta64[D]")
    posted_year = posted.astype("datetime64[Y]").astype(int) + 1970
    age = np.floor(rng.gamma(2.2, 4.0, size=n)).astype(int)
    classic = rng.random(n) < 0.015
    age[classic] = rng.integers(28, 60, size=classic.sum())
    age = np.clip(age, 0, 60)
    model_year = (posted_year - age).astype(float)

    condition = _choice(rng, _CONDITIONS, n)
    fuel = _choice(rng, _FUEL, n)
    heavy = np.isin(body, ["pickup", "van"])
    fuel[heavy & (rng.random(n) < 0.08)] = "diesel"  # diesels are mostly trucks
    fuel[~heavy & (fuel == "diesel") & (rng.random(n) < 0.6)] = "gas"
    transmission = _choice(rng, _TRANSMISSION, n)
    paint = _choice(rng, _COLORS, n)
    is_4wd = np.where(rng.random(n) < p4wd, 1.0, np.nan)

    # Odometer: ~12.5k miles a year with spread; a few absurd readings (typos).
    miles_per_year = 12_500 * rng.lognormal(0.0, 0.35, size=n)
    odometer = np.round(np.maximum(age, 0.3) * miles_per_year, -1)
    odometer[classic] = np.round(rng.uniform(20_000, 180_000, size=classic.sum()), -1)
    odometer[rng.random(n) < 0.002] = rng.choice([999_999.0, 990_000.0, 1_000_000.0])

    # Price: log-linear in the drivers, noisier for classics, drifting up over the year.
    cond_effect = np.array([_CONDITIONS[c][1] for c in condition])
    log_price = (
        np.log(base[idx])
        - 0.32  # calibrates the median ask to ~$9k
        - 0.075 * np.minimum(age, 22)
        + 0.02 * np.maximum(age - 30, 0)  # classics regain value
        - 0.0022 * np.minimum(odometer, 400_000) / 1_000
        + cond_effect
        + 0.33 * (fuel == "diesel")
        + 0.10 * (is_4wd == 1.0)
        - 0.05 * (transmission == "manual")
        + 0.04 * (cylinders - 6)
        + _DRIFT_PER_YEAR * day / _N_DAYS
    )
    noise_sd = np.where(age >= 20, _NOISE_OLD, _NOISE_RECENT)
    log_price += rng.normal(0.0, 1.0, size=n) * noise_sd
    price = np.round(np.exp(log_price), -1).clip(500, 375_000)
    junk = rng.random(n) < 0.012  # "$1" placeholders and symbolic asks
    price[junk] = rng.choice([1, 1, 1, 5, 10, 100, 150, 300], size=junk.sum())
    # No "extra zero" typos: the real file's maximum is $375,000, so its filters mostly remove
    # the $1 placeholders and gain about +0.03 R², not the dramatic jump typos would give.
    extreme = rng.random(n) < 0.0004  # a few collector asks: expensive but plausible
    price[extreme] = np.round(price[extreme] * rng.uniform(3, 6, size=extreme.sum()), -2)

    days_listed = np.clip(np.round(rng.gamma(2.0, 20.0, size=n)), 0, 270).astype(np.int64)

    # Missing values with the real shares.
    model_year[rng.random(n) < 0.07] = np.nan
    cylinders[rng.random(n) < 0.10] = np.nan
    odometer[rng.random(n) < 0.15] = np.nan
    paint = paint.astype(object)
    paint[rng.random(n) < 0.18] = None

    frame = pd.DataFrame(
        {
            "price": price.astype(np.int64),
            "model_year": model_year,
            "model": pd.array(model, dtype="str"),
            "condition": pd.array(condition, dtype="str"),
            "cylinders": cylinders,
            "fuel": pd.array(fuel, dtype="str"),
            "odometer": odometer,
            "transmission": pd.array(transmission, dtype="str"),
            "type": pd.array(vtype, dtype="str"),
            "paint_color": pd.array(paint, dtype="str"),
            "is_4wd": is_4wd,
            "date_posted": pd.array(np.datetime_as_string(posted, unit="D"), dtype="str"),
            "days_listed": days_listed,
        }
    )
    return frame
