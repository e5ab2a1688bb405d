"""Benchmark plug-in of decks: importing a document as a new deck, and switching decks.

`bench()` (listed in `tools.bench.BENCH_PLUGINS`) returns {"decks": {...}}:
- `import_60_ms`: the seed document (60 questions, the plain-text form with every repair)
  parsed and written as a new deck with its generated answer key (`import_file` +
  `create_deck`, what `import DOC --deck NAME` does after start-up), median of 3 imports
  into fresh names (target <= 2000 ms);
- `switch_first_ms` / `switch_ms`: server time of a rerun that changes the current deck
  (Streamlit's AppTest, which includes its own overhead) on Home, Browse, Self-quiz and
  Progress, cycling through three decks: the first switch to each deck loads its bank
  (cold), the others are the median of 9 switches (target <= 200 ms).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "simulacro_parte2_seed.txt"
JUNIOR = ROOT / "tests" / "fixtures" / "family" / "simulacro_junior.md"
TARGET_IMPORT_MS = 2000
TARGET_SWITCH_MS = 200
REPEAT = 9


def _import_ms(name: str) -> float:
    from simulacro.decks import create_deck
    from simulacro.importer import import_file

    start = time.perf_counter()
    result = import_file(SEED, built_in=False)
    create_deck(name, result, SEED.name)
    return (time.perf_counter() - start) * 1000


def _timed_run(at) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - start) * 1000
    assert not at.exception, at.exception
    return elapsed


def _switch_figures() -> dict:
    from streamlit.testing.v1 import AppTest

    def new_app() -> AppTest:
        return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)

    figures: dict = {}
    # The switcher's callback sets the session's deck, then the page reruns on that deck.
    # (AppTest reruns the page script alone after the first run; the part app.py adds, the
    # sync with ?deck= and the switcher, reads one cached list and is not timed here.)
    for page in ("pages/home.py", "pages/browse.py", "pages/quiz.py", "pages/progress.py"):
        at = new_app()
        at.run()
        if page != "pages/home.py":
            at.switch_page(page).run()
        times = []
        for index in range(REPEAT + 2):
            at.session_state["deck"] = ("parte2", "junior", "lead")[index % 3]
            times.append(_timed_run(at))
        figures[page.split("/")[1].removesuffix(".py")] = {
            "switch_first_ms": round(max(times[:2]), 1),  # the decks' banks load cold
            "switch_ms": round(statistics.median(times[2:]), 1),
        }
    return figures


def bench() -> dict:
    with tempfile.TemporaryDirectory() as data_dir:
        os.environ["SIMULACRO_DATA_DIR"] = data_dir
        os.chdir(ROOT)
        imports = [_import_ms(f"bench-{i}") for i in range(3)]
        from simulacro.decks import create_deck
        from simulacro.importer import import_file

        create_deck("parte2", import_file(SEED, built_in=False), SEED.name)
        create_deck("junior", import_file(JUNIOR, built_in=False), JUNIOR.name)
        switches = _switch_figures()
    import_ms = statistics.median(imports)
    worst_switch = max(page["switch_ms"] for page in switches.values())
    return {
        "decks": {
            "import_60_ms": round(import_ms, 1),
            "import_ok": import_ms <= TARGET_IMPORT_MS,
            "switch": switches,
            "switch_ok": worst_switch <= TARGET_SWITCH_MS,
            "targets": {"import_60_ms": TARGET_IMPORT_MS, "switch_ms": TARGET_SWITCH_MS},
        }
    }


if __name__ == "__main__":
    import json

    print(json.dumps(bench(), indent=2))
