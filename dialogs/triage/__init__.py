"""Triage: language, category and urgency of a resident's message, offline and trained at load."""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from dialogs.triage.danger import acute_kind
from dialogs.triage.dataset import load_messages
from dialogs.triage.language import LanguageIdentifier
from dialogs.triage.ngram_model import NgramModel
from dialogs.triage.text import clean, fold
from dialogs.vocabulary import CATEGORIES, DEFAULT_LANGUAGE, FALLBACK_CATEGORY, AcuteKind, Urgency

log = logging.getLogger(__name__)

# One word repeated ("afval afval afval …") or two words say too little to switch a resident's language.
MIN_DISTINCT_WORDS = 3


@dataclass(frozen=True)
class Candidate:
    category: str
    score: float


@dataclass(frozen=True)
class Triage:
    language: str
    language_confident: bool
    category: str
    candidates: tuple[Candidate, ...]
    urgency: Urgency
    acute_kind: AcuteKind | None


def _undecided() -> Triage:
    share = 1.0 / len(CATEGORIES)
    ranked = (FALLBACK_CATEGORY,) + tuple(c for c in CATEGORIES if c != FALLBACK_CATEGORY)
    return Triage(DEFAULT_LANGUAGE, False, FALLBACK_CATEGORY, tuple(Candidate(c, share) for c in ranked),
                  Urgency.NORMAAL, None)


class Triager:
    def __init__(self, language: LanguageIdentifier, model: NgramModel) -> None:
        self.language, self.model = language, model

    def classify(self, text: str) -> Triage:
        try:
            return self._classify(text)
        except Exception:  # understanding a message must never cost the resident their report
            log.exception("triage failed; falling back to an undecided triage")
            return _undecided()

    def _classify(self, text: str) -> Triage:
        cleaned = clean(text if isinstance(text, str) else str(text))
        folded = fold(cleaned)
        if not any(ch.isalpha() for ch in folded):
            return _undecided()
        guess = self.language.identify(cleaned)
        ranked, looks_acute, urgency = self.model.scores(folded)
        kind = acute_kind(folded)
        if kind is None and looks_acute:
            kind = AcuteKind.DANGER
        return Triage(
            language=guess.language,
            language_confident=guess.confident and len(set(folded.split())) >= MIN_DISTINCT_WORDS,
            category=ranked[0][0],
            candidates=tuple(Candidate(category, score) for category, score in ranked),
            urgency=Urgency.ACUUT if kind else urgency,
            acute_kind=kind,
        )


@functools.lru_cache(maxsize=1)
def load_triager() -> Triager:
    messages = load_messages("train")
    cleaned = [clean(m.text) for m in messages]
    language = LanguageIdentifier.train(cleaned, [m.language for m in messages])
    return Triager(language, NgramModel([fold(text) for text in cleaned], messages))
