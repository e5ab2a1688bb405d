"""Fuzz every parser of user input: a result or our clear error, nothing else, bounded.

Inputs are random and mutated (from real question files, answers.yaml, a real progress
export, a generated CSV and the seed document). The property for each parser: it returns,
or raises the error type it documents; no other exception; within a time and memory bound.
CI runs a fixed seed and a bounded number of examples; `pytest --fuzz-long` runs 50 times
more with a random seed. A failing input found here goes into tests/fuzz_corpus/ and is
replayed by test_corpus_replays_clean.
"""

from __future__ import annotations

import json
import os
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projects.schema import SchemaError, check_project_csv
from simulacro.answer_key import parse_answer_key_text
from simulacro.bank import DEFAULT_QUESTIONS_DIR
from simulacro.importer import ImportError_, decode_document
from simulacro.importer import parse_document as parse_question_document
from simulacro.progress_io import ProgressImportError, export_json, import_progress
from simulacro.qformat import parse_question_file
from simulacro.store import ProgressStore

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "fuzz_corpus"
LONG = os.environ.get("SIMULACRO_FUZZ_LONG") == "1"
MAX_SECONDS = 20.0  # per input; generous: the machine is shared, a hang is what we catch
MAX_PEAK_BYTES = 256 * 1024 * 1024  # per input, measured by tracemalloc


def fuzz(examples: int):
    """Fixed seed and `examples` inputs in CI; 50x and a random seed with --fuzz-long."""
    return settings(
        max_examples=examples * 50 if LONG else examples,
        derandomize=not LONG,
        deadline=None,  # time is bounded by `bounded` below, with a machine-proof margin
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def bounded(function, *args, allowed: tuple[type[BaseException], ...] = ()):
    """Call `function`; return its result, or None for an allowed error. Time and memory
    are measured and checked; any other exception fails the test."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        return function(*args)
    except allowed as error:
        assert str(error).strip(), f"{type(error).__name__} without a message"
        return None
    finally:
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert elapsed < MAX_SECONDS, f"took {elapsed:.1f} s"
        assert peak < MAX_PEAK_BYTES, f"peaked at {peak / 1e6:.0f} MB"


@st.composite
def mutated(draw, seeds: list[str], alphabet: st.SearchStrategy[str] | None = None):
    """A seed text with a few random edits: cut, insert, duplicate, replace a character."""
    text = draw(st.sampled_from(seeds))
    pieces = alphabet if alphabet is not None else st.text(max_size=40)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["cut", "insert", "duplicate", "replace"]))
        if kind == "cut":
            text = text[:at] + text[at + draw(st.integers(0, 200)) :]
        elif kind == "insert":
            text = text[:at] + draw(pieces) + text[at:]
        elif kind == "duplicate":
            text = text[:at] + text[at : at + draw(st.integers(0, 300))] * 2 + text[at:]
        elif text:
            text = text[: max(at - 1, 0)] + draw(pieces)[:1] + text[at:]
    return text


MARKUP = st.sampled_from(
    [
        "---",
        "\n",
        "```",
        "```python",
        "# Pregunta 41: x",
        "## Respuesta",
        "number: 7",
        ":",
        "[",
        "]",
        "{",
        "- ",
        "&a",
        "*a",
        "!!python/object",
        "\x00",
        "\ufeff",
        "\r\n",
        "é",
        "Pregunta 999:",
        "Respuesta:",
        "Preguntas 41-45: BankChurn",
        "\t",
        "0" * 50,
        " " * 400,
        "\t" * 3000,
    ]
)
NOISE = st.one_of(st.text(max_size=40), MARKUP)


# ---------------------------------------------------------------------- question files
QUESTION_SEEDS = [
    p.read_text(encoding="utf-8") for p in sorted(DEFAULT_QUESTIONS_DIR.glob("0[4-5]*.md"))
][:8]


@fuzz(150)
@given(st.one_of(mutated(QUESTION_SEEDS, NOISE), st.text(max_size=2000)))
def test_question_file_parser_never_raises(text):
    parsed = bounded(parse_question_file, text)
    assert parsed.question is not None or parsed.problems  # unusable means "says why"
    for line, message in parsed.problems:
        assert isinstance(line, int) and message


# ------------------------------------------------------------------------ answers.yaml
def _answer_key_seed() -> str:
    text = (ROOT / "answers.yaml").read_text(encoding="utf-8")
    return text[: text.find("\n4", 4000) if text.find("\n4", 4000) > 0 else 6000]


ANSWER_SEEDS = [_answer_key_seed()]


@fuzz(100)
@given(st.one_of(mutated(ANSWER_SEEDS, NOISE), st.text(max_size=1000)))
def test_answer_key_parser_never_raises(text):
    key = bounded(parse_answer_key_text, text, "answers.yaml")
    for problem in key.problems:
        assert str(problem).startswith("answers.yaml:")


# ----------------------------------------------------------------------- progress JSON
def _export_seed() -> str:
    store = ProgressStore.in_memory()
    start = datetime(2026, 1, 5, tzinfo=UTC)
    for i in range(6):
        store.record_review(
            41 + i % 3,
            ("again", "good", "easy")[i % 3],
            9.5,
            "texto",
            ["a"],
            when=start.replace(hour=i),
        )
    store.set_bookmark(41, True)
    store.set_note(42, "nota")
    store.save_mock_session({"questions": [41], "score": 0.5})
    return export_json(store, now=start)


EXPORT_SEED = _export_seed()
JSON_NOISE = st.one_of(
    NOISE,
    st.sampled_from(
        [
            '"',
            "\\",
            "1e999",
            "-0",
            "NaN",
            "null",
            "true",
            "9" * 30,
            "[[[[",
            "]}",
            '"0001-01-01T00:00:00+14:00"',
            '"9999-12-31T23:59:59-05:00"',
            '"\\ud800"',
            "\\udfff",
            "\\u0000",
            ",",
        ]
    ),
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


def _import(text: str):
    store = ProgressStore.in_memory()
    return import_progress(store, text)


@fuzz(150)
@given(mutated([EXPORT_SEED], JSON_NOISE))
def test_progress_import_of_mutated_exports(text):
    bounded(_import, text, allowed=(ProgressImportError,))


@st.composite
def edited_exports(draw):
    """A real export with one field of one record set to a random JSON value."""
    document = json.loads(EXPORT_SEED)
    section = draw(st.sampled_from(["cards", "reviews", "bookmarks", "notes", "mock_sessions"]))
    record = document[section][0]
    target = record["card"] if section == "cards" and draw(st.booleans()) else record
    key = draw(st.sampled_from(sorted(target)))
    target[key] = draw(
        st.one_of(JSON_VALUES, st.datetimes(timezones=st.timezones()).map(datetime.isoformat))
    )
    return json.dumps(document, default=str)


@fuzz(150)
@given(st.one_of(edited_exports(), JSON_VALUES.map(json.dumps)))
def test_progress_import_of_edited_exports_and_random_json(text):
    bounded(_import, text, allowed=(ProgressImportError,))


# --------------------------------------------------------------------------- CSV uploads
def _csv_seed() -> str:
    from projects.bankchurn.data import generate

    return generate(n_rows=12, seed=3).to_csv(index=False)


CSV_SEED = _csv_seed()
CSV_NOISE = st.one_of(
    NOISE, st.sampled_from([",", ";", '"', '""', "\n", "nan", "-1", "1e400", "2026-13-45", ",,,,"])
)


def _check_csv(raw: bytes):
    return check_project_csv(raw, "projects.bankchurn", name="upload.csv")


@fuzz(120)
@given(st.one_of(mutated([CSV_SEED], CSV_NOISE).map(str.encode), st.binary(max_size=300)))
def test_uploaded_csv_is_a_frame_or_a_schema_error(raw):
    bounded(_check_csv, raw, allowed=(SchemaError,))


# ------------------------------------------------------------------- imported documents
FIXTURE_SEED = Path(__file__).resolve().parent / "fixtures" / "simulacro_parte2_seed.txt"


def _document_seeds() -> list[str]:
    text = FIXTURE_SEED.read_text(encoding="utf-8")
    cut = text.find("Pregunta 45")
    return [text[: cut if cut > 0 else 20000]]


def _import_document(raw: bytes):
    return parse_question_document(decode_document(raw, "doc.txt"), "doc.txt")


@fuzz(100)
@given(st.one_of(mutated(_document_seeds(), NOISE).map(str.encode), st.binary(max_size=500)))
def test_imported_document_is_questions_or_an_import_error(raw):
    bounded(_import_document, raw, allowed=(ImportError_,))


# ------------------------------------------------------------------------ the corpus
def _corpus() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_file() and p.name != "README.md")


PARSERS = {
    "progress": (_import, (ProgressImportError,)),
    "question": (parse_question_file, ()),
    "answers": (lambda text: parse_answer_key_text(text, "answers.yaml"), ()),
    "csv": (lambda text: _check_csv(text.encode()), (SchemaError,)),
    "document": (lambda text: _import_document(text.encode()), (ImportError_,)),
}


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_corpus_replays_clean(path):
    """Inputs that once broke a parser (named `<parser>-<what>.txt`) stay fixed."""
    function, allowed = PARSERS[path.name.split("-", 1)[0]]
    bounded(function, path.read_text(encoding="utf-8"), allowed=allowed)
