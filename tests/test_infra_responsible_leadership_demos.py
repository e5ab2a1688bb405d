"""Infrastructure, responsible-AI and leadership demos: claims hold over their parameters."""

from __future__ import annotations

import pytest

from projects.infra import k8s, recovery, terraform
from projects.leadership import decisions, incidents, review, team
from projects.responsible import concepts as rai


@pytest.mark.parametrize("mount", k8s.MODEL_MOUNTS)
@pytest.mark.parametrize("tls", [True, False])
def test_manifests_cross_reference(mount, tls):
    result = k8s.k8s_manifests(model_mount=mount, tls=tls)
    assert result.claim_held and result.metrics["problems"] == 0
    assert result.metrics["repo problems"] == 0


def test_a_password_in_the_configmap_is_flagged():
    result = k8s.k8s_manifests(secret_in_configmap=True)
    assert result.metrics["problems"] == 1
    assert "DB_PASSWORD" in result.tables["Problems found"]["problem"].iloc[0]


def test_dangling_references_are_found():
    objects = k8s.render_manifests(k8s.MODEL_MOUNTS[0], False, True, "h.example")
    objects = [o for o in objects if o["kind"] not in ("PersistentVolumeClaim", "Secret")]
    problems = " ".join(p["problem"] for p in k8s.check_manifests(objects))
    assert (
        "bankchurn-model" in problems
        and "bankchurn-secrets" in problems
        and "bankchurn-tls" in problems
    )


@pytest.mark.parametrize("minute", [0, 59, 600, 1439])
def test_disaster_recovery_rpo_is_bounded_by_the_copy_interval(minute):
    result = recovery.disaster_recovery(incident_minute=minute)
    assert result.claim_held
    table = result.tables["Per strategy"]
    assert (table["data lost (min)"] <= table["RPO bound (min)"]).all()


@pytest.mark.parametrize("model", rai.MODELS)
@pytest.mark.parametrize("threshold", [0.2, 0.5])
def test_model_card_numbers_are_the_models(model, threshold):
    result = rai.model_card(model=model, threshold=threshold)
    assert result.claim_held
    assert result.metrics["model version"] in result.extra["MODEL_CARD.md"]
    assert "below 0.8, review before promotion" in result.extra["MODEL_CARD.md"]  # Geography


@pytest.mark.parametrize(("low", "high"), [(0.35, 0.65), (0.1, 0.9), (0.49, 0.51)])
def test_human_in_the_loop_lowers_automated_error(low, high):
    result = rai.human_in_the_loop(low=low, high=high)
    assert result.claim_held


def test_human_in_the_loop_refuses_a_reversed_band():
    with pytest.raises(ValueError, match="below"):
        rai.human_in_the_loop(low=0.8, high=0.2)


@pytest.mark.parametrize(
    "weights",
    [
        {},
        {"accuracy": 0},
        {"accuracy": 10, "latency": 0},
        {"accuracy": 0, "latency": 0, "interpretability": 0, "maintenance": 0},
    ],
)
def test_decision_matrix_winner_flips_where_it_says(weights):
    assert decisions.decision_matrix(**weights).claim_held


@pytest.mark.parametrize(("interest", "share"), [(0.0, 0.2), (3.0, 0.2), (8.0, 0.4), (3.0, 0.0)])
def test_tech_debt_break_even(interest, share):
    result = decisions.tech_debt(interest_pct=interest, paydown_share=share, sprints=30)
    assert result.claim_held
    if interest >= 3 and share > 0:
        assert isinstance(result.metrics["break-even sprint"], int)


@pytest.mark.parametrize("mitigation", ["rollback", "hotfix"])
def test_incident_rollback_first(mitigation):
    result = incidents.incident_timeline(mitigation=mitigation)
    assert result.claim_held


def test_code_review_finds_every_planted_smell():
    result = review.code_review()
    assert result.claim_held
    clean = "import logging\nlogging.getLogger(__name__).info('ok')\n"
    assert review.code_review(source=clean).metrics["findings"] == 0
    assert review.code_review(source="def broken(:\n").tables["Review comments"][
        "area"
    ].tolist() == ["syntax"]


@pytest.mark.parametrize("edits", [(), ("change instance type",), terraform.DESIRED_EDITS])
def test_terraform_plan_order_and_replacement(edits):
    result = terraform.terraform_plan(edits=edits)
    assert result.claim_held
    assert result.metrics["to replace"] == (1 if "change instance type" in edits else 0)
    plan = result.tables["Plan (apply order)"]["resource"].tolist()
    if "add a monitoring bucket" in edits:
        assert plan.index("aws_s3_bucket.monitoring") < plan.index(
            "aws_iam_policy.monitoring_write"
        )


@pytest.mark.parametrize(("recall", "calls"), [(0.1, 2_000), (0.6, 150), (0.95, 10)])
def test_stakeholder_promise_in_calls(recall, calls):
    result = decisions.stakeholder_promise(target_recall=recall, calls_per_week=calls)
    assert result.claim_held
    assert result.metrics["customers to call"] > 0


@pytest.mark.parametrize(
    ("members", "hours", "synchronous"),
    [
        (("Madrid", "Lisbon", "Bogotá"), 3.0, True),
        (("Madrid", "Bangalore", "Mexico City"), 0.0, False),
        (("Madrid", "Bangalore"), 4.5, True),
    ],
)
def test_remote_overlap(members, hours, synchronous):
    result = team.remote_overlap(members=members)
    assert result.claim_held and result.metrics["shared hours"] == hours
    assert (result.metrics["stand-up"] == "sync") is synchronous


def test_raci_matrix_checks():
    assert team.raci_matrix().claim_held and team.raci_matrix().metrics["problems"] == 0
    rows, problems = team.check_raci("activity, ds, mle\ntraining, A, A\nserving, C, I\nx, Q")
    assert [p["line"] for p in problems] == [2, 3, 3, 4]
    assert team.check_raci("")[1][0]["line"] == 1


# ------------------------------------------------------------- computed numbers, no prose
def test_manifest_controls_are_counted():
    found = k8s.compute_k8s_manifests(k8s.MODEL_MOUNTS[0], False, True, "h.example")
    assert (found.clean_problems, found.planted_problems) == (0, 1)
    assert found.typo_problems >= 1 and found.repo_objects > 0 and found.claim_held


@pytest.mark.parametrize(
    ("minute", "every", "lost"),
    [
        (0, 60, 0),
        (59, 60, 59),
        (600, 60, 0),
        (601, 60, 1),
        (1439, 1440, 1439),
        (700, 1, 0),
        (700, 0, 0),
    ],
)
def test_writes_lost_since_the_last_copy(minute, every, lost):
    assert recovery.writes_lost(minute, every) == lost


def test_recovery_claim_fails_when_a_strategy_loses_more_than_its_bound():
    found = recovery.compute_disaster_recovery(600, 10, 60, 120)
    assert found.claim_held and found.cheapest_meeting_targets == "hourly snapshots + restore"
    table = found.table.copy()
    table.loc[1, "data lost (min)"] = 61  # beyond the hourly copy interval
    assert not recovery.RecoveryPlan(table).claim_held


def test_plan_order_check_can_fail():
    found = terraform.compute_terraform_plan(("add a monitoring bucket",))
    assert found.actions["aws_s3_bucket.monitoring"] == "create" and found.dependencies_first
    reversed_order = terraform.Plan(
        found.edits, found.depends_on, found.actions, tuple(reversed(found.order))
    )
    assert not reversed_order.dependencies_first


@pytest.mark.parametrize("model", rai.MODELS)
def test_model_card_reads_back_the_recomputed_numbers(model):
    found = rai.compute_model_card(model, 0.5)
    assert found.read_back.keys() == found.recomputed.keys() and found.numbers_match
    assert found.other_version != found.version and found.version in found.card
    assert (found.worst_impact < rai.FOUR_FIFTHS)["Geography"]


def test_review_band_numbers():
    found = rai.compute_human_in_the_loop(0.35, 0.65, "voting")
    assert 0 < found.review_share < 1 and found.error_auto < found.error_all
    everything = rai.compute_human_in_the_loop(0.05, 0.95, "voting")
    assert everything.review_share > found.review_share
    assert found.sweep["review share"].iloc[0] == 0  # a zero-width band sends nobody


def test_decision_flip_is_where_the_search_says():
    found = decisions.compute_decision_matrix(5, 2, 3, 2)
    assert found.winner in found.table["option"].tolist()
    if found.flip_at is not None:
        assert found.winner_at_flip == found.flip_to != found.winner
    assert decisions.compute_decision_matrix(0, 0, 10, 10).winner == "LogisticRegression"


def test_debt_break_even_is_the_first_sprint_ahead():
    found = decisions.compute_tech_debt(3.0, 0.2, 40)
    sprint = found.break_even
    assert sprint is not None and found.claim_held
    assert found.cumulative_paying[sprint - 1] > found.cumulative_never[sprint - 1]
    assert found.cumulative_paying[sprint - 2] <= found.cumulative_never[sprint - 2]
    assert decisions.compute_tech_debt(0.0, 0.2, 10).break_even is None  # no interest: no gain


def test_promise_in_calls_grows_with_the_recall_target():
    low = decisions.compute_stakeholder_promise(0.3, 150, 10_000)
    high = decisions.compute_stakeholder_promise(0.9, 150, 10_000)
    assert low.calls < high.calls and low.precision >= high.precision
    assert high.weeks == pytest.approx(high.calls / 150)


@pytest.mark.parametrize(("minute", "failed"), [(1, 0), (2, 88), (13, 1056)])
def test_failed_requests_counted_minute_by_minute(minute, failed):
    # (9 % - 0.2 %) of 1,000 requests a minute, from minute 1 until the mitigation
    assert incidents.failed_requests(minute, 1_000) == failed


def test_rollback_loses_less_exactly_when_it_is_faster():
    slow = incidents.compute_incident_timeline(6, "rollback", 30, 5, 800)
    assert slow.failed_by_rollback > slow.failed_by_hotfix and slow.claim_held
    fast = incidents.compute_incident_timeline(6, "hotfix", 4, 45, 800)
    assert fast.failed == fast.failed_by_hotfix and fast.mitigated == 6 + 3 + 45


def test_review_finds_one_area_per_rule_in_the_sample():
    found = review.compute_code_review(review.SAMPLE_PR)
    assert found.sample_areas == {area for area, _ in review.RULES}
    assert {f["line"] for f in found.findings if f["area"] == "leakage"} == {9}


def test_overlap_slots_agree_with_the_minute_count():
    found = team.compute_remote_overlap(("Madrid", "Bangalore"), 9, 18)
    assert found.shared_hours == 4.5 and found.brute_force_minutes == 270 and found.mode == "sync"
    assert team.compute_remote_overlap(("Madrid", "Nowhere"), 9, 18).members == ("Madrid",)


def test_raci_controls():
    found = team.compute_raci_matrix(team.DEFAULT_RACI)
    assert (found.sample_problems, found.two_accountable_problems) == (0, 1)
    assert len(found.rows) == 6 and not found.problems
