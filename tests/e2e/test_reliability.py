"""The real bot process, its outbox and a Bot API test server that enforces Telegram's limits and misbehaves.

Messages are queued in the database before the bot starts, as the dialogs, the follow-ups and
broadcasts queue them; the bot's dispatcher sends them. A SIGKILL in the middle of a batch loses
nothing and repeats at most what was in flight; 429, 500, a timeout and 403 lose nothing either,
and every failure that is final stays recorded.
"""
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import datetime, timezone

import pytest
from sqlalchemy import select, update

from dialogs.events import Sender
from storage import models
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade_async
from storage.outbox_repository import CLAIM_TIMEOUT, NewMessage
from storage.unit_of_work import UnitOfWork
from tests.e2e.conftest import BOT_PROCESS
from tests.support.bot_process import BotProcess
from tests.support.fake_bot_api import TEST_TOKEN, FakeBotAPI

QUEUED_AT = datetime(2025, 1, 6, 11, 0, tzinfo=timezone.utc)  # long due


@pytest.fixture
async def strict_api():
    # Dropped requests come back after a second, not Telegram's half minute.
    async with FakeBotAPI(enforce_limits=True, timeout_hold=1.0) as api:
        yield api


@pytest.fixture
async def database(database_url):
    await upgrade_async(database_url)
    engine = create_engine(database_url)
    yield create_session_factory(engine)
    await engine.dispose()


@pytest.fixture
async def bot_process(request, strict_api, database_url, tmp_path):
    """Started by the test itself, after it queued the messages; may be killed and started again."""
    process = BotProcess(strict_api.base_url, database_url, log_dir=tmp_path)
    request.node.stash[BOT_PROCESS] = process  # its log is attached when the test fails
    yield process
    crashed = process.exited_unexpectedly
    await process.stop()
    if crashed:
        pytest.fail(f"the bot exited with code {process.returncode} during the test; see its log")


async def queue(session_factory, messages: list[tuple[int, str]], residents: tuple[int, ...] = ()) -> None:
    async with UnitOfWork(session_factory) as uow:
        for chat_id in residents:
            await uow.residents.reporter_for(Sender("telegram", chat_id, "nl"), QUEUED_AT)
        await uow.outbox.enqueue_many([NewMessage(chat, "test", text, QUEUED_AT) for chat, text in messages],
                                      QUEUED_AT)
        await uow.commit()


def delivered(api: FakeBotAPI) -> Counter:
    return Counter((call.chat_id, call.payload["text"]) for call in api.calls
                   if call.method == "sendMessage" and call.outcome == "ok")


async def outbox_states(session_factory) -> dict[str, int]:
    async with UnitOfWork(session_factory) as uow:
        return await uow.outbox.counts()


async def test_sigkill_mid_batch_loses_nothing_and_repeats_at_most_what_was_in_flight(
        strict_api, database, bot_process, database_url):
    messages = [(700_000 + n, f"bericht {n}") for n in range(240)]
    await queue(database, messages)
    bot_process.start()
    await bot_process.wait_ready(strict_api)
    await strict_api.wait_until(lambda: len(delivered(strict_api)) >= 90, timeout=30)  # mid second batch
    bot_process.kill()

    async with UnitOfWork(database) as uow:
        in_flight = (await uow.outbox.counts()).get("sending", 0)
        # The dead process's claims have to age before anyone may take them again: let that time pass.
        claimed_long_ago = datetime.now(timezone.utc) - CLAIM_TIMEOUT
        await uow.session.execute(update(models.OutboxMessage).where(models.OutboxMessage.state == "sending")
                                  .values(not_before=claimed_long_ago))
        await uow.commit()
    sent_before_restart = sum(delivered(strict_api).values())
    assert 90 <= sent_before_restart < 120, "the kill came in the middle of a batch"

    bot_process.start()
    await bot_process.wait_ready(strict_api)
    await strict_api.wait_until(lambda: set(delivered(strict_api)) == set(messages), timeout=40)
    await strict_api.wait_until(lambda: states_now(database_url) == {"sent"}, timeout=10)

    repeated = sum(count - 1 for count in delivered(strict_api).values())
    assert repeated <= in_flight, f"{repeated} repeated, but only {in_flight} were in flight"
    assert strict_api.too_many_requests == 0, "the bot kept to Telegram's limits"
    assert await outbox_states(database) == {"sent": len(messages)}


def states_now(database_url: str) -> set[str]:
    """A synchronous look at the outbox, for `wait_until`, which calls plain functions."""
    with sqlite3.connect(database_url.split(":///", 1)[1]) as connection:
        return {state for (state,) in connection.execute("SELECT DISTINCT state FROM outbox")}


async def test_429_500_timeout_and_403_lose_nothing_and_failures_stay_recorded(
        strict_api, database, bot_process, database_url):
    chats = {"rate limited": 801, "server error": 802, "timed out": 803, "blocked": 804}
    ordinary = [(900 + n, f"gewoon {n}") for n in range(20)]
    messages = [(chat, f"{what} 1") for what, chat in chats.items()] + [(chats["blocked"], "blocked 2")] + ordinary
    await queue(database, messages, residents=(chats["blocked"], chats["rate limited"]))
    strict_api.fail_next("sendMessage", "429", chat_id=chats["rate limited"], retry_after=2)
    strict_api.fail_next("sendMessage", "500", chat_id=chats["server error"])
    strict_api.fail_next("sendMessage", "timeout", chat_id=chats["timed out"])
    strict_api.fail_next("sendMessage", "403", chat_id=chats["blocked"])

    bot_process.start()
    await bot_process.wait_ready(strict_api)
    expected = Counter(message for message in messages if message[0] != chats["blocked"])
    await strict_api.wait_until(lambda: delivered(strict_api) == expected, timeout=40)
    await strict_api.wait_until(lambda: states_now(database_url) == {"sent", "failed"}, timeout=10)

    calls = [call for call in strict_api.calls if call.method == "sendMessage"]
    rate_limited = [call for call in calls if call.chat_id == chats["rate limited"]]
    assert [call.outcome for call in rate_limited] == ["429", "ok"]
    assert rate_limited[1].time - rate_limited[0].time >= 2.0, "waited for retry_after"
    assert [c.outcome for c in calls if c.chat_id == chats["server error"]] == ["500", "ok"]
    assert [c.outcome for c in calls if c.chat_id == chats["timed out"]] == ["timeout", "ok"]
    assert [c.outcome for c in calls if c.chat_id == chats["blocked"]] == ["403"], "403 ends the chat's queue"
    assert strict_api.too_many_requests == 0

    async with UnitOfWork(database) as uow:
        failed = await uow.outbox.failures()
        blocked = await uow.session.scalar(select(models.Reporter.stopped).where(
            models.Reporter.chat_id == chats["blocked"]))
        still_listening = await uow.session.scalar(select(models.Reporter.stopped).where(
            models.Reporter.chat_id == chats["rate limited"]))
    assert sorted(m.chat_id for m in failed) == [chats["blocked"]] * 2
    assert all(m.last_error.startswith("blocked: Forbidden") for m in failed)
    assert blocked and not still_listening, "403 is the resident's /stop; a 429 is not"

    report = subprocess.run([sys.executable, "-m", "bot", "queue", "--database", database_url], capture_output=True,
                            text=True, timeout=60, check=True,
                            env={**os.environ, "BUURTLIJN_TELEGRAM_TOKEN": TEST_TOKEN}).stdout
    assert "failed 2" in report and f"to chat {chats['blocked']}" in report and "blocked: Forbidden" in report
