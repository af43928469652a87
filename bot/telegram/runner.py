"""Builds the aiogram Bot and Dispatcher around a Buurtlijn app and runs it by long polling or webhook."""
from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.types import ErrorEvent
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.app import Buurtlijn
from bot.followup.worker import FollowUpWorker
from bot.outbox.dispatcher import OutboxDispatcher
from bot.scheduling import start_scheduler
from bot.settings import Settings
from bot.telegram.professional_router import build_professional_router
from bot.telegram.resident_router import build_resident_router
from bot.telegram.sender import TelegramSender

log = logging.getLogger(__name__)
WEBHOOK_PATH = "/telegram/webhook"


def build_bot(settings: Settings) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api)) if settings.telegram_api else None
    return Bot(settings.telegram_token, session=session)


def build_dispatcher(app: Buurtlijn) -> Dispatcher:
    # Isolation makes updates of one chat run one after another, so a conversation never interleaves.
    dispatcher = Dispatcher(events_isolation=SimpleEventIsolation())
    dispatcher.include_routers(build_resident_router(app), build_professional_router(app))

    @dispatcher.errors()
    async def on_error(event: ErrorEvent) -> bool:
        log.error("update %s failed: %r", event.update.update_id, event.exception, exc_info=event.exception)
        return True

    return dispatcher


@asynccontextmanager
async def background_work(app: Buurtlijn, bot: Bot):
    dispatcher = OutboxDispatcher(app.session_factory, TelegramSender(bot))
    followups = FollowUpWorker(app)
    await followups.plan_weekly_digests()
    scheduler = start_scheduler(dispatcher, followups)
    try:
        yield
    finally:
        scheduler.shutdown(wait=False)
        await dispatcher.close()


async def run_polling(app: Buurtlijn) -> None:
    bot = build_bot(app.settings)
    dispatcher = build_dispatcher(app)
    try:
        await bot.delete_webhook(drop_pending_updates=False)
        async with background_work(app, bot):
            await dispatcher.start_polling(bot, handle_signals=True, close_bot_session=True,
                                           allowed_updates=dispatcher.resolve_used_update_types())
    finally:
        await app.close()


async def run_webhook(app: Buurtlijn) -> None:
    settings = app.settings
    bot = build_bot(settings)
    dispatcher = build_dispatcher(app)
    web_app = web.Application()
    SimpleRequestHandler(dispatcher, bot, secret_token=settings.webhook_secret).register(web_app, path=WEBHOOK_PATH)
    setup_application(web_app, dispatcher, bot=bot)
    await bot.set_webhook(settings.webhook_url.rstrip("/") + WEBHOOK_PATH, secret_token=settings.webhook_secret,
                          allowed_updates=dispatcher.resolve_used_update_types())
    runner = web.AppRunner(web_app)
    await runner.setup()
    await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
    log.info("webhook listening on %s:%s%s", settings.webhook_host, settings.webhook_port, WEBHOOK_PATH)
    try:
        async with background_work(app, bot):
            await asyncio.Event().wait()
    finally:
        await runner.cleanup()
        await app.close()
