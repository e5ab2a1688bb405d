"""AppTest: the custom interview's empty section filter reads "All sections"."""

from __future__ import annotations

from ui.text import mock as text

PAGE = "pages/mock_interview.py"


def test_empty_section_filter_says_all_sections(app_test):
    """Empty means every section, so the box must not invite "Choose options"."""
    at = app_test()
    at.run()
    at.switch_page(PAGE).run()
    at.radio(key="mock_preset").set_value("custom").run()
    assert not at.exception
    sections = at.multiselect(key="mock_sections")
    assert sections.value == []
    assert sections.placeholder == text.SECTIONS_ALL == "All sections"
