"""Export the progress store to JSON, and import it back after validating every field.

The import is all-or-nothing: the whole document is checked first, and if anything is
wrong the store is not touched and every problem is reported as `where: what`, e.g.
`reviews[12].rating: 'great' is not one of again/hard/good/easy`.

Hosted mode: an export names its learner (an optional "learner" field; the local export has
none and is unchanged), and an import for a learner refuses a file that names another one.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from simulacro.hosting import LearnerIdError, normalise_learner
from simulacro.model import MAX_QUESTION_NUMBER
from simulacro.safe_file import size_text
from simulacro.store import ProgressStore
from simulacro.store_schema import EXPORT_COMPATIBLE_VERSIONS, RATINGS, SCHEMA_VERSION

FORMAT = "simulacro-progress"
MAX_ERRORS = 50  # report this many problems, then say how many more there were
SECTIONS_OF_FILE = ("cards", "reviews", "bookmarks", "notes", "mock_sessions")
# Caps checked on the raw text before json.loads, whose recursion and int conversion would
# otherwise end in RecursionError / ValueError. An export nests 5 deep and its longest
# number is a float repr (~25 characters).
MAX_IMPORT_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 64
MAX_NUMBER_CHARS = 100
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|[-+.0-9eE]{' + f"{MAX_NUMBER_CHARS + 1},}}")


class ProgressImportError(ValueError):
    """The import document is invalid; `errors` lists every problem found."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        shown = errors[:MAX_ERRORS]
        more = len(errors) - len(shown)
        text = "\n".join(shown) + (f"\n... and {more} more problem(s)" if more else "")
        super().__init__(f"invalid progress file, nothing was imported:\n{text}")


@dataclass(frozen=True)
class ImportSummary:
    cards: int
    reviews: int
    bookmarks: int
    notes: int
    mock_sessions: int

    def __str__(self) -> str:
        return (
            f"{self.reviews} review(s), {self.cards} card(s), {self.bookmarks} bookmark(s), "
            f"{self.notes} note(s), {self.mock_sessions} mock interview(s)"
        )


def export_progress(
    store: ProgressStore, now: datetime | None = None, learner: str | None = None
) -> dict[str, Any]:
    """The whole store as one JSON-ready dict (`learner`: whose it is, hosted mode only)."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    owner = {} if learner is None else {"learner": learner}
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": stamp,
        **owner,
        **store.dump(),
    }


def export_json(
    store: ProgressStore, now: datetime | None = None, learner: str | None = None
) -> str:
    document = export_progress(store, now, learner)
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def import_progress(
    store: ProgressStore, source: str | bytes | dict, learner: str | None = None
) -> ImportSummary:
    """Validate `source` (JSON text or a parsed dict) and replace the store's content.

    `learner`: whose store this is (hosted mode); a file naming another learner is refused.
    Raises ProgressImportError (store untouched) if anything is invalid.
    """
    data = parse_document(source)
    owner_problem = learner_problem(data, learner)
    if owner_problem:
        raise ProgressImportError([owner_problem])
    store.replace_all({name: data[name] for name in SECTIONS_OF_FILE})
    return ImportSummary(*(len(data[name]) for name in SECTIONS_OF_FILE))


def learner_problem(data: dict[str, Any], learner: str | None) -> str | None:
    """Why a valid document may not go into `learner`'s progress, or None.

    A file without a "learner" field goes anywhere; one that names a learner goes only into
    that learner's progress (or into a local, single-user store: `learner` None).
    """
    if learner is None or "learner" not in data:
        return None
    named = normalise_learner(data["learner"])  # validated already
    if named == normalise_learner(learner):
        return None
    return (
        f"learner: this file is the progress of {named!r}, and you are signed in as "
        f"{learner!r}; an import only ever goes into your own progress"
    )


def parse_document(source: str | bytes | dict) -> dict[str, Any]:
    """Decode and validate; returns the document or raises ProgressImportError."""
    if isinstance(source, dict):
        data: Any = source
    else:
        size = len(source)  # characters of text: never more than its UTF-8 bytes
        if size > MAX_IMPORT_BYTES:
            raise ProgressImportError(
                [
                    f"file: {size_text(size)}, over the {size_text(MAX_IMPORT_BYTES)} limit "
                    "of a progress export"
                ]
            )
        try:
            text = source.decode("utf-8") if isinstance(source, bytes) else source
        except UnicodeDecodeError as exc:
            raise ProgressImportError([f"file: not UTF-8 text (byte {exc.start})"]) from exc
        shape_error = _shape_problem(text)
        if shape_error:
            raise ProgressImportError([shape_error])
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProgressImportError(
                [f"file: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"]
            ) from exc
    errors = validate_document(data)
    if errors:
        raise ProgressImportError(errors)
    return data


def _shape_problem(text: str) -> str | None:
    """Nesting deeper than MAX_DEPTH or a number longer than MAX_NUMBER_CHARS, with its place.

    One pass over strings, brackets and over-long number runs only (strings are matched
    whole, so brackets and digits inside them do not count).
    """
    depth = 0
    for token in _TOKENS.finditer(text):
        kind = token.group()[0]
        if kind in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return f"file: {_place(text, token.start())}: nested deeper than {MAX_DEPTH} levels"
        elif kind in "]}":
            depth -= 1
        elif kind == '"':
            if "\\u" in token.group():  # an escape may encode half a character
                bad = _lone_surrogate(token.group())
                if bad:
                    return (
                        f"file: {_place(text, token.start())}: text with the escape {bad}, "
                        "half of a character (a lone UTF-16 surrogate), which cannot be saved"
                    )
        elif kind != '"':
            number = token.group()
            what = (
                f"{len(number.lstrip('-+'))} digits"
                if number.lstrip("-+").isdigit()
                else f"{len(number)} characters"
            )
            return (
                f"file: {_place(text, token.start())}: a number of {what}, longer than the "
                f"{MAX_NUMBER_CHARS} characters a progress export can hold"
            )
    return None


def _lone_surrogate(token: str) -> str | None:
    """`\\udXXX` if the JSON string `token` decodes to a lone surrogate, else None."""
    try:
        json.loads(token).encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"\\u{ord(exc.object[exc.start]):04x}"
    except ValueError:
        return None  # not a valid string: json.loads reports it with its place
    return None


def _place(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    column = index - text.rfind("\n", 0, index)
    return f"line {line}, column {column}"


# --------------------------------------------------------------------------- validation
def validate_document(data: Any) -> list[str]:
    """Every problem in an export document (empty list = valid)."""
    if not isinstance(data, dict):
        return [f"file: expected a JSON object, found {_kind(data)}"]
    errors: list[str] = []
    if data.get("format") != FORMAT:
        errors.append(f"format: expected {FORMAT!r}, found {data.get('format')!r}")
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        errors.append(f"schema_version: expected an integer, found {version!r}")
    elif version != SCHEMA_VERSION and version not in EXPORT_COMPATIBLE_VERSIONS:
        newer = "newer than" if version > SCHEMA_VERSION else "different from"
        errors.append(
            f"schema_version: {version} is {newer} the version this app writes ({SCHEMA_VERSION})"
        )
    for name in SECTIONS_OF_FILE:
        if name not in data:
            errors.append(f"{name}: missing (use [] for none)")
        elif not isinstance(data[name], list):
            errors.append(f"{name}: expected a list, found {_kind(data[name])}")
    if "learner" in data:
        try:
            normalise_learner(data["learner"], where="learner")
        except LearnerIdError as exc:
            errors.append(str(exc))
    known = {"format", "schema_version", "exported_at", "learner", *SECTIONS_OF_FILE}
    unknown = sorted(set(data) - known)
    if unknown:
        errors.append(f"file: unknown key(s) {', '.join(map(repr, unknown))}")
    if errors:
        return errors  # item checks would only add noise when the frame is wrong
    errors += _nul_characters(data)
    errors += _unique_numbers(data["cards"], "cards", _check_card)
    for i, item in enumerate(data["reviews"]):
        errors += _check_review(item, f"reviews[{i}]")
    errors += _duplicated_reviews(data["reviews"])
    errors += _unique_numbers(data["bookmarks"], "bookmarks", _check_bookmark)
    errors += _unique_numbers(data["notes"], "notes", _check_note)
    for i, item in enumerate(data["mock_sessions"]):
        errors += _check_mock(item, f"mock_sessions[{i}]")
    return errors


def _nul_characters(value: Any, where: str = "file") -> list[str]:
    """Every text (or key) holding a NUL character: PostgreSQL cannot store one (SQLite
    can), so a file is refused the same way whichever store it would go into."""
    if isinstance(value, str):
        return [f"{where}: contains a NUL character (\\u0000)"] if "\x00" in value else []
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _nul_characters(item, f"{where}[{i}]")]
    if not isinstance(value, dict):
        return []
    problems: list[str] = []
    for key, item in value.items():
        place = str(key).replace("\x00", "\\u0000")
        place = place if where == "file" else f"{where}.{place}"
        problems += _nul_characters(key, place) + _nul_characters(item, place)
    return problems


def _duplicated_reviews(reviews: list) -> list[str]:
    """The same question reviewed at the same instant twice: a file merged or pasted twice."""
    errors: list[str] = []
    seen: dict[tuple[int, datetime], int] = {}
    for i, item in enumerate(reviews):
        if not isinstance(item, dict) or _check_review(item, ""):
            continue  # already reported
        key = (item["number"], datetime.fromisoformat(item["reviewed_at"]))
        if key in seen:
            errors.append(
                f"reviews[{i}]: the same review as reviews[{seen[key]}] "
                f"(question {key[0]} at {item['reviewed_at']}), listed twice"
            )
        seen.setdefault(key, i)
    return errors


def _unique_numbers(items: list, name: str, check) -> list[str]:
    errors: list[str] = []
    seen: dict[int, int] = {}
    for i, item in enumerate(items):
        where = f"{name}[{i}]"
        errors += check(item, where)
        number = item.get("number") if isinstance(item, dict) else None
        if isinstance(number, int) and not isinstance(number, bool):
            if number in seen:
                errors.append(f"{where}.number: {number} repeats {name}[{seen[number]}]")
            seen.setdefault(number, i)
    return errors


def _object(item: Any, where: str, required: dict[str, str]) -> list[str]:
    if not isinstance(item, dict):
        return [f"{where}: expected an object, found {_kind(item)}"]
    errors = [
        f"{where}.{key}: missing ({what})" for key, what in required.items() if key not in item
    ]
    extra = sorted(set(item) - set(required))
    if extra:
        errors.append(f"{where}: unknown key(s) {', '.join(map(repr, extra))}")
    return errors


def _check_number(value: Any, where: str) -> list[str]:
    if isinstance(value, bool) or not isinstance(value, int):
        return [f"{where}: {value!r} is not an integer question number"]
    if not 1 <= value <= MAX_QUESTION_NUMBER:  # a deck of its own numbers up to 999
        return [f"{where}: {value} is outside 1-{MAX_QUESTION_NUMBER}"]
    return []


def _check_time(value: Any, where: str, optional: bool = False) -> list[str]:
    if value is None and optional:
        return []
    if not isinstance(value, str):
        return [f"{where}: {value!r} is not an ISO 8601 timestamp"]
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return [f"{where}: {value!r} is not an ISO 8601 timestamp"]
    if moment.tzinfo is None:
        return [f"{where}: {value!r} has no time zone (expected UTC, e.g. +00:00)"]
    try:
        moment.astimezone(UTC)  # the store keeps UTC; year 1 at +14:00 is year 0 there
    except OverflowError:
        return [f"{where}: {value!r} is outside the years 1-9999 once converted to UTC"]
    return []


def _check_float(
    value: Any, where: str, optional: bool = False, positive: bool = False
) -> list[str]:
    if value is None and optional:
        return []
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return [f"{where}: {value!r} is not a number"]
    if value < 0 or (positive and value == 0):
        return [f"{where}: {value!r} must be {'positive' if positive else 'non-negative'}"]
    return []


def _check_text(value: Any, where: str) -> list[str]:
    return [] if isinstance(value, str) else [f"{where}: {value!r} is not text"]


def _check_card(item: Any, where: str) -> list[str]:
    errors = _object(item, where, {"number": "question number", "card": "FSRS card"})
    if not isinstance(item, dict):
        return errors
    if "number" in item:
        errors += _check_number(item["number"], f"{where}.number")
    card = item.get("card")
    if "card" not in item:
        return errors
    at = f"{where}.card"
    fields = {
        "card_id": "the question number",
        "state": "1, 2 or 3",
        "step": "integer or null",
        "stability": "number or null",
        "difficulty": "number or null",
        "due": "timestamp",
        "last_review": "timestamp or null",
    }
    errors += _object(card, at, fields)
    if not isinstance(card, dict) or any(key not in card for key in fields):
        return errors
    if card["card_id"] != item.get("number"):
        errors.append(f"{at}.card_id: {card['card_id']!r} must equal the question number")
    if isinstance(card["state"], bool) or card["state"] not in (1, 2, 3):
        errors.append(f"{at}.state: {card['state']!r} is not one of 1/2/3")
    step = card["step"]
    if step is not None and (isinstance(step, bool) or not isinstance(step, int) or step < 0):
        errors.append(f"{at}.step: {step!r} is not a non-negative integer or null")
    elif card["state"] in (1, 3) and step is None:
        errors.append(f"{at}.step: null, but a learning/relearning card (state 1/3) has a step")
    elif card["state"] == 2 and step is not None:
        errors.append(f"{at}.step: {step!r}, but a review card (state 2) has step null")
    errors += _check_float(card["stability"], f"{at}.stability", optional=True, positive=True)
    errors += _check_float(card["difficulty"], f"{at}.difficulty", optional=True, positive=True)
    errors += _check_time(card["due"], f"{at}.due")
    errors += _check_time(card["last_review"], f"{at}.last_review", optional=True)
    return errors


def _check_review(item: Any, where: str) -> list[str]:
    required = {
        "number": "question number",
        "rating": "again/hard/good/easy",
        "duration_s": "seconds",
        "typed_answer": "text",
        "covered": "list of key-point labels",
        "reviewed_at": "timestamp",
        "overrides": "object: key-point label -> true/false (the learner's corrections)",
    }
    errors = _object(item, where, required)
    if not isinstance(item, dict):
        return errors
    if "number" in item:
        errors += _check_number(item["number"], f"{where}.number")
    if "rating" in item and item["rating"] not in RATINGS:
        errors.append(f"{where}.rating: {item['rating']!r} is not one of {'/'.join(RATINGS)}")
    if "duration_s" in item:
        errors += _check_float(item["duration_s"], f"{where}.duration_s")
    if "typed_answer" in item:
        errors += _check_text(item["typed_answer"], f"{where}.typed_answer")
    if "covered" in item:
        covered = item["covered"]
        if not isinstance(covered, list):
            errors.append(f"{where}.covered: expected a list, found {_kind(covered)}")
        else:
            for j, label in enumerate(covered):
                errors += _check_text(label, f"{where}.covered[{j}]")
    if "reviewed_at" in item:
        errors += _check_time(item["reviewed_at"], f"{where}.reviewed_at")
    if "overrides" in item:
        overrides = item["overrides"]
        if not isinstance(overrides, dict):
            errors.append(f"{where}.overrides: expected an object, found {_kind(overrides)}")
        else:
            for label, value in overrides.items():
                if not isinstance(value, bool):
                    errors.append(f"{where}.overrides[{label!r}]: {value!r} is not true or false")
    return errors


def _check_bookmark(item: Any, where: str) -> list[str]:
    errors = _object(item, where, {"number": "question number", "created_at": "timestamp"})
    if isinstance(item, dict):
        if "number" in item:
            errors += _check_number(item["number"], f"{where}.number")
        if "created_at" in item:
            errors += _check_time(item["created_at"], f"{where}.created_at")
    return errors


def _check_note(item: Any, where: str) -> list[str]:
    required = {"number": "question number", "text": "text", "updated_at": "timestamp"}
    errors = _object(item, where, required)
    if isinstance(item, dict):
        if "number" in item:
            errors += _check_number(item["number"], f"{where}.number")
        if "text" in item:
            errors += _check_text(item["text"], f"{where}.text")
            if isinstance(item["text"], str) and not item["text"].strip():
                errors.append(f"{where}.text: empty note (leave it out instead)")
        if "updated_at" in item:
            errors += _check_time(item["updated_at"], f"{where}.updated_at")
    return errors


def _check_mock(item: Any, where: str) -> list[str]:
    errors = _object(item, where, {"saved_at": "timestamp", "report": "report object"})
    if isinstance(item, dict):
        if "saved_at" in item:
            errors += _check_time(item["saved_at"], f"{where}.saved_at")
        if "report" in item and not isinstance(item["report"], dict):
            errors.append(f"{where}.report: expected an object, found {_kind(item['report'])}")
    return errors


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)
