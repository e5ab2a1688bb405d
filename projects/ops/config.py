"""Configuration layers: defaults < YAML < environment variables (question 76).

Pure simulations (no Streamlit): compute_* returns numbers, present_* the DemoResult; the
demo's declared params (projects/ops/demos.py) are validated before these functions run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import yaml

from projects.demo import DemoResult

# ============================================================ 76: configuration hierarchy
DEFAULTS: dict[str, Any] = {
    "mlflow.tracking_uri": "file:./mlruns",
    "model.version": "v1.0.0",
    "model.threshold": 0.5,
    "api.port": 8000,
    "api.workers": 2,
    "logging.level": "INFO",
    "features.enable_explanations": False,
}
# setting -> (low, high) for numbers, or the allowed values.
CONSTRAINTS: dict[str, tuple[Any, ...]] = {
    "model.threshold": (0.0, 1.0),
    "api.port": (1, 65_535),
    "api.workers": (1, 64),
    "logging.level": ("DEBUG", "INFO", "WARNING", "ERROR"),
}
DEFAULT_YAML = """# configs/config.yaml (base, committed)
mlflow:
  tracking_uri: "file:./mlruns"
model:
  version: v1.2.0
  threshold: 0.45
api:
  workers: 4
"""
DEFAULT_ENV = """# set by the deployment (ConfigMap / Secret / docker run -e)
MLFLOW_TRACKING_URI=http://mlflow.prod:5000
LOGGING_LEVEL=WARNING
"""


def env_var_name(setting: str) -> str:
    """ "mlflow.tracking_uri" -> "MLFLOW_TRACKING_URI"."""
    return setting.replace(".", "_").upper()


def _coerce(setting: str, value: Any, where: str) -> Any:
    """Convert to the default's type and check the constraint; ValueError says where."""
    default = DEFAULTS[setting]
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                lowered = value.strip().lower()
                if lowered not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError
                value = lowered in ("true", "1", "yes")
            elif not isinstance(value, bool):
                raise ValueError
        elif isinstance(default, int):
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            value = int(value)
        elif isinstance(default, float):
            if isinstance(value, bool):
                raise ValueError
            value = float(value)
        else:
            value = str(value)
    except (TypeError, ValueError):
        kind = type(default).__name__
        raise ValueError(f"{where}: {setting}={value!r} is not a valid {kind}") from None
    allowed = CONSTRAINTS.get(setting)
    if allowed and isinstance(allowed[0], int | float) and not allowed[0] <= value <= allowed[1]:
        raise ValueError(f"{where}: {setting}={value!r} is outside [{allowed[0]}, {allowed[1]}]")
    if allowed and isinstance(allowed[0], str) and value not in allowed:
        raise ValueError(f"{where}: {setting}={value!r} is not one of {', '.join(allowed)}")
    return value


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def parse_env(text: str) -> dict[str, str]:
    """KEY=VALUE lines (blank lines and # comments allowed), like an .env file."""
    env: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        key, sep, value = stripped.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"environment line {number}: expected KEY=VALUE, got {stripped!r}")
        env[key.strip()] = value.strip()
    return env


def resolve_config(yaml_text: str, env: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """defaults < config.yaml < environment variables: (values, where each value came from)."""
    try:
        loaded = yaml.safe_load(yaml_text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ValueError(f"config.yaml is not valid YAML{where}") from None
    if not isinstance(loaded, dict):
        raise ValueError("config.yaml must be a mapping of sections")
    from_yaml = _flatten(loaded)
    unknown = [name for name in from_yaml if name not in DEFAULTS]
    if unknown:
        raise ValueError(f"config.yaml: unknown setting(s) {unknown}; known: {list(DEFAULTS)}")
    values, sources = dict(DEFAULTS), dict.fromkeys(DEFAULTS, "default")
    for name, value in from_yaml.items():
        values[name], sources[name] = _coerce(name, value, "config.yaml"), "config.yaml"
    for name in DEFAULTS:
        variable = env_var_name(name)
        if variable in env:
            values[name] = _coerce(name, env[variable], f"environment ${variable}")
            sources[name] = "environment"
    return values, sources


@dataclass(frozen=True)
class ResolvedConfig:
    """What the configuration demo computed: each setting's layers, value and source."""

    table: pd.DataFrame  # setting, env variable, default, config.yaml, environment, resolved, from
    values: dict[str, Any]
    sources: dict[str, str]  # setting -> "default" / "config.yaml" / "environment"
    expected_sources: dict[str, str]  # the precedence rule applied independently
    ignored: tuple[str, ...]  # environment variables that are not settings

    @property
    def claim_held(self) -> bool:
        """The resolver's source of every setting is the one the precedence rule predicts."""
        return self.expected_sources == self.sources

    @property
    def counts(self) -> dict[str, int]:
        counted = self.table["from"].value_counts()
        return {layer: int(counted.get(layer, 0)) for layer in LAYER_SOURCES}


LAYER_SOURCES: tuple[str, ...] = ("default", "config.yaml", "environment")
LAYER_COLUMNS: tuple[str, ...] = ("default (code)", "config.yaml", "environment")


def compute_config_hierarchy(
    yaml_text: str = DEFAULT_YAML, env_text: str = DEFAULT_ENV
) -> ResolvedConfig:
    """Resolve every setting through the three layers; predict each source independently."""
    if not isinstance(yaml_text, str) or not isinstance(env_text, str):
        raise ValueError("yaml_text and env_text must be text")
    env = parse_env(env_text)
    values, sources = resolve_config(yaml_text, env)
    from_yaml = _flatten(yaml.safe_load(yaml_text) or {})
    rows = []
    for name, default in DEFAULTS.items():
        variable = env_var_name(name)
        rows.append(
            {
                "setting": name,
                "env variable": variable,
                "default (code)": repr(default),
                "config.yaml": repr(from_yaml[name]) if name in from_yaml else "",
                "environment": env.get(variable, ""),
                "resolved": repr(values[name]),
                "from": sources[name],
            }
        )
    expected_source = {
        name: "environment"
        if env_var_name(name) in env
        else "config.yaml"
        if name in from_yaml
        else "default"
        for name in DEFAULTS
    }
    ignored = tuple(key for key in env if key not in {env_var_name(n) for n in DEFAULTS})
    return ResolvedConfig(pd.DataFrame(rows), values, sources, expected_source, ignored)


def present_config_hierarchy(found: ResolvedConfig) -> DemoResult:
    """The which-layer-wins heatmap, counts and sentences, from the resolved settings."""
    z, text = [], []
    for row in found.table.to_dict("records"):
        present = [True, row["config.yaml"] != "", row["environment"] != ""]
        winner = LAYER_SOURCES.index(row["from"])
        z.append([2 if i == winner else 1 if present[i] else 0 for i in range(3)])
        text.append([row[layer] if present[i] else "·" for i, layer in enumerate(LAYER_COLUMNS)])
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(LAYER_COLUMNS),
            y=list(found.table["setting"]),
            text=text,
            texttemplate="%{text}",
            colorscale=[[0, "#F2F2F2"], [0.5, "#C9D7E8"], [1, "#54A24B"]],
            zmin=0,
            zmax=2,
            showscale=False,
            hoverinfo="skip",
        )
    )
    fig.update_layout(
        title="Which layer sets each value (green = the one that wins)",
        yaxis=dict(autorange="reversed"),
        height=360,
    )
    counts = found.counts
    ignored = found.ignored
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "From environment": counts["environment"],
            "From config.yaml": counts["config.yaml"],
            "From defaults": counts["default"],
        },
        figures=[fig],
        tables={"Resolved configuration": found.table},
        notes=[
            "One image, one base config.yaml; each environment differs only in its variables "
            "(no config.dev.yaml / config.prod.yaml to keep in sync). Secrets come from the "
            "environment too, never from the committed file.",
            "Values from the environment are strings: they are converted to the setting's type "
            "and checked at start-up, so `API_PORT=80a` stops the service instead of "
            "surfacing at the first request.",
        ]
        + ([f"Ignored variables (not settings): {', '.join(ignored)}."] if ignored else []),
        extra={"values": found.values, "sources": found.sources},
    )


def config_hierarchy(yaml_text: str = DEFAULT_YAML, env_text: str = DEFAULT_ENV) -> DemoResult:
    """Resolve every setting through the three layers and show which one won."""
    return present_config_hierarchy(compute_config_hierarchy(yaml_text, env_text))
