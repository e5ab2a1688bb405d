"""The question data model shared by the bank, the quiz and the mock interview."""

from __future__ import annotations

from dataclasses import dataclass, field

# The 10 topics of the document: (first number, last number, section name).
SECTION_RANGES: tuple[tuple[int, int, str], ...] = (
    (1, 15, "Fundamentos de ML"),
    (16, 30, "MLOps y ciclo de vida"),
    (31, 45, "BankChurn-Predictor"),
    (46, 60, "CarVision-Market-Intelligence"),
    (61, 70, "TelecomAI-Customer-Intelligence"),
    (71, 80, "Arquitectura y diseño"),
    (81, 90, "CI/CD y DevOps"),
    (91, 100, "Infraestructura (Docker/K8s)"),
    (101, 105, "Ética y fairness"),
    (106, 115, "Liderazgo"),
)
SECTIONS: tuple[str, ...] = tuple(name for _, _, name in SECTION_RANGES)
PROJECTS: tuple[str, ...] = ("bankchurn", "carvision", "telecomai", "none")
SOURCES: tuple[str, ...] = ("seed", "authored")
DIFFICULTIES: tuple[int, ...] = (1, 2, 3)
TOTAL_QUESTIONS = 115
# A deck of its own (an imported document) numbers its questions 1..MAX_QUESTION_NUMBER.
MAX_QUESTION_NUMBER = 999


def section_for_number(number: int) -> str | None:
    """The section a question number belongs to, or None outside 1-115."""
    for first, last, name in SECTION_RANGES:
        if first <= number <= last:
            return name
    return None


@dataclass(frozen=True)
class LocalizedText:
    """A question's text in one language (the original, or a translation)."""

    title: str
    prompt: str
    answer: str
    review_note: str = ""
    going_further: str = ""


@dataclass(frozen=True)
class Question:
    number: int
    section: str
    title: str
    prompt: str
    answer: str  # Markdown; fenced code carries a language tag
    tags: tuple[str, ...] = ()
    difficulty: int = 2
    project: str = "none"
    demos: tuple[str, ...] = ()
    source: str = "seed"
    review_note: str = ""  # our note on the answer (errata, better practice), shown apart
    going_further: str = ""  # what a Lead/Senior answer adds; shown after the answer
    file: str = ""  # where it was loaded from, for messages
    line: int = 0
    translations: dict[str, LocalizedText] = field(default_factory=dict, compare=False)

    def localized(self, lang: str | None) -> LocalizedText:
        """The text in `lang` when a translation exists, else the original."""
        if lang and lang in self.translations:
            return self.translations[lang]
        return LocalizedText(
            self.title, self.prompt, self.answer, self.review_note, self.going_further
        )


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, reported as `file:line: message`."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


# The controlled tag vocabulary (documented in questions/README.md).
TAGS: tuple[str, ...] = (
    "leakage",
    "metrics",
    "imbalance",
    "validation",
    "preprocessing",
    "feature-engineering",
    "models",
    "tuning",
    "calibration",
    "explainability",
    "baseline",
    "statistics",
    "reproducibility",
    "config",
    "experiment-tracking",
    "versioning",
    "data",
    "api",
    "testing",
    "docker",
    "k8s",
    "ci-cd",
    "monitoring",
    "logging",
    "security",
    "deployment",
    "architecture",
    "design-patterns",
    "performance",
    "error-handling",
    "fairness",
    "privacy",
    "ethics",
    "leadership",
    "communication",
    "process",
    "dashboard",
    "documentation",
)
