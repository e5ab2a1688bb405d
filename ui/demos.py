"""Streamlit side of the demos: cached runs, the standard result view, the demo block.

Renderers (`projects/<p>/ui.py`) draw their widgets, then call `run_demo(spec, **params)`
and `show_result(spec, result)`. Pages call `render_demo(spec, key_prefix)`, which adds the
title, the claim, links to the questions and a safety net around the renderer.
"""

from __future__ import annotations

import contextvars
import importlib
import inspect
import os
import traceback
from collections.abc import Callable
from pathlib import Path
from types import FunctionType, ModuleType
from typing import Any

import pandas as pd
import streamlit as st

from projects.demo import DemoResult, DemoSpec
from projects.schema import DEFAULT_MAX_BYTES, SchemaError, check_project_csv
from ui.text import demos as text

BROWSE_PAGE = "pages/browse.py"
# The key prefix of the demo being rendered, so show_result can key its plotly charts
# even when a renderer calls it as show_result(spec, result).
_KEY_PREFIX: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "demo_key_prefix", default=None
)


# ---------------------------------------------------------------------------- running
@st.cache_data(show_spinner=text.DEMO_RUNNING, max_entries=512)
def _run_cached(_spec: DemoSpec, demo_id: str, params: dict[str, Any]) -> DemoResult:
    # `_spec` is not hashed (leading underscore); the id plus the params are the key.
    return _spec.run(**params)


def run_demo(spec: DemoSpec, **params: Any) -> DemoResult:
    """Run `spec.run(**params)` through st.cache_data, keyed on (spec.id, params).

    DataFrame params (a user's data set) are hashed by Streamlit. A ValueError from the
    demo (impossible parameters) propagates: render_demo shows it as a message.
    """
    return _run_cached(spec, spec.id, params)


def clear_demo_cache() -> None:
    _run_cached.clear()


# ---------------------------------------------------------------------------- source
def _is_project_object(obj: Any) -> bool:
    module = getattr(obj, "__module__", None) or ""
    return (
        (inspect.isfunction(obj) or inspect.isclass(obj))
        and module.startswith("projects.")
        and module not in {"projects.demo", "projects.schema"}
    )


def _code_names(code: Any) -> list[str]:
    """Global and attribute names used by a code object and its nested functions."""
    names = list(code.co_names)
    for const in code.co_consts:
        if inspect.iscode(const):
            names += _code_names(const)
    return names


def _referenced(func: FunctionType) -> list[Any]:
    """Project functions/classes referenced by name in `func` (also as `module.name`)."""
    found: list[Any] = []
    names = _code_names(func.__code__)
    scope = func.__globals__
    modules = [scope[n] for n in names if isinstance(scope.get(n), ModuleType)]
    for name in names:
        candidates = [scope.get(name)] + [getattr(m, name, None) for m in modules]
        for obj in candidates:
            if obj is not None and _is_project_object(obj) and obj not in found:
                found.append(obj)
    return found


def source_of_run(run: Callable[..., Any], max_items: int = 10) -> list[tuple[str, str, str]]:
    """[(qualname, module, source)] of `run` and the project functions it calls (2 levels)."""
    func = inspect.unwrap(run)
    ordered: list[Any] = [func]
    frontier: list[Any] = [func]
    for _ in range(2):
        next_frontier = []
        for item in frontier:
            if not inspect.isfunction(item):
                continue
            for obj in _referenced(item):
                if obj not in ordered:
                    ordered.append(obj)
                    next_frontier.append(obj)
        frontier = next_frontier
    out = []
    for obj in ordered[:max_items]:
        try:
            source = inspect.getsource(obj)
        except (OSError, TypeError):
            continue
        out.append((obj.__qualname__, obj.__module__, source))
    return out


# ---------------------------------------------------------------------------- showing
def _metric_value(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, float):
        if value != value:  # NaN
            return "n/a"
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"
    return value


def show_result(spec: DemoSpec, result: DemoResult, key_prefix: str | None = None) -> None:
    """Claim badge, metrics, plotly figures, tables, notes and the code that ran."""
    prefix = key_prefix or _KEY_PREFIX.get() or spec.id.replace(".", "_")
    if result.claim_held:
        st.success(text.CLAIM_HOLDS)
    else:
        st.warning(text.CLAIM_FAILS)
    items = list(result.metrics.items())
    per_row = 4
    for start in range(0, len(items), per_row):
        row = items[start : start + per_row]
        for column, (label, value) in zip(st.columns(per_row), row, strict=False):
            column.metric(str(label), _metric_value(value))
    for index, figure in enumerate(result.figures):
        st.plotly_chart(figure, width="stretch", key=f"{prefix}__fig{index}")
    for caption, table in result.tables.items():
        st.caption(str(caption))
        st.dataframe(
            table,
            width="stretch",
            hide_index=isinstance(table, pd.DataFrame) and isinstance(table.index, pd.RangeIndex),
        )
    for note in result.notes:
        st.markdown(note)
    show_code(spec, key_prefix=prefix)


def show_code(spec: DemoSpec, key_prefix: str | None = None) -> None:
    """Expander with the source of spec.run and of the project functions it calls."""
    prefix = key_prefix or _KEY_PREFIX.get() or spec.id.replace(".", "_")
    with st.expander(text.CODE_THAT_RAN, icon="🐍", key=f"{prefix}__code"):
        for qualname, module, source in source_of_run(spec.run):
            st.caption(text.CODE_CAPTION.format(qualname=qualname, module=module))
            st.code(source, language="python")


def _question_links(spec: DemoSpec) -> None:
    if not spec.questions:
        return
    columns = st.columns([1.2] + [1] * len(spec.questions) + [max(1, 12 - len(spec.questions))])
    columns[0].markdown(text.QUESTIONS_LABEL)
    try:
        for column, number in zip(columns[1:], spec.questions, strict=False):
            with column:
                st.page_link(
                    BROWSE_PAGE,
                    label=text.QUESTION_LINK.format(n=number),
                    icon="📄",
                    help=text.QUESTION_LINK_HELP.format(n=number),
                    query_params={"q": str(number)},
                )
    except Exception:  # Browse page not registered (yet): plain text instead of links
        st.caption(text.QUESTIONS_PLAIN.format(numbers=", ".join(map(str, spec.questions))))


def load_renderer(path: str) -> Callable[[DemoSpec, str], None]:
    module_name, _, function_name = path.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, function_name)


def render_demo(spec: DemoSpec, key_prefix: str, *, show_title: bool = True) -> None:
    """Title, claim, question links, then the demo's renderer; a failing demo shows an
    error instead of breaking the page. Works on any page (keys start with key_prefix)."""
    if show_title:
        st.subheader(spec.title)
    st.markdown(text.CLAIM.format(claim=spec.claim))
    _question_links(spec)
    try:
        renderer = load_renderer(spec.render)
    except Exception as error:  # missing module / function: say which
        st.error(text.RENDERER_MISSING.format(path=spec.render, demo_id=spec.id, error=error))
        return
    token = _KEY_PREFIX.set(key_prefix)
    try:
        renderer(spec, key_prefix)
    except SchemaError as error:
        st.error(str(error))
    except ValueError as error:
        st.error(text.BAD_PARAMETERS.format(message=error))
    except Exception as error:  # noqa: BLE001 - a broken demo must not break the page
        st.error(text.DEMO_CRASHED.format(error_type=type(error).__name__))
        with st.expander(text.TRACEBACK, key=f"{key_prefix}__traceback"):
            st.code(traceback.format_exc(), language="text")
    finally:
        _KEY_PREFIX.reset(token)


# ---------------------------------------------------------------------------- data sets
def upload_key(project: str) -> str:
    """session_state key of the user's uploaded data set: {"df", "name"}."""
    return f"demos_dataset_{project}"


def synthetic_key(project: str) -> str:
    """session_state key set to True when the user chose the synthetic data explicitly."""
    return f"demos_synthetic_{project}"


def _data_module(project: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"projects.{project}.data")
    except ModuleNotFoundError:
        return None


@st.cache_data(show_spinner=False, max_entries=8)
def _read_env_csv(project: str, path: str, mtime: float) -> pd.DataFrame:
    # mtime is part of the key so an edited file is read again.
    module = importlib.import_module(f"projects.{project}.data")
    name = f"{Path(path).name} (${module.ENV_VAR})"
    return check_project_csv(path, module, name=name, max_bytes=DEFAULT_MAX_BYTES)


def env_dataset(project: str) -> tuple[pd.DataFrame | None, str | None, str | None]:
    """(data, path, error) of the CSV the project's ENV_VAR points to; (None, None, None)
    when unset."""
    module = _data_module(project)
    env_var = getattr(module, "ENV_VAR", None)
    path = os.environ.get(env_var, "").strip() if env_var else ""
    if not path:
        return None, None, None
    try:
        mtime = Path(path).stat().st_mtime
    except OSError:
        return None, path, f"${env_var} points to {path!r}, which does not exist."
    try:
        return _read_env_csv(project, path, mtime), path, None
    except SchemaError as error:
        return None, path, str(error)


def store_upload(project: str, raw: bytes, name: str) -> pd.DataFrame:
    """Check an uploaded CSV and make it the project's active data set (SchemaError if bad)."""
    module = _data_module(project)
    if module is None:
        raise SchemaError(text.BYOD_NOT_AVAILABLE)
    frame = check_project_csv(raw, module, name=name, max_bytes=DEFAULT_MAX_BYTES)
    st.session_state[upload_key(project)] = {"df": frame, "name": name}
    st.session_state[synthetic_key(project)] = False
    return frame


def use_synthetic(project: str) -> None:
    """Forget the upload and ignore the env-var data set for this session."""
    st.session_state.pop(upload_key(project), None)
    st.session_state[synthetic_key(project)] = True


def use_env(project: str) -> None:
    st.session_state.pop(upload_key(project), None)
    st.session_state[synthetic_key(project)] = False


def active_dataset_source(project: str) -> tuple[pd.DataFrame | None, str | None]:
    """(data, description) of the data set demos of `project` use; (None, None) = synthetic."""
    upload = st.session_state.get(upload_key(project))
    if upload is not None:
        return upload["df"], text.SOURCE_UPLOAD.format(name=upload["name"])
    if st.session_state.get(synthetic_key(project)):
        return None, None
    frame, path, _ = env_dataset(project)
    if frame is not None:
        env_var = _data_module(project).ENV_VAR
        return frame, text.SOURCE_ENV.format(path=path, env_var=env_var)
    return None, None


def active_dataset(project: str) -> pd.DataFrame | None:
    """The user's data set for `project` (upload, else $ENV_VAR file), None = synthetic."""
    return active_dataset_source(project)[0]


def show_dataset_badge(project: str) -> None:
    """One caption saying which data set the project's demos run on."""
    frame, source = active_dataset_source(project)
    if frame is None:
        st.caption(text.SYNTHETIC_IN_USE)
    else:
        st.caption(text.DATASET_IN_USE.format(source=source, rows=len(frame)))
