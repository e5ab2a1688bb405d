"""AppTest: 'study these next' starts a self-quiz of the interview's worst questions."""

from __future__ import annotations

import time

from simulacro import interview as iv
from ui import mock_widgets as mw
from ui.quiz_state import QUIZ_SESSION

PAGE = "pages/mock_interview.py"


def report_page(app_test, answers):
    at = app_test()
    at.run()
    at.switch_page(PAGE)
    config = iv.custom(n_questions=len(answers), seconds_per_question=60)
    now = time.time()
    interview = iv.Interview.start(config, list(answers), now=now - 100)
    for answer in answers.values():
        if answer is None:
            interview.skip(now - 90)
        else:
            interview.next(answer, now=now - 90)
    at.session_state[mw.INTERVIEW] = interview
    at.run()
    assert not at.exception
    return at


def test_one_click_starts_a_quiz_of_the_worst_questions(app_test):
    at = report_page(app_test, {41: "no lo sé", 58: None, 96: "tampoco"})
    expected = [r.number for r in iv.study_next(at.session_state[mw.REPORT])]
    assert expected[0] == 58 and set(expected) == {41, 58, 96}
    assert any("Study these next" in s.value for s in at.subheader)
    assert any("**58.**" in m.value and "skipped" in m.value for m in at.markdown)
    at.button(key="mock_study_next").click().run()
    assert not at.exception
    session = at.session_state[QUIZ_SESSION]
    assert session.numbers == expected and session.mode == "weakest"
    assert at.button(key="quiz_reveal")  # the Self-quiz page shows its first card
    assert session.current == expected[0]
    # the interview's report is still there when the learner comes back
    at.switch_page(PAGE).run()
    assert at.session_state[mw.REPORT].rows[0].number == 41


def test_nothing_to_study_when_everything_went_well(app_test):
    from simulacro.bank import load_bank

    at = report_page(app_test, {41: load_bank().by_number[41].answer})  # the model answer
    assert not iv.study_next(at.session_state[mw.REPORT])
    assert any("no question to study next" in c.value for c in at.caption)
