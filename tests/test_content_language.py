"""The content-language switch (Español / English / both): sidebar, URL, Browse, Quiz, Mock;
the English answer key grades English answers; `questions --json --lang en`."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulacro.answer_key import load_answer_key
from simulacro.answer_key_en import load_english_key, localize_key
from simulacro.bank import load_bank
from simulacro.grading import grade
from simulacro.quiz_session import QuizSession
from ui import mock_widgets as mw
from ui.content_language import SWITCH_KEY
from ui.quiz_state import QUIZ_SESSION

ROOT = Path(__file__).resolve().parents[1]
NUMBER = 58  # has an English translation (the example) and an English key entry
ENGLISH_ANSWER = (
    "If y_true is 0 you get a division by zero. The epsilon only avoids the exception: the "
    "error of that row is still huge. I would exclude the true values near 0, or report "
    "sMAPE, which is bounded, or the MAE in dollars."
)


def _texts(at) -> str:
    return "\n".join(
        [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [i.value for i in at.info]
        + [t.label for t in at.toggle]
        + [e.label for e in at.expander]
    ).replace("\\", "")  # key point labels are drawn markdown-escaped


def _param(at, key):
    value = at.query_params.get(key)
    return value[0] if isinstance(value, list) else value


def _browse(app_test, lang: str | None):
    # AppTest shows app.py's sidebar on the first run only: the switch is checked there.
    at = app_test()
    at.query_params["q"] = str(NUMBER)
    if lang:
        at.query_params["lang"] = lang
    at.run()
    assert at.sidebar.radio(key=SWITCH_KEY).value == (lang or "es")
    at.switch_page("pages/browse.py").run()
    assert not at.exception
    at.toggle(key=f"browse_reveal_{NUMBER}").set_value(True).run()
    assert not at.exception
    return at


def test_browse_follows_the_url_language(app_test):
    spanish, english = load_bank().by_number[NUMBER], None
    english = spanish.localized("en")
    at = _browse(app_test, "en")
    assert at.session_state["content_lang"] == "en" and _param(at, "lang") == "en"
    shown = _texts(at)
    assert english.prompt in shown and english.review_note in shown
    assert spanish.prompt not in shown
    at = _browse(app_test, None)
    assert spanish.prompt in _texts(at) and english.prompt not in _texts(at)


def test_both_shows_spanish_and_english_side_by_side(app_test):
    question = load_bank().by_number[NUMBER]
    at = _browse(app_test, "both")
    shown = _texts(at)
    for text in (question.prompt, question.localized("en").prompt):
        assert text in shown
    assert question.review_note in shown and question.localized("en").review_note in shown


def test_the_switch_writes_the_url_and_survives_a_page_change(app_test):
    at = app_test().run()
    assert at.sidebar.radio(key=SWITCH_KEY).options == ["Español", "English", "Both side by side"]
    at.sidebar.radio(key=SWITCH_KEY).set_value("en").run()
    assert _param(at, "lang") == "en"
    at.switch_page("pages/progress.py").run()
    assert not at.exception
    assert _param(at, "lang") == "en" and at.session_state["content_lang"] == "en"
    at.switch_page("pages/browse.py").run()
    assert _param(at, "lang") == "en"
    fresh = app_test()
    fresh.query_params["lang"] = "en"
    fresh.run()
    fresh.sidebar.radio(key=SWITCH_KEY).set_value("es").run()
    assert _param(fresh, "lang") is None


def test_an_unknown_language_in_the_link_falls_back_to_spanish(app_test):
    at = app_test()
    at.query_params["lang"] = "fr"
    at.run()
    assert not at.exception
    assert at.sidebar.radio(key=SWITCH_KEY).value == "es"
    assert any("Unknown content language 'fr'" in w.value for w in at.sidebar.warning)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_quiz_runs_and_grades_in_the_chosen_language(app_test, lang):
    at = app_test()
    at.query_params["lang"] = lang
    at.run()
    at.session_state[QUIZ_SESSION] = QuizSession.start([NUMBER], "random", time.time())
    at.switch_page("pages/quiz.py").run()
    assert not at.exception
    question = load_bank().by_number[NUMBER]
    assert at.subheader[0].value == question.localized(lang).title
    at.text_area(key="quiz_answer").input(ENGLISH_ANSWER).run()
    at.button(key="quiz_reveal").click().run()
    assert not at.exception
    shown = _texts(at)
    spanish_key = load_answer_key().entries[NUMBER]
    english_key = load_english_key(load_answer_key()).entries[NUMBER]
    labels = english_key.labels if lang == "en" else [p.label for p in spanish_key.key_points]
    other = [p.label for p in spanish_key.key_points] if lang == "en" else english_key.labels
    assert all(label in shown for label in labels)
    assert not any(label in shown for label in other)
    assert question.localized(lang).answer.splitlines()[-1] in shown
    heading = {"es": "Para ir más allá", "en": "Going further"}[lang]
    assert heading in [e.label for e in at.expander]  # shown after the answer
    assert question.localized(lang).going_further.splitlines()[0].replace("\\", "") in shown
    # the English answer covers every point in either language: the phrases are shared
    assert f"{len(labels)}/{len(labels)}" in shown or "5 of 5" in shown or "100%" in shown


def test_the_english_key_grades_an_english_answer():
    base = load_answer_key()
    english = localize_key(base, load_english_key(base), "en").entries[NUMBER]
    result = grade(ENGLISH_ANSWER, english, load_bank().by_number[NUMBER].localized("en").prompt)
    assert result.covered == [p.label for p in english.key_points]
    assert result.covered[0] == "y_true = 0 causes a division by zero"
    partial = grade("You get a division by zero when the true price is 0.", english, "")
    assert partial.covered == ["y_true = 0 causes a division by zero"]


def test_the_mock_interview_runs_in_english(app_test):
    at = app_test()
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/mock_interview.py").run()
    at.radio(key="mock_preset").set_value("custom").run()
    at.multiselect(key="mock_sections").set_value(["CarVision-Market-Intelligence"])
    at.number_input(key="mock_n").set_value(15)
    at.checkbox(key="mock_follow_ups").set_value(True)
    at.run()
    at.button(key="mock_start").click().run()
    assert not at.exception
    interview = at.session_state[mw.INTERVIEW]
    run = next(r for r in interview.runs if r.number == NUMBER)
    english = load_english_key(load_answer_key()).entries[NUMBER]
    assert run.follow_up_plan.language == "en"
    assert run.follow_up_plan.drawn in english.follow_ups
    assert run.follow_up_plan.entry.key_points[0].label == english.labels[0]
    first = load_bank().by_number[interview.runs[0].number]
    assert at.subheader[0].value == first.localized("en").title


def test_cli_lists_questions_in_english():
    out = subprocess.run(
        [sys.executable, "-m", "simulacro", "questions", "--json", "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = {row["number"]: row for row in json.loads(out)}
    assert len(rows) == 115
    bank = load_bank().by_number
    for number, row in rows.items():
        question = bank[number]
        want = question.localized("en") if "en" in question.translations else question
        assert row["lang"] == ("en" if "en" in question.translations else "es")
        assert (row["title"], row["prompt"], row["answer"]) == (
            want.title,
            want.prompt,
            want.answer,
        )
        assert row["section"] == question.section
    assert rows[NUMBER]["lang"] == "en" and rows[NUMBER]["prompt"].startswith("Why")
    spanish = json.loads(
        subprocess.run(
            [sys.executable, "-m", "simulacro", "questions", "--json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert spanish[0]["prompt"] == bank[spanish[0]["number"]].prompt and "lang" not in spanish[0]
