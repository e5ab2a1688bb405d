"""Key points marked `detail: true`: shown, found, never part of the coverage.

A detail is a fact about this portfolio's own implementation (a chosen value, a helper's
name) that an excellent answer written from the prompt alone would not state."""

from __future__ import annotations

import pytest

from simulacro.answer_key import KeyEntry, KeyPoint, load_answer_key, parse_answer_key_text
from simulacro.bank import load_bank
from simulacro.follow_ups import PROBE, FollowUpPlan, choose_follow_up
from simulacro.grading import apply_overrides, coverage_of, grade, scored_tally
from simulacro.interview import ReportRow
from simulacro.keygen import render_key
from simulacro.quiz_session import check_key_points

SPLIT = KeyPoint("Split antes de fit", ("split antes de cualquier fit", "split before any fit"))
PIPE = KeyPoint("Scaler en el pipeline", ("scaler dentro del pipeline", "scaler inside a pipeline"))
SEED = KeyPoint("Helper set_seed", ("helper set_seed",), detail=True)
ENTRY = KeyEntry(1, (SPLIT, PIPE, SEED), ("?",))
LABELS = [p.label for p in ENTRY.key_points]


def test_a_detail_is_found_and_shown_but_not_scored():
    both = grade("Hago el split antes de cualquier fit y el scaler dentro del pipeline.", ENTRY)
    assert both.coverage == 1.0 and both.suggested_rating == "easy"
    assert both.details == ["Helper set_seed"] and "Helper set_seed" in both.missed
    only_detail = grade("Uso el helper set_seed en todos los scripts.", ENTRY)
    assert only_detail.covered == ["Helper set_seed"]
    assert only_detail.evidence["Helper set_seed"].text == "helper set_seed"
    assert only_detail.coverage == 0.0 and only_detail.suggested_rating == "again"
    one = grade("Hago el split antes de cualquier fit con el helper set_seed.", ENTRY)
    assert one.coverage == 0.5  # 1 of the 2 scored points; the detail adds nothing


def test_a_correction_of_a_detail_does_not_move_the_score():
    result = grade("Hago el split antes de cualquier fit.", ENTRY)
    corrected = apply_overrides(result, ENTRY.key_points, {"Helper set_seed": True})
    assert "Helper set_seed" in corrected.covered
    assert corrected.coverage == result.coverage == 0.5
    full = apply_overrides(result, ENTRY.key_points, {"Scaler en el pipeline": True})
    assert full.coverage == 1.0 and full.suggested_rating == "easy"


def test_ticks_by_ear_count_only_scored_points():
    ticked = check_key_points(ENTRY, "", aloud=True, ticked=[True, False, True])
    assert ticked["coverage"] == 0.5 and "Helper set_seed" in ticked["covered"]


def test_scored_tally_and_its_fallback():
    assert scored_tally(["Helper set_seed"], LABELS, ["Helper set_seed"]) == (0, 2)
    assert coverage_of(LABELS, LABELS, ["Helper set_seed"]) == 1.0
    # A key of details only (the validator refuses it) is scored on all of its points.
    assert scored_tally(["a"], ["a", "b"], ["a", "b"]) == (1, 2)
    assert coverage_of([], [], []) == 0.0


def test_the_mock_report_counts_scored_points():
    row = ReportRow(
        position=1,
        number=1,
        title="t",
        section="s",
        status="answered",
        budget_s=60,
        used_s=10,
        answer="x",
        aloud=False,
        covered=["Split antes de fit", "Helper set_seed"],
        missed=["Scaler en el pipeline"],
        coverage=0.5,
        suggested_rating="hard",
        self_rating=None,
        follow_up=None,
        follow_up_status=None,
        follow_up_answer="",
        follow_up_used_s=0.0,
        details=["Helper set_seed"],
    )
    assert row.points_text == "1/2"


def test_a_probe_asks_about_a_scored_point_not_a_detail():
    plan = FollowUpPlan(drawn="drawn?", deeper="deeper?", entry=ENTRY, variant=0, language="es")
    probe = choose_follow_up(plan, "Hago el split antes de cualquier fit.")
    assert probe.kind == PROBE and probe.target == "Scaler en el pipeline"
    deeper = choose_follow_up(
        plan, "Hago el split antes de cualquier fit y el scaler dentro del pipeline."
    )
    assert deeper.kind != PROBE  # only the detail is missing: no probe about trivia


KEY_HEAD = "1:\n  key_points:\n"
POINT = '    - label: {label}\n      phrases: ["{label} phrase"]\n'
FOLLOW = '  follow_ups: ["?"]\n'


def _key(*extra: str) -> str:
    points = [POINT.format(label=label) for label in ("uno", "dos", "tres")]
    for i, line in enumerate(extra):
        points[i] += line
    return KEY_HEAD + "".join(points) + FOLLOW


def test_the_key_file_reads_detail_flags():
    key = parse_answer_key_text(_key("      detail: true\n"), valid_numbers=[1])
    assert key.problems == []
    assert [p.detail for p in key.get(1).key_points] == [True, False, False]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("      detail: maybe\n",), "answers.yaml:5: question 1: key point 'uno': detail must"),
        (("      detail: [1]\n",), "answers.yaml:5: question 1: key point 'uno': detail must"),
        (
            ("      detail: true\n", "      detail: yes\n"),
            "answers.yaml:3: question 1: 1 scored key point(s)",
        ),
    ],
)
def test_a_bad_detail_flag_is_reported_with_its_line(extra, message):
    key = parse_answer_key_text(_key(*extra), valid_numbers=[1])
    assert any(str(p).startswith(message) for p in key.problems), key.problems


def test_a_generated_key_keeps_its_detail_flags():
    text = render_key([ENTRY], "doc.md")
    again = parse_answer_key_text(text, valid_numbers=[1])
    assert [p.detail for p in again.get(1).key_points] == [False, False, True]


def test_the_real_key_keeps_two_scored_points_everywhere_and_marks_project_trivia():
    bank = load_bank()
    key = load_answer_key(valid_numbers=[q.number for q in bank.questions])
    assert key.problems == []
    for number, entry in key.entries.items():
        assert sum(not p.detail for p in entry.key_points) >= 2, number
    details = {(n, p.label) for n, e in key.entries.items() for p in e.key_points if p.detail}
    # Values and names only this portfolio's author could know.
    assert (17, "Helper compartido set_seed") in details
    assert (22, "initialDelaySeconds 30 (liveness) y 10 (readiness)") in details
    assert (83, "2 × 3 = 6 jobs en paralelo") in details
    # The concept a question asks for stays scored.
    assert not any(n == 1 for n, _ in details)
