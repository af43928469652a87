"""Sends one outbox row through aiogram and names the outcome in the dispatcher's terms."""
from __future__ import annotations

import asyncio

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.outbox.delivery import Blocked, Delivered, DeliveryResult, Rejected, RetryAfter, TransientFailure
from storage.outbox_repository import OutgoingMessage

SEND_TIMEOUT_SECONDS = 20


def keyboard(buttons: list | None) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=label, callback_data=data) for label, data in row] for row in buttons
    ])


class TelegramSender:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, message: OutgoingMessage) -> DeliveryResult:
        markup = keyboard(message.buttons)
        try:
            if message.photo_file_id:
                await self.bot.send_photo(message.chat_id, message.photo_file_id, caption=message.text or None,
                                          reply_markup=markup, request_timeout=SEND_TIMEOUT_SECONDS)
            else:
                await self.bot.send_message(message.chat_id, message.text, reply_markup=markup,
                                            request_timeout=SEND_TIMEOUT_SECONDS)
        except TelegramRetryAfter as error:
            return RetryAfter(float(error.retry_after))
        except TelegramForbiddenError as error:
            return Blocked(error.message)
        except (TelegramBadRequest, TelegramNotFound) as error:
            return Rejected(error.message)
        except (TelegramServerError, TelegramNetworkError, asyncio.TimeoutError) as error:
            return TransientFailure(f"{type(error).__name__}: {error}")
        return Delivered()
