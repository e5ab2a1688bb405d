"""CI/CD and delivery demos as pure computations (questions 32, 74, 81-86, 89, 90, 39).

Each builds its answer from the input it is given (a Dockerfile's text, a set of version
ranges, a CI graph, a list of findings): `compute_*` returns it as a frozen dataclass with
the claim as a property, `present_*` turns it into the DemoResult shown.
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import io
import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import yaml
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

from projects.demo import DemoResult
from projects.figures import figure_layout

ROOT = Path(__file__).resolve().parents[2]
_LAYOUT = figure_layout(360)


# ============================================================ 81, 83, 84: CI as a timeline
@dataclass(frozen=True)
class Job:
    name: str
    minutes: float
    needs: tuple[str, ...] = ()
    matrix: bool = False


def ci_jobs(versions: tuple[str, ...]) -> list[Job]:
    jobs = [Job("lint (ruff)", 1.5), Job("security (bandit, pip-audit)", 3.0)]
    jobs += [
        Job(f"test py{v}", 6.0 + 0.5 * i, ("lint (ruff)",), True) for i, v in enumerate(versions)
    ]
    tests = tuple(j.name for j in jobs if j.matrix)
    jobs += [
        Job("build image", 4.0, (*tests, "security (bandit, pip-audit)")),
        Job("deploy", 2.0, ("build image",)),
    ]
    return jobs


def simulate_ci(jobs: list[Job], failing: str, fail_after: float, fail_fast: bool) -> pd.DataFrame:
    """Start, end and outcome of each job (jobs run in parallel once their needs pass)."""
    done: dict[str, tuple[float, float, str]] = {}
    cancel_at = None
    for job in jobs:  # listed in dependency order
        needs = [done[n] for n in job.needs]
        if any(outcome != "passed" for _, _, outcome in needs):
            done[job.name] = (
                max((e for _, e, _ in needs), default=0),
                max((e for _, e, _ in needs), default=0),
                "skipped",
            )
            continue
        start = max((e for _, e, _ in needs), default=0.0)
        if job.name == failing:
            end = start + min(fail_after, job.minutes)
            done[job.name] = (start, end, "failed")
            if job.matrix and fail_fast:
                cancel_at = end
            continue
        done[job.name] = (start, start + job.minutes, "passed")
    if cancel_at is not None:  # fail-fast cancels the matrix siblings still running
        for job in jobs:
            start, end, outcome = done[job.name]
            if job.matrix and outcome == "passed" and end > cancel_at:
                done[job.name] = (start, max(start, cancel_at), "cancelled")
        for job in jobs:  # what depends on the matrix is skipped, when its needs stopped
            if any(done[n][2] != "passed" for n in job.needs):
                stopped = max(done[n][1] for n in job.needs)
                done[job.name] = (stopped, stopped, "skipped")
    return pd.DataFrame(
        [
            {"job": n, "start": s, "end": e, "minutes": round(e - s, 2), "outcome": o}
            for n, (s, e, o) in done.items()
        ]
    )


COLORS = {"passed": "#2e7d32", "failed": "#c62828", "cancelled": "#9e9e9e", "skipped": "#e0e0e0"}


@dataclass(frozen=True)
class CiRuns:
    """What the CI demo simulated: the same run with fail-fast on and off."""

    versions: tuple[str, ...]
    failing: str  # the failing job, or "none"
    fail_fast: bool  # the setting shown
    runs: dict[bool, pd.DataFrame]  # fail-fast -> job, start, end, minutes, outcome

    @property
    def table(self) -> pd.DataFrame:
        return self.runs[self.fail_fast]

    @property
    def minutes(self) -> dict[bool, float]:
        return {ff: round(float(r["minutes"].sum()), 2) for ff, r in self.runs.items()}

    @property
    def reported(self) -> dict[bool, int]:
        """Test jobs whose result is known (passed or failed, not cancelled or skipped)."""
        return {
            ff: int(r[r["job"].str.startswith("test")]["outcome"].isin(["passed", "failed"]).sum())
            for ff, r in self.runs.items()
        }

    @property
    def deployed(self) -> bool:
        table = self.table
        return "deploy" in set(table[table["outcome"] == "passed"]["job"])

    @property
    def claim_held(self) -> bool:
        minutes, reported = self.minutes, self.reported
        if self.failing.startswith("test") and len(self.versions) > 1:  # a matrix job failed
            held = minutes[True] <= minutes[False] and (
                reported[True] < reported[False] == len(self.versions)
            )
        else:
            held = minutes[True] == minutes[False] and reported[True] == reported[False]
        return bool(held and self.deployed == (self.failing == "none"))


def compute_ci_timeline(
    failing_job: str = "test py3.11",
    fail_after_min: float = 2.0,
    fail_fast: bool = True,
    versions: tuple[str, ...] = ("3.11", "3.12"),
) -> CiRuns:
    """The portfolio's CI graph, simulated with one job failing (or none), fail-fast on/off."""
    versions = tuple(versions) or ("3.11",)
    jobs = ci_jobs(versions)
    failing = failing_job if failing_job in {j.name for j in jobs} else "none"
    runs = {ff: simulate_ci(jobs, failing, fail_after_min, ff) for ff in (True, False)}
    return CiRuns(versions, failing, fail_fast, runs)


def present_ci_timeline(found: CiRuns) -> DemoResult:
    """The Gantt chart, metrics, the jobs table and sentences."""
    table = found.table
    figure = go.Figure()
    for outcome, color in COLORS.items():
        part = table[table["outcome"] == outcome]
        figure.add_trace(
            go.Bar(
                y=part["job"],
                x=(part["end"] - part["start"]).clip(lower=0.05),
                base=part["start"],
                orientation="h",
                name=outcome,
                marker_color=color,
            )
        )
    figure.update_layout(
        title=f"CI run, fail-fast {'on' if found.fail_fast else 'off'}",
        xaxis_title="minutes",
        barmode="overlay",
        yaxis_autorange="reversed",
        **_LAYOUT,
    )
    minutes, reported = found.minutes, found.reported
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "runner minutes, fail-fast on": minutes[True],
            "runner minutes, fail-fast off": minutes[False],
            "test results known, on": reported[True],
            "test results known, off": reported[False],
            "deployed": found.deployed,
        },
        figures=[figure],
        tables={"Jobs": table},
        notes=[
            "Lint first and cheap: a style error stops the run in a minute. Tests run as a "
            "matrix (one job per Python version, in parallel); build and deploy need all of them.",
            "fail-fast on cancels the matrix siblings at the first failure (fewer runner minutes, "
            "fast feedback on a PR); off lets every version report (is the bug 3.12-only?), "
            "which is what you want on main and in nightly runs.",
        ],
    )


def ci_timeline(
    failing_job: str = "test py3.11",
    fail_after_min: float = 2.0,
    fail_fast: bool = True,
    versions: tuple[str, ...] = ("3.11", "3.12"),
) -> DemoResult:
    """The portfolio's CI graph as a Gantt chart, with one job failing (or none)."""
    return present_ci_timeline(
        compute_ci_timeline(failing_job, fail_after_min, fail_fast, versions)
    )


# ================================================================= 85, 39: Docker caching
CHANGES = (
    "application code (app.py)",
    "requirements.txt",
    "README.md",
    "base image (python:3.13-slim)",
)
CHANGED_FILE = {
    CHANGES[0]: "app.py",
    CHANGES[1]: "requirements.txt",
    CHANGES[2]: "README.md",
    CHANGES[3]: "",
}
NAIVE_DOCKERFILE = """FROM python:3.13-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["python", "-m", "streamlit", "run", "app.py"]
"""
SHIPPED_DOCKERFILE = (
    (ROOT / "Dockerfile").read_text(encoding="utf-8")
    if (ROOT / "Dockerfile").is_file()
    else NAIVE_DOCKERFILE
)
DOCKERIGNORE = [
    line.strip()
    for line in (
        (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if (ROOT / ".dockerignore").is_file()
        else []
    )
    if line.strip() and not line.startswith("#")
]


def dockerfile_steps(text: str) -> list[dict[str, str]]:
    """Instructions with their stage, continuation lines joined."""
    joined = re.sub(r"\\\s*\n", " ", text)
    steps, stage = [], "0"
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        op, _, args = line.partition(" ")
        op = op.upper()
        if op == "FROM":
            match = re.search(r"\bAS\s+(\S+)", args, re.IGNORECASE)
            stage = match.group(1) if match else str(len({s["stage"] for s in steps}))
        steps.append({"stage": stage, "op": op, "args": args.strip()})
    return steps


def _ignored(path: str) -> bool:
    return any(
        fnmatch.fnmatch(path, pattern.lstrip("*/")) or fnmatch.fnmatch(path, pattern)
        for pattern in DOCKERIGNORE
    )


def _copy_reads(args: str, changed: str) -> bool:
    try:
        words = shlex.split(args)
    except ValueError:  # an unbalanced quote in the user's Dockerfile: split on spaces
        words = args.split()
    parts = [p for p in words if not p.startswith("--")]
    sources = parts[:-1]
    if _ignored(changed):
        return False
    return any(
        s in (".", "./")
        or s.rstrip("/") == changed
        or changed.startswith(s.rstrip("/") + "/")
        or fnmatch.fnmatch(changed, s)
        for s in sources
    )


def rebuilt_steps(text: str, change: str) -> pd.DataFrame:
    """Which steps re-run after `change` (BuildKit's rule: the first step whose inputs
    changed, and every later step of that stage, and stages copying from it)."""
    changed = CHANGED_FILE[change]
    dirty_stage: dict[str, bool] = {}
    rows = []
    for step in dockerfile_steps(text):
        stage, op, args = step["stage"], step["op"], step["args"]
        if op == "FROM":
            base = args.split()[0]
            dirty = (
                change == CHANGES[3] and base.startswith("python:") or dirty_stage.get(base, False)
            )
        else:
            dirty = dirty_stage.get(stage, False)
            if op in ("COPY", "ADD"):
                source_stage = re.search(r"--from=(\S+)", args)
                dirty = dirty or (
                    dirty_stage.get(source_stage.group(1), False)
                    if source_stage
                    else _copy_reads(args, changed)
                )
        dirty_stage[stage] = dirty
        heavy = op == "RUN" and "pip" in args
        rows.append(
            {
                "stage": stage,
                "step": f"{op} {args}"[:90],
                "re-runs": dirty,
                "cost (s)": (90 if heavy else 2 if op == "RUN" else 1) if dirty else 0,
            }
        )
    return pd.DataFrame(rows)


def _pip_reruns(table: pd.DataFrame) -> bool:
    return bool(table[table["step"].str.contains("pip")]["re-runs"].any())


@dataclass(frozen=True)
class CacheRebuild:
    """What the Docker-cache demo computed: the steps each Dockerfile re-runs after a change."""

    mine: pd.DataFrame  # your Dockerfile after the change: stage, step, re-runs, cost (s)
    naive: pd.DataFrame  # the naive `COPY . .` Dockerfile after the same change
    stages: int
    # The claim's evidence, on the repository's Dockerfile and the naive one:
    shipped_code_reinstalls: bool  # a code change re-runs pip in the shipped Dockerfile
    naive_code_reinstalls: bool  # ... in the naive one
    shipped_requirements_reinstall: bool  # a requirements change re-runs pip (shipped)

    @property
    def claim_held(self) -> bool:
        return bool(
            not self.shipped_code_reinstalls
            and self.naive_code_reinstalls
            and self.shipped_requirements_reinstall
        )


def compute_docker_cache(
    dockerfile: str = SHIPPED_DOCKERFILE, change: str = CHANGES[0]
) -> CacheRebuild:
    """Which layers a change rebuilds, in your Dockerfile and in a naive one."""
    steps = dockerfile_steps(dockerfile)
    if not any(step["op"] == "FROM" for step in steps):
        raise ValueError("dockerfile: no FROM instruction, so there is nothing to build")
    return CacheRebuild(
        rebuilt_steps(dockerfile, change),
        rebuilt_steps(NAIVE_DOCKERFILE, change),
        len(dict.fromkeys(s["stage"] for s in steps)),
        _pip_reruns(rebuilt_steps(SHIPPED_DOCKERFILE, CHANGES[0])),
        _pip_reruns(rebuilt_steps(NAIVE_DOCKERFILE, CHANGES[0])),
        _pip_reruns(rebuilt_steps(SHIPPED_DOCKERFILE, CHANGES[1])),
    )


def present_docker_cache(found: CacheRebuild) -> DemoResult:
    """Metrics, the two step tables and sentences."""
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "your rebuild (s)": int(found.mine["cost (s)"].sum()),
            "naive rebuild (s)": int(found.naive["cost (s)"].sum()),
            "dependencies reinstalled": _pip_reruns(found.mine),
            "stages": found.stages,
        },
        tables={"Your Dockerfile": found.mine, "Naive Dockerfile (COPY . . first)": found.naive},
        notes=[
            "Docker reuses a layer until its instruction or the files it copies change; after "
            "the first changed layer everything below re-runs. So: copy requirements.txt, "
            "install, THEN copy the code — a code edit then costs seconds, not the full install.",
            "Multi-stage: the build stage has the toolchain and the wheels; the runtime stage "
            "copies only the wheels, so the final image is smaller and has less attack surface. "
            ".dockerignore keeps tests, caches and .git out of the context (a README edit "
            "still invalidates `COPY . .` unless it is ignored).",
        ],
    )


def docker_cache(dockerfile: str = SHIPPED_DOCKERFILE, change: str = CHANGES[0]) -> DemoResult:
    """Which layers a change rebuilds, in your Dockerfile and in a naive one."""
    return present_docker_cache(compute_docker_cache(dockerfile, change))


# ====================================================== 90: deployment strategies
STRATEGIES = ("big bang (recreate)", "rolling update", "canary 10 %", "blue-green")


@dataclass(frozen=True)
class BlastRadius:
    """What the deployment demo computed: requests a bad release fails under each strategy."""

    table: pd.DataFrame  # strategy, traffic on new version, rollback (min), failed requests

    @property
    def failed(self) -> dict[str, int]:
        pairs = zip(self.table["strategy"], self.table["failed requests"], strict=True)
        return {strategy: int(failed) for strategy, failed in pairs}

    @property
    def claim_held(self) -> bool:
        failed = self.failed
        return bool(
            failed["canary 10 %"] == min(failed.values())
            and failed["blue-green"] < failed["big bang (recreate)"]
        )


def compute_deployment_strategies(
    error_rate: float = 0.2, requests_per_min: int = 1_000, detect_min: int = 3
) -> BlastRadius:
    """A bad release under each strategy: requests that hit the bug before rollback."""
    rows = []
    for strategy in STRATEGIES:
        if strategy.startswith("big"):
            share, rollback_min, downtime = 1.0, 5, 1.0
        elif strategy.startswith("rolling"):
            share, rollback_min, downtime = 0.5, 4, 0.0  # on average half the pods are new
        elif strategy.startswith("canary"):
            share, rollback_min, downtime = 0.10, 0.5, 0.0  # only the canary pods; drop them
        else:
            share, rollback_min, downtime = 1.0, 0.5, 0.0  # switch the Service back
        failed = requests_per_min * error_rate * share * (detect_min + rollback_min)
        lost = requests_per_min * downtime
        rows.append(
            {
                "strategy": strategy,
                "traffic on new version": f"{share:.0%}",
                "rollback (min)": rollback_min,
                "failed requests": int(round(failed + lost)),
            }
        )
    return BlastRadius(pd.DataFrame(rows))


def present_deployment_strategies(found: BlastRadius) -> DemoResult:
    """The bar chart, metrics, the table and sentences."""
    table = found.table
    figure = go.Figure(go.Bar(x=table["strategy"], y=table["failed requests"]))
    figure.update_layout(title="Requests failed by a bad release", **_LAYOUT)
    return DemoResult(
        claim_held=found.claim_held,
        metrics=found.failed,
        figures=[figure],
        tables={"Blast radius per strategy": table},
        notes=[
            "Canary: a small share of traffic meets the new version first, with its own error "
            "and latency metrics; promotion is automatic only if they stay within the SLO.",
            "Blue-green: the old version stays up, so rollback is one Service switch; it costs "
            "double capacity during the release. For models, add shadow mode: score in "
            "parallel, compare, serve nothing from the new one yet.",
        ],
    )


def deployment_strategies(
    error_rate: float = 0.2, requests_per_min: int = 1_000, detect_min: int = 3
) -> DemoResult:
    """A bad release under each strategy: requests that hit the bug before rollback."""
    return present_deployment_strategies(
        compute_deployment_strategies(error_rate, requests_per_min, detect_min)
    )


# ============================================================ 82, 86: security findings
FINDINGS = [
    # tool, finding, severity, fix available, reachable at run time
    ("gitleaks", "AWS key committed in notebooks/explore.ipynb", "CRITICAL", True, True),
    ("pip-audit", "urllib3 CVE (request smuggling), fixed in 2.x", "HIGH", True, True),
    ("trivy", "libssl in base image, no fixed package yet", "HIGH", False, True),
    ("bandit", "B301 pickle.load on a model file", "MEDIUM", True, True),
    ("trivy", "perl CVE in an unused OS package", "MEDIUM", True, False),
    ("bandit", "B101 assert used in tests", "LOW", True, False),
]
SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW")
SLA_DAYS = {"CRITICAL": 1, "HIGH": 7, "MEDIUM": 30, "LOW": 90}


Finding = tuple[str, str, str, bool, bool]  # tool, finding, severity, fixable, reachable


def _blockable(finding: Finding, limit: int, block_unfixable: bool) -> bool:
    """The policy stated in the claim, read off the finding's own columns."""
    tool, _, severity, fixable, _ = finding
    return tool == "gitleaks" or (
        SEVERITIES.index(severity) <= limit and (fixable or block_unfixable)
    )


def triage(findings: list[Finding], block_at: str, block_unfixable: bool) -> pd.DataFrame:
    """Each finding's action: block the merge, a ticket with an SLA, or accept."""
    limit = SEVERITIES.index(block_at)
    rows = []
    for tool, finding, severity, fixable, reachable in findings:
        severe = SEVERITIES.index(severity) <= limit
        secret = tool == "gitleaks"
        if secret or (severe and (fixable or block_unfixable)):
            action = "block merge" + (" + rotate the secret" if secret else "")
        elif severe:
            action = "accept with expiry + watch for a fix"
        else:
            action = (
                f"ticket, fix within {SLA_DAYS[severity]} days"
                if reachable
                else "accept (not reachable), review quarterly"
            )
        rows.append(
            {
                "tool": tool,
                "finding": finding,
                "severity": severity,
                "fix available": fixable,
                "action": action,
            }
        )
    return pd.DataFrame(rows, columns=["tool", "finding", "severity", "fix available", "action"])


@dataclass(frozen=True)
class Triage:
    """What the security demo decided: each finding's action under the gate's settings, and
    the same pipeline's findings with the leaked secret already rotated away."""

    block_at: str
    block_unfixable: bool
    table: pd.DataFrame  # tool, finding, severity, fix available, action
    without_secret: pd.DataFrame  # the same triage of the findings other than gitleaks'

    @property
    def blocks(self) -> pd.Series:
        return self.table["action"].str.startswith("block")

    @property
    def tickets(self) -> int:
        return int(self.table["action"].str.startswith("ticket").sum())

    @property
    def gate_fails_without_secret(self) -> bool:
        return bool(self.without_secret["action"].str.startswith("block").any())

    @property
    def claim_held(self) -> bool:
        """The secret blocks; and without it (where the gate can pass) the gate fails exactly
        when a finding is blockable by the stated policy, row by row."""
        limit = SEVERITIES.index(self.block_at)
        others = [f for f in FINDINGS if f[0] != "gitleaks"]
        expected_rows = [_blockable(f, limit, self.block_unfixable) for f in others]
        observed_rows = list(self.without_secret["action"].str.startswith("block"))
        secret_rows = self.table["tool"] == "gitleaks"
        return bool(
            self.blocks[secret_rows].all()
            and observed_rows == expected_rows
            and self.gate_fails_without_secret == any(expected_rows)
        )


def compute_security_gate(block_at: str = "HIGH", block_unfixable: bool = False) -> Triage:
    """Triage the pipeline's findings, with and without the leaked secret."""
    others = [finding for finding in FINDINGS if finding[0] != "gitleaks"]
    return Triage(
        block_at,
        block_unfixable,
        triage(FINDINGS, block_at, block_unfixable),
        triage(others, block_at, block_unfixable),
    )


def present_security_gate(found: Triage) -> DemoResult:
    """Metrics, the findings table and sentences."""
    blocks = found.blocks
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "gate": "FAIL" if blocks.any() else "PASS",
            "blocking": int(blocks.sum()),
            "tickets": found.tickets,
            "gate once the secret is rotated": "FAIL"
            if found.gate_fails_without_secret
            else "PASS",
        },
        tables={"Findings and what happens to each": found.table},
        notes=[
            "gitleaks (secrets), bandit (Python code), pip-audit (dependencies) and trivy (the "
            "image) see different things; each finding gets an owner and a deadline by severity.",
            "A leaked secret always blocks and is rotated: removing it from git history is not "
            "enough. An unfixable HIGH is accepted with an expiry date, not ignored forever.",
        ],
    )


def security_gate(block_at: str = "HIGH", block_unfixable: bool = False) -> DemoResult:
    """Triage the pipeline's findings: block the merge, open a ticket with an SLA, or accept."""
    return present_security_gate(compute_security_gate(block_at, block_unfixable))


# ==================================================================== 89: docs validation
SAMPLE_DOC = """# BankChurn API

Start it with `python -m simulacro api` (see [the README](README.md)).

```python
from projects.bankchurn.api import create_app
app = create_app()
```

```yaml
threshold: 0.5
risk_levels: {low: 0.3, high: 0.7}
```

A broken example and a dead link ([model card](docs/model_card_v0.md)):

```python
def predict(customer)
    return model.predict(customer)
```

```json
{"churn_probability": 0.73, "risk_level": "high",}
```
"""
FENCE = re.compile(r"^```(\w*)\s*$")
LINK = re.compile(r"\[[^\]]+\]\(([^)#\s]+)\)")


def check_markdown(text: str, base: Path = ROOT) -> list[dict[str, object]]:
    """Every code block that does not parse and every relative link to a missing file."""
    problems: list[dict[str, object]] = []
    block: list[str] | None = None
    language, start = "", 0
    for number, line in enumerate(text.splitlines(), start=1):
        fence = FENCE.match(line.strip())
        if fence and block is None:
            block, language, start = [], fence.group(1).lower(), number
            continue
        if line.strip() == "```" and block is not None:
            source = "\n".join(block)
            try:
                if language == "python":
                    compile(source, f"block at line {start}", "exec")
                elif language in ("yaml", "yml"):
                    yaml.safe_load(source)
                elif language == "json":
                    json.loads(source)
            except (SyntaxError, ValueError, RecursionError, MemoryError, yaml.YAMLError) as error:
                problems.append(
                    {
                        "line": start,
                        "kind": f"{language} block",
                        "problem": str(error).splitlines()[0][:120],
                    }
                )
            block = None
            continue
        if block is not None:
            block.append(line)
            continue
        for target in LINK.findall(line):
            if (
                "://" not in target
                and not target.startswith("mailto:")
                and not (base / target).exists()
            ):
                problems.append(
                    {"line": number, "kind": "link", "problem": f"{target} does not exist"}
                )
    if block is not None:
        problems.append({"line": start, "kind": "fence", "problem": "code block never closed"})
    return problems


@dataclass(frozen=True)
class DocsCheck:
    """What the docs check found in your Markdown, and in the sample with planted problems."""

    problems: pd.DataFrame  # line, kind, problem (your Markdown)
    code_blocks: int  # opening fences with a language in your Markdown
    sample_kinds: tuple[str, ...]  # the kinds of problem found in the sample, sorted

    @property
    def claim_held(self) -> bool:
        """The sample plants one broken Python block, one broken JSON block and one dead
        link: exactly those are reported, the valid blocks are not."""
        return self.sample_kinds == ("json block", "link", "python block")


def compute_docs_validation(markdown: str = SAMPLE_DOC) -> DocsCheck:
    """Compile the Python blocks, parse YAML/JSON blocks, check links: what CI runs on docs."""
    problems = check_markdown(markdown)
    blocks = sum(
        1 for line in markdown.splitlines() if FENCE.match(line.strip()) and line.strip() != "```"
    )
    sample = tuple(sorted(str(p["kind"]) for p in check_markdown(SAMPLE_DOC)))
    return DocsCheck(pd.DataFrame(problems, columns=["line", "kind", "problem"]), blocks, sample)


def present_docs_validation(found: DocsCheck) -> DemoResult:
    """Metrics, the problems table and sentences."""
    return DemoResult(
        claim_held=found.claim_held,
        metrics={"problems": len(found.problems), "code blocks checked": found.code_blocks},
        tables={"Problems found": found.problems},
        notes=[
            "Docs rot silently: CI compiles every Python snippet, parses YAML/JSON examples and "
            "checks relative links, so a renamed file or a broken example fails the PR.",
            "This app does the same to its own question bank (`python -m simulacro validate`).",
        ],
    )


def docs_validation(markdown: str = SAMPLE_DOC) -> DemoResult:
    """Compile the Python blocks, parse YAML/JSON blocks, check links: what CI runs on docs."""
    return present_docs_validation(compute_docs_validation(markdown))


# ================================================================ 74: dependency ranges
AVAILABLE = {
    "scikit-learn": ["1.3.2", "1.4.2", "1.5.2", "1.6.1", "1.7.2"],
    "pandas": ["1.5.3", "2.0.3", "2.1.4", "2.2.3"],
    "numpy": ["1.24.4", "1.26.4", "2.0.2", "2.1.3"],
    "fastapi": ["0.100.1", "0.110.3", "0.115.6"],
}
DEFAULT_REQUIREMENTS = """bankchurn: scikit-learn>=1.4,<1.7
bankchurn: pandas>=2.0,<3
bankchurn: fastapi>=0.110
carvision: scikit-learn>=1.3
carvision: numpy>=1.26,<2.1
telecomai: scikit-learn>=1.5,<1.8
telecomai: numpy<2
telecomai: pandas>=1.5"""


def resolve(lines: str) -> tuple[pd.DataFrame, list[str]]:
    ranges: dict[str, list[tuple[str, SpecifierSet]]] = {}
    errors = []
    for number, line in enumerate(lines.splitlines(), start=1):
        if not line.strip():
            continue
        project, _, requirement = line.partition(":")
        match = re.match(r"\s*([A-Za-z0-9_.-]+)\s*(.*)$", requirement)
        if not match or match.group(1) not in AVAILABLE:
            errors.append(
                f"line {number}: unknown package in {requirement.strip()!r} "
                f"(known: {', '.join(AVAILABLE)})"
            )
            continue
        try:
            spec = SpecifierSet(match.group(2).strip())
        except InvalidSpecifier:
            errors.append(f"line {number}: {match.group(2).strip()!r} is not a version range")
            continue
        ranges.setdefault(match.group(1), []).append((project.strip(), spec))
    rows = []
    for package, wanted in ranges.items():
        fits = [v for v in AVAILABLE[package] if all(Version(v) in spec for _, spec in wanted)]
        chosen = max(fits, key=Version) if fits else "CONFLICT"
        rows.append(
            {
                "package": package,
                "ranges": "; ".join(f"{p} {s or 'any'}" for p, s in wanted),
                "chosen": chosen,
                # checked again, range by range, independently of the search above
                "inside every range": chosen != "CONFLICT"
                and all(spec.contains(chosen) for _, spec in wanted),
            }
        )
    columns = ["package", "ranges", "chosen", "inside every range"]
    return pd.DataFrame(rows, columns=columns), errors


@dataclass(frozen=True)
class Resolution:
    """What the resolver chose for your ranges, and for the defaults plus a clashing range."""

    table: pd.DataFrame  # package, ranges, chosen (or CONFLICT), inside every range
    errors: tuple[str, ...]  # input lines it could not read
    clash_reported: bool  # `carvision: pandas<2` added to the defaults gives a CONFLICT

    @property
    def conflicts(self) -> int:
        return int((self.table["chosen"] == "CONFLICT").sum())

    @property
    def claim_held(self) -> bool:
        """Every chosen version satisfies all its ranges (checked range by range), and a range
        no available version meets is reported as a conflict, not installed."""
        chosen = self.table[self.table["chosen"] != "CONFLICT"]
        return bool(chosen["inside every range"].all()) and self.clash_reported


def compute_dependency_resolution(requirements: str = DEFAULT_REQUIREMENTS) -> Resolution:
    """One environment for three projects: the newest version inside every project's range."""
    table, errors = resolve(requirements)
    clash, _ = resolve(DEFAULT_REQUIREMENTS + "\ncarvision: pandas<2")
    return Resolution(table, tuple(errors), "CONFLICT" in set(clash["chosen"]))


def present_dependency_resolution(found: Resolution) -> DemoResult:
    """Metrics, the resolution and error tables, sentences."""
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "packages": len(found.table),
            "conflicts": found.conflicts,
            "input errors": len(found.errors),
        },
        tables={"Resolution": found.table, "Input errors": pd.DataFrame({"error": found.errors})},
        notes=[
            "Each project declares compatible ranges (`>=1.4,<1.7`), never an exact pin, so "
            "the projects can share one environment; the deployable image pins the resolved "
            "versions (a lock file) for reproducibility.",
            "Add `carvision: pandas<2` and the resolver names the conflict instead of "
            "installing something that breaks one project at run time.",
        ],
    )


def dependency_resolution(requirements: str = DEFAULT_REQUIREMENTS) -> DemoResult:
    """One environment for three projects: the newest version inside every project's range."""
    return present_dependency_resolution(compute_dependency_resolution(requirements))


# ======================================================================= 32: CLI design
def build_cli() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bankchurn", exit_on_error=False)
    sub = parser.add_subparsers(dest="command", required=True)
    train = sub.add_parser(
        "train", help="fit the pipeline and save the artifact", exit_on_error=False
    )
    train.add_argument("--config", default="configs/config.yaml")
    train.add_argument("--seed", type=int, default=42)
    evaluate = sub.add_parser("evaluate", help="metrics of a saved model", exit_on_error=False)
    evaluate.add_argument("--model", required=True)
    evaluate.add_argument("--threshold", type=float, default=0.5)
    predict = sub.add_parser("predict", help="score a CSV", exit_on_error=False)
    predict.add_argument("input")
    predict.add_argument("--output", default="-")
    return parser


CLI_CASES = {
    "train --seed 7": ("ok", "train"),
    "evaluate --model artifacts/model.joblib --threshold 0.4": ("ok", "evaluate"),
    "predict customers.csv --output scores.csv": ("ok", "predict"),
    "evaluate --threshold 0.4": ("error", "--model"),
    "train --seed seven": ("error", "--seed"),
    "deploy": ("error", "deploy"),
}


def parse_command(line: str) -> tuple[str, str]:
    """("ok", parsed namespace) or ("error", argparse's message)."""
    parser = build_cli()
    stderr = io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr):
            namespace = parser.parse_args(shlex.split(line))
    except argparse.ArgumentError as error:
        return "error", str(error)
    except SystemExit:
        return "error", stderr.getvalue().strip().splitlines()[
            -1
        ] if stderr.getvalue().strip() else "usage error"
    except ValueError as error:
        return "error", str(error)
    return "ok", json.dumps(vars(namespace))


@dataclass(frozen=True)
class CliParses:
    """What argparse made of your command line and of each example command."""

    status: str  # "ok" or "error" for your command
    detail: str  # the parsed namespace as JSON, or argparse's message
    examples: pd.DataFrame  # command, result, detail, as expected

    @property
    def claim_held(self) -> bool:
        return bool(self.examples["as expected"].all())


def compute_cli_design(
    command: str = "evaluate --model artifacts/model.joblib --threshold 0.4",
) -> CliParses:
    """Parse a command line with the project's argparse CLI, and every example command."""
    status, detail = parse_command(command)
    rows = []
    for line, (expected, mention) in CLI_CASES.items():
        got, text = parse_command(line)
        rows.append(
            {
                "command": f"bankchurn {line}",
                "result": got,
                "detail": text,
                "as expected": got == expected and mention in text,
            }
        )
    return CliParses(status, detail, pd.DataFrame(rows))


def present_cli_design(found: CliParses) -> DemoResult:
    """Metrics, the examples table, a sentence and the parsed namespace."""
    return DemoResult(
        claim_held=found.claim_held,
        metrics={"your command": found.status},
        tables={"Example commands": found.examples},
        notes=[
            "One entry point, one subcommand per task (train / evaluate / predict), each with its "
            "own options and defaults from the config; a wrong option fails with a message "
            "naming it, before anything runs.",
        ],
        extra={"parsed": found.detail},
    )


def cli_design(
    command: str = "evaluate --model artifacts/model.joblib --threshold 0.4",
) -> DemoResult:
    """Parse a command line with the project's argparse CLI (one subcommand per task)."""
    return present_cli_design(compute_cli_design(command))
