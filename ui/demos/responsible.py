"""Renderers of the responsible-AI demos: the generated model card under the checks."""

from ui.demos.extras import renderers

RENDERERS = renderers("responsible.model_card")
