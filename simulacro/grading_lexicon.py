"""The grader's concept lexicon (`simulacro/lexicon.yaml`): loading and validation.

The file is meant to be edited by hand (format at its top). It holds:
- `stopwords`: words that carry no content and are ignored on both sides;
- `numbers`: number words and the digits they stand for ("cero": 0, "five": 5);
- `terms`: single words specific enough to cover a key point on their own ("smote");
  any other single common word cannot (a bare "rollback" is not "rollback with undo");
- `concepts`: groups of equivalent expressions, ES and EN ("sobreajuste", "overfitting",
  "se ajusta al ruido"): an answer using any of them matches a key phrase using another;
  a concept is specific, so one alone may cover a point;
- `negations`: words that, just before a match, say the answer rejects the idea ("no",
  "nunca", "en vez de"): "ya no hace falta sMAPE" does not cover "use sMAPE";
- `not_negations`: expressions that contain a negation but do not reject ("para no
  dividir por cero" is a purpose);
- `privatives`: words that deny only the word right after them ("sin", "without"): "sin
  subcomandos" does not cover "subcomandos"; unlike a negation they reach no further, since
  "sin acoplarlo, la URI viene de variables de entorno" still states the URI's source;
- `framings`: words that, just before a key point's contradiction, say the answer describes
  the mistake rather than makes it ("avoids the common mistake of oversampling before the
  split", "fuga cuando ajusto el scaler sobre el dataset completo");
- `polarity`: words that give a claim its direction ("más", "antes", "nunca", "less"): a
  long key phrase may be found with one word missing, but never this one;
- `ordered`: relation words whose next word in a key phrase must follow them in the answer
  ("split antes de fit": "antes de cualquier fit, split" counts, "fit ... antes del split"
  does not);
- `rivals`: groups of entities that answers confuse with each other ("liveness" /
  "readiness", "requests" / "limits"), each entity as its spellings joined by "|": a match
  for a point that names one of them does not count when the nearest entity of the group in
  the same sentence is another one ("el readiness reinicia el contenedor");
- `synonyms`: groups of everyday words that mean the same ("eliminar", "quitar", "drop"):
  matched like concepts, but a bare synonym never covers a point on its own.

Like the answer key, loading never raises on bad content: every problem is a
`Problem(file, line, message)` and whatever is valid is still used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from simulacro.grading_text import fold, tokenize
from simulacro.model import Problem

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = Path(__file__).resolve().parent / "lexicon.yaml"
_SECTIONS = (
    "stopwords",
    "numbers",
    "terms",
    "negations",
    "not_negations",
    "privatives",
    "framings",
    "polarity",
    "ordered",
    "rivals",
    "concepts",
    "synonyms",
)
_NULL_TAG = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class Concept:
    name: str
    terms: tuple[tuple[str, ...], ...]  # each term as its folded content words
    line: int = field(default=0, compare=False)
    specific: bool = True  # False for a group of `synonyms`


@dataclass(frozen=True, eq=False)  # identity hash: the grader caches per lexicon
class Lexicon:
    stopwords: frozenset[str] = frozenset()
    numbers: tuple[tuple[str, str], ...] = ()  # (folded word, digits)
    terms: frozenset[str] = frozenset()  # folded single words
    negations: tuple[tuple[str, ...], ...] = ()  # folded words of each negation
    not_negations: tuple[tuple[str, ...], ...] = ()  # "para no": a purpose, not a denial
    concepts: tuple[Concept, ...] = ()
    polarity: frozenset[str] = frozenset()  # folded words that give a claim its direction
    # Each group: its entities, each as the folded spellings that name it.
    rivals: tuple[tuple[frozenset[str], ...], ...] = ()
    ordered: frozenset[str] = frozenset()  # "antes", "after": the word after them follows them
    privatives: frozenset[str] = frozenset()  # "sin", "without": deny the next word only
    # "cuando", "mistake", "avoid": a contradiction right after one is described, not claimed
    framings: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = field(default=(), compare=False)

    @property
    def number_map(self) -> dict[str, str]:
        return dict(self.numbers)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _scalars(node: yaml.Node, where: str, problems: list[Problem], file: str) -> list[str]:
    """The text items of a YAML list node (bad items reported and skipped)."""
    if not isinstance(node, yaml.SequenceNode):
        problems.append(Problem(file, _line(node), f"{where} must be a list"))
        return []
    out = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or item.tag == _NULL_TAG or not item.value.strip():
            problems.append(Problem(file, _line(item), f"{where}: an item must be non-empty text"))
        else:
            out.append(item.value.strip())
    return out


def parse_lexicon_text(text: str, file: str = "simulacro/lexicon.yaml") -> Lexicon:
    """Parse the lexicon; problems are reported against `file` with their line."""
    problems: list[Problem] = []
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return Lexicon(problems=(Problem(file, line, f"malformed YAML: {reason}"),))
    if root is None:
        return Lexicon(problems=(Problem(file, 1, "the lexicon is empty"),))
    if not isinstance(root, yaml.MappingNode):
        return Lexicon(
            problems=(
                Problem(file, _line(root), f"the top level must be a mapping of {_SECTIONS}"),
            )
        )
    stopwords: set[str] = set()
    numbers: dict[str, str] = {}
    terms: set[str] = set()
    polarity: set[str] = set()
    ordered: set[str] = set()
    privatives: set[str] = set()
    framings: set[str] = set()
    rivals: list[tuple[frozenset[str], ...]] = []
    negations: list[tuple[str, ...]] = []
    not_negations: list[tuple[str, ...]] = []
    concepts: list[Concept] = []

    def order(item: tuple[yaml.Node, yaml.Node]) -> int:
        # Stop words first: concept terms are tokenised without them.
        name = getattr(item[0], "value", None)
        return _SECTIONS.index(name) if name in _SECTIONS else -1

    for key_node, value in sorted(root.value, key=order):
        name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if name not in _SECTIONS:
            problems.append(
                Problem(file, _line(key_node), f"unknown section {name!r} (expected {_SECTIONS})")
            )
        elif name == "stopwords":
            stopwords |= {fold(w) for w in _scalars(value, "stopwords", problems, file)}
        elif name in ("terms", "polarity", "ordered", "privatives", "framings"):
            target_words = {
                "terms": terms,
                "polarity": polarity,
                "ordered": ordered,
                "privatives": privatives,
                "framings": framings,
            }[name]
            for word in _scalars(value, name, problems, file):
                if len(word.split()) != 1:
                    problems.append(
                        Problem(file, _line(value), f"{name}: {word!r} must be a single word")
                    )
                target_words.add(fold(word))
        elif name in ("negations", "not_negations"):
            target = negations if name == "negations" else not_negations
            for expression in _scalars(value, name, problems, file):
                target.append(
                    tuple(fold(w) for w in re.findall(r"[^\W_]+(?:'[^\W_]+)?", expression))
                )
        elif name == "numbers":
            if not isinstance(value, yaml.MappingNode):
                problems.append(
                    Problem(file, _line(value), "numbers must be a mapping word: digits")
                )
                continue
            for word_node, digits_node in value.value:
                digits = getattr(digits_node, "value", "")
                if not isinstance(digits_node, yaml.ScalarNode) or not str(digits).isdigit():
                    problems.append(
                        Problem(
                            file,
                            _line(digits_node),
                            f"numbers: {word_node.value!r} must map to digits",
                        )
                    )
                    continue
                numbers[fold(str(word_node.value))] = str(digits)
        elif name == "rivals":
            if not isinstance(value, yaml.MappingNode):
                problems.append(
                    Problem(file, _line(value), "rivals must be a mapping name: [entities]")
                )
                continue
            for group_node, entities_node in value.value:
                where = f"rival group {group_node.value!r}"
                entities = [
                    frozenset(fold(w.strip()) for w in entity.split("|") if w.strip())
                    for entity in _scalars(entities_node, where, problems, file)
                ]
                entities = [e for e in entities if e]
                if len(entities) < 2:
                    problems.append(
                        Problem(file, _line(group_node), f"{where} needs at least two entities")
                    )
                    continue
                rivals.append(tuple(entities))
        else:  # concepts and synonyms
            if not isinstance(value, yaml.MappingNode):
                problems.append(
                    Problem(file, _line(value), f"{name} must be a mapping name: [terms]")
                )
                continue
            for concept_node, terms_node in value.value:
                concept = str(concept_node.value)
                where = f"{name[:-1]} {concept!r}"
                words = []
                for term in _scalars(terms_node, where, problems, file):
                    content = tuple(t.folded for t in tokenize(term, frozenset(stopwords)))
                    if not content:
                        problems.append(
                            Problem(
                                file, _line(terms_node), f"{where}: {term!r} has no content word"
                            )
                        )
                    else:
                        words.append(content)
                if len(words) < 2:
                    problems.append(
                        Problem(file, _line(concept_node), f"{where} needs at least two terms")
                    )
                if words:
                    concepts.append(
                        Concept(concept, tuple(words), _line(concept_node), name == "concepts")
                    )
    return Lexicon(
        frozenset(stopwords),
        tuple(sorted(numbers.items())),
        frozenset(terms),
        tuple(n for n in negations if n),
        tuple(n for n in not_negations if n),
        tuple(concepts),
        frozenset(polarity),
        tuple(rivals),
        frozenset(ordered),
        frozenset(privatives),
        frozenset(framings),
        tuple(problems),
    )


def _label_for(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def load_lexicon(path: Path | str | None = None) -> Lexicon:
    """Read and parse the lexicon file (default: the shipped one). Never raises."""
    path = Path(path) if path is not None else DEFAULT_PATH
    label = _label_for(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        return Lexicon(problems=(Problem(label, 0, f"cannot read the lexicon: {exc}"),))
    except UnicodeDecodeError:
        return Lexicon(problems=(Problem(label, 1, "the lexicon is not valid UTF-8"),))
    return parse_lexicon_text(text, label)


@cache
def default_lexicon() -> Lexicon:
    """The shipped lexicon, read once per process."""
    return load_lexicon()
