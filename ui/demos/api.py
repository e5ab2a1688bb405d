"""Renderers of the API demos: the standard view plus the raw request/response panels."""

from ui.demos.extras import renderers

RENDERERS = renderers("api.request_validation", "api.degraded_mode", "api.prometheus_metrics")
