"""Operations demos: every claim checked on real numbers, and impossible params rejected."""

from __future__ import annotations

import dataclasses
import json
import math

import pandas as pd
import pytest

from projects.ops import api, config, k8s, leadership, privacy
from projects.ops.demos import DEMOS
from projects.registry import spec_of


def test_every_demo_registered_and_claim_holds_with_defaults():
    assert {spec.id for spec in DEMOS} == {
        "ops.error_status_codes",
        "ops.config_hierarchy",
        "ops.rolling_update",
        "ops.hpa_scaling",
        "ops.requests_limits",
        "ops.rice_prioritization",
        "ops.pseudonymisation",
    }
    for spec in DEMOS:
        result = spec.run()
        assert result.claim_held, spec.id
        assert result.metrics and (result.figures or result.tables), spec.id


# ---------------------------------------------------------------- 73: errors -> status
@pytest.mark.parametrize("name", list(api.EXAMPLE_REQUESTS))
def test_each_failure_gets_its_status(name):
    payload, loaded, expected = api.EXAMPLE_REQUESTS[name]
    response = api.handle_request(payload, model_loaded=loaded, max_bytes=1_024)
    assert response.status == expected
    body = json.dumps(response.body)
    assert "Traceback" not in body and "ZeroDivision" not in body


def test_error_details_go_to_the_log_not_the_client():
    bug = api.handle_request('{"calls": 0, "minutes": 0, "messages": 1, "mb_used": 5.0}')
    assert bug.status == 500
    assert bug.body == {"detail": "Internal server error", "request_id": "req-42"}
    assert "ZeroDivisionError" in bug.log and "req-42" in bug.log
    down = api.handle_request(api.VALID_PAYLOAD, model_loaded=False)
    assert down.status == 503 and down.headers["Retry-After"] == "30"
    # Validation comes first (as in FastAPI) and reports every problem at once.
    bad = api.handle_request('{"calls": -1, "minutes": "many", "mb_used": 1.0, "x": 2}')
    assert bad.status == 422
    fields = {error["loc"][-1] for error in bad.body["detail"]}
    assert fields == {"calls", "minutes", "messages", "x"}
    # The size check happens before parsing: a huge non-JSON body is a 413, not a 422.
    assert api.handle_request("x" * 5_000, max_bytes=1_024).status == 413
    ok = api.handle_request(api.VALID_PAYLOAD)
    assert ok.status == 200 and ok.body["recommended_plan"] in {"Basic", "Ultra"}


def test_error_demo_rejects_impossible_params():
    with pytest.raises(ValueError, match="max_bytes"):
        spec_of(api.error_status_codes).run(max_bytes=0)
    with pytest.raises(ValueError, match="model_loaded"):
        spec_of(api.error_status_codes).run(model_loaded="yes")


# ---------------------------------------------------------------- 76: config hierarchy
def test_environment_beats_yaml_beats_defaults():
    result = config.config_hierarchy()
    values, sources = result.extra["values"], result.extra["sources"]
    assert values["mlflow.tracking_uri"] == "http://mlflow.prod:5000"
    assert sources["mlflow.tracking_uri"] == "environment"  # also set in YAML: env wins
    assert (values["model.threshold"], sources["model.threshold"]) == (0.45, "config.yaml")
    assert (values["api.port"], sources["api.port"]) == (8000, "default")
    env = "API_WORKERS=8\nFEATURES_ENABLE_EXPLANATIONS=yes\nHOME=/root\n"
    result = config.config_hierarchy(env_text=env)
    values, sources = result.extra["values"], result.extra["sources"]
    assert (values["api.workers"], sources["api.workers"]) == (8, "environment")
    assert values["features.enable_explanations"] is True
    assert values["mlflow.tracking_uri"] == "file:./mlruns"  # no env override any more
    assert any("HOME" in note for note in result.notes)
    assert result.claim_held


@pytest.mark.parametrize(
    ("yaml_text", "env_text", "fragment"),
    [
        (config.DEFAULT_YAML, "API_PORT=80a", r"\$API_PORT: api.port='80a' is not a valid int"),
        (config.DEFAULT_YAML, "LOGGING_LEVEL=LOUD", "not one of DEBUG"),
        (config.DEFAULT_YAML, "just a line", "environment line 1: expected KEY=VALUE"),
        ("model:\n  treshold: 0.3\n", "", "unknown setting"),
        ("model:\n  threshold: 1.5\n", "", r"config.yaml: model.threshold=1.5 is outside"),
        ("model: [\n", "", "not valid YAML"),
    ],
)
def test_bad_configuration_is_rejected_with_where(yaml_text, env_text, fragment):
    with pytest.raises(ValueError, match=fragment):
        config.config_hierarchy(yaml_text=yaml_text, env_text=env_text)


# ---------------------------------------------------------------- 96: rolling update
@pytest.mark.parametrize("replicas", [1, 3, 5, 10])
@pytest.mark.parametrize(("surge", "unavailable"), [(0, 1), (1, 0), (1, 1), (2, 1), (3, 2)])
def test_rolling_update_invariants_at_every_step(replicas, surge, unavailable):
    result = k8s.rolling_update(replicas=replicas, max_surge=surge, max_unavailable=unavailable)
    timeline = result.extra["timeline"]
    used_unavailable = min(unavailable, replicas)
    assert (timeline["available (k8s view)"] >= replicas - used_unavailable).all()
    assert (timeline["total pods"] <= replicas + surge).all()
    last = timeline.iloc[-1]
    assert last["old pods"] == 0 and last["actually serving"] == replicas
    assert result.claim_held


def test_rolling_update_without_readiness_probe_serves_too_few():
    result = k8s.rolling_update(readiness_probe=False)
    timeline = result.extra["timeline"]
    assert timeline["actually serving"].min() < 3 - 1  # below the floor: real downtime
    assert (timeline["available (k8s view)"] >= 2).all()  # although k8s thinks it is fine
    assert not result.claim_held


def test_rolling_update_percentages_and_impossible_values():
    assert k8s.resolve_surge_unavailable(10, "25%", "25%") == (3, 2)  # up / down
    assert k8s.resolve_surge_unavailable(3, "0%", "10%") == (0, 1)  # k8s fencepost
    with pytest.raises(ValueError, match="cannot both be 0"):
        spec_of(k8s.rolling_update).run(max_surge=0, max_unavailable=0)
    with pytest.raises(ValueError, match="maxSurge='abc'"):
        spec_of(k8s.rolling_update).run(max_surge="abc")
    with pytest.raises(ValueError, match="replicas"):
        spec_of(k8s.rolling_update).run(replicas=0)


# ---------------------------------------------------------------- 92: HPA
def test_hpa_formula_by_hand():
    assert k8s.hpa_desired(2, 105.0, 70.0) == 3  # ceil(2 * 1.5)
    assert k8s.hpa_desired(4, 75.0, 70.0) == 4  # ratio 1.07: inside the 10% tolerance
    assert k8s.hpa_desired(10, 35.0, 70.0) == 5  # ceil(10 * 0.5)
    assert k8s.hpa_desired(3, 100.0, 70.0) == 5  # ceil(4.29)


def test_hpa_simulation_follows_formula_and_bounds():
    result = k8s.hpa_scaling()
    steps = result.extra["steps"]
    for _, row in steps.iterrows():
        ratio = row["cpu utilization %"] / 70
        by_hand = row["replicas"] if abs(ratio - 1) <= 0.1 else math.ceil(row["replicas"] * ratio)
        assert row["ceil formula"] == by_hand
        assert 2 <= row["next replicas"] <= 10
    assert steps["replicas"].max() == 10 and steps["replicas"].min() == 2
    # Scale-down is held back by the 5-minute window: the first drop comes after the
    # formula has been recommending fewer replicas for a while.
    first_down = steps.index[steps["next replicas"] < steps["replicas"]][0]
    first_lower = steps.index[steps["clamped"] < steps["replicas"]][0]
    assert first_down >= first_lower + 5
    assert result.claim_held


def test_hpa_rejects_impossible_values():
    with pytest.raises(ValueError, match="above max_replicas"):
        spec_of(k8s.hpa_scaling).run(min_replicas=8, max_replicas=4)
    with pytest.raises(ValueError, match="load_shape"):
        spec_of(k8s.hpa_scaling).run(load_shape="tsunami")
    with pytest.raises(ValueError, match="target_utilization"):
        spec_of(k8s.hpa_scaling).run(target_utilization=0)


# ---------------------------------------------------------------- 93: requests/limits
def test_memory_over_limit_is_oomkilled_cpu_over_limit_is_throttled():
    result = k8s.requests_limits()  # peak 1,500m > 1,000m limit; 1,200Mi > 1,024Mi
    assert result.extra["oom_kills"] >= 1
    assert result.extra["throttled_minutes"] > 0
    calm = k8s.requests_limits(cpu_peak_m=800, mem_peak_mi=900)
    assert calm.extra["oom_kills"] == 0 and calm.extra["throttled_minutes"] == 0
    assert calm.claim_held
    # Exactly at the limit is allowed: no kill, no throttling.
    edge = k8s.requests_limits(cpu_peak_m=1_000, mem_peak_mi=1_024)
    assert edge.extra["oom_kills"] == 0 and edge.extra["throttled_minutes"] == 0


def test_scheduling_uses_requests():
    result = k8s.requests_limits()
    assert result.extra["pods_fit"] == min(4_000 // 250, 12_288 // 512) == 16
    tight = k8s.requests_limits(cpu_request_m=1_000, mem_request_mi=1_024)
    assert tight.extra["pods_fit"] == 4
    assert tight.metrics["QoS class"] == "Guaranteed"
    huge = k8s.requests_limits(cpu_request_m=8_000, cpu_limit_m=8_000, cpu_peak_m=500)
    assert huge.extra["pods_fit"] == 0 and "Pending" in huge.notes[0]
    # Requests == limits: nothing tells the two apart, and the demo says so.
    assert not tight.condition_met and "cannot" in tight.condition
    assert result.condition_met and result.claim_held


def test_scheduler_simulation_is_independent_of_the_formula():
    """The claim compares a pod-by-pod placement with the request arithmetic, so it can fail:
    a node whose last pod fits only by rounding must not get an extra pod."""
    assert k8s.schedule_pods(4_000, 12_288, 250, 512) == 16
    assert k8s.schedule_pods(1_000, 4_096, 300, 512) == 3  # 1,000 / 300 = 3.3
    assert k8s.schedule_pods(100, 100, 200, 50) == 0


def test_request_above_limit_is_rejected():
    with pytest.raises(ValueError, match="request must be <= limit"):
        k8s.requests_limits(cpu_request_m=2_000, cpu_limit_m=1_000)
    with pytest.raises(ValueError, match="memory request"):
        k8s.requests_limits(mem_request_mi=2_048, mem_limit_mi=1_024)


# ---------------------------------------------------------------- 113: RICE
def test_rice_ranking_on_a_hand_table():
    table = pd.DataFrame(
        [
            ("A", 100, 1.0, 100, 1.0),  # 100
            ("B", 1_000, 3.0, 50, 10.0),  # 150
            ("C", 500, 2.0, 80, 2.0),  # 400
        ],
        columns=list(leadership.RICE_COLUMNS),
    )
    result = leadership.rice_prioritization(table)
    ranking = result.tables["Ranking"]
    assert ranking["feature"].tolist() == ["C", "B", "A"]
    assert ranking["RICE"].tolist() == [400, 150, 100]
    assert result.extra["top_impact"] == "B" and result.extra["top_rice"] == "C"
    assert result.metrics["RICE rank of the top-impact feature"] == 2 and result.claim_held
    same = leadership.rice_prioritization(
        [
            {"feature": "X", "reach": 10, "impact": 3, "confidence": 100, "effort": 1},
            {"feature": "Y", "reach": 10, "impact": 1, "confidence": 100, "effort": 1},
        ]
    )
    assert not same.claim_held  # the top is the same by RICE and by impact: honest badge


@pytest.mark.parametrize(
    ("column", "value", "fragment"),
    [
        ("effort", 0, "effort=0"),
        ("impact", 5, "impact=5"),
        ("confidence", 120, "confidence=120"),
        ("reach", None, "reach=None"),
        ("feature", "", "needs a name"),
    ],
)
def test_rice_rejects_impossible_values(column, value, fragment):
    table = leadership.DEFAULT_RICE.copy().astype({column: object})
    table.loc[1, column] = value
    with pytest.raises(ValueError, match=fragment):
        leadership.rice_prioritization(table)


# ---------------------------------------------------------------- 105: pseudonymisation
def test_erasure_removes_the_person_everywhere():
    target = 15617311
    result = privacy.pseudonymisation(erase_customer=target)
    after = result.extra["after"]
    alias = privacy.pseudonym(target, "k8s-secret-7f3a9c2e")
    for name, table in after.items():
        if "customer_id" in table:
            assert target not in set(table["customer_id"]), name
        if "pseudonym" in table:
            assert alias not in set(table["pseudonym"]), name
    assert len(after["features"]) == len(privacy.CUSTOMERS) - 1
    assert len(after["prediction_log"]) == 2 * (len(privacy.CUSTOMERS) - 1)
    assert not {"name", "email", "customer_id"} & set(after["features"].columns)
    remaining = privacy.CUSTOMERS[privacy.CUSTOMERS["customer_id"] != target]
    pd.testing.assert_frame_equal(
        after["features"][list(privacy.MODEL_FEATURES)],
        remaining[list(privacy.MODEL_FEATURES)].reset_index(drop=True),
    )
    assert result.claim_held


def test_pseudonyms_stable_and_not_reversible_without_key():
    key = "k8s-secret-7f3a9c2e"
    first = privacy.pseudonym(15604602, key)
    assert first == privacy.pseudonym(15604602, key)  # stable
    assert first != privacy.pseudonym(15604602, "another-key-123")  # keyed
    assert len(first) == 16 and str(15604602) not in first
    aliases = {privacy.pseudonym(i, key) for i in privacy.CUSTOMERS["customer_id"]}
    assert privacy.dictionary_attack(aliases, "hmac", guessed_key="wrong-key") == 0
    assert privacy.dictionary_attack(aliases, "hmac", guessed_key=key) == 8  # attack works
    plain = privacy.pseudonymisation(method="sha256")
    assert plain.extra["reidentified"] == 7 and not plain.claim_held


def test_pseudonymisation_rejects_impossible_values():
    with pytest.raises(ValueError, match="at least 8 characters"):
        privacy.pseudonymisation(secret_key="abc")
    with pytest.raises(ValueError, match="not in the table"):
        privacy.pseudonymisation(erase_customer=123)
    with pytest.raises(ValueError, match="method"):
        privacy.pseudonymisation(method="md5")


# ---------------------------------------------------------------- renderers (AppTest)
def test_error_renderer_switches_example_and_shows_status(demo_app):
    at = demo_app("ops.error_status_codes")
    assert not at.exception and not at.error
    at.selectbox(key="t_example").set_value("model not loaded").run()
    assert not at.exception
    assert json.loads(at.json[0].value)["status"] == 503


def test_rolling_update_renderer_rejects_both_zero(demo_app):
    at = demo_app("ops.rolling_update")
    assert not at.exception and not at.error
    at.text_input(key="t_surge").set_value("0")
    at.text_input(key="t_unavailable").set_value("0").run()
    assert not at.exception
    assert "cannot both be 0" in at.error[0].value


# ---------------------------------------------------------------- computed numbers (issue 10)
def test_status_codes_computed_apart():
    found = api.compute_error_status_codes(
        '{"calls": 0, "minutes": 0, "messages": 3, "mb_used": 1}'
    )
    assert found.response.status == 500 and not found.response_leaked
    assert list(found.examples["status"]) == [e for _, _, e in api.EXAMPLE_REQUESTS.values()]
    assert found.claim_held
    leaky = dataclasses.replace(found, response_leaked=True)
    assert not leaky.claim_held


def test_config_claim_fails_when_a_source_is_wrong():
    found = config.compute_config_hierarchy()
    assert found.counts == {"default": 2, "config.yaml": 3, "environment": 2}
    assert found.claim_held
    wrong = dict(found.sources, **{"api.workers": "default"})
    assert not dataclasses.replace(found, sources=wrong).claim_held


def test_rollout_invariants_name_what_broke():
    found = k8s.compute_rolling_update(readiness_probe=False)
    assert found.invariants == {
        "available >= floor": True,
        "total <= ceiling": True,
        "serving >= floor": False,
        "finished": True,
    }
    assert (found.floor, found.ceiling) == (2, 4)


def test_hpa_checks_can_fail():
    found = k8s.compute_hpa_scaling()
    assert all(found.checks.values()) and found.scaling_events > 0
    steps = found.steps.copy()
    hot = steps.index[steps["cpu utilization %"] > 77][0]
    steps.loc[hot, "next replicas"] = steps.loc[hot, "replicas"]  # an HPA that ignores load
    assert not dataclasses.replace(found, steps=steps).checks["scales up when hot"]
    steps = found.steps.copy()
    steps["next replicas"] = 11  # above max_replicas
    assert not dataclasses.replace(found, steps=steps).checks["bounded"]


def test_requests_limits_checks_observations():
    found = k8s.compute_requests_limits()
    assert (found.pods_fit, found.pods_if_limits, found.placed) == (16, 4, 16)
    assert found.oom_kills >= 1 and found.throttled_minutes > 0 and found.claim_held
    usage = found.usage.copy()
    usage["cpu used"] = usage["cpu demand"]  # no throttling: CPU above the limit
    assert not dataclasses.replace(found, usage=usage).checks["cpu"]
    assert not dataclasses.replace(found, placed=17).checks["scheduling"]


def test_rice_and_erasure_computed_apart():
    found = leadership.compute_rice_prioritization()
    assert found.top_impact == "Real-time plan recommender API"
    assert found.top_rice != found.top_impact and found.rice_rank_of_top_impact > 1
    plain = privacy.compute_pseudonymisation(method="sha256")
    assert (plain.targets, plain.reidentified, plain.reidentified_plain) == (7, 7, 7)
    keyed = privacy.compute_pseudonymisation()
    assert (keyed.reidentified, keyed.reidentified_plain) == (0, 7) and keyed.claim_held
