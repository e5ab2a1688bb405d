"""A minimal Streamlit websocket client: one browser session without a browser.

It speaks the app's own protocol (Streamlit's protobuf `BackMsg`/`ForwardMsg` over
`/_stcore/stream`), so a load test can run dozens of learners on a 2-core machine where as
many headless browsers would measure the browsers instead of the server. A session keeps
the widgets the last run drew (by key) and the values it set, and `run()` returns the time
from sending the rerun to the server's `script_finished`: the server time of one
interaction on loopback, queueing included.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

KEY_MARK = "-"  # a keyed widget's id is "$$ID-<hash>-<key>"
# ScriptFinishedStatus: 0 finished, 1 compile error, 2 stopped early for a rerun (st.rerun:
# the next run follows on the same socket and belongs to this interaction), 3 a fragment.
FINISHED_OK = (0, 3)
RERUN_FOLLOWS = 2


class SessionError(RuntimeError):
    """The app answered with an exception, an error status, or not at all."""


@dataclass
class Widget:
    id: str
    kind: str  # the element type: button, text_area, radio, ...
    label: str


@dataclass
class RunResult:
    seconds: float
    runs: int  # script runs this interaction took (an st.rerun adds one)
    texts: list[str]  # markdown, captions, alerts, headings: what a reader sees
    exceptions: list[str]


@dataclass
class StreamlitSession:
    """One visitor: a websocket, the pages the app offered, and the widget state to send."""

    url: str  # ws://host:port/_stcore/stream
    headers: Mapping[str, str] = field(default_factory=dict)
    timeout_s: float = 60.0
    pages: dict[str, str] = field(default_factory=dict)  # url path -> page script hash
    widgets: dict[str, Widget] = field(default_factory=dict)  # key (or label) -> widget
    _values: dict[str, WidgetState] = field(default_factory=dict)  # id -> value to send
    _ws: websockets.ClientConnection | None = None

    async def __aenter__(self) -> StreamlitSession:
        self._ws = await websockets.connect(
            self.url,
            subprotocols=["streamlit"],
            additional_headers=dict(self.headers),
            max_size=None,
            open_timeout=self.timeout_s,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._ws is not None:
            await self._ws.close()

    def widget(self, name: str) -> Widget:
        """The widget drawn by the last run, by its key or its label."""
        try:
            return self.widgets[name]
        except KeyError:
            raise SessionError(f"no widget {name!r} on the page: {sorted(self.widgets)}") from None

    def set_text(self, name: str, value: str) -> None:
        state = WidgetState(id=self.widget(name).id, string_value=value)
        self._values[state.id] = state

    async def open(self, path: str = "", query: str = "") -> RunResult:
        """Go to a page (its url path, "" for the default one), as a link or a reload would."""
        self._values.clear()
        return await self._rerun(path=path, query=query)

    async def click(self, name: str, *, path: str = "", query: str = "") -> RunResult:
        trigger = WidgetState(id=self.widget(name).id, trigger_value=True)
        return await self._rerun(path=path, query=query, trigger=trigger)

    async def _rerun(self, *, path: str, query: str, trigger: WidgetState | None = None):
        if self._ws is None:
            raise SessionError("the session is not connected (use `async with`)")
        message = BackMsg()
        rerun = message.rerun_script
        rerun.query_string = query
        rerun.page_script_hash = self.pages.get(path, "")
        if path and not rerun.page_script_hash:
            rerun.page_name = path
        rerun.widget_states.widgets.extend(self._values.values())
        if trigger is not None:
            rerun.widget_states.widgets.append(trigger)
        start = time.perf_counter()
        await self._ws.send(message.SerializeToString())
        return await self._read_run(start)

    async def _read_run(self, start: float) -> RunResult:
        texts: list[str] = []
        exceptions: list[str] = []
        widgets: dict[str, Widget] = {}
        runs = 1
        deadline = start + self.timeout_s
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise SessionError(f"no script_finished within {self.timeout_s} s")
            raw = await _recv(self._ws, remaining)
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "navigation":
                for page in forward.navigation.app_pages:
                    self.pages[page.url_pathname] = page.page_script_hash
            elif kind == "delta":
                _read_delta(forward, widgets, texts, exceptions)
            elif kind == "script_finished":
                if forward.script_finished == RERUN_FOLLOWS:
                    widgets, texts, exceptions = {}, [], []
                    runs += 1
                    continue
                seconds = time.perf_counter() - start
                if forward.script_finished not in FINISHED_OK:
                    status = forward.script_finished
                    raise SessionError(f"the run ended with status {status}: {exceptions}")
                self.widgets = widgets
                return RunResult(seconds=seconds, runs=runs, texts=texts, exceptions=exceptions)


async def _recv(ws: websockets.ClientConnection, timeout_s: float) -> bytes:
    try:
        return await asyncio.wait_for(ws.recv(), timeout=timeout_s)
    except TimeoutError:
        raise SessionError(f"the server said nothing for {timeout_s:.0f} s") from None


def _read_delta(
    forward: ForwardMsg, widgets: dict[str, Widget], texts: list[str], exceptions: list[str]
) -> None:
    delta = forward.delta
    if delta.WhichOneof("type") != "new_element":
        return
    element = delta.new_element
    kind = element.WhichOneof("type")
    if kind is None:
        return
    body = getattr(element, kind)
    if kind == "exception":
        where = " | ".join(line.strip() for line in list(body.stack_trace)[-3:])
        exceptions.append(f"{body.type}: {body.message} (at {where})")
    elif kind in ("markdown", "alert", "heading"):
        texts.append(body.body)
    widget_id = getattr(body, "id", "")
    if isinstance(widget_id, str) and widget_id.startswith("$$ID-"):
        label = str(getattr(body, "label", ""))
        widget = Widget(id=widget_id, kind=kind, label=label)
        key = widget_id.split(KEY_MARK, 2)[-1] if widget_id.count(KEY_MARK) >= 2 else ""
        for name in (label, key):
            if name:
                widgets[name] = widget
