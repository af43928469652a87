"""Outgoing messages as rows: written with their cause, claimed and sent by the dispatcher. Never commits."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage import models
from storage.claiming import claim_rows

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
# Newer news about the same melding arrived before this row went out: sending it would tell old news.
SUPERSEDED = "superseded"
# The resident said /stop or /vergeet before this row went out.
WITHDRAWN = "withdrawn"
# A row claimed longer ago than this belongs to a worker that died mid-send: it may be taken again.
# It must outlast the longest send (the dispatcher's request timeout plus its wait for a free slot),
# or a slow send would be repeated; SIGKILL tests shorten it through the settings.
CLAIM_TIMEOUT = timedelta(minutes=1)


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


@dataclass(frozen=True)
class NewMessage:
    chat_id: int
    kind: str
    text: str
    not_before: datetime
    buttons: list | None = None
    melding_id: int | None = None


@dataclass(frozen=True)
class FailedMessage:
    id: int
    chat_id: int
    kind: str
    attempts: int
    last_error: str | None
    created_at: datetime


class SqlOutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

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

    async def enqueue_many(self, messages: list[NewMessage], now: datetime) -> None:
        """One multi-row insert: a broadcast to thousands of residents is one statement, not thousands."""
        if messages:
            await self.session.execute(insert(models.OutboxMessage), [
                dict(chat_id=m.chat_id, kind=m.kind, text=m.text, buttons=m.buttons, photo_file_id=None,
                     melding_id=m.melding_id, state=PENDING, attempts=0, not_before=m.not_before, created_at=now)
                for m in messages
            ])

    async def claim_due(self, now: datetime, limit: int,
                        claim_timeout: timedelta = CLAIM_TIMEOUT) -> list[OutgoingMessage]:
        """Marks up to `limit` due rows as being sent and returns them; no row is ever claimed twice.

        The claiming UPDATE repeats the conditions and returns exactly the rows it changed: on
        PostgreSQL the candidates are locked and other workers skip them (FOR UPDATE SKIP LOCKED);
        on SQLite a candidate another worker claimed in between no longer matches. Rows a dead
        worker claimed come first, then due rows; two queries rather than one OR keep both on the
        (state, not_before) index.
        """
        outbox = models.OutboxMessage
        stale = await self._claim(outbox.state == SENDING, outbox.not_before <= now - claim_timeout, now=now,
                                  limit=limit)
        due = await self._claim(outbox.state == PENDING, outbox.not_before <= now, now=now,
                                limit=limit - len(stale)) if len(stale) < limit else []
        # One chat's messages must go in the order they were written.
        return sorted(stale + due, key=lambda message: message.id)

    async def _claim(self, *conditions, now: datetime, limit: int) -> list[OutgoingMessage]:
        outbox = models.OutboxMessage
        claimed = await claim_rows(
            self.session, outbox, *conditions, order_by=(outbox.not_before, outbox.id), limit=limit,
            values=dict(state=SENDING, not_before=now, attempts=outbox.attempts + 1),
            returning=(outbox.id, outbox.chat_id, outbox.kind, outbox.text, outbox.buttons, outbox.photo_file_id,
                       outbox.melding_id, outbox.attempts),
        )
        return [OutgoingMessage(*row) for row in claimed]

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

    async def release(self, message_id: int, not_before: datetime, note: str | None = None) -> None:
        """Back to the queue untried (no slot was free, or an earlier message to the chat must go first)."""
        await self.session.execute(
            update(models.OutboxMessage)
            .where(models.OutboxMessage.id == message_id, models.OutboxMessage.state == SENDING)
            .values(state=PENDING, not_before=not_before, attempts=models.OutboxMessage.attempts - 1,
                    last_error=note)
        )

    async def end_queue_for_chat(self, chat_id: int, state: str, reason: str) -> int:
        """Nothing queued reaches this chat any more (a 403, /stop, /vergeet): each row says why."""
        result = await self.session.execute(
            update(models.OutboxMessage)
            .where(models.OutboxMessage.chat_id == chat_id, models.OutboxMessage.state == PENDING)
            .values(state=state, last_error=reason[:500])
        )
        return result.rowcount

    async def supersede(self, melding_id: int, kinds: frozenset[str]) -> int:
        """Drops unsent news of these kinds about a melding: newer news replaces it."""
        result = await self.session.execute(
            update(models.OutboxMessage)
            .where(models.OutboxMessage.melding_id == melding_id, models.OutboxMessage.state == PENDING,
                   models.OutboxMessage.kind.in_(kinds))
            .values(state=SUPERSEDED)
        )
        return result.rowcount

    async def counts(self) -> dict[str, int]:
        rows = await self.session.execute(
            select(models.OutboxMessage.state, func.count()).group_by(models.OutboxMessage.state))
        return dict(rows.all())

    async def failures(self, limit: int = 50) -> list[FailedMessage]:
        rows = await self.session.scalars(
            select(models.OutboxMessage).where(models.OutboxMessage.state == FAILED)
            .order_by(models.OutboxMessage.id.desc()).limit(limit))
        return [FailedMessage(r.id, r.chat_id, r.kind, r.attempts, r.last_error, r.created_at) for r in rows]
