"""How urgent a message is: acuut (112/113 first), hoog, normaal or laag.

Acute is decided twice, because a missed emergency is the one error that must not happen: the
readable rules of `acute.AcuteDetector`, and a logistic regression that has learned other ways to
say the same from the labelled messages. The model adds acute messages the rules miss. Words that
place the danger outside the present (past, hearsay, a habit, an "if") hold it back unless it is
sure: such word lists misread "als ik klop" (when I knock) as an "if", the model has learned from
thousands of calm messages told in the same words. The model may also overrule a danger cue when
it is all but certain the message is calm (a film, a game, a question about what to do "if"), but
only in a message short enough for it to have read whole: in a long story one line about a knife
at the door weighs little. A remark about ending one's life always gets 113.

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

SUICIDE_CONCEPT = "suicide"


@dataclass(frozen=True)
class AcuteThresholds:
    """Probabilities of the acute model, chosen by cross-validation on the training split
    (bench/triage_eval.py --compare). A missed emergency costs far more than a needless 112 line:
    the thresholds that add acute messages were lowered as long as each step found at least one
    acute message per false alarm it added, and the calm threshold removes only false alarms that
    no acute message shared.
    """

    # From 0.7 to 0.5 the model found about one in three of the acute messages it missed.
    adds_danger: float = 0.5
    # Against "not now" words: from 1 (never) to 0.7 it found 48 of 1,384 acute messages more,
    # for 10 false alarms more in 8,040 calm ones.
    despite_not_now: float = 0.7
    # Below 0.1 lay 53 of the 162 false alarms and none of the 1,124 acute messages.
    calm: float = 0.1


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
        thresholds: AcuteThresholds = AcuteThresholds(),
    ):
        self._rules = rules
        self._acute_model = acute_model
        self._level_model = level_model
        self._thresholds = thresholds

    @classmethod
    def train(
        cls,
        rules: AcuteDetector,
        features: sparse.csr_matrix,
        urgencies: Sequence[Urgency],
        use_acute_model: bool = True,
        thresholds: AcuteThresholds = AcuteThresholds(),
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
        return cls(rules, acute_model, level_model, thresholds)

    def judge(
        self, folded_text: str, language: str, concepts: Mapping[str, int], features: sparse.csr_matrix
    ) -> UrgencyVerdict:
        reading = self._rules.read(folded_text, language)
        kind = reading.kind
        probability = self._model_acute_probability(features)
        if probability is not None:
            thresholds = self._thresholds
            read_whole = len(folded_text) <= MAX_ENCODED_CHARS
            needed = thresholds.despite_not_now if reading.outside_now else thresholds.adds_danger
            if kind == AcuteKind.DANGER and read_whole and probability < thresholds.calm:
                kind = None
            elif kind is None and probability >= needed:
                kind = AcuteKind.SUICIDE if SUICIDE_CONCEPT in concepts else AcuteKind.DANGER
        if kind is not None:
            return UrgencyVerdict(Urgency.ACUUT, kind)
        return UrgencyVerdict(Urgency(str(self._level_model.predict(features)[0])), None)

    def _model_acute_probability(self, features: sparse.csr_matrix) -> float | None:
        if self._acute_model is None:
            return None
        probabilities = self._acute_model.predict_proba(features)[0]
        return float(probabilities[list(self._acute_model.classes_).index(True)])
