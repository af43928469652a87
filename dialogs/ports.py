"""What the dialog core needs from the outside world, as protocols; storage and bot implement them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Mapping, Protocol, Sequence

from dialogs.events import Sender
from dialogs.records import MeldingSummary, NewMelding, ReporterRecord


class DialogStore(Protocol):
    async def reporter_for(self, sender: Sender, now: datetime) -> ReporterRecord: ...
    async def update_reporter(self, reporter: ReporterRecord) -> None: ...
    async def load_state(self, reporter_id: int) -> dict | None: ...
    async def save_state(self, reporter_id: int, state: dict, now: datetime) -> None: ...
    async def add_melding(self, new: NewMelding) -> MeldingSummary: ...
    async def meldingen_of(self, reporter_id: int) -> Sequence[MeldingSummary]: ...
    async def erase_reporter(self, reporter_id: int, now: datetime) -> None: ...


@dataclass(frozen=True)
class Place:
    wijk_id: str
    wijk_name: str
    buurt_id: str
    buurt_name: str
    street: str | None


class Area(Protocol):
    """The gemeente as the dialog sees it: names, places, numbers, the calendar."""

    name: str

    def locate_point(self, latitude: float, longitude: float) -> Place | None: ...
    def locate_text(self, text: str) -> Place | None: ...
    def help_numbers(self) -> Mapping[str, str]: ...
    def expected_answer_date(self, category: str, confirmed_at: datetime) -> date: ...
    def partner_name(self, partner_id: str) -> str: ...


@dataclass(frozen=True)
class RoutingOutcome:
    partner_ids: tuple[str, ...]
    rule_name: str | None


class Router(Protocol):
    def route(self, *, category: str, urgency: str, wijk_id: str | None, buurt_id: str | None,
              at: datetime) -> RoutingOutcome: ...


class Classifier(Protocol):
    def classify(self, text: str): ...
