"""Show text from files or users through st.markdown without it being read as Markdown."""

from __future__ import annotations

import re

from simulacro.search import Snippet

# CommonMark lets a backslash escape any ASCII punctuation; ":" and "$" too, so a snippet
# never turns into an emoji short code, a colour directive or LaTeX.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
HIGHLIGHT = ":orange-background[{}]"


def escape_markdown(text: str) -> str:
    """`text` shown literally by st.markdown (one line: newlines become spaces)."""
    return _PUNCTUATION.sub(r"\\\1", text.replace("\n", " "))


def snippet_markdown(snippet: Snippet) -> str:
    """The snippet as Markdown: its matched words highlighted, everything else literal."""
    return "".join(
        HIGHLIGHT.format(escape_markdown(part)) if hit else escape_markdown(part)
        for part, hit in snippet.segments
    )
