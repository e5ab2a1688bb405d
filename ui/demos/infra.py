"""Renderers of the infrastructure demos: the rendered manifests under the checks."""

from ui.demos.extras import renderers

RENDERERS = renderers("infra.k8s_manifests")
