"""The layer rule of docs/ARCHITECTURE.md: simulacro/ and projects/ never import Streamlit
or ui. ruff's banned-api rule (TID251, pyproject.toml) enforces it; this test runs that
rule in CI, and a plain AST scan backs it up so the rule cannot be switched off silently."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PURE_LAYERS = ("simulacro", "projects")
BANNED = ("streamlit", "ui")


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def test_pure_layers_import_neither_streamlit_nor_ui():
    leaks = [
        f"{path.relative_to(ROOT)}:{line}: imports {module}"
        for layer in PURE_LAYERS
        for path in sorted((ROOT / layer).rglob("*.py"))
        for line, module in _imported_modules(path)
        if module.split(".")[0] in BANNED
    ]
    assert leaks == []


def test_ruff_banned_api_rule_is_on_and_clean():
    ruff = shutil.which("ruff")
    command = [ruff] if ruff else [sys.executable, "-m", "ruff"]
    if not ruff and subprocess.run(command + ["--version"], capture_output=True).returncode:
        pytest.skip("ruff is not installed (requirements-dev.txt installs it)")
    done = subprocess.run(
        command + ["check", "--select", "TID251", "--output-format", "concise", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_rule_catches_a_leak():
    """The config really bans the imports in projects/ (a rule that cannot fail proves nothing)."""
    ruff = shutil.which("ruff")
    if not ruff:
        pytest.skip("ruff is not on PATH")
    probe = "import streamlit\nfrom ui.text import demos\n"
    command = [ruff, "check", "--select", "TID251", "--output-format", "concise"]
    leak = subprocess.run(
        command + ["--stdin-filename", "projects/probe.py", "-"],
        cwd=ROOT,
        input=probe,
        capture_output=True,
        text=True,
    )
    assert leak.returncode == 1 and leak.stdout.count("TID251") == 2, leak.stdout
    allowed = subprocess.run(
        command + ["--stdin-filename", "ui/probe.py", "-"],
        cwd=ROOT,
        input=probe,
        capture_output=True,
        text=True,
    )
    assert allowed.returncode == 0, allowed.stdout
