"""`buurtlijn broadcast`: "what we did" news for the residents of one wijk who asked for it.

A text per language; a resident whose language has no text gets the Dutch one under a note in their
own language saying so. Every message is an outbox row, written in one transaction and sent by the
dispatcher within Telegram's limits; at night they wait for the end of the quiet hours.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bot.admin import AdminError, load_area, unit_of_work
from bot.followup.quiet_hours import ResidentDelivery
from bot.i18n import Texts
from bot.settings import Settings
from dialogs.replies import N_, Message, Verbatim
from dialogs.vocabulary import DEFAULT_LANGUAGE, LANGUAGES
from storage.outbox_repository import NewMessage

KIND = "broadcast"
# Telegram allows 4096 characters; the heading in the resident's language needs the rest.
MAX_TEXT_LENGTH = 3500


@dataclass(frozen=True)
class BroadcastResult:
    wijk_name: str
    in_own_language: dict[str, int]
    in_dutch_instead: dict[str, int]
    not_before: datetime

    @property
    def recipients(self) -> int:
        return sum(self.in_own_language.values()) + sum(self.in_dutch_instead.values())


def text_argument(value: str) -> str:
    """The command line takes a file name or the text itself."""
    path = Path(value)
    return path.read_text(encoding="utf-8").strip() if path.is_file() else value.strip()


def message_for(locale: str, wijk_name: str, texts: dict[str, str]) -> Message:
    wijk = Verbatim(wijk_name)
    if locale in texts:
        return Message(N_("broadcast.message"), wijk=wijk, text=Verbatim(texts[locale]))
    return Message(N_("broadcast.message_in_dutch"), wijk=wijk, text=Verbatim(texts[DEFAULT_LANGUAGE]))


def _checked(texts: dict[str, str]) -> dict[str, str]:
    texts = {code: text for code, text in texts.items() if text}
    if DEFAULT_LANGUAGE not in texts:
        raise AdminError("a broadcast needs a Dutch text (--text-nl): it is what every other language falls back to")
    unknown = set(texts) - set(LANGUAGES)
    if unknown:
        raise AdminError(f"unknown language(s) {', '.join(sorted(unknown))}; known: {', '.join(LANGUAGES)}")
    too_long = [code for code, text in texts.items() if len(text) > MAX_TEXT_LENGTH]
    if too_long:
        raise AdminError(f"text too long for Telegram ({', '.join(too_long)}): at most {MAX_TEXT_LENGTH} characters")
    return texts


async def broadcast(settings: Settings, wijk_id: str, texts: dict[str, str],
                    now: datetime | None = None) -> BroadcastResult:
    texts = _checked(texts)
    area = load_area(settings)
    wijk = area.gemeente.wijk(wijk_id)
    if wijk is None:
        known = ", ".join(w.id for w in area.gemeente.wijken)
        raise AdminError(f"unknown wijk {wijk_id!r}; known: {known}")
    now = now or datetime.now(timezone.utc)
    not_before = ResidentDelivery.of(area.gemeente).moment(now)
    renderer = Texts(timezone=area.gemeente.timezone.key)
    rendered = {code: renderer.render(message_for(code, wijk.name, texts), code) for code in LANGUAGES}
    async with unit_of_work(settings) as uow:
        followers = await uow.followups.followers_of(wijk_id)
        await uow.outbox.enqueue_many([
            NewMessage(f.chat_id, KIND, rendered.get(f.locale, rendered[DEFAULT_LANGUAGE]), not_before)
            for f in followers
        ], now)
        languages = Counter(f.locale if f.locale in rendered else DEFAULT_LANGUAGE for f in followers)
        await uow.professionals.audit(None, "broadcast", None, now, wijk=wijk_id, recipients=len(followers),
                                      languages=sorted(texts))
        await uow.commit()
    return BroadcastResult(
        wijk_name=wijk.name,
        in_own_language={code: n for code, n in languages.items() if code in texts},
        in_dutch_instead={code: n for code, n in languages.items() if code not in texts},
        not_before=not_before,
    )
