"""The plotly layout the demo figures share (one definition, so they look alike)."""

from __future__ import annotations

from typing import Any


def figure_layout(height: int = 350) -> dict[str, Any]:
    """Keyword arguments for `figure.update_layout(...)`: white template, tight margins."""
    return {
        "template": "plotly_white",
        "height": height,
        "margin": {"l": 50, "r": 20, "t": 50, "b": 45},
    }
