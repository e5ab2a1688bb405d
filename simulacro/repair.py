"""Repairs of the damage a Markdown -> plain-text extraction leaves in an answer.

Each function takes and returns Markdown text. Code blocks are left alone except for
their fence language and trailing spaces; prose gets tables, lists and LaTeX fixed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

# Possessive (*+): two optional runs of spaces around an empty language made a line of
# 20,000 spaces after ``` take seconds (quadratic backtracking); same matches, linear.
FENCE = re.compile(r"^(\s*)(```+|~~~+)\s*+([\w+#.-]*+)\s*$")

_DOCKERFILE = re.compile(r"^(FROM|RUN|COPY|WORKDIR|CMD|ENTRYPOINT|EXPOSE|ENV|USER|HEALTHCHECK)\b")
_BASH = re.compile(
    r"^(\$ |pip |docker |docker-compose |kubectl |python |python3 |git |curl |terraform |"
    r"helm |make |pytest|uvicorn |streamlit |export |cd |mkdir |dvc |mlflow |npm |apt-get |"
    r"find |ls |echo |cat |rm |cp |mv |chmod |sudo |gitleaks |trivy |bandit |ruff |black )"
)
_PYTHON = re.compile(
    r"^(def |class |import |from \S+ import |@\w|async def |return\b|if __name__|"
    r"with |for |try:|except\b|raise\b|print\()"
)
_PY_ASSIGN = re.compile(r"^[A-Za-z_][\w.\[\]\"', ]*\s*=\s*\S")
_YAML_KEY = re.compile(r"^\s*(- )?[\w.$/\"'-]+\s*:(\s|$)")
_TREE = re.compile(r"[├└│]")


def guess_code_language(code: str) -> str:
    """Best guess of the language of an untagged code block (python, yaml, bash, ...)."""
    lines = [line for line in code.splitlines() if line.strip()]
    if not lines:
        return "text"
    body = [line.strip() for line in lines if not line.strip().startswith("#")]
    first = lines[0].strip()
    if _TREE.search(code) or (first.endswith("/") and " " not in first):
        return "text"
    if first.startswith(("{", "[")) and not first.startswith("[pytest]"):
        if _looks_like_json(code):
            return "json"
    if any(line.startswith("[") and line.endswith("]") for line in body[:1]):
        return "text"  # ini-style file (pytest.ini, setup.cfg)
    if sum(bool(_DOCKERFILE.match(line)) for line in body) >= max(1, len(body) // 2):
        return "dockerfile"
    if body and all(_BASH.match(line) for line in body):
        return "bash"
    python_hits = sum(bool(_PYTHON.match(line) or _PY_ASSIGN.match(line)) for line in body)
    yaml_hits = sum(bool(_YAML_KEY.match(line)) for line in body)
    if python_hits and python_hits >= yaml_hits:
        return "python"
    if yaml_hits and yaml_hits >= len(body) / 2:
        return "yaml"
    if python_hits:
        return "python"
    return "text"


def _looks_like_json(code: str) -> bool:
    try:
        json.loads(code)
        return True
    except ValueError:
        # Examples elide with "..." - accept them when the rest has JSON's shape.
        return bool(re.search(r'^\s*"[^"]+"\s*:', code, re.MULTILINE))


# Languages whose blocks may hold fences of their own (a README template, say). Family
# documents nest them with the SAME number of backticks, which CommonMark would close early.
NESTING_LANGUAGES = frozenset({"markdown", "md"})


@dataclass(frozen=True)
class CodeBlock:
    """A fenced block: first and last line index (inclusive), and whether it was closed."""

    start: int
    end: int
    closed: bool


def code_blocks(lines: list[str]) -> list[CodeBlock]:
    """The outermost fenced blocks of `lines`.

    A fence closes on a bare fence of the same character at least as long as the opening
    one (CommonMark). Inside a ```markdown block, fences of the opening's length that carry
    a language open a nested block that the next bare fence closes, so a template's own
    code blocks stay inside it.
    """
    blocks: list[CodeBlock] = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        char, length = opening.group(2)[0], len(opening.group(2))
        nests = opening.group(3).lower() in NESTING_LANGUAGES
        depth = 0
        end = index + 1
        closed = False
        while end < len(lines):
            fence = FENCE.match(lines[end])
            if fence and fence.group(2)[0] == char:
                if fence.group(3):
                    depth += nests and len(fence.group(2)) == length
                elif len(fence.group(2)) >= length:
                    if not depth:
                        closed = True
                        break
                    depth -= 1
            end += 1
        blocks.append(CodeBlock(index, min(end, len(lines) - 1), closed))
        index = end + 1
    return blocks


def code_mask(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to a fenced block (fence lines included)."""
    mask = [False] * len(lines)
    for block in code_blocks(lines):
        for index in range(block.start, block.end + 1):
            mask[index] = True
    return mask


def split_blocks(text: str) -> list[tuple[str, str]]:
    """Split Markdown into ("prose", text) and ("code", fenced block) parts."""
    lines = text.split("\n")
    parts: list[tuple[str, str]] = []
    position = 0
    for block in code_blocks(lines):
        if block.start > position:
            parts.append(("prose", "\n".join(lines[position : block.start])))
        parts.append(("code", "\n".join(lines[block.start : block.end + 1])))
        position = block.end + 1
    if position < len(lines):
        parts.append(("prose", "\n".join(lines[position:])))
    return parts


def repair_code_block(block: str) -> str:
    """Tag the fence with a language, drop trailing spaces, close an unterminated fence.

    An opening fence with nothing after it (extraction debris) becomes an empty string. A
    block holding fences of its own gets a longer outer fence, so Markdown keeps it whole.
    """
    lines = [line.rstrip() for line in block.split("\n")]
    opening = FENCE.match(lines[0])
    assert opening is not None
    indent, ticks, language = opening.groups()
    closing = FENCE.match(lines[-1]) if len(lines) > 1 else None
    closed = closing is not None and not closing.group(3) and closing.group(2)[0] == ticks[0]
    body = lines[1:-1] if closed else lines[1:]
    while body and not body[-1].strip():
        body.pop()
    while body and not body[0].strip():
        body.pop(0)
    if not body:
        return ""
    inner = [len(fence.group(2)) for fence in map(FENCE.match, body) if fence]
    if inner:
        ticks = ticks[0] * max(len(ticks), max(inner) + 1)
    code = "\n".join(body).replace("\\\\;", "\\;")
    language = language.lower() or guess_code_language(code)
    return f"{indent}{ticks}{language}\n{code}\n{indent}{ticks}"


def tab_lines_to_table(lines: list[str]) -> list[str]:
    """Tab-separated rows (the first is the header) -> a Markdown table."""
    rows = [[cell.strip().replace("|", "\\|") for cell in line.split("\t")] for line in lines]
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    table = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    table += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return table


_INLINE_LIST_START = re.compile(r"^(?P<lead>.*?(?::|:\*\*|\.|\*\*))\s+-\s+(?P<rest>\S.*)$")
_INLINE_ITEM_SPLIT = re.compile(r"\s+-\s+(?=\S)")
_INLINE_NUMBERED = re.compile(r"^(?P<lead>[^\n]*?:)\s+(?P<rest>1\.\s+\S.*\s2\.\s+\S.*)$")
_NUMBER_SPLIT = re.compile(r"\s+(?=\d{1,2}\.\s+\S)")
_LATEX_INLINE = re.compile(r"\$([^$\n]*\\[a-zA-Z]+[^$\n]*)\$")
_LATEX_COMMANDS = {
    r"\times": "×",
    r"\cdot": "·",
    r"\leq": "≤",
    r"\geq": "≥",
    r"\approx": "≈",
    r"\pm": "±",
    r"\to": "→",
    r"\infty": "∞",
}


def _split_items(rest: str) -> list[str]:
    """Split "a - b - c" on dash separators, but never inside `code spans`."""
    pieces = re.split(r"(`[^`]*`)", rest)
    items = [""]
    for piece in pieces:
        if piece.startswith("`"):
            items[-1] += piece
            continue
        chunks = _INLINE_ITEM_SPLIT.split(piece)
        items[-1] += chunks[0]
        items.extend(chunks[1:])
    return [item.strip() for item in items if item.strip()]


def inline_list_to_markdown(line: str) -> list[str] | None:
    """ "Uso: - **A:** x - **B:** y" -> ["Uso:", "", "- **A:** x", "- **B:** y"], else None."""
    numbered = _INLINE_NUMBERED.match(line)
    if numbered and " - " not in numbered.group("rest"):
        items = _NUMBER_SPLIT.split(numbered.group("rest"))
        return [numbered.group("lead"), ""] + [item.strip() for item in items]
    numbered_item = re.match(r"^(?P<num>\d{1,2}\.)\s+(?P<body>.+?)\s+-\s+(?P<rest>\S.*)$", line)
    if numbered_item and numbered_item.group("body").endswith((":**", ":", "**")):
        subitems = _split_items(numbered_item.group("rest"))
        head = f"{numbered_item.group('num')} {numbered_item.group('body')}"
        return [head] + [f"   - {item}" for item in subitems]
    if line.startswith("- ") and " - " in line[2:]:
        return [f"- {item}" for item in _split_items(line[2:])]
    start = _INLINE_LIST_START.match(line)
    if not start:
        return None
    return [start.group("lead"), ""] + [f"- {item}" for item in _split_items(start.group("rest"))]


def latex_to_text(line: str) -> str:
    """`$2 \\times 3 = 6$` -> `2 × 3 = 6` (the app does not render LaTeX in prose)."""

    def replace(match: re.Match[str]) -> str:
        expression = match.group(1)
        for command, symbol in _LATEX_COMMANDS.items():
            expression = expression.replace(command, symbol)
        return expression

    return _LATEX_INLINE.sub(replace, line)


def repair_prose(text: str) -> str:
    """Tables from tab-separated lines, lists from inline dash runs, LaTeX and debris."""
    out: list[str] = []
    lines = [line.rstrip().replace("\\\\;", "\\;") for line in text.split("\n")]
    i = 0
    previous_was_list = False
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            block = []
            while i < len(lines) and "\t" in lines[i]:
                block.append(lines[i])
                i += 1
            if out and out[-1].strip():
                out.append("")
            out.extend(tab_lines_to_table(block))
            out.append("")
            previous_was_list = False
            continue
        if line.strip() in {"-", "*", "•"}:  # an empty bullet left by the extraction
            i += 1
            continue
        line = re.sub(r"^ {1,2}(?=\d{1,2}\.\s)", "", latex_to_text(line))
        if line.startswith("**") and line.endswith("**") and line.strip("*").startswith("¿"):
            line = line.strip("*")  # Markdown form: **¿question?**
        listed = inline_list_to_markdown(line) if line.strip() else None
        if listed:
            if out and out[-1].strip() and not listed[0].startswith("- "):
                out.append("")
            out.extend(listed)
            previous_was_list = True
        elif previous_was_list and line.strip() and not line.startswith(("- ", "#")):
            out.append(f"- {line.strip()}")  # a run that the extraction broke onto a new line
        else:
            out.append(line)
            previous_was_list = False
        i += 1
    return "\n".join(out)


def repair_markdown(text: str) -> str:
    """Apply every repair to an answer, then normalise blank lines."""
    repaired: list[str] = []
    for kind, block in split_blocks(text):
        fixed = repair_code_block(block) if kind == "code" else repair_prose(block)
        if fixed.strip():
            repaired.append(fixed.strip("\n"))
    joined = "\n\n".join(repaired)
    return re.sub(r"\n{3,}", "\n\n", joined).strip() + "\n"
