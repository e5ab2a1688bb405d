"""Kubernetes: rolling updates, the HPA formula, requests vs limits (questions 96, 91, 92, 93).

Pure simulations (no Streamlit): compute_* returns numbers, present_* the DemoResult; the
demo's declared params (projects/ops/demos.py) are validated before these functions run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from projects import params as check
from projects.demo import DemoResult


# ============================================================ 96, 91: rolling update
def resolve_surge_unavailable(
    replicas: int, max_surge: int | str, max_unavailable: int | str
) -> tuple[int, int]:
    """Kubernetes' rounding: surge rounds up, unavailable rounds down ("25%" or an int)."""

    def parse(name: str, value: int | str, round_up: bool) -> int:
        if isinstance(value, str) and value.strip().endswith("%"):
            try:
                pct = float(value.strip()[:-1])
            except ValueError:
                raise ValueError(f"{name}={value!r} is not a percentage like '25%'") from None
            if not 0 <= pct <= 100:
                raise ValueError(f"{name}={value!r} must be between 0% and 100%")
            exact = replicas * pct / 100
            return math.ceil(exact) if round_up else math.floor(exact)
        if isinstance(value, str):
            try:
                value = int(value.strip())
            except ValueError:
                raise ValueError(f"{name}={value!r} must be a whole number or a '25%'") from None
        return check.number(name, value, 0, 100, integer=True)

    surge = parse("maxSurge", max_surge, round_up=True)
    unavailable = parse("maxUnavailable", max_unavailable, round_up=False)
    if surge == 0 and unavailable == 0:
        if isinstance(max_unavailable, str) and "%" in max_unavailable:
            return 0, 1  # what Kubernetes does when percentages round both to 0
        raise ValueError(
            "maxSurge and maxUnavailable cannot both be 0: the rollout could never replace a pod"
        )
    return surge, min(unavailable, replicas)


def simulate_rollout(
    replicas: int, surge: int, unavailable: int, startup_ticks: int, readiness_probe: bool
) -> pd.DataFrame:
    """The Deployment controller, one 10-second tick at a time.

    Each tick: new pods age (Ready after `startup_ticks` when there is a readiness probe,
    immediately when there is none, although the app still needs `startup_ticks` to load
    the model); then the controller scales the new ReplicaSet up within
    replicas + maxSurge and the old one down while keeping replicas - maxUnavailable
    available.
    """
    old, new_ages = replicas, []
    ready_after = startup_ticks if readiness_probe else 0
    rows = [
        {
            "tick": 0,
            "old pods": old,
            "new ready": 0,
            "new starting": 0,
            "available (k8s view)": old,
            "actually serving": old,
            "total pods": old,
            "created": 0,
            "terminated": 0,
        }
    ]  # before `kubectl apply`
    for tick in range(1, 200):
        new_ages = [age + 1 for age in new_ages]
        created = killed = 0
        # Scale up, scale down, and scale up again with the room just freed (the controller
        # reacts to each change within the tick).
        for _ in range(2):
            scale_up = max(min(replicas + surge - old - len(new_ages), replicas - len(new_ages)), 0)
            new_ages += [0] * scale_up
            created += scale_up
            new_ready = sum(age >= ready_after for age in new_ages)
            new_unavailable = len(new_ages) - new_ready
            max_scale_down = old + len(new_ages) - (replicas - unavailable) - new_unavailable
            down = min(max(max_scale_down, 0), old)
            old -= down
            killed += down
        serving_new = sum(age >= startup_ticks for age in new_ages)
        rows.append(
            {
                "tick": tick,
                "old pods": old,
                "new ready": new_ready,
                "new starting": len(new_ages) - new_ready,
                "available (k8s view)": old + new_ready,
                "actually serving": old + serving_new,
                "total pods": old + len(new_ages),
                "created": created,
                "terminated": killed,
            }
        )
        if old == 0 and serving_new == replicas:
            break
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Rollout:
    """What the rolling-update demo computed: the resolved strategy and the timeline."""

    replicas: int
    surge: int
    unavailable: int
    readiness_probe: bool
    timeline: pd.DataFrame  # one row per 10-second tick

    @property
    def floor(self) -> int:
        return self.replicas - self.unavailable

    @property
    def ceiling(self) -> int:
        return self.replicas + self.surge

    @property
    def invariants(self) -> dict[str, bool]:
        """Each part of the claim, checked on the simulated timeline."""
        timeline = self.timeline
        return {
            "available >= floor": bool((timeline["available (k8s view)"] >= self.floor).all()),
            "total <= ceiling": bool((timeline["total pods"] <= self.ceiling).all()),
            "serving >= floor": bool((timeline["actually serving"] >= self.floor).all()),
            "finished": bool(timeline["old pods"].iloc[-1] == 0),
        }

    @property
    def claim_held(self) -> bool:
        return all(self.invariants.values())


def compute_rolling_update(
    replicas: int = 3,
    max_surge: int | str = 1,
    max_unavailable: int | str = 1,
    startup_ticks: int = 2,
    readiness_probe: bool = True,
) -> Rollout:
    """Resolve maxSurge / maxUnavailable and simulate the rollout tick by tick."""
    surge, unavailable = resolve_surge_unavailable(replicas, max_surge, max_unavailable)
    timeline = simulate_rollout(replicas, surge, unavailable, startup_ticks, readiness_probe)
    return Rollout(replicas, surge, unavailable, readiness_probe, timeline)


def present_rolling_update(found: Rollout) -> DemoResult:
    """The stacked timeline with floor and ceiling, metrics and sentences."""
    timeline, surge, unavailable = found.timeline, found.surge, found.unavailable
    floor, ceiling = found.floor, found.ceiling
    fig = go.Figure()
    for column, color in (
        ("old pods", "#9E9E9E"),
        ("new ready", "#54A24B"),
        ("new starting", "#EECA3B"),
    ):
        fig.add_trace(
            go.Bar(x=timeline["tick"], y=timeline[column], name=column, marker_color=color)
        )
    fig.add_trace(
        go.Scatter(
            x=timeline["tick"],
            y=timeline["actually serving"],
            mode="lines+markers",
            name="actually serving",
            line=dict(color="black", width=2),
        )
    )
    fig.add_hline(
        y=floor,
        line_dash="dot",
        line_color="#E45756",
        annotation_text="floor: replicas − maxUnavailable",
        annotation_position="bottom left",
    )
    fig.add_hline(
        y=ceiling,
        line_dash="dash",
        line_color="#4C78A8",
        annotation_text="ceiling: replicas + maxSurge",
        annotation_position="top left",
    )
    fig.update_layout(
        barmode="stack",
        title=(
            f"Rolling update: {found.replicas} replicas, maxSurge={surge}, "
            f"maxUnavailable={unavailable}"
        ),
        xaxis_title="tick (10 s)",
        yaxis_title="pods",
        height=420,
    )
    notes = [
        f"Resolved: maxSurge={surge}, maxUnavailable={unavailable} (percentages: surge rounds "
        "up, unavailable rounds down).",
        f"The rollout takes {len(timeline)} ticks (~{len(timeline) * 10} s); a bigger maxSurge "
        "is faster but needs spare capacity, a bigger maxUnavailable is faster but serves "
        "with fewer pods.",
    ]
    if unavailable == 0:
        notes.append(
            "maxUnavailable=0 is the seed's flow: create a new pod, wait until it is Ready, "
            "only then terminate an old one."
        )
    else:
        notes.append(
            f"With maxUnavailable={unavailable} Kubernetes may terminate old pods right away, "
            "before any new pod is Ready; use 0 when every replica is needed for the load."
        )
    if floor <= 0:
        notes.append("replicas − maxUnavailable = 0: this configuration allows full downtime.")
    if not found.readiness_probe:
        notes.append(
            "Without a readiness probe a pod is 'Ready' as soon as it starts, so old pods are "
            "killed while the new ones still load the model: traffic is sent to pods that "
            "cannot answer (the black line dips below the red floor)."
        )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "Ticks": len(timeline),
            "Min available": int(timeline["available (k8s view)"].min()),
            "Min actually serving": int(timeline["actually serving"].min()),
            "Max pods": int(timeline["total pods"].max()),
        },
        figures=[fig],
        tables={"Timeline": timeline},
        notes=notes,
        extra={"surge": surge, "unavailable": unavailable, "timeline": timeline},
    )


def rolling_update(
    replicas: int = 3,
    max_surge: int | str = 1,
    max_unavailable: int | str = 1,
    startup_ticks: int = 2,
    readiness_probe: bool = True,
) -> DemoResult:
    """A rolling update of N replicas as a timeline, with its two invariants checked."""
    return present_rolling_update(
        compute_rolling_update(replicas, max_surge, max_unavailable, startup_ticks, readiness_probe)
    )


# ============================================================ 92: HPA
LOAD_SHAPES: tuple[str, ...] = ("daily", "spike", "ramp")


def load_curve(shape: str, peak_rps: float, minutes: int = 120) -> np.ndarray:
    """Requests per second for each minute."""
    t = np.arange(minutes)
    base = peak_rps * 0.15
    if shape == "daily":
        return base + (peak_rps - base) * np.sin(np.pi * t / (minutes - 1)) ** 2
    if shape == "spike":
        return np.where((t >= 30) & (t < 50), peak_rps, base * 1.5)
    return np.minimum(base + (peak_rps - base) * t / (minutes * 0.75), peak_rps)


def hpa_desired(current: int, utilization: float, target: float, tolerance: float = 0.1) -> int:
    """The HPA formula: desired = ceil(current * currentUtilization / target)."""
    ratio = utilization / target
    if abs(ratio - 1) <= tolerance:
        return current  # within tolerance: no change
    return math.ceil(current * ratio)


def simulate_hpa(
    loads: np.ndarray,
    min_replicas: int,
    max_replicas: int,
    target: float,
    capacity_rps: float,
    window: int,
    tolerance: float = 0.1,
) -> pd.DataFrame:
    """One HPA sync per minute; scale-down uses the highest recommendation of the window."""
    current = min_replicas
    history: list[int] = []
    rows = []
    for minute, load in enumerate(loads):
        # CPU as % of the request; capped at 200% (the container's limit is 2x its request).
        utilization = min(load / (current * capacity_rps) * 100, 200.0)
        raw = hpa_desired(current, utilization, target, tolerance)
        clamped = min(max(raw, min_replicas), max_replicas)
        history = (history + [clamped])[-(window + 1) :]
        final = max(history) if clamped < current else clamped
        rows.append(
            {
                "minute": minute,
                "load (rps)": float(load),
                "replicas": current,
                "cpu utilization %": utilization,  # unrounded: the claim check reuses it
                "ceil formula": raw,
                "clamped": clamped,
                "next replicas": final,
            }
        )
        current = final
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class HpaRun:
    """What the HPA demo computed: every sync of the autoscaler under the load curve."""

    min_replicas: int
    max_replicas: int
    target: float
    capacity_rps: float
    window: int
    steps: pd.DataFrame  # one row per minute (see simulate_hpa)

    @property
    def checks(self) -> dict[str, bool]:
        """Each part of the claim, checked on the simulated syncs with code of its own."""
        steps, target, window = self.steps, self.target, self.window
        current = steps["replicas"].to_numpy()
        ratio = steps["cpu utilization %"].to_numpy() / target
        by_formula = np.where(np.abs(ratio - 1) <= 0.1, current, np.ceil(current * ratio))
        nxt = steps["next replicas"].to_numpy()
        downs = np.flatnonzero(nxt < current)
        clamped = steps["clamped"].to_numpy()
        # Observed behaviour, not the formula again: over target + tolerance below the
        # maximum, the very next sync adds replicas.
        hot = (ratio > 1.1) & (current < self.max_replicas)
        return {
            "formula": bool(np.array_equal(steps["ceil formula"].to_numpy(), by_formula)),
            "bounded": bool(((nxt >= self.min_replicas) & (nxt <= self.max_replicas)).all()),
            "stabilized": all(clamped[max(0, i - window) : i + 1].max() <= nxt[i] for i in downs),
            "scales up when hot": bool((nxt[hot] > current[hot]).all()),
        }

    @property
    def claim_held(self) -> bool:
        return all(self.checks.values())

    @property
    def scaling_events(self) -> int:
        return int((self.steps["next replicas"] != self.steps["replicas"]).sum())

    @property
    def minutes_saturated(self) -> int:
        return int((self.steps["cpu utilization %"] > self.target * 1.1).sum())


def compute_hpa_scaling(
    load_shape: str = "daily",
    peak_rps: float = 900.0,
    min_replicas: int = 2,
    max_replicas: int = 10,
    target_utilization: float = 70.0,
    capacity_rps: float = 100.0,
    stabilization_minutes: int = 5,
) -> HpaRun:
    """One HPA sync per minute for two hours of the chosen load curve."""
    if load_shape not in LOAD_SHAPES:
        raise ValueError(f"load_shape={load_shape!r} is not one of {', '.join(LOAD_SHAPES)}")
    if min_replicas > max_replicas:
        raise ValueError(f"min_replicas={min_replicas} is above max_replicas={max_replicas}")
    loads = load_curve(load_shape, peak_rps)
    steps = simulate_hpa(
        loads, min_replicas, max_replicas, target_utilization, capacity_rps, stabilization_minutes
    )
    return HpaRun(
        min_replicas,
        max_replicas,
        target_utilization,
        capacity_rps,
        stabilization_minutes,
        steps,
    )


def present_hpa_scaling(found: HpaRun) -> DemoResult:
    """Load, replicas and CPU panels, metrics and sentences, from the simulated syncs."""
    steps, target = found.steps, found.target
    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.07,
        subplot_titles=(
            "Load vs capacity at the target utilisation (rps)",
            "Replicas",
            "CPU utilisation (% of the request)",
        ),
    )
    minute = steps["minute"]
    fig.add_trace(
        go.Scatter(x=minute, y=steps["load (rps)"], name="load (rps)", line_color="#4C78A8"),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=minute,
            y=steps["replicas"] * found.capacity_rps * target / 100,
            name="capacity at target",
            line=dict(color="#54A24B", shape="hv", dash="dot"),
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=minute,
            y=steps["replicas"],
            name="replicas",
            line=dict(color="#F58518", shape="hv", width=3),
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=minute, y=steps["cpu utilization %"], name="CPU %", line=dict(color="#B279A2")
        ),
        row=3,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=minute,
            y=np.full(len(steps), target),
            name=f"target {target:.0f}%",
            line=dict(color="gray", dash="dot"),
        ),
        row=3,
        col=1,
    )
    fig.update_yaxes(range=[0, found.max_replicas + 1], row=2, col=1)
    fig.update_yaxes(range=[0, max(110.0, float(steps["cpu utilization %"].max()) + 10)], row=3)
    fig.update_xaxes(title_text="minute", row=3, col=1)
    fig.update_layout(
        height=680,
        title=f"HPA: min {found.min_replicas}, max {found.max_replicas}, target {target:.0f}%",
    )
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "Peak replicas": int(steps["replicas"].max()),
            "Scaling events": found.scaling_events,
            "Minutes over target+10%": found.minutes_saturated,
            "Max CPU %": float(steps["cpu utilization %"].max()),
        },
        figures=[fig],
        tables={"Every HPA sync (one per minute)": steps.round(1)},
        notes=[
            f"desired = ceil(current × utilisation / {target:.0f}), no change within ±10%, "
            f"clamped to [{found.min_replicas}, {found.max_replicas}].",
            f"Scale-up is immediate; scale-down takes the highest recommendation of the last "
            f"{found.window} minutes, so a dip in load does not make the replicas flap.",
            "At max replicas the HPA cannot help: utilisation stays above target (raise "
            "max_replicas, optimise the model, or shed load).",
        ],
        extra={"steps": steps},
    )


def hpa_scaling(
    load_shape: str = "daily",
    peak_rps: float = 900.0,
    min_replicas: int = 2,
    max_replicas: int = 10,
    target_utilization: float = 70.0,
    capacity_rps: float = 100.0,
    stabilization_minutes: int = 5,
) -> DemoResult:
    """HorizontalPodAutoscaler replicas under a load curve."""
    return present_hpa_scaling(
        compute_hpa_scaling(
            load_shape,
            peak_rps,
            min_replicas,
            max_replicas,
            target_utilization,
            capacity_rps,
            stabilization_minutes,
        )
    )


# ============================================================ 93: requests vs limits
def qos_class(cpu_request: float, cpu_limit: float, mem_request: float, mem_limit: float) -> str:
    if cpu_request == cpu_limit and mem_request == mem_limit:
        return "Guaranteed"
    return "Burstable"


def schedule_pods(node_cpu_m: float, node_mem_mi: float, cpu_m: float, mem_mi: float) -> int:
    """Replicas the scheduler binds to an empty node, one at a time, while the sum of their
    requests fits its allocatable CPU and memory (kube-scheduler's NodeResourcesFit)."""
    placed, cpu_free, mem_free = 0, node_cpu_m, node_mem_mi
    while placed < 10_000 and cpu_m <= cpu_free + 1e-9 and mem_mi <= mem_free + 1e-9:
        placed, cpu_free, mem_free = placed + 1, cpu_free - cpu_m, mem_free - mem_mi
    return placed


@dataclass(frozen=True)
class ResourceRun:
    """What the requests/limits demo computed: an hour of one container, and the node fit."""

    cpu_request_m: float
    cpu_limit_m: float
    mem_request_mi: float
    mem_limit_mi: float
    node_cpu_m: float
    node_mem_mi: float
    over_cpu: bool  # the CPU peak is above the limit
    over_mem: bool  # the memory peak is above the limit
    usage: pd.DataFrame  # minute, cpu demand, cpu used, throttled, latency ms, memory, oomkilled
    by_cpu: int  # pods that fit by the CPU request
    by_mem: int  # pods that fit by the memory request
    pods_if_limits: int  # pods that would fit if the scheduler counted limits
    placed: int  # pods a pod-by-pod scheduler binds (independent of the division)

    @property
    def pods_fit(self) -> int:
        return min(self.by_cpu, self.by_mem)

    @property
    def binding(self) -> str:
        return "cpu" if self.by_cpu <= self.by_mem else "memory"

    @property
    def qos(self) -> str:
        return qos_class(
            self.cpu_request_m, self.cpu_limit_m, self.mem_request_mi, self.mem_limit_mi
        )

    @property
    def throttled_minutes(self) -> int:
        return int(self.usage["throttled"].sum())

    @property
    def oom_kills(self) -> int:
        return int(self.usage["oomkilled"].sum())

    @property
    def checks(self) -> dict[str, bool]:
        """The claim, checked on what the simulation OBSERVED, not on its own inputs: CPU over
        the limit -> slower (latency up), never above the limit, never a kill; memory over the
        limit -> kills, never above the limit; the scheduler counts requests."""
        usage = self.usage
        kills = bool(usage["oomkilled"].any())
        return {
            "cpu": bool(
                usage["cpu used"].max() <= self.cpu_limit_m + 1e-9
                and (usage["latency ms"].max() > 80 + 1e-9) == self.over_cpu
                and (self.over_mem or not kills)  # CPU alone never kills
            ),
            "memory": bool(usage["memory"].max() <= self.mem_limit_mi + 1e-6)
            and kills == self.over_mem,
            "scheduling": self.placed == self.pods_fit,
        }

    @property
    def claim_held(self) -> bool:
        return all(self.checks.values())

    @property
    def condition_met(self) -> bool:
        """Requests and limits that fit the same number of pods cannot be told apart."""
        return self.pods_fit != self.pods_if_limits


def compute_requests_limits(
    cpu_request_m: float = 250,
    cpu_limit_m: float = 1_000,
    mem_request_mi: float = 512,
    mem_limit_mi: float = 1_024,
    cpu_peak_m: float = 1_500,
    mem_peak_mi: float = 1_200,
    node_cpu_m: float = 4_000,
    node_mem_mi: float = 12_288,
) -> ResourceRun:
    """One container for 60 minutes (CPU throttled at its limit, memory OOMKilled over it)
    and how many such pods the scheduler puts on the node."""
    if cpu_request_m > cpu_limit_m:
        raise ValueError(
            f"cpu request {cpu_request_m:.0f}m is above its limit {cpu_limit_m:.0f}m: Kubernetes "
            "rejects the pod (request must be <= limit)"
        )
    if mem_request_mi > mem_limit_mi:
        raise ValueError(
            f"memory request {mem_request_mi:.0f}Mi is above its limit {mem_limit_mi:.0f}Mi: "
            "Kubernetes rejects the pod (request must be <= limit)"
        )
    minutes = np.arange(60)
    base_cpu = min(200.0, cpu_peak_m)
    cpu_demand = base_cpu + (cpu_peak_m - base_cpu) * np.exp(-(((minutes - 30) / 8.0) ** 2))
    cpu_used = np.minimum(cpu_demand, cpu_limit_m)  # the CFS quota caps it: throttling
    latency_ms = 80 * cpu_demand / cpu_used  # the same work takes longer when throttled

    # Memory grows (cache, leak) from 300Mi to the peak over the hour; over the limit the
    # kernel kills the container, which restarts from 300Mi and grows again.
    base_mem = min(300.0, mem_peak_mi)
    growth = (mem_peak_mi - base_mem) / 59
    memory, kills, level = [], [], base_mem
    for _ in minutes:
        if level > mem_limit_mi + 1e-6:  # tolerance: float steps reaching the peak exactly
            kills.append(True)
            memory.append(float(mem_limit_mi))
            level = base_mem
        else:
            kills.append(False)
            memory.append(level)
            level += growth
    usage = pd.DataFrame(
        {
            "minute": minutes,
            "cpu demand": cpu_demand,
            "cpu used": cpu_used,
            "throttled": cpu_demand > cpu_limit_m + 1e-9,
            "latency ms": latency_ms,
            "memory": memory,
            "oomkilled": kills,
        }
    )
    return ResourceRun(
        cpu_request_m,
        cpu_limit_m,
        mem_request_mi,
        mem_limit_mi,
        node_cpu_m,
        node_mem_mi,
        over_cpu=cpu_peak_m > cpu_limit_m,
        over_mem=mem_peak_mi > mem_limit_mi,
        usage=usage,
        by_cpu=int(node_cpu_m // cpu_request_m),
        by_mem=int(node_mem_mi // mem_request_mi),
        pods_if_limits=min(int(node_cpu_m // cpu_limit_m), int(node_mem_mi // mem_limit_mi)),
        placed=schedule_pods(node_cpu_m, node_mem_mi, cpu_request_m, mem_request_mi),
    )


def present_requests_limits(found: ResourceRun) -> DemoResult:
    """CPU and memory panels, the scheduling table, metrics and sentences."""
    usage = found.usage
    minutes, kills = usage["minute"].to_numpy(), usage["oomkilled"].to_numpy()
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.1,
        subplot_titles=(
            "CPU (millicores): over the limit = throttled",
            "Memory (Mi): over the limit = OOMKilled",
        ),
    )
    fig.add_trace(
        go.Scatter(
            x=minutes,
            y=usage["cpu demand"],
            name="CPU demand",
            line=dict(color="#B0B0B0", dash="dot"),
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=minutes, y=usage["cpu used"], name="CPU used", line_color="#4C78A8", fill="tozeroy"
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(x=minutes, y=usage["memory"], name="memory", line_color="#F58518"),
        row=2,
        col=1,
    )
    if kills.any():
        fig.add_trace(
            go.Scatter(
                x=minutes[kills],
                y=usage["memory"].to_numpy()[kills],
                mode="markers",
                name="OOMKilled",
                marker=dict(symbol="x", size=14, color="#E45756"),
            ),
            row=2,
            col=1,
        )
    for row, request, limit in (
        (1, found.cpu_request_m, found.cpu_limit_m),
        (2, found.mem_request_mi, found.mem_limit_mi),
    ):
        fig.add_hline(
            y=request,
            line_dash="dot",
            line_color="#54A24B",
            annotation_text="request",
            row=row,
            col=1,
        )
        fig.add_hline(
            y=limit, line_dash="dash", line_color="#E45756", annotation_text="limit", row=row, col=1
        )
    fig.update_xaxes(title_text="minute", row=2, col=1)
    fig.update_layout(height=560)

    schedule = pd.DataFrame(
        {
            "per pod": [f"{found.cpu_request_m:.0f}m", f"{found.mem_request_mi:.0f}Mi"],
            "node allocatable": [f"{found.node_cpu_m:.0f}m", f"{found.node_mem_mi:.0f}Mi"],
            "pods that fit": [found.by_cpu, found.by_mem],
        },
        index=["cpu request", "memory request"],
    )
    pods_fit = found.pods_fit
    notes = [
        f"The scheduler fits {pods_fit} pod(s) on this node by their requests ({found.binding} "
        f"is the binding resource); by their limits only {found.pods_if_limits} would fit: "
        "limits are overcommitted on purpose.",
        "Throttling is silent: the pod stays up, latency grows. An OOMKill restarts the "
        "container (exit code 137) and too many restarts end in CrashLoopBackOff.",
        "Rule of thumb (seed Q93): requests ≈ typical use (P50), limits ≈ acceptable peak (P99).",
    ]
    if pods_fit == 0:
        notes.insert(0, "The request is bigger than the node: the pod stays Pending forever.")
    return DemoResult(
        condition_met=found.condition_met,
        condition=(
            f"requests and limits both fit {pods_fit} pod(s) on this node, so this run cannot "
            "show that the scheduler counts requests: give the limits more headroom."
        ),
        claim_held=found.claim_held,
        metrics={
            "Minutes throttled": found.throttled_minutes,
            "Max latency": f"{usage['latency ms'].max():.0f} ms",
            "OOMKills": found.oom_kills,
            "Pods per node": pods_fit,
            "QoS class": found.qos,
        },
        figures=[fig],
        tables={"Scheduling by requests": schedule},
        notes=notes,
        extra={
            "throttled_minutes": found.throttled_minutes,
            "oom_kills": found.oom_kills,
            "pods_fit": pods_fit,
        },
    )


def requests_limits(
    cpu_request_m: float = 250,
    cpu_limit_m: float = 1_000,
    mem_request_mi: float = 512,
    mem_limit_mi: float = 1_024,
    cpu_peak_m: float = 1_500,
    mem_peak_mi: float = 1_200,
    node_cpu_m: float = 4_000,
    node_mem_mi: float = 12_288,
) -> DemoResult:
    """One container for 60 minutes: CPU over the limit is throttled, memory over it OOMKills."""
    return present_requests_limits(
        compute_requests_limits(
            cpu_request_m,
            cpu_limit_m,
            mem_request_mi,
            mem_limit_mi,
            cpu_peak_m,
            mem_peak_mi,
            node_cpu_m,
            node_mem_mi,
        )
    )
