"""`python -m simulacro COMMAND ...` — the command-line entry point.

Each command lives in its own module exposing `main(argv: list[str]) -> int`; the table
below maps a command to that module so features can add commands without touching others.
"""

from __future__ import annotations

import importlib
import sys

COMMANDS: dict[str, tuple[str, str, str]] = {
    # command: (module, function, help)
    "import": (
        "simulacro.cli_import",
        "main",
        "parse a Simulacro document into question files (a .json: progress import)",
    ),
    "validate": ("simulacro.cli_validate", "main", "check questions/ and answers.yaml"),
    "decks": ("simulacro.cli_decks", "decks_main", "list the decks: built-in and imported"),
    "questions": ("simulacro.cli_decks", "questions_main", "list a deck's questions (--json)"),
    "bench": ("tools.bench", "main", "measure load, search, page reruns, start-up, memory"),
    "demos": ("tools.demos_cli", "main", "run every demo once and check its claim (--check)"),
    "load": (
        "tools.load_bench",
        "main",
        "N learners at once on one server: browse -> quiz -> rate (p50/p95, MB per session)",
    ),
    "api": ("projects.bankchurn.api.serve", "main", "serve the BankChurn prediction API (uvicorn)"),
    "export-guide": (
        "simulacro.export_guide",
        "main",
        "a printable study guide: FILE.html [--deck NAME] [--section S] (.pdf with Chromium)",
    ),
    "export-anki": (
        "simulacro.export_anki",
        "main",
        "an Anki deck: FILE.apkg [--deck NAME] (re-import updates the notes)",
    ),
    "export": ("simulacro.progress_cli", "export_main", "export progress to JSON"),
    "import-progress": ("simulacro.progress_cli", "import_main", "import progress from JSON"),
    "grade": ("simulacro.grading_cli", "main", "grade an answer read from stdin (--question N)"),
    "grading-eval": (
        "simulacro.grading_eval",
        "main",
        "measure the grader on the labelled answers in tests/grading_eval/",
    ),
}


def usage() -> str:
    lines = ["usage: python -m simulacro COMMAND [options]", "", "commands:"]
    lines += [f"  {name:<16} {help_text}" for name, (_, _, help_text) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(usage())
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        print(f"unknown command {command!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module_name, function_name, _ = COMMANDS[command]
    entry = getattr(importlib.import_module(module_name), function_name)
    return int(entry(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
