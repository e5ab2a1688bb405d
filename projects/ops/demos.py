"""The Operations demos: id, questions, claim, pure function and renderer of each."""

from __future__ import annotations

from projects.demo import DemoSpec
from projects.ops import concepts

_UI = "ui.demos.ops"

DEMOS: list[DemoSpec] = [
    DemoSpec(
        id="ops.error_status_codes",
        project="ops",
        title="Error handling: exceptions mapped to HTTP status codes",
        questions=(73, 26),
        claim=(
            "Each failure gets its own status code (422 invalid input, 413 payload too large, "
            "503 model not loaded, 500 unexpected bug) and no response body leaks a stack "
            "trace or the exception text: details go to the log with a request id."
        ),
        run=concepts.error_status_codes,
        render=f"{_UI}:render_error_status_codes",
    ),
    DemoSpec(
        id="ops.config_hierarchy",
        project="ops",
        title="Configuration hierarchy: defaults < config.yaml < environment",
        questions=(76,),
        claim=(
            "Every setting resolves to its environment variable if set, else to config.yaml, "
            "else to the code default, and the result says which layer each value came from."
        ),
        run=concepts.config_hierarchy,
        render=f"{_UI}:render_config_hierarchy",
    ),
    DemoSpec(
        id="ops.rolling_update",
        project="ops",
        title="Kubernetes rolling update with maxSurge / maxUnavailable",
        questions=(96, 91),
        claim=(
            "During a rolling update the available pods never drop below replicas − "
            "maxUnavailable and the total never exceeds replicas + maxSurge; with a readiness "
            "probe, the available pods really serve traffic (zero downtime)."
        ),
        run=concepts.rolling_update,
        render=f"{_UI}:render_rolling_update",
    ),
    DemoSpec(
        id="ops.hpa_scaling",
        project="ops",
        title="Horizontal Pod Autoscaler under a load curve",
        questions=(92,),
        claim=(
            "Every HPA step follows desired = ceil(current × utilisation / target), clamped "
            "to [min, max] replicas (2-10 by default), and scale-down waits for the "
            "stabilisation window, so replicas do not flap."
        ),
        run=concepts.hpa_scaling,
        render=f"{_UI}:render_hpa_scaling",
    ),
    DemoSpec(
        id="ops.requests_limits",
        project="ops",
        title="Resource requests vs limits: throttling, OOMKill, scheduling",
        questions=(93,),
        claim=(
            "CPU demand above the limit is throttled (the container keeps running, slower), "
            "memory above the limit gets the container OOMKilled, and the scheduler places "
            "pods by their requests, not by their limits or actual use."
        ),
        run=concepts.requests_limits,
        render=f"{_UI}:render_requests_limits",
    ),
    DemoSpec(
        id="ops.rice_prioritization",
        project="ops",
        title="RICE prioritisation of ML features",
        questions=(113,),
        claim=(
            "Ranking by RICE = reach × impact × confidence / effort puts a different feature "
            "first than ranking by impact alone: a sure, cheap feature beats a big, uncertain, "
            "expensive one."
        ),
        run=concepts.rice_prioritization,
        render=f"{_UI}:render_rice_prioritization",
    ),
    DemoSpec(
        id="ops.pseudonymisation",
        project="ops",
        title="Pseudonymisation and the right to erasure",
        questions=(105,),
        claim=(
            "Keyed (HMAC) pseudonyms are stable and a brute-force pass over every possible "
            "customer id re-identifies nobody without the key; erasing a customer removes "
            "their rows and mapping everywhere while the other customers' pseudonyms and "
            "model features stay unchanged."
        ),
        run=concepts.pseudonymisation,
        render=f"{_UI}:render_pseudonymisation",
    ),
]
