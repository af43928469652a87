"""A multilingual concept lexicon: words in four languages that mean the same thing.

With a few dozen examples per category and language, a model cannot learn every way to say
"knife" in Dutch, Arabic, Turkish and English. The lexicon (data/concepts.json) maps those words to
one language-neutral concept ("weapon_knife"), so evidence learned from a Turkish message also
counts for an Arabic one, and a Dutch word inside a Turkish message is recognised as well.

Pattern syntax (matched on folded text, see `text.fold`):
  word        a token starting with `word` (Turkish and Dutch suffixes, inflections)
  =word       exactly the token `word`
  *part       `part` anywhere inside a token (Dutch compounds, Turkish suffixes)
  two words   consecutive tokens; the last word is a prefix (or exact with "="), earlier words of
              up to three letters must be whole tokens ("na het" must not match "naast het")
Arabic proclitics (و ف ب ل ك ال بال لل عال) may precede any word, because Arabic writes "and",
"with", "the" and "to the" as part of the word. "!" and "?" runs are tokens too ("!!").

A message is matched against the patterns of its own language plus the longer Dutch ones: residents
drop Dutch words ("wijkagent", "portiek") into any language, while short words collide across
languages (Turkish "gün" is "day", not a gun).

Matching is a token index (dictionary lookups on token prefixes), not a regular expression: an
alternation of thousands of words is slow to compile and slow to run in Python's `re`.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dialogs.triage.text import fold
from dialogs.vocabulary import LANGUAGES

LOANWORD_LANGUAGE = "nl"
LOANWORD_MIN_LENGTH = 5
SHORT_WORD = 3

_TOKEN = re.compile(r"\w+|[!?]+")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_CONJUNCTIONS = ("", "و", "ف")  # and, so
# with the, to the, the, on the, on, with, to, like, on (Levantine)
_PREPOSITIONS_AND_ARTICLE = ("", "بال", "لل", "ال", "عال", "عل", "ب", "ل", "ك", "ع")
_PROCLITICS = tuple(
    sorted({c + p for c in _CONJUNCTIONS for p in _PREPOSITIONS_AND_ARTICLE} - {""}, key=len, reverse=True)
)
_MIN_STEM = 2
_MIN_COLLOQUIAL_PRESENT = 5


def tokenize(folded_text: str) -> list[str]:
    return _TOKEN.findall(folded_text)


def _stems(token: str) -> tuple[str, ...]:
    """The token and, for Arabic, the token without each proclitic it may start with.

    Turkish typed on a phone drops the r of the present tense ("vuruyo", "geliyo"), so a Latin
    token ending in -yo also stands for its -yor form.
    """
    if not _ARABIC.match(token):
        if len(token) >= _MIN_COLLOQUIAL_PRESENT and token.endswith("yo"):
            return (token, token + "r")
        return (token,)
    return (token,) + tuple(
        token[len(p) :] for p in _PROCLITICS if token.startswith(p) and len(token) - len(p) >= _MIN_STEM
    )


@dataclass(frozen=True)
class _Word:
    text: str
    mode: str  # "prefix", "exact" or "infix"

    def matches(self, token: str) -> bool:
        if self.mode == "infix":
            return self.text in token
        stems = _stems(token)
        if self.mode == "exact":
            return self.text in stems
        return any(stem.startswith(self.text) for stem in stems)


@dataclass
class _WordIndex:
    """Word patterns -> payloads, looked up per token by exact stem and by stem prefixes."""

    exact: dict[str, set[int | str]] = field(default_factory=lambda: defaultdict(set))
    prefix: dict[str, set[int | str]] = field(default_factory=lambda: defaultdict(set))
    infix: list[tuple[str, int | str]] = field(default_factory=list)
    prefix_lengths: set[int] = field(default_factory=set)

    def add(self, word: _Word, payload: int | str) -> None:
        if word.mode == "exact":
            self.exact[word.text].add(payload)
        elif word.mode == "infix":
            self.infix.append((word.text, payload))
        else:
            self.prefix[word.text].add(payload)
            self.prefix_lengths.add(len(word.text))

    def lookup(self, token: str) -> set[int | str]:
        found: set[int | str] = set()
        for stem in _stems(token):
            found |= self.exact.get(stem, set())
            for length in self.prefix_lengths:
                if length <= len(stem):
                    found |= self.prefix.get(stem[:length], set())
        found.update(payload for part, payload in self.infix if part in token)
        return found


@dataclass
class _Index:
    """All patterns of one language: single words, and phrases indexed by their first word."""

    words: _WordIndex = field(default_factory=_WordIndex)
    phrase_starts: _WordIndex = field(default_factory=_WordIndex)
    phrases: list[tuple[tuple[_Word, ...], str]] = field(default_factory=list)

    def add(self, pattern: str, concept: str) -> None:
        words = _parse(pattern)
        if len(words) == 1:
            self.words.add(words[0], concept)
        elif words:
            self.phrase_starts.add(words[0], len(self.phrases))
            self.phrases.append((words, concept))

    def find(self, tokens: list[str]) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for position, token in enumerate(tokens):
            for concept in self.words.lookup(token):
                counts[str(concept)] += 1
            for phrase_id in self.phrase_starts.lookup(token):
                words, concept = self.phrases[int(phrase_id)]
                rest = tokens[position + 1 : position + len(words)]
                if len(rest) == len(words) - 1 and all(w.matches(t) for w, t in zip(words[1:], rest)):
                    counts[concept] += 1
        return dict(counts)


def _parse(pattern: str) -> tuple[_Word, ...]:
    exact = pattern.startswith("=")
    raw_words = fold(pattern.lstrip("=")).split()
    words = []
    for i, raw in enumerate(raw_words):
        is_last = i == len(raw_words) - 1
        pieces = tokenize(raw.lstrip("*"))
        for j, piece in enumerate(pieces):
            if raw.startswith("*"):
                mode = "infix"
            elif is_last and j == len(pieces) - 1:
                mode = "exact" if exact else "prefix"
            else:
                mode = "exact" if len(piece) <= SHORT_WORD else "prefix"
            words.append(_Word(piece, mode))
    return tuple(words)


def _is_loanword(pattern: str) -> bool:
    return len(pattern.lstrip("=*")) >= LOANWORD_MIN_LENGTH


class ConceptLexicon:
    """Finds which concepts a folded message mentions."""

    def __init__(self, patterns: Mapping[str, Mapping[str, Iterable[str]]]):
        """`patterns` is {concept: {language: [pattern, ...]}}."""
        self.concepts: tuple[str, ...] = tuple(sorted(patterns))
        self._indexes: dict[str, _Index] = {}
        for language in LANGUAGES:
            index = _Index()
            for concept in self.concepts:
                for pattern in patterns[concept].get(language, ()):
                    index.add(pattern, concept)
                if language != LOANWORD_LANGUAGE:
                    for pattern in patterns[concept].get(LOANWORD_LANGUAGE, ()):
                        if _is_loanword(pattern):
                            index.add(pattern, concept)
            self._indexes[language] = index

    @classmethod
    def from_json(cls, path: Path) -> ConceptLexicon:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def find(self, folded_text: str, language: str) -> dict[str, int]:
        """Concept -> number of matches in text that has been folded with `text.fold`."""
        index = self._indexes.get(language, self._indexes[LOANWORD_LANGUAGE])
        return index.find(tokenize(folded_text))
