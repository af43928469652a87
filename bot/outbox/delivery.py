"""What happened to one send attempt, in words the dispatcher understands (no Telegram types)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from storage.outbox_repository import OutgoingMessage


@dataclass(frozen=True)
class Delivered:
    pass


@dataclass(frozen=True)
class RetryAfter:
    """Telegram's 429: wait exactly this long (for this chat, or for the whole bot)."""

    seconds: float
    whole_bot: bool = False


@dataclass(frozen=True)
class Blocked:
    """403: the person blocked the bot or left; sending again is pointless and unwanted."""

    reason: str


@dataclass(frozen=True)
class Rejected:
    """A request Telegram will never accept (bad chat id, too long): record it, do not retry."""

    reason: str


@dataclass(frozen=True)
class TransientFailure:
    """5xx, network trouble, a timeout: try again later with backoff."""

    reason: str


DeliveryResult = Delivered | RetryAfter | Blocked | Rejected | TransientFailure


class MessageSender(Protocol):
    async def send(self, message: OutgoingMessage) -> DeliveryResult: ...
