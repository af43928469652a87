"""One unit of work per handled update or scheduler tick: it rolls back unless committed explicitly."""
from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.followup_repository import SqlFollowUpRepository
from storage.melding_repository import SqlMeldingRepository
from storage.outbox_repository import SqlOutboxRepository
from storage.professional_repository import SqlProfessionalRepository
from storage.resident_repository import SqlResidentRepository


class UnitOfWork:
    session: AsyncSession

    def __init__(self, session_factory: async_sessionmaker) -> None:
        self._session_factory = session_factory

    async def __aenter__(self) -> "UnitOfWork":
        self.session = self._session_factory()
        self.residents = SqlResidentRepository(self.session)
        self.outbox = SqlOutboxRepository(self.session)
        self.meldingen = SqlMeldingRepository(self.session)
        self.professionals = SqlProfessionalRepository(self.session)
        self.followups = SqlFollowUpRepository(self.session)
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.session.rollback()
        await self.session.close()

    async def commit(self) -> None:
        await self.session.commit()
