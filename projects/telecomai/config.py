"""TelecomAI's YAML config: parse, validate with line numbers, and turn into a typed object.

Every value the pipeline uses lives in `config.yaml` (seed question 64: "toda configuración
externalizada, ningún valor hardcodeado"). A bad config is rejected before any training,
with one message per problem: line, field, what is wrong and the allowed values.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from projects.telecomai.data import FEATURES, TARGET

CONFIG_PATH = Path(__file__).with_name("config.yaml")
MODEL_NAMES: tuple[str, ...] = ("gradient_boosting",)


@dataclass(frozen=True)
class TelecomConfig:
    """The validated config (frozen, so it can key a cache)."""

    project_name: str
    random_seed: int
    data_csv: str
    model_path: str
    metrics_path: str
    features: tuple[str, ...]
    target: str
    test_size: float
    stratify: bool
    model_name: str
    n_estimators: int
    max_depth: int
    learning_rate: float

    def replace(self, **changes: Any) -> TelecomConfig:
        """A copy with some fields changed (no re-validation: callers pass sane values)."""
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values.update(changes)
        return TelecomConfig(**values)


@dataclass(frozen=True)
class ConfigIssue:
    """One problem in a config text: where (line, dotted field) and what."""

    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "config"
        return f"{where}, {self.field}: {self.message}"


class ConfigError(ValueError):
    """A config that cannot be used; `issues` lists every problem found."""

    def __init__(self, issues: list[ConfigIssue]) -> None:
        self.issues = issues
        super().__init__("invalid config:\n" + "\n".join(f"- {issue}" for issue in issues))


@dataclass(frozen=True)
class _Rule:
    kind: str  # "str" | "int" | "float" | "bool" | "choice" | "features"
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()

    def allowed(self) -> str:
        if self.kind in ("int", "float"):
            return f"a{'n' if self.kind == 'int' else ''} {self.kind} in [{self.low}, {self.high}]"
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        if self.kind == "features":
            return "a non-empty list of distinct names among " + ", ".join(self.choices)
        return {"str": "a non-empty string", "bool": "true or false"}[self.kind]


# Dotted field -> rule. The allowed ranges keep training interactive (about a second).
RULES: dict[str, _Rule] = {
    "project_name": _Rule("str"),
    "random_seed": _Rule("int", 0, 2**32 - 1),
    "paths.data_csv": _Rule("str"),
    "paths.model_path": _Rule("str"),
    "paths.metrics_path": _Rule("str"),
    "features": _Rule("features", choices=FEATURES),
    "target": _Rule("choice", choices=(TARGET,)),
    "split.test_size": _Rule("float", 0.1, 0.5),
    "split.stratify": _Rule("bool"),
    "model.name": _Rule("choice", choices=MODEL_NAMES),
    "model.params.n_estimators": _Rule("int", 10, 500),
    "model.params.max_depth": _Rule("int", 1, 5),
    "model.params.learning_rate": _Rule("float", 0.001, 1.0),
}
# Mapping path -> the keys it may contain (unknown keys are typos until proven otherwise).
_SECTIONS: dict[str, tuple[str, ...]] = {}
for _field in RULES:
    _parts = _field.split(".")
    for _depth in range(len(_parts)):
        _parent = ".".join(_parts[:_depth])
        _SECTIONS.setdefault(_parent, ())
        if _parts[_depth] not in _SECTIONS[_parent]:
            _SECTIONS[_parent] += (_parts[_depth],)


def _walk(node: yaml.Node, path: str, lines: dict[str, int], issues: list[ConfigIssue]) -> None:
    """Record the line of every field and report duplicate and unknown keys."""
    if not isinstance(node, yaml.MappingNode) or path not in _SECTIONS:
        return
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = str(key_node.value)
        child = f"{path}.{key}" if path else key
        line = key_node.start_mark.line + 1
        if key in seen:
            issues.append(ConfigIssue(line, child, "duplicate key (YAML keeps only the last)"))
        seen.add(key)
        allowed = _SECTIONS[path]
        if key not in allowed:
            hint = difflib.get_close_matches(key, allowed, n=1)
            did_you_mean = f"; did you mean {hint[0]!r}?" if hint else ""
            issues.append(
                ConfigIssue(
                    line,
                    child,
                    f"unknown field{did_you_mean} (allowed here: {', '.join(allowed)})",
                )
            )
            continue
        lines[child] = line
        _walk(value_node, child, lines, issues)


def _lookup(data: Any, field: str) -> tuple[bool, Any]:
    current = data
    for part in field.split("."):
        if not isinstance(current, dict) or part not in current:
            return False, None
        current = current[part]
    return True, current


def _check(field: str, value: Any, rule: _Rule) -> str | None:
    """None when the value satisfies the rule, else what is wrong."""
    shown = repr(value)
    if rule.kind == "str":
        ok = isinstance(value, str) and value.strip() != ""
    elif rule.kind == "bool":
        ok = isinstance(value, bool)
    elif rule.kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
        if ok and not rule.low <= value <= rule.high:
            return f"{shown} is out of range; allowed: {rule.allowed()}"
    elif rule.kind == "float":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and not rule.low <= value <= rule.high:
            return f"{shown} is out of range; allowed: {rule.allowed()}"
    elif rule.kind == "choice":
        ok = value in rule.choices
    else:  # features
        if not isinstance(value, list) or not value:
            ok = False
        else:
            unknown = [item for item in value if item not in rule.choices]
            if unknown:
                return f"unknown feature(s) {unknown}; allowed: {rule.allowed()}"
            if len(set(value)) != len(value):
                return f"{shown} repeats a feature; allowed: {rule.allowed()}"
            ok = True
    return None if ok else f"{shown} is not valid; expected {rule.allowed()}"


def validate_config_text(text: str) -> tuple[TelecomConfig | None, list[ConfigIssue]]:
    """Parse and validate a YAML config text: (config, []) or (None, every problem found)."""
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        column = f" (column {mark.column + 1})" if mark else ""
        problem = error.problem or error.context or "syntax error"
        return None, [ConfigIssue(line, "YAML syntax", f"{problem}{column}")]
    except yaml.YAMLError as error:
        return None, [ConfigIssue(None, "YAML syntax", str(error))]
    if root is None or data is None:
        return None, [ConfigIssue(1, "config", "the config is empty")]
    if not isinstance(data, dict):
        return None, [ConfigIssue(1, "config", "the top level must be a mapping of fields")]

    lines: dict[str, int] = {}
    issues: list[ConfigIssue] = []
    _walk(root, "", lines, issues)
    not_mappings = set()
    for section in _SECTIONS:
        found, value = _lookup(data, section) if section else (True, data)
        if found and not isinstance(value, dict):
            not_mappings.add(section)
            fields = ", ".join(_SECTIONS[section])
            issues.append(
                ConfigIssue(lines.get(section), section, f"must be a mapping with: {fields}")
            )
    values: dict[str, Any] = {}
    for field, rule in RULES.items():
        if any(field.startswith(section + ".") for section in not_mappings):
            continue  # already reported on the section
        found, value = _lookup(data, field)
        if not found:
            parent = field.rsplit(".", 1)[0] if "." in field else ""
            issues.append(
                ConfigIssue(lines.get(parent), field, f"missing; expected {rule.allowed()}")
            )
            continue
        problem = _check(field, value, rule)
        if problem:
            issues.append(ConfigIssue(lines.get(field), field, problem))
        values[field] = value
    if issues:
        issues.sort(key=lambda issue: (issue.line is None, issue.line or 0))
        return None, issues
    return (
        TelecomConfig(
            project_name=values["project_name"],
            random_seed=values["random_seed"],
            data_csv=values["paths.data_csv"],
            model_path=values["paths.model_path"],
            metrics_path=values["paths.metrics_path"],
            features=tuple(values["features"]),
            target=values["target"],
            test_size=float(values["split.test_size"]),
            stratify=values["split.stratify"],
            model_name=values["model.name"],
            n_estimators=values["model.params.n_estimators"],
            max_depth=values["model.params.max_depth"],
            learning_rate=float(values["model.params.learning_rate"]),
        ),
        [],
    )


def parse_config(text: str) -> TelecomConfig:
    """The validated config of a YAML text; raises ConfigError listing every problem."""
    config, issues = validate_config_text(text)
    if config is None:
        raise ConfigError(issues)
    return config


def default_config_text() -> str:
    """The shipped `config.yaml`, verbatim."""
    return CONFIG_PATH.read_text(encoding="utf-8")


_DEFAULT = parse_config(default_config_text())


def default_config() -> TelecomConfig:
    """The shipped config (validated once at import: a broken config.yaml fails loudly)."""
    return _DEFAULT
