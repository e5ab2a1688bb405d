"""Parse a "Simulacro Entrevista" document (plain-text extraction or Markdown) into questions.

Recognised structure, in either form:
    [#] Preguntas 41-45: BankChurn (continuación)      section heading (also
    # 3. BankChurn-Predictor (Preguntas 31-45)          this Markdown variant)
    [## ]Pregunta 41: Risk Level Classification         question heading
    [**]¿Cómo categorizas el riesgo de churn?[**]       the prompt
    [### ]Respuesta:                                    start of the answer
The section of a question is decided by its number (the table in simulacro.model);
the document's own section headings are only used to report inconsistencies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from simulacro.model import Problem, Question, section_for_number
from simulacro.qformat import (
    MAX_QUESTION_FILE_BYTES,
    QUESTION_GLOB,
    file_name,
    parse_question_file,
    render_question_file,
)
from simulacro.repair import FENCE, repair_markdown
from simulacro.safe_file import UnreadableFile, read_capped

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024  # a 115-question document is ~60 KB

QUESTION_HEADING = re.compile(r"^\s*(?:#{1,6}\s*)?Pregunta\s+(\d{1,3})\s*[:.\-–]\s*(.+?)\s*#*\s*$")
SECTION_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\d+\.\s*)?(?:Preguntas\s+\d+\s*-\s*\d+\s*:.*|.+\(Preguntas\s+\d+\s*-\s*\d+\)\s*)$"
)
ANSWER_HEADING = re.compile(r"^\s*(?:#{1,6}\s*)?\**Respuesta\**\s*:?\**\s*$")
# The closing matter after the last question ("Resumen y Recursos", "Fin del Simulacro", ...)
# and, in the Markdown form, any other level-1/2 heading: the last answer ends there.
CLOSING_MATTER = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:Resumen|Recursos|Conclusi[oó]n(?:es)?|Ap[eé]ndice|Anexo|"
    r"Fin del Simulacro|Summary|Resources)\b[^:]{0,60}$"
    r"|^\s*#{1,2}\s+(?!Pregunta)\S"
)
SECTION_TO_PROJECT = {
    "BankChurn-Predictor": "bankchurn",
    "CarVision-Market-Intelligence": "carvision",
    "TelecomAI-Customer-Intelligence": "telecomai",
}


class ImportError_(ValueError):
    """The document cannot be read at all (size, encoding, no question found)."""


@dataclass
class ImportResult:
    questions: list[Question] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _too_big_message(label: str, size: int) -> str:
    return (
        f"{label}: the file is {size / 1024 / 1024:.1f} MB, over the "
        f"{MAX_DOCUMENT_BYTES // 1024 // 1024} MB limit for a question document"
    )


def decode_document(raw: bytes, label: str) -> str:
    """Bytes -> text, refusing what is clearly not a document of the family."""
    if not raw.strip():
        raise ImportError_(f"{label}: the file is empty")
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise ImportError_(_too_big_message(label, len(raw)))
    if b"\x00" in raw[:8192]:
        raise ImportError_(f"{label}: this is a binary file, not a text or Markdown document")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ImportError_(
            f"{label}:{line}: the file is not UTF-8 text (byte 0x{raw[error.start]:02x})"
        ) from None


def _until_closing_matter(body: list[str]) -> list[str]:
    """The question's lines up to the document's closing matter (outside code blocks)."""
    in_code = False
    for index, line in enumerate(body):
        if FENCE.match(line):
            in_code = not in_code
        elif not in_code and CLOSING_MATTER.match(line) and not SECTION_HEADING.match(line):
            return body[:index]
    return body


def _clean_prompt(lines: list[str]) -> str:
    text = " ".join(line.strip() for line in lines if line.strip())
    return text.strip("*").strip()


def parse_document(text: str, label: str = "<document>") -> ImportResult:
    """Split a document into questions; every damage is repaired, every gap reported."""
    result = ImportResult()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    starts: list[tuple[int, int, str]] = []  # (line index, number, title)
    in_code = False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_code = not in_code
            continue
        match = None if in_code else QUESTION_HEADING.match(line)
        if match:
            starts.append((index, int(match.group(1)), match.group(2).strip()))
    if not starts:
        raise ImportError_(
            f"{label}: no question found (expected headings like 'Pregunta 41: Title' "
            "or '## Pregunta 41: Title')"
        )
    seen: dict[int, int] = {}
    for position, (start, number, title) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        body = lines[start + 1 : end]
        line_no = start + 1
        if position == len(starts) - 1:  # closing matter can only follow the last question
            body = _until_closing_matter(body)
        # A section heading of the next block ends this question's answer.
        while body and (not body[-1].strip() or SECTION_HEADING.match(body[-1])):
            body.pop()
        if number in seen:
            result.problems.append(
                Problem(
                    label,
                    line_no,
                    f"duplicate question number {number} (first at line {seen[number]})",
                )
            )
            continue
        seen[number] = line_no
        section = section_for_number(number)
        if section is None:
            result.problems.append(
                Problem(label, line_no, f"question number {number} is outside 1-115")
            )
            continue
        answer_at = next((i for i, line in enumerate(body) if ANSWER_HEADING.match(line)), None)
        if answer_at is None:
            result.problems.append(
                Problem(label, line_no, f"question {number} has no 'Respuesta:' line")
            )
            continue
        prompt = _clean_prompt(body[:answer_at])
        answer = "\n".join(body[answer_at + 1 :]).strip()
        if not prompt:
            result.problems.append(Problem(label, line_no, f"question {number} has no prompt"))
            continue
        if not answer:
            result.problems.append(
                Problem(label, line_no, f"question {number} has an empty answer")
            )
            continue
        result.questions.append(
            Question(
                number=number,
                section=section,
                title=title.strip("*").strip(),
                prompt=prompt,
                answer=repair_markdown(answer),
                project=SECTION_TO_PROJECT.get(section, "none"),
                source="seed",
                file=label,
                line=line_no,
            )
        )
    return result


def import_file(path: Path) -> ImportResult:
    """Read and parse a document file; unreadable files raise ImportError_ with a reason."""
    label = str(path)
    try:
        raw = read_capped(path, MAX_DOCUMENT_BYTES)
    except UnreadableFile as error:
        if error.size is None:
            raise ImportError_(f"{label}: {error.reason}") from None
        raise ImportError_(_too_big_message(label, error.size)) from None
    return parse_document(decode_document(raw, label), label)


@dataclass
class WriteSummary:
    written: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # already in the bank, left as they are


def existing_question_files(folder: Path) -> dict[int, Path]:
    """Question number -> its file in `folder` (by the NNN- prefix of the file name)."""
    existing: dict[int, Path] = {}
    for path in folder.glob(QUESTION_GLOB):
        prefix = path.name.split("-", 1)[0]
        if prefix.isdigit():
            existing[int(prefix)] = path
    return existing


def _keep_metadata(question: Question, path: Path) -> Question:
    """Re-importing keeps what we curated: tags, difficulty, demos, project, review note."""
    try:
        text = read_capped(path, MAX_QUESTION_FILE_BYTES).decode("utf-8", errors="replace")
    except UnreadableFile:
        return question  # unreadable old file: nothing curated to keep
    old = parse_question_file(text).question
    if old is None:
        return question
    return replace(
        question,
        tags=old.tags,
        difficulty=old.difficulty,
        demos=old.demos,
        project=old.project,
        review_note=old.review_note,
    )


def write_questions(
    questions: list[Question], folder: Path, *, overwrite: bool = False, dry_run: bool = False
) -> WriteSummary:
    """One file per question in `folder`. An existing number is skipped unless `overwrite`,
    and an overwritten question keeps its curated metadata."""
    summary = WriteSummary()
    if not dry_run:
        folder.mkdir(parents=True, exist_ok=True)
    existing = existing_question_files(folder) if folder.is_dir() else {}
    for question in questions:
        old_path = existing.get(question.number)
        if old_path and not overwrite:
            summary.skipped.append(question.number)
            continue
        if old_path:
            question = _keep_metadata(question, old_path)
        if not dry_run:
            if old_path:
                old_path.unlink()
            (folder / file_name(question)).write_text(
                render_question_file(question), encoding="utf-8"
            )
        summary.written.append(question.number)
    return summary
