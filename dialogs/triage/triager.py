"""The triage pipeline: clean, identify the language, find concepts, then rank and judge.

Everything is trained from the labelled messages shipped in data/, so no model file has to be
versioned with scikit-learn and nothing is downloaded; `model_cache` keeps the trained result
between starts.
"""
from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dialogs.triage.acute import AcuteDetector
from dialogs.triage.arabizi import is_arabizi, to_arabic_script
from dialogs.triage.category import CategoryModel
from dialogs.triage.concepts import ConceptLexicon
from dialogs.triage.dataset import DATA_DIR, LabelledMessage, load_messages
from dialogs.triage import sentences
from dialogs.triage.features import DEFAULT_CONCEPT_WEIGHT, DEFAULT_SENTENCE_WEIGHT, FeatureBuilder, Prepared
from dialogs.triage.language import LanguageIdentifier
from dialogs.triage.model_cache import default_cache_dir, load_or_train
from dialogs.triage.result import Candidate, Triage
from dialogs.triage.text import clean, fold, letter_count
from dialogs.triage.urgency import AcuteThresholds, UrgencyModel
from dialogs.vocabulary import CATEGORIES, DEFAULT_LANGUAGE, FALLBACK_CATEGORY, Urgency

CONCEPTS_FILE = DATA_DIR / "concepts.json"
ACUTE_CUES_FILE = DATA_DIR / "acute_cues.json"

log = logging.getLogger(__name__)

# Emoji, digits or nothing at all: nothing to understand, so "something else" is offered first.
WITHOUT_WORDS = Triage(
    language=DEFAULT_LANGUAGE,
    language_confident=False,
    category=FALLBACK_CATEGORY,
    candidates=(Candidate(FALLBACK_CATEGORY, 0.5),)
    + tuple(Candidate(c, 0.5 / (len(CATEGORIES) - 1)) for c in CATEGORIES if c != FALLBACK_CATEGORY),
    urgency=Urgency.LAAG,
    acute_kind=None,
)

# When triage itself fails: nothing is known, so nothing is ranked down either.
UNDECIDED = replace(WITHOUT_WORDS, urgency=Urgency.NORMAAL)


@dataclass(frozen=True)
class TriageSettings:
    """Choices that bench/triage_eval.py --compare varies; the defaults are what ships."""

    concept_weight: float = DEFAULT_CONCEPT_WEIGHT
    sentence_weight: float = DEFAULT_SENTENCE_WEIGHT
    use_characters: bool = True
    use_acute_model: bool = True
    acute_thresholds: AcuteThresholds = AcuteThresholds()


class Triager:
    def __init__(
        self,
        languages: LanguageIdentifier,
        concepts: ConceptLexicon,
        features: FeatureBuilder,
        categories: CategoryModel,
        urgency: UrgencyModel,
    ):
        self._languages = languages
        self._concepts = concepts
        self._features = features
        self._categories = categories
        self._urgency = urgency

    def classify(self, text: str) -> Triage:
        try:
            return self._classify(text)
        except Exception:  # understanding a message must never cost the resident their report
            log.exception("triage failed; the dialog asks the resident to choose")
            return UNDECIDED

    def _classify(self, text: str) -> Triage:
        cleaned = clean(text)
        if letter_count(cleaned) == 0:
            return WITHOUT_WORDS
        guess = self._languages.identify(cleaned)
        prepared = prepare(cleaned, guess.language, self._concepts)
        features = self._features.transform([prepared])
        candidates = self._categories.rank(features)
        verdict = self._urgency.judge(prepared.folded_text, guess.language, prepared.concepts, features)
        return Triage(
            language=guess.language,
            language_confident=guess.confident,
            category=candidates[0].category,
            candidates=candidates,
            urgency=verdict.urgency,
            acute_kind=verdict.acute_kind,
        )


def prepare(cleaned_text: str, language: str, concepts: ConceptLexicon) -> Prepared:
    folded = fold(cleaned_text)
    sentence = cleaned_text
    if is_arabizi(cleaned_text, language):
        spelled = to_arabic_script(folded)
        folded = f"{folded} {spelled}"
        sentence = spelled or cleaned_text
    return Prepared(sentence, folded, concepts.find(folded, language))


def train_triager(messages: Sequence[LabelledMessage], settings: TriageSettings = TriageSettings()) -> Triager:
    concepts = ConceptLexicon.from_json(CONCEPTS_FILE)
    cleaned = [clean(m.text) for m in messages]
    languages = LanguageIdentifier.train(cleaned, [m.language for m in messages])
    prepared = [prepare(text, m.language, concepts) for text, m in zip(cleaned, messages)]
    features = FeatureBuilder(
        concepts.concepts, settings.concept_weight, settings.use_characters, settings.sentence_weight
    )
    matrix = features.fit_transform(prepared)
    return Triager(
        languages=languages,
        concepts=concepts,
        features=features,
        categories=CategoryModel.train(matrix, [m.category for m in messages]),
        urgency=UrgencyModel.train(
            AcuteDetector.from_json(ACUTE_CUES_FILE),
            matrix,
            [m.urgency for m in messages],
            settings.use_acute_model,
            settings.acute_thresholds,
        ),
    )


@functools.lru_cache(maxsize=1)
def load_triager() -> Triager:
    """The shipped triager: trained from the training split, or read back from the model cache."""
    triager = load_or_train(lambda: train_triager(load_messages("train")), default_cache_dir(), Triager)
    sentences.preload()
    return triager
