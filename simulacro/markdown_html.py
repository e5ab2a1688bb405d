"""Question Markdown to safe HTML for the exports (study guide, Anki).

Rendered with the `markdown` package (tables, fenced code highlighted by Pygments). Raw
HTML in a question file is never passed through: the HTML block and inline-HTML rules are
switched off so such text shows as text, and the result is cleaned by `nh3` with a short
list of tags and attributes (no scripts, styles, event handlers or javascript: links).
"""

from __future__ import annotations

import markdown
import nh3
from pygments.formatters import HtmlFormatter

CODE_CLASS = "codehilite"
_TAGS = {
    "a", "p", "br", "hr", "em", "strong", "code", "pre", "span", "div", "blockquote",
    "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
    "h1", "h2", "h3", "h4", "h5", "h6", "sup", "sub", "del",
}  # fmt: skip
_ATTRIBUTES = {
    "span": {"class"},
    "div": {"class"},
    "code": {"class"},
    "pre": {"class"},
    "a": {"href", "title"},
    "th": {"align", "style"},
    "td": {"align", "style"},
}


def _renderer() -> markdown.Markdown:
    md = markdown.Markdown(
        extensions=["tables", "fenced_code", "codehilite", "sane_lists"],
        extension_configs={"codehilite": {"css_class": CODE_CLASS, "guess_lang": False}},
        output_format="html",
    )
    md.preprocessors.deregister("html_block")  # a <script> block stays text
    md.inlinePatterns.deregister("html")  # so does inline <b onclick=…>
    return md


class MarkdownToHtml:
    """One reusable converter (building the Markdown object costs more than a question)."""

    def __init__(self) -> None:
        self._md = _renderer()

    def __call__(self, text: str) -> str:
        self._md.reset()
        html = self._md.convert(text or "")
        return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, link_rel="noopener")


def code_css() -> str:
    """The Pygments style of the highlighted code blocks."""
    return HtmlFormatter(style="friendly").get_style_defs(f".{CODE_CLASS}")


def escape(text: str) -> str:
    """Plain text for an HTML text node or attribute."""
    return (
        (text or "")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )
