"""Several workers on one PostgreSQL database: FOR UPDATE SKIP LOCKED keeps them off each other's rows.

Runs when BUURTLIJN_TEST_POSTGRES_URL points at a database the tests may wipe (CI sets it).
"""
import asyncio
import os
from datetime import datetime, timedelta, timezone

import pytest
from alembic import command

from dialogs.events import Sender
from storage.db import create_engine, create_session_factory
from storage.migrate import alembic_config, upgrade_async
from storage.outbox_repository import NewMessage
from storage.unit_of_work import UnitOfWork
from tests.integration.test_storage import new_melding

POSTGRES_URL = os.environ.get("BUURTLIJN_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="set BUURTLIJN_TEST_POSTGRES_URL to run against PostgreSQL")
NOW = datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)


@pytest.fixture
async def pg_factory():
    await asyncio.to_thread(command.downgrade, alembic_config(POSTGRES_URL), "base")
    await upgrade_async(POSTGRES_URL)
    engine = create_engine(POSTGRES_URL)
    yield create_session_factory(engine)
    await engine.dispose()


async def seed(factory, meldingen: int, messages: int) -> None:
    async with UnitOfWork(factory) as uow:
        reporter = await uow.residents.reporter_for(Sender("telegram", 42, "nl"), NOW)
        for _ in range(meldingen):
            melding = await uow.residents.add_melding(new_melding(reporter.id))
            await uow.followups.plan(melding_id=melding.id, kind="interim_update", due_at=NOW, planned_at=NOW)
        await uow.outbox.enqueue_many([NewMessage(1000 + n, "broadcast", f"bericht {n}", NOW)
                                       for n in range(messages)], NOW)
        await uow.commit()


async def test_an_open_claim_is_skipped_not_waited_for_or_taken(pg_factory):
    await seed(pg_factory, meldingen=6, messages=6)
    async with UnitOfWork(pg_factory) as first, UnitOfWork(pg_factory) as second:
        held_followups = await first.followups.claim_due(NOW, limit=4)
        held_messages = await first.outbox.claim_due(NOW, limit=4)
        # `first` has not committed: its rows are locked, and `second` goes past them at once.
        other_followups = await asyncio.wait_for(second.followups.claim_due(NOW, limit=10), 5)
        other_messages = await asyncio.wait_for(second.outbox.claim_due(NOW, limit=10), 5)
        await first.commit()
        await second.commit()
    assert len(held_followups) == 4 and len(other_followups) == 2
    assert not {f.id for f in held_followups} & {f.id for f in other_followups}
    assert len(held_messages) == 4 and len(other_messages) == 2
    assert not {m.id for m in held_messages} & {m.id for m in other_messages}


async def test_many_workers_share_the_work_without_overlap(pg_factory):
    await seed(pg_factory, meldingen=80, messages=200)

    async def worker() -> tuple[list[int], list[int]]:
        followups, messages = [], []
        while True:
            async with UnitOfWork(pg_factory) as uow:
                claimed_followups = await uow.followups.claim_due(NOW, limit=5)
                claimed_messages = await uow.outbox.claim_due(NOW, limit=7)
                await uow.commit()
            if not claimed_followups and not claimed_messages:
                return followups, messages
            followups += [f.id for f in claimed_followups]
            messages += [m.id for m in claimed_messages]

    results = await asyncio.gather(*(worker() for _ in range(8)))
    followups = [fid for taken, _ in results for fid in taken]
    messages = [mid for _, taken in results for mid in taken]
    assert len(followups) == len(set(followups)) == 80
    assert len(messages) == len(set(messages)) == 200


async def test_a_stale_claim_moves_on_and_the_old_owner_cannot_finish(pg_factory):
    await seed(pg_factory, meldingen=1, messages=0)
    async with UnitOfWork(pg_factory) as uow:
        [dead] = await uow.followups.claim_due(NOW, limit=1)
        await uow.commit()
    later = NOW + timedelta(minutes=5)
    async with UnitOfWork(pg_factory) as uow:
        [alive] = await uow.followups.claim_due(later, limit=1)
        assert not await uow.followups.finish(dead, "done", "sent", later)
        assert await uow.followups.finish(alive, "done", "sent", later)
        await uow.commit()
