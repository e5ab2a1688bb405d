"""Every demo of the app, by id. Each project module exposes `DEMOS: list[DemoSpec]`."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from typing import Any

from projects.demo import DemoSpec

PROJECT_MODULES: tuple[str, ...] = (
    "projects.bankchurn.demos",
    "projects.carvision.demos",
    "projects.telecomai.demos",
    "projects.ops.demos",
    "projects.api_demos.demos",
    "projects.mlops.demos",
    "projects.cicd.demos",
    "projects.infra.demos",
    "projects.responsible.demos",
    "projects.leadership.demos",
    "projects.patterns.demos",
)
PROJECT_TITLES: dict[str, str] = {
    "bankchurn": "BankChurn-Predictor",
    "carvision": "CarVision-Market-Intelligence",
    "telecomai": "TelecomAI-Customer-Intelligence",
    "ops": "Operations (API, config, Kubernetes, leadership, privacy)",
    "api": "BankChurn prediction API (FastAPI, driven in-process)",
    "mlops": "ML lifecycle (features, validation, seeds, config, data versions, logs)",
    "cicd": "Testing, CI/CD and delivery",
    "infra": "Infrastructure (Kubernetes manifests, disaster recovery)",
    "responsible": "Responsible AI (model card, human in the loop)",
    "leadership": "Leadership exercises",
}


def all_demos() -> dict[str, DemoSpec]:
    """Demo id -> spec, for every project module that exists."""
    demos: dict[str, DemoSpec] = {}
    for module_name in PROJECT_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name and module_name.startswith(error.name):
                continue  # project not built yet
            raise
        for spec in module.DEMOS:
            if spec.id in demos:
                raise ValueError(f"duplicate demo id {spec.id!r} in {module_name}")
            demos[spec.id] = spec
    return demos


def demos_for_question(number: int) -> list[DemoSpec]:
    return [spec for spec in all_demos().values() if number in spec.questions]


def spec_of(function: Callable[..., Any]) -> DemoSpec:
    """The registered spec whose function is `function` (its validated entry point)."""
    for spec in all_demos().values():
        if inspect.unwrap(spec.run) is function:
            return spec
    raise KeyError(f"no registered demo runs {function.__qualname__}")
