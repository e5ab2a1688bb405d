"""Renderers of the testing and CI/CD demos: pytest's output, the parsed command."""

from ui.demos.extras import renderers

RENDERERS = renderers("cicd.pytest_coverage", "cicd.cli_design")
