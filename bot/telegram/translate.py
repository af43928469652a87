"""Telegram updates to dialog events, and rendered replies to Telegram calls. No decisions here."""
from __future__ import annotations

from datetime import datetime, timezone

from aiogram import Bot
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
)

from bot.app import RenderedReply
from dialogs.events import (
    ButtonPressed,
    Event,
    Incoming,
    LocationShared,
    PhotoShared,
    Sender,
    TextReceived,
    UnsupportedReceived,
    parse_command,
)

CHANNEL = "telegram"


def sender_of(message: Message) -> Sender:
    user = message.from_user
    return Sender(CHANNEL, message.chat.id, user.language_code if user else None,
                  user_id=user.id if user else None, private=message.chat.type == "private")


def incoming(sender: Sender, event: Event) -> Incoming:
    return Incoming(sender, event, datetime.now(timezone.utc))


def event_of(message: Message) -> Event:
    if message.text is not None:
        return parse_command(message.text) or TextReceived(message.text)
    if message.location is not None:
        return LocationShared(message.location.latitude, message.location.longitude)
    if message.photo:
        return PhotoShared(message.photo[-1].file_id, message.caption)
    if message.sticker is not None:
        return UnsupportedReceived("sticker")
    if message.voice is not None or message.audio is not None or message.video_note is not None:
        return UnsupportedReceived("voice")
    return UnsupportedReceived(message.content_type)


def button_press(query: CallbackQuery) -> Incoming | None:
    """None for presses Telegram sends without the message (too old) or without data."""
    if query.message is None or not query.data:
        return None
    chat = query.message.chat
    sender = Sender(CHANNEL, chat.id, query.from_user.language_code, user_id=query.from_user.id,
                    private=chat.type == "private")
    return incoming(sender, ButtonPressed(query.data))


def inline_keyboard(reply: RenderedReply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=label, callback_data=data) for label, data in row] for row in reply.buttons
    ])


async def send_replies(bot: Bot, chat_id: int, replies: list[RenderedReply]) -> None:
    for reply in replies:
        if reply.photo_file_id:
            await bot.send_photo(chat_id, reply.photo_file_id, caption=reply.text, reply_markup=inline_keyboard(reply))
        else:
            await bot.send_message(chat_id, reply.text, reply_markup=inline_keyboard(reply))
        if reply.location_hint:
            # A message carries one keyboard: the inline choices above, the location request in its own message.
            await bot.send_message(chat_id, reply.location_hint, reply_markup=ReplyKeyboardMarkup(
                keyboard=[[KeyboardButton(text=reply.location_button, request_location=True)]],
                resize_keyboard=True, one_time_keyboard=True,
            ))
