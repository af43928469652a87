"""Which of the four languages a message is written in.

Arabic script settles Arabic at once. Latin-script text (Dutch, Turkish, English, and Arabic typed
in Latin letters, "Arabizi") goes to a character n-gram model: n-grams survive misspellings, and a
few Dutch loanwords ("wijkagent", "gemeente") do not outweigh the Turkish or English around them.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from dialogs.vocabulary import DEFAULT_LANGUAGE

_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_ANY_LETTER = re.compile(r"[^\W\d_]")
# Fewer letters than this ("ok", "👍", "112!!") say too little to override a chosen language.
MIN_LETTERS_FOR_CONFIDENCE = 8
MIN_PROBABILITY_FOR_CONFIDENCE = 0.6


@dataclass(frozen=True)
class LanguageGuess:
    language: str
    confident: bool


class LanguageIdentifier:
    def __init__(self, model: Pipeline):
        self._model = model

    @classmethod
    def train(cls, texts: Sequence[str], languages: Sequence[str]) -> LanguageIdentifier:
        """Train on cleaned texts; the n-grams keep diacritics because ş, ı and ë tell languages apart."""
        model = make_pipeline(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, lowercase=True),
            LogisticRegression(C=30, max_iter=2000),
        )
        model.fit(list(texts), list(languages))
        return cls(model)

    def identify(self, cleaned_text: str) -> LanguageGuess:
        letters = len(_ANY_LETTER.findall(cleaned_text))
        if letters == 0:
            return LanguageGuess(DEFAULT_LANGUAGE, confident=False)
        arabic_letters = len(_ARABIC_LETTER.findall(cleaned_text))
        if arabic_letters * 2 >= letters:
            return LanguageGuess("ar", confident=letters >= MIN_LETTERS_FOR_CONFIDENCE // 2)
        probabilities = self._model.predict_proba([cleaned_text])[0]
        best = int(probabilities.argmax())
        confident = letters >= MIN_LETTERS_FOR_CONFIDENCE and probabilities[best] >= MIN_PROBABILITY_FOR_CONFIDENCE
        return LanguageGuess(str(self._model.classes_[best]), confident=confident)
