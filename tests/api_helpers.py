"""Shared by the API tests: a valid customer with some fields changed."""

from __future__ import annotations

from typing import Any

from projects.bankchurn.api.schemas import EXAMPLE_CUSTOMER


def customer(**changes: Any) -> dict[str, Any]:
    return {**EXAMPLE_CUSTOMER, **changes}
