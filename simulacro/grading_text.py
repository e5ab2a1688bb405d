"""Text -> comparable words for the grader: tokens with their place in the original text.

Each word of an answer becomes a `Token` that keeps its character span (so the grader can
show the learner the exact words that matched) and a set of `keys` it can be matched by:
the folded word (accents and case dropped), its Spanish and English Snowball stems, and
the digit string for a number word ("cero" -> "0", "five" -> "5"). Two words match when
their keys intersect, so "umbrales" matches "umbral" and "overfits" matches "overfitting".
Stop words (from the lexicon file) are dropped: they carry no content.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# Letters and digits of any script; "_" splits ("class_weight" -> class, weight) as the
# old normaliser did, so identifiers match their spelled-out form.
_WORD = re.compile(r"[^\W_]+")
# An identifier written with "_" ("trained_at", "class_weight") is also matched whole: its
# words get the folded identifier as an extra key, so the key phrase "trained_at" finds
# exactly that identifier, not any "trained".
_IDENTIFIER = re.compile(r"[^\W_]+(?:_+[^\W_]+)+")
# A hyphenated compound also matches its solid spelling: "over-sampling" == "oversampling".
_COMPOUND = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
_ES = snowballstemmer.stemmer("spanish")
_EN = snowballstemmer.stemmer("english")
# Stems of very short words collide too easily ("los" / "lo"): keep them whole.
MIN_STEM_LENGTH = 4


@dataclass(frozen=True)
class Token:
    folded: str  # accents and case dropped: "estratificación" -> "estratificacion"
    keys: frozenset[str]  # what it can be matched by (folded, stems, digits)
    start: int  # character span in the original text
    end: int


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """NFKD, combining marks dropped, lowercase ("Estratificación" -> "estratificacion")."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=65536)
def word_keys(folded: str, number: str | None = None, stems: bool = True) -> frozenset[str]:
    """The keys a folded word can be matched by (see the module docstring)."""
    # Words match words and stems match stems: "set" must not meet the stem of "settings".
    keys = {f"w:{folded}"}
    if number is not None:
        keys.add(f"w:{number}")
    if stems and folded.isascii() and folded.isalpha() and len(folded) >= MIN_STEM_LENGTH:
        keys.add(f"s:{_ES.stemWord(folded)}")
        keys.add(f"s:{_EN.stemWord(folded)}")
    return frozenset(keys)


def tokenize(
    text: str,
    stopwords: frozenset[str] = frozenset(),
    numbers: dict[str, str] | None = None,
    stems: bool = True,
) -> list[Token]:
    """The content words of `text` in order, each with its span and match keys."""
    numbers = numbers or {}
    text = text or ""
    identifiers = [
        (m.start(), m.end(), frozenset({identifier_key(m.group())}))
        for m in _IDENTIFIER.finditer(text)
    ]
    identifiers += [
        (m.start(), m.end(), word_keys(fold(m.group().replace("-", "")), None, stems))
        for m in _COMPOUND.finditer(text)
    ]
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        folded = fold(match.group())
        if folded in stopwords:
            continue
        keys = word_keys(folded, numbers.get(folded), stems)
        for start, end, extra in identifiers:
            if start <= match.start() < end:
                keys = keys | extra
        tokens.append(Token(folded, keys, match.start(), match.end()))
    return tokens


def identifier_key(identifier: str) -> str:
    """The key of a whole "_" identifier ("Trained_At" -> "i:trained_at")."""
    return f"i:{fold(identifier)}"


def whole_identifier(phrase: str) -> str | None:
    """The identifier key if `phrase` is one "_" identifier and nothing else."""
    match = _IDENTIFIER.fullmatch(phrase.strip())
    return identifier_key(match.group()) if match else None
