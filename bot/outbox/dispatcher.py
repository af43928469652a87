"""Sends due outbox rows within Telegram's limits; every outcome is written back to the row.

A batch is claimed in one short transaction, then each message's result is committed on its own,
so a crash mid-batch can only repeat the messages that were in flight at that moment.
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from typing import Callable

from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.outbox.delivery import Blocked, Delivered, MessageSender, Rejected, RetryAfter, TransientFailure
from bot.outbox.ratelimit import SendLimiter
from storage.outbox_repository import OutgoingMessage
from storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
MAX_BACKOFF = timedelta(minutes=30)


def backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=5 * 2 ** (attempts - 1)), MAX_BACKOFF)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class OutboxDispatcher:
    def __init__(self, session_factory: async_sessionmaker, sender: MessageSender, *,
                 limiter: SendLimiter | None = None, batch_size: int = 60, concurrency: int = 16,
                 clock: Callable[[], datetime] = utc_now, monotonic: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], object] = asyncio.sleep) -> None:
        self.session_factory = session_factory
        self.sender = sender
        self.limiter = limiter or SendLimiter()
        self.batch_size = batch_size
        self.concurrency = concurrency
        self.clock, self.monotonic, self.sleep = clock, monotonic, sleep

    async def tick(self) -> int:
        """Sends one batch of due messages; returns how many were claimed."""
        async with UnitOfWork(self.session_factory) as uow:
            batch = await uow.outbox.claim_due(self.clock(), self.batch_size)
            await uow.commit()
        if not batch:
            return 0
        per_chat: dict[int, list[OutgoingMessage]] = defaultdict(list)
        for message in batch:
            per_chat[message.chat_id].append(message)
        gate = asyncio.Semaphore(self.concurrency)

        async def send_chat(messages: list[OutgoingMessage]) -> None:
            async with gate:
                # One chat's messages go strictly in order; different chats go side by side.
                for message in messages:
                    await self._send_one(message)

        await asyncio.gather(*(send_chat(messages) for messages in per_chat.values()))
        return len(batch)

    async def drain(self, max_rounds: int = 1000) -> int:
        total = 0
        for _ in range(max_rounds):
            claimed = await self.tick()
            if not claimed:
                break
            total += claimed
        return total

    async def _wait_for_slot(self, chat_id: int) -> None:
        while (wait := self.limiter.reserve(chat_id, self.monotonic())) > 0:
            await self.sleep(wait)

    async def _send_one(self, message: OutgoingMessage) -> None:
        await self._wait_for_slot(message.chat_id)
        try:
            result = await self.sender.send(message)
        except Exception as error:  # a bug in one message must not stop the others
            log.exception("sending outbox message %s failed unexpectedly", message.id)
            result = TransientFailure(repr(error))
        now = self.clock()
        async with UnitOfWork(self.session_factory) as uow:
            match result:
                case Delivered():
                    await uow.outbox.mark_sent(message.id, now)
                case RetryAfter(seconds=seconds, whole_bot=whole_bot):
                    self.limiter.penalise(None if whole_bot else message.chat_id, seconds, self.monotonic())
                    await uow.outbox.retry_later(message.id, now + timedelta(seconds=seconds), f"429 retry after {seconds}s")
                case Blocked(reason=reason):
                    await uow.outbox.mark_failed(message.id, f"blocked: {reason}")
                    await uow.residents.stop_chat(message.chat_id)
                case Rejected(reason=reason):
                    await uow.outbox.mark_failed(message.id, f"rejected: {reason}")
                case TransientFailure(reason=reason) if message.attempts >= MAX_ATTEMPTS:
                    await uow.outbox.mark_failed(message.id, f"gave up after {message.attempts} attempts: {reason}")
                case TransientFailure(reason=reason):
                    await uow.outbox.retry_later(message.id, now + backoff(message.attempts), reason)
            await uow.commit()
        if not isinstance(result, Delivered):
            log.warning("outbox message %s to %s: %s", message.id, message.chat_id, result)
