"""Resident updates in private chats: every message, edit and button press goes to the dialog core."""
from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery, Message

from bot.app import Buurtlijn
from bot.telegram.translate import CHANNEL, event_of, incoming, send_replies, sender_of
from dialogs.events import ButtonPressed, Sender, UnsupportedReceived

log = logging.getLogger(__name__)


def build_resident_router(app: Buurtlijn) -> Router:
    router = Router(name="residents")
    router.message.filter(F.chat.type == "private")
    router.edited_message.filter(F.chat.type == "private")

    @router.message()
    async def on_message(message: Message, bot: Bot) -> None:
        replies = await app.handle(incoming(sender_of(message), event_of(message)))
        await send_replies(bot, message.chat.id, replies)

    @router.edited_message()
    async def on_edit(message: Message, bot: Bot) -> None:
        replies = await app.handle(incoming(sender_of(message), UnsupportedReceived("edited")))
        await send_replies(bot, message.chat.id, replies)

    @router.callback_query()
    async def on_button(query: CallbackQuery, bot: Bot) -> None:
        await query.answer()
        if query.message is None or query.message.chat.type != "private":
            log.info("ignored button outside a private chat")
            return
        sender = Sender(CHANNEL, query.message.chat.id, query.from_user.language_code)
        replies = await app.handle(incoming(sender, ButtonPressed(query.data or "")))
        await send_replies(bot, query.message.chat.id, replies)

    return router
