"""Facts the dialog core reports to the rest of the system, handled after it returns."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MeldingConfirmed:
    melding_id: int
    reference: str
    partner_ids: tuple[str, ...]
    acute: bool


@dataclass(frozen=True)
class ResidentAnsweredQuestion:
    melding_id: int
    question_id: int
    answer: str
