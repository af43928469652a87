"""The two things every router does: hand an update to the app, and deliver what comes back."""
from __future__ import annotations

from aiogram import Bot
from aiogram.types import CallbackQuery, Message

from bot.app import Buurtlijn
from bot.telegram.translate import button_press, event_of, incoming, send_replies, sender_of
from dialogs.events import Event


async def handle_message(app: Buurtlijn, message: Message, bot: Bot, event: Event | None = None) -> None:
    answer = await app.handle(incoming(sender_of(message), event or event_of(message)))
    await send_replies(bot, message.chat.id, answer.replies)


async def handle_button(app: Buurtlijn, query: CallbackQuery, bot: Bot) -> None:
    press = button_press(query)
    if press is None:
        await query.answer()
        return
    answer = await app.handle(press)
    # A toast (e.g. "not allowed") pops up for the presser only, instead of a message in the group.
    await query.answer(text=answer.toast, show_alert=answer.toast is not None)
    await send_replies(bot, press.sender.chat_id, answer.replies)
