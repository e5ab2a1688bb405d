"""An Anki deck (.apkg) of a deck's questions, made with `genanki`.

One note per question: the front is the title and the prompt, the back the model answer,
the team's review note and the key points. Tags come from the section and the question's
tags. Every id is derived from names and numbers, never from the clock: the note type and
the Anki deck keep their ids and each note's guid is (deck, question number), so importing
a newer export into Anki updates the notes instead of adding duplicates.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import re
import sqlite3
import zipfile
from collections.abc import Sequence
from pathlib import Path

import genanki

from simulacro.answer_key import AnswerKey
from simulacro.export_files import pick_questions, write_atomically
from simulacro.export_guide import DETAIL_TAG
from simulacro.markdown_html import MarkdownToHtml, code_css, escape
from simulacro.model import Question

MODEL_ID = 1_739_115_001  # fixed forever: changing it would make Anki see a new note type
MODEL_NAME = "Simulacro question"
FIELDS = ("Number", "Section", "Title", "Prompt", "Answer", "ReviewNote", "KeyPoints")
FRONT = (
    '<div class="meta">{{Section}} · {{Number}}</div><h2>{{Title}}</h2>'
    '<div class="prompt">{{Prompt}}</div>'
)
BACK = (
    '{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>'
    '{{#ReviewNote}}<div class="note">{{ReviewNote}}</div>{{/ReviewNote}}'
    "{{#KeyPoints}}<h4>Key points</h4>{{KeyPoints}}{{/KeyPoints}}"
)
CSS = """
.card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left; color: #1f2328;
  background: #fff; }
.meta { color: #59636e; font-size: 14px; } .prompt { font-weight: 600; }
.note { border-left: 4px solid #bf8700; background: #fff8c5; padding: 4px 10px; }
pre { white-space: pre-wrap; background: #f6f8fa; padding: 8px; border-radius: 6px;
  font-size: 15px; }
table { border-collapse: collapse; } th, td { border: 1px solid #d1d9e0; padding: 3px 6px; }
"""
_TAG_CHARS = re.compile(r"[^\w-]+")


def deck_id(deck_name: str) -> int:
    """A stable Anki deck id for a Simulacro deck name (positive, under 2**63)."""
    return int(hashlib.sha1(f"simulacro-deck:{deck_name}".encode()).hexdigest()[:15], 16)


def note_guid(deck_name: str, number: int) -> str:
    return genanki.guid_for("simulacro", deck_name, number)


def tag(text: str) -> str:
    """An Anki tag (no spaces): 'Infraestructura (Docker/K8s)' -> 'Infraestructura_Docker_K8s'."""
    return _TAG_CHARS.sub("_", text).strip("_") or "untagged"


def _model() -> genanki.Model:
    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Question", "qfmt": FRONT, "afmt": BACK}],
        css=CSS + code_css(),
    )


def build_deck(
    questions: Sequence[Question],
    key: AnswerKey | None,
    *,
    deck_name: str,
    title: str,
    section: str | None = None,
) -> genanki.Deck:
    """The Anki deck; ExportError for an empty deck or section."""
    chosen = pick_questions(questions, title, section)
    to_html = MarkdownToHtml()
    model = _model()
    deck = genanki.Deck(deck_id(deck_name), f"Simulacro::{title}")
    for question in chosen:
        entry = key.get(question.number) if key is not None else None
        points = ""
        if entry is not None and entry.key_points:
            points = "<ul>" + "".join(
                f"<li>{escape(p.label)}{DETAIL_TAG if p.detail else ''}</li>"
                for p in entry.key_points
            )
            points += "</ul>"
        fields = [
            str(question.number),
            escape(question.section),
            escape(question.title),
            to_html(question.prompt),
            to_html(question.answer),
            to_html(question.review_note) if question.review_note else "",
            points,
        ]
        tags = [tag(question.section), *(tag(t) for t in question.tags), f"q{question.number}"]
        deck.add_note(
            genanki.Note(
                model=model,
                fields=fields,
                tags=tags,
                guid=note_guid(deck_name, question.number),
                sort_field=f"{question.number:04d}",
            )
        )
    return deck


def package_bytes(deck: genanki.Deck, timestamp: float = 0.0) -> bytes:
    """The .apkg as bytes, built in memory (genanki's own writer leaves a temp file behind).

    A fixed `timestamp` keeps card and note ids the same from one export to the next."""
    conn = sqlite3.connect(":memory:")
    try:
        genanki.Package(deck).write_to_db(conn.cursor(), timestamp, _id_counter(timestamp))
        conn.commit()
        database = conn.serialize()
    finally:
        conn.close()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki2", database)
        archive.writestr("media", json.dumps({}))
    return buffer.getvalue()


def _id_counter(timestamp: float) -> itertools.count:
    return itertools.count(int(timestamp * 1000) + 1)


def export_anki(
    path: Path | str,
    questions: Sequence[Question],
    key: AnswerKey | None,
    *,
    deck_name: str,
    title: str,
    section: str | None = None,
) -> Path:
    """Write the .apkg to `path` (all or nothing)."""
    deck = build_deck(questions, key, deck_name=deck_name, title=title, section=section)
    return write_atomically(path, package_bytes(deck))


def main(argv: list[str]) -> int:
    from simulacro.cli_export import export_command

    return export_command(
        argv,
        command="export-anki",
        about="Write an Anki deck (.apkg); re-importing a newer one updates the notes.",
        file_help="where to write it: FILE.apkg",
        write=export_anki,
    )
