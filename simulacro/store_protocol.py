"""The interface of a progress store, whatever keeps it: SQLite locally, PostgreSQL hosted.

`store.ProgressStore` and `store_pg.PostgresProgressStore` both satisfy it (a test checks
each method's signature), so pages and `progress_io` can take either. Bad input to a method
raises ValueError; a store that cannot be used raises `store_factory.StoreUnavailable`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Protocol, runtime_checkable

from fsrs import Card

from simulacro.store import Review


@runtime_checkable
class ProgressStoreLike(Protocol):
    """Progress of one learner in one deck: cards, reviews, bookmarks, notes, mocks."""

    warning: str | None  # what went wrong and was worked around, for the page to show

    @property
    def location(self) -> str: ...

    @property
    def in_memory_only(self) -> bool: ...

    def schema_version(self) -> int: ...

    def verify(self) -> None: ...

    def close(self) -> None: ...

    def record_review(
        self,
        number: int,
        rating: str,
        duration_s: float,
        typed_answer: str = "",
        covered: Iterable[str] = (),
        when: datetime | None = None,
        overrides: Mapping[str, bool] | None = None,
    ) -> Review: ...

    def cards(self) -> dict[int, Card]: ...

    def card(self, number: int) -> Card | None: ...

    def reviews(self, number: int | None = None, since: datetime | None = None) -> list[Review]: ...

    def review_count(self) -> int: ...

    def reviews_per_day(self) -> dict[str, int]: ...

    def new_on(self, day: date) -> int: ...

    def rating_counts(self) -> dict[str, int]: ...

    def lapses(self) -> dict[int, int]: ...

    def bookmarks(self) -> list[int]: ...

    def is_bookmarked(self, number: int) -> bool: ...

    def set_bookmark(self, number: int, on: bool) -> None: ...

    def notes(self) -> dict[int, str]: ...

    def note(self, number: int) -> str: ...

    def set_note(self, number: int, text: str) -> None: ...

    def save_mock_session(self, report: dict, reviews: Iterable[dict] = ()) -> int: ...

    def mock_sessions(self) -> list[dict]: ...

    def reset(self) -> None: ...

    def dump(self) -> dict[str, list[dict]]: ...

    def replace_all(self, data: dict[str, list[dict]]) -> None: ...
