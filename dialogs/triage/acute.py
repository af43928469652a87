"""Danger now: the messages whose first reply must be 112 (or 113 for suicide).

Rules, because a miss is unacceptable and rules can be read and checked by people who know the
work (`urgency.UrgencyModel` adds a model on top): a message is acute when it names a danger
(violence or weapons, fire, suicide, a young child unattended or at a hazard) and nothing places
that danger outside the present. Past events ("vorige maand"), hearsay ("ik hoorde dat"), habits
("elke avond") and threats about later ("heeft gedreigd") are serious but not acute, unless a
strong marker says it is happening right now ("op dit moment").

Suicide is treated apart: someone who says they want to die needs 113 whatever the tense, so only
a completed suicide in the past is not acute.

The cue words live in data/acute_cues.json, in the pattern syntax of `concepts.ConceptLexicon`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dialogs.triage.concepts import ConceptLexicon
from dialogs.vocabulary import AcuteKind

# Each danger cue may be cancelled by a cue that shows the words mean something harmless here
# ("lek gestoken" is a flat tyre, "ışık yanıyor" is a traffic light that is on).
DANGER_CUES = {
    "violence": "not_violence",
    "fire": "not_fire",
    "smoke": "not_smoke",
    "life_danger": "not_life_danger",
}
NOT_NOW_CUES = ("past", "hearsay", "habitual", "conditional")


@dataclass(frozen=True)
class AcuteReading:
    kind: AcuteKind | None  # the emergency described as happening now, or None
    outside_now: bool  # the message places what it describes in the past, hearsay, a habit or an "if"


class AcuteDetector:
    def __init__(self, cues: ConceptLexicon):
        self._cues = cues

    @classmethod
    def from_json(cls, path: Path) -> AcuteDetector:
        return cls(ConceptLexicon.from_json(path))

    def read(self, folded_text: str, language: str) -> AcuteReading:
        """What the cues in a (folded) message say about danger now."""
        found = self._cues.find(folded_text, language)
        outside_now = "now_strong" not in found and (
            "calm_now" in found or any(cue in found for cue in NOT_NOW_CUES)
        )
        return AcuteReading(self._kind(found, outside_now), outside_now)

    @staticmethod
    def _kind(found: dict[str, int], outside_now: bool) -> AcuteKind | None:
        if "suicide" in found and "suicide_past" not in found:
            return AcuteKind.SUICIDE
        dangers = [cue for cue, harmless in DANGER_CUES.items() if cue in found and harmless not in found]
        if "young_child" in found and "child_hazard" in found:
            dangers.append("child_danger")
        if not dangers or outside_now:
            return None
        return AcuteKind.DANGER
