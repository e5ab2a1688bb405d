"""The testing and CI/CD demos, each declared once: function, parameters, questions, claim."""

from __future__ import annotations

from projects import params as P
from projects.cicd import delivery, testing
from projects.demo import DemoSpec, demo

PROJECT = "cicd"

DEMOS: list[DemoSpec] = [
    demo(
        PROJECT,
        testing.pytest_coverage,
        title="A real pytest + coverage run with a threshold",
        questions=(36, 37, 38, 45, 78, 87, 88),
        claim=(
            "Run for real (fixtures, parametrised edges, an end-to-end integration test), the "
            "gate passes only when every test passes and line coverage reaches the threshold; "
            "the untested function is reported as missing lines, and the planted off-by-one "
            "bug is caught by the edge test."
        ),
        params=(
            P.integer("threshold", 50, 100, 70, step=5, label="THRESHOLD"),
            P.switch("integration_tests", True, label="INTEGRATION_TESTS"),
            P.switch("plant_bug", False, label="PLANT_BUG", help="PLANT_BUG_HELP"),
        ),
    ),
    demo(
        PROJECT,
        delivery.ci_timeline,
        title="The CI workflow as a timeline: matrix and fail-fast",
        questions=(81, 83, 84),
        claim=(
            "When a matrix job fails, fail-fast spends fewer runner minutes but reports fewer "
            "test results (the siblings are cancelled), while without it every version reports; "
            "nothing is deployed after any failure."
        ),
        params=(
            P.options(
                "failing_job",
                ("test py3.11", "test py3.12", "lint (ruff)", "build image", "none"),
                "test py3.11",
                label="FAILING_JOB",
            ),
            P.real("fail_after_min", 0.5, 6.0, 2.0, 0.5, label="FAIL_AFTER"),
            P.switch("fail_fast", True, label="FAIL_FAST"),
            P.many(
                "versions", ("3.10", "3.11", "3.12", "3.13"), ("3.11", "3.12"), label="VERSIONS"
            ),
        ),
    ),
    demo(
        PROJECT,
        delivery.docker_cache,
        title="Docker layer caching: which change rebuilds what",
        questions=(85, 39),
        claim=(
            "With the repository's Dockerfile (dependencies installed before the code is "
            "copied, multi-stage) a code change keeps the pip install cached while a "
            "requirements change reruns it; a naive `COPY . .` first reinstalls on every edit."
        ),
        params=(
            P.text(
                "dockerfile",
                delivery.SHIPPED_DOCKERFILE,
                max_chars=20_000,
                label="DOCKERFILE",
                widget="text_area",
            ),
            P.options("change", delivery.CHANGES, delivery.CHANGES[0], label="CHANGE"),
        ),
    ),
    demo(
        PROJECT,
        delivery.deployment_strategies,
        title="Deployment strategies: the blast radius of a bad release",
        questions=(90,),
        claim=(
            "A 10 % canary lets the fewest requests fail before rollback, and blue-green's "
            "one-switch rollback beats a big-bang redeploy."
        ),
        params=(
            P.real("error_rate", 0.01, 1.0, 0.2, 0.01, label="ERROR_RATE"),
            P.integer(
                "requests_per_min", 10, 100_000, 1_000, widget="number", label="REQUESTS_PER_MIN"
            ),
            P.integer("detect_min", 1, 30, 3, label="DETECT_MIN"),
        ),
    ),
    demo(
        PROJECT,
        delivery.security_gate,
        title="Security findings: block, ticket with an SLA, or accept",
        questions=(82, 86),
        claim=(
            "The gate fails exactly when a finding at or above the blocking severity has a fix "
            "(or unfixable ones are blocked too), and a leaked secret always blocks."
        ),
        params=(
            P.options("block_at", delivery.SEVERITIES, "HIGH", label="BLOCK_AT"),
            P.switch("block_unfixable", False, label="BLOCK_UNFIXABLE"),
        ),
    ),
    demo(
        PROJECT,
        delivery.docs_validation,
        title="Documentation checked in CI: code blocks and links",
        questions=(89,),
        claim=(
            "Each planted problem of the sample (a Python block that does not compile, a JSON "
            "block that does not parse, a link to a missing file) is reported with its line, "
            "and the valid blocks are not."
        ),
        params=(
            P.text(
                "markdown",
                delivery.SAMPLE_DOC,
                max_chars=50_000,
                label="MARKDOWN",
                widget="text_area",
            ),
        ),
    ),
    demo(
        PROJECT,
        delivery.dependency_resolution,
        title="Dependency ranges across projects",
        questions=(74,),
        claim=(
            "Every chosen version satisfies every project's range, and a range no available "
            "version meets is reported as a conflict instead of being installed."
        ),
        params=(
            P.text(
                "requirements",
                delivery.DEFAULT_REQUIREMENTS,
                max_chars=5_000,
                label="REQUIREMENTS",
                widget="text_area",
            ),
        ),
    ),
    demo(
        PROJECT,
        delivery.cli_design,
        title="A CLI with subcommands (argparse)",
        questions=(32,),
        claim=(
            "Each subcommand parses its own options, and a missing option, a wrong type or an "
            "unknown subcommand fails with a message that names it."
        ),
        params=(
            P.text(
                "command",
                "evaluate --model artifacts/model.joblib --threshold 0.4",
                max_chars=300,
                label="COMMAND",
            ),
        ),
    ),
]
