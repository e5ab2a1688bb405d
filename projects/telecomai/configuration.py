"""TelecomAI configuration: edit, validate and train the YAML config (64).

Pure (no Streamlit): the demo's declared params (projects/telecomai/demos.py) are
validated before these functions run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from projects.demo import DemoResult
from projects.telecomai.config import default_config, default_config_text, parse_config
from projects.telecomai.pipeline import (
    get_frame,
    register_frame,
    trained_model,
)


# ---------------------------------------------------------------- 64: YAML config
@dataclass(frozen=True)
class YamlConfig:
    """What the YAML-config demo computed: each value asked for, each value used, metrics."""

    config: Any  # the parsed, validated config
    wanted: dict[str, Any]  # value in config.yaml, per setting
    used: dict[str, Any]  # value in the trained pipeline, per setting
    config_table: pd.DataFrame
    metrics_table: pd.DataFrame  # your config vs the shipped one
    metrics: dict[str, float]
    fit_seconds: float

    @property
    def claim_held(self) -> bool:
        """Every value the pipeline used is the one the config asked for."""
        return all(self.used[name] == self.wanted[name] for name in self.wanted)


def compute_yaml_config(
    config_text: str | None = None, df: pd.DataFrame | None = None
) -> YamlConfig:
    """Parse and validate an edited config.yaml, then train exactly what it says."""
    text = default_config_text() if config_text is None else config_text
    if not isinstance(text, str):
        raise ValueError("config_text must be a string with the YAML config")
    cfg = parse_config(text)  # ConfigError (a ValueError) lists line, field, allowed range
    key = register_frame(df)
    trained = trained_model(key, cfg)
    shipped = trained_model(key, default_config())

    model = trained.pipeline.named_steps["model"]
    used = {
        "features": tuple(trained.pipeline.feature_names_in_),
        "n_estimators": model.n_estimators,
        "max_depth": model.max_depth,
        "learning_rate": model.learning_rate,
        "random_state": model.random_state,
        "test rows": len(trained.split.y_test),
    }
    expected_test = int(np.ceil(cfg.test_size * len(get_frame(key))))
    wanted = {
        "features": cfg.features,
        "n_estimators": cfg.n_estimators,
        "max_depth": cfg.max_depth,
        "learning_rate": cfg.learning_rate,
        "random_state": cfg.random_seed,
        "test rows": expected_test,
    }
    config_table = pd.DataFrame(
        {
            "in config.yaml": [str(v) for v in wanted.values()],
            "in the trained pipeline": [str(v) for v in used.values()],
        },
        index=list(wanted),
    )
    return YamlConfig(
        config=cfg,
        wanted=wanted,
        used=used,
        config_table=config_table,
        metrics_table=pd.DataFrame(
            {"your config": trained.metrics, "shipped config.yaml": shipped.metrics}
        ).round(3),
        metrics=dict(trained.metrics),
        fit_seconds=trained.fit_seconds,
    )


def present_yaml_config(found: YamlConfig) -> DemoResult:
    """The metric bars, the tables and the sentences, from the computed training."""
    cfg, config_table, metrics_table = found.config, found.config_table, found.metrics_table
    fig = go.Figure()
    for column, color in (("shipped config.yaml", "#9E9E9E"), ("your config", "#4C78A8")):
        fig.add_trace(
            go.Bar(
                x=metrics_table.index,
                y=metrics_table[column],
                name=column,
                marker_color=color,
                text=metrics_table[column],
                textposition="outside",
            )
        )
    fig.update_layout(
        title="Test metrics: your config vs the shipped one",
        barmode="group",
        yaxis=dict(range=[0, 1.1]),
        height=360,
    )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "ROC AUC": round(found.metrics["roc_auc"], 3),
            "Accuracy": round(found.metrics["accuracy"], 3),
            "Train time": f"{found.fit_seconds:.2f} s",
            "Config": "valid",
        },
        figures=[fig],
        tables={
            "Every value the pipeline used comes from the config": config_table,
            "Metrics": metrics_table,
        },
        notes=[
            "The YAML is validated before any training: an unknown field, a wrong type or an "
            "out-of-range value is reported with its line and the allowed values.",
            f"`{cfg.model_path}` and `{cfg.metrics_path}` are where a real run would write the "
            "artifact and its metrics; here nothing is written to disk.",
        ],
        extra={"config": cfg},
    )


def yaml_config(config_text: str | None = None, df: pd.DataFrame | None = None) -> DemoResult:
    """Parse and validate an edited config.yaml, then train exactly what it says."""
    return present_yaml_config(compute_yaml_config(config_text, df))
