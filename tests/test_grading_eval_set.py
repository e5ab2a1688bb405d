"""The grading evaluation set (tests/grading_eval/) is well formed and its labels are real.

The set is hand-written data the grader is measured against, so a typo in a label or a
missing class would silently skew every number `grading-eval` reports.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

from simulacro.answer_key import load_answer_key
from simulacro.bank import load_bank
from simulacro.model import SECTION_RANGES

EVAL_DIR = Path(__file__).parent / "grading_eval"
CLASSES = ("excellent_es", "excellent_en", "partial", "wrong", "echo")
ITEM_KEYS = {"question", "class", "answer", "covers"}
FILE_NAME = re.compile(r"^(\d\d)-[a-z0-9-]+\.yaml$")
MIN_QUESTIONS_PER_FILE = 4
MIN_QUESTIONS = 45
# An answer sharing this many consecutive words with its model answer was copied, not written.
COPIED_RUN = 8

DEV_FILES = sorted(EVAL_DIR.glob("*.yaml"))
# The held-out split (written for other questions, used to check a change is not tuned to dev).
HELDOUT_FILES = sorted((EVAL_DIR / "heldout").glob("*.yaml"))
# The blind split: written from the prompts by writers who never read the key's phrases.
BLIND_FILES = sorted((EVAL_DIR / "blind").glob("*.yaml"))
# The fresh split: new answers to questions of the other splits, by writers who never read
# the key's phrases; it re-uses their questions on purpose.
FRESH_FILES = sorted((EVAL_DIR / "fresh").glob("*.yaml"))
DISJOINT_FILES = DEV_FILES + HELDOUT_FILES + BLIND_FILES
SECTION_FILES = DISJOINT_FILES + FRESH_FILES
MIN_HELDOUT_QUESTIONS = 20


def _items(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.findall(r"[a-z0-9]+", plain)


def _runs(words: list[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


@pytest.fixture(scope="module")
def key_labels() -> dict[int, set[str]]:
    key = load_answer_key()
    return {n: {point.label for point in entry.key_points} for n, entry in key.entries.items()}


def test_there_are_section_files():
    assert SECTION_FILES, f"no *.yaml in {EVAL_DIR}"


@pytest.mark.parametrize("path", SECTION_FILES, ids=lambda p: str(p.relative_to(EVAL_DIR)))
def test_items_have_the_documented_shape(path: Path):
    items = _items(path)
    assert isinstance(items, list) and items, f"{path.name}: top level must be a non-empty list"
    for index, item in enumerate(items):
        where = f"{path.name} item {index}"
        assert isinstance(item, dict) and set(item) == ITEM_KEYS, f"{where}: keys {item!r}"
        assert isinstance(item["question"], int), f"{where}: question must be an int"
        assert item["class"] in CLASSES, f"{where}: unknown class {item['class']!r}"
        assert isinstance(item["answer"], str) and item["answer"].strip(), f"{where}: empty"
        covers = item["covers"]
        assert isinstance(covers, list), f"{where}: covers must be a list"
        assert all(isinstance(label, str) for label in covers), f"{where}: covers {covers!r}"
        assert len(set(covers)) == len(covers), f"{where}: a label is repeated"


@pytest.mark.parametrize("path", SECTION_FILES, ids=lambda p: str(p.relative_to(EVAL_DIR)))
def test_each_question_has_one_answer_of_every_class_in_its_section(path: Path):
    match = FILE_NAME.match(path.name)
    assert match, f"{path.name}: name must be NN-slug.yaml"
    first, last, section = SECTION_RANGES[int(match.group(1)) - 1]
    classes_by_question: dict[int, list[str]] = defaultdict(list)
    for item in _items(path):
        classes_by_question[item["question"]].append(item["class"])
    for number, classes in classes_by_question.items():
        assert first <= number <= last, f"{path.name}: question {number} is not in {section}"
        assert sorted(classes) == sorted(CLASSES), f"{path.name}: question {number}: {classes}"
    if path in DEV_FILES:  # the held-out split is smaller: its minimum is for the whole split
        assert len(classes_by_question) >= MIN_QUESTIONS_PER_FILE, f"{path.name}: too few"


def test_the_set_covers_every_section_and_enough_questions():
    numbers = {item["question"] for path in DEV_FILES for item in _items(path)}
    matches = [FILE_NAME.match(path.name) for path in DEV_FILES]
    sections = {int(match.group(1)) for match in matches if match}
    assert sections == set(range(1, len(SECTION_RANGES) + 1)), f"sections present: {sections}"
    assert len(numbers) >= MIN_QUESTIONS, f"only {len(numbers)} questions"


@pytest.mark.parametrize("files", [DISJOINT_FILES, FRESH_FILES], ids=["splits", "fresh"])
def test_no_question_is_in_two_files(files: list[Path]):
    files_by_question: dict[int, set[str]] = defaultdict(set)
    for path in files:
        for item in _items(path):
            files_by_question[item["question"]].add(str(path.relative_to(EVAL_DIR)))
    repeated = {n: names for n, names in files_by_question.items() if len(names) > 1}
    assert not repeated


def test_the_heldout_split_has_enough_questions_of_their_own():
    numbers = {item["question"] for path in HELDOUT_FILES for item in _items(path)}
    assert len(numbers) >= MIN_HELDOUT_QUESTIONS, f"only {len(numbers)} held-out questions"


@pytest.mark.parametrize("path", SECTION_FILES, ids=lambda p: str(p.relative_to(EVAL_DIR)))
def test_covers_labels_exist_in_the_answer_key(path: Path, key_labels: dict[int, set[str]]):
    for item in _items(path):
        number = item["question"]
        assert number in key_labels, f"{path.name}: question {number} has no key entry"
        unknown = set(item["covers"]) - key_labels[number]
        assert not unknown, f"{path.name}: question {number} {item['class']}: {unknown}"


@pytest.mark.parametrize("path", SECTION_FILES, ids=lambda p: str(p.relative_to(EVAL_DIR)))
def test_excellent_answers_cover_more_than_partial_and_partial_no_less_than_wrong(path: Path):
    covered: dict[int, Counter] = defaultdict(Counter)
    for item in _items(path):
        covered[item["question"]][item["class"]] = len(item["covers"])
    for number, count in covered.items():
        best_excellent = max(count["excellent_es"], count["excellent_en"])
        assert best_excellent > count["partial"] >= count["wrong"], f"question {number}: {count}"
        assert count["echo"] == 0, f"question {number}: an echo covers nothing"


@pytest.fixture(scope="module")
def model_answers() -> dict[int, str]:
    return {number: question.answer for number, question in load_bank().by_number.items()}


@pytest.mark.parametrize("path", SECTION_FILES, ids=lambda p: str(p.relative_to(EVAL_DIR)))
def test_answers_do_not_copy_the_model_answer(path: Path, model_answers: dict[int, str]):
    for item in _items(path):
        model = _runs(_words(model_answers[item["question"]]), COPIED_RUN)
        copied = _runs(_words(item["answer"]), COPIED_RUN) & model
        assert not copied, f"{path.name}: question {item['question']} {item['class']}: {copied}"
