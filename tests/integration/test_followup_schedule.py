"""The follow-up schedule on a real SQLite file: one pending row per melding and kind, claims that are
never taken twice, and a worker that lost its claim cannot finish the follow-up any more."""
import asyncio
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from dialogs.events import Sender
from dialogs.statuses import Status
from storage import models
from storage.followup_repository import CLAIM_TIMEOUT, DONE, PENDING, SKIPPED
from storage.unit_of_work import UnitOfWork
from tests.integration.test_storage import new_melding

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)
MINUTE = timedelta(minutes=1)


async def add_meldingen(session_factory, count: int) -> list[int]:
    async with UnitOfWork(session_factory) as uow:
        reporter = await uow.residents.reporter_for(Sender("telegram", 42, "nl"), NOW)
        ids = [(await uow.residents.add_melding(new_melding(reporter.id))).id for _ in range(count)]
        await uow.commit()
    return ids


async def plan_all(session_factory, melding_ids, kind="interim_update", due=NOW) -> None:
    async with UnitOfWork(session_factory) as uow:
        for melding_id in melding_ids:
            await uow.followups.plan(melding_id=melding_id, kind=kind, due_at=due, planned_at=NOW - MINUTE)
        await uow.commit()


async def rows(session_factory) -> list[models.FollowUp]:
    async with UnitOfWork(session_factory) as uow:
        stored = list((await uow.session.scalars(select(models.FollowUp).order_by(models.FollowUp.id))).all())
        uow.session.expunge_all()
        return stored


async def test_planning_again_replaces_the_pending_follow_up(session_factory):
    [melding_id] = await add_meldingen(session_factory, 1)
    await plan_all(session_factory, [melding_id], due=NOW + MINUTE)
    async with UnitOfWork(session_factory) as uow:
        await uow.followups.plan(melding_id=melding_id, kind="interim_update", due_at=NOW + 7 * MINUTE,
                                 planned_at=NOW, urgent=True)
        await uow.followups.plan(melding_id=melding_id, kind="solved_check", due_at=NOW, planned_at=NOW)
        await uow.commit()
    stored = await rows(session_factory)
    assert [(r.kind, r.due_at, r.created_at, r.urgent) for r in stored] == [
        ("interim_update", NOW + 7 * MINUTE, NOW, True), ("solved_check", NOW, NOW, False)]


async def test_a_claimed_row_is_not_claimed_again_until_its_claim_is_stale(session_factory):
    ids = await add_meldingen(session_factory, 5)
    await plan_all(session_factory, ids)
    await plan_all(session_factory, ids[:1], kind="solved_check", due=NOW + 60 * MINUTE)
    async with UnitOfWork(session_factory) as uow:
        first = await uow.followups.claim_due(NOW, limit=3)
        await uow.commit()
    async with UnitOfWork(session_factory) as uow:
        second = await uow.followups.claim_due(NOW, limit=10)
        await uow.commit()
    assert [f.melding_id for f in first] == ids[:3] and [f.melding_id for f in second] == ids[3:]
    assert all(f.attempts == 1 for f in first + second)
    async with UnitOfWork(session_factory) as uow:
        assert await uow.followups.claim_due(NOW + CLAIM_TIMEOUT - MINUTE, limit=10) == []
        retaken = await uow.followups.claim_due(NOW + CLAIM_TIMEOUT, limit=10)
        await uow.commit()
    assert sorted(f.id for f in retaken) == sorted(f.id for f in first + second)
    assert all(f.attempts == 2 for f in retaken)
    async with UnitOfWork(session_factory) as uow:
        # The worker that died holding the first claim cannot finish what someone else now owns.
        assert not await uow.followups.finish(first[0], DONE, "sent", NOW)
        assert await uow.followups.finish(retaken[0], DONE, "sent", NOW)
        await uow.commit()


async def test_concurrent_workers_never_take_the_same_follow_up(session_factory):
    ids = await add_meldingen(session_factory, 60)
    await plan_all(session_factory, ids)

    async def worker() -> list[int]:
        taken = []
        while True:
            async with UnitOfWork(session_factory) as uow:
                batch = await uow.followups.claim_due(NOW, limit=4)
                await uow.commit()
            if not batch:
                return taken
            taken += [f.id for f in batch]
            await asyncio.sleep(0)

    claims = await asyncio.gather(*(worker() for _ in range(6)))
    everything = [followup_id for taken in claims for followup_id in taken]
    assert len(everything) == len(set(everything)) == 60


async def test_deferring_yields_to_a_newer_plan(session_factory):
    [melding_id] = await add_meldingen(session_factory, 1)
    await plan_all(session_factory, [melding_id])
    async with UnitOfWork(session_factory) as uow:
        [claimed] = await uow.followups.claim_due(NOW, limit=1)
        await uow.commit()
    async with UnitOfWork(session_factory) as uow:
        assert await uow.followups.defer(claimed, NOW + 60 * MINUTE, {"partners_told": True}, NOW)
        await uow.commit()
    [row] = await rows(session_factory)
    assert (row.state, row.due_at, row.payload) == (PENDING, NOW + 60 * MINUTE, {"partners_told": True})
    assert row.attempts == 1
    async with UnitOfWork(session_factory) as uow:
        [claimed] = await uow.followups.claim_due(NOW + 60 * MINUTE, limit=1)
        await uow.followups.plan(melding_id=melding_id, kind="interim_update", due_at=NOW + 90 * MINUTE,
                                 planned_at=NOW + 60 * MINUTE)
        assert await uow.followups.defer(claimed, NOW + 120 * MINUTE, {}, NOW + 60 * MINUTE)
        await uow.commit()
    assert [(r.state, r.outcome) for r in await rows(session_factory)] == [
        (SKIPPED, "replaced by a newer plan"), (PENDING, None)]


async def test_facts_for_the_rules(session_factory):
    [melding_id] = await add_meldingen(session_factory, 1)
    async with UnitOfWork(session_factory) as uow:
        await uow.meldingen.change_status(melding_id, Status.IN_BEHANDELING, actor="p", message=None, now=NOW + MINUTE)
        question = await uow.meldingen.add_question(melding_id, professional_id=None, chat_id=-5, template_key="when",
                                                    body=None, now=NOW + 2 * MINUTE)
        await uow.meldingen.change_status(melding_id, Status.VRAAG_AAN_MELDER, actor="p", message=None,
                                          now=NOW + 2 * MINUTE)
        await uow.followups.note_unsolicited(melding_id, NOW + 3 * MINUTE)
        await uow.followups.note_unsolicited(melding_id, NOW)
        facts = await uow.followups.facts(melding_id, lock=True)
        open_question = await uow.followups.open_question(melding_id)
        await uow.commit()
    assert (facts.status, facts.accepted_at, facts.open_question_at) == ("vraag_aan_melder", NOW + MINUTE,
                                                                        NOW + 2 * MINUTE)
    assert (facts.last_change_from, facts.last_change_at) == ("in_behandeling", NOW + 2 * MINUTE)
    assert facts.last_unsolicited_at == NOW + 3 * MINUTE, "never moves back"
    assert (open_question.id, open_question.template_key, open_question.asked_in_chat) == (question, "when", -5)


@pytest.mark.parametrize("bad", [dict(), dict(melding_id=1, partner_id="x")])
async def test_a_follow_up_belongs_to_a_melding_or_a_partner(session_factory, bad):
    async with UnitOfWork(session_factory) as uow:
        with pytest.raises(ValueError):
            await uow.followups.plan(kind="interim_update", due_at=NOW, planned_at=NOW, **bad)
