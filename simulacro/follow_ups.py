"""Follow-ups that probe: the interviewer asks about what the answer left out.

After an answer, the follow-up targets the first key point (in the answer key's order,
which puts the central points first) that the grader did not find in the answer. With
nothing missed, the interviewer goes deeper: the last follow-up of `answers.yaml` (the key
lists its follow-ups from the direct one to the deeper one). An answer that cannot be graded
(said aloud, nothing typed; no answer key) gets the follow-up drawn from `answers.yaml`.

The probe is interview content, so it is Spanish, with an English version.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from simulacro.grading import grade

if TYPE_CHECKING:
    from simulacro.answer_key import KeyEntry

# What kind of follow-up was asked (kept in the report).
PROBE = "probe"  # about a key point the answer missed
DEEPER = "deeper"  # nothing missed: the deeper follow-up of the answer key
DRAWN = "drawn"  # the answer could not be graded: the follow-up drawn at the start

PROBE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "es": (
        "No has mencionado «{point}». ¿Qué papel juega en tu respuesta?",
        "Te has dejado «{point}». ¿Cómo lo aplicarías en este caso?",
        "Antes de seguir: ¿dónde encaja «{point}» en lo que acabas de contar?",
    ),
    "en": (
        "You did not mention “{point}”. What role does it play in your answer?",
        "You left out “{point}”. How would you apply it here?",
        "Before we move on: where does “{point}” fit in what you just said?",
    ),
}


@dataclass(frozen=True)
class FollowUpPlan:
    """Everything needed to choose the follow-up once the answer is known."""

    drawn: str  # the answer key's follow-up drawn at the start (seeded)
    deeper: str  # the answer key's last follow-up
    entry: KeyEntry | None = None  # the key points to probe; None = never probe
    variant: int = 0  # which probe template (seeded, so a replay asks the same)
    prompt: str = ""  # the question's prompt: words that only echo it cover nothing
    language: str = "es"  # the probe templates' language (the interview's)


@dataclass(frozen=True)
class FollowUp:
    text: str
    kind: str  # PROBE, DEEPER or DRAWN
    target: str | None = None  # the key point label probed (PROBE only)


def plan_follow_ups(
    numbers: Sequence[int],
    key: Mapping[int, KeyEntry],
    seed: int | None,
    prompts: Mapping[int, str] | None = None,
    language: str = "es",
) -> dict[int, FollowUpPlan]:
    """A plan per question that has follow-ups in the answer key (seeded draws).

    `prompts` (number -> the question's prompt) lets the grader ignore prompt echoes.
    """
    rng = random.Random(seed)
    plans: dict[int, FollowUpPlan] = {}
    for number in numbers:
        entry = key.get(number)
        if entry is None or not entry.follow_ups:
            continue
        options = list(entry.follow_ups)
        plans[number] = FollowUpPlan(
            drawn=rng.choice(options),
            deeper=options[-1],
            entry=entry,
            variant=rng.randrange(len(PROBE_TEMPLATES["es"])),
            prompt=(prompts or {}).get(number, ""),
            language=language,
        )
    return plans


def choose_follow_up(plan: FollowUpPlan, answer: str, language: str | None = None) -> FollowUp:
    """The follow-up to ask after `answer` (see the module docstring)."""
    if plan.entry is None or not plan.entry.key_points or not answer.strip():
        return FollowUp(plan.drawn, DRAWN)
    result = grade(answer, plan.entry, plan.prompt)
    # Probe a scored point: a project detail is not what the answer is judged on.
    missed = [label for label in result.missed if label not in result.details]
    if not missed:
        return FollowUp(plan.deeper, DEEPER)
    templates = PROBE_TEMPLATES.get(language or plan.language, PROBE_TEMPLATES["es"])
    target = missed[0]
    return FollowUp(templates[plan.variant % len(templates)].format(point=target), PROBE, target)


def covers_point(
    answer: str, entry: KeyEntry | None, label: str | None, prompt: str = ""
) -> bool | None:
    """Whether `answer` covers the key point `label` of `entry` (None: nothing to check)."""
    if entry is None or label is None:
        return None
    point = next((p for p in entry.key_points if p.label == label), None)
    if point is None:
        return None
    one_point = replace(entry, key_points=(point,))  # graded as the grader grades answers
    return not grade(answer, one_point, prompt).missed
