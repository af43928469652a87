"""Which of the 15 categories a message is about, as a ranked list the dialog can offer as buttons.

A linear support vector machine over the shared features; it was the most accurate of the models
tried on development messages written after the lexicon (see bench/triage_eval.py --compare).
Its decision values become scores with a softmax, so candidates read as shares that sum to 1.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sparse
from sklearn.svm import LinearSVC

from dialogs.triage.result import Candidate
from dialogs.vocabulary import CATEGORIES

# Lower is more decisive; 0.3 gives the best candidate roughly 0.4-0.8 on typical messages.
SCORE_TEMPERATURE = 0.3


def softmax(values: np.ndarray, temperature: float) -> np.ndarray:
    scaled = values / temperature
    scaled -= scaled.max()
    exponentials = np.exp(scaled)
    return exponentials / exponentials.sum()


class CategoryModel:
    def __init__(self, classifier: LinearSVC):
        self._classifier = classifier
        self._classes = [str(c) for c in classifier.classes_]

    @classmethod
    def train(cls, features: sparse.csr_matrix, categories: Sequence[str]) -> CategoryModel:
        return cls(LinearSVC(C=0.5, random_state=0).fit(features, list(categories)))

    def rank(self, features: sparse.csr_matrix) -> tuple[Candidate, ...]:
        """All categories, best first, for a single-row feature matrix."""
        scores = dict(zip(self._classes, softmax(self._classifier.decision_function(features)[0], SCORE_TEMPERATURE)))
        candidates = [Candidate(category, float(scores.get(category, 0.0))) for category in CATEGORIES]
        return tuple(sorted(candidates, key=lambda c: c.score, reverse=True))
