"""AppTest of the mock-interview setup: the section filter placeholder, kept settings."""

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


def test_custom_setup_survives_a_visit_to_another_page(app_test):
    """A custom interview set up, then a look at Browse: the settings are still there."""
    at = app_test()
    at.run()
    at.switch_page(PAGE).run()
    at.radio(key="mock_preset").set_value("custom").run()
    assert at.number_input(key="mock_n").value == 5  # the defaults still apply
    assert at.number_input(key="mock_seconds").value == 180
    at.number_input(key="mock_n").set_value(3).run()
    at.number_input(key="mock_seconds").set_value(60).run()
    at.checkbox(key="mock_follow_ups").check().run()
    at.number_input(key="mock_seed").set_value(11).run()
    at.switch_page("pages/browse.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert not at.warning
    assert at.radio(key="mock_preset").value == "custom"
    assert at.number_input(key="mock_n").value == 3
    assert at.number_input(key="mock_seconds").value == 60
    assert at.checkbox(key="mock_follow_ups").value is True
    assert at.number_input(key="mock_follow_up_seconds").value == 60
    assert at.number_input(key="mock_seed").value == 11
