"""The leadership exercises, each declared once: function, parameters, questions and claim."""

from __future__ import annotations

from projects import params as P
from projects.demo import DemoSpec, demo
from projects.leadership import decisions, incidents, review, team

PROJECT = "leadership"

DEMOS: list[DemoSpec] = [
    demo(
        PROJECT,
        decisions.decision_matrix,
        title="Decision matrix: LogisticRegression vs RandomForest vs Gradient Boosting",
        questions=(106,),
        claim=(
            "The chosen model is the weighted argmax of measured accuracy and latency and judged "
            "interpretability and maintenance, and it really changes at the accuracy weight the "
            "sensitivity analysis reports."
        ),
        params=tuple(
            P.real(name, 0, 10, default, 0.5, label=name.upper())
            for name, default in (
                ("accuracy", 5),
                ("latency", 2),
                ("interpretability", 3),
                ("maintenance", 2),
            )
        ),
    ),
    demo(
        PROJECT,
        decisions.tech_debt,
        title="Negotiating tech debt: when paying it down overtakes",
        questions=(80, 110),
        claim=(
            "When debt taxes velocity, the cumulative features of a team that spends a share of "
            "each sprint on it overtake those of a team that never does, at the break-even "
            "sprint shown, and stay ahead."
        ),
        params=(
            P.real("interest_pct", 0, 10, 3, 0.5, label="INTEREST"),
            P.real("paydown_share", 0, 0.5, 0.2, 0.05, label="PAYDOWN"),
            P.integer("sprints", 5, 40, 20, label="SPRINTS"),
        ),
    ),
    demo(
        PROJECT,
        incidents.incident_timeline,
        title="A production incident: timeline, error budget, rollback first",
        questions=(111,),
        claim=(
            "Mitigating by rollback (minutes) fails fewer requests and burns less error budget "
            "than fixing forward with a hotfix whenever the hotfix takes longer."
        ),
        params=(
            P.integer("detect_min", 1, 30, 6, label="DETECT_MIN"),
            P.options("mitigation", ("rollback", "hotfix"), "rollback", label="MITIGATION"),
            P.integer("rollback_min", 1, 30, 4, label="ROLLBACK_MIN"),
            P.integer("hotfix_min", 5, 240, 45, step=5, label="HOTFIX_MIN"),
            P.integer("requests_per_min", 10, 10_000, 800, step=10, label="REQUESTS_PER_MIN"),
        ),
    ),
    demo(
        PROJECT,
        review.code_review,
        title="Reviewing an ML pull request",
        questions=(79,),
        claim=(
            "Every area of the checklist (leakage, reproducibility, portability, logging, error "
            "handling, secrets, the metric) has a finding at its line in the sample PR, and clean "
            "code gets none."
        ),
        params=(
            P.text(
                "source", review.SAMPLE_PR, max_chars=20_000, label="SOURCE", widget="text_area"
            ),
        ),
    ),
    demo(
        PROJECT,
        decisions.stakeholder_promise,
        title="Stakeholder expectations: a recall target in calls, hit rate and weeks",
        questions=(109,),
        claim=(
            "A recall target becomes the number of top-ranked customers to call and its hit "
            "rate on the real test predictions, and the recall the team can staff in a month "
            "never exceeds the target unless the month covers the whole list."
        ),
        params=(
            P.real("target_recall", 0.1, 0.95, 0.6, 0.05, label="TARGET_RECALL"),
            P.integer("calls_per_week", 10, 2_000, 150, step=10, label="CALLS_PER_WEEK"),
            P.integer("customers", 1_000, 100_000, 10_000, step=1_000, label="CUSTOMERS"),
        ),
    ),
    demo(
        PROJECT,
        team.remote_overlap,
        title="Leading a remote team: the hours everybody shares",
        questions=(114,),
        claim=(
            "The shared working window computed from the members' time zones matches a "
            "minute-by-minute count, and the stand-up goes asynchronous when fewer than two "
            "hours are shared."
        ),
        params=(
            P.many("members", tuple(team.TEAM), ("Madrid", "Lisbon", "Bogotá"), label="MEMBERS"),
            P.integer("start_hour", 0, 12, 9, label="START_HOUR"),
            P.integer("end_hour", 13, 24, 18, label="END_HOUR"),
        ),
    ),
    demo(
        PROJECT,
        team.raci_matrix,
        title="Data scientists and ML engineers: a RACI matrix, checked",
        questions=(112,),
        claim=(
            "The sample RACI has exactly one Accountable and someone doing the work for every "
            "activity, and making two roles Accountable for the serving API is reported as the "
            "one problem."
        ),
        params=(
            P.text(
                "matrix", team.DEFAULT_RACI, max_chars=5_000, label="MATRIX", widget="text_area"
            ),
        ),
    ),
]
