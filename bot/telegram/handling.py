"""The two things every router does: hand an update to the app, and deliver what comes back."""
from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message

from bot.app import Buurtlijn
from bot.telegram.translate import button_press, event_of, incoming, send_replies, sender_of
from dialogs.events import Event

log = logging.getLogger(__name__)


async def handle_message(app: Buurtlijn, message: Message, bot: Bot, event: Event | None = None) -> None:
    answer = await app.handle(incoming(sender_of(message), event or event_of(message)))
    await send_replies(bot, message.chat.id, answer.replies)


async def acknowledge(query: CallbackQuery, toast: str | None = None) -> None:
    """Stops the button's spinner; a press answered too late (or forged) must not cost the reply."""
    try:
        # A toast (e.g. "not allowed") pops up for the presser only, instead of a message in the group.
        await query.answer(text=toast, show_alert=toast is not None)
    except TelegramBadRequest as error:
        log.info("could not answer callback %s: %s", query.id, error.message)


async def handle_button(app: Buurtlijn, query: CallbackQuery, bot: Bot) -> None:
    press = button_press(query)
    if press is None:
        await acknowledge(query)
        return
    answer = await app.handle(press)
    await acknowledge(query, answer.toast)
    await send_replies(bot, press.sender.chat_id, answer.replies)
