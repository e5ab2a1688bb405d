"""STAR structure of a behavioural answer: situation, task, action, result, and a number.

Leadership questions (the "Liderazgo" section, 106-115) are judged on structure as much as
on content: did the answer set the scene, say what the speaker had to do, what THEY did,
how it ended, and put a number on the impact? Each part is found by cue words (Spanish
and English, compared after `grading.normalize`: accents and case do not matter) as whole
words; the impact part by a figure in the answer ("30 %", "2x", "de 4 a 1 semanas").
The sentence that showed each part is kept, so the learner can see why it counted.

Cue words are a heuristic, deliberately visible: a part that is not found is a prompt to
say it explicitly ("El resultado fue...", "My task was..."), which is also what interview
coaches advise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simulacro.grading import normalize, phrase_in

STAR_SECTION = "Liderazgo"
PARTS: tuple[str, ...] = ("situation", "task", "action", "result", "impact")

CUES: dict[str, tuple[str, ...]] = {
    "situation": (
        # es
        "situacion",
        "contexto",
        "en mi anterior",
        "en un proyecto",
        "en el proyecto",
        "en mi equipo",
        "el equipo estaba",
        "teniamos un",
        "teniamos una",
        "habia un",
        "habia una",
        "nos encontramos",
        "el problema era",
        "el problema es",
        "cuando llegue",
        "hace unos",
        "el ano pasado",
        "en una ocasion",
        "partiamos de",
        # en
        "situation",
        "context",
        "background",
        "at my previous",
        "in my last",
        "in a project",
        "on a project",
        "the team was",
        "we had a",
        "there was a",
        "the problem was",
        "when i joined",
        "last year",
        "once",
    ),
    "task": (
        # es
        "mi tarea",
        "mi responsabilidad",
        "mi objetivo",
        "mi rol",
        "mi papel",
        "me encargaron",
        "me pidieron",
        "me toco",
        "tenia que",
        "teniamos que",
        "debia",
        "el objetivo era",
        "la tarea era",
        "el reto era",
        "necesitabamos",
        "habia que",
        # en
        "my task",
        "my responsibility",
        "my goal",
        "my role",
        "i was asked",
        "i was tasked",
        "i had to",
        "we had to",
        "i needed to",
        "the goal was",
        "the task was",
        "the challenge was",
        "i was responsible",
    ),
    "action": (
        # es
        "decidi",
        "propuse",
        "implemente",
        "organice",
        "hable con",
        "lidere",
        "disene",
        "introduje",
        "monte",
        "priorice",
        "prioritice",
        "acorde",
        "defini",
        "automatice",
        "negocie",
        "documente",
        "escribi",
        "reuni",
        "medi",
        "cree",
        "empece",
        "plantee",
        "convenci",
        "delegue",
        "explique",
        "lo que hice",
        "mi accion",
        "para ello",
        # en
        "i decided",
        "i proposed",
        "i implemented",
        "i organized",
        "i organised",
        "i led",
        "i talked",
        "i spoke",
        "i designed",
        "i introduced",
        "i set up",
        "i built",
        "i prioritized",
        "i prioritised",
        "i agreed",
        "i defined",
        "i automated",
        "i negotiated",
        "i wrote",
        "i measured",
        "i created",
        "i started",
        "i convinced",
        "i delegated",
        "i explained",
        "what i did",
        "so i",
    ),
    "result": (
        # es
        "resultado",
        "como resultado",
        "al final",
        "finalmente",
        "conseguimos",
        "consegui",
        "logramos",
        "logre",
        "se redujo",
        "redujo",
        "redujimos",
        "aumento",
        "aumentamos",
        "mejoro",
        "mejoramos",
        "paso de",
        "pasamos de",
        "ahorro",
        "ahorramos",
        "impacto",
        "gracias a eso",
        "desde entonces",
        "el efecto",
        # en
        "result",
        "as a result",
        "in the end",
        "finally",
        "we achieved",
        "i achieved",
        "reduced",
        "increased",
        "improved",
        "went from",
        "saved",
        "impact",
        "outcome",
        "since then",
        "thanks to that",
    ),
}

# A sentence ends at . ! ? ; followed by a space, or at a line break ("1.5M" stays whole).
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+|\n+")
# A figure: digits (with decimals, %, x, k/M) — "30 %", "2x", "0,8", "1.5M", "de 4 a 1".
_FIGURE = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|x\b|k\b|m\b|€|\$)?", re.IGNORECASE)


@dataclass(frozen=True)
class StarPart:
    name: str  # one of PARTS
    found: bool
    cue: str | None = None  # the cue word (or the figure) that showed it
    sentence: str | None = None  # the sentence of the answer it was found in


@dataclass(frozen=True)
class StarCheck:
    parts: tuple[StarPart, ...]

    @property
    def found(self) -> list[str]:
        return [p.name for p in self.parts if p.found]

    @property
    def missing(self) -> list[str]:
        return [p.name for p in self.parts if not p.found]

    @property
    def score(self) -> float:
        """Share of the five parts found, 0..1."""
        return len(self.found) / len(PARTS)

    def as_dict(self) -> dict:
        return {
            p.name: {"found": p.found, "cue": p.cue, "sentence": p.sentence} for p in self.parts
        }


def applies_to(section: str) -> bool:
    """Whether answers in `section` are checked for STAR structure."""
    return section == STAR_SECTION


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_BREAK.split(text) if s.strip()]


def check_star(answer: str) -> StarCheck:
    """Which STAR parts (plus a figure for the impact) the answer shows, and where."""
    sentences = _sentences(answer or "")
    folded = [normalize(s) for s in sentences]
    parts = []
    for name in PARTS[:-1]:
        hit = next(
            (
                (cue, raw)
                for raw, text in zip(sentences, folded, strict=True)
                for cue in CUES[name]
                if phrase_in(cue, text)
            ),
            None,
        )
        parts.append(StarPart(name, hit is not None, *(hit or (None, None))))
    # The impact figure: preferably in the sentence that tells the result.
    result_sentence = parts[PARTS.index("result")].sentence
    ordered = sorted(sentences, key=lambda raw: raw != result_sentence)
    figure = next(
        ((m.group().strip(), raw) for raw in ordered for m in _FIGURE.finditer(raw)),
        None,
    )
    parts.append(StarPart("impact", figure is not None, *(figure or (None, None))))
    return StarCheck(tuple(parts))
