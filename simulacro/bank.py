"""Load the question bank from questions/ and report every problem as file:line: message."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from simulacro.model import (
    DIFFICULTIES,
    MAX_QUESTION_NUMBER,
    PROJECTS,
    SECTIONS,
    SOURCES,
    TAGS,
    LocalizedText,
    Problem,
    Question,
    section_for_number,
)
from simulacro.qformat import (
    MAX_QUESTION_FILE_BYTES,
    QUESTION_GLOB,
    parse_question_file,
    unlabelled_fences,
)
from simulacro.repair import FENCE, code_blocks
from simulacro.safe_file import UnreadableFile, read_capped

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QUESTIONS_DIR = ROOT / "questions"
QUESTIONS_DIR_ENV = "SIMULACRO_QUESTIONS_DIR"


def configured_questions_dir() -> Path:
    """$SIMULACRO_QUESTIONS_DIR (another bank, or a test's) if set, else questions/."""
    return Path(os.environ.get(QUESTIONS_DIR_ENV, "").strip() or DEFAULT_QUESTIONS_DIR)


@dataclass
class Bank:
    questions: list[Question] = field(default_factory=list)  # sorted by number
    problems: list[Problem] = field(default_factory=list)
    sections: tuple[str, ...] = SECTIONS  # a deck of its own has the document's sections

    @property
    def by_number(self) -> dict[int, Question]:
        return {question.number: question for question in self.questions}

    def counts_by_section(self) -> dict[str, int]:
        counts = Counter(question.section for question in self.questions)
        return {section: counts.get(section, 0) for section in self.sections}

    def counts_by_source(self) -> dict[str, int]:
        counts = Counter(question.source for question in self.questions)
        return {source: counts.get(source, 0) for source in SOURCES}


def _read_text(path: Path, label: str) -> tuple[str | None, Problem | None]:
    try:
        raw = read_capped(path, MAX_QUESTION_FILE_BYTES)
    except UnreadableFile as error:
        if error.size is None:
            return None, Problem(label, 1, error.reason)
        return None, Problem(
            label,
            1,
            f"file is {error.size // 1024} KB, over the "
            f"{MAX_QUESTION_FILE_BYTES // 1024} KB limit of a question",
        )
    if b"\x00" in raw:
        return None, Problem(label, 1, "binary file, not a Markdown question")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, Problem(label, line, "file is not UTF-8 text")


def _usable_number(number: int, sections: tuple[str, ...] | None) -> bool:
    """1-115 in the built-in bank; 1-MAX_QUESTION_NUMBER in a deck with its own sections."""
    if sections is None:
        return section_for_number(number) is not None
    return 1 <= number <= MAX_QUESTION_NUMBER


def _deck_section_problems(
    question: Question, line: int, sections: tuple[str, ...]
) -> list[tuple[int, str]]:
    problems = []
    if not _usable_number(question.number, sections):
        problems.append(
            (line, f"question number {question.number} is outside 1-{MAX_QUESTION_NUMBER}")
        )
    if question.section not in sections:
        problems.append(
            (line, f"unknown section '{question.section}' (one of: {', '.join(sections)})")
        )
    return problems


def _metadata_problems(
    question: Question,
    key_lines: dict,
    known_demo_ids: set[str] | None,
    sections: tuple[str, ...] | None = None,
) -> list[tuple[int, str]]:
    """Checks of the front matter values against the controlled vocabularies.

    `sections`: the deck's own sections (any number 1-999); None for the built-in bank,
    whose sections follow the number ranges."""
    problems: list[tuple[int, str]] = []

    def at(key: str) -> int:
        return key_lines.get(key, 1)

    expected_section = section_for_number(question.number)
    if sections is not None:
        problems += _deck_section_problems(question, at("section"), sections)
    elif expected_section is None:
        problems.append((at("number"), f"question number {question.number} is outside 1-115"))
    if sections is not None:
        pass  # checked against the deck's own sections above
    elif question.section not in SECTIONS:
        problems.append(
            (at("section"), f"unknown section '{question.section}' (one of: {', '.join(SECTIONS)})")
        )
    elif expected_section and question.section != expected_section:
        problems.append(
            (
                at("section"),
                f"question {question.number} belongs to section "
                f"'{expected_section}', not '{question.section}'",
            )
        )
    if question.project not in PROJECTS:
        problems.append(
            (at("project"), f"unknown project '{question.project}' (one of: {', '.join(PROJECTS)})")
        )
    if question.source not in SOURCES:
        problems.append((at("source"), f"unknown source '{question.source}' (seed or authored)"))
    if question.difficulty not in DIFFICULTIES:
        problems.append((at("difficulty"), "difficulty must be 1, 2 or 3"))
    unknown_tags = [tag for tag in question.tags if tag not in TAGS]
    if unknown_tags:
        problems.append(
            (
                at("tags"),
                f"unknown tag(s) {', '.join(unknown_tags)} "
                "(see the vocabulary in questions/README.md)",
            )
        )
    if not 2 <= len(question.tags) <= 5:
        problems.append((at("tags"), f"{len(question.tags)} tags; a question needs 2 to 5"))
    if known_demo_ids is not None:
        for demo in question.demos:
            if demo not in known_demo_ids:
                problems.append((at("demos"), f"unknown demo id '{demo}'"))
    return problems


def load_question_file(
    path: Path,
    label: str,
    known_demo_ids: set[str] | None = None,
    sections: tuple[str, ...] | None = None,
) -> tuple[Question | None, list[Problem]]:
    text, problem = _read_text(path, label)
    if text is None:
        return None, [problem] if problem else []
    parsed = parse_question_file(text)
    problems = [Problem(label, line, message) for line, message in parsed.problems]
    question = parsed.question
    if question is None:
        return None, problems
    for line, message in _metadata_problems(question, parsed.key_lines, known_demo_ids, sections):
        problems.append(Problem(label, line, message))
    for offset in unlabelled_fences(question.answer):
        problems.append(
            Problem(
                label,
                parsed.answer_line + offset - 1,
                "code fence without a language tag (e.g. ```python)",
            )
        )
    # A number outside 1-115 (1-999 in a deck) has no place in the bank: report it only.
    usable = _usable_number(question.number, sections)
    return (replace(question, file=label) if usable else None), problems


def _load_translations(
    questions_dir: Path, questions: dict[int, Question], problems: list[Problem]
) -> None:
    """Attach questions/<lang>/*.md translations to the questions they translate."""
    for lang_dir in sorted(p for p in questions_dir.iterdir() if p.is_dir()):
        for path in sorted(lang_dir.glob(QUESTION_GLOB)):
            label = f"{questions_dir.name}/{lang_dir.name}/{path.name}"
            text, problem = _read_text(path, label)
            if text is None:
                problems.extend([problem] if problem else [])
                continue
            parsed = parse_question_file(text, require_translation_only=True)
            problems.extend(Problem(label, line, msg) for line, msg in parsed.problems)
            translated = parsed.question
            if translated is None:
                continue
            original = questions.get(translated.number)
            if original is None:
                problems.append(
                    Problem(
                        label,
                        1,
                        f"translation of question {translated.number}, which does not exist",
                    )
                )
                continue
            text = LocalizedText(
                translated.title,
                translated.prompt,
                translated.answer,
                translated.review_note,
                translated.going_further,
            )
            problems.extend(
                Problem(label, 1, message) for message in translation_problems(original, text)
            )
            original.translations[lang_dir.name] = text


# The optional parts a translation must have when the original has them (and only then).
_OPTIONAL_PARTS = (
    ("review_note", "review note ('## Review note')"),
    ("going_further", "going-further section ('## Going further')"),
)


def code_languages(text: LocalizedText) -> list[str]:
    """The language tag of every code block of the answer, review note and going further."""
    languages = []
    for part in (text.answer, text.review_note, text.going_further):
        lines = part.split("\n")
        for block in code_blocks(lines):
            languages.append(FENCE.match(lines[block.start]).group(3).lower() or "(none)")  # type: ignore[union-attr]
    return languages


def translation_problems(original: Question, translated: LocalizedText) -> list[str]:
    """What a translation misses or changes: an optional part, or its code blocks."""
    number = original.number
    problems = []
    for attribute, name in _OPTIONAL_PARTS:
        has_original = bool(getattr(original, attribute))
        has_translation = bool(getattr(translated, attribute))
        if has_original and not has_translation:
            problems.append(f"translation of question {number} has no {name}; the original has one")
        elif has_translation and not has_original:
            problems.append(f"translation of question {number} has a {name}; the original has none")
    want = code_languages(original.localized(None))
    got = code_languages(translated)
    if want != got:
        problems.append(
            f"translation of question {number} has {len(got)} code block(s) "
            f"[{', '.join(got)}]; the original has {len(want)} [{', '.join(want)}]"
        )
    return problems


def load_bank(
    questions_dir: Path | None = None,
    known_demo_ids: set[str] | None = None,
    sections: tuple[str, ...] | None = None,
) -> Bank:
    """Every valid question of the folder, plus every problem found. Never raises.

    `sections`: a deck's own sections (see simulacro.decks); None for the built-in bank."""
    questions_dir = Path(questions_dir or DEFAULT_QUESTIONS_DIR)
    bank = Bank(sections=tuple(sections) if sections is not None else SECTIONS)
    if not questions_dir.is_dir():
        bank.problems.append(Problem(str(questions_dir), 0, "question folder not found"))
        return bank
    found: dict[int, Question] = {}
    for path in sorted(questions_dir.glob(QUESTION_GLOB)):
        label = f"{questions_dir.name}/{path.name}"
        question, problems = load_question_file(path, label, known_demo_ids, sections)
        bank.problems.extend(problems)
        if question is None:
            continue
        if question.number in found:
            bank.problems.append(
                Problem(
                    label,
                    2,
                    f"duplicate question number "
                    f"{question.number} (also in "
                    f"{found[question.number].file})",
                )
            )
            continue
        found[question.number] = question
    _load_translations(questions_dir, found, bank.problems)
    bank.questions = [found[number] for number in sorted(found)]
    return bank
