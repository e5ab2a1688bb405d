"""Decks: the built-in Lead/Senior bank plus every document the learner imported.

A deck is one question bank with its own answer key, sections and progress. The built-in
deck is the repository's questions/ and answers.yaml, with the progress file where it
always was (so existing progress belongs to it unchanged). An imported deck lives in the
data folder, one folder per deck:

    <data folder>/decks/<name>/
        deck.yaml          name, title, source file, sections, generated-key numbers
        questions/         NNN-slug.md files (the format of questions/README.md)
        answers.yaml       the answer key, generated at import (the learner may edit it)
        progress.sqlite3   this deck's reviews, cards, bookmarks, notes, mock history

A new deck is written in a hidden temporary folder and renamed into place in one step, so
a failed import leaves nothing behind and never touches another deck.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml

from simulacro.answer_key import DEFAULT_PATH as BUILT_IN_ANSWERS
from simulacro.bank import Bank, configured_questions_dir, load_bank
from simulacro.importer import ImportResult, with_curated_metadata
from simulacro.infer import infer_tags
from simulacro.keygen import generate_entry, render_key
from simulacro.model import Problem
from simulacro.qformat import file_name, render_question_file
from simulacro.safe_file import UnreadableFile, read_capped
from simulacro.store import resolve_data_dir

BUILT_IN = "lead"
BUILT_IN_TITLE = "Lead/Senior ML Engineer (built-in)"
DECKS_FOLDER = "decks"
DECK_FILE = "deck.yaml"
MAX_DECK_FILE_BYTES = 256 * 1024
NAME_RULE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
NAME_HELP = "1-40 lowercase letters, digits, '-' or '_', starting with a letter or digit"


class DeckError(ValueError):
    """A deck name that is not allowed, unknown or taken, or a deck that cannot be made."""


@dataclass(frozen=True)
class Deck:
    name: str
    title: str
    questions_dir: Path
    answers_path: Path
    progress_dir: Path
    sections: tuple[str, ...] | None = None  # None: the built-in number ranges
    source_file: str = ""
    imported_at: str = ""
    generated_key: frozenset[int] = field(default_factory=frozenset)

    @property
    def built_in(self) -> bool:
        return self.name == BUILT_IN

    def bank(self, known_demo_ids: set[str] | None = None) -> Bank:
        return load_bank(self.questions_dir, known_demo_ids, self.sections)


def check_deck_name(name: str) -> str:
    """The name if it can name a deck folder, else DeckError saying why."""
    if not isinstance(name, str) or not NAME_RULE.match(name):
        raise DeckError(f"deck name {name!r} is not allowed: use {NAME_HELP} (e.g. junior)")
    return name


def decks_root(data_dir: Path | str | None = None) -> Path:
    return resolve_data_dir(data_dir) / DECKS_FOLDER


def built_in_deck(data_dir: Path | str | None = None) -> Deck:
    return Deck(
        BUILT_IN,
        BUILT_IN_TITLE,
        configured_questions_dir(),
        BUILT_IN_ANSWERS,
        resolve_data_dir(data_dir),
        source_file="questions/",
    )


def _read_deck(folder: Path) -> Deck:
    """The deck stored in `folder`; DeckError naming the file if deck.yaml is unusable."""
    path = folder / DECK_FILE
    try:
        meta = yaml.safe_load(read_capped(path, MAX_DECK_FILE_BYTES).decode("utf-8"))
    except (UnreadableFile, UnicodeDecodeError, yaml.YAMLError) as error:
        raise DeckError(f"{path}: cannot read the deck description ({error})") from None
    if not isinstance(meta, dict) or not isinstance(meta.get("sections"), list):
        raise DeckError(f"{path}: expected 'name', 'title' and a list of 'sections'")
    generated = meta.get("generated_key") or []
    return Deck(
        name=folder.name,
        title=str(meta.get("title") or folder.name),
        questions_dir=folder / "questions",
        answers_path=folder / "answers.yaml",
        progress_dir=folder,
        sections=tuple(str(section) for section in meta["sections"]),
        source_file=str(meta.get("source_file", "")),
        imported_at=str(meta.get("imported_at", "")),
        generated_key=frozenset(int(n) for n in generated if isinstance(n, int)),
    )


def list_decks(data_dir: Path | str | None = None) -> tuple[list[Deck], list[str]]:
    """The built-in deck first, then every imported deck by name; and what could not be read."""
    decks = [built_in_deck(data_dir)]
    problems: list[str] = []
    root = decks_root(data_dir)
    folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    for folder in folders:
        if not NAME_RULE.match(folder.name):
            continue  # a temporary folder of an import in progress, or not ours
        try:
            decks.append(_read_deck(folder))
        except DeckError as error:
            problems.append(str(error))
    return decks, problems


def load_deck(name: str, data_dir: Path | str | None = None) -> Deck:
    """The deck called `name`; DeckError listing the existing ones if there is none."""
    if name == BUILT_IN:
        return built_in_deck(data_dir)
    check_deck_name(name)
    folder = decks_root(data_dir) / name
    if not (folder / DECK_FILE).is_file():
        names = ", ".join(deck.name for deck in list_decks(data_dir)[0])
        raise DeckError(f"there is no deck {name!r} (decks: {names})")
    return _read_deck(folder)


@dataclass
class CreatedDeck:
    deck: Deck
    written: list[int]
    dropped: list[Problem]  # questions left out (no answer key could be generated)


def create_deck(
    name: str, result: ImportResult, source_file: str, data_dir: Path | str | None = None
) -> CreatedDeck:
    """Write the parsed questions as a new deck, with a generated answer key.

    Raises DeckError (and writes nothing) for a bad or taken name or nothing to write.
    """
    if name == BUILT_IN:
        raise DeckError(
            f"deck {name!r} is the built-in deck; to replace its authored questions use "
            "--replace-authored"
        )
    check_deck_name(name)
    root = decks_root(data_dir)
    final = root / name
    if final.exists():
        raise DeckError(
            f"deck {name!r} already exists ({final}); choose another name, nothing was changed"
        )
    questions, entries, dropped = [], [], []
    for question in result.questions:
        entry = generate_entry(question)
        if entry is None:
            dropped.append(
                Problem(
                    question.file,
                    question.line,
                    f"question {question.number}: the answer is too short to generate an "
                    "answer key (three distinct points needed); not imported",
                )
            )
            continue
        questions.append(question)
        entries.append(entry)
    if not questions:
        raise DeckError(f"{source_file}: no question could be imported; deck {name!r} not created")
    sections = [s for s in result.sections if any(q.section == s for q in questions)]
    meta = {
        "name": name,
        "title": result.title or name,
        "source_file": source_file,
        "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "sections": sections,
        "generated_key": [entry.number for entry in entries],
    }
    root.mkdir(parents=True, exist_ok=True)
    staging = root / f".import-{name}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        (staging / "questions").mkdir(parents=True)
        for question in questions:
            text = render_question_file(question)
            (staging / "questions" / file_name(question)).write_text(text, encoding="utf-8")
        (staging / "answers.yaml").write_text(render_key(entries, source_file), encoding="utf-8")
        (staging / DECK_FILE).write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        os.rename(staging, final)  # atomic; fails if another import took the name meanwhile
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        if final.exists():
            raise DeckError(f"deck {name!r} already exists; nothing was changed") from None
        raise DeckError(f"cannot write deck {name!r} in {root}: {error.strerror}") from None
    return CreatedDeck(_read_deck(final), [q.number for q in questions], dropped)


def delete_deck(name: str, data_dir: Path | str | None = None) -> None:
    """Remove an imported deck with its progress (the built-in deck cannot be removed)."""
    if name == BUILT_IN:
        raise DeckError("the built-in deck cannot be removed")
    deck = load_deck(name, data_dir)
    shutil.rmtree(deck.progress_dir)


# --------------------------------------------------------------------------- built-in deck
@dataclass
class ReplaceSummary:
    replaced: list[int] = field(default_factory=list)  # authored -> the document's own
    added: list[int] = field(default_factory=list)  # numbers the bank did not have
    kept_seed: list[int] = field(default_factory=list)  # already from the source document
    regenerated_key: list[int] = field(default_factory=list)  # our key no longer matched
    # translations (questions/<lang>/) of replaced questions: they translated our text
    dropped_translations: list[str] = field(default_factory=list)


_KEY_ENTRY_LINE = re.compile(r"^(\d+)\s*:\s*$")


def _without_key_entries(text: str, numbers: set[int]) -> str:
    """answers.yaml text without the top-level entries of `numbers` (comments elsewhere kept)."""
    out: list[str] = []
    dropping = False
    for line in text.split("\n"):
        entry = _KEY_ENTRY_LINE.match(line)
        if entry:
            dropping = int(entry.group(1)) in numbers
        elif line and not line[0].isspace() and not line.startswith("#"):
            dropping = False
        if not dropping:
            out.append(line)
    return "\n".join(out)


def replace_authored(
    result: ImportResult, source_file: str, deck: Deck | None = None, dry_run: bool = False
) -> ReplaceSummary:
    """Replace the team-written questions of the built-in deck by the document's own.

    Each replaced question keeps our tags, difficulty, project, demos and review note. Our
    answer-key entry is kept when the document's answer still covers every key point, and
    regenerated from the new answer otherwise. Seed questions are never touched.
    """
    from dataclasses import replace as copy

    from simulacro.answer_key import load_answer_key
    from simulacro.grading import check_key_against_questions

    deck = deck or built_in_deck()
    bank = deck.bank()
    by_number = bank.by_number
    key = load_answer_key(deck.answers_path)
    summary = ReplaceSummary()
    to_write = []
    for question in result.questions:
        old = by_number.get(question.number)
        if old is not None and old.source != "authored":
            summary.kept_seed.append(question.number)
            continue
        if old is not None:
            question = with_curated_metadata(question, old)
            summary.replaced.append(question.number)
        else:
            tags = infer_tags(question.title, question.prompt, question.answer)
            question = copy(question, tags=tags)
            summary.added.append(question.number)
        entry = key.get(question.number)
        if entry is None or check_key_against_questions({entry.number: entry}, [question]):
            fresh = generate_entry(question)
            if fresh is not None:
                summary.regenerated_key.append(question.number)
                to_write.append((question, old, fresh))
                continue
        to_write.append((question, old, None))
    if dry_run or not to_write:
        return summary
    fresh_entries = [fresh for _, _, fresh in to_write if fresh is not None]
    key_text = deck.answers_path.read_text(encoding="utf-8")
    if fresh_entries:
        key_text = _without_key_entries(key_text, {entry.number for entry in fresh_entries})
        block = render_key(fresh_entries, source_file).split("\n\n", 1)[1]
        key_text = key_text.rstrip("\n") + (
            f"\n\n# Generated from {source_file} (--replace-authored): the document's answer "
            "no longer matched our key points.\n" + block
        )
    for question, old, _ in to_write:
        if old is not None:
            (deck.questions_dir / Path(old.file).name).unlink(missing_ok=True)
            for translation in sorted(deck.questions_dir.glob(f"*/{question.number:03d}-*.md")):
                translation.unlink()
                summary.dropped_translations.append(f"{translation.parent.name}/{translation.name}")
        path = deck.questions_dir / file_name(question)
        path.write_text(render_question_file(question), encoding="utf-8")
    deck.answers_path.write_text(key_text, encoding="utf-8")
    _drop_english_key_entries(deck.answers_path, {fresh.number for fresh in fresh_entries})
    return summary


def _drop_english_key_entries(answers_path: Path, numbers: set[int]) -> None:
    """A regenerated key entry has new key points: its English labels no longer line up."""
    english = answers_path.with_name("answers.en.yaml")
    if numbers and english.is_file():
        text = english.read_text(encoding="utf-8")
        english.write_text(_without_key_entries(text, numbers), encoding="utf-8")
