"""Leadership and engineering-practice exercises as pure computations (79, 80, 106, 110, 111).

Where a decision is argued with numbers (a decision matrix, the cost of debt, an incident's
error budget), the numbers are computed here, and the claim checks the reasoning holds on
them: the winner really flips at the break-even weight, paying debt really overtakes.
"""

from __future__ import annotations

import ast
import re
import time
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from projects.bankchurn import pipeline as bc
from projects.bankchurn.data import generate
from projects.demo import DemoResult
from projects.figures import figure_layout

_LAYOUT = figure_layout(340)
CRITERIA = ("accuracy", "latency", "interpretability", "maintenance")
# Judgement scores (1-5) where no measurement exists; accuracy and latency are measured.
JUDGED = {
    "LogisticRegression": {"interpretability": 5, "maintenance": 5},
    "RandomForest": {"interpretability": 3, "maintenance": 4},
    "GradientBoosting": {"interpretability": 2, "maintenance": 3},
}


@lru_cache(maxsize=1)
def _measured() -> pd.DataFrame:
    """Test ROC AUC and per-row predict latency of three candidates on BankChurn data."""
    config = bc.default_config()
    split = bc.split(generate(n_rows=2_500, seed=42), config, 42)
    pre = bc.build_preprocessor(config)
    X_train, X_test = pre.fit_transform(split.X_train), pre.transform(split.X_test)
    candidates = {
        "LogisticRegression": LogisticRegression(C=0.1, max_iter=1000),
        "RandomForest": RandomForestClassifier(
            n_estimators=30, max_depth=8, min_samples_leaf=5, random_state=42, n_jobs=1
        ),
        "GradientBoosting": HistGradientBoostingClassifier(max_iter=40, random_state=42),
    }
    rows = []
    with bc.single_thread():
        for name, model in candidates.items():
            model.fit(X_train, split.y_train)
            auc = roc_auc_score(split.y_test, model.predict_proba(X_test)[:, 1])
            model.predict_proba(X_test[:1])  # warm-up: the first call pays one-off costs
            timings = []
            for _ in range(5):
                start = time.perf_counter()
                model.predict_proba(X_test[:1])
                timings.append(time.perf_counter() - start)
            latency = float(np.median(timings)) * 1000
            rows.append(
                {
                    "option": name,
                    "ROC AUC": round(auc, 4),
                    "latency (ms)": round(latency, 3),
                    **JUDGED[name],
                }
            )
    return pd.DataFrame(rows)


def _normalised(table: pd.DataFrame) -> np.ndarray:
    """Options x criteria, each criterion scaled to 0-1 (higher is better; latency inverted)."""
    columns = {
        "accuracy": ("ROC AUC", True),
        "latency": ("latency (ms)", False),
        "interpretability": ("interpretability", True),
        "maintenance": ("maintenance", True),
    }
    matrix = []
    for criterion in CRITERIA:
        name, higher_better = columns[criterion]
        values = table[name].to_numpy(dtype=float)
        span = values.max() - values.min()
        scaled = (values - values.min()) / span if span else np.ones_like(values)
        matrix.append(scaled if higher_better else 1 - scaled)
    return np.column_stack(matrix)


def _scores(matrix: np.ndarray, weights: dict[str, float]) -> np.ndarray:
    vector = np.array([weights[c] for c in CRITERIA], dtype=float)
    return matrix @ vector / (vector.sum() or 1.0)


def decision_matrix(
    accuracy: float = 5, latency: float = 2, interpretability: float = 3, maintenance: float = 2
) -> DemoResult:
    """Weigh measured accuracy and latency with judged interpretability and maintenance."""
    weights = {
        "accuracy": accuracy,
        "latency": latency,
        "interpretability": interpretability,
        "maintenance": maintenance,
    }
    table = _measured().copy()
    matrix = _normalised(table)
    scores = _scores(matrix, weights)
    table["score"] = scores.round(4)
    options = table["option"].tolist()
    winner = options[int(scores.argmax())]
    # Sensitivity: the accuracy weight nearest to yours at which the winner changes (0..20).
    flip_at, flip_to = None, None
    for w in np.round(np.arange(0, 20.01, 0.1), 2):
        best = options[int(_scores(matrix, {**weights, "accuracy": float(w)}).argmax())]
        if best != winner and (flip_at is None or abs(w - accuracy) < abs(flip_at - accuracy)):
            flip_at, flip_to = float(w), best
    # The claim: the decision is the weighted argmax, and it really changes at flip_at.
    held = flip_at is None or (
        options[int(_scores(matrix, {**weights, "accuracy": flip_at}).argmax())]
        == flip_to
        != winner
    )
    figure = go.Figure(go.Bar(x=table["option"], y=table["score"]))
    figure.update_layout(title="Weighted score (0-1)", **_LAYOUT)
    return DemoResult(
        claim_held=held,
        metrics={
            "winner": winner,
            "flips to": flip_to or "—",
            "at accuracy weight": "never (0-20)" if flip_at is None else flip_at,
        },
        figures=[figure],
        tables={"Decision matrix (accuracy and latency measured now)": table},
        notes=[
            "Agree the criteria and weights with the team BEFORE scoring, measure what can be "
            "measured (here AUC and latency on the project's data), and write the decision "
            "and its sensitivity in an ADR: the doubt becomes 'is accuracy worth weight "
            "X?', a question the business can answer.",
        ],
    )


# ====================================================================== 110, 80: tech debt
def tech_debt(
    interest_pct: float = 3.0, paydown_share: float = 0.2, sprints: int = 20
) -> DemoResult:
    """Features delivered per sprint when debt taxes velocity, paying it down or not."""
    never, paying = [], []
    tax_never, tax_paying = 0.0, 0.0
    for _ in range(sprints):
        never.append(10 * (1 - tax_never))
        paying.append(10 * (1 - tax_paying) * (1 - paydown_share))
        tax_never = min(0.9, tax_never + interest_pct / 100)  # every sprint of shortcuts adds drag
        tax_paying = max(0.0, min(0.9, tax_paying + interest_pct / 100 - paydown_share * 0.25))
    cum_never, cum_paying = np.cumsum(never), np.cumsum(paying)
    ahead = np.nonzero(cum_paying > cum_never)[0]
    break_even = int(ahead[0]) + 1 if len(ahead) else None
    stays = break_even is None or bool(
        (cum_paying[break_even - 1 :] > cum_never[break_even - 1 :]).all()
    )
    held = stays and (
        interest_pct == 0 or paydown_share == 0 or break_even is not None or sprints < 40
    )
    table = pd.DataFrame(
        {
            "sprint": range(1, sprints + 1),
            "never pay: features": np.round(never, 2),
            f"pay {paydown_share:.0%}: features": np.round(paying, 2),
            "cumulative, never": np.round(cum_never, 1),
            "cumulative, paying": np.round(cum_paying, 1),
        }
    )
    figure = go.Figure()
    figure.add_trace(go.Scatter(x=table["sprint"], y=cum_never, name="never pay down"))
    figure.add_trace(
        go.Scatter(
            x=table["sprint"], y=cum_paying, name=f"{paydown_share:.0%} of each sprint on debt"
        )
    )
    figure.update_layout(title="Cumulative features delivered", xaxis_title="sprint", **_LAYOUT)
    return DemoResult(
        claim_held=bool(held),
        metrics={
            "break-even sprint": break_even or "not within the horizon",
            "features, never": round(float(cum_never[-1]), 1),
            "features, paying": round(float(cum_paying[-1]), 1),
        },
        figures=[figure],
        tables={"Per sprint": table},
        notes=[
            "Debt is negotiated in the stakeholders' unit: features per sprint. Show the interest "
            "(velocity lost to workarounds, incidents, slow CI) and the sprint where paying "
            "overtakes not paying; then agree a standing share (15-20 %) instead of a one-off.",
        ],
    )


# ============================================================== 111: incident timeline
def incident_timeline(
    detect_min: int = 6,
    mitigation: str = "rollback",
    rollback_min: int = 4,
    hotfix_min: int = 45,
    requests_per_min: int = 800,
) -> DemoResult:
    """A bad model release: alert, acknowledge, mitigate, resolve; what each minute costs."""
    acknowledge = detect_min + 3
    fix = rollback_min if mitigation == "rollback" else hotfix_min
    mitigated = acknowledge + fix
    events = [
        (0, "deploy v1.3 (new features pipeline)"),
        (1, "error rate 0.2 % → 9 % on /v1/predict"),
        (detect_min, "alert fires: 5xx > 2 % for 5 min"),
        (acknowledge, "on-call acknowledges, opens the incident channel, names a lead"),
        (mitigated, f"mitigated by {mitigation} ({fix} min)"),
        (mitigated + 30, "root cause found (a renamed column); fix merged with a regression test"),
        (mitigated + 2 * 24 * 60, "blameless post-mortem: timeline, impact, 3 actions with owners"),
    ]
    failed = int(requests_per_min * 0.09 * (mitigated - 1))
    budget_min = 43.2  # 99.9 % monthly availability
    consumed = (mitigated - 1) * 0.09 / budget_min
    other = hotfix_min if mitigation == "rollback" else rollback_min
    other_failed = int(requests_per_min * 0.09 * (acknowledge + other - 1))
    by_rollback = failed if mitigation == "rollback" else other_failed
    by_hotfix = other_failed if mitigation == "rollback" else failed
    # Fewer failed requests by rollback exactly when rolling back is the faster mitigation.
    held = (by_rollback < by_hotfix) == (rollback_min < hotfix_min)
    table = pd.DataFrame([{"minute": m, "event": e} for m, e in events])
    alternative = "hotfix" if mitigation == "rollback" else "rollback"
    return DemoResult(
        claim_held=bool(held),
        metrics={
            "time to detect": f"{detect_min} min",
            "time to mitigate": f"{mitigated} min",
            "failed requests": failed,
            "error budget used": f"{consumed:.0%}",
            f"failed requests with {alternative}": other_failed,
        },
        tables={"Timeline": table},
        notes=[
            "Mitigate first, diagnose later: rolling back to the last good model version stops "
            "the damage in minutes; the hotfix comes after, with a test that reproduces it.",
            "One incident lead, one channel, status updates on a clock; the post-mortem is "
            "blameless and ends in owned actions (an alert on the input schema, a canary).",
        ],
    )


# ====================================================================== 79: ML code review
SAMPLE_PR = """import pickle
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.ensemble import RandomForestClassifier

df = pd.read_csv("/home/ana/Downloads/churn.csv")
X, y = df.drop(columns=["Exited"]), df["Exited"]
X = StandardScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
model = RandomForestClassifier(n_estimators=300).fit(X_train, y_train)
print("accuracy", model.score(X_test, y_test))
try:
    model = pickle.load(open("model.pkl", "rb"))
except:
    pass
API_KEY = "sk-live-1234"
"""
RULES = (
    ("leakage", "fit_transform on the whole data set before the split"),
    ("reproducibility", "random split / model without random_state"),
    ("portability", "hard-coded absolute path"),
    ("observability", "print instead of logging"),
    ("error handling", "bare except that swallows errors"),
    ("security", "secret literal in the code"),
    ("metrics", "accuracy on an imbalanced target"),
)


def review_findings(source: str) -> list[dict[str, object]]:
    """What a reviewer of an ML pull request flags, with the line."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, RecursionError, MemoryError, ValueError) as error:
        return [
            {"line": error.lineno or 0, "area": "syntax", "finding": f"does not parse: {error.msg}"}
        ]
    found: list[dict[str, object]] = []
    split_line = min(
        (
            n.lineno
            for n in ast.walk(tree)
            if isinstance(n, ast.Call)
            and getattr(n.func, "id", getattr(n.func, "attr", "")) == "train_test_split"
        ),
        default=None,
    )
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            keywords = {k.arg for k in node.keywords}
            if name == "fit_transform" and split_line and node.lineno < split_line:
                found.append({"line": node.lineno, "area": "leakage", "finding": RULES[0][1]})
            if (
                name in ("train_test_split", "RandomForestClassifier", "KFold", "StratifiedKFold")
                and "random_state" not in keywords
            ):
                found.append(
                    {
                        "line": node.lineno,
                        "area": "reproducibility",
                        "finding": f"{name} without random_state",
                    }
                )
            if name == "print":
                found.append({"line": node.lineno, "area": "observability", "finding": RULES[3][1]})
            if name == "score" and isinstance(node.func, ast.Attribute):
                found.append({"line": node.lineno, "area": "metrics", "finding": RULES[6][1]})
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and re.match(r"^(/home/|/Users/|C:\\\\)", node.value)
        ):
            found.append({"line": node.lineno, "area": "portability", "finding": RULES[2][1]})
        if isinstance(node, ast.ExceptHandler) and node.type is None:
            found.append({"line": node.lineno, "area": "error handling", "finding": RULES[4][1]})
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            if any(
                isinstance(t, ast.Name) and re.search(r"KEY|SECRET|PASSWORD|TOKEN", t.id, re.I)
                for t in node.targets
            ):
                found.append({"line": node.lineno, "area": "security", "finding": RULES[5][1]})
    return sorted(found, key=lambda f: (int(f["line"]), str(f["area"])))


def code_review(source: str = SAMPLE_PR) -> DemoResult:
    """Review a training script as a lead would: leakage, seeds, paths, logs, errors, secrets."""
    findings = review_findings(source)
    sample_areas = {f["area"] for f in review_findings(SAMPLE_PR)}
    held = sample_areas == {area for area, _ in RULES}
    return DemoResult(
        claim_held=bool(held),
        metrics={"findings": len(findings), "areas": len({f["area"] for f in findings})},
        tables={
            "Review comments": pd.DataFrame(findings, columns=["line", "area", "finding"]),
            "Checklist": pd.DataFrame(RULES, columns=["area", "what to look for"]),
        },
        notes=[
            "An ML review reads the data flow first (is anything fitted before the split? is "
            "the metric right for 20 % churn?), then reproducibility, then the usual code "
            "checks. Automate what a tool can check (ruff, bandit, gitleaks) so the human "
            "review spends its time on the data and the design.",
        ],
    )


# ========================================================== 109: stakeholder expectations
def stakeholder_promise(
    target_recall: float = 0.6, calls_per_week: int = 150, customers: int = 10_000
) -> DemoResult:
    """Turn "catch 60 % of churners" into calls, hit rate and what the team can staff."""
    from projects.responsible.concepts import _scored

    _, y, proba, _, _ = _scored("voting")
    order = np.argsort(-proba)
    caught = np.cumsum(y[order] == 1)
    churners = int((y == 1).sum())
    needed = int(np.searchsorted(caught, int(np.ceil(target_recall * churners))) + 1)
    share = needed / len(y)
    precision = float(caught[needed - 1] / needed)
    calls = int(round(share * customers))
    weeks = calls / max(calls_per_week, 1)
    capacity_share = min(1.0, calls_per_week * 4 / customers)
    k = max(1, int(round(capacity_share * len(y))))
    recall_at_capacity = float(caught[k - 1] / churners)
    held = bool(recall_at_capacity <= target_recall or k >= needed) and 0 < precision <= 1
    return DemoResult(
        claim_held=held,
        metrics={
            "customers to call": calls,
            "hit rate": f"{precision:.0%}",
            "weeks of calls": round(weeks, 1),
            "recall the team can staff (a month)": f"{recall_at_capacity:.0%}",
        },
        tables={
            "The same promise in three vocabularies": pd.DataFrame(
                [
                    {
                        "stakeholder": "data science",
                        "says": f"recall {target_recall:.0%} at precision {precision:.0%}",
                    },
                    {
                        "stakeholder": "retention team",
                        "says": f"call {calls:,} of {customers:,} customers; "
                        f"{precision:.0%} of the calls reach a real churner",
                    },
                    {
                        "stakeholder": "management",
                        "says": f"{weeks:.1f} weeks of the team's capacity to reach "
                        f"{target_recall:.0%} of the customers about to leave",
                    },
                ]
            )
        },
        notes=[
            "Expectations are managed in the stakeholder's unit: a recall target becomes a list "
            "length, a hit rate and weeks of work, and what the current team can staff is said "
            "before the model is shipped, not after.",
        ],
    )


# ======================================================= 114: remote team, time-zone overlap
TEAM = {  # member: UTC offset in hours
    "Madrid": 1,
    "Lisbon": 0,
    "Bogotá": -5,
    "Mexico City": -6,
    "Bangalore": 5.5,
}


def _clock(hours: float) -> str:
    hours %= 24
    return f"{int(hours):02d}:{int(round(hours % 1 * 60)):02d}"


def _hours(offset: float, start: int, end: int) -> set[float]:
    """The member's working hours as UTC half-hour slots of one day."""
    slots = set()
    for half in range(start * 2, end * 2):
        slots.add(((half / 2) - offset) % 24)
    return slots


def remote_overlap(
    members: tuple[str, ...] = ("Madrid", "Lisbon", "Bogotá"),
    start_hour: int = 9,
    end_hour: int = 18,
) -> DemoResult:
    """Hours when everybody is at work, and which rituals go synchronous or asynchronous."""
    chosen = [m for m in members if m in TEAM] or ["Madrid"]
    shared = set.intersection(*(_hours(TEAM[m], start_hour, end_hour) for m in chosen))
    overlap_h = len(shared) / 2
    window = sorted(shared)
    rows = [
        {
            "member": m,
            "UTC offset": TEAM[m],
            "works (UTC)": f"{_clock(start_hour - TEAM[m])}–{_clock(end_hour - TEAM[m])}",
        }
        for m in chosen
    ]
    mode = "sync" if overlap_h >= 2 else "async"  # a live stand-up, or a written one
    # Check the overlap by brute force over minutes, independently of the half-hour sets.
    minutes = [
        mm
        for mm in range(24 * 60)
        if all(start_hour * 60 <= (mm + TEAM[m] * 60) % 1440 < end_hour * 60 for m in chosen)
    ]
    held = abs(len(minutes) / 60 - overlap_h) < 0.5 and (overlap_h >= 2) == (mode == "sync")
    return DemoResult(
        claim_held=bool(held),
        metrics={
            "shared hours": overlap_h,
            "stand-up": mode,
        },
        tables={"Team": pd.DataFrame(rows)},
        notes=[
            f"Shared window: {_clock(window[0])}–{_clock(window[-1] + 0.5)} UTC."
            if window
            else "No hour is shared by everybody.",
            "Async first: decisions and status in writing (ADRs, PR descriptions, a weekly "
            "update), so nobody needs to be awake for them; the shared hours are kept for what "
            "needs a conversation (design reviews, 1:1s, incidents).",
        ],
    )


# ==================================================== 112: DS and ML engineers, a RACI matrix
DEFAULT_RACI = """activity, data scientist, ML engineer, product owner
problem framing and metric, R, C, A
feature exploration, A, C, I
training pipeline, C, A, I
serving API, I, A, C
monitoring and retraining, C, A, I
model card, A, R, C"""


def check_raci(matrix: str) -> tuple[list[dict[str, str]], list[dict[str, object]]]:
    """(rows, problems) of a RACI matrix written as CSV: exactly one Accountable per
    activity, someone doing the work, only the letters R, A, C, I."""
    lines = [line for line in matrix.splitlines() if line.strip()]
    if not lines:
        return [], [{"line": 1, "problem": "empty matrix: a header line and one line per activity"}]
    roles = [c.strip() for c in lines[0].split(",")][1:]
    rows, problems = [], []
    for number, line in enumerate(lines[1:], start=2):
        cells = [c.strip().upper() for c in line.split(",")]
        activity, letters = cells[0].lower(), cells[1:]
        if len(letters) != len(roles):
            problems.append(
                {"line": number, "problem": f"{len(letters)} cells for {len(roles)} roles"}
            )
            continue
        unknown = [c for c in letters if c not in {"R", "A", "C", "I", "A/R", "R/A", ""}]
        if unknown:
            problems.append(
                {"line": number, "problem": f"unknown letters {unknown} (use R, A, C, I)"}
            )
        accountable = sum("A" in c for c in letters)
        if accountable != 1:
            problems.append(
                {
                    "line": number,
                    "problem": f"{activity}: {accountable} Accountable (needs exactly 1)",
                }
            )
        if not any("R" in c or "A" in c for c in letters):
            problems.append({"line": number, "problem": f"{activity}: nobody does the work (no R)"})
        rows.append({"activity": activity, **dict(zip(roles, letters, strict=True))})
    return rows, problems


def raci_matrix(matrix: str = DEFAULT_RACI) -> DemoResult:
    """Check who is Responsible, Accountable, Consulted, Informed for each ML activity."""
    rows, problems = check_raci(matrix)
    _, sample = check_raci(DEFAULT_RACI)
    _, broken = check_raci(DEFAULT_RACI.replace("serving API, I, A, C", "serving API, A, A, C"))
    held = not sample and len(broken) == 1
    return DemoResult(
        claim_held=bool(held),
        metrics={"activities": len(rows), "problems": len(problems)},
        tables={
            "RACI": pd.DataFrame(rows),
            "Problems": pd.DataFrame(problems, columns=["line", "problem"]),
        },
        notes=[
            "Data scientists own the question, the metric and the experiments; ML engineers "
            "own the pipeline, serving and monitoring; the hand-off is a reviewed pipeline, "
            "not a notebook. One Accountable per activity avoids 'I thought you had it'.",
        ],
    )
