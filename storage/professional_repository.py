"""Professionals, their invite codes and the audit log of everything they do. Never commits."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.records import ProfessionalRecord
from storage import models


def _record(row: models.Professional) -> ProfessionalRecord:
    return ProfessionalRecord(row.id, row.telegram_user_id, row.partner_id, row.role, row.pending_action)


class SqlProfessionalRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_user(self, telegram_user_id: int) -> ProfessionalRecord | None:
        row = await self.session.scalar(select(models.Professional).where(
            models.Professional.telegram_user_id == telegram_user_id, models.Professional.active.is_(True)))
        return None if row is None else _record(row)

    async def set_pending(self, professional_id: int, pending: dict | None) -> None:
        row = await self.session.get(models.Professional, professional_id)
        row.pending_action = pending

    async def add_invite(self, *, code_hash: str, partner_id: str, role: str, now: datetime,
                         expires_at: datetime) -> None:
        self.session.add(models.Invite(code_hash=code_hash, partner_id=partner_id, role=role, created_at=now,
                                       expires_at=expires_at))
        await self.session.flush()

    async def failed_attempts_since(self, telegram_user_id: int, since: datetime) -> int:
        return await self.session.scalar(select(func.count()).select_from(models.InviteAttempt).where(
            models.InviteAttempt.telegram_user_id == telegram_user_id,
            models.InviteAttempt.succeeded.is_(False),
            models.InviteAttempt.created_at >= since,
        ))

    async def redeem(self, code_hash: str, telegram_user_id: int, now: datetime) -> ProfessionalRecord | None:
        """Binds the account when the code exists, is unused and has not expired; records the attempt."""
        invite = await self.session.scalar(
            select(models.Invite).where(models.Invite.code_hash == code_hash).with_for_update())
        valid = invite is not None and invite.used_at is None and invite.expires_at > now
        self.session.add(models.InviteAttempt(telegram_user_id=telegram_user_id, succeeded=valid, created_at=now))
        if not valid:
            await self.session.flush()
            return None
        invite.used_at, invite.used_by = now, telegram_user_id
        row = await self.session.scalar(
            select(models.Professional).where(models.Professional.telegram_user_id == telegram_user_id))
        if row is None:
            row = models.Professional(telegram_user_id=telegram_user_id, created_at=now)
            self.session.add(row)
        row.partner_id, row.role, row.active, row.pending_action = invite.partner_id, invite.role, True, None
        await self.session.flush()
        return _record(row)

    async def audit(self, professional_id: int | None, action: str, melding_id: int | None, now: datetime,
                    **detail) -> None:
        self.session.add(models.AuditEntry(professional_id=professional_id, action=action, melding_id=melding_id,
                                           detail=detail, created_at=now))
