"""What a channel hands to the dialog core: who said something, and what."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Sender:
    channel: str  # "telegram", "console"
    chat_id: int
    language_code: str | None = None
    # The person (not the chat): professionals act from groups, where chat and person differ.
    user_id: int | None = None
    private: bool = True  # False for group chats, where residents' matters never belong


@dataclass(frozen=True)
class TextReceived:
    text: str


@dataclass(frozen=True)
class CommandReceived:
    command: str  # without the slash, lower case, without @botname
    argument: str = ""


@dataclass(frozen=True)
class ButtonPressed:
    data: str


@dataclass(frozen=True)
class LocationShared:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class PhotoShared:
    file_id: str
    caption: str | None = None


@dataclass(frozen=True)
class UnsupportedReceived:
    """A sticker, voice note, edit or anything else the intake cannot use; `kind` says which."""

    kind: str


Event = TextReceived | CommandReceived | ButtonPressed | LocationShared | PhotoShared | UnsupportedReceived


@dataclass(frozen=True)
class Incoming:
    sender: Sender
    event: Event
    received_at: datetime


def parse_command(text: str) -> CommandReceived | None:
    """'/Melden@BuurtlijnBot iets' → CommandReceived('melden', 'iets'); None for ordinary text."""
    if not text.startswith("/"):
        return None
    head, _, argument = text[1:].partition(" ")
    name = head.split("@", 1)[0].lower()
    return CommandReceived(name, argument.strip()) if name else None
