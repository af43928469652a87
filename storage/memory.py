"""An in-memory twin of the SQL resident repository, for fast unit tests of the dialog core."""
from __future__ import annotations

import copy
from dataclasses import replace
from datetime import datetime
from typing import Sequence

from dialogs.events import Sender
from dialogs.records import MeldingSummary, NewMelding, ReporterRecord
from storage.resident_repository import locale_from_language_code, reference_for


class InMemoryResidentRepository:
    def __init__(self) -> None:
        self.reporters: dict[int, ReporterRecord] = {}
        self.chats: dict[tuple[str, int], int] = {}
        self.states: dict[int, dict] = {}
        self.meldingen: list[tuple[NewMelding, MeldingSummary]] = []

    async def reporter_for(self, sender: Sender, now: datetime) -> ReporterRecord:
        key = (sender.channel, sender.chat_id)
        if key not in self.chats:
            reporter_id = len(self.reporters) + 1
            self.reporters[reporter_id] = ReporterRecord(
                reporter_id, locale_from_language_code(sender.language_code), False, False, sender.chat_id
            )
            self.chats[key] = reporter_id
        return replace(self.reporters[self.chats[key]])

    async def update_reporter(self, reporter: ReporterRecord) -> None:
        self.reporters[reporter.id] = replace(reporter)

    async def load_state(self, reporter_id: int) -> dict | None:
        return copy.deepcopy(self.states.get(reporter_id))

    async def save_state(self, reporter_id: int, state: dict, now: datetime) -> None:
        self.states[reporter_id] = copy.deepcopy(state)

    async def add_melding(self, new: NewMelding) -> MeldingSummary:
        melding_id = len(self.meldingen) + 1
        summary = MeldingSummary(melding_id, reference_for(melding_id), new.category, new.status,
                                 new.created_at, new.expected_by, new.partner_ids)
        self.meldingen.append((new, summary))
        return summary

    async def meldingen_of(self, reporter_id: int) -> Sequence[MeldingSummary]:
        mine = [summary for new, summary in self.meldingen if new.reporter_id == reporter_id]
        return sorted(mine, key=lambda s: (s.created_at, s.id), reverse=True)

    async def erase_reporter(self, reporter_id: int, now: datetime) -> None:
        reporter = self.reporters.pop(reporter_id)
        self.chats = {key: rid for key, rid in self.chats.items() if rid != reporter_id}
        self.states.pop(reporter_id, None)
        self.meldingen = [
            (replace(new, reporter_id=-1) if new.reporter_id == reporter.id else new, summary)
            for new, summary in self.meldingen
        ]
