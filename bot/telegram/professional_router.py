"""Professionals: card buttons (in groups or private chats) and what they type in partner groups."""
from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery, Message

from bot.app import Buurtlijn
from bot.telegram.handling import handle_button, handle_message
from dialogs.cards import CARD_PREFIX


def build_professional_router(app: Buurtlijn) -> Router:
    router = Router(name="professionals")
    router.message.filter(F.chat.type.in_({"group", "supergroup"}))
    router.callback_query.filter(F.data.startswith(CARD_PREFIX))

    @router.message()
    async def on_group_message(message: Message, bot: Bot) -> None:
        # The core answers only /koppel and text a professional was asked for; the rest is logged and ignored.
        await handle_message(app, message, bot)

    @router.callback_query()
    async def on_card_button(query: CallbackQuery, bot: Bot) -> None:
        await handle_button(app, query, bot)

    return router
