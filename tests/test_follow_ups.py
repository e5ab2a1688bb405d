"""Follow-ups that probe: a missed key point first, else the deeper follow-up of the key."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from simulacro import follow_ups as fu
from simulacro import interview as iv
from simulacro.answer_key import KeyEntry, KeyPoint, load_answer_key
from simulacro.bank import load_bank

ENTRY = KeyEntry(
    1,
    (
        KeyPoint("Umbrales", ("umbral", "threshold")),
        KeyPoint("Calibracion", ("calibracion de probabilidades", "probability calibration")),
        KeyPoint("Coste de negocio", ("coste de negocio", "business cost")),
    ),
    ("¿Y si cambia el coste?", "¿Cómo lo monitorizas en producción?"),
)
KEY = {1: ENTRY, 2: KeyEntry(2, ENTRY.key_points, ("¿Solo una?",))}


def plan(**kw) -> fu.FollowUpPlan:
    return fu.plan_follow_ups([1], KEY, seed=3)[1] if not kw else fu.FollowUpPlan(**kw)


def test_the_follow_up_asks_about_the_first_key_point_the_answer_missed():
    chosen = fu.choose_follow_up(plan(), "uso un umbral y miro el coste de negocio")
    assert chosen.kind == fu.PROBE and chosen.target == "Calibracion"
    assert "«Calibracion»" in chosen.text
    assert (
        fu.choose_follow_up(plan(), "la calibracion de probabilidades").target == "Umbrales"
    )  # key order


def test_nothing_missed_asks_the_deeper_follow_up_of_the_key():
    chosen = fu.choose_follow_up(plan(), "umbral, calibracion de probabilidades y coste de negocio")
    assert (chosen.kind, chosen.text) == (fu.DEEPER, "¿Cómo lo monitorizas en producción?")


def test_an_answer_that_cannot_be_graded_gets_the_drawn_follow_up():
    p = plan()
    assert p.drawn in ENTRY.follow_ups
    assert fu.choose_follow_up(p, "   ") == fu.FollowUp(p.drawn, fu.DRAWN)
    no_key = fu.FollowUpPlan(drawn="¿Y?", deeper="¿Y?", entry=None)
    assert fu.choose_follow_up(no_key, "algo").kind == fu.DRAWN


def test_english_probe():
    chosen = fu.choose_follow_up(plan(), "threshold", language="en")
    assert chosen.text.startswith(("You did not", "You left out", "Before we move on"))
    assert "“Calibracion”" in chosen.text


def test_plans_are_seeded_and_only_for_questions_with_follow_ups():
    assert fu.plan_follow_ups([1, 2, 9], KEY, seed=1) == fu.plan_follow_ups([1, 2, 9], KEY, 1)
    plans = fu.plan_follow_ups([1, 2, 9], KEY, seed=1)
    assert set(plans) == {1, 2} and plans[2].deeper == plans[2].drawn == "¿Solo una?"


def test_covers_point():
    assert fu.covers_point("hago calibracion de probabilidades", ENTRY, "Calibracion") is True
    assert fu.covers_point("nada", ENTRY, "Calibracion") is False
    assert fu.covers_point("", ENTRY, "Calibracion") is False
    assert fu.covers_point("x", ENTRY, None) is None
    assert fu.covers_point("x", None, "Calibracion") is None


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=200), st.integers(0, 10))
def test_any_answer_gets_a_follow_up_that_targets_a_real_missed_point(answer, variant):
    p = fu.FollowUpPlan("a", "b", ENTRY, variant)
    chosen = fu.choose_follow_up(p, answer)
    assert chosen.text
    if chosen.kind == fu.PROBE:
        assert chosen.target in [k.label for k in ENTRY.key_points]
        assert fu.covers_point(answer, ENTRY, chosen.target) is False


def test_on_the_real_key_a_vague_answer_is_probed_and_the_model_answer_goes_deeper():
    """Every question: "no lo sé" probes its first scored key point (a project detail is
    never probed); its own model answer (which covers every key point, as `validate`
    checks) gets the deeper follow-up."""
    key = load_answer_key().entries
    bank = load_bank().by_number
    prompts = {n: q.prompt for n, q in bank.items()}
    plans = fu.plan_follow_ups(sorted(key), key, seed=0, prompts=prompts)
    assert len(plans) == len(key)
    deeper = 0
    for number, p in plans.items():
        first_scored = next(point for point in key[number].key_points if not point.detail)
        assert fu.choose_follow_up(p, "no lo sé").target == first_scored.label
        chosen = fu.choose_follow_up(p, bank[number].answer)
        assert chosen.kind in (fu.DEEPER, fu.PROBE)
        deeper += chosen.kind == fu.DEEPER
    assert deeper >= 0.9 * len(plans)  # the key agrees with the answers (validate)


def test_the_interview_decides_the_follow_up_when_the_answer_is_in():
    config = iv.custom(n_questions=1, seconds_per_question=30, follow_ups=True)
    interview = iv.Interview.start(config, [1], fu.plan_follow_ups([1], KEY, seed=2), now=100.0)
    assert interview.runs[0].follow_up_status == iv.PENDING
    interview.next("umbral y coste de negocio", now=110.0)
    run = interview.runs[0]
    assert interview.phase == iv.FOLLOW_UP
    assert (run.follow_up_kind, run.follow_up_target) == (fu.PROBE, "Calibracion")
    interview.next("recalibro: calibracion de probabilidades isotonica", now=120.0)
    row = iv.build_report(interview, {}, KEY).rows[0]
    assert (row.follow_up_kind, row.follow_up_target, row.follow_up_covered) == (
        fu.PROBE,
        "Calibracion",
        True,
    )
    md = iv.report_markdown(iv.build_report(interview, {}, KEY))
    assert "Probed the missed point: Calibracion (covered in the follow-up answer)" in md
