"""The throwaway PostgreSQL server the hosted-mode tests rely on really starts and answers."""

from __future__ import annotations

import subprocess

import pytest

pytestmark = pytest.mark.postgres


def _psql(server, url: str, sql: str) -> str:
    result = subprocess.run(
        [str(server.bin_dir / "psql"), url, "-At", "-c", sql],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return result.stdout.strip()


def test_server_answers_queries_in_a_fresh_database(postgres_server):
    url = postgres_server.create_database("fixture_check")
    _psql(postgres_server, url, "CREATE TABLE t (n int); INSERT INTO t VALUES (41), (1);")
    assert _psql(postgres_server, url, "SELECT sum(n) FROM t") == "42"


def test_server_listens_only_on_loopback(postgres_server):
    assert postgres_server.host == "127.0.0.1"
    url = postgres_server.url()
    assert _psql(postgres_server, url, "SHOW listen_addresses") == "127.0.0.1"
