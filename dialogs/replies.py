"""What the dialog core answers: message keys with parameters and button specs, never markup.

A channel renders a `Message` through the catalogs of the resident's language; parameters may
themselves be messages (a category label inside a summary), dates, numbers or verbatim text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Union


def N_(key: str) -> str:
    """Marks a message key for `pybabel extract`; the key itself is the msgid."""
    return key


def NP_(key: str, plural_key: str) -> str:
    """Marks a key with plural forms (extracted as msgid + msgid_plural); render it with `count`."""
    return key


@dataclass(frozen=True)
class Verbatim:
    """Text written by a person (a resident, a partner), shown as is and isolated in RTL text."""

    text: str


@dataclass(frozen=True)
class Message:
    key: str
    params: tuple[tuple[str, "Param"], ...] = ()
    count: int | None = None  # selects the plural form for keys with plural forms

    def __init__(self, key: str, count: int | None = None, **params: "Param") -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "count", count)
        object.__setattr__(self, "params", tuple(sorted(params.items())))

    def param(self, name: str) -> "Param":
        return dict(self.params)[name]


@dataclass(frozen=True)
class Lines:
    """Items shown one per line (a digest's meldingen); each item is a whole message of its own."""

    items: tuple["Param", ...]


Param = Union[Message, Verbatim, Lines, str, int, date, datetime]


@dataclass(frozen=True)
class Button:
    label: Message
    data: str  # at most 64 bytes: Telegram's callback data limit


@dataclass(frozen=True)
class Reply:
    message: Message
    buttons: tuple[tuple[Button, ...], ...] = ()
    ask_location: bool = False  # offer the channel's "share my location" control
    photo_file_id: str | None = None


@dataclass(frozen=True)
class Notice:
    """A message to someone other than the speaker (a partner chat, a resident): goes through the outbox."""

    chat_id: int
    locale: str
    reply: Reply
    kind: str
    melding_id: int | None = None


@dataclass
class Outcome:
    """The replies to send to the person who spoke, plus what happened for other parts of the system."""

    replies: list[Reply] = field(default_factory=list)
    events: list[object] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    # A short answer to a button press shown as a pop-up, instead of a message in a (group) chat.
    toast: Message | None = None

    def say(self, key: str, *, buttons: tuple[tuple[Button, ...], ...] = (), ask_location: bool = False,
            count: int | None = None, **params: Param) -> None:
        self.replies.append(Reply(Message(key, count=count, **params), buttons, ask_location))
