"""AppTest: the Self-quiz setup is kept when the learner visits another page before starting."""

from __future__ import annotations

PAGE = "pages/quiz.py"


def test_setup_choices_survive_a_visit_to_another_page(app_test):
    at = app_test()
    at.run()
    at.switch_page(PAGE).run()
    at.radio(key="quiz_mode").set_value("random").run()
    at.number_input(key="quiz_limit").set_value(4).run()
    at.number_input(key="quiz_seed").set_value(7).run()
    at.multiselect(key="quiz_sections").set_value(["Liderazgo"]).run()
    at.switch_page("pages/home.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.radio(key="quiz_mode").value == "random"
    assert at.number_input(key="quiz_limit").value == 4
    assert at.number_input(key="quiz_seed").value == 7
    assert at.multiselect(key="quiz_sections").value == ["Liderazgo"]
