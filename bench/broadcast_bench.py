"""Benchmark a broadcast to 10,000 residents through the local Bot API test server enforcing Telegram's limits.

Run: .venv/bin/python bench/broadcast_bench.py [--residents 10000]

The broadcast is queued by `bot.broadcast.broadcast` (the code behind `buurtlijn broadcast`) in a
SQLite database and sent by the real outbox dispatcher through aiogram to `FakeBotAPI(enforce_limits=True)`,
which answers 429 to anything over 30 messages a second. Reports throughput as a fraction of 30/s
(target ≥ 0.9) and the number of 429s (target 0).
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from sqlalchemy import insert

from bot.broadcast import broadcast
from bot.outbox.dispatcher import OutboxDispatcher
from bot.settings import Settings
from bot.telegram.sender import TelegramSender
from dialogs.vocabulary import LANGUAGES
from storage import models
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade_async
from tests.support.fake_bot_api import TEST_TOKEN, FakeBotAPI

TELEGRAM_LIMIT_PER_SECOND = 30
WIJK = "centrum"
# A daytime moment in the past: the broadcast is due at once, outside quiet hours.
QUEUED_AT = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)


async def followers(database_url: str, count: int) -> None:
    engine = create_engine(database_url)
    async with engine.begin() as connection:
        await connection.execute(insert(models.Reporter), [
            dict(channel="telegram", chat_id=10_000_000 + n, locale=LANGUAGES[n % len(LANGUAGES)], locale_chosen=True,
                 stopped=False, updates_wijk_id=WIJK, created_at=QUEUED_AT)
            for n in range(count)
        ])
    await engine.dispose()


async def main(residents: int) -> None:
    directory = tempfile.mkdtemp(prefix="buurtlijn-bench-")
    database_url = f"sqlite+aiosqlite:///{directory}/bench.sqlite3"
    await upgrade_async(database_url)
    await followers(database_url, residents)
    texts = {"nl": "We hebben de verlichting in het park gerepareerd.", "en": "We repaired the lights in the park."}
    queued_started = time.perf_counter()
    result = await broadcast(Settings(database_url=database_url), WIJK, texts, now=QUEUED_AT)
    queued_seconds = time.perf_counter() - queued_started
    print(f"queued {result.recipients} messages in {queued_seconds:.2f} s "
          f"(own language {sum(result.in_own_language.values())}, Dutch with a note "
          f"{sum(result.in_dutch_instead.values())})")

    engine = create_engine(database_url)
    async with FakeBotAPI(enforce_limits=True) as api:
        bot = Bot(TEST_TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(api.base_url)))
        dispatcher = OutboxDispatcher(create_session_factory(engine), TelegramSender(bot))
        started = time.perf_counter()
        sent = 0
        # As the scheduler does: wake the dispatcher again while messages wait for a retry.
        while len(api.send_timestamps) < result.recipients and time.perf_counter() - started < 3 * residents:
            sent += await dispatcher.drain()
            await asyncio.sleep(0.1)
        elapsed = time.perf_counter() - started
        await bot.session.close()
        stamps = sorted(api.send_timestamps)
        too_many = api.too_many_requests
    await engine.dispose()

    delivered = len(stamps)
    sending_seconds = stamps[-1] - stamps[0]
    rate = (delivered - 1) / sending_seconds
    worst_second = max(sum(1 for s in stamps[i:i + 40] if s - stamps[i] < 1.0) for i in range(len(stamps)))
    print(f"delivered {delivered} of {residents} ({sent} claims) in {elapsed:.1f} s")
    print(f"throughput {rate:.2f} messages/s = {rate / TELEGRAM_LIMIT_PER_SECOND:.3f} of Telegram's "
          f"{TELEGRAM_LIMIT_PER_SECOND}/s (target >= 0.9)")
    print(f"most messages in any one second: {worst_second}")
    print(f"429 Too Many Requests: {too_many} (target 0)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=10_000)
    asyncio.run(main(parser.parse_args().residents))
