"""A whole Buurtlijn on a real SQLite file with a clock the test moves: residents, a professional, the
follow-up worker and the outbox dispatcher, and a record of every message that reached a chat.

Time only moves when the test says so, and it jumps straight to the next moment something is due
(a follow-up, an outbox row, a scripted action), so weeks pass in seconds without sleeping.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.app import Buurtlijn, bootstrap
from bot.followup.worker import FollowUpWorker
from bot.outbox.delivery import Delivered
from bot.outbox.dispatcher import OutboxDispatcher
from bot.settings import Settings
from dialogs.events import ButtonPressed, CommandReceived, Incoming, Sender, TextReceived, parse_command
from storage import models
from storage.unit_of_work import UnitOfWork
from tests.unit.dialogs.fakes import KeywordClassifier

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
COORDINATOR_CHAT = -1009000000102  # gemeente-oov in the example gemeente


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM).astimezone(UTC)


@dataclass(frozen=True)
class Received:
    chat_id: int
    kind: str
    text: str
    at: datetime
    buttons: tuple[str, ...]

    @property
    def local_at(self) -> datetime:
        return self.at.astimezone(AMSTERDAM)


class RecordingTelegram:
    """The dispatcher's sender: every message is delivered, at the world's current time."""

    def __init__(self, world: "World") -> None:
        self.world = world

    async def send(self, message) -> Delivered:
        buttons = tuple(data for row in message.buttons or () for _, data in row)
        self.world.received.append(Received(message.chat_id, message.kind, message.text, self.world.now, buttons))
        return Delivered()


@dataclass
class World:
    app: Buurtlijn
    now: datetime
    received: list[Received] = field(default_factory=list)
    worker: FollowUpWorker = field(init=False)
    dispatcher: OutboxDispatcher = field(init=False)
    _slept: float = 0.0

    def __post_init__(self) -> None:
        self.worker = FollowUpWorker(self.app, clock=lambda: self.now)
        self.dispatcher = OutboxDispatcher(self.app.session_factory, RecordingTelegram(self), clock=lambda: self.now,
                                           monotonic=self._monotonic, sleep=self._sleep)

    @classmethod
    async def create(cls, database_url: str, start: datetime) -> "World":
        return cls(await bootstrap(Settings(database_url=database_url), classifier=KeywordClassifier()), start)

    def _monotonic(self) -> float:
        # The send limiter's clock: the world's time, plus the waits it asked for within one moment.
        return self.now.timestamp() + self._slept

    async def _sleep(self, seconds: float) -> None:
        self._slept += seconds

    async def handle(self, sender: Sender, event) -> list[str]:
        answer = await self.app.handle(Incoming(sender, event, self.now))
        return [reply.text for reply in answer.replies]

    async def settle(self) -> None:
        """What a running bot does within a few seconds: due follow-ups, then the outbox."""
        await self.worker.run_until_idle()
        await self.dispatcher.drain()

    async def next_due(self) -> datetime | None:
        async with UnitOfWork(self.app.session_factory) as uow:
            followup = await uow.session.scalar(select(func.min(models.FollowUp.due_at)).where(
                models.FollowUp.state == "pending"))
            message = await uow.session.scalar(select(func.min(models.OutboxMessage.not_before)).where(
                models.OutboxMessage.state == "pending"))
        return min((moment for moment in (followup, message) if moment), default=None)

    async def run_until(self, moment: datetime) -> None:
        """Lets the schedule run up to and including `moment`, stopping at every due time."""
        while True:
            await self.settle()
            due = await self.next_due()
            if due is None or due > moment:
                break
            self.now = max(self.now, due)
        self.now = moment
        await self.settle()

    def messages_to(self, chat_id: int) -> list[Received]:
        return [message for message in self.received if message.chat_id == chat_id]


class Person:
    def __init__(self, world: World, sender: Sender) -> None:
        self.world, self.sender = world, sender
        self.last: list[str] = []

    async def says(self, text: str) -> list[str]:
        self.last = await self.world.handle(self.sender, parse_command(text) or TextReceived(text))
        return self.last

    async def presses(self, data: str) -> list[str]:
        self.last = await self.world.handle(self.sender, ButtonPressed(data))
        return self.last


class ResidentAt(Person):
    def __init__(self, world: World, chat_id: int, locale: str) -> None:
        super().__init__(world, Sender("telegram", chat_id, locale))
        self.locale = locale

    async def reports(self, text: str, category: str) -> str:
        await self.says("/taal")
        await self.presses(f"lang:{self.locale}")
        await self.says(text)
        for data in (f"i:cat:{category}", "i:where:skip", "i:when:now", "i:priv:anonymous", "i:send"):
            await self.presses(data)
        return re.search(r"BL-\d+", self.last[0]).group(0)


class Coordinator(Person):
    """A gemeente coordinator: may work every melding, from the coordinator's group chat."""

    async def link(self, code: str) -> None:
        await self.world.handle(self.sender, CommandReceived("koppel", code))

    async def on(self, melding_id: int, *actions: str) -> None:
        for action in actions:
            await self.presses(f"p:{action.format(id=melding_id)}")
