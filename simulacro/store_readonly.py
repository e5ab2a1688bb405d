"""A progress store that reads as empty and refuses every write, saying why.

Hosted mode serves it to a visitor who is not signed in (and when the learner's store cannot
be opened): pages draw as for a new learner, and anything that would save raises
StoreUnavailable with the reason, so nothing is written anywhere.
"""

from __future__ import annotations

from typing import Any

from simulacro.store import ProgressStore
from simulacro.store_factory import StoreUnavailable

# The store's read methods; every other method refuses. An allow-list, so a write method
# added to the store later is refused too rather than written to shared memory.
READS = frozenset(
    {
        "bookmarks",
        "card",
        "cards",
        "dump",
        "is_bookmarked",
        "lapses",
        "mock_sessions",
        "new_on",
        "note",
        "notes",
        "rating_counts",
        "review_count",
        "reviews",
        "reviews_per_day",
        "schema_version",
    }
)


class ReadOnlyStore:
    """Empty reads; every write raises StoreUnavailable(`reason`)."""

    def __init__(self, reason: str, empty: ProgressStore | None = None) -> None:
        self.reason = reason
        self.warning: str | None = None
        self.path = None
        self._empty = empty if empty is not None else ProgressStore.in_memory()

    @property
    def in_memory_only(self) -> bool:
        return True

    @property
    def location(self) -> str:
        return "nowhere (nothing is saved)"

    def verify(self) -> None:
        """Nothing to check: there is no file."""

    def close(self) -> None:
        """Nothing to close: the empty store is shared."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in READS:
            return getattr(self._empty, name)

        def refuse(*_args: object, **_kwargs: object) -> Any:
            raise StoreUnavailable(self.reason)

        return refuse
