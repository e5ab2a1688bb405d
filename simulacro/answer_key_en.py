"""The English companion of the answer key (`answers.en.yaml`).

Per question: the English label of each key point (same order and count as
`answers.yaml`) and the follow-ups in English. The accepted phrases stay in
`answers.yaml` (they are bilingual), so `localize_key` gives a key whose points read in
English and grade exactly as the Spanish ones do. Format in questions/README.md.

Never raises on bad content: every problem is a `Problem(file, line, message)`; an entry
that does not line up with `answers.yaml` is reported and left out (that question then
shows its Spanish labels).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from simulacro.answer_key import AnswerKey, KeyEntry
from simulacro.model import Problem
from simulacro.safe_file import UnreadableFile, read_capped

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EN_PATH = ROOT / "answers.en.yaml"
MAX_BYTES = 4 * 1024 * 1024
LANGUAGES = ("es", "en")  # the content languages; "es" is the original


@dataclass(frozen=True)
class EnglishEntry:
    number: int
    labels: tuple[str, ...]
    follow_ups: tuple[str, ...]
    line: int = 0


@dataclass
class EnglishKey:
    entries: dict[int, EnglishEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    file: str = "answers.en.yaml"


def _texts(node: yaml.Node | None) -> list[str] | None:
    """The non-empty strings of a YAML list node, or None if it is not such a list."""
    if not isinstance(node, yaml.SequenceNode):
        return None
    texts = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
            return None
        texts.append(item.value.strip())
    return texts


def parse_english_key(text: str, base: AnswerKey, label: str = "answers.en.yaml") -> EnglishKey:
    """Parse `answers.en.yaml` text and check it lines up with the Spanish key `base`."""
    key = EnglishKey(file=label)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(error, "problem", None) or "invalid YAML"
        key.problems.append(Problem(label, line, f"malformed YAML: {reason}"))
        return key
    if root is None:
        return key
    if not isinstance(root, yaml.MappingNode):
        key.problems.append(Problem(label, 1, "the top level must map question numbers"))
        return key
    seen: set[int] = set()
    for number_node, entry_node in root.value:
        line = number_node.start_mark.line + 1
        try:
            number = int(number_node.value)
        except (TypeError, ValueError):
            key.problems.append(Problem(label, line, f"question number {number_node.value!r}"))
            continue
        seen.add(number)
        spanish = base.entries.get(number)
        if spanish is None:
            key.problems.append(
                Problem(label, line, f"question {number} has no entry in {base.file}")
            )
            continue
        if number in key.entries:
            key.problems.append(Problem(label, line, f"duplicate question number {number}"))
            continue
        fields = (
            {k.value: v for k, v in entry_node.value}
            if isinstance(entry_node, yaml.MappingNode)
            else {}
        )
        labels = _texts(fields.get("key_points"))
        follow_ups = _texts(fields.get("follow_ups"))
        if labels is None or follow_ups is None:
            key.problems.append(
                Problem(
                    label,
                    line,
                    f"question {number}: expected key_points and follow_ups, "
                    "each a list of English texts",
                )
            )
            continue
        if len(labels) != len(spanish.key_points):
            key.problems.append(
                Problem(
                    label,
                    line,
                    f"question {number}: {len(labels)} key point label(s), "
                    f"{base.file} has {len(spanish.key_points)}",
                )
            )
            continue
        if len(follow_ups) != len(spanish.follow_ups):
            key.problems.append(
                Problem(
                    label,
                    line,
                    f"question {number}: {len(follow_ups)} follow-up(s), "
                    f"{base.file} has {len(spanish.follow_ups)}",
                )
            )
            continue
        key.entries[number] = EnglishEntry(number, tuple(labels), tuple(follow_ups), line)
    for number in sorted(set(base.entries) - seen):
        key.problems.append(
            Problem(label, 0, f"question {number} has no English entry (its {base.file} has one)")
        )
    return key


def load_english_key(base: AnswerKey, path: Path | str | None = None) -> EnglishKey:
    """Load `answers.en.yaml` (default: at the repo root) against the Spanish key."""
    path = Path(path) if path is not None else DEFAULT_EN_PATH
    label = path.name
    try:
        raw = read_capped(path, MAX_BYTES)
    except UnreadableFile as error:
        return EnglishKey(problems=[Problem(label, 0, error.reason)], file=label)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return EnglishKey(problems=[Problem(label, line, "not valid UTF-8")], file=label)
    return parse_english_key(text, base, label)


def localize_entry(entry: KeyEntry, english: EnglishKey) -> KeyEntry:
    """`entry` with English labels and follow-ups (same phrases), if it has a translation."""
    translated = english.entries.get(entry.number)
    if translated is None:
        return entry
    points = tuple(
        replace(point, label=label)
        for point, label in zip(entry.key_points, translated.labels, strict=True)
    )
    return replace(entry, key_points=points, follow_ups=translated.follow_ups)


def localize_key(key: AnswerKey, english: EnglishKey, lang: str) -> AnswerKey:
    """The answer key in `lang`: Spanish as is; English labels and follow-ups for "en"."""
    if lang != "en":
        return key
    entries = {number: localize_entry(entry, english) for number, entry in key.entries.items()}
    return AnswerKey(entries=entries, problems=key.problems + english.problems, file=key.file)
