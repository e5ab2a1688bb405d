"""Text -> comparable words for the grader: tokens with their place in the original text.

Each word of an answer becomes a `Token` that keeps its character span (so the grader can
show the learner the exact words that matched) and a set of `keys` it can be matched by:
the folded word (accents and case dropped), its Spanish and English Snowball stems, the
digit string for a number word ("cero" -> "0", "five" -> "5"), and for a word too short
to stem a plural key ("maps" and "map" -> "p:map", "PRs" -> "p:pr"). Two words match when
their keys intersect, so "umbrales" matches "umbral" and "overfits" matches "overfitting".
An English "n't" is the word "not" ("doesn't act" states "does not act"). A British
spelling also gets the keys of its American one ("optimise", "regularisation", "behaviour",
"analysed" match "optimize", "regularization", "behavior", "analyzed"). Stop words (from the
lexicon file) are dropped: they carry no content.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer  # PyStemmer: the Snowball C library, the same stems as pure Python, ~50x faster

# Letters and digits of any script; "_" splits ("class_weight" -> class, weight) as the
# old normaliser did, so identifiers match their spelled-out form.
_WORD = re.compile(r"[^\W_]+")
# An identifier written with "_" ("trained_at", "class_weight") is also matched whole: its
# words get the folded identifier as an extra key, so the key phrase "trained_at" finds
# exactly that identifier, not any "trained".
# A hyphenated compound also matches its solid spelling: "over-sampling" == "oversampling".
# Both are found in chunks of word characters and hyphens (one linear regex: nested
# quantifiers backtrack for seconds on a 20,000-letter paste).
_CHUNK = re.compile(r"[\w-]+")
_IDENTIFIER = re.compile(r"[^\W_]+(?:_+[^\W_]+)+")  # only used with fullmatch on short text
MAX_CHUNK_LENGTH = 200
# A Snowball stemmer keeps the word it works on in the object: two threads stemming at once
# (two learners grading on one server) corrupt each other (IndexError). One per thread.
# Its own cache is off: `word_keys` caches the keys of each word.
_STEMMERS = threading.local()
# Stems of very short words collide too easily ("los" / "lo"): keep them whole.
MIN_STEM_LENGTH = 4
# No real word is longer; a 20,000-letter "word" from a paste is neither stemmed (Snowball
# is slow on it) nor compared for typos.
MAX_WORD_LENGTH = 40
# An English "n't" ("doesn't", "can't", "won't"): the word splits at the apostrophe and the
# "t" stands for "not", so the key phrase "does not act on its own" finds "doesn't act ...".
_CONTRACTED_NOT = re.compile(r"n['’]t\b", re.IGNORECASE)
# The auxiliary before that "n't" ("don", "doesn", "isn") is the word without its "n" ("do",
# "does", "is": stop words), so "don't swallow errors" is "do not swallow errors".
_AUXILIARY_BEFORE_NOT = {"can": "can", "won": "will", "shan": "shall"}
# What follows an apostrophe in "model's", "they're", "I've", "we'll", "I'd", "I'm" is a
# possessive or a function word, not content.
_CLITICS = frozenset({"s", "re", "ve", "ll", "d", "m"})
_APOSTROPHES = "'’"
PLURAL_PREFIX = "p:"
STEM_PREFIX = "s:"
# British -> American endings (whole words; the -ise words that are not -ize ones, such
# as "promise" or "noise", only gain a key nothing else has). -our needs 6+ letters:
# "hour", "four", "your" are not "-or" words.
_BRITISH_ENDINGS = (
    (re.compile(r"(\w{3,})is(ation|ations|e|ed|es|ing|er|ers)$"), r"\1iz\2"),
    (re.compile(r"(\w{3,})ys(e|ed|es|ing)$"), r"\1yz\2"),
    (re.compile(r"(\w{3,})our(s|ed|ing|able)?$"), r"\1or\2"),
)


def _thread_stemmers() -> tuple[object, object]:
    """This thread's (Spanish, English) stemmers."""
    pair = getattr(_STEMMERS, "pair", None)
    if pair is None:
        pair = _STEMMERS.pair = (
            Stemmer.Stemmer("spanish", 0),
            Stemmer.Stemmer("english", 0),
        )
    return pair


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
    short = _short_form(folded)
    if short:
        keys.add(f"{PLURAL_PREFIX}{short}")
    if number is not None:
        keys.add(f"w:{number}")
    stemmable = MIN_STEM_LENGTH <= len(folded) <= MAX_WORD_LENGTH
    if stems and stemmable and folded.isascii() and folded.isalpha():
        spanish, english = _thread_stemmers()
        keys.add(f"{STEM_PREFIX}{spanish.stemWord(folded)}")
        keys.add(f"{STEM_PREFIX}{english.stemWord(folded)}")
        american = american_spelling(folded)
        if american != folded:
            keys.add(f"w:{american}")
            keys.add(f"{STEM_PREFIX}{english.stemWord(american)}")
    return frozenset(keys)


def american_spelling(folded: str) -> str:
    """The American spelling of a British one ("optimise" -> "optimize"), else the word."""
    for pattern, replacement in _BRITISH_ENDINGS:
        american = pattern.sub(replacement, folded, count=1)
        if american != folded:
            return american
    return folded


def _short_form(folded: str) -> str | None:
    """The plural key of a word too short to be stemmed: "map" and "maps" -> "map", "cv"
    and "cvs" -> "cv" (a "p:" key).

    Snowball stems only words of MIN_STEM_LENGTH letters or more, and a word is matched by
    its stem or by itself, so "map" in a key phrase never met "maps" in an answer, nor
    "PR" met "PRs". The key joins a short word with its own plural only: it is left out
    of lexicon terms (see grading._lexicon_terms), so "doc" does not join the "docs" group."""
    if not folded.isalpha() or len(folded) > MIN_STEM_LENGTH:
        return None
    if folded.endswith("s") and not folded.endswith("ss") and len(folded) >= 3:
        return folded[:-1]
    return folded if len(folded) < MIN_STEM_LENGTH else None


def tokenize(
    text: str,
    stopwords: frozenset[str] = frozenset(),
    numbers: dict[str, str] | None = None,
    stems: bool = True,
) -> list[Token]:
    """The content words of `text` in order, each with its span and match keys."""
    numbers = numbers or {}
    text = text or ""
    extra_keys: dict[int, frozenset[str]] = {}  # word start -> keys of its identifier
    for start, end, keys in _joined(text, stems):
        for word in _WORD.finditer(text, start, end):
            extra_keys[word.start()] = extra_keys.get(word.start(), frozenset()) | keys
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        folded = fold(match.group())
        after_apostrophe = match.start() >= 1 and text[match.start() - 1] in _APOSTROPHES
        if folded == "t" and match.start() >= 2 and _CONTRACTED_NOT.match(text, match.start() - 2):
            folded = "not"  # "doesn't" says "does not": its "t" is the word "not"
        elif after_apostrophe and folded in _CLITICS:
            continue
        elif folded.endswith("n") and _CONTRACTED_NOT.match(text, match.end() - 1):
            folded = _AUXILIARY_BEFORE_NOT.get(folded, folded[:-1])
        if not folded or folded in stopwords:
            continue
        keys = word_keys(folded, numbers.get(folded), stems)
        if match.start() in extra_keys:
            keys = keys | extra_keys[match.start()]
        tokens.append(Token(folded, keys, match.start(), match.end()))
    return tokens


def _joined(text: str, stems: bool) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, keys) of every "_" identifier and every hyphenated compound."""
    out: list[tuple[int, int, frozenset[str]]] = []
    for chunk in _CHUNK.finditer(text):
        value = chunk.group()
        if ("_" not in value and "-" not in value) or len(value) > MAX_CHUNK_LENGTH:
            continue
        offset = chunk.start()
        for part in re.finditer(r"[^-]+", value):  # "_" identifiers between hyphens
            core = part.group().strip("_")
            if "_" in core:
                begin = offset + part.start() + part.group().index(core)
                out.append((begin, begin + len(core), frozenset({identifier_key(core)})))
        pieces = [p for p in value.split("-") if p]
        if len(pieces) > 1 and "_" not in value:
            solid = fold("".join(pieces))
            out.append((offset, chunk.end(), word_keys(solid, None, stems)))
    return out


def identifier_key(identifier: str) -> str:
    """The key of a whole "_" identifier ("Trained_At" -> "i:trained_at")."""
    return f"i:{fold(identifier)}"


def whole_identifier(phrase: str) -> str | None:
    """The identifier key if `phrase` is one "_" identifier and nothing else."""
    match = _IDENTIFIER.fullmatch(phrase.strip())
    return identifier_key(match.group()) if match else None
