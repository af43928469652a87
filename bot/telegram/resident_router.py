"""Residents in private chats: every message, edit and button press goes to the dialog core."""
from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery, Message

from bot.app import Buurtlijn
from bot.telegram.handling import handle_button, handle_message
from dialogs.cards import CARD_PREFIX
from dialogs.events import UnsupportedReceived


def build_resident_router(app: Buurtlijn) -> Router:
    router = Router(name="residents")
    router.message.filter(F.chat.type == "private")
    router.edited_message.filter(F.chat.type == "private")
    router.callback_query.filter(~F.data.startswith(CARD_PREFIX))

    @router.message()
    async def on_message(message: Message, bot: Bot) -> None:
        await handle_message(app, message, bot)

    @router.edited_message()
    async def on_edit(message: Message, bot: Bot) -> None:
        await handle_message(app, message, bot, UnsupportedReceived("edited"))

    @router.callback_query()
    async def on_button(query: CallbackQuery, bot: Bot) -> None:
        await handle_button(app, query, bot)

    return router
