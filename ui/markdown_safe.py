"""Show text from files or users through st.markdown without it being read as Markdown."""

from __future__ import annotations

import re

from simulacro.search import Snippet

# CommonMark lets a backslash escape any ASCII punctuation; ":" and "$" too, so a snippet
# never turns into an emoji short code, a colour directive or LaTeX.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
HIGHLIGHT = ":orange-background[{}]"
# Words that contradict a key point: red text too, a pale red background alone reads like
# the orange one.
HIGHLIGHT_AGAINST = ":red-background[:red[{}]]"


def escape_markdown(text: str) -> str:
    """`text` shown literally by st.markdown (one line: newlines become spaces)."""
    return _PUNCTUATION.sub(r"\\\1", text.replace("\n", " "))


def snippet_markdown(snippet: Snippet) -> str:
    """The snippet as Markdown: its matched words highlighted, everything else literal."""
    return "".join(
        HIGHLIGHT.format(escape_markdown(part)) if hit else escape_markdown(part)
        for part, hit in snippet.segments
    )


def highlighted_markdown(
    text: str, spans: list[tuple[int, int]], against: list[tuple[int, int]] | None = None
) -> str:
    """`text` shown literally, with the character ranges `spans` highlighted, and `against`
    (what contradicts a key point) in red over them; paragraph breaks are kept (a blank
    line between escaped paragraphs)."""
    marks = [0] * len(text)
    for style, ranges in ((1, spans), (2, against or [])):
        for start, end in ranges:
            for i in range(max(start, 0), min(end, len(text))):
                marks[i] = style
    formats = {0: "{}", 1: HIGHLIGHT, 2: HIGHLIGHT_AGAINST}
    paragraphs = []
    for block_start, block in _paragraphs(text):
        parts, run, style = [], "", 0
        for offset, ch in enumerate(block):
            mark = marks[block_start + offset]
            if mark != style and run:
                parts.append(formats[style].format(escape_markdown(run)))
                run = ""
            run, style = run + ch, mark
        if run:
            parts.append(formats[style].format(escape_markdown(run)))
        paragraphs.append("".join(parts))
    return "\n\n".join(p for p in paragraphs if p.strip())


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(start offset, text) of each run of non-blank lines."""
    result, start = [], 0
    for piece in re.split(r"(\n\s*\n)", text):
        if piece and not re.fullmatch(r"\n\s*\n", piece):
            result.append((start, piece))
        start += len(piece)
    return result
