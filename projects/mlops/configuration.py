"""A training config validated by a Pydantic schema (question 18): every error with its path."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from projects.bankchurn import pipeline as bc
from projects.demo import DemoResult


class SplitConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    test_size: float = Field(gt=0, le=0.5)
    stratify: bool = True


class RandomForestParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    n_estimators: int = Field(ge=1, le=2_000)
    max_depth: int | None = Field(default=None, ge=1)
    min_samples_leaf: int = Field(default=1, ge=1)


class LogisticParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    C: float = Field(gt=0)
    max_iter: int = Field(default=100, ge=10)


class ModelParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    voting: Literal["soft", "hard"] = "soft"
    weights: list[float] | None = None
    logistic_regression: LogisticParams
    random_forest: RandomForestParams


class ModelConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Literal["voting", "logistic_regression", "random_forest"]
    params: ModelParams


class RiskLevels(BaseModel):
    low: float = Field(gt=0, lt=1)
    high: float = Field(gt=0, lt=1)

    @model_validator(mode="after")
    def _ordered(self) -> RiskLevels:
        if not self.low < self.high:
            raise ValueError(f"low ({self.low}) must be below high ({self.high})")
        return self


class TrainingConfig(BaseModel):
    """The schema of projects/bankchurn/config.yaml."""

    model_config = ConfigDict(extra="forbid")
    project_name: str
    random_seed: int = Field(ge=0, le=2**32 - 1)
    paths: dict[str, str]
    features: dict[Literal["numeric", "categorical", "drop"], list[str]]
    target: str
    split: SplitConfig
    model: ModelConfig
    threshold: float = Field(gt=0, lt=1)
    risk_levels: RiskLevels


SHIPPED_YAML = bc.CONFIG_PATH.read_text(encoding="utf-8")
MISTAKES: dict[str, tuple[str, str, str]] = {
    # name -> (text to replace, replacement, the path the error must name)
    "test_size as text": ("test_size: 0.2", "test_size: twenty", "split.test_size"),
    "negative C": ("C: 0.1", "C: -1", "model.params.logistic_regression.C"),
    "unknown model": ("name: voting", "name: xgboost", "model.name"),
    "typo in a key": ("max_depth: 8", "max_detph: 8", "model.params.random_forest.max_detph"),
    "risk levels reversed": ("low: 0.3", "low: 0.9", "risk_levels"),
}


YAML_ALIAS = re.compile(r"(^|[\s\[{,:-])\*[A-Za-z0-9_-]+")


def _errors(text: str) -> list[dict[str, str]]:
    if YAML_ALIAS.search(text):  # aliases can expand exponentially (a "billion laughs")
        return [{"path": "(document)", "problem": "YAML aliases (*name) are not accepted"}]
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "?"
        return [{"path": where, "problem": f"not valid YAML: {getattr(error, 'problem', error)}"}]
    try:
        TrainingConfig.model_validate(data)
    except ValidationError as error:
        return [
            {"path": ".".join(map(str, e["loc"])) or "(root)", "problem": e["msg"]}
            for e in error.errors()
        ]
    return []


@dataclass(frozen=True)
class ConfigCheck:
    """What the config demo computed: the errors of the user's YAML, of the shipped one, and
    where each planted mistake was reported."""

    errors: tuple[dict[str, str], ...]  # path, problem for the user's config
    shipped_errors: int  # errors in the shipped config: must be 0
    planted: pd.DataFrame  # mistake, reported at, as expected

    @property
    def claim_held(self) -> bool:
        return self.shipped_errors == 0 and bool(self.planted["as expected"].all())


def compute_config_validation(yaml_text: str) -> ConfigCheck:
    rows = []
    for name, (old, new, path) in MISTAKES.items():
        found = [e["path"] for e in _errors(SHIPPED_YAML.replace(old, new, 1))]
        rows.append(
            {"mistake": name, "reported at": ", ".join(found) or "—", "as expected": path in found}
        )
    return ConfigCheck(tuple(_errors(yaml_text)), len(_errors(SHIPPED_YAML)), pd.DataFrame(rows))


def present_config_validation(found: ConfigCheck) -> DemoResult:
    mine = list(found.errors)
    return DemoResult(
        claim_held=found.claim_held,
        metrics={"your config": "valid" if not mine else f"{len(mine)} error(s)"},
        tables={
            "Your config's errors": pd.DataFrame(mine, columns=["path", "problem"]),
            "Planted mistakes in the shipped config": found.planted,
        },
        notes=[
            "The config is parsed once at start-up into typed models: a wrong type, a range, an "
            "unknown key (`extra='forbid'` catches typos) or a cross-field rule stops the run "
            "before training, with the exact path.",
        ],
    )


def config_validation(yaml_text: str = SHIPPED_YAML) -> DemoResult:
    """Validate a training config against its Pydantic schema; every error with its path."""
    return present_config_validation(compute_config_validation(yaml_text))
