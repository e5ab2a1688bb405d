"""Disaster recovery (question 100): RPO and RTO of four strategies after a regional outage.

The data lost is observed on a simulated day, not derived from the copy interval: one write
per minute, copies taken on each strategy's schedule, and at the incident the writes the
last copy does not hold are lost. The claim then checks that against the RPO bound.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from projects.demo import DemoResult
from projects.figures import figure_layout

_LAYOUT = figure_layout(340)
DR_STRATEGIES = {
    # name: (data copied every N minutes, 0 = synchronous; minutes to restore; relative cost)
    "nightly backup + restore": (24 * 60, 240, 1),
    "hourly snapshots + restore": (60, 90, 2),
    "warm standby (async replica)": (1, 15, 5),
    "active-active (two regions)": (0, 1, 10),
}


def writes_lost(incident_minute: int, every: int) -> int:
    """Writes (one per minute since midnight, until the incident) that the last copy taken
    before the incident does not hold; a copy at minute t holds the writes before t, and
    `every=0` replicates each write synchronously."""
    if every == 0:
        return 0
    writes = np.arange(incident_minute)  # the minute of each write
    last_copy = np.arange(0, incident_minute + 1, every).max()
    return int((writes >= last_copy).sum())


@dataclass(frozen=True)
class RecoveryPlan:
    """What the disaster-recovery demo computed: per strategy, data lost and downtime."""

    table: pd.DataFrame  # strategy, copy every, RPO bound, data lost, downtime, targets, cost

    @property
    def cheapest_meeting_targets(self) -> str | None:
        meets = self.table[self.table["meets targets"]].sort_values("relative cost")
        return str(meets["strategy"].iloc[0]) if len(meets) else None

    @property
    def claim_held(self) -> bool:
        table = self.table
        return bool(
            (table["data lost (min)"] <= table["RPO bound (min)"]).all()
            and table["relative cost"].is_monotonic_increasing
            and table["data lost (min)"].is_monotonic_decreasing
            and table["downtime (min)"].is_monotonic_decreasing
        )


def compute_disaster_recovery(
    incident_minute: int, detect_min: int, target_rpo_min: int, target_rto_min: int
) -> RecoveryPlan:
    rows = []
    for name, (every, restore, cost) in DR_STRATEGIES.items():
        lost = writes_lost(incident_minute, every)
        down = (detect_min if every else 0) + restore  # active-active fails over by itself
        rows.append(
            {
                "strategy": name,
                "copy every (min)": every,
                "RPO bound (min)": every,
                "data lost (min)": lost,
                "downtime (min)": down,
                "meets targets": lost <= target_rpo_min and down <= target_rto_min,
                "relative cost": cost,
            }
        )
    return RecoveryPlan(pd.DataFrame(rows))


def present_disaster_recovery(found: RecoveryPlan) -> DemoResult:
    table = found.table
    figure = go.Figure()
    figure.add_trace(
        go.Bar(x=table["strategy"], y=table["data lost (min)"], name="data lost (RPO)")
    )
    figure.add_trace(go.Bar(x=table["strategy"], y=table["downtime (min)"], name="downtime (RTO)"))
    figure.update_layout(
        barmode="group", title="What a regional outage costs", yaxis_title="minutes", **_LAYOUT
    )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={  # short values: a strategy's name would be cut in a metric tile
            "meeting the targets": f"{int(table['meets targets'].sum())} of {len(table)}",
            "least data lost (min)": int(table["data lost (min)"].min()),
        },
        figures=[figure],
        tables={"Per strategy": table},
        notes=[
            f"Cheapest strategy that meets both targets: **{found.cheapest_meeting_targets}**."
            if found.cheapest_meeting_targets
            else "No strategy meets both targets: relax one, or pay for a faster restore.",
            "RPO = how much data you may lose (bounded by how often you copy it); RTO = how long "
            "you may be down (detection + restore). Each step down costs more.",
            "For an ML system, back up what cannot be recomputed (raw data, labels, the model "
            "registry and its artifacts, configs in git); features and models can be rebuilt "
            "from those — if the training is reproducible.",
        ],
    )


def disaster_recovery(
    incident_minute: int = 600,
    detect_min: int = 10,
    target_rpo_min: int = 60,
    target_rto_min: int = 120,
) -> DemoResult:
    """A region fails at `incident_minute` after midnight: data lost and downtime, per strategy."""
    return present_disaster_recovery(
        compute_disaster_recovery(incident_minute, detect_min, target_rpo_min, target_rto_min)
    )
