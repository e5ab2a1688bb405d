"""Adversarial wrong answers (tests/grading_adversarial/): fluent, on-topic, wrong.

Each one once earned key points it does not state; the key was fixed. They stay as fixtures
so a new phrasing that credits them again fails here, with the phrase and the span."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from simulacro.answer_key import load_answer_key
from simulacro.bank import load_bank
from simulacro.grading import grade

FOLDER = Path(__file__).parent / "grading_adversarial"
FILES = sorted(FOLDER.glob("*.yaml"))


def _cases() -> list[tuple[str, int, dict]]:
    return [
        (path.name, index, item)
        for path in FILES
        for index, item in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    ]


CASES = _cases()


@pytest.fixture(scope="module")
def key_and_prompts():
    bank = load_bank()
    key = load_answer_key(valid_numbers=[q.number for q in bank.questions])
    return key, {q.number: q.prompt for q in bank.questions}


def test_the_folder_holds_cases_of_the_documented_shape():
    assert CASES, f"no adversarial answers in {FOLDER}"
    for name, index, item in CASES:
        assert set(item) == {"question", "answer", "covers"}, f"{name} item {index}: {item!r}"
        assert isinstance(item["answer"], str) and item["answer"].strip(), f"{name} {index}"


@pytest.mark.parametrize(
    ("name", "index", "item"), CASES, ids=[f"{n}-{i}-q{c['question']}" for n, i, c in CASES]
)
def test_a_wrong_answer_earns_only_what_it_really_states(name, index, item, key_and_prompts):
    key, prompts = key_and_prompts
    entry = key.get(item["question"])
    assert entry is not None, f"{name} item {index}: no key for question {item['question']}"
    labels = {p.label for p in entry.key_points}
    assert set(item["covers"]) <= labels, f"{name} item {index}: unknown labels"
    result = grade(item["answer"], entry, prompts[item["question"]])
    extra = {
        label: (result.evidence[label].phrase, result.evidence[label].text)
        for label in result.covered
        if label not in item["covers"]
    }
    assert not extra, f"{name} item {index} (q{item['question']}): credited {extra}"
    if not item["covers"]:
        assert result.suggested_rating in ("again", "hard"), f"{name} item {index}: {result}"
