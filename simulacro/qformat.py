"""Read and write one question file (`questions/NNN-slug.md`; format in questions/README.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from simulacro.grading import normalize
from simulacro.model import Question
from simulacro.repair import FENCE, code_blocks

MAX_QUESTION_FILE_BYTES = 256 * 1024  # one question is a few KB
QUESTION_GLOB = "[0-9]*.md"  # NNN-slug.md; README.md and other notes are not questions
# Headings in Spanish (the bank) or English (questions/en/ translations).
TITLE_HEADING = re.compile(r"^#\s+(?:Pregunta|Question)\s+(\d{1,3})\s*:\s*(.+?)\s*$")
ANSWER_HEADING = re.compile(r"^##\s+(?:Respuesta|Answer)\s*:?\s*$")
# Optional, after the answer, in either order: our note on the answer (an erratum, or the
# better practice where the portfolio chose otherwise), and what a Lead/Senior answer adds.
REVIEW_HEADING = re.compile(r"^##\s+(?:Nota de revisi[oó]n|Review note)\s*:?\s*$")
GOING_FURTHER_HEADING = re.compile(r"^##\s+(?:Para ir m[aá]s all[aá]|Going further)\s*:?\s*$")
REQUIRED_KEYS = ("number", "section", "project", "tags", "difficulty", "source")
KNOWN_KEYS = set(REQUIRED_KEYS) | {"demos"}
# libyaml's loader is ~10x faster than the pure-Python one (bank load budget: 50 ms).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class ParsedFile:
    """What a question file held: the question (None if unusable) and the problems."""

    question: Question | None
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    front_matter: dict = field(default_factory=dict)
    answer_line: int = 0  # line of the first answer line, to place answer problems
    key_lines: dict = field(default_factory=dict)  # front-matter key -> line


def slugify(title: str) -> str:
    """ "Random Forest para Regresión" -> "random-forest-para-regresion" (the search's
    normalisation: no accents, lowercase, words only)."""
    return normalize(title).replace(" ", "-")[:60].rstrip("-") or "question"


def file_name(question: Question) -> str:
    return f"{question.number:03d}-{slugify(question.title)}.md"


def render_question_file(question: Question) -> str:
    """A Question -> the text of its file (front matter, heading, prompt, answer, notes)."""
    tags = ", ".join(question.tags)
    demos = ", ".join(question.demos)
    return (
        "---\n"
        f"number: {question.number}\n"
        f"section: {question.section}\n"
        f"project: {question.project}\n"
        f"tags: [{tags}]\n"
        f"difficulty: {question.difficulty}\n"
        f"demos: [{demos}]\n"
        f"source: {question.source}\n"
        "---\n\n"
        f"# Pregunta {question.number}: {question.title}\n\n"
        f"{question.prompt.strip()}\n\n"
        "## Respuesta\n\n"
        f"{question.answer.strip()}\n"
        + (
            f"\n## Nota de revisión\n\n{question.review_note.strip()}\n"
            if question.review_note
            else ""
        )
        + (
            f"\n## Para ir más allá\n\n{question.going_further.strip()}\n"
            if question.going_further
            else ""
        )
    )


def _split_front_matter(lines: list[str]) -> tuple[list[str], int] | None:
    """Front-matter lines and the index of the first body line, or None if absent."""
    if not lines or lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return lines[1:index], index + 1
    return None


def _as_str_tuple(value: object) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(item, str | int) for item in value):
        return tuple(str(item) for item in value)
    return None


def _first_alias(front_matter: str) -> int | None:
    """Line (0-based) of the first YAML alias: nested aliases expand exponentially when the
    values are printed (a 10-line "billion laughs" hung the bank), and a question needs none."""
    if "*" not in front_matter:
        return None
    try:
        for token in yaml.scan(front_matter, Loader=YAML_LOADER):
            if isinstance(token, yaml.AliasToken):
                return token.start_mark.line
    except yaml.YAMLError:
        return None  # yaml.load reports it with its place
    return None


def parse_question_file(text: str, *, require_translation_only: bool = False) -> ParsedFile:
    """Parse one file's text. Never raises: problems are (line, message) pairs.

    With `require_translation_only`, the front matter needs only `number` (translations).
    """
    lines = text.replace("\r\n", "\n").split("\n")
    split = _split_front_matter(lines)
    if split is None:
        return ParsedFile(
            None,
            [
                (
                    1,
                    "missing front matter (the file must start with a "
                    "'---' line, then YAML, then a closing '---' line)",
                )
            ],
        )
    meta_lines, body_start = split
    alias_at = _first_alias("\n".join(meta_lines))
    if alias_at is not None:
        return ParsedFile(
            None,
            [(alias_at + 2, "front matter uses a YAML alias (*name): write the value out")],
        )
    try:
        meta = yaml.load("\n".join(meta_lines), Loader=YAML_LOADER) or {}
    except yaml.YAMLError as error:
        # The context mark (e.g. where an unclosed [ list started) is where to look first.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(error, "problem", None) or "invalid YAML"
        return ParsedFile(None, [(line, f"malformed front matter: {reason}")])
    if not isinstance(meta, dict):
        return ParsedFile(None, [(2, "malformed front matter: expected 'key: value' lines")])

    def key_line(key: str) -> int:
        for offset, line in enumerate(meta_lines):
            if line.startswith(f"{key}:"):
                return offset + 2
        return 1

    problems: list[tuple[int, str]] = []
    needed = ("number",) if require_translation_only else REQUIRED_KEYS
    for key in needed:
        if key not in meta:
            problems.append((1, f"front matter is missing '{key}'"))
    for key in meta:
        if key not in KNOWN_KEYS:
            problems.append((key_line(str(key)), f"unknown front-matter key '{key}'"))

    number = meta.get("number")
    if not isinstance(number, int) or isinstance(number, bool):
        problems.append((key_line("number"), f"'number' must be an integer, got {number!r}"))
        return ParsedFile(None, problems, meta)

    # Body: heading, prompt, "## Respuesta", answer (headings inside code do not count).
    title_at = answer_at = None
    title = ""
    in_code = False
    for index in range(body_start, len(lines)):
        line = lines[index]
        if FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        if title_at is None:
            heading = TITLE_HEADING.match(line)
            if heading:
                title_at, title = index, heading.group(2)
                if int(heading.group(1)) != number:
                    problems.append(
                        (
                            index + 1,
                            f"heading says Pregunta {heading.group(1)} "
                            f"but front matter says number {number}",
                        )
                    )
        elif ANSWER_HEADING.match(line):
            answer_at = index
            break
    if title_at is None:
        problems.append(
            (
                body_start + 1,
                "missing heading '# Pregunta N: Title' ('# Question N: Title' in English)",
            )
        )
        return ParsedFile(None, problems, meta)
    if answer_at is None:
        problems.append(
            (
                title_at + 1,
                "missing '## Respuesta' heading before the answer ('## Answer' in English)",
            )
        )
        return ParsedFile(None, problems, meta)
    prompt = "\n".join(lines[title_at + 1 : answer_at]).strip()
    tail = _tail_sections(lines, answer_at + 1)
    answer_end = min(tail.values(), default=len(lines))
    answer = "\n".join(lines[answer_at + 1 : answer_end]).strip()
    review_note = _section_text(lines, tail, "review")
    going_further = _section_text(lines, tail, "further")
    if not prompt:
        problems.append((title_at + 1, f"question {number} has no prompt"))
    if not answer:
        problems.append((answer_at + 1, f"question {number} has an empty answer"))
    if not prompt or not answer:
        return ParsedFile(None, problems, meta)

    tags = _as_str_tuple(meta.get("tags"))
    demos = _as_str_tuple(meta.get("demos"))
    if tags is None:
        problems.append((key_line("tags"), "'tags' must be a list like [metrics, leakage]"))
    if demos is None:
        problems.append((key_line("demos"), "'demos' must be a list of demo ids"))
    difficulty = meta.get("difficulty", 2)
    question = Question(
        number=number,
        section=str(meta.get("section", "")),
        title=title,
        prompt=prompt,
        answer=answer,
        tags=tags or (),
        difficulty=difficulty if isinstance(difficulty, int) else 0,
        project=str(meta.get("project", "none")),
        demos=demos or (),
        source=str(meta.get("source", "")),
        review_note=review_note,
        going_further=going_further,
        line=1,
    )
    key_lines = {str(key): key_line(str(key)) for key in meta}
    first_answer = answer_at + 1
    while not lines[first_answer].strip():  # the answer was stripped of leading blank lines
        first_answer += 1
    return ParsedFile(question, problems, meta, answer_line=first_answer + 1, key_lines=key_lines)


_TAIL_HEADINGS = {"review": REVIEW_HEADING, "further": GOING_FURTHER_HEADING}


def _tail_sections(lines: list[str], start: int) -> dict[str, int]:
    """Index of the first review-note / going-further heading from `start`, outside code."""
    found: dict[str, int] = {}
    in_code = False
    for index in range(start, len(lines)):
        if FENCE.match(lines[index]):
            in_code = not in_code
            continue
        if in_code:
            continue
        for name, heading in _TAIL_HEADINGS.items():
            if name not in found and heading.match(lines[index]):
                found[name] = index
    return found


def _section_text(lines: list[str], tail: dict[str, int], name: str) -> str:
    """The text under heading `name`, up to the next tail heading (or the end)."""
    if name not in tail:
        return ""
    start = tail[name]
    end = min((at for at in tail.values() if at > start), default=len(lines))
    return "\n".join(lines[start + 1 : end]).strip()


def unlabelled_fences(answer: str) -> list[int]:
    """Offsets (1-based, within the answer) of opening code fences without a language."""
    lines = answer.split("\n")
    return [
        block.start + 1
        for block in code_blocks(lines)
        if not FENCE.match(lines[block.start]).group(3)  # type: ignore[union-attr]
    ]
