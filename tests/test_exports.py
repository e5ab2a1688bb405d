"""Exports: the HTML study guide and the Anki deck (content escaped, stable ids, all or
nothing), and their commands."""

from __future__ import annotations

import io
import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulacro.answer_key import load_answer_key
from simulacro.bank import load_bank
from simulacro.export_anki import (
    MODEL_ID,
    build_deck,
    deck_id,
    export_anki,
    note_guid,
    package_bytes,
)
from simulacro.export_files import ExportError, write_atomically
from simulacro.export_guide import build_guide, export_guide
from simulacro.markdown_html import MarkdownToHtml
from simulacro.model import Question

ROOT = Path(__file__).resolve().parent.parent
BANK = load_bank().questions
KEY = load_answer_key(valid_numbers=[q.number for q in BANK])
TITLE = "Lead/Senior ML Engineer (built-in)"


def question(number: int = 1, answer: str = "Respuesta.", **extra) -> Question:
    return Question(number, "Fundamentos de ML", extra.pop("title", "T"), "¿P?", answer, **extra)


# ------------------------------------------------------------------------------ guide
def test_guide_has_every_question_a_toc_highlighted_code_and_print_css():
    html = build_guide(BANK, KEY, title=TITLE)
    assert html.count('<article class="question"') == len(BANK) == 115
    toc = html[html.index('<nav class="toc">') : html.index("</nav>")]
    assert len(re.findall(r'href="#q\d+"', toc)) == 115
    assert all(f'id="q{q.number}"' in html for q in BANK)
    assert '<div class="codehilite">' in html and ".codehilite .k" in html  # Pygments
    assert "@media print" in html and "<table>" in html
    assert "Key points" in html and KEY.get(58).key_points[0].label in html
    assert "Review note (Simulacro team)" in html  # 24 seed answers carry one
    assert "<link" not in html and "src=" not in html  # self-contained: nothing fetched


def test_guide_of_one_section():
    html = build_guide(BANK, KEY, title=TITLE, section="Liderazgo")
    numbers = [int(n) for n in re.findall(r'<article class="question" id="q(\d+)"', html)]
    assert numbers == list(range(106, 116))


def test_empty_deck_and_empty_section_say_so():
    with pytest.raises(ExportError, match="has no questions to export"):
        build_guide([], KEY, title="Vacío")
    with pytest.raises(ExportError, match="section 'Nope' has no questions.*sections: Fundamentos"):
        build_guide(BANK, KEY, title=TITLE, section="Nope")
    with pytest.raises(ExportError, match="has no questions to export"):
        build_deck([], KEY, deck_name="x", title="Vacío")


HOSTILE = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[click](javascript:alert(3))",
    "<b onclick='alert(4)'>x</b>",
    "<style>body{display:none}</style>",
    "<iframe src='http://example.org'></iframe>",
)


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(
        st.one_of(
            st.sampled_from(HOSTILE),
            st.sampled_from(["**b**", "`c`", "\n\n```python\nx = '<script>'\n```\n\n", "| a |"]),
            st.text(max_size=30),
        ),
        max_size=12,
    )
)
def test_no_raw_html_from_question_files_survives(parts):
    text = " ".join(parts)
    html = MarkdownToHtml()(text)
    lowered = html.lower()
    assert "<script" not in lowered and "<style" not in lowered and "<iframe" not in lowered
    assert "<img" not in lowered and "javascript:" not in lowered
    assert not re.search(r"<[^>]*\son\w+\s*=", lowered)


def test_hostile_title_and_prompt_are_escaped_in_guide_and_anki():
    evil = question(title="<script>alert(1)</script>", answer="<img src=x onerror=alert(1)>")
    html = build_guide([evil], None, title="<b>deck</b>")
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "<b>deck</b>" not in html
    deck = build_deck([evil], None, deck_name="x", title="T")
    assert "<script>" not in " ".join(deck.notes[0].fields)


def test_unwritable_paths_leave_nothing_behind(tmp_path, monkeypatch):
    target = tmp_path / "guide.html"
    target.write_text("old guide", encoding="utf-8")
    with pytest.raises(ExportError, match="does not exist"):
        export_guide(tmp_path / "missing" / "g.html", BANK, KEY, title=TITLE)
    with pytest.raises(ExportError, match="is a folder"):
        export_guide(tmp_path, BANK, KEY, title=TITLE)
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(ExportError, match="cannot write"):
            export_anki(locked / "a.apkg", BANK, KEY, deck_name="lead", title=TITLE)

    # a failing write keeps the old file and leaves no temporary file
    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", disk_full)
        with pytest.raises(ExportError, match="No space left on device"):
            write_atomically(target, b"new guide")
    assert target.read_text(encoding="utf-8") == "old guide"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["guide.html"]
    export_guide(target, BANK, KEY, title=TITLE)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert oct(target.stat().st_mode & 0o777) == "0o644"


# ------------------------------------------------------------------------------- anki
def notes_of(apkg: bytes) -> list[tuple]:
    with zipfile.ZipFile(io.BytesIO(apkg)) as archive:
        database = archive.read("collection.anki2")
    conn = sqlite3.connect(":memory:")
    conn.deserialize(database)
    rows = conn.execute(
        "SELECT id, guid, mid, tags, flds, sfld FROM notes ORDER BY sfld"
    ).fetchall()
    decks = conn.execute("SELECT decks FROM col").fetchone()[0]
    conn.close()
    return rows, decks


def test_anki_deck_has_one_note_per_question_with_stable_ids():
    first = package_bytes(build_deck(BANK, KEY, deck_name="lead", title=TITLE))
    again = package_bytes(build_deck(BANK, KEY, deck_name="lead", title=TITLE))
    notes, decks = notes_of(first)
    assert len(notes) == 115
    assert notes == notes_of(again)[0]  # re-export: same ids and guids, Anki updates
    assert {row[2] for row in notes} == {MODEL_ID}
    assert str(deck_id("lead")) in decks and deck_id("lead") != deck_id("junior")
    by_number = {int(row[5]): row for row in notes}
    assert by_number[58][1] == note_guid("lead", 58)
    tags = by_number[91][3].split()
    assert "Infraestructura_Docker_K8s" in tags and "q91" in tags
    assert all(" " not in t for row in notes for t in row[3].split())
    fields = by_number[58][4].split("\x1f")
    assert fields[2] == "MAPE Calculation" and '<div class="codehilite">' in fields[4]
    assert "<li>" in fields[6]  # key points


def test_a_changed_answer_keeps_the_guid():
    before = build_deck([question(answer="uno")], None, deck_name="d", title="T").notes[0]
    after = build_deck([question(answer="dos")], None, deck_name="d", title="T").notes[0]
    assert before.guid == after.guid and before.fields != after.fields


# ---------------------------------------------------------------------------- commands
def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "simulacro", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_export_commands_write_files_and_report_bad_input(tmp_path):
    guide, deck = tmp_path / "guide.html", tmp_path / "deck.apkg"
    done = run_cli("export-guide", str(guide), "--section", "Liderazgo")
    assert done.returncode == 0, done.stderr
    assert guide.read_text(encoding="utf-8").count('<article class="question"') == 10
    done = run_cli("export-anki", str(deck))
    assert done.returncode == 0, done.stderr
    assert len(notes_of(deck.read_bytes())[0]) == 115
    for args, message in (
        (("export-guide", str(tmp_path / "x.html"), "--section", "Nope"), "section 'Nope'"),
        (("export-anki", str(tmp_path / "no" / "x.apkg")), "does not exist"),
        (("export-anki", str(tmp_path / "x.apkg"), "--deck", "nosuch"), "no deck 'nosuch'"),
    ):
        done = run_cli(*args)
        assert done.returncode == 1 and message in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg", "guide.html"]


def test_bench_plugin_reports_the_export_figures():
    from tools.study_bench import bench_exports

    figures = bench_exports()
    assert figures["guide_questions"] == 115
    for name in ("guide_115_s", "guide_115_cpu_s", "anki_115_s", "anki_115_cpu_s"):
        assert figures[name] > 0


def test_guide_as_pdf_when_chromium_is_installed(tmp_path, monkeypatch):
    from simulacro import export_guide as guide_module

    target = tmp_path / "guide.pdf"
    if guide_module.pdf_engine() is not None:
        export_guide(target, BANK[:3], KEY, title=TITLE)
        assert target.read_bytes().startswith(b"%PDF")
        target.unlink()
    monkeypatch.setattr(guide_module, "pdf_engine", lambda: None)
    with pytest.raises(ExportError, match="a PDF needs Chromium"):
        export_guide(target, BANK[:3], KEY, title=TITLE)
    assert not target.exists()
