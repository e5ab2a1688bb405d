"""A throwaway PostgreSQL server for tests, from Debian's `postgresql` binaries.

`initdb` + `pg_ctl` on a temporary folder and a free loopback port; no mock, no fixed port,
no system cluster touched. PostgreSQL refuses to run as root, so when the tests run as root
(as CI does) the server runs as the `postgres` system user that Debian's package creates.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tools.server import free_port


def postgres_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/<v>/bin that has initdb, or one on PATH."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: [int(x) for x in Path(p).parent.parent.name.split(".") if x.isdigit()],
    )
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


@dataclass(frozen=True)
class PostgresServer:
    host: str
    port: int
    user: str
    bin_dir: Path
    data_dir: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database on this server; its URL."""
        self._run(["createdb", "-h", self.host, "-p", str(self.port), "-U", self.user, name])
        return self.url(name)

    def stop(self, mode: str = "fast") -> None:
        self._run(["pg_ctl", "-D", str(self.data_dir), "-m", mode, "-w", "stop"])

    def start(self) -> None:
        self._run(
            [
                "pg_ctl",
                "-D",
                str(self.data_dir),
                "-l",
                str(self.data_dir / "server.log"),
                "-w",
                "-t",
                "30",
                "start",
            ]
        )

    def _run(self, argv: list[str]) -> None:
        _run_as(self.user, [str(self.bin_dir / argv[0]), *argv[1:]])


def _run_as(user: str, argv: list[str]) -> None:
    if os.geteuid() == 0:
        argv = ["runuser", "-u", user, "--", *argv]
    subprocess.run(argv, check=True, capture_output=True, timeout=60)


@contextlib.contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    """Start a server on a free port; stop it and delete its files afterwards."""
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL server binaries not found (apt-get install postgresql)")
    user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
    root = Path(tempfile.mkdtemp(prefix="simulacro-pg-"))
    data_dir = root / "data"
    socket_dir = root / "socket"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        uid = pwd.getpwnam(user).pw_uid
        for path in (root, socket_dir):
            os.chown(path, uid, -1)
    port = free_port()
    server = PostgresServer("127.0.0.1", port, user, bin_dir, data_dir)
    try:
        _run_as(
            user,
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data_dir),
                "-U",
                user,
                "--auth=trust",
                "--encoding=UTF8",
                "--no-sync",
            ],
        )
        with open(data_dir / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                f"\nport = {port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{socket_dir}'\nfsync = off\n"
                "max_connections = 100\n"
            )
        deadline = time.monotonic() + 30
        server.start()
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            time.sleep(0.1)
        yield server
    finally:
        with contextlib.suppress(Exception):
            server.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)
