"""The self-quiz answer key (`answers.yaml`): loading and validation.

`answers.yaml` maps a question number to the key points a strong answer must mention
(each with a short label and accepted phrasings) and the follow-up questions an
interviewer would ask next (format: INTERFACES.md).

The loader never raises on bad content. Every problem becomes a `Problem(file, line,
message)` with the real line in the file (we walk the `yaml.compose` node tree, which keeps
the marks that `yaml.safe_load` throws away). What is valid is still returned:
- an entry whose number is unknown, duplicated or not an integer is dropped;
- an invalid key point or follow-up is dropped, the rest of its entry is kept;
- an entry with no valid key point left is dropped;
- a count out of range (3-6 key points, >= 1 follow-up, >= 2 scored points) is reported,
  the entry is kept.

A key point marked `detail: true` is a fact about this portfolio's own implementation (a
chosen value, a helper's name, the project's history) that an excellent answer written from
the prompt alone would not state: the quiz shows it, but it does not count in the coverage
(`simulacro.grading.coverage_of`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from simulacro.grading import normalize
from simulacro.model import MAX_QUESTION_NUMBER, TOTAL_QUESTIONS, Problem
from simulacro.safe_file import UnreadableFile, read_capped

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = ROOT / "answers.yaml"
MAX_ANSWER_KEY_BYTES = 8 * 1024 * 1024  # 115 entries are ~150 KB; a cap, not a budget

MIN_KEY_POINTS = 3
MAX_KEY_POINTS = 6
MIN_FOLLOW_UPS = 1
MIN_SCORED_POINTS = 2  # points that are not `detail`: what the coverage is made of

_INT_TAG = "tag:yaml.org,2002:int"
_NULL_TAG = "tag:yaml.org,2002:null"
_ENTRY_KEYS = ("key_points", "follow_ups")
_POINT_KEYS = ("label", "phrases", "detail", "contradictions")
_BOOL_TAG = "tag:yaml.org,2002:bool"


@dataclass(frozen=True)
class KeyPoint:
    """One thing a good answer must mention; any of `phrases` appearing covers it."""

    label: str
    phrases: tuple[str, ...]
    line: int = field(default=0, compare=False)
    detail: bool = False  # a project detail: shown, found, but not part of the coverage
    # Claims that state the point's opposite ("escalo todo el dataset antes del split"): an
    # answer that affirms one does not cover the point, whatever else it says.
    contradictions: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeyEntry:
    """The key of one question."""

    number: int
    key_points: tuple[KeyPoint, ...]
    follow_ups: tuple[str, ...]
    line: int = field(default=0, compare=False)


@dataclass
class AnswerKey:
    """Valid entries by question number, plus every problem found in the file."""

    entries: dict[int, KeyEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    file: str = "answers.yaml"

    def get(self, number: int) -> KeyEntry | None:
        return self.entries.get(number)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _NULL_TAG:
        return "empty"
    return f"{node.value!r}"


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG


class _Parser:
    def __init__(self, file_label: str, valid_numbers: Iterable[int] | None) -> None:
        self.file = file_label
        self.valid = set(valid_numbers) if valid_numbers is not None else None
        self.key = AnswerKey(file=file_label)

    def problem(self, line: int, message: str) -> None:
        self.key.problems.append(Problem(self.file, line, message))

    # -- top level -----------------------------------------------------------------------
    def parse(self, text: str) -> AnswerKey:
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line = mark.line + 1 if mark is not None else 1
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self.problem(line, f"malformed YAML: {problem}")
            return self.key
        if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == _NULL_TAG):
            self.problem(1, "the answer key is empty (expected a mapping: number -> entry)")
            return self.key
        if not isinstance(root, yaml.MappingNode):
            self.problem(
                _line(root),
                f"the top level must be a mapping of question numbers, got {_describe(root)}",
            )
            return self.key
        first_line: dict[int, int] = {}
        for key_node, value_node in root.value:
            number = self.number(key_node)
            if number is None:
                continue
            if number in first_line:
                self.problem(
                    _line(key_node),
                    f"duplicate question number {number} (first defined at line "
                    f"{first_line[number]})",
                )
                continue
            first_line[number] = _line(key_node)
            entry = self.entry(number, key_node, value_node)
            if entry is not None:
                self.key.entries[number] = entry
        return self.key

    def number(self, node: yaml.Node) -> int | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != _INT_TAG:
            self.problem(_line(node), f"question number must be an integer, got {_describe(node)}")
            return None
        try:
            number = int(node.value.replace("_", ""), 0)
        except ValueError:
            self.problem(_line(node), f"question number must be an integer, got {node.value!r}")
            return None
        # A deck of its own (valid_numbers given) may number beyond the built-in 115.
        upper = TOTAL_QUESTIONS if self.valid is None else MAX_QUESTION_NUMBER
        if not 1 <= number <= upper:
            self.problem(_line(node), f"unknown question number {number} (must be 1-{upper})")
            return None
        if self.valid is not None and number not in self.valid:
            self.problem(_line(node), f"unknown question number {number} (no such question)")
            return None
        return number

    # -- one question --------------------------------------------------------------------
    def entry(self, number: int, key_node: yaml.Node, node: yaml.Node) -> KeyEntry | None:
        where = f"question {number}"
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                _line(node),
                f"{where}: expected a mapping with key_points and follow_ups, "
                f"got {_describe(node)}",
            )
            return None
        fields: dict[str, yaml.Node] = {}
        for k, v in node.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else None
            if name not in _ENTRY_KEYS:
                self.problem(
                    _line(k),
                    f"{where}: unknown key {name or _describe(k)!r} "
                    f"(expected {', '.join(_ENTRY_KEYS)})",
                )
                continue
            if name in fields:
                self.problem(_line(k), f"{where}: duplicate key {name!r}")
                continue
            fields[name] = v

        points: list[KeyPoint] = []
        points_node = fields.get("key_points")
        if points_node is None or _is_null(points_node):
            self.problem(
                _line(key_node),
                f"{where}: no key points (expected {MIN_KEY_POINTS}-{MAX_KEY_POINTS})",
            )
        elif not isinstance(points_node, yaml.SequenceNode):
            self.problem(
                _line(points_node),
                f"{where}: key_points must be a list, got {_describe(points_node)}",
            )
        else:
            seen: dict[str, int] = {}
            for item in points_node.value:
                point = self.key_point(where, item)
                if point is None:
                    continue
                folded = point.label.casefold()
                if folded in seen:
                    self.problem(
                        point.line,
                        f"{where}: duplicate key point label {point.label!r} "
                        f"(first at line {seen[folded]})",
                    )
                    continue
                seen[folded] = point.line
                points.append(point)
            count = len(points_node.value)
            if count < MIN_KEY_POINTS or count > MAX_KEY_POINTS:
                self.problem(
                    _line(points_node),
                    f"{where}: {count} key points, expected {MIN_KEY_POINTS}-{MAX_KEY_POINTS}",
                )
            scored = sum(1 for point in points if not point.detail)
            if scored < MIN_SCORED_POINTS and any(point.detail for point in points):
                self.problem(
                    _line(points_node),
                    f"{where}: {scored} scored key point(s) (not `detail: true`), "
                    f"expected at least {MIN_SCORED_POINTS}",
                )

        follow_ups: list[str] = []
        follow_node = fields.get("follow_ups")
        if follow_node is None or _is_null(follow_node):
            self.problem(_line(key_node), f"{where}: no follow-up question")
        elif not isinstance(follow_node, yaml.SequenceNode):
            self.problem(
                _line(follow_node),
                f"{where}: follow_ups must be a list of questions, got {_describe(follow_node)}",
            )
        else:
            for item in follow_node.value:
                if not isinstance(item, yaml.ScalarNode) or item.tag == _NULL_TAG:
                    self.problem(
                        _line(item), f"{where}: a follow-up must be text, got {_describe(item)}"
                    )
                elif not item.value.strip():
                    self.problem(_line(item), f"{where}: empty follow-up question")
                else:
                    follow_ups.append(item.value.strip())
            if len(follow_ups) < MIN_FOLLOW_UPS and not follow_node.value:
                self.problem(_line(follow_node), f"{where}: no follow-up question")

        if not points:
            return None
        return KeyEntry(number, tuple(points), tuple(follow_ups), _line(key_node))

    # -- one key point -------------------------------------------------------------------
    def key_point(self, where: str, node: yaml.Node) -> KeyPoint | None:
        line = _line(node)
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                line,
                f"{where}: a key point must be a mapping with label and phrases, "
                f"got {_describe(node)}",
            )
            return None
        fields: dict[str, yaml.Node] = {}
        for k, v in node.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else None
            if name not in _POINT_KEYS:
                self.problem(
                    _line(k),
                    f"{where}: unknown key {name or _describe(k)!r} in a key point "
                    f"(expected {', '.join(_POINT_KEYS)})",
                )
                continue
            fields[name] = v
        ok = True
        label = ""
        label_node = fields.get("label")
        if label_node is None:
            self.problem(line, f"{where}: empty key point: no label")
            ok = False
        elif not isinstance(label_node, yaml.ScalarNode) or label_node.tag == _NULL_TAG:
            self.problem(
                _line(label_node),
                f"{where}: empty key point: label must be text, got {_describe(label_node)}",
            )
            ok = False
        elif not label_node.value.strip():
            self.problem(_line(label_node), f"{where}: empty key point: blank label")
            ok = False
        else:
            label = label_node.value.strip()

        shown = f" {label!r}" if label else ""
        phrases_node = fields.get("phrases")
        if phrases_node is None:
            self.problem(line, f"{where}: empty key point{shown}: no phrases")
            ok = False
            phrases: list[str] = []
        else:
            phrases, listed = self.phrase_list(where, shown, "phrases", phrases_node)
            ok = ok and listed
            if listed and not phrases:
                self.problem(_line(phrases_node), f"{where}: empty key point{shown}: no phrases")
                ok = False
        contradictions: list[str] = []
        contradictions_node = fields.get("contradictions")
        if contradictions_node is not None:
            contradictions, listed = self.phrase_list(
                where, shown, "contradictions", contradictions_node
            )
            ok = ok and listed
        detail = False
        detail_node = fields.get("detail")
        if detail_node is not None:
            if isinstance(detail_node, yaml.ScalarNode) and detail_node.tag == _BOOL_TAG:
                detail = detail_node.value.lower() in ("true", "yes", "on")
            else:
                self.problem(
                    _line(detail_node),
                    f"{where}: key point{shown}: detail must be true or false, "
                    f"got {detail_node.value!r}"
                    if isinstance(detail_node, yaml.ScalarNode)
                    else f"{where}: key point{shown}: detail must be true or false, "
                    f"got {_describe(detail_node)}",
                )
                ok = False
        if not ok:
            return None
        return KeyPoint(label, tuple(phrases), line, detail, tuple(contradictions))

    def phrase_list(
        self, where: str, shown: str, field_name: str, node: yaml.Node
    ) -> tuple[list[str], bool]:
        """The texts of a list of phrases, and whether every item was valid."""
        if not isinstance(node, yaml.SequenceNode):
            self.problem(
                _line(node),
                f"{where}: key point{shown}: {field_name} must be a list, got {_describe(node)}",
            )
            return [], False
        texts: list[str] = []
        ok = True
        for item in node.value:
            # Any scalar is accepted as its source text, so `0.3` and "0.3" are the same.
            if not isinstance(item, yaml.ScalarNode) or item.tag == _NULL_TAG:
                self.problem(
                    _line(item),
                    f"{where}: key point{shown}: a phrase must be text, got {_describe(item)}",
                )
                ok = False
            elif not normalize(item.value):
                # A phrase with no letters/digits normalises to "" and would match
                # any (even empty) answer.
                self.problem(
                    _line(item),
                    f"{where}: key point{shown}: empty phrase {item.value!r} "
                    "(no letters or digits, it could never match)",
                )
                ok = False
            else:
                texts.append(item.value.strip())
        return texts, ok


def parse_answer_key_text(
    text: str, file_label: str = "answers.yaml", valid_numbers: Iterable[int] | None = None
) -> AnswerKey:
    """Parse the text of an answer key; problems are reported against `file_label`."""
    return _Parser(file_label, valid_numbers).parse(text)


def _label_for(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def load_answer_key(
    path: Path | str | None = None, valid_numbers: Iterable[int] | None = None
) -> AnswerKey:
    """Load `answers.yaml` (default: at the repo root). Never raises on bad content.

    `valid_numbers` (e.g. the numbers of the loaded bank) narrows the accepted numbers;
    without it any number 1-115 is accepted.
    """
    path = Path(path) if path is not None else DEFAULT_PATH
    label = _label_for(path)
    try:
        raw = read_capped(path, MAX_ANSWER_KEY_BYTES)
    except UnreadableFile as exc:
        reason = "answer key file not found" if exc.reason == "file not found" else exc.reason
        return AnswerKey(problems=[Problem(label, 0, reason)], file=label)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return AnswerKey(problems=[Problem(label, line, "not valid UTF-8")], file=label)
    return parse_answer_key_text(text, label, valid_numbers)
