"""The command-line dispatcher: usage, unknown commands, routing of .json imports."""

import json
import subprocess
import sys
from pathlib import Path

from simulacro.__main__ import COMMANDS, main

ROOT = Path(__file__).resolve().parents[1]


def test_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert command in out


def test_no_command_and_unknown_command_exit_2(capsys):
    assert main([]) == 2
    assert main(["frobnicate"]) == 2
    assert "unknown command 'frobnicate'" in capsys.readouterr().err


def test_every_command_points_at_a_real_function():
    import importlib

    for module_name, function_name, _ in COMMANDS.values():
        assert callable(getattr(importlib.import_module(module_name), function_name))


def test_import_of_a_json_file_goes_to_the_progress_importer(tmp_path):
    bad = tmp_path / "progress.json"
    bad.write_text(json.dumps({"not": "an export"}), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "simulacro", "import", str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "SIMULACRO_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "invalid progress file, nothing was imported" in result.stderr
    assert "parsed" not in result.stdout  # not treated as a question document
