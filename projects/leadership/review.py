"""An ML code review (question 79): what a lead flags in a training script, with the line."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

import pandas as pd

from projects.demo import DemoResult

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


@dataclass(frozen=True)
class Review:
    """What the code-review demo computed: the findings on the source and on the sample PR."""

    findings: tuple[dict[str, object], ...]  # line, area, finding on the reviewed source
    sample_areas: frozenset[str]  # areas found in SAMPLE_PR, which plants one of each

    @property
    def claim_held(self) -> bool:
        return self.sample_areas == {area for area, _ in RULES}


def compute_code_review(source: str) -> Review:
    return Review(
        findings=tuple(review_findings(source)),
        sample_areas=frozenset(str(f["area"]) for f in review_findings(SAMPLE_PR)),
    )


def present_code_review(found: Review) -> DemoResult:
    findings = list(found.findings)
    return DemoResult(
        claim_held=bool(found.claim_held),
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


def code_review(source: str = SAMPLE_PR) -> DemoResult:
    """Review a training script as a lead would: leakage, seeds, paths, logs, errors, secrets."""
    return present_code_review(compute_code_review(source))
