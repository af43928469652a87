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
