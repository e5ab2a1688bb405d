"""The Operations demos, each declared once: its function, parameters and claim.

Widgets, validation and the sweep all come from these declarations (CONTRIBUTING.md).
"""

from __future__ import annotations

from projects import params as P
from projects.demo import DemoSpec, demo
from projects.ops import api, config, k8s, leadership, privacy

PROJECT = "ops"

DEMOS: list[DemoSpec] = [
    demo(
        PROJECT,
        api.error_status_codes,
        title="Error handling: exceptions mapped to HTTP status codes",
        questions=(73, 26),
        claim=(
            "Each failure gets its own status code (422 invalid input, 413 payload too large,"
            " 503 model not loaded, 500 unexpected bug) and no response body leaks a stack "
            "trace or the exception text: details go to the log with a request id."
        ),
        params=(
            P.text("payload", api.VALID_PAYLOAD, label="PAYLOAD", widget="text_area"),
            P.switch("model_loaded", True, label="MODEL_LOADED"),
            P.integer("max_bytes", 64, 1_000_000, 1_024, label="MAX_BYTES", widget="number"),
        ),
    ),
    demo(
        PROJECT,
        config.config_hierarchy,
        title="Configuration hierarchy: defaults < config.yaml < environment",
        questions=(76,),
        claim=(
            "Every setting resolves to its environment variable if set, else to config.yaml, "
            "else to the code default, and the result says which layer each value came from."
        ),
        params=(
            P.text("yaml_text", config.DEFAULT_YAML, label="YAML_TEXT", widget="text_area"),
            P.text("env_text", config.DEFAULT_ENV, label="ENV_TEXT", widget="text_area"),
        ),
    ),
    demo(
        PROJECT,
        k8s.rolling_update,
        title="Kubernetes rolling update with maxSurge / maxUnavailable",
        questions=(96, 91),
        claim=(
            "During a rolling update the available pods never drop below replicas − "
            "maxUnavailable and the total never exceeds replicas + maxSurge; with a readiness"
            " probe, the available pods really serve traffic (zero downtime)."
        ),
        params=(
            P.integer("replicas", 1, 20, 3, label="REPLICAS", widget="number"),
            P.integer("startup_ticks", 1, 10, 2, label="STARTUP"),
            P.switch("readiness_probe", True, label="READINESS"),
        ),
    ),
    demo(
        PROJECT,
        k8s.hpa_scaling,
        title="Horizontal Pod Autoscaler under a load curve",
        questions=(92,),
        claim=(
            "Every HPA step follows desired = ceil(current × utilisation / target), clamped "
            "to [min, max] replicas (2-10 by default), and scale-down waits for the "
            "stabilisation window, so replicas do not flap."
        ),
        params=(
            P.options("load_shape", k8s.LOAD_SHAPES, "daily", label="LOAD_SHAPE"),
            P.real("peak_rps", 50.0, 2_000.0, 900.0, 50.0, label="PEAK"),
            P.real("target_utilization", 20.0, 95.0, 70.0, 5.0, label="TARGET"),
            P.integer("min_replicas", 1, 20, 2, label="MIN_REPLICAS", widget="number"),
            P.integer("max_replicas", 1, 50, 10, label="MAX_REPLICAS", widget="number"),
            P.real("capacity_rps", 10.0, 1_000.0, 100.0, 10.0, label="CAPACITY", widget="number"),
            P.integer("stabilization_minutes", 0, 30, 5, label="WINDOW", widget="number"),
        ),
    ),
    demo(
        PROJECT,
        k8s.requests_limits,
        title="Resource requests vs limits: throttling, OOMKill, scheduling",
        questions=(93,),
        claim=(
            "CPU demand above the limit is throttled (the container keeps running, slower), "
            "memory above the limit gets the container OOMKilled, and the scheduler places "
            "pods by their requests, not by their limits or actual use."
        ),
        params=(
            P.real(
                "cpu_request_m", 10.0, 16_000.0, 250.0, 50.0, label="CPU_REQUEST", widget="number"
            ),
            P.real(
                "cpu_limit_m", 10.0, 16_000.0, 1_000.0, 50.0, label="CPU_LIMIT", widget="number"
            ),
            P.real(
                "mem_request_mi", 16.0, 65_536.0, 512.0, 64.0, label="MEM_REQUEST", widget="number"
            ),
            P.real(
                "mem_limit_mi", 16.0, 65_536.0, 1_024.0, 64.0, label="MEM_LIMIT", widget="number"
            ),
            P.real("cpu_peak_m", 10.0, 32_000.0, 1_500.0, 50.0, label="CPU_PEAK", widget="number"),
            P.real(
                "mem_peak_mi", 16.0, 131_072.0, 1_200.0, 64.0, label="MEM_PEAK", widget="number"
            ),
            P.real(
                "node_cpu_m", 100.0, 256_000.0, 4_000.0, 500.0, label="NODE_CPU", widget="number"
            ),
            P.real(
                "node_mem_mi",
                128.0,
                1_048_576.0,
                12_288.0,
                512.0,
                label="NODE_MEM",
                widget="number",
            ),
        ),
    ),
    demo(
        PROJECT,
        leadership.rice_prioritization,
        title="RICE prioritisation of ML features",
        questions=(113,),
        claim=(
            "Ranking by RICE = reach × impact × confidence / effort puts a different feature "
            "first than ranking by impact alone: a sure, cheap feature beats a big, "
            "uncertain, expensive one."
        ),
    ),
    demo(
        PROJECT,
        privacy.pseudonymisation,
        title="Pseudonymisation and the right to erasure",
        questions=(105,),
        claim=(
            "Keyed (HMAC) pseudonyms are stable and a brute-force pass over every possible "
            "customer id re-identifies nobody without the key; erasing a customer removes "
            "their rows and mapping everywhere while the other customers' pseudonyms and "
            "model features stay unchanged."
        ),
        params=(
            P.text("secret_key", "k8s-secret-7f3a9c2e", max_chars=200, label="SECRET_KEY"),
            P.options(
                "erase_customer", tuple(privacy.CUSTOMERS["customer_id"]), 15617311, label="ERASE"
            ),
            P.options(
                "method",
                privacy.PSEUDONYM_METHODS,
                "hmac",
                label="METHOD",
                choice_labels="METHOD_LABELS",
                widget="radio",
            ),
        ),
    ),
]
