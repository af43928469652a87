"""What triage tells the dialog about one message (the contract the dialog layer relies on)."""
from __future__ import annotations

from dataclasses import dataclass

from dialogs.vocabulary import AcuteKind, Urgency


@dataclass(frozen=True)
class Candidate:
    category: str
    score: float  # in [0, 1]; the scores of all candidates sum to about 1


@dataclass(frozen=True)
class Triage:
    language: str  # one of LANGUAGES; "nl" when undecidable (emoji-only, empty)
    language_confident: bool  # False for very short or undecidable texts: keep the chosen language
    category: str  # the best candidate
    candidates: tuple[Candidate, ...]  # all categories, best first
    urgency: Urgency
    acute_kind: AcuteKind | None  # DANGER (112) or SUICIDE (113); None unless urgency is acuut
