"""A multilingual concept lexicon: words in four languages that mean the same thing.

With a few dozen examples per category and language, a model cannot learn every way to say
"knife" in Dutch, Arabic, Turkish and English. The lexicon (data/concepts.json) maps those words to
one language-neutral concept ("knife"), so evidence learned from a Turkish message also counts for
an Arabic one, and a Dutch word inside a Turkish message is recognised as well.

Pattern syntax (matched on folded text, see `text.fold`):
  word        a token starting with `word` (Turkish and Dutch suffixes, inflections)
  =word       exactly the token `word`
  *part       `part` anywhere inside a token (Dutch compounds)
  two words   consecutive tokens, each starting with the given word
Arabic proclitics (و ف ب ل ك ال بال لل عال) may precede any pattern, because Arabic writes
"and", "with", "the" and "to the" as part of the word.

A message is matched against the patterns of its own language plus the longer Dutch ones: residents
drop Dutch words ("wijkagent", "portiek") into any language, while short words collide across
languages (Turkish "gün" is "day", not a gun).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from dialogs.triage.text import fold
from dialogs.vocabulary import LANGUAGES

LOANWORD_LANGUAGE = "nl"
LOANWORD_MIN_LENGTH = 5

_ARABIC_PROCLITICS = r"(?:[وف])?(?:بال|لل|ال|عال|عل|[بلكع])?"
_TOKEN_START = r"(?<!\w)"
_TOKEN_END = r"(?!\w)"


def _compile_pattern(pattern: str) -> str:
    if pattern.startswith("*"):
        return re.escape(fold(pattern[1:]))
    exact = pattern.startswith("=")
    words = fold(pattern.lstrip("=")).split()
    joined = r"\w*\W+".join(_ARABIC_PROCLITICS + re.escape(word) for word in words)
    return _TOKEN_START + joined + (_TOKEN_END if exact else "")


def _is_loanword(pattern: str) -> bool:
    return len(pattern.lstrip("=*")) >= LOANWORD_MIN_LENGTH


class ConceptLexicon:
    """Finds which concepts a cleaned message mentions."""

    def __init__(self, patterns: Mapping[str, Mapping[str, Iterable[str]]]):
        """`patterns` is {concept: {language: [pattern, ...]}}."""
        self.concepts: tuple[str, ...] = tuple(sorted(patterns))
        self._regexes: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        for language in LANGUAGES:
            compiled = []
            for concept in self.concepts:
                own = list(patterns[concept].get(language, ()))
                if language != LOANWORD_LANGUAGE:
                    own += [p for p in patterns[concept].get(LOANWORD_LANGUAGE, ()) if _is_loanword(p)]
                if own:
                    compiled.append((concept, re.compile("|".join(_compile_pattern(p) for p in own))))
            self._regexes[language] = compiled

    @classmethod
    def from_json(cls, path: Path) -> ConceptLexicon:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def find(self, folded_text: str, language: str) -> dict[str, int]:
        """Concept -> number of matches in text that has been folded with `text.fold`."""
        counts = {}
        for concept, regex in self._regexes.get(language, self._regexes[LOANWORD_LANGUAGE]):
            hits = len(regex.findall(folded_text))
            if hits:
                counts[concept] = hits
        return counts
