"""The API driven in-process (no socket, no server): what demos, the bench and tests use.

`fastapi.testclient.TestClient` sends real HTTP requests through the whole ASGI stack
(middlewares, validation, exception handlers); entering it runs the lifespan, so the
model loads exactly as under uvicorn.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from projects.bankchurn.api.app import create_app
from projects.bankchurn.api.model import ModelHandle, load_model
from projects.bankchurn.api.settings import ApiSettings

with warnings.catch_warnings():
    # Starlette 1.x asks for the `httpx2` fork, which is not published where we install from;
    # `httpx` works and is what the requirements pin.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient


@contextmanager
def in_process_client(
    settings: ApiSettings | None = None,
    loader: Callable[[ApiSettings], ModelHandle] = load_model,
    raise_server_exceptions: bool = True,
) -> Iterator[TestClient]:
    app = create_app(settings, loader=loader)
    with TestClient(app, raise_server_exceptions=raise_server_exceptions) as client:
        yield client
