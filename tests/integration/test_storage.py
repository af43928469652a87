from datetime import date, datetime, timezone

from sqlalchemy import select, text

from dialogs.events import Sender
from dialogs.records import NewMelding
from storage import models
from storage.db import create_engine
from storage.unit_of_work import UnitOfWork

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)


def new_melding(reporter_id: int, **changes) -> NewMelding:
    values = dict(
        reporter_id=reporter_id, text="Afval bij de container", language="nl", category="openbare_ruimte",
        urgency="normaal", acute_kind=None, frequency="today", privacy_mode="anonymous", status="doorgezet",
        wijk_id="centrum", buurt_id="oude-dorp", place_text="Kerkstraat", latitude=None, longitude=None,
        photo_file_ids=("photo-a",), partner_ids=("gemeente-beheer", "handhaving"), routing_rule="afval",
        created_at=NOW, expected_by=date(2026, 11, 30),
    )
    values.update(changes)
    return NewMelding(**values)


async def test_sqlite_runs_in_wal_mode_with_foreign_keys(database_url):
    engine = create_engine(database_url)
    async with engine.connect() as connection:
        assert (await connection.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
        assert (await connection.execute(text("PRAGMA foreign_keys"))).scalar() == 1
    await engine.dispose()


async def test_nothing_is_written_without_commit(session_factory):
    async with UnitOfWork(session_factory) as uow:
        await uow.residents.reporter_for(Sender("telegram", 42, "ar"), NOW)
    async with UnitOfWork(session_factory) as uow:
        assert (await uow.session.scalars(select(models.Reporter))).all() == []


async def test_reporter_state_and_melding_round_trip(session_factory):
    async with UnitOfWork(session_factory) as uow:
        reporter = await uow.residents.reporter_for(Sender("telegram", 42, "ar-SA"), NOW)
        await uow.residents.save_state(reporter.id, {"step": "where", "draft": {"text": "x"}}, NOW)
        saved = await uow.residents.add_melding(new_melding(reporter.id))
        await uow.commit()
    assert saved.reference == f"BL-{1000 + saved.id}"
    async with UnitOfWork(session_factory) as uow:
        again = await uow.residents.reporter_for(Sender("telegram", 42, None), NOW)
        assert (again.id, again.locale) == (reporter.id, "ar")
        assert (await uow.residents.load_state(reporter.id))["step"] == "where"
        [listed] = await uow.residents.meldingen_of(reporter.id)
        assert (listed.reference, listed.status, listed.expected_by) == (saved.reference, "doorgezet", date(2026, 11, 30))
        assert listed.created_at == NOW
        history = (await uow.session.scalars(select(models.StatusChange).order_by(models.StatusChange.id))).all()
        assert [(h.from_status, h.to_status) for h in history] == [(None, "nieuw"), ("nieuw", "doorgezet")]
        assignments = (await uow.session.scalars(select(models.Assignment.partner_id))).all()
        assert sorted(assignments) == ["gemeente-beheer", "handhaving"]
        assert (await uow.session.scalars(select(models.Attachment.telegram_file_id))).all() == ["photo-a"]


async def test_erasure_removes_the_person_and_keeps_the_melding(session_factory):
    async with UnitOfWork(session_factory) as uow:
        reporter = await uow.residents.reporter_for(Sender("telegram", 42, "nl"), NOW)
        await uow.residents.save_state(reporter.id, {"step": "idle"}, NOW)
        await uow.residents.add_melding(new_melding(reporter.id))
        await uow.commit()
    async with UnitOfWork(session_factory) as uow:
        await uow.residents.erase_reporter(reporter.id, NOW)
        await uow.commit()
    async with UnitOfWork(session_factory) as uow:
        assert (await uow.session.scalars(select(models.Reporter))).all() == []
        assert (await uow.session.scalars(select(models.Conversation))).all() == []
        [melding] = (await uow.session.scalars(select(models.Melding))).all()
        assert melding.reporter_id is None and melding.text == "Afval bij de container"
