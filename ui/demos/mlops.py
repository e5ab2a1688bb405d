"""Renderers of the ML-lifecycle demos: the .dvc pointer file under the result."""

from ui.demos.extras import renderers

RENDERERS = renderers("mlops.data_versions")
