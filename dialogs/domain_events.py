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


@dataclass(frozen=True)
class StatusChanged:
    """One whitelisted transition, whoever made it."""

    melding_id: int
    old: str
    new: str


@dataclass(frozen=True)
class MeldingForwarded:
    """A partner passed the melding on: the new partner has to accept it in time, as after routing."""

    melding_id: int
    to_partner: str


@dataclass(frozen=True)
class QuestionAsked:
    melding_id: int
    question_id: int


@dataclass(frozen=True)
class ResidentOptedOut:
    """/stop or /vergeet: nothing the bot queued for this chat may still reach it."""

    chat_id: int
