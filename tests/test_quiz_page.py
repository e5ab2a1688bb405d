"""AppTest of the Self-quiz page: answer, reveal, key points, rating, next, summary."""

from __future__ import annotations

import pytest

from simulacro.bank import load_bank
from simulacro.store import ProgressStore
from ui.text import grading as grading_text
from ui.text import quiz as text

SECTION = "Fundamentos de ML"
ANSWER = "Primero fijo el umbral de decision y luego hago validacion cruzada estratificada."


@pytest.fixture
def answer_key(tmp_path, monkeypatch):
    """A small answers.yaml for the first two questions of SECTION."""
    numbers = [q.number for q in load_bank().questions if q.section == SECTION][:2]
    assert len(numbers) == 2, "the bank needs two questions in the first section"
    lines = []
    for number in numbers:
        lines += [
            f"{number}:",
            "  key_points:",
            "    - label: Umbral de decisión",
            '      phrases: ["umbral de decision", "threshold"]',
            "    - label: Validación cruzada",
            '      phrases: ["validacion cruzada", "cross validation"]',
            "    - label: Coste de negocio",
            '      phrases: ["coste de negocio", "business cost"]',
            "  follow_ups:",
            '    - "¿Y si el coste de un falso negativo se duplica?"',
        ]
    path = tmp_path / "answers.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr("ui.answer_key.DEFAULT_PATH", path)
    return numbers


def _open_quiz(app_test):
    at = app_test()
    at.run()
    at.switch_page("pages/quiz.py").run()
    assert not at.exception
    return at


def _texts(at) -> str:
    return "\n".join(
        [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [e.label for e in at.expander]
    )


def test_whole_quiz_flow_stores_reviews(app_test, answer_key):
    at = _open_quiz(app_test)
    at.multiselect(key="quiz_sections").set_value([SECTION])
    at.radio(key="quiz_mode").set_value("new")
    at.number_input(key="quiz_limit").set_value(2)
    at.button(key="quiz_start").click().run()
    assert not at.exception
    assert at.session_state["quiz_session"].numbers == answer_key
    first, second = answer_key

    # Card 1: type an answer, reveal, see the key points checked, override the suggestion.
    assert f"Question {first}" in _texts(at)
    at.text_area(key="quiz_answer").input(ANSWER)
    at.button(key="quiz_reveal").click().run()
    assert not at.exception
    shown = _texts(at)
    assert "Model answer" in shown
    assert grading_text.COVERED.format(label="Umbral de decisión") in shown
    assert grading_text.COVERED.format(label="Validación cruzada") in shown
    assert grading_text.MISSED.format(label="Coste de negocio") in shown
    assert ":orange-background[**umbral de decision**]" in shown  # the evidence, highlighted
    assert grading_text.NOT_FOUND in shown  # for the point the answer missed
    assert "Suggested rating: **Good**" in shown
    # The learner corrects the grader: the missed point was covered; the suggestion follows.
    toggle = at.toggle(key=f"quiz_ev_0_{first}_ov_2")
    assert toggle.value is False
    toggle.set_value(True).run()
    assert "Suggested rating: **Easy**" in _texts(at)
    assert grading_text.OVERRIDDEN in _texts(at)
    assert at.button(key="quiz_rate_easy").proto.type == "primary"
    at.toggle(key=f"quiz_ev_0_{first}_ov_2").set_value(False).run()
    assert "Suggested rating: **Good**" in _texts(at)
    at.toggle(key=f"quiz_ev_0_{first}_ov_2").set_value(True).run()
    assert "Follow-up question" in _texts(at)
    assert at.button(key="quiz_rate_easy").proto.type == "primary"
    assert at.get_by_key("quiz_rate_hard") is not None
    at.button(key="quiz_rate_hard").click().run()
    assert not at.exception

    [review] = ProgressStore.open().reviews()
    assert (review.number, review.rating, review.typed_answer) == (first, "hard", ANSWER)
    assert review.covered == ("Umbral de decisión", "Validación cruzada", "Coste de negocio")
    assert review.overrides == {"Coste de negocio": True}  # stored with the review
    assert review.duration_s >= 0
    assert ProgressStore.open().card(first) is not None

    # Card 2: answered aloud, the learner ticks the points, the suggestion follows the ticks.
    assert at.session_state["quiz_session"].current == second
    at.checkbox(key="quiz_aloud").check()
    at.button(key="quiz_reveal").click().run()
    at.checkbox(key="quiz_kp_0").check().run()
    assert "Suggested rating: **Hard**" in _texts(at)
    at.button(key="quiz_rate_good").click().run()
    assert not at.exception

    reviews = ProgressStore.open().reviews()
    assert [(r.number, r.rating) for r in reviews] == [(first, "hard"), (second, "good")]
    assert reviews[1].covered == ("Umbral de decisión",)

    # Summary: two cards, both ratings, coverage averaged over the graded cards.
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Cards done"] == "2"
    assert metrics["Key-point coverage"] == "67%"  # (3/3 corrected + 1/3) / 2
    assert "Hard 1" in _texts(at) and "Good 1" in _texts(at)
    at.button(key="quiz_new_session").click().run()
    assert "quiz_session" not in at.session_state
    assert at.get_by_key("quiz_start") is not None
    # The next session starts from the same choices.
    assert at.radio(key="quiz_mode").value == "new"
    assert at.multiselect(key="quiz_sections").value == [SECTION]
    assert at.number_input(key="quiz_limit").value == 2


def test_due_mode_with_an_empty_store_explains_what_to_do(app_test):
    at = _open_quiz(app_test)
    at.radio(key="quiz_mode").set_value("due")
    at.button(key="quiz_start").click().run()
    assert not at.exception
    assert any("Nothing is due now" in i.value for i in at.info)
    assert "quiz_session" not in at.session_state


def test_end_session_early_shows_the_summary(app_test):
    at = _open_quiz(app_test)
    at.radio(key="quiz_mode").set_value("random").run()
    at.number_input(key="quiz_seed").set_value(3)
    at.number_input(key="quiz_limit").set_value(5)
    at.button(key="quiz_start").click().run()
    numbers = at.session_state["quiz_session"].numbers
    assert len(numbers) == 5
    at.button(key="quiz_reveal").click().run()
    at.button(key="quiz_rate_easy").click().run()
    at.button(key="quiz_end").click().run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Cards done"] == "1"
    [review] = ProgressStore.open().reviews()
    assert (review.number, review.rating) == (numbers[0], "easy")


def test_typed_answer_survives_a_visit_to_another_page(app_test):
    at = _open_quiz(app_test)
    at.radio(key="quiz_mode").set_value("new")
    at.button(key="quiz_start").click().run()
    at.text_area(key="quiz_answer").input("borrador a medias").run()
    at.switch_page("pages/progress.py").run()
    at.switch_page("pages/quiz.py").run()
    assert not at.exception
    assert at.text_area(key="quiz_answer").value == "borrador a medias"


def test_a_first_visit_with_nothing_due_starts_on_new(app_test):
    at = app_test().run()
    at.switch_page("pages/quiz.py").run()
    assert not at.exception
    assert at.radio(key="quiz_mode").value == "new"
    at.button(key="quiz_start").click().run()
    assert not at.info, "starting on the default mode must give cards, not an empty notice"


def test_the_reveal_shows_a_seed_answers_review_note(app_test):
    at = _open_quiz(app_test)
    at.multiselect(key="quiz_sections").set_value(["CI/CD y DevOps"])
    at.radio(key="quiz_mode").set_value("random")
    at.number_input(key="quiz_limit").set_value(10)
    at.button(key="quiz_start").click().run()
    numbers = at.session_state["quiz_session"].numbers
    noted = {q.number for q in load_bank().questions if q.review_note}
    for _ in numbers:
        number = at.session_state["quiz_session"].current
        at.button(key="quiz_reveal").click().run()
        assert not at.exception
        has_note = any(text.REVIEW_NOTE_CAPTION in c.value for c in at.caption)
        assert has_note == (number in noted), number
        at.button(key="quiz_rate_good").click().run()


def test_reveal_puts_your_answer_beside_the_model_answer_with_evidence(app_test, answer_key):
    at = _open_quiz(app_test)
    at.multiselect(key="quiz_sections").set_value([SECTION])
    at.radio(key="quiz_mode").set_value("new")
    at.button(key="quiz_start").click().run()
    at.text_area(key="quiz_answer").input(ANSWER + " *no markdown* $x$")
    at.button(key="quiz_reveal").click().run()
    assert not at.exception

    def column_with(heading: str):
        found = [c for c in at.columns if any(m.value == heading for m in c.markdown)]
        assert found, heading
        return found[-1]

    left, right = column_with("#### Your answer"), column_with("#### Model answer")
    assert left is not right
    assert not any(m.value == "#### Model answer" for m in left.markdown)
    answer_md = "\n".join(m.value for m in left.markdown)
    assert ":orange-background[umbral de decision]" in answer_md
    assert "\\*no markdown\\*" in answer_md and "\\$x\\$" in answer_md  # shown literally


def test_redo_the_ones_i_missed_starts_a_session_on_them(app_test, answer_key):
    at = _open_quiz(app_test)
    at.multiselect(key="quiz_sections").set_value([SECTION])
    at.radio(key="quiz_mode").set_value("new")
    at.number_input(key="quiz_limit").set_value(3)
    at.button(key="quiz_start").click().run()
    numbers = at.session_state["quiz_session"].numbers
    at.button(key="quiz_reveal").click().run()
    at.button(key="quiz_rate_again").click().run()  # missed
    at.button(key="quiz_reveal").click().run()
    at.button(key="quiz_rate_easy").click().run()  # known
    at.button(key="quiz_skip").click().run()  # skipped: missed too
    assert not at.exception
    redo = at.button(key="quiz_redo_missed")
    assert redo.label == "Redo the ones I missed (2)"
    redo.click().run()
    session = at.session_state["quiz_session"]
    assert session.numbers == [numbers[0], numbers[2]] and session.mode == "redo"
    assert not at.exception and at.text_area(key="quiz_answer").value == ""


def test_a_project_detail_is_shown_apart_and_left_out_of_the_score(app_test, tmp_path, monkeypatch):
    number = next(q.number for q in load_bank().questions if q.section == SECTION)
    key = "\n".join(
        [
            f"{number}:",
            "  key_points:",
            "    - label: Umbral de decisión",
            '      phrases: ["umbral de decision"]',
            "    - label: Validación cruzada",
            '      phrases: ["validacion cruzada"]',
            "    - label: Umbral propio del proyecto",
            '      phrases: ["umbral de 0.37"]',
            "      detail: true",
            "  follow_ups:",
            '    - "¿Y luego?"',
        ]
    )
    path = tmp_path / "answers.yaml"
    path.write_text(key + "\n", encoding="utf-8")
    monkeypatch.setattr("ui.answer_key.DEFAULT_PATH", path)
    at = _open_quiz(app_test)
    at.multiselect(key="quiz_sections").set_value([SECTION])
    at.radio(key="quiz_mode").set_value("new")
    at.number_input(key="quiz_limit").set_value(1)
    at.button(key="quiz_start").click().run()
    at.text_area(key="quiz_answer").input("Fijo el umbral de decision con validacion cruzada.")
    at.button(key="quiz_reveal").click().run()
    assert not at.exception
    shown = _texts(at)
    # Both scored points covered: 2/2 and Easy, although the detail was not mentioned.
    assert text.KEY_POINTS_AUTO.format(covered=2, total=2, pct=1.0) in shown
    assert "Suggested rating: **Easy**" in shown
    assert grading_text.DETAIL_MISSING.format(label="Umbral propio del proyecto") in shown
    assert grading_text.DETAIL_CAPTION in shown
    assert grading_text.MISSED.format(label="Umbral propio del proyecto") not in shown
    # Marking the detail as covered changes nothing in the score.
    at.toggle(key=f"quiz_ev_0_{number}_ov_2").set_value(True).run()
    shown = _texts(at)
    assert grading_text.DETAIL_FOUND.format(label="Umbral propio del proyecto") in shown
    assert "Suggested rating: **Easy**" in shown


def test_a_contradicted_point_shows_the_sentence_that_states_its_opposite(
    app_test, tmp_path, monkeypatch
):
    [number] = [q.number for q in load_bank().questions if q.section == SECTION][:1]
    path = tmp_path / "answers.yaml"
    path.write_text(
        "\n".join(
            [
                f"{number}:",
                "  key_points:",
                "    - label: Umbral de decisión",
                '      phrases: ["umbral de decision", "threshold"]',
                "    - label: Coste de negocio",
                '      phrases: ["coste de negocio", "business cost"]',
                '      contradictions: ["ignoro el coste de negocio"]',
                "    - label: Validación cruzada",
                '      phrases: ["validacion cruzada"]',
                "  follow_ups:",
                '    - "¿Y si cambia el coste?"',
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("ui.answer_key.DEFAULT_PATH", path)
    at = _open_quiz(app_test)
    at.radio(key="quiz_mode").set_value("new")
    at.number_input(key="quiz_limit").set_value(1)
    at.button(key="quiz_start").click().run()
    at.text_area(key="quiz_answer").input(
        "Fijo el umbral de decision con el coste de negocio. Al final ignoro el coste de negocio."
    )
    at.button(key="quiz_reveal").click().run()
    assert not at.exception
    shown = _texts(at)
    assert grading_text.MISSED.format(label="Coste de negocio") in shown
    assert ":red-background[:red[**ignoro el coste de negocio**]]" in shown
    assert grading_text.CONTRADICTED.format(phrase="ignoro el coste de negocio") in shown
    # The typed answer marks the contradicting words in red too, and says so.
    assert r":red-background[:red[ignoro el coste de negocio]]\." in shown
    assert text.EVIDENCE_AND_CONTRADICTIONS_HIGHLIGHTED in shown
    assert "Suggested rating: **Hard**" in shown  # 1 of 3 points


def test_revealing_and_rating_grade_the_typed_answer_once(app_test, answer_key, monkeypatch):
    """The reveal shows the highlight, the evidence and the suggestion from one grading, and
    rating grades once more (in its own callback), not once per widget."""
    import simulacro.grading
    import simulacro.quiz_session

    calls = []
    real_grade = simulacro.grading.grade

    def counting_grade(*args, **kwargs):
        calls.append(args[0])
        return real_grade(*args, **kwargs)

    monkeypatch.setattr(simulacro.grading, "grade", counting_grade)
    monkeypatch.setattr(simulacro.quiz_session, "grade", counting_grade)
    at = _open_quiz(app_test)
    at.multiselect(key="quiz_sections").set_value([SECTION])
    at.radio(key="quiz_mode").set_value("new")
    at.number_input(key="quiz_limit").set_value(2)
    at.button(key="quiz_start").click().run()
    at.text_area(key="quiz_answer").input(ANSWER)
    calls.clear()
    at.button(key="quiz_reveal").click().run()
    assert not at.exception
    assert grading_text.COVERED.format(label="Umbral de decisión") in _texts(at)
    assert calls == [ANSWER]
    calls.clear()
    at.toggle(key=f"quiz_ev_0_{answer_key[0]}_ov_2").set_value(True).run()
    assert "Suggested rating: **Easy**" in _texts(at)
    assert calls == [ANSWER]
    calls.clear()
    at.button(key="quiz_rate_easy").click().run()
    assert not at.exception
    # One grading in the rating callback; the next card has nothing typed yet.
    assert calls == [ANSWER]
    [review] = ProgressStore.open().reviews()
    assert review.overrides == {"Coste de negocio": True}
