"""The dialog core's store on SQLAlchemy: reporters, conversation state, meldingen. Never commits."""
from __future__ import annotations

from datetime import datetime
from typing import Sequence

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.events import Sender
from dialogs.records import MeldingSummary, NewMelding, ReporterRecord
from dialogs.vocabulary import DEFAULT_LANGUAGE, LANGUAGES
from storage import models

REFERENCE_OFFSET = 1000


def reference_for(melding_id: int) -> str:
    return f"BL-{REFERENCE_OFFSET + melding_id}"


def locale_from_language_code(language_code: str | None) -> str:
    base = (language_code or "").split("-")[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def _record(row: models.Reporter) -> ReporterRecord:
    return ReporterRecord(
        id=row.id, locale=row.locale, locale_chosen=row.locale_chosen, stopped=row.stopped,
        chat_id=row.chat_id, updates_wijk_id=row.updates_wijk_id,
    )


class SqlResidentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def reporter_for(self, sender: Sender, now: datetime) -> ReporterRecord:
        row = await self.session.scalar(
            select(models.Reporter).where(
                models.Reporter.channel == sender.channel, models.Reporter.chat_id == sender.chat_id
            )
        )
        if row is None:
            row = models.Reporter(
                channel=sender.channel, chat_id=sender.chat_id,
                locale=locale_from_language_code(sender.language_code),
                locale_chosen=False, stopped=False, created_at=now,
            )
            self.session.add(row)
            await self.session.flush()
        return _record(row)

    async def update_reporter(self, reporter: ReporterRecord) -> None:
        row = await self.session.get(models.Reporter, reporter.id)
        row.locale, row.locale_chosen = reporter.locale, reporter.locale_chosen
        row.stopped, row.updates_wijk_id = reporter.stopped, reporter.updates_wijk_id

    async def load_state(self, reporter_id: int) -> dict | None:
        row = await self.session.get(models.Conversation, reporter_id)
        return None if row is None else row.state

    async def save_state(self, reporter_id: int, state: dict, now: datetime) -> None:
        row = await self.session.get(models.Conversation, reporter_id)
        if row is None:
            self.session.add(models.Conversation(reporter_id=reporter_id, state=state, updated_at=now))
        else:
            row.state, row.updated_at = state, now

    async def add_melding(self, new: NewMelding) -> MeldingSummary:
        melding = models.Melding(
            reporter_id=new.reporter_id, text=new.text, language=new.language, category=new.category,
            urgency=new.urgency, acute_kind=new.acute_kind, frequency=new.frequency,
            privacy_mode=new.privacy_mode, status=new.status, wijk_id=new.wijk_id, buurt_id=new.buurt_id,
            place_text=new.place_text, latitude=new.latitude, longitude=new.longitude,
            routing_rule=new.routing_rule, created_at=new.created_at, expected_by=new.expected_by,
            routed_at=new.created_at if new.partner_ids else None,
            closed_at=new.created_at if new.closing_message else None,
            last_activity_at=new.created_at,
        )
        self.session.add(melding)
        await self.session.flush()
        melding.reference = reference_for(melding.id)
        self.session.add(models.StatusChange(
            melding_id=melding.id, from_status=None, to_status="nieuw", actor="resident", created_at=new.created_at,
        ))
        if new.status != "nieuw":
            self.session.add(models.StatusChange(
                melding_id=melding.id, from_status="nieuw", to_status=new.status, actor="system",
                message=new.closing_message, created_at=new.created_at,
            ))
        self.session.add_all(
            models.Attachment(melding_id=melding.id, kind="photo", telegram_file_id=file_id, created_at=new.created_at)
            for file_id in new.photo_file_ids
        )
        self.session.add_all(
            models.Assignment(melding_id=melding.id, partner_id=pid, assigned_at=new.created_at, active=True)
            for pid in new.partner_ids
        )
        await self.session.flush()
        return MeldingSummary(
            id=melding.id, reference=melding.reference, category=melding.category, status=melding.status,
            created_at=melding.created_at, expected_by=melding.expected_by, partner_ids=new.partner_ids,
        )

    async def meldingen_of(self, reporter_id: int) -> Sequence[MeldingSummary]:
        rows = await self.session.scalars(
            select(models.Melding)
            .where(models.Melding.reporter_id == reporter_id)
            .order_by(models.Melding.created_at.desc(), models.Melding.id.desc())
        )
        return [
            MeldingSummary(id=m.id, reference=m.reference, category=m.category, status=m.status,
                           created_at=m.created_at, expected_by=m.expected_by)
            for m in rows
        ]

    async def erase_reporter(self, reporter_id: int, now: datetime) -> None:
        """AVG erasure: the person (chat id, choices, conversation) goes; the meldingen stay, unlinked."""
        await self.session.execute(delete(models.Conversation).where(models.Conversation.reporter_id == reporter_id))
        await self.session.execute(delete(models.Reporter).where(models.Reporter.id == reporter_id))

    async def stop_chat(self, chat_id: int) -> None:
        """Telegram said the person blocked the bot: treat it as /stop."""
        await self.session.execute(
            update(models.Reporter).where(models.Reporter.chat_id == chat_id).values(stopped=True)
        )
