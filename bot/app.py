"""The composition root and the one service every channel calls: an incoming event in, rendered replies out."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.area import GemeenteArea
from bot.followup.notice_timing import ResidentNoticeTiming
from bot.followup.opt_out import withdraw_queued_messages
from bot.followup.planner import FollowUpPlanner
from bot.followup.quiet_hours import ResidentDelivery
from bot.gemeente.loader import example_gemeente_path, load_gemeente
from bot.i18n import Texts
from bot.settings import Settings
from dialogs import core
from dialogs.context import DialogServices
from dialogs.events import Incoming
from dialogs.ports import Classifier
from dialogs.replies import N_, Message, Notice, Reply
from dialogs.triage import load_triager
from storage.db import create_engine, create_session_factory, is_sqlite
from storage.migrate import upgrade_async
from storage.resident_repository import locale_from_language_code
from storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

SHARE_LOCATION = N_("button.share_location")
SHARE_LOCATION_HINT = N_("intake.share_location_hint")
GENERIC_ERROR = N_("error.generic")


@dataclass(frozen=True)
class RenderedReply:
    text: str
    buttons: tuple[tuple[tuple[str, str], ...], ...] = ()  # rows of (label, callback data)
    location_hint: str | None = None  # when set: offer "share my location", with this text
    location_button: str | None = None
    photo_file_id: str | None = None


@dataclass(frozen=True)
class Answer:
    """What goes back to the chat an update came from; everything else went into the outbox."""

    replies: list[RenderedReply]
    toast: str | None = None


@dataclass
class Buurtlijn:
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker
    area: GemeenteArea
    texts: Texts
    classifier: Classifier
    # Called as handler(uow, events, now) inside the update's transaction (e.g. the follow-up planner).
    event_handlers: list = field(default_factory=list)
    # Decides each notice's not_before (quiet hours for news to residents); None sends at once.
    notice_timing: Callable[[UnitOfWork, Notice, datetime], Awaitable[datetime]] | None = None

    async def handle(self, incoming: Incoming) -> Answer:
        """One unit of work per event: the conversation and every message it causes commit together."""
        async with UnitOfWork(self.session_factory) as uow:
            try:
                services = DialogServices(
                    store=uow.residents, area=self.area, router=self.area, classifier=self.classifier,
                    meldingen=uow.meldingen, professionals=uow.professionals,
                )
                result = await core.handle(incoming, services)
                now = incoming.received_at
                for notice in result.notices:
                    not_before = await self.notice_timing(uow, notice, now) if self.notice_timing else now
                    await self.enqueue(uow, notice, now, not_before)
                for handler in self.event_handlers:
                    await handler(uow, result.events, now)
                await uow.commit()
            except Exception:
                log.exception("handling %s from %s failed", type(incoming.event).__name__, incoming.sender.channel)
                locale = locale_from_language_code(incoming.sender.language_code)
                return Answer([self.render(Reply(Message(GENERIC_ERROR)), locale)])
        toast = self.texts.render(result.toast, result.locale) if result.toast else None
        return Answer([self.render(reply, result.locale) for reply in result.replies], toast)

    async def enqueue(self, uow: UnitOfWork, notice: Notice, now: datetime,
                      not_before: datetime | None = None) -> None:
        rendered = self.render(notice.reply, notice.locale)
        await uow.outbox.enqueue(
            chat_id=notice.chat_id, kind=notice.kind, text=rendered.text, now=now,
            buttons=[[list(button) for button in row] for row in rendered.buttons] or None,
            photo_file_id=notice.reply.photo_file_id, melding_id=notice.melding_id, not_before=not_before,
        )

    def render(self, reply: Reply, locale: str) -> RenderedReply:
        buttons = tuple(
            tuple((self.texts.render(button.label, locale), button.data) for button in row) for row in reply.buttons
        )
        return RenderedReply(
            text=self.texts.render(reply.message, locale),
            buttons=buttons,
            location_hint=self.texts.render(Message(SHARE_LOCATION_HINT), locale) if reply.ask_location else None,
            location_button=self.texts.render(Message(SHARE_LOCATION), locale) if reply.ask_location else None,
            photo_file_id=reply.photo_file_id,
        )

    async def close(self) -> None:
        await self.engine.dispose()


async def bootstrap(settings: Settings, classifier: Classifier | None = None) -> Buurtlijn:
    """`classifier` replaces the trained triage in tests that script what a text means."""
    if is_sqlite(settings.database_url):
        # The embedded default keeps itself current; PostgreSQL deployments run `buurtlijn db upgrade`.
        await upgrade_async(settings.database_url)
    gemeente_path = Path(settings.gemeente) if settings.gemeente else example_gemeente_path()
    gemeente = load_gemeente(gemeente_path)
    log.info("gemeente %s from %s", gemeente.name, gemeente_path)
    engine = create_engine(settings.database_url)
    area = GemeenteArea(gemeente)
    return Buurtlijn(
        settings=settings,
        engine=engine,
        session_factory=create_session_factory(engine),
        area=area,
        texts=Texts(timezone=gemeente.timezone.key),
        classifier=classifier or load_triager(),
        event_handlers=[FollowUpPlanner(area.calendar), withdraw_queued_messages],
        notice_timing=ResidentNoticeTiming(ResidentDelivery.of(gemeente)),
    )
