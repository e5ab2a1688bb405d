"""AppTest: Browse's empty filters read "any" (like the Self-quiz), not "Choose options"."""

from __future__ import annotations

import pytest

from ui.text import browse as text

FILTERS = ("browse_projects", "browse_sources", "browse_difficulty", "browse_tags")


@pytest.mark.parametrize("key", FILTERS)
def test_empty_filter_says_any(app_test, key):
    at = app_test()
    at.run()
    at.switch_page("pages/browse.py").run()
    assert not at.exception
    box = at.multiselect(key=key)
    assert box.value == []
    assert box.placeholder == text.ANY == "any"
