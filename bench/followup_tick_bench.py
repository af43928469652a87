"""Benchmark one follow-up scheduler tick with 10k, 100k and 1M pending follow-ups.

Run: .venv/bin/python bench/followup_tick_bench.py [--sizes 10000 100000 1000000] [--postgres URL]

For each size a fresh database holds that many pending follow-ups (four kinds for each of size/4
meldingen), almost all planned for the coming weeks and a few batches due now. Two figures per size:
an idle tick (nothing due: what every worker pays every 30 seconds) and a busy tick (claim a batch
of 50 due interim updates, check each against the rules, compose and queue its message, plan the
next one). Both should stay flat as the schedule grows, because the due query runs on the
(state, due_at) index; the ratio 1M/10k says how flat. PostgreSQL is measured too when a URL of a
database the bench may wipe is given (or BUURTLIJN_BENCH_POSTGRES_URL is set).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alembic import command
from sqlalchemy import insert, select, text

from bot.app import bootstrap
from bot.followup.worker import BATCH_SIZE, FollowUpWorker
from bot.settings import Settings
from storage import models
from storage.db import create_engine
from storage.migrate import alembic_config, upgrade_async

NOW = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
KINDS = ("acceptance_escalation", "interim_update", "still_going_check", "question_reminder")
BUSY_TICKS = 8
IDLE_TICKS = 20
CHUNK = 20_000


async def fill(database_url: str, pending: int) -> None:
    """`pending` follow-ups for pending/4 meldingen; BUSY_TICKS batches of interim updates are due now."""
    meldingen = pending // len(KINDS)
    due_now = BUSY_TICKS * BATCH_SIZE
    long_ago = NOW - timedelta(days=20)
    engine = create_engine(database_url)
    async with engine.begin() as connection:
        for start in range(0, meldingen, CHUNK):
            await connection.execute(insert(models.Melding), [
                dict(text="Afval naast de container", language="nl", category="openbare_ruimte", urgency="normaal",
                     privacy_mode="anonymous", status="doorgezet", created_at=long_ago, routed_at=long_ago,
                     last_activity_at=long_ago)
                for _ in range(start, min(start + CHUNK, meldingen))
            ])
        first_id = await connection.scalar(select(models.Melding.id).order_by(models.Melding.id).limit(1))
        rows = ((melding, kind) for melding in range(first_id, first_id + meldingen) for kind in KINDS)
        batch = []
        for number, (melding_id, kind) in enumerate(rows):
            due = NOW if kind == "interim_update" and number < due_now * len(KINDS) else \
                NOW + timedelta(minutes=1 + number % 40_000)
            batch.append(dict(melding_id=melding_id, kind=kind, due_at=due, state="pending", attempts=0, payload={},
                              created_at=long_ago, urgent=False))
            if len(batch) == CHUNK:
                await connection.execute(insert(models.FollowUp), batch)
                batch = []
        if batch:
            await connection.execute(insert(models.FollowUp), batch)
    await engine.dispose()


async def fresh_database(postgres_url: str | None, directory: str, size: int) -> str:
    if postgres_url is None:
        url = f"sqlite+aiosqlite:///{directory}/tick-{size}.sqlite3"
        await upgrade_async(url)
        return url
    await asyncio.to_thread(command.downgrade, alembic_config(postgres_url), "base")
    await upgrade_async(postgres_url)
    return postgres_url


async def measure(database_url: str, size: int) -> tuple[float, float]:
    await fill(database_url, size)
    if database_url.startswith("postgresql"):
        engine = create_engine(database_url)
        async with engine.connect() as connection:
            await connection.execute(text("ANALYZE"))
            await connection.commit()
        await engine.dispose()
    app = await bootstrap(Settings(database_url=database_url), classifier=object())
    worker = FollowUpWorker(app, clock=lambda: NOW)
    busy = []
    for _ in range(BUSY_TICKS):
        started = time.perf_counter()
        claimed = await worker.tick()
        busy.append(time.perf_counter() - started)
        assert claimed == BATCH_SIZE, claimed
    idle = []
    for _ in range(IDLE_TICKS):
        started = time.perf_counter()
        assert await worker.tick() == 0
        idle.append(time.perf_counter() - started)
    await app.close()
    return statistics.median(idle) * 1000, statistics.median(busy) * 1000


async def run(label: str, sizes: list[int], postgres_url: str | None) -> None:
    directory = tempfile.mkdtemp(prefix="buurtlijn-tick-")
    results = {}
    for size in sizes:
        started = time.perf_counter()
        database_url = await fresh_database(postgres_url, directory, size)
        results[size] = await measure(database_url, size)
        idle, busy = results[size]
        print(f"{label:10} {size:>9,} pending: idle tick {idle:7.2f} ms, busy tick ({BATCH_SIZE} due) "
              f"{busy:8.2f} ms   [setup and run {time.perf_counter() - started:.0f} s]", flush=True)
    smallest, largest = min(sizes), max(sizes)
    if largest != smallest:
        for name, index in (("idle", 0), ("busy", 1)):
            ratio = results[largest][index] / results[smallest][index]
            print(f"{label:10} {name} tick ratio {largest:,}/{smallest:,}: {ratio:.2f}")


async def main(sizes: list[int], postgres_url: str | None) -> None:
    await run("SQLite", sizes, None)
    if postgres_url:
        await run("PostgreSQL", sizes, postgres_url)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--postgres", default=os.environ.get("BUURTLIJN_BENCH_POSTGRES_URL"),
                        help="a PostgreSQL database URL the bench may wipe")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.sizes, arguments.postgres))
