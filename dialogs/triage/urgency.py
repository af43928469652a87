"""How urgent a message is: acuut (112/113 first), hoog, normaal or laag.

Acute is decided twice and either decision counts, because a missed emergency is the one error
that must not happen: the readable rules of `acute.AcuteDetector`, and a logistic regression that
has learned other ways to say the same from the labelled messages. The model alone may only add
acute messages, only when it is quite sure, and never against words that place the danger outside
the present, which keeps false alarms rare.

For messages that are not acute, a linear model picks hoog, normaal or laag.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import scipy.sparse as sparse
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from dialogs.triage.acute import AcuteDetector
from dialogs.vocabulary import AcuteKind, Urgency

# Chosen by cross-validation on the training split (bench/triage_eval.py --compare): from 0.7 to
# 0.5 the model finds about one in three of the acute messages it missed, for about one false
# alarm in 400 calm messages; a missed emergency costs far more than a needless 112 line.
ACUTE_PROBABILITY = 0.5
SUICIDE_CONCEPT = "suicide"


@dataclass(frozen=True)
class UrgencyVerdict:
    urgency: Urgency
    acute_kind: AcuteKind | None


class UrgencyModel:
    def __init__(
        self,
        rules: AcuteDetector,
        acute_model: LogisticRegression | None,
        level_model: LinearSVC,
        acute_probability: float = ACUTE_PROBABILITY,
    ):
        self._rules = rules
        self._acute_model = acute_model
        self._level_model = level_model
        self._acute_probability = acute_probability

    @classmethod
    def train(
        cls,
        rules: AcuteDetector,
        features: sparse.csr_matrix,
        urgencies: Sequence[Urgency],
        use_acute_model: bool = True,
        acute_probability: float = ACUTE_PROBABILITY,
    ) -> UrgencyModel:
        is_acute = [u == Urgency.ACUUT for u in urgencies]
        acute_model = None
        if use_acute_model:
            acute_model = LogisticRegression(C=10, class_weight="balanced", solver="liblinear", random_state=0)
            acute_model.fit(features, is_acute)
        # The level model only speaks when neither rules nor model call a message acute; messages
        # labelled acute then teach it the most serious remaining level.
        levels = [Urgency.HOOG.value if u == Urgency.ACUUT else u.value for u in urgencies]
        level_model = LinearSVC(C=0.5, random_state=0).fit(features, levels)
        return cls(rules, acute_model, level_model, acute_probability)

    def judge(
        self, folded_text: str, language: str, concepts: Mapping[str, int], features: sparse.csr_matrix
    ) -> UrgencyVerdict:
        reading = self._rules.read(folded_text, language)
        kind = reading.kind
        # The model may find danger in words the rules lack, but it does not overrule a message
        # that itself says the danger is past, hearsay, a habit or only a possibility.
        if kind is None and not reading.outside_now and self._model_says_acute(features):
            kind = AcuteKind.SUICIDE if SUICIDE_CONCEPT in concepts else AcuteKind.DANGER
        if kind is not None:
            return UrgencyVerdict(Urgency.ACUUT, kind)
        return UrgencyVerdict(Urgency(str(self._level_model.predict(features)[0])), None)

    def _model_says_acute(self, features: sparse.csr_matrix) -> bool:
        if self._acute_model is None:
            return False
        probabilities = self._acute_model.predict_proba(features)[0]
        acute_column = list(self._acute_model.classes_).index(True)
        return bool(probabilities[acute_column] >= self._acute_probability)
