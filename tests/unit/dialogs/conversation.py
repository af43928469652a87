"""A scripted resident for dialog tests: say things, press buttons by data, read reply keys."""
from __future__ import annotations

from datetime import datetime, timezone

from dialogs import core
from dialogs.context import DialogServices
from dialogs.events import ButtonPressed, Incoming, LocationShared, PhotoShared, Sender, TextReceived, parse_command
from dialogs.replies import Reply

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)


class Resident:
    def __init__(self, services: DialogServices, chat_id: int = 7, language_code: str | None = "nl") -> None:
        self.services = services
        self.sender = Sender("test", chat_id, language_code)
        self.replies: list[Reply] = []
        self.locale = None

    async def _send(self, event) -> list[Reply]:
        result = await core.handle(Incoming(self.sender, event, NOW), self.services)
        self.replies, self.locale = result.replies, result.locale
        self.events = result.events
        self.result_notices = result.notices
        return self.replies

    async def says(self, text: str) -> list[Reply]:
        return await self._send(parse_command(text) or TextReceived(text))

    async def presses(self, data: str) -> list[Reply]:
        offered = [b.data for r in self.replies for row in r.buttons for b in row]
        assert data in offered, f"{data!r} not offered; offered: {offered}"
        return await self._send(ButtonPressed(data))

    async def presses_stale(self, data: str) -> list[Reply]:
        return await self._send(ButtonPressed(data))

    async def shares_location(self, lat: float, lon: float) -> list[Reply]:
        return await self._send(LocationShared(lat, lon))

    async def sends_photo(self, file_id: str, caption: str | None = None) -> list[Reply]:
        return await self._send(PhotoShared(file_id, caption))

    async def sends(self, event) -> list[Reply]:
        return await self._send(event)

    @property
    def keys(self) -> list[str]:
        return [r.message.key for r in self.replies]
