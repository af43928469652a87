"""Outgoing messages as rows: written with their cause, claimed and sent by the dispatcher. Never commits."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage import models

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
# A row claimed longer ago than this belongs to a worker that died mid-send: it may be taken again.
CLAIM_TIMEOUT = timedelta(minutes=2)


@dataclass(frozen=True)
class OutgoingMessage:
    id: int
    chat_id: int
    kind: str
    text: str
    buttons: list | None
    photo_file_id: str | None
    melding_id: int | None
    attempts: int


class SqlOutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.supports_skip_locked = session.bind.dialect.name == "postgresql"

    async def enqueue(self, *, chat_id: int, kind: str, text: str, now: datetime, buttons: list | None = None,
                      photo_file_id: str | None = None, melding_id: int | None = None,
                      not_before: datetime | None = None) -> int:
        row = models.OutboxMessage(
            chat_id=chat_id, kind=kind, text=text, buttons=buttons, photo_file_id=photo_file_id,
            melding_id=melding_id, state=PENDING, attempts=0, not_before=not_before or now, created_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def claim_due(self, now: datetime, limit: int) -> list[OutgoingMessage]:
        """Marks up to `limit` due rows as being sent; on PostgreSQL other workers skip the locked rows."""
        due = (
            select(models.OutboxMessage)
            .where(or_(
                (models.OutboxMessage.state == PENDING) & (models.OutboxMessage.not_before <= now),
                (models.OutboxMessage.state == SENDING) & (models.OutboxMessage.not_before <= now - CLAIM_TIMEOUT),
            ))
            .order_by(models.OutboxMessage.not_before, models.OutboxMessage.id)
            .limit(limit)
        )
        if self.supports_skip_locked:
            due = due.with_for_update(skip_locked=True)
        rows = (await self.session.scalars(due)).all()
        for row in rows:
            row.state, row.not_before, row.attempts = SENDING, now, row.attempts + 1
        await self.session.flush()
        return [
            OutgoingMessage(r.id, r.chat_id, r.kind, r.text, r.buttons, r.photo_file_id, r.melding_id, r.attempts)
            for r in rows
        ]

    async def mark_sent(self, message_id: int, now: datetime) -> None:
        await self.session.execute(
            update(models.OutboxMessage).where(models.OutboxMessage.id == message_id)
            .values(state=SENT, sent_at=now, last_error=None)
        )

    async def retry_later(self, message_id: int, not_before: datetime, error: str) -> None:
        await self.session.execute(
            update(models.OutboxMessage).where(models.OutboxMessage.id == message_id)
            .values(state=PENDING, not_before=not_before, last_error=error[:500])
        )

    async def mark_failed(self, message_id: int, error: str) -> None:
        await self.session.execute(
            update(models.OutboxMessage).where(models.OutboxMessage.id == message_id)
            .values(state=FAILED, last_error=error[:500])
        )
