"""People in end-to-end tests: they type and tap in a chat of the fake Telegram and read what the bot sends.

Replies are recognised by their catalog text in the reader's language, so a test fails when the
bot answers in the wrong language, not only when it answers the wrong thing.
"""
from __future__ import annotations

import re

from bot.i18n import Texts
from tests.support.fake_bot_api import FakeBotAPI

TEXTS = Texts()


def fixed_text(key: str, locale: str) -> str:
    """The longest literal stretch of a catalog text: present in every rendering of it."""
    template = TEXTS.translations[locale].gettext(key)
    return max(re.split(r"\{[^}]*\}", template), key=len).strip()


class ChatParticipant:
    def __init__(self, api: FakeBotAPI, chat_id: int, locale: str) -> None:
        self.api, self.chat_id, self.locale = api, chat_id, locale
        self.last: dict | None = None

    async def expect(self, key: str, timeout: float = 15.0) -> dict:
        """Reads the bot's messages in this chat until one is the text of `key`."""
        wanted = fixed_text(key, self.locale)
        seen = []
        while True:
            message = await self.api.next_message(self.chat_id, timeout=timeout)
            text = message.get("text") or message.get("caption") or ""
            seen.append(text)
            if wanted in text:
                self.last = message
                return message

    def offered(self, message: dict | None = None) -> list[str]:
        return [data for _, data in self.api.buttons(message or self.last)]

    async def press(self, data: str) -> None:
        assert data in self.offered(), f"{data!r} is not offered: {self.offered()}"
        self.api.user_presses_button(self.chat_id, data, message_id=self.last["message_id"])


class Resident(ChatParticipant):
    async def says(self, text: str) -> None:
        self.api.user_sends_text(self.chat_id, text, language_code=self.locale)

    async def choose_category(self, slug: str) -> None:
        await self.expect("intake.ask_category")
        if f"i:cat:{slug}" not in self.offered():
            await self.press("i:cat:*")
            await self.expect("intake.ask_category_all")
        await self.press(f"i:cat:{slug}")

    async def reports(self, text: str, category: str, *, latitude: float, longitude: float,
                      privacy: str = "anonymous") -> str:
        """A whole intake; returns the reference from the receipt."""
        await self.says(text)
        await self.choose_category(category)
        await self.expect("intake.ask_where")
        self.api.user_shares_location(self.chat_id, latitude, longitude)
        await self.expect("intake.place_found")
        await self.expect("intake.ask_when")
        await self.press("i:when:recurring")
        await self.expect("intake.ask_privacy")
        await self.press(f"i:priv:{privacy}")
        await self.expect("intake.summary")
        await self.press("i:send")
        receipt = await self.expect("receipt.sent")
        return re.search(r"BL-\d+", receipt["text"]).group(0)
