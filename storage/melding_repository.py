"""Meldingen after intake: status changes (whitelist enforced), assignments, questions. Never commits."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.records import MeldingView, QuestionRecord
from dialogs.statuses import CLOSED_STATUSES, Status, check_transition
from storage import models

ASKED, ANSWERED = "question", "answer"
# The resident's answer to a follow-up (solved? still going on?) and their comment, kept with the melding.
FEEDBACK = "feedback"


class SqlMeldingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, melding_id: int) -> MeldingView | None:
        melding = await self.session.get(models.Melding, melding_id)
        return None if melding is None else await self._view(melding)

    async def by_reference(self, reference: str) -> MeldingView | None:
        melding = await self.session.scalar(
            select(models.Melding).where(models.Melding.reference == reference.strip().upper())
        )
        return None if melding is None else await self._view(melding)

    async def _view(self, melding: models.Melding) -> MeldingView:
        reporter = await self.session.get(models.Reporter, melding.reporter_id) if melding.reporter_id else None
        partners = await self.session.scalars(
            select(models.Assignment.partner_id)
            .where(models.Assignment.melding_id == melding.id, models.Assignment.active.is_(True))
            .order_by(models.Assignment.id)
        )
        photos = await self.session.scalars(
            select(models.Attachment.telegram_file_id)
            .where(models.Attachment.melding_id == melding.id).order_by(models.Attachment.id)
        )
        return MeldingView(
            id=melding.id, reference=melding.reference, text=melding.text, category=melding.category,
            urgency=melding.urgency, acute_kind=melding.acute_kind, frequency=melding.frequency,
            privacy_mode=melding.privacy_mode, status=melding.status, wijk_id=melding.wijk_id,
            buurt_id=melding.buurt_id, place_text=melding.place_text, created_at=melding.created_at,
            expected_by=melding.expected_by, last_activity_at=melding.last_activity_at,
            partner_ids=tuple(partners), photo_file_ids=tuple(photos),
            reporter_chat_id=reporter.chat_id if reporter else None,
            reporter_locale=reporter.locale if reporter else melding.language,
            reporter_stopped=reporter.stopped if reporter else True,
        )

    async def change_status(self, melding_id: int, new: Status, *, actor: str, message: str | None,
                            now: datetime) -> Status:
        """Applies one whitelisted transition and appends it to the history; returns the old status."""
        melding = await self.session.get(models.Melding, melding_id, with_for_update=True)
        old = Status(melding.status)
        check_transition(old, new, message)
        melding.status, melding.last_activity_at = new.value, now
        if new is Status.IN_BEHANDELING and melding.accepted_at is None:
            melding.accepted_at = now
        if new in CLOSED_STATUSES:
            melding.closed_at = now
        elif old in CLOSED_STATUSES:
            melding.closed_at = None
        self.session.add(models.StatusChange(
            melding_id=melding_id, from_status=old.value, to_status=new.value, actor=actor, message=message,
            created_at=now,
        ))
        await self.session.flush()
        return old

    async def reassign(self, melding_id: int, *, to_partner: str, reason: str, now: datetime) -> None:
        await self.session.execute(
            update(models.Assignment).where(models.Assignment.melding_id == melding_id).values(active=False)
        )
        self.session.add(models.Assignment(melding_id=melding_id, partner_id=to_partner, assigned_at=now,
                                           active=True, reason=reason))
        melding = await self.session.get(models.Melding, melding_id)
        melding.routed_at, melding.accepted_at = now, None
        await self.session.flush()

    async def add_question(self, melding_id: int, *, professional_id: int, chat_id: int, template_key: str | None,
                           body: str | None, now: datetime) -> int:
        relay = models.Relay(melding_id=melding_id, direction=ASKED, professional_id=professional_id,
                             template_key=template_key, body=body, chat_id=chat_id, created_at=now)
        self.session.add(relay)
        await self.session.flush()
        return relay.id

    async def open_question(self, question_id: int) -> QuestionRecord | None:
        relay = await self.session.get(models.Relay, question_id)
        if relay is None or relay.direction != ASKED or relay.answered_at is not None:
            return None
        return QuestionRecord(relay.id, relay.melding_id, relay.professional_id, relay.chat_id)

    async def answer_question(self, question_id: int, answer: str, now: datetime) -> None:
        question = await self.session.get(models.Relay, question_id)
        question.answered_at = now
        self.session.add(models.Relay(melding_id=question.melding_id, direction=ANSWERED, body=answer,
                                      chat_id=question.chat_id, created_at=now))
        await self.session.flush()

    async def record_feedback(self, melding_id: int, kind: str, text: str | None, now: datetime) -> None:
        self.session.add(models.Relay(melding_id=melding_id, direction=FEEDBACK, template_key=kind, body=text,
                                      created_at=now))
        await self.session.flush()
