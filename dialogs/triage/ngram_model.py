"""Category and acute danger from character and word n-grams, trained at load on the shipped data.

Linear SVMs over one shared n-gram space: fitting takes well under a second on the data set, so
no trained model is shipped or unpickled, and scores come out as a softmax over the margins.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_union
from sklearn.svm import LinearSVC

from dialogs.triage.dataset import LabelledMessage
from dialogs.vocabulary import Urgency

# Below zero on purpose: a missed emergency costs more than a needless 112 line (bench: -0.2 keeps
# false alarms under 3% on the held-out set).
ACUTE_MARGIN = -0.2
URGENCY_ORDER = (Urgency.HOOG, Urgency.NORMAAL, Urgency.LAAG)


class NgramModel:
    def __init__(self, folded_texts: Sequence[str], messages: Sequence[LabelledMessage]) -> None:
        self.features = make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2),
            TfidfVectorizer(analyzer="word", token_pattern=r"(?u)\b\w+\b", sublinear_tf=True),
        )
        matrix = self.features.fit_transform(folded_texts)
        self.category = LinearSVC(C=0.5).fit(matrix, [m.category for m in messages])
        self.acute = LinearSVC(C=0.5, class_weight="balanced").fit(
            matrix, [m.urgency == Urgency.ACUUT for m in messages])
        not_acute = [i for i, m in enumerate(messages) if m.urgency != Urgency.ACUUT]
        self.urgency = LinearSVC(C=0.5).fit(matrix[not_acute], [messages[i].urgency.value for i in not_acute])

    def scores(self, folded: str) -> tuple[list[tuple[str, float]], bool, Urgency]:
        """Categories best first with softmax scores; whether it looks acute; the non-acute urgency."""
        row = self.features.transform([folded])
        margins = self.category.decision_function(row)[0]
        weights = np.exp(margins - margins.max())
        probabilities = weights / weights.sum()
        order = np.argsort(-probabilities)
        ranked = [(str(self.category.classes_[i]), float(probabilities[i])) for i in order]
        acute_margin = float(self.acute.decision_function(row)[0])
        urgency = Urgency(str(self.urgency.predict(row)[0]))
        return ranked, acute_margin >= ACUTE_MARGIN, urgency
