"""The outbox dispatcher on a real SQLite file with scripted Telegram answers and an injected clock:
limits respected, 429 waited out, 5xx retried with backoff up to a bound, 403 taken as a stop."""
from collections import defaultdict, deque
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from bot.outbox.delivery import Blocked, Delivered, RetryAfter, TransientFailure
from bot.outbox.dispatcher import MAX_ATTEMPTS, OutboxDispatcher
from dialogs.events import Sender
from storage import models
from storage.outbox_repository import CLAIM_TIMEOUT, NewMessage
from storage.unit_of_work import UnitOfWork

START = datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)
GROUP = -100123


class Clock:
    """Wall clock and monotonic clock move together, and only when told (or when the dispatcher waits)."""

    def __init__(self) -> None:
        self.now = START

    def monotonic(self) -> float:
        return (self.now - START).total_seconds()

    async def sleep(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class ScriptedTelegram:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.script: dict[int, deque] = defaultdict(deque)
        self.delivered: list[tuple[int, str, float]] = []
        self.tries: list[tuple[int, str]] = []

    async def send(self, message):
        self.tries.append((message.chat_id, message.text))
        outcome = self.script[message.chat_id].popleft() if self.script[message.chat_id] else Delivered()
        if isinstance(outcome, Delivered):
            self.delivered.append((message.chat_id, message.text, self.clock.monotonic()))
        return outcome


async def queue(session_factory, messages: list[tuple[int, str]]) -> None:
    async with UnitOfWork(session_factory) as uow:
        await uow.outbox.enqueue_many([NewMessage(chat, "test", text, START) for chat, text in messages], START)
        await uow.commit()


async def pending_until(session_factory) -> datetime | None:
    async with UnitOfWork(session_factory) as uow:
        return await uow.session.scalar(select(func.min(models.OutboxMessage.not_before)).where(
            models.OutboxMessage.state == "pending"))


async def run(dispatcher: OutboxDispatcher, clock: Clock, session_factory, limit: timedelta) -> None:
    """Drains, then lets time pass to the next retry, until nothing waits or `limit` has passed."""
    while True:
        await dispatcher.drain()
        due = await pending_until(session_factory)
        if due is None or due > START + limit:
            return
        clock.now = max(clock.now, due)


async def rows(session_factory) -> list[tuple]:
    async with UnitOfWork(session_factory) as uow:
        found = await uow.session.execute(select(
            models.OutboxMessage.chat_id, models.OutboxMessage.text, models.OutboxMessage.state,
            models.OutboxMessage.attempts, models.OutboxMessage.last_error).order_by(models.OutboxMessage.id))
        return [tuple(row) for row in found]


def setup(session_factory):
    clock = Clock()
    telegram = ScriptedTelegram(clock)
    dispatcher = OutboxDispatcher(session_factory, telegram, clock=lambda: clock.now, monotonic=clock.monotonic,
                                  sleep=clock.sleep)
    return clock, telegram, dispatcher


async def test_every_message_goes_out_once_within_telegrams_limits(session_factory):
    clock, telegram, dispatcher = setup(session_factory)
    messages = [(GROUP, f"groep {n}") for n in range(45)]
    messages += [(5000 + n, f"bewoner {n}") for n in range(90)]
    messages += [(42, f"veel {n}") for n in range(6)]
    await queue(session_factory, messages)
    await run(dispatcher, clock, session_factory, timedelta(minutes=10))

    assert sorted((chat, text) for chat, text, _ in telegram.delivered) == sorted(messages)
    times = sorted(at for _, _, at in telegram.delivered)
    assert all(later - earlier >= 1.0 for earlier, later in zip(times, times[30:])), "30 a second at most"
    to_42 = [at for chat, _, at in telegram.delivered if chat == 42]
    assert all(later - earlier >= 1.0 for earlier, later in zip(to_42, to_42[1:])), "one a second per chat"
    assert [text for chat, text, _ in telegram.delivered if chat == 42] == [f"veel {n}" for n in range(6)]
    to_group = [at for chat, _, at in telegram.delivered if chat == GROUP]
    assert all(later - earlier >= 60.0 for earlier, later in zip(to_group, to_group[20:])), "20 a minute per group"
    assert [text for chat, text, _ in telegram.delivered if chat == GROUP] == [f"groep {n}" for n in range(45)]
    assert {state for _, _, state, _, _ in await rows(session_factory)} == {"sent"}


async def test_429_waits_exactly_retry_after_keeps_order_and_costs_no_attempt(session_factory):
    clock, telegram, dispatcher = setup(session_factory)
    telegram.script[7] = deque([RetryAfter(3), RetryAfter(3)])
    await queue(session_factory, [(7, "eerste"), (7, "tweede"), (8, "ander")])
    await run(dispatcher, clock, session_factory, timedelta(minutes=1))
    assert [(chat, text) for chat, text, _ in telegram.delivered] == [(8, "ander"), (7, "eerste"), (7, "tweede")]
    assert telegram.delivered[1][2] >= 6.0, "two penalties of three seconds"
    assert [(text, state, attempts) for _, text, state, attempts, _ in await rows(session_factory)] == [
        ("eerste", "sent", 1), ("tweede", "sent", 1), ("ander", "sent", 1)]


async def test_server_errors_are_retried_with_backoff_and_given_up_visibly(session_factory):
    clock, telegram, dispatcher = setup(session_factory)
    telegram.script[7] = deque([TransientFailure("500 Internal Server Error")] * 2)
    telegram.script[9] = deque([TransientFailure("timeout")] * (MAX_ATTEMPTS + 1))
    await queue(session_factory, [(7, "komt er"), (9, "komt nooit")])
    await run(dispatcher, clock, session_factory, timedelta(hours=2))
    assert [(chat, text) for chat, text, _ in telegram.delivered] == [(7, "komt er")]
    assert telegram.delivered[0][2] >= 5 + 10, "backoff of 5 then 10 seconds"
    assert telegram.tries.count((9, "komt nooit")) == MAX_ATTEMPTS
    [delivered, given_up] = await rows(session_factory)
    assert delivered[2:4] == ("sent", 3)
    assert given_up[2:4] == ("failed", MAX_ATTEMPTS) and "gave up after 8 attempts: timeout" in given_up[4]
    async with UnitOfWork(session_factory) as uow:
        assert [m.chat_id for m in await uow.outbox.failures()] == [9]


async def test_403_ends_the_chat_and_stops_the_resident(session_factory):
    clock, telegram, dispatcher = setup(session_factory)
    async with UnitOfWork(session_factory) as uow:
        await uow.residents.reporter_for(Sender("telegram", 7, "nl"), START)
        await uow.commit()
    telegram.script[7] = deque([Blocked("Forbidden: bot was blocked by the user")])
    await queue(session_factory, [(7, "een"), (7, "twee"), (8, "ander")])
    await run(dispatcher, clock, session_factory, timedelta(minutes=1))
    await queue(session_factory, [(7, "later")])
    await run(dispatcher, clock, session_factory, timedelta(minutes=1))
    assert telegram.tries.count((7, "twee")) == 0
    assert [(chat, text) for chat, text, _ in telegram.delivered] == [(8, "ander"), (7, "later")]
    states = [(text, state, error) for _, text, state, _, error in await rows(session_factory)]
    assert states[:3] == [("een", "failed", "blocked: Forbidden: bot was blocked by the user"),
                          ("twee", "failed", "blocked: Forbidden: bot was blocked by the user"),
                          ("ander", "sent", None)]
    async with UnitOfWork(session_factory) as uow:
        assert (await uow.residents.reporter_for(Sender("telegram", 7, "nl"), START)).stopped


async def test_a_dead_workers_claims_are_sent_after_the_timeout_and_poison_is_bounded(session_factory):
    clock, telegram, dispatcher = setup(session_factory)
    await queue(session_factory, [(7, "in flight"), (8, "ook")])
    async with UnitOfWork(session_factory) as uow:
        assert len(await uow.outbox.claim_due(START, 10)) == 2  # and then the worker died
        await uow.commit()
    assert await dispatcher.drain() == 0
    clock.now = START + CLAIM_TIMEOUT
    assert await dispatcher.drain() == 2
    assert sorted(text for _, text, _ in telegram.delivered) == ["in flight", "ook"]

    await queue(session_factory, [(9, "gif")])
    for round_number in range(MAX_ATTEMPTS + 1):  # a message that kills every worker that sends it
        async with UnitOfWork(session_factory) as uow:
            await uow.outbox.claim_due(clock.now, 10)
            await uow.commit()
        clock.now += CLAIM_TIMEOUT
    await dispatcher.drain()
    assert (9, "gif") not in telegram.tries
    *_, poison = await rows(session_factory)
    assert poison[2] == "failed" and "the worker stopped while sending" in poison[4]
