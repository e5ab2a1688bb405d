"""Streamlit side of the demos: widgets from declared params, cached runs, the result view.

Most demos need no Streamlit code of their own: `render_standard` draws one widget per
declared `Param` (`param_widget`), runs the demo through the cache and shows the result. A
demo that shows more (a JSON response, an editable table) has a renderer in
`ui/demos/<project>.py`, listed in that module's `RENDERERS` {demo id: function}. Pages call
`render_demo(spec, key_prefix)`, which adds the title, the claim, links to the questions and
a safety net around the renderer.
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
from projects.params import Param
from projects.schema import DEFAULT_MAX_BYTES, SchemaError, check_project_csv
from ui.decks import deck_params
from ui.responsive import metrics_key, params_key
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
    modules = [  # only project modules: `concepts.risk_levels`, not `np.str`
        scope[n]
        for n in names
        if isinstance(scope.get(n), ModuleType) and scope[n].__name__.startswith("projects.")
    ]
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
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"
    return value


def show_result(spec: DemoSpec, result: DemoResult, key_prefix: str | None = None) -> None:
    """Claim badge, metrics, plotly figures, tables, notes and the code that ran."""
    prefix = key_prefix or _KEY_PREFIX.get() or spec.id.replace(".", "_")
    if not result.condition_met:
        st.info(text.CONDITION_NOT_MET.format(condition=result.condition), icon=":material/info:")
    elif result.claim_held:
        st.success(text.CLAIM_HOLDS, icon=":material/check_circle:")
    else:
        st.warning(text.CLAIM_FAILS, icon=":material/warning:")
    items = list(result.metrics.items())
    per_row = 4
    for start in range(0, len(items), per_row):
        row = items[start : start + per_row]
        # "wrap_": in a narrow main column the metrics wrap onto rows instead of cutting
        # their values to "…" (ui/responsive.py)
        with st.container(key=metrics_key(f"{prefix}__{start}")):
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
    with st.expander(text.CODE_THAT_RAN, icon=":material/code:", key=f"{prefix}__code"):
        for qualname, module, source in source_of_run(spec.run):
            st.caption(text.CODE_CAPTION.format(qualname=qualname, module=module))
            st.code(source, language="python")


def _question_links(spec: DemoSpec) -> None:
    if not spec.questions:
        return
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.caption(text.QUESTIONS_LABEL, width="content")
        try:
            for number in spec.questions:
                st.page_link(
                    BROWSE_PAGE,
                    label=text.QUESTION_LINK.format(n=number),
                    icon=":material/description:",
                    help=text.QUESTION_LINK_HELP.format(n=number),
                    query_params=deck_params(q=str(number)),
                )
        except Exception:  # Browse page not registered (yet): plain text instead of links
            st.caption(", ".join(map(str, spec.questions)), width="content")


# ---------------------------------------------------------------------------- widgets
Renderer = Callable[[DemoSpec, str], None]
NUMERIC = ("int", "float")


def text_module(project: str) -> ModuleType | None:
    """ui/text/demo_<project>.py, where the params' label/help keys live."""
    try:
        return importlib.import_module(f"ui.text.demo_{project}")
    except ModuleNotFoundError:
        return None


def _text(texts: ModuleType | None, key: str, fallback: str | None) -> Any:
    return getattr(texts, key, fallback) if key else fallback


def widget_key(key_prefix: str, name: str) -> str:
    return f"{key_prefix}-{name}"


def param_widget(
    spec: DemoSpec, param: Param, key_prefix: str, df: Any = None, where: Any = None
) -> Any:
    """One widget for a declared parameter; returns its value (checked later by spec.run)."""
    where = where or st
    texts = text_module(spec.project)
    label = _text(texts, param.label, param.name)
    common = {"key": widget_key(key_prefix, param.name), "help": _text(texts, param.help, None)}
    widget = param.widget
    if param.kind in NUMERIC:
        cast = int if param.kind == "int" else float
        high = param.upper(df)
        low = None if param.min is None else cast(param.min)
        value = param.default if high is None else min(param.default, high)
        step = cast(param.step or 1)
        if widget == "number" or low is None or high is None:
            return where.number_input(
                label,
                min_value=low,
                max_value=None if high is None else cast(high),
                value=cast(value),
                step=step,
                **common,
            )
        return where.slider(label, low, cast(high), cast(value), step, **common)
    if param.kind in ("choice", "multi"):
        labels = _text(texts, param.choice_labels, None) or {}
        options = list(param.choices)
        shown = {"format_func": lambda value: labels.get(value, str(value))}
        if param.kind == "multi":
            return where.multiselect(label, options, default=list(param.default), **shown, **common)
        numeric = all(isinstance(v, int | float) and not isinstance(v, bool) for v in options)
        widget = widget or ("select_slider" if numeric else "selectbox")
        if widget == "select_slider":
            return where.select_slider(label, options, value=param.default, **shown, **common)
        index = options.index(param.default)
        if widget == "radio":
            return where.radio(label, options, index=index, horizontal=True, **shown, **common)
        return where.selectbox(label, options, index=index, **shown, **common)
    if param.kind == "bool":
        return where.checkbox(label, value=param.default, **common)
    if widget == "text_area":
        return where.text_area(label, value=param.default, max_chars=param.max_chars, **common)
    return where.text_input(label, value=param.default, max_chars=param.max_chars, **common)


def render_params(
    spec: DemoSpec,
    key_prefix: str,
    df: Any = None,
    names: list[str] | None = None,
    per_row: int = 4,
) -> dict[str, Any]:
    """A widget for each declared parameter (or only `names`), in rows of columns."""
    params = [p for p in spec.params if names is None or p.name in names]
    values: dict[str, Any] = {}
    wide = [p for p in params if p.widget == "text_area"]
    narrow = [p for p in params if p not in wide]
    for start in range(0, len(narrow), per_row):
        row = narrow[start : start + per_row]
        # "wrap_params_": four sliders in a narrow main column go two by two, not cramped
        with st.container(key=params_key(f"{key_prefix}__{start}")):
            for column, param in zip(st.columns(len(row)), row, strict=True):
                values[param.name] = param_widget(spec, param, key_prefix, df, where=column)
    for param in wide:
        values[param.name] = param_widget(spec, param, key_prefix, df)
    return values


def demo_data(spec: DemoSpec) -> dict[str, Any]:
    """{"df": the active data set} for a demo that uses one, else {}."""
    return {"df": active_dataset(spec.project)} if spec.uses_dataset else {}


def run_with_widgets(spec: DemoSpec, key_prefix: str) -> DemoResult:
    """Widgets of every declared parameter, then the cached run on the active data."""
    data = demo_data(spec)
    values = render_params(spec, key_prefix, data.get("df"))
    return run_demo(spec, **values, **data)


def render_standard(spec: DemoSpec, key_prefix: str) -> None:
    """The renderer of every demo without one of its own: widgets, run, result."""
    show_result(spec, run_with_widgets(spec, key_prefix))


def renderer_for(spec: DemoSpec) -> Renderer:
    """The demo's own renderer (RENDERERS of ui/demos/<project>.py) or render_standard."""
    try:
        module = importlib.import_module(f"{__name__}.{spec.project}")
    except ModuleNotFoundError as error:
        if error.name != f"{__name__}.{spec.project}":
            raise
        return render_standard
    return getattr(module, "RENDERERS", {}).get(spec.id, render_standard)


def render_demo(
    spec: DemoSpec, key_prefix: str, *, show_title: bool = True, header: bool = True
) -> None:
    """Title, claim, question links, then the demo's renderer; a failing demo shows an
    error instead of breaking the page. Works on any page (keys start with key_prefix).

    `header=False` skips title, claim and question links (for a page that already shows
    them, e.g. inline under a question); `show_title=False` skips only the title.
    """
    if header:
        if show_title:
            st.subheader(spec.title, anchor=False)
        st.markdown(text.CLAIM.format(claim=spec.claim))
        _question_links(spec)
    if spec.uses_dataset:
        show_dataset_badge(spec.project)
    try:
        renderer = renderer_for(spec)
    except Exception as error:  # a broken renderer module: say which
        st.error(text.RENDERER_MISSING.format(project=spec.project, demo_id=spec.id, error=error))
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
    return f"demos_force_synthetic_{project}"


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


def _on_upload(project: str) -> None:
    # Callback of the uploader: check the new file once, keep the result or the error.
    uploaded = st.session_state.get(f"demos_upload_{project}")
    error_key = f"demos_upload_error_{project}"
    st.session_state.pop(error_key, None)
    if uploaded is None:  # the user removed the file: back to what was active before
        st.session_state.pop(upload_key(project), None)
        return
    try:
        store_upload(project, uploaded.getvalue(), uploaded.name)
    except SchemaError as error:
        st.session_state[error_key] = error.problems


def _back_to_synthetic(project: str) -> None:
    st.session_state.pop(f"demos_upload_error_{project}", None)
    use_synthetic(project)


def render_dataset_panel(project: str, key_prefix: str = "demos") -> None:
    """'Bring your own data' expander: upload + schema check, env-var status, way back."""
    module = _data_module(project)
    if module is None or not hasattr(module, "SCHEMA"):
        return
    csv_name = getattr(module, "REAL_CSV_NAME", "CSV")
    env_var = getattr(module, "ENV_VAR", "")
    frame, _ = active_dataset_source(project)
    with st.expander(
        text.BYOD_EXPANDER.format(csv_name=csv_name),
        icon=":material/upload_file:",
        key=f"{key_prefix}_byod_{project}",
    ):
        st.markdown(text.BYOD_INTRO.format(csv_name=csv_name, env_var=env_var))
        columns = ", ".join(f"`{name}` ({kind})" for name, kind in module.SCHEMA.items())
        st.caption(text.BYOD_EXPECTED.format(columns=columns))
        env_frame, env_path, env_error = env_dataset(project)
        if env_error:
            st.error(text.BYOD_ENV_ERROR.format(env_var=env_var, error=env_error))
        upload = st.session_state.get(upload_key(project))
        if upload is not None:
            st.success(
                text.BYOD_LOADED.format(
                    name=upload["name"], rows=len(upload["df"]), cols=upload["df"].shape[1]
                )
            )
        elif frame is not None:
            st.success(text.BYOD_ENV_ACTIVE.format(env_var=env_var, path=env_path, rows=len(frame)))
        else:
            st.info(text.BYOD_SYNTHETIC)
        st.file_uploader(
            text.BYOD_UPLOADER,
            type=["csv"],
            key=f"demos_upload_{project}",
            on_change=_on_upload,
            args=(project,),
        )
        problems = st.session_state.get(f"demos_upload_error_{project}")
        if problems:
            st.error("\n".join([text.BYOD_REJECTED, ""] + [f"- {p}" for p in problems]))
        if frame is not None:
            st.button(
                text.BYOD_BACK,
                key=f"{key_prefix}_synthetic_{project}",
                on_click=_back_to_synthetic,
                args=(project,),
                icon=":material/undo:",
            )
        elif env_frame is not None:
            st.button(
                text.BYOD_USE_ENV.format(env_var=env_var),
                key=f"{key_prefix}_use_env_{project}",
                on_click=use_env,
                args=(project,),
            )


# ---------------------------------------------------------------------------- registry
def load_demos() -> tuple[dict[str, DemoSpec], list[str]]:
    """Every registered demo, plus one message per project module that failed to import
    (a broken project must not hide the others)."""
    from projects import registry

    try:
        return registry.all_demos(), []
    except Exception:  # noqa: BLE001 - fall back to module by module
        pass
    demos: dict[str, DemoSpec] = {}
    errors: list[str] = []
    for module_name in registry.PROJECT_MODULES:
        try:
            module = importlib.import_module(module_name)
            for spec in module.DEMOS:
                if spec.id in demos:
                    raise ValueError(f"duplicate demo id {spec.id!r}")
                demos[spec.id] = spec
        except ModuleNotFoundError as error:
            if not (error.name and module_name.startswith(error.name)):
                errors.append(f"{module_name}: {type(error).__name__}: {error}")
        except Exception as error:  # noqa: BLE001
            errors.append(f"{module_name}: {type(error).__name__}: {error}")
    return demos, errors


# ---------------------------------------------------------------------------- Demos page
def pick_key(project: str) -> str:
    return f"demos_pick_{project}"


def _select(spec: DemoSpec, tab_key: str, label: str) -> None:
    st.session_state[tab_key] = label
    st.session_state[pick_key(spec.project)] = spec.id
    st.session_state["demos_linked"] = spec.id
    st.query_params["demo"] = spec.id  # else the old ?demo= would be applied again


def apply_deep_link(specs: dict[str, DemoSpec], tab_key: str, labels: dict[str, str]) -> None:
    """Open the demo of `?demo=<id>` once per new link (later picks by the user win)."""
    demo_id = st.query_params.get("demo")
    if not demo_id or st.session_state.get("demos_linked") == demo_id:
        return
    st.session_state["demos_linked"] = demo_id
    spec = specs.get(demo_id)
    if spec is None:
        st.warning(text.UNKNOWN_DEMO_LINK.format(demo_id=demo_id))
        return
    _select(spec, tab_key, labels[spec.project])


def follow_search(
    specs: dict[str, DemoSpec], tab_key: str, labels: dict[str, str], search_key: str
) -> None:
    """on_change of the search box: if the open project has no match, open the best match's
    project instead (so a search never leaves the user on an empty tab)."""
    from projects.registry import PROJECT_TITLES
    from projects.search import search_demos

    matches = search_demos(specs.values(), st.session_state.get(search_key, ""), PROJECT_TITLES)
    if not matches:
        return
    open_label = st.session_state.get(tab_key)
    if not any(labels.get(spec.project) == open_label for spec in matches):
        st.session_state[tab_key] = labels.get(matches[0].project, matches[0].project)


def render_search_hits(
    matches: list[DemoSpec],
    tab_key: str,
    labels: dict[str, str],
    total: int,
    limit: int = 12,
) -> None:
    """The best search matches as link-style buttons that open the demo in its tab."""
    st.caption(text.SEARCH_HITS.format(shown=len(matches), total=total))
    for spec in matches[:limit]:
        st.button(
            text.SEARCH_HIT.format(
                title=spec.title,
                project=labels.get(spec.project, spec.project),
                questions=", Q".join(map(str, spec.questions)),
            ),
            key=f"demos_hit_{spec.id}",
            type="tertiary",
            icon=":material/science:",
            on_click=_select,
            args=(spec, tab_key, labels.get(spec.project, spec.project)),
        )


def _sync_link(project: str) -> None:
    demo_id = st.session_state.get(pick_key(project))
    if demo_id:
        st.session_state["demos_linked"] = demo_id
        st.query_params["demo"] = demo_id


def demo_picker(shown: list[DemoSpec], project: str) -> DemoSpec:
    """Selectbox over the project's (matching) demos; keeps ?demo= in the URL in sync."""
    ids = [spec.id for spec in shown]
    by_id = {spec.id: spec for spec in shown}
    key = pick_key(project)
    # A closed (lazy) tab does not draw its selectbox, so Streamlit drops the widget's state;
    # this copy brings back the user's pick when they return to the tab.
    kept = f"{key}_kept"
    if st.session_state.get(key) not in by_id:  # filtered out by the search, or first visit
        st.session_state[key] = (
            st.session_state[kept] if st.session_state.get(kept) in by_id else ids[0]
        )
    demo_id = st.selectbox(
        text.PICK_DEMO,
        ids,
        key=key,
        format_func=lambda i: text.DEMO_OPTION.format(
            title=by_id[i].title, questions=", Q".join(map(str, by_id[i].questions))
        ),
        on_change=_sync_link,
        args=(project,),
    )
    st.session_state[kept] = demo_id
    if st.query_params.get("demo") != demo_id:
        st.query_params["demo"] = demo_id
        st.session_state["demos_linked"] = demo_id
    return by_id[demo_id]
