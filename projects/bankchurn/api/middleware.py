"""Two pure ASGI middlewares: the body-size limit and the request metrics.

Pure ASGI (not `@app.middleware("http")`) because they sit on every request of a service
whose whole latency budget is a few milliseconds.
"""

from __future__ import annotations

import json
import time
from typing import Any

from projects.bankchurn.api.metrics import ApiMetrics

Scope = dict[str, Any]


def _json_response(status: int, body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    payload = json.dumps(body).encode()
    start = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(payload)).encode()),
        ],
    }
    return start, {"type": "http.response.body", "body": payload}


class BodyLimitMiddleware:
    """413 for a body over `max_bytes`, decided before any JSON parsing (question 24).

    A declared Content-Length over the limit is refused without reading a byte; a chunked
    body is read up to the limit, then refused. Under the limit the body is replayed to the
    app unchanged (FastAPI reads it whole anyway).
    """

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _too_large(self, size: str) -> dict[str, Any]:
        message = f"the request body is {size} bytes; the limit is {self.max_bytes:,}"
        return {"detail": [{"field": "body", "msg": message, "type": "payload_too_large"}]}

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in {"GET", "HEAD", "OPTIONS"}:
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            for message in _json_response(413, self._too_large(f"{int(declared):,}")):
                await send(message)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away; the app will see the disconnect
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                for reply in _json_response(413, self._too_large(f"over {self.max_bytes:,}")):
                    await send(reply)
                return
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> dict[str, Any]:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        await self.app(scope, replay, send)


class MetricsMiddleware:
    """Counts every request and times it, labelled by route template (not the raw URL:
    `/v1/predict?x=1` and a scanner's random paths must not explode the label set)."""

    def __init__(self, app: Any, metrics: ApiMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500  # if the app dies before answering, that is what the client gets

        async def send_and_record(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_record)
        finally:
            route = scope.get("route")
            endpoint = getattr(route, "path", None) or "unmatched"
            self.metrics.observe_request(
                endpoint, scope["method"], status, time.perf_counter() - start
            )
