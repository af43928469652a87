"""Sends due outbox rows within Telegram's limits; every outcome is written back to the row.

A batch is claimed in one short transaction, then each message's result is committed on its own,
so a crash mid-batch can only repeat the messages that were in flight at that moment. A claim
stays short: a message that would have to wait long for a free slot goes back to the queue
instead of holding its claim, so a slow chat never makes the claim look abandoned.
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from typing import Callable

from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.batches import until_idle
from bot.outbox.delivery import Blocked, Delivered, MessageSender, Rejected, RetryAfter, TransientFailure
from bot.outbox.ratelimit import SendLimiter
from storage.outbox_repository import CLAIM_TIMEOUT, FAILED, OutgoingMessage
from storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
MAX_BACKOFF = timedelta(minutes=30)
# Sends are spread evenly at a little under Telegram's 30 a second (see `SendLimiter`), so network
# jitter never makes Telegram count one too many.
PACING_SECONDS = 1 / 29
# Longer than this for a free slot (a busy group, a 429 penalty) and the message goes back to the queue.
MAX_SLOT_WAIT_SECONDS = 5.0


def backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=5 * 2 ** (attempts - 1)), MAX_BACKOFF)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class OutboxDispatcher:
    def __init__(self, session_factory: async_sessionmaker, sender: MessageSender, *,
                 limiter: SendLimiter | None = None, batch_size: int = 60, concurrency: int = 16,
                 claim_timeout: timedelta = CLAIM_TIMEOUT,
                 clock: Callable[[], datetime] = utc_now, monotonic: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], object] = asyncio.sleep) -> None:
        self.session_factory = session_factory
        self.sender = sender
        self.limiter = limiter or SendLimiter(global_spacing=PACING_SECONDS)
        self.batch_size = batch_size
        self.concurrency = concurrency
        self.claim_timeout = claim_timeout
        self.clock, self.monotonic, self.sleep = clock, monotonic, sleep
        self._draining: asyncio.Task | None = None

    async def wake(self) -> None:
        """The scheduler's trigger: starts draining the queue unless a drain is already running.

        Draining runs until nothing is due, so a broadcast goes out at the full rate the limiter
        allows instead of one batch per trigger.
        """
        if self._draining is None or self._draining.done():
            self._draining = asyncio.create_task(self._drain_logged(), name="outbox-drain")

    async def close(self, timeout: float = 10.0) -> None:
        """Lets the running batch finish (so nothing in flight is repeated), within `timeout`."""
        if self._draining is not None and not self._draining.done():
            try:
                await asyncio.wait_for(asyncio.shield(self._draining), timeout)
            except asyncio.TimeoutError:
                self._draining.cancel()

    async def _drain_logged(self) -> None:
        try:
            await self.drain()
        except Exception:
            log.exception("draining the outbox failed; the next trigger tries again")

    async def tick(self) -> int:
        """Sends one batch of due messages; returns how many were claimed."""
        async with UnitOfWork(self.session_factory) as uow:
            batch = await uow.outbox.claim_due(self.clock(), self.batch_size, self.claim_timeout)
            await uow.commit()
        if not batch:
            return 0
        per_chat: dict[int, list[OutgoingMessage]] = defaultdict(list)
        for message in batch:
            per_chat[message.chat_id].append(message)
        gate = asyncio.Semaphore(self.concurrency)

        async def send_chat(messages: list[OutgoingMessage]) -> None:
            async with gate:
                await self._send_in_order(messages)

        await asyncio.gather(*(send_chat(messages) for messages in per_chat.values()))
        return len(batch)

    async def drain(self, max_rounds: int = 100_000) -> int:
        return await until_idle(self.tick, max_rounds)

    async def _send_in_order(self, messages: list[OutgoingMessage]) -> None:
        """One chat's messages go strictly in order: when one cannot go now, the rest wait behind it."""
        for position, message in enumerate(messages):
            if message.attempts > MAX_ATTEMPTS:
                # Claimed again and again by workers that died while sending it: stop trying.
                await self._record(message, TransientFailure("the worker stopped while sending"))
                continue
            wait = await self._take_slot(message.chat_id)
            if wait:
                await self._release(messages[position:], timedelta(seconds=wait), "waiting for a free slot")
                return
            result = await self._send(message)
            retry_at = await self._record(message, result)
            if isinstance(result, Blocked):
                await self._fail_rest(messages[position + 1:], result)
                return
            if retry_at is not None:
                await self._release(messages[position + 1:], retry_at - self.clock(), "behind a message to retry")
                return

    async def _take_slot(self, chat_id: int) -> float:
        """Waits for the limiter's permission; returns the remaining wait when it would take too long."""
        waited = 0.0
        while (wait := self.limiter.reserve(chat_id, self.monotonic())) > 0:
            if waited + wait > MAX_SLOT_WAIT_SECONDS:
                return wait
            await self.sleep(wait)
            waited += wait
        return 0.0

    async def _send(self, message: OutgoingMessage):
        try:
            return await self.sender.send(message)
        except Exception as error:  # a bug in one message must not stop the others
            log.exception("sending outbox message %s failed unexpectedly", message.id)
            return TransientFailure(repr(error))

    async def _record(self, message: OutgoingMessage, result) -> datetime | None:
        """Writes the outcome; returns when the message will be tried again, if it will."""
        now = self.clock()
        retry_at = None
        async with UnitOfWork(self.session_factory) as uow:
            match result:
                case Delivered():
                    await uow.outbox.mark_sent(message.id, now)
                case RetryAfter(seconds=seconds, whole_bot=whole_bot):
                    # Telegram's pacing, not the message's fault: it does not count as an attempt.
                    self.limiter.penalise(None if whole_bot else message.chat_id, seconds, self.monotonic())
                    retry_at = now + timedelta(seconds=seconds)
                    await uow.outbox.release(message.id, retry_at, f"429 retry after {seconds}s")
                case Blocked(reason=reason):
                    await uow.outbox.mark_failed(message.id, f"blocked: {reason}")
                    await uow.outbox.end_queue_for_chat(message.chat_id, FAILED, f"blocked: {reason}")
                    await uow.residents.stop_chat(message.chat_id)
                case Rejected(reason=reason):
                    await uow.outbox.mark_failed(message.id, f"rejected: {reason}")
                case TransientFailure(reason=reason) if message.attempts >= MAX_ATTEMPTS:
                    await uow.outbox.mark_failed(message.id, f"gave up after {message.attempts} attempts: {reason}")
                case TransientFailure(reason=reason):
                    retry_at = now + backoff(message.attempts)
                    await uow.outbox.retry_later(message.id, retry_at, reason)
            await uow.commit()
        if not isinstance(result, Delivered):
            log.warning("outbox message %s to %s: %s", message.id, message.chat_id, result)
        return retry_at

    async def _release(self, messages: list[OutgoingMessage], delay: timedelta, note: str) -> None:
        if not messages:
            return
        not_before = self.clock() + max(delay, timedelta(0))
        async with UnitOfWork(self.session_factory) as uow:
            for message in messages:
                await uow.outbox.release(message.id, not_before, note)
            await uow.commit()

    async def _fail_rest(self, messages: list[OutgoingMessage], blocked: Blocked) -> None:
        if not messages:
            return
        async with UnitOfWork(self.session_factory) as uow:
            for message in messages:
                await uow.outbox.mark_failed(message.id, f"blocked: {blocked.reason}")
            await uow.commit()
