"""How urgent a message is: acuut (112/113 first), hoog, normaal or laag.

Acute is decided twice, because a missed emergency is the one error that must not happen: the
readable rules of `acute.AcuteDetector`, and a logistic regression that has learned other ways to
say the same from the labelled messages. The model may add acute messages the rules miss, but
never against words that place the danger outside the present. It may also overrule a danger cue
when it is all but certain the message is calm (a film, a game, a question about what to do "if"),
but only in a message short enough for it to have read whole: in a long story one line about a
knife at the door weighs little. A remark about ending one's life always gets 113.

For messages that are not acute, a linear model picks hoog, normaal or laag.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import scipy.sparse as sparse
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from dialogs.triage.acute import AcuteDetector
from dialogs.triage.sentences import MAX_ENCODED_CHARS
from dialogs.vocabulary import AcuteKind, Urgency

# Chosen by cross-validation on the training split (bench/triage_eval.py --compare): from 0.7 to
# 0.5 the model finds about one in three of the acute messages it missed, for about one false
# alarm in 400 calm messages; a missed emergency costs far more than a needless 112 line.
ACUTE_PROBABILITY = 0.5
# Also by cross-validation: below 0.1 lay 53 of the 162 false alarms and none of the 1,124 acute
# messages.
CALM_PROBABILITY = 0.1
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
        calm_probability: float = CALM_PROBABILITY,
    ):
        self._rules = rules
        self._acute_model = acute_model
        self._level_model = level_model
        self._acute_probability = acute_probability
        self._calm_probability = calm_probability

    @classmethod
    def train(
        cls,
        rules: AcuteDetector,
        features: sparse.csr_matrix,
        urgencies: Sequence[Urgency],
        use_acute_model: bool = True,
        acute_probability: float = ACUTE_PROBABILITY,
        calm_probability: float = CALM_PROBABILITY,
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
        return cls(rules, acute_model, level_model, acute_probability, calm_probability)

    def judge(
        self, folded_text: str, language: str, concepts: Mapping[str, int], features: sparse.csr_matrix
    ) -> UrgencyVerdict:
        reading = self._rules.read(folded_text, language)
        kind = reading.kind
        acute_probability = self._model_acute_probability(features)
        if acute_probability is not None:
            read_whole = len(folded_text) <= MAX_ENCODED_CHARS
            if kind == AcuteKind.DANGER and read_whole and acute_probability < self._calm_probability:
                kind = None
            # The model may find danger in words the rules lack, but it does not overrule a
            # message that itself says the danger is past, hearsay, a habit or only a possibility.
            elif kind is None and not reading.outside_now and acute_probability >= self._acute_probability:
                kind = AcuteKind.SUICIDE if SUICIDE_CONCEPT in concepts else AcuteKind.DANGER
        if kind is not None:
            return UrgencyVerdict(Urgency.ACUUT, kind)
        return UrgencyVerdict(Urgency(str(self._level_model.predict(features)[0])), None)

    def _model_acute_probability(self, features: sparse.csr_matrix) -> float | None:
        if self._acute_model is None:
            return None
        probabilities = self._acute_model.predict_proba(features)[0]
        return float(probabilities[list(self._acute_model.classes_).index(True)])
