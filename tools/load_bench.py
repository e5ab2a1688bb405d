"""`python -m simulacro load`: N learners at once on one app server (browse -> quiz -> rate).

Each learner is a Streamlit websocket session (`tools.ws_client`), not a browser: on a
2-core machine thirty headless browsers would measure themselves, not the server. In hosted
mode every learner sends its own identity header, so each rates into its own progress. The
report gives p50/p95 of an interaction's server time (rerun sent -> `script_finished`, on
loopback, queueing included) and the server's memory per session (resident memory with all
sessions open minus after one warm-up learner, divided by the learners).

Bounded: a fixed number of learners x rounds, each interaction with a timeout; the server
and the sessions are closed at the end whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from unittest import mock

from tools.server import app_server
from tools.ws_client import SessionError, StreamlitSession

HEADER = "X-Forwarded-Email"
STEPS = ("home", "browse", "quiz", "start", "reveal", "rate")
ANSWER = "Separar train/test antes de escalar; el scaler dentro de un Pipeline, fit solo en train."
TARGET_P95_MS = 500
TARGET_MB_PER_SESSION = 15


@dataclass
class LoadReport:
    store: str  # where progress went: "sqlite (local)", "sqlite per learner", "postgresql"
    learners: int
    rounds: int
    think_s: tuple[float, float]
    interactions: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    per_step_p95_ms: dict[str, float]
    rss_warm_mb: float
    rss_loaded_mb: float
    mb_per_session: float
    cpu_ms_per_interaction: float  # server CPU: the interactions a second one core can serve
    errors: list[str] = field(default_factory=list)
    reviews_saved: dict[str, int] = field(default_factory=dict)
    wall_s: float = 0.0

    @property
    def targets_met(self) -> bool:
        return (
            not self.errors
            and self.p95_ms <= TARGET_P95_MS
            and self.mb_per_session <= TARGET_MB_PER_SESSION
        )


def learner_email(index: int) -> str:
    return f"learner{index:02d}@example.com"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


async def learner_flow(
    session: StreamlitSession, rounds: int, think_s: tuple[float, float], rng: random.Random
) -> list[tuple[str, float]]:
    """browse -> quiz -> rate, `rounds` times; (step, seconds) of every interaction."""
    timings: list[tuple[str, float]] = []

    async def step(name: str, action) -> None:
        result = await action
        if result.exceptions:
            raise SessionError(f"{name}: {result.exceptions[0]}")
        timings.append((name, result.seconds))
        await asyncio.sleep(rng.uniform(*think_s))

    for _ in range(rounds):
        await step("home", session.open())
        await step("browse", session.open("browse", f"q={rng.randint(1, 115)}"))
        await step("quiz", session.open("quiz"))
        if "quiz_start" in session.widgets:  # else the session of the last round goes on
            await step("start", session.click("quiz_start", path="quiz"))
        session.set_text("quiz_answer", ANSWER)
        await step("reveal", session.click("quiz_reveal", path="quiz"))
        await step("rate", session.click("quiz_rate_good", path="quiz"))
    return timings


async def _run_learners(
    ws_url: str,
    emails: list[str],
    rounds: int,
    think_s: tuple[float, float],
    seed: int,
    on_all_done: Callable[[], float],
) -> tuple[list[tuple[str, float]], list[str], float]:
    """Every learner's flow at once; memory is read while all sessions are still open."""
    done = asyncio.Event()
    arrived: set[str] = set()  # learners whose flow ended, well or not
    timings: list[tuple[str, float]] = []
    errors: list[str] = []
    loaded_rss: list[float] = []

    def arrive(email: str) -> None:
        arrived.add(email)
        if len(arrived) == len(emails) and not done.is_set():
            loaded_rss.append(on_all_done())
            done.set()

    async def one(email: str, index: int) -> None:
        rng = random.Random(seed + index)
        try:
            async with StreamlitSession(ws_url, headers={HEADER: email}) as session:
                await asyncio.sleep(rng.uniform(0, think_s[1]))  # arrivals spread out
                timings.extend(await learner_flow(session, rounds, think_s, rng))
                arrive(email)
                await done.wait()  # hold the session open until memory is read
        except (SessionError, OSError) as exc:
            errors.append(f"{email}: {exc}")
            arrive(email)

    await asyncio.gather(*(one(email, i) for i, email in enumerate(emails)))
    return timings, errors, loaded_rss[0] if loaded_rss else float("nan")


def run_async(coroutine):
    """asyncio.run in a thread of its own: the caller may already be inside an event loop
    (Playwright's sync API leaves one running in the test process)."""
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # handed back to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="load-test-loop")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def run_load(
    *,
    learners: int = 30,
    rounds: int = 2,
    think_s: tuple[float, float] = (0.5, 2.0),
    env: Mapping[str, str] | None = None,
    data_dir: Path | None = None,
    count_reviews: Callable[[Path, str], int] | None = None,
    seed: int = 7,
    store: str = "sqlite (local)",
) -> LoadReport:
    """Start a server with `env`, warm it with one learner, then run `learners` at once."""
    with tempfile.TemporaryDirectory(prefix="simulacro-load-") as tmp:
        folder = Path(data_dir or tmp)
        started = time.perf_counter()
        with app_server(folder, env=env) as server:
            ws_url = server.base_url.replace("http://", "ws://") + "/_stcore/stream"
            _, warm_errors, _ = run_async(
                _run_learners(ws_url, ["warmup@example.com"], 1, (0, 0), seed, lambda: 0.0)
            )
            if warm_errors:
                raise RuntimeError(f"the warm-up learner failed: {warm_errors[0]}")
            warm = rss_mb(server.pid)
            cpu_before = cpu_seconds(server.pid)
            emails = [learner_email(i) for i in range(learners)]
            timings, errors, loaded = run_async(
                _run_learners(ws_url, emails, rounds, think_s, seed, lambda: rss_mb(server.pid))
            )
            cpu = cpu_seconds(server.pid) - cpu_before
        saved = {email: count_reviews(folder, email) for email in emails} if count_reviews else {}
        seconds = [t * 1000 for _, t in timings]
        per_step = {
            name: round(_percentile([t * 1000 for s, t in timings if s == name], 95), 1)
            for name in STEPS
        }
        return LoadReport(
            store=store,
            learners=learners,
            rounds=rounds,
            think_s=think_s,
            interactions=len(timings),
            p50_ms=round(_percentile(seconds, 50), 1),
            p95_ms=round(_percentile(seconds, 95), 1),
            max_ms=round(max(seconds, default=float("nan")), 1),
            per_step_p95_ms=per_step,
            rss_warm_mb=round(warm, 1),
            rss_loaded_mb=round(loaded, 1),
            mb_per_session=round((loaded - warm) / max(learners, 1), 2),
            cpu_ms_per_interaction=round(cpu * 1000 / max(len(timings), 1), 1),
            errors=errors,
            reviews_saved=saved,
            wall_s=round(time.perf_counter() - started, 1),
        )


def format_report(report: LoadReport) -> str:
    lines = [
        f"load ({report.store}): {report.learners} learners x {report.rounds} rounds, "
        f"{report.interactions} interactions in {report.wall_s} s "
        f"(think time {report.think_s[0]}-{report.think_s[1]} s)",
        f"  interaction server time: p50 {report.p50_ms} ms, p95 {report.p95_ms} ms "
        f"(target <= {TARGET_P95_MS}), max {report.max_ms} ms; server CPU "
        f"{report.cpu_ms_per_interaction} ms per interaction",
        "  p95 per step: "
        + ", ".join(f"{name} {ms} ms" for name, ms in report.per_step_p95_ms.items()),
        f"  server memory: {report.rss_warm_mb} MB warm, {report.rss_loaded_mb} MB with all "
        f"sessions open: {report.mb_per_session} MB per session "
        f"(target <= {TARGET_MB_PER_SESSION})",
    ]
    if report.reviews_saved:
        counts = sorted(set(report.reviews_saved.values()))
        lines.append(f"  reviews saved per learner: {counts} (expected [{report.rounds}])")
        if counts != [report.rounds]:
            lines.append("  error: a learner's progress does not hold exactly its own reviews")
    lines.extend(f"  error: {error}" for error in report.errors)
    return "\n".join(lines)


HOSTED_ENV = {
    "SIMULACRO_HOSTED": "1",
    "SIMULACRO_IDENTITY": "header",
    "SIMULACRO_IDENTITY_HEADER": HEADER,
}


@contextlib.contextmanager
def _database(url: str | None, want_postgres: bool) -> Iterator[str | None]:
    """The database URL to use: the one given, a throwaway server, or None (SQLite)."""
    if url or not want_postgres:
        yield url
        return
    from tools.postgres_server import postgres_bin_dir, running_postgres

    if postgres_bin_dir() is None:
        raise RuntimeError("no PostgreSQL binaries (apt-get install postgresql) or --database-url")
    with running_postgres() as server:
        yield server.create_database("load")


def run_hosted_load(
    *, database_url: str | None = None, postgres: bool = True, **options
) -> LoadReport:
    """Hosted mode (trusted header identity): each learner rates into its own progress, on
    PostgreSQL (the URL given, else a throwaway server) or on SQLite folders per learner."""
    from simulacro.decks import built_in_deck
    from simulacro.store_factory import DATABASE_URL_ENV, open_progress_store

    with _database(database_url, postgres) as url:
        env = dict(HOSTED_ENV, **({DATABASE_URL_ENV: url} if url else {}))

        def count(folder: Path, email: str) -> int:
            deck = built_in_deck(folder)
            # the store factory reads the URL from the environment: this run's, not ours
            with mock.patch.dict(os.environ):
                os.environ.pop(DATABASE_URL_ENV, None)
                os.environ.update({DATABASE_URL_ENV: url} if url else {})
                store = open_progress_store(deck.progress_dir, deck=deck.name, learner=email)
                return store.review_count()

        kind = "postgresql" if url else "sqlite per learner"
        return run_load(env=env, count_reviews=count, store=kind, **options)


def bench() -> dict:
    """The bench plug-in: 30 learners x 2 rounds on one hosted server, on PostgreSQL when
    its binaries are installed (else SQLite folders per learner)."""
    from tools.postgres_server import postgres_bin_dir

    report = run_hosted_load(postgres=postgres_bin_dir() is not None)
    return {"load": {**asdict(report), "targets_met": report.targets_met}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m simulacro load",
        description="N learners at once on one app server: browse -> quiz -> rate.",
    )
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--think", type=float, nargs=2, default=(0.5, 2.0), metavar=("MIN", "MAX"))
    parser.add_argument(
        "--store",
        choices=("postgres", "sqlite", "local"),
        default="postgres",
        help="hosted on PostgreSQL (a throwaway server unless --database-url), hosted on "
        "SQLite folders per learner, or the local single-user mode",
    )
    parser.add_argument("--database-url", help="an existing PostgreSQL database to use")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not 1 <= args.learners <= 200 or not 1 <= args.rounds <= 20:
        parser.error("--learners must be 1-200 and --rounds 1-20")
    options = {"learners": args.learners, "rounds": args.rounds, "think_s": tuple(args.think)}
    try:
        if args.store == "local":
            report = run_load(**options)
        else:
            report = run_hosted_load(
                database_url=args.database_url, postgres=args.store == "postgres", **options
            )
    except RuntimeError as exc:
        print(f"load: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(asdict(report), indent=2) if args.json else format_report(report))
    saved_ok = set(report.reviews_saved.values()) <= {report.rounds}
    return 0 if not report.errors and saved_ok else 1


if __name__ == "__main__":
    sys.exit(main())
