"""STAR structure check of behavioural (Liderazgo) answers, Spanish and English."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulacro.star import CUES, PARTS, applies_to, check_star

ES = (
    "En mi anterior empresa el equipo tenía mucha deuda técnica. "
    "Mi tarea era conseguir tiempo para pagarla sin frenar el roadmap. "
    "Propuse reservar una parte de cada sprint y lo negocié con producto. "
    "Como resultado, los incidentes en producción bajaron un 35 % en dos trimestres."
)
EN = (
    "At my previous job the team was shipping slowly. "
    "I had to cut our lead time. "
    "I introduced trunk-based development and small reviews. "
    "As a result, lead time went from 10 days to 3."
)


@pytest.mark.parametrize("answer", [ES, EN, ES.upper(), EN.replace(". ", ".\n")])
def test_a_full_star_answer_shows_every_part_with_its_sentence(answer):
    check = check_star(answer)
    assert check.missing == [] and check.score == 1.0
    by_name = {p.name: p for p in check.parts}
    assert "resultado" in by_name["result"].sentence.lower() or "result" in by_name["result"].cue
    assert by_name["impact"].sentence == by_name["result"].sentence  # the figure of the result


def test_each_missing_part_is_reported():
    no_result = ES.rsplit(". ", 1)[0] + "."
    assert check_star(no_result).missing == ["result", "impact"]  # its 35 % went with it
    no_task = ES.replace("Mi tarea era conseguir", "Queríamos conseguir")
    assert check_star(no_task).missing == ["task"]


def test_no_number_means_no_impact():
    answer = ES.replace("un 35 % en dos trimestres", "bastante")
    check = check_star(answer)
    assert check.missing == ["impact"]


def test_figures_count_in_their_usual_forms():
    for figure in ("30 %", "2x", "0,8", "1.5M", "de 4 a 1 semanas", "5 k€"):
        assert check_star(f"Como resultado mejoró {figure}.").as_dict()["impact"]["found"]


def test_an_empty_or_content_free_answer_has_no_part():
    assert check_star("").missing == list(PARTS)
    assert check_star("   \n ").missing == list(PARTS)
    assert check_star("Machine learning es importante").score == 0.0


def test_accents_and_case_do_not_matter():
    assert check_star("DECIDÍ cambiar el proceso").found == ["action"]
    assert check_star("decidi cambiar el proceso").found == ["action"]


def test_cues_are_whole_words():
    assert check_star("la resultante").found == []  # not "resultado"/"result"
    assert check_star("presituacional").found == []


def test_only_the_leadership_section_is_checked():
    assert applies_to("Liderazgo")
    assert not applies_to("Fundamentos de ML")


def test_every_cue_is_found_by_itself():
    for part, cues in CUES.items():
        for cue in cues:
            assert part in check_star(f"Bueno, {cue} algo.").found, (part, cue)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_check_of_the_five_parts(text):
    check = check_star(text)
    assert [p.name for p in check.parts] == list(PARTS)
    for part in check.parts:
        assert part.found == (part.sentence is not None)
        if part.found:
            assert part.sentence in text


def test_the_report_checks_star_only_for_leadership_answers():
    from simulacro import interview as iv
    from simulacro.model import Question

    questions = {
        110: Question(110, "Liderazgo", "Tech debt", "¿Cómo negocias tiempo?", "A"),
        1: Question(1, "Fundamentos de ML", "Leakage", "¿Qué es?", "A"),
    }
    interview = iv.Interview.start(iv.custom(n_questions=2), [1, 110], now=0.0)
    interview.next(ES, now=10.0)
    interview.next(EN, now=20.0)
    report = iv.build_report(interview, questions, {})
    assert report.rows[0].star is None
    assert all(part["found"] for part in report.rows[1].star.values())
    md = iv.report_markdown(report)
    assert "STAR structure: situation yes, task yes, action yes, result yes, impact yes" in md
