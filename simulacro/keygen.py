"""Generate a self-quiz answer key for imported questions from the answers' own structure.

An imported document has model answers but no `answers.yaml`. The key points are taken
from what the author stressed: **bold terms**, list items, first cells of table rows,
identifiers of the code (`inline code`, `def` and `class` names), and, when that is not
enough, the answer's longest distinct words. Each point gets paraphrases (without the
parenthesis, the acronym alone, CamelCase split, the head of a long label, a word with its
neighbour, a few Spanish <-> English equivalents; the grader adds stems, typos and its
concept lexicon) so a learner's own wording can count. A point is kept only if the grader
finds it in the question's own answer (prompt echoes and bare common words do not count),
so a generated key always validates.
"""

from __future__ import annotations

import re

import yaml

from simulacro.answer_key import MAX_KEY_POINTS, MIN_KEY_POINTS, KeyEntry, KeyPoint
from simulacro.grading import grade, model_answer_text, normalize
from simulacro.model import Question
from simulacro.repair import code_blocks

MAX_LABEL_WORDS = 6
MIN_PHRASE_CHARS = 3
CANDIDATE_POOL = 40  # the first covered ones become the key
GRADE_BATCH = 9

_BOLD = re.compile(r"\*\*([^*\n]{2,80}?)\*\*")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,2}[.)])\s+(.+)$")
_TABLE_ROW = re.compile(r"^\s*\|([^|]+)\|")
_INLINE_CODE = re.compile(r"`([^`\n]{2,60})`")
_DEFINITION = re.compile(r"^\s*(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w{2,})")
_IDENTIFIER = re.compile(r"^[A-Za-z_][\w.]*(?:\(\))?$")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)")
_WORD = re.compile(r"[^\W\d_][\w]*", re.UNICODE)

STOPWORDS = frozenset(
    "a al algo ante antes asi como con cada cual cuando de del desde donde dos el ella en "
    "entre era es esa ese eso esta este esto estos hay la las le lo los mas me mi muy no "
    "nos o otra otro para pero por que se si sin sobre solo son su sus tambien tiene todo "
    "tu un una uno unos y ya the of to and in is for on with by an or be it as at this that "
    "from are".split()
)
# A few Spanish <-> English equivalents (normalised), so either language counts.
EQUIVALENTS: tuple[tuple[str, str], ...] = (
    ("sobreajuste", "overfitting"),
    ("regularizacion", "regularization"),
    ("validacion cruzada", "cross validation"),
    ("desbalance", "imbalance"),
    ("metrica", "metric"),
    ("metricas", "metrics"),
    ("prueba", "test"),
    ("pruebas", "tests"),
    ("despliegue", "deployment"),
    ("umbral", "threshold"),
    ("semilla", "seed"),
    ("reproducible", "reproducible"),
    ("imputacion", "imputation"),
    ("mediana", "median"),
    ("rendimiento", "performance"),
    ("seguridad", "security"),
    ("inmutable", "immutable"),
    ("mutable", "mutable"),
    ("legibilidad", "readability"),
    ("rama", "branch"),
    ("ramas", "branches"),
    ("entorno virtual", "virtual environment"),
    ("configuracion", "configuration"),
    ("version", "version"),
    ("registro", "logging"),
    ("excepcion", "exception"),
)


def _clean(text: str) -> str:
    text = re.sub(r"[*`_]{1,3}", "", text).strip()
    return text.rstrip(":;,.").strip()


def _head(text: str) -> str:
    """The lead of a list item: up to its first ':' / ',' / ' - ', a few words, without
    leading articles or trailing small words ("un R² cercano a 1 en" -> "R² cercano a 1")."""
    text = _clean(re.split(r":\s|,\s|\s[-–—]\s|\.\s", text, maxsplit=1)[0])
    words = text.split()[:MAX_LABEL_WORDS]
    while words and normalize(words[0]) in STOPWORDS:
        words.pop(0)
    while words and normalize(words[-1]) in STOPWORDS:
        words.pop()
    return " ".join(words)


def _prose_and_code(answer: str) -> tuple[list[str], list[str]]:
    lines = answer.split("\n")
    in_code = [False] * len(lines)
    for block in code_blocks(lines):
        for index in range(block.start, block.end + 1):
            in_code[index] = True
    prose = [line for line, code in zip(lines, in_code, strict=True) if not code]
    code = [line for line, code in zip(lines, in_code, strict=True) if code]
    return prose, code


def candidates(answer: str) -> list[str]:
    """Key-point labels in order of preference (the author's emphasis first)."""
    prose, code = _prose_and_code(answer)
    found: list[str] = []
    for line in prose:
        for term in _BOLD.finditer(line):
            if term.group(1).rstrip().endswith(":"):  # "**Regla:** ..." labels what follows
                found.append(_head(line[term.end() :]))
            else:
                found.append(_clean(term.group(1)))
    for line in prose:
        item = _LIST_ITEM.match(line)
        if item and "**" not in item.group(1):
            found.append(_head(item.group(1)))
    for index, line in enumerate(prose):
        row = _TABLE_ROW.match(line)
        is_header = index + 1 < len(prose) and set(prose[index + 1].strip()) <= set("|-: ")
        if row and not is_header and not set(row.group(1).strip()) <= set("-: "):
            found.append(_clean(row.group(1)))
    found += [
        _clean(span)
        for span in _INLINE_CODE.findall("\n".join(prose))
        if _IDENTIFIER.match(span.strip())
    ]
    found += [match.group(1) for match in map(_DEFINITION.match, code) if match]
    return [label for label in found if not normalize(label).replace(" ", "").isdigit()]


def _salient_words(text: str) -> list[str]:
    """Longest distinct content words of a text as written, longest first (a last resort)."""
    words: dict[str, str] = {}
    for word in _WORD.findall(text):
        folded = normalize(word)
        if folded and folded not in STOPWORDS and not folded.isdigit():
            words.setdefault(folded, word)
    ordered = list(words.values())
    return sorted(ordered, key=lambda word: (-len(word), ordered.index(word)))


def paraphrases(label: str) -> list[str]:
    """Accepted phrasings of a label: itself plus simpler or translated forms."""
    forms = [label]
    without = _PARENTHESIS.sub("", label).strip()
    if without and without != label:
        forms.append(without)
    forms += [inner.strip() for inner in _PARENTHESIS.findall(label) if inner.strip()]
    for form in list(forms):
        split = _CAMEL.sub(" ", form)
        if split != form:
            forms.append(split)
    base = normalize(without or label)
    words = base.split()
    if len(words) > 3:  # the head of a long label: "columnas derivadas del target" -> 2 words
        head = words[:3]
        while head and head[-1] in STOPWORDS:
            head.pop()
        if len(head) >= 2:
            forms.append(" ".join(head))
    for spanish, english in EQUIVALENTS:
        for source, target in ((spanish, english), (english, spanish)):
            if f" {source} " in f" {base} " and source != target:
                forms.append(f" {base} ".replace(f" {source} ", f" {target} ").strip())
    phrases: list[str] = []
    seen: set[str] = set()
    for form in forms:
        folded = normalize(form)
        if len(folded) < MIN_PHRASE_CHARS or folded in STOPWORDS or folded in seen:
            continue
        seen.add(folded)
        phrases.append(form.strip())
    return phrases


def _follow_ups(question: Question, labels: list[str]) -> tuple[str, ...]:
    return (
        f"¿Qué alternativa a «{labels[0]}» considerarías y por qué la descartarías?",
        f"¿Cómo explicarías «{question.title}» a alguien de negocio en dos frases?",
    )


def _in_context(label: str, answer_words: list[str]) -> list[str]:
    """A one-word label with its neighbours in the answer ("lista" -> "lista mutable"), since
    the grader does not let a bare common word stand for a whole point."""
    folded = normalize(label)
    if " " in folded:
        return []
    pairs: list[str] = []
    for index, word in enumerate(answer_words):
        if word != folded:
            continue
        after = next((w for w in answer_words[index + 1 :] if w not in STOPWORDS), None)
        before = next((w for w in reversed(answer_words[:index]) if w not in STOPWORDS), None)
        pairs += [f"{folded} {after}" if after else "", f"{before} {folded}" if before else ""]
        break
    return [pair for pair in pairs if pair]


def _same_point(folded: str, other: str) -> bool:
    """'validacion' repeats 'validacion cruzada'; 'responsabilidad' repeats 'responsabilidades'."""
    if f" {folded} " in f" {other} " or f" {other} " in f" {folded} ":
        return True
    if " " in folded or " " in other:
        return False
    stem = min(len(folded), len(other)) - 2
    return stem >= 5 and folded[:stem] == other[:stem]


def generate_entry(question: Question) -> KeyEntry | None:
    """3-6 key points that the question's own answer covers (graded as a learner's answer
    would be), and two follow-ups; None when the answer is too thin for three."""
    model_text = model_answer_text(question)
    answer_words = normalize(question.answer).split()
    pool: list[KeyPoint] = []
    seen: set[str] = set()
    labels = candidates(question.answer) + _salient_words(question.answer)
    for label in labels + _salient_words(question.prompt):
        folded = normalize(label)
        if len(folded) < MIN_PHRASE_CHARS or folded in STOPWORDS or len(label) > 80:
            continue
        if any(_same_point(folded, other) for other in seen):
            continue
        seen.add(folded)
        phrases = paraphrases(label) + _in_context(label, answer_words)
        if phrases:
            pool.append(KeyPoint(label, tuple(dict.fromkeys(phrases))))
        if len(pool) >= CANDIDATE_POOL:
            break
    # Graded a batch at a time (most answers fill the key from the first batch): the key
    # must agree with the answer it grades.
    points: list[KeyPoint] = []
    for first in range(0, len(pool), GRADE_BATCH):
        batch = tuple(pool[first : first + GRADE_BATCH])
        result = grade(model_text, KeyEntry(question.number, batch, ()), question.prompt)
        covered = set(result.covered)
        points += [point for point in batch if point.label in covered]
        if len(points) >= MAX_KEY_POINTS:
            break
    points = points[:MAX_KEY_POINTS]
    if len(points) < MIN_KEY_POINTS:
        return None
    labels = [point.label for point in points]
    return KeyEntry(question.number, tuple(points), _follow_ups(question, labels))


def render_key(entries: list[KeyEntry], source: str) -> str:
    """The entries as an `answers.yaml` text (format of simulacro.answer_key)."""
    header = (
        f"# Answer key GENERATED by `python -m simulacro import` from {source}.\n"
        "# Key points come from each answer's bold terms, list items, tables and code\n"
        "# identifiers, with paraphrases. Edit freely; `validate --deck NAME` checks it.\n\n"
    )
    data = {
        entry.number: {
            "key_points": [
                {"label": point.label, "phrases": list(point.phrases)}
                | ({"detail": True} if point.detail else {})
                for point in entry.key_points
            ],
            "follow_ups": list(entry.follow_ups),
        }
        for entry in entries
    }
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: ~10x faster
    body = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
    return header + body
