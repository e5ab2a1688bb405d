"""Benchmark plug-in of the mock interview: the cost of one tick of the live clock.

`bench()` (listed in `tools.bench.BENCH_PLUGINS`) returns {"mock": {...}}. What it
measures, on the real page through Streamlit's AppTest:

1. A full run of the Mock interview page with an interview in progress (the baseline: what
   every tick would cost if the whole page reran).
2. Fragment-scoped runs of the page's clock fragment, exactly the rerun the browser asks
   for every second (`run_every=1`): the run request carries only the fragment's id, as
   the frontend's does. AppTest has no public call for that, so the bench patches the rerun
   request it builds (`RerunData`) to add the fragment id; the script runner then runs the
   fragment alone.
   - `tick_body_ms`: server time of the fragment body (tick + both countdowns), timed by
     the fragment itself with perf_counter (target <= 20 ms);
   - `fragment_run_ms`: the whole fragment-scoped run including AppTest's own overhead
     (an upper bound of the server time of a tick);
   - `page_runs_during_ticks`: how many times the page body ran during those fragment
     runs (the page counts its runs in session state). 0 is the evidence that a tick does
     not rerun the rest of the page; `fragment_runs` must equal the number of ticks.
3. The same with the spoken interview on (`with_recording`): a recorded answer kept for the
   current question (its player on the page) and the speech toggle on; `audio_players` and
   `speech_frames` show that they were there. `tick_ok` holds only if both ticks are within
   the target.

Streamlit is imported inside the functions only, so `python -m simulacro bench --help`
stays quick.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/mock_interview.py"
TARGET_TICK_MS = 20.0
TICKS = 30


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(ticks: int = TICKS, recording: bool = False) -> dict:
    """Run the page with an interview in progress, then `ticks` fragment-only reruns.

    `recording=True`: the spoken interview is on — a recorded answer kept for the current
    question (played back under the widget) and the speech toggle on.
    """
    from unittest import mock

    import streamlit.testing.v1.local_script_runner as local_runner
    from streamlit.testing.v1 import AppTest

    from simulacro import interview as iv
    from ui import mock_widgets as mw

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.run()
    app.switch_page(PAGE)
    config = iv.custom(n_questions=8, seconds_per_question=270, total_seconds=45 * 60)
    numbers = [15, 28, 44, 60, 64, 82, 103, 114]
    interview = iv.Interview.start(config, numbers, now=time.time())
    app.session_state[mw.INTERVIEW] = interview
    if recording:
        from simulacro import recordings
        from simulacro.store import resolve_data_dir
        from tools.wav_tone import wav_bytes
        from ui import mock_voice

        slot = interview.recording_slot()
        _, info = recordings.save(resolve_data_dir(), interview.token, slot, wav_bytes(30.0))
        interview.set_recording(slot, info.seconds)
        app.session_state[mock_voice.SPEAK] = True
    app.run()
    if app.exception:
        return {"error": str(app.exception[0].value)[:200]}

    # Evidence the spoken interview really is on the page being timed (0/0 when typed).
    spoken_elements = {
        "audio_players": len(app.get("audio")),
        "speech_frames": len(app.get("iframe")),
    }
    full = []
    for _ in range(5):
        started = time.perf_counter()
        app.run()
        full.append((time.perf_counter() - started) * 1000)

    # After a full run the fragment storage knows the clock fragment by its key.
    fragment_ids = app._fragment_storage.resolve_target(mw.CLOCK_FRAGMENT)  # noqa: SLF001
    original = local_runner.RerunData

    def fragment_rerun(**kwargs):
        return original(**kwargs, fragment_id_queue=list(fragment_ids), is_auto_rerun=True)

    page_runs = app.session_state[mw.PAGE_RUNS]
    fragment_runs = app.session_state[mw.FRAGMENT_RUNS]
    bodies, runs = [], []
    with mock.patch.object(local_runner, "RerunData", fragment_rerun):
        for _ in range(ticks):
            started = time.perf_counter()
            app.run()
            runs.append((time.perf_counter() - started) * 1000)
            bodies.append(app.session_state[mw.TICK_MS])
    clocks = [m.value for m in app.markdown]
    body_ms = statistics.median(bodies)
    return {
        "page_rerun_ms": round(statistics.median(full), 2),
        "tick_body_ms": round(body_ms, 3),
        "tick_body_p95_ms": round(_percentile(bodies, 0.95), 3),
        "fragment_run_ms": round(statistics.median(runs), 2),
        "ticks": ticks,
        "fragment_ids": len(fragment_ids),
        "fragment_runs": app.session_state[mw.FRAGMENT_RUNS] - fragment_runs,
        "page_runs_during_ticks": app.session_state[mw.PAGE_RUNS] - page_runs,
        "elements_drawn_by_tick": len(clocks),
        "target_tick_ms": TARGET_TICK_MS,
        "tick_ok": body_ms <= TARGET_TICK_MS,
        **spoken_elements,
    }


def bench() -> dict:
    """{"mock": figures} for `python -m simulacro bench` (see the module docstring)."""
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    if os.environ.get("SIMULACRO_DATA_DIR"):
        return {"mock": _both()}
    with tempfile.TemporaryDirectory() as data_dir:
        os.environ["SIMULACRO_DATA_DIR"] = data_dir
        try:
            return {"mock": _both()}
        finally:
            os.environ.pop("SIMULACRO_DATA_DIR", None)


def _both() -> dict:
    """The typed interview, and the spoken one (recording kept, speech on) beside it."""
    figures = measure()
    spoken = measure(recording=True)
    figures["with_recording"] = spoken
    figures["tick_ok"] = bool(figures.get("tick_ok")) and bool(spoken.get("tick_ok"))
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(bench(), indent=2))
