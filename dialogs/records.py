"""Plain records that cross between the dialog core and storage (no ORM objects in dialogs)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class ReporterRecord:
    id: int
    locale: str
    locale_chosen: bool
    stopped: bool
    chat_id: int | None = None
    updates_wijk_id: str | None = None


@dataclass(frozen=True)
class NewMelding:
    reporter_id: int
    text: str
    language: str
    category: str
    urgency: str
    acute_kind: str | None
    frequency: str | None
    privacy_mode: str
    status: str
    wijk_id: str | None
    buurt_id: str | None
    place_text: str | None
    latitude: float | None
    longitude: float | None
    photo_file_ids: tuple[str, ...]
    partner_ids: tuple[str, ...]
    routing_rule: str | None
    created_at: datetime
    expected_by: date | None
    closing_message: str | None = None


@dataclass(frozen=True)
class MeldingSummary:
    id: int
    reference: str
    category: str
    status: str
    created_at: datetime
    expected_by: date | None
    partner_ids: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class MeldingView:
    """A melding as professionals and follow-ups work with it, with who to tell and in which language."""

    id: int
    reference: str
    text: str
    category: str
    urgency: str
    acute_kind: str | None
    frequency: str | None
    privacy_mode: str
    status: str
    wijk_id: str | None
    buurt_id: str | None
    place_text: str | None
    created_at: datetime
    expected_by: date | None
    last_activity_at: datetime
    partner_ids: tuple[str, ...]
    photo_file_ids: tuple[str, ...]
    reporter_chat_id: int | None  # None once the resident used /vergeet
    reporter_locale: str
    reporter_stopped: bool


@dataclass(frozen=True)
class ProfessionalRecord:
    id: int
    telegram_user_id: int
    partner_id: str
    role: str
    pending: dict | None  # the free-text answer this professional is expected to type next


@dataclass(frozen=True)
class QuestionRecord:
    id: int
    melding_id: int
    professional_id: int | None
    asked_in_chat: int | None
