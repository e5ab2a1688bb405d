"""AppTest: a Browse link to a question the bank does not have says so."""

from __future__ import annotations

import pytest

PAGE = "pages/browse.py"


def open_browse(app_test, q: str):
    at = app_test()
    at.run()
    at.query_params["q"] = q
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


@pytest.mark.parametrize("q", ["999", "abc"])
def test_unknown_question_link_warns_and_shows_the_first_question(app_test, q):
    at = open_browse(app_test, q)
    assert [w.value for w in at.warning] == [
        f"There is no question `{q}` in the bank; showing the list instead."
    ]
    assert at.subheader[0].value.startswith("Question 1 · ")
    at.button(key="browse_next").click().run()  # the warning goes once the user moves on
    assert not at.warning


def test_known_question_link_has_no_warning(app_test):
    at = open_browse(app_test, "58")
    assert not at.warning
    assert at.subheader[0].value.startswith("Question 58 · ")
