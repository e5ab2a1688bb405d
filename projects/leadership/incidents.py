"""An incident (question 111): a bad model release, alert, acknowledge, mitigate, resolve.

The failed requests are counted minute by minute on a simulated error-rate timeline for both
mitigations, so the claim "rollback first" is checked on what each timeline lost, not on
the difference of two durations.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from projects.demo import DemoResult

BAD_ERROR_RATE = 0.09  # share of /v1/predict calls failing with the bad release
BASE_ERROR_RATE = 0.002  # before the release and after the mitigation
ERROR_BUDGET_MIN = 43.2  # 99.9 % monthly availability
ACKNOWLEDGE_AFTER_MIN = 3  # the on-call acknowledges this long after the alert


def failed_requests(mitigated_minute: int, requests_per_min: int) -> int:
    """Requests failed above the base rate, minute by minute (the release breaks at minute 1)."""
    minutes = np.arange(mitigated_minute + 60)  # an hour past the mitigation
    rate = np.where((minutes >= 1) & (minutes < mitigated_minute), BAD_ERROR_RATE, BASE_ERROR_RATE)
    return int(round(float(((rate - BASE_ERROR_RATE) * requests_per_min).sum())))


@dataclass(frozen=True)
class Incident:
    """What the incident demo computed: the minutes and the requests each mitigation loses."""

    detect_min: int
    mitigation: str
    fix_min: int  # how long the chosen mitigation takes
    faster_is_rollback: bool  # rollback_min < hotfix_min
    failed_by_rollback: int
    failed_by_hotfix: int

    @property
    def acknowledged(self) -> int:
        return self.detect_min + ACKNOWLEDGE_AFTER_MIN

    @property
    def mitigated(self) -> int:
        return self.acknowledged + self.fix_min

    @property
    def alternative(self) -> str:
        return "hotfix" if self.mitigation == "rollback" else "rollback"

    @property
    def failed(self) -> int:
        return self.failed_by_rollback if self.mitigation == "rollback" else self.failed_by_hotfix

    @property
    def failed_other(self) -> int:
        return self.failed_by_hotfix if self.mitigation == "rollback" else self.failed_by_rollback

    @property
    def budget_used(self) -> float:
        """Share of the month's error budget, in minutes of full outage."""
        return (self.mitigated - 1) * BAD_ERROR_RATE / ERROR_BUDGET_MIN

    @property
    def claim_held(self) -> bool:
        """Fewer failed requests by rollback exactly when rolling back is faster."""
        return (self.failed_by_rollback < self.failed_by_hotfix) == self.faster_is_rollback


def compute_incident_timeline(
    detect_min: int, mitigation: str, rollback_min: int, hotfix_min: int, requests_per_min: int
) -> Incident:
    acknowledged = detect_min + ACKNOWLEDGE_AFTER_MIN
    return Incident(
        detect_min=detect_min,
        mitigation=mitigation,
        fix_min=rollback_min if mitigation == "rollback" else hotfix_min,
        faster_is_rollback=rollback_min < hotfix_min,
        failed_by_rollback=failed_requests(acknowledged + rollback_min, requests_per_min),
        failed_by_hotfix=failed_requests(acknowledged + hotfix_min, requests_per_min),
    )


def present_incident_timeline(found: Incident) -> DemoResult:
    mitigated = found.mitigated
    events = [
        (0, "deploy v1.3 (new features pipeline)"),
        (1, "error rate 0.2 % → 9 % on /v1/predict"),
        (found.detect_min, "alert fires: 5xx > 2 % for 5 min"),
        (found.acknowledged, "on-call acknowledges, opens the incident channel, names a lead"),
        (mitigated, f"mitigated by {found.mitigation} ({found.fix_min} min)"),
        (mitigated + 30, "root cause found (a renamed column); fix merged with a regression test"),
        (mitigated + 2 * 24 * 60, "blameless post-mortem: timeline, impact, 3 actions with owners"),
    ]
    return DemoResult(
        claim_held=bool(found.claim_held),
        metrics={
            "time to detect": f"{found.detect_min} min",
            "time to mitigate": f"{mitigated} min",
            "failed requests": found.failed,
            "error budget used": f"{found.budget_used:.0%}",
            f"failed requests with {found.alternative}": found.failed_other,
        },
        tables={"Timeline": pd.DataFrame([{"minute": m, "event": e} for m, e in events])},
        notes=[
            "Mitigate first, diagnose later: rolling back to the last good model version stops "
            "the damage in minutes; the hotfix comes after, with a test that reproduces it.",
            "One incident lead, one channel, status updates on a clock; the post-mortem is "
            "blameless and ends in owned actions (an alert on the input schema, a canary).",
        ],
    )


def incident_timeline(
    detect_min: int = 6,
    mitigation: str = "rollback",
    rollback_min: int = 4,
    hotfix_min: int = 45,
    requests_per_min: int = 800,
) -> DemoResult:
    """A bad model release: alert, acknowledge, mitigate, resolve; what each minute costs."""
    return present_incident_timeline(
        compute_incident_timeline(
            detect_min, mitigation, rollback_min, hotfix_min, requests_per_min
        )
    )
