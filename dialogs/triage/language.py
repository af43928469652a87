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
# Fewer letters than this ("ok", "👍", "112!!") say too little to override a chosen language,
# and so does one word repeated ("afval afval afval").
MIN_LETTERS_FOR_CONFIDENCE = 8
MIN_DISTINCT_WORDS_FOR_CONFIDENCE = 3
MIN_PROBABILITY_FOR_CONFIDENCE = 0.6
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class LanguageGuess:
    language: str
    confident: bool


def _mostly_arabic(text: str) -> bool:
    letters = len(_ANY_LETTER.findall(text))
    return letters > 0 and len(_ARABIC_LETTER.findall(text)) * 2 >= letters


class LanguageIdentifier:
    def __init__(self, model: Pipeline):
        self._model = model

    @classmethod
    def train(cls, texts: Sequence[str], languages: Sequence[str]) -> LanguageIdentifier:
        """Train on cleaned texts; the n-grams keep diacritics because ş, ı and ë tell languages apart.

        Only Latin-script texts are needed: Arabic script never reaches the model.
        """
        latin = [(text, language) for text, language in zip(texts, languages) if not _mostly_arabic(text)]
        model = make_pipeline(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, lowercase=True),
            LogisticRegression(C=30, max_iter=2000),
        )
        model.fit([text for text, _ in latin], [language for _, language in latin])
        return cls(model)

    def identify(self, cleaned_text: str) -> LanguageGuess:
        letters = len(_ANY_LETTER.findall(cleaned_text))
        if letters == 0:
            return LanguageGuess(DEFAULT_LANGUAGE, confident=False)
        enough_words = len(set(_WORD.findall(cleaned_text.lower()))) >= MIN_DISTINCT_WORDS_FOR_CONFIDENCE
        if _mostly_arabic(cleaned_text):
            return LanguageGuess("ar", confident=enough_words)
        probabilities = self._model.predict_proba([cleaned_text])[0]
        best = int(probabilities.argmax())
        confident = (
            enough_words
            and letters >= MIN_LETTERS_FOR_CONFIDENCE
            and bool(probabilities[best] >= MIN_PROBABILITY_FOR_CONFIDENCE)
        )
        return LanguageGuess(str(self._model.classes_[best]), confident=confident)
