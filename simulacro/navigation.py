"""Which question is shown, and which come before and after it, in a filtered list."""

from __future__ import annotations

from collections.abc import Sequence


def parse_question_param(value: object, valid: Sequence[int]) -> int | None:
    """`?q=58` -> 58 when 58 is a question of the bank; anything else -> None."""
    if isinstance(value, list):
        value = value[-1] if value else None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number in valid else None


def resolve_selected(current: int | None, visible: Sequence[int]) -> int | None:
    """Keep the current question if it is still visible, else show the first visible one."""
    if current in visible:
        return current
    return visible[0] if visible else None


def neighbours(visible: Sequence[int], current: int | None) -> tuple[int | None, int | None]:
    """(previous, next) of `current` within `visible`; None at either end."""
    if current not in visible:
        return None, None
    index = list(visible).index(current)
    previous = visible[index - 1] if index > 0 else None
    following = visible[index + 1] if index + 1 < len(visible) else None
    return previous, following
