"""Parse an interview document of the "Simulacro Entrevista" family into questions.

Recognised structure (plain-text extraction or Markdown, any mix of heading levels):
    # 4. Git y Herramientas (Preguntas 31-40)          section heading (also
    Preguntas 41-45: BankChurn (continuación)           this plain form)
    ## Pregunta 41: Risk Level Classification          question heading (also ###, bold,
    **¿Cómo categorizas el riesgo de churn?**           plain, "Pregunta 3 - Title")
    ### Respuesta:                                      start of the answer
    ---                                                 separator (dropped)
    ## Pregunta 41-45: [Ver archivo parte 2]            placeholder (skipped, reported)
    **[Continúa en Parte 2]**                           cross-file reference (idem)
A document without "Pregunta N" headings is read as plain Q&A ("## Q: ..." / "A: ...",
or "**Question** ..." / "**Answer** ..."), numbered in order.

For the built-in deck (`built_in=True`) the section of a question is decided by its
number (the table in simulacro.model); for a deck of its own it is the document's own
section heading above the question.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from simulacro.infer import infer_difficulty, infer_project, infer_tags
from simulacro.model import MAX_QUESTION_NUMBER, Problem, Question, section_for_number
from simulacro.qformat import (
    MAX_QUESTION_FILE_BYTES,
    QUESTION_GLOB,
    file_name,
    parse_question_file,
    render_question_file,
)
from simulacro.repair import code_blocks, repair_markdown
from simulacro.safe_file import UnreadableFile, read_capped

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024  # a 115-question document is ~60 KB
DEFAULT_SECTION = "General"  # a deck whose document has no section headings

_HEADING_PREFIX = r"^\s*(?P<hashes>#{1,6})?\s*(?:[^\w\s#*¿¡\[(]{1,3}\s*)?(?P<bold>\*\*|__)?\s*"
QUESTION_HEADING = re.compile(
    _HEADING_PREFIX + r"(?:Pregunta|Question)\s+(?:N[ºo°.]\s*)?(?P<number>\d{1,4})"
    r"(?:(?:\s*(?:\*\*|__)?\s*[:.)\-–—]\s*(?:\*\*|__)?|\s+)\s*(?P<title>\S.*?))?"
    r"\s*(?:\*\*|__)?\s*[:.]?\s*#*\s*$"
)
RANGE_HEADING = re.compile(
    _HEADING_PREFIX + r"(?:Preguntas?|Questions?)\s+(?P<first>\d{1,4})\s*(?:-|–|—|a|al|to)\s*"
    r"(?P<last>\d{1,4})\b\s*(?:\*\*|__)?\s*[:.\-–—]?\s*(?P<rest>.*?)\s*(?:\*\*|__)?\s*#*\s*$"
)
NAMED_SECTION = re.compile(
    r"^\s*(?P<hashes>#{1,6})?\s*(?P<name>.+?)\s*\((?:Preguntas?|Questions?)\s+"
    r"(?P<first>\d{1,4})\s*[-–—]\s*(?P<last>\d{1,4})\)\s*:?\s*#*\s*$"
)
NUMBERED_HEADING = re.compile(
    r"^\s*(?P<hashes>#{1,2})\s+(?:\W{1,3}\s*)?\d{1,2}[.)]\s+(?P<name>\S.*)$"
)
MARKDOWN_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+\S")
ANSWER_HEADING = re.compile(
    r"^\s*(?P<hashes>#{1,6}\s*)?(?:>\s*)?(?P<bold>\*\*|__)?\s*(?:[^\w\s#*:>]{1,3}\s*)?"
    r"(?:Respuesta|Answer)"
    r"(?P<extra>(?:\s+[^\s:*]+){0,3})\s*(?P<colon1>:)?\s*(?:\*\*|__)?\s*(?P<colon2>:)?\s*(?P<rest>.*)$"
)
THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
REFERENCE = re.compile(
    r"^(?:ver|v[eé]ase|contin[uú]a|continuaci[oó]n|contin[uú]ar[aá]|sigue|see|continued)\b"
    r".*\b(?:parte|archivo|documento|fichero|part|file)\b",
    re.IGNORECASE,
)
# The closing matter after the last question ("Resumen y Recursos", "Fin del Simulacro",
# ...) in the plain-text form: the last answer ends there.
CLOSING_MATTER = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:Resumen|Recursos|Conclusi[oó]n(?:es)?|Ap[eé]ndice|Anexo|"
    r"Fin del Simulacro|Summary|Resources)\b[^:]{0,60}$"
)
_SPACE_RUN = re.compile(r"\s{2,}")
_SECTION_NOISE = re.compile(r"\s*\((?:continuaci[oó]n|cont\.?|continued)\)\s*$", re.IGNORECASE)
SECTION_TO_PROJECT = {
    "BankChurn-Predictor": "bankchurn",
    "CarVision-Market-Intelligence": "carvision",
    "TelecomAI-Customer-Intelligence": "telecomai",
}
# Plain Q&A documents.
QA_QUESTION = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:Q|P|Question|Pregunta)\s*(?:\*\*|__)?\s*[:.]?\s*"
    r"(?:\*\*|__)?\s+(?P<text>\S.*)$"
)
QA_ANSWER = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:A|R|Answer|Respuesta)\s*(?:\*\*|__)?\s*[:.]?\s*"
    r"(?:\*\*|__)?(?:\s+(?P<text>\S.*))?\s*$"
)
QA_TITLE_WORDS = 8


class ImportError_(ValueError):
    """The document cannot be read at all (size, encoding, no question found)."""


@dataclass(frozen=True)
class Skipped:
    """A part of the document deliberately not imported (a placeholder, a reference)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: skipped: {self.message}"


@dataclass
class ImportResult:
    questions: list[Question] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # could not be read
    skipped: list[Skipped] = field(default_factory=list)  # placeholders, references
    notices: list[Problem] = field(default_factory=list)  # read, but worth a look
    sections: list[str] = field(default_factory=list)  # the document's, in order
    title: str = ""  # the document's own title (first heading)


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


# --------------------------------------------------------------------------- line roles
def _shown(line: str) -> str:
    """A line as quoted in a message: without heading marks and bold."""
    return line.strip().lstrip("#").strip().strip("*_").strip()


def _strip_marks(line: str) -> str:
    """A line without Markdown decoration: '**[Continúa en Parte 2]**' -> 'Continúa en Parte 2'."""
    core = line.strip().lstrip("#>").strip()
    return core.strip("*_ ").strip("[]() ").strip("*_ ").rstrip(".…").strip()


def is_reference(line: str) -> bool:
    """A cross-file reference such as '**[Continúa en Parte 2]**' or '[Ver archivo parte 2]'."""
    core = _strip_marks(line)
    return bool(core) and len(core) < 160 and REFERENCE.match(core) is not None


def _level(hashes: str | None) -> int:
    """Markdown heading level; 7 for a plain or bold line (weaker than any heading)."""
    return len(hashes) if hashes else 7


def section_name(text: str) -> str:
    """'# 4. Git y Herramientas (Preguntas 31-40)' -> 'Git y Herramientas'."""
    text = _squeeze(text)
    named = NAMED_SECTION.match(text)
    if named:
        text = named.group("name")
    ranged = RANGE_HEADING.match(text)
    if ranged:
        text = ranged.group("rest")
    text = text.strip().lstrip("#").strip().strip("*_").strip()
    text = re.sub(
        r"^(?:\W{1,3}\s*)?(?:(?:Secci[oó]n|Parte|Bloque|Section|Part)\s+)?\d{1,2}\s*[.:)\-–—]\s*",
        "",
        text,
    )
    text = _SECTION_NOISE.sub("", text).strip(" :-–—*_")
    return text


@dataclass
class _Heading:
    index: int
    kind: str  # "question", "range", "section", "other"
    level: int
    number: int = 0
    last: int = 0
    title: str = ""
    style: str = ""


def _squeeze(line: str) -> str:
    """Runs of whitespace as one space: the heading patterns have several optional space runs
    in a row, which backtrack cubically on a long run (150 spaces took 2 s, 1,000 minutes)."""
    return _SPACE_RUN.sub(" ", line)


def _classify(line: str, index: int) -> _Heading | None:
    line = _squeeze(line)
    ranged = RANGE_HEADING.match(line)
    if ranged and int(ranged.group("last")) > int(ranged.group("first")):
        return _Heading(
            index,
            "range",
            _level(ranged.group("hashes")),
            int(ranged.group("first")),
            int(ranged.group("last")),
            ranged.group("rest"),
        )
    question = QUESTION_HEADING.match(line)
    if question:
        hashes, bold = question.group("hashes"), question.group("bold")
        style = f"{hashes} Pregunta N" if hashes else ("**Pregunta N**" if bold else "Pregunta N")
        return _Heading(
            index,
            "question",
            _level(hashes),
            int(question.group("number")),
            title=(question.group("title") or "").strip("*_ ").strip(),
            style=style,
        )
    named = NAMED_SECTION.match(line)
    if named:
        return _Heading(
            index,
            "range",
            _level(named.group("hashes")),
            int(named.group("first")),
            int(named.group("last")),
            named.group("name"),
        )
    numbered = NUMBERED_HEADING.match(line)
    if numbered:
        return _Heading(index, "section", _level(numbered.group("hashes")), title=line)
    heading = MARKDOWN_HEADING.match(line)
    if heading:
        return _Heading(index, "other", _level(heading.group("hashes")), title=line)
    return None


def _answer_start(body: list[str], in_code: list[bool]) -> tuple[int, str] | None:
    """Index of the 'Respuesta:' line in a question's body, and any text after it."""
    for index, line in enumerate(body):
        if in_code[index]:
            continue
        match = ANSWER_HEADING.match(line)
        if not match:
            continue
        marked = match.group("hashes") or match.group("bold")
        colon = match.group("colon1") or match.group("colon2")
        rest = match.group("rest").strip()
        if match.group("extra") and not colon:
            continue  # "Respuesta corta ..." is prose, not the answer heading
        if (marked or colon) and (not rest or colon):
            return index, rest
    return None


def _title_from(prompt: str) -> str:
    """A heading without a title ("## Pregunta 11"): the prompt's first words."""
    words = prompt.strip("¿?¡! *").split()
    title = " ".join(words[:QA_TITLE_WORDS]) + ("…" if len(words) > QA_TITLE_WORDS else "")
    return title[:1].upper() + title[1:]


def _clean_prompt(lines: list[str]) -> str:
    kept = [line.strip().lstrip(">").strip() for line in lines if line.strip()]
    kept = [line for line in kept if not THEMATIC_BREAK.match(line)]
    text = " ".join(kept)
    text = re.sub(r"^\**\s*(?:Pregunta|Question)\s*:\s*\**\s*", "", text)
    return text.strip("*_").strip()


# --------------------------------------------------------------------------- parsing
def parse_document(text: str, label: str = "<document>", *, built_in: bool = True) -> ImportResult:
    """Split a document into questions; every damage is repaired, every gap reported."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    result = ImportResult()
    in_code = [False] * len(lines)
    for block in code_blocks(lines):
        if not block.closed:
            result.problems.append(
                Problem(label, block.start + 1, "code block is never closed (missing ```)")
            )
        for index in range(block.start, block.end + 1):
            in_code[index] = True
    headings = [
        heading
        for index, line in enumerate(lines)
        if not in_code[index] and (heading := _classify(line, index)) is not None
    ]
    result.title = next((_shown(h.title) for h in headings if h.kind == "other"), "")
    questions = [h for h in headings if h.kind == "question"]
    if not questions:
        if result.problems:  # an unclosed fence may hide every heading
            raise ImportError_(f"{result.problems[0]}; no question found after it")
        return _parse_plain_qa(lines, in_code, label, result)
    _report_mixed_styles(questions, label, result)
    question_level = Counter(h.level for h in questions).most_common(1)[0][0]
    _parse_family(lines, in_code, headings, question_level, label, built_in, result)
    _report_references(lines, in_code, headings, label, result)
    return result


def _report_mixed_styles(questions: list[_Heading], label: str, result: ImportResult) -> None:
    styles = Counter(h.style for h in questions)
    main = styles.most_common(1)[0][0]
    first_main = next(h for h in questions if h.style == main)
    for heading in questions:
        if heading.style != main:
            result.notices.append(
                Problem(
                    label,
                    heading.index + 1,
                    f"question {heading.number} uses the heading style '{heading.style}', "
                    f"the rest of the document '{main}' (line {first_main.index + 1}); "
                    "read anyway",
                )
            )


def _ends_question(heading: _Heading, question_level: int) -> bool:
    """Whether a heading between two questions closes the answer above it."""
    if heading.kind in ("question", "range", "section"):
        return True
    return heading.level < question_level or heading.level == question_level < 7


def _parse_family(
    lines: list[str],
    in_code: list[bool],
    headings: list[_Heading],
    question_level: int,
    label: str,
    built_in: bool,
    result: ImportResult,
) -> None:
    numbers = {h.number for h in headings if h.kind == "question"}
    section = ""
    seen: dict[int, int] = {}
    for position, heading in enumerate(headings):
        following = headings[position + 1 :]
        if heading.kind == "range":
            covered = [n for n in numbers if heading.number <= n <= heading.last]
            if is_reference(heading.title) or not covered or heading.title.startswith("["):
                result.skipped.append(
                    Skipped(
                        label,
                        heading.index + 1,
                        f"placeholder for questions {heading.number}-{heading.last} "
                        f"({_shown(lines[heading.index])!r}): they are in another file",
                    )
                )
                continue
            section = section_name(lines[heading.index]) or section
        elif heading.kind == "section":
            section = section_name(lines[heading.index]) or section
        if heading.kind != "question":
            continue
        if heading.title.startswith("[") or is_reference(heading.title):
            result.skipped.append(
                Skipped(
                    label,
                    heading.index + 1,
                    f"placeholder for question {heading.number} "
                    f"({_shown(lines[heading.index])!r}): it is in another file",
                )
            )
            continue
        end = next((h.index for h in following if _ends_question(h, question_level)), len(lines))
        start = heading.index + 1
        is_last = not any(h.kind == "question" for h in following)
        question = _read_question(
            lines[start:end], in_code[start:end], heading, start, label, built_in, result, is_last
        )
        if question is None:
            continue
        if heading.number in seen:
            result.problems.append(
                Problem(
                    label,
                    heading.index + 1,
                    f"duplicate question number {heading.number} "
                    f"(first at line {seen[heading.number]})",
                )
            )
            continue
        seen[heading.number] = heading.index + 1
        if not built_in:
            question = replace(question, section=section or DEFAULT_SECTION)
            if question.section not in result.sections:
                result.sections.append(question.section)
        result.questions.append(question)


def _report_references(
    lines: list[str],
    in_code: list[bool],
    headings: list[_Heading],
    label: str,
    result: ImportResult,
) -> None:
    """Every cross-file reference line, wherever it stands (answers drop them)."""
    heading_lines = {h.index for h in headings}
    for index, line in enumerate(lines):
        if not in_code[index] and index not in heading_lines and is_reference(line):
            result.skipped.append(
                Skipped(label, index + 1, f"cross-file reference {_shown(line)!r}")
            )
    result.skipped.sort(key=lambda item: item.line)


def _answer_lines(body: list[str], in_code: list[bool]) -> list[str]:
    """The answer without separators and cross-file references (reported as skipped)."""
    kept: list[str] = []
    for index, line in enumerate(body):
        if not in_code[index] and THEMATIC_BREAK.match(line):
            continue
        if not in_code[index] and is_reference(line):
            continue  # reported once for the whole document (_report_references)
        kept.append(line)
    return kept


def _read_question(
    body: list[str],
    in_code: list[bool],
    heading: _Heading,
    offset: int,
    label: str,
    built_in: bool,
    result: ImportResult,
    is_last: bool,
) -> Question | None:
    """One question from the lines after its heading, or None (with a problem reported)."""
    number, line_no = heading.number, heading.index + 1

    def problem(message: str) -> None:
        result.problems.append(Problem(label, line_no, message))

    if built_in:
        section = section_for_number(number)
        if section is None:
            problem(f"question number {number} is outside 1-115")
            return None
    else:
        section = ""
        if not 1 <= number <= MAX_QUESTION_NUMBER:
            problem(f"question number {number} is outside 1-{MAX_QUESTION_NUMBER}")
            return None
    # Plain-text form: closing matter ("Resumen y Recursos") ends the last answer.
    cut = next(
        (
            i
            for i, line in enumerate(body)
            if is_last and not in_code[i] and heading.level == 7 and CLOSING_MATTER.match(line)
        ),
        None,
    )
    answer_at = _answer_start(body, in_code)
    if cut is not None and (answer_at is None or cut > answer_at[0]):
        body, in_code = body[:cut], in_code[:cut]
    if answer_at is None:
        problem(f"question {number} has no 'Respuesta:' line")
        return None
    at, rest = answer_at
    prompt = _clean_prompt(body[:at]) or (heading.title if heading.title.endswith("?") else "")
    answer_body = ([rest] if rest else []) + body[at + 1 :]
    answer_code = ([False] if rest else []) + in_code[at + 1 :]
    answer = "\n".join(_answer_lines(answer_body, answer_code)).strip()
    if not prompt:
        problem(f"question {number} has no prompt")
        return None
    if not answer:
        problem(f"question {number} has an empty answer")
        return None
    answer = repair_markdown(answer)
    title = heading.title or _title_from(prompt)
    return Question(
        number=number,
        section=section,
        title=title,
        prompt=prompt,
        answer=answer,
        tags=() if built_in else infer_tags(title, prompt, answer),
        difficulty=2 if built_in else infer_difficulty(result.title),
        project=(
            SECTION_TO_PROJECT.get(section, "none")
            if built_in
            else infer_project(title, prompt, answer)
        ),
        source="seed",
        file=label,
        line=line_no,
    )


def _last_text_line(lines: list[str], start: int, end: int) -> int:
    return max((i for i in range(start, end) if lines[i].strip()), default=start)


def _parse_plain_qa(
    lines: list[str], in_code: list[bool], label: str, result: ImportResult
) -> ImportResult:
    """'## Q: ... / A: ...' or '**Question** ... / **Answer** ...', numbered in order."""
    starts = [i for i, line in enumerate(lines) if not in_code[i] and QA_QUESTION.match(line)]
    if not starts:
        raise ImportError_(
            f"{label}: no question found (expected headings like 'Pregunta 41: Title', "
            "'## Pregunta 41: Title', or plain Q&A such as '## Q: ...' then 'A: ...')"
        )
    first_start = starts[0]
    for index in range(first_start):
        if lines[index].strip() and not in_code[index] and not MARKDOWN_HEADING.match(lines[index]):
            result.problems.append(
                Problem(
                    label,
                    index + 1,
                    f"text outside any question, not read: {lines[index].strip()[:60]!r}",
                )
            )
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        prompt_text = QA_QUESTION.match(lines[start]).group("text").strip("*_ ")  # type: ignore[union-attr]
        answer_at = next(
            (i for i in range(start + 1, end) if not in_code[i] and QA_ANSWER.match(lines[i])),
            None,
        )
        if answer_at is None:
            result.problems.append(
                Problem(
                    label,
                    start + 1,
                    f"question {prompt_text[:60]!r} has no answer ('A:' line); lines "
                    f"{start + 1}-{_last_text_line(lines, start, end) + 1} not read",
                )
            )
            continue
        for index in range(start + 1, answer_at):
            if lines[index].strip():
                result.problems.append(
                    Problem(
                        label,
                        index + 1,
                        "text between a question and its answer, not read: "
                        f"{lines[index].strip()[:60]!r}",
                    )
                )
        first = QA_ANSWER.match(lines[answer_at]).group("text") or ""  # type: ignore[union-attr]
        body = [first] + lines[answer_at + 1 : end]
        codes = [False] + in_code[answer_at + 1 : end]
        answer = "\n".join(_answer_lines(body, codes)).strip()
        if not answer:
            result.problems.append(Problem(label, answer_at + 1, "empty answer, not read"))
            continue
        number = len(result.questions) + 1
        title = _title_from(prompt_text)
        answer = repair_markdown(answer)
        result.questions.append(
            Question(
                number=number,
                section=DEFAULT_SECTION,
                title=title,
                prompt=prompt_text,
                answer=answer,
                tags=infer_tags(title, prompt_text, answer),
                difficulty=2,
                project=infer_project(prompt_text, answer),
                source="seed",
                file=label,
                line=start + 1,
            )
        )
    if result.questions:
        result.sections = [DEFAULT_SECTION]
    _report_references(lines, in_code, [], label, result)
    return result


def import_file(path: Path, *, built_in: bool = True) -> ImportResult:
    """Read and parse a document file; unreadable files raise ImportError_ with a reason."""
    label = str(path)
    try:
        raw = read_capped(path, MAX_DOCUMENT_BYTES)
    except UnreadableFile as error:
        if error.size is None:
            raise ImportError_(f"{label}: {error.reason}") from None
        raise ImportError_(_too_big_message(label, error.size)) from None
    return parse_document(decode_document(raw, label), label, built_in=built_in)


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
    return question if old is None else with_curated_metadata(question, old)


def with_curated_metadata(question: Question, old: Question) -> Question:
    """The document's question with what we curated on the old one: tags, difficulty,
    demos, project, review note and further reading."""
    return replace(
        question,
        tags=old.tags,
        difficulty=old.difficulty,
        demos=old.demos,
        project=old.project,
        review_note=old.review_note,
        going_further=old.going_further,
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
