"""Start the app with `streamlit run` on a free local port (for the benchmark and e2e tests)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class AppServer:
    base_url: str
    seconds_to_healthy: float
    pid: int


@contextlib.contextmanager
def running_app(data_dir: Path | str, timeout_s: float = 60) -> Iterator[tuple[str, float]]:
    """Yield (base URL, seconds from launch to a healthy server); stop the server after."""
    with app_server(data_dir, timeout_s=timeout_s) as server:
        yield server.base_url, server.seconds_to_healthy


@contextlib.contextmanager
def app_server(
    data_dir: Path | str, *, env: Mapping[str, str] | None = None, timeout_s: float = 60
) -> Iterator[AppServer]:
    """The app on a free port with `env` added to ours (hosted mode, a database URL...);
    stopped after."""
    port = free_port()
    start = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=dict(os.environ, SIMULACRO_DATA_DIR=str(data_dir), **(env or {})),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                time.sleep(0.05)
            if process.poll() is not None:
                error = process.stderr.read().decode(errors="replace")[-2000:]
                raise RuntimeError(f"streamlit exited: {error}")
            if time.perf_counter() - start > timeout_s:
                raise RuntimeError(f"streamlit did not become healthy within {timeout_s} s")
        yield AppServer(base_url, time.perf_counter() - start, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
