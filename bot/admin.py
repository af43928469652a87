"""Gemeente-side commands run from a shell: invite codes for professionals, routing explanations."""
from __future__ import annotations

import secrets
from contextlib import asynccontextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot.area import GemeenteArea
from bot.gemeente.loader import example_gemeente_path, load_gemeente
from bot.routing import RoutingContext, explain
from bot.settings import Settings
from dialogs.professional import ROLES, hash_code
from storage.db import create_engine, create_session_factory, is_sqlite
from storage.migrate import upgrade_async
from storage.unit_of_work import UnitOfWork

# No 0/O or 1/I: codes are read aloud and typed from a phone screen.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12


class AdminError(ValueError):
    pass


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def load_area(settings: Settings) -> GemeenteArea:
    return GemeenteArea(load_gemeente(Path(settings.gemeente) if settings.gemeente else example_gemeente_path()))


@asynccontextmanager
async def unit_of_work(settings: Settings):
    if is_sqlite(settings.database_url):
        await upgrade_async(settings.database_url)
    engine = create_engine(settings.database_url)
    try:
        async with UnitOfWork(create_session_factory(engine)) as uow:
            yield uow
    finally:
        await engine.dispose()


async def create_invite(settings: Settings, partner_id: str, role: str, days: int) -> tuple[str, datetime]:
    area = load_area(settings)
    if partner_id not in area.partner_ids():
        raise AdminError(f"unknown partner {partner_id!r}; known: {', '.join(area.partner_ids())}")
    if role not in ROLES:
        raise AdminError(f"unknown role {role!r}; choose one of: {', '.join(ROLES)}")
    if days < 1:
        raise AdminError("an invite must be valid for at least one day")
    code, now = new_code(), datetime.now(timezone.utc)
    expires_at = now + timedelta(days=days)
    async with unit_of_work(settings) as uow:
        await uow.professionals.add_invite(code_hash=hash_code(code), partner_id=partner_id, role=role, now=now,
                                           expires_at=expires_at)
        await uow.professionals.audit(None, "invite_created", None, now, partner_id=partner_id, role=role)
        await uow.commit()
    return code, expires_at


async def explain_route(settings: Settings, reference: str) -> list[str]:
    area = load_area(settings)
    async with unit_of_work(settings) as uow:
        melding = await uow.meldingen.by_reference(reference)
    if melding is None:
        raise AdminError(f"no melding with reference {reference!r}")
    gemeente = area.gemeente
    context = RoutingContext(category=melding.category, urgency=melding.urgency, wijk_id=melding.wijk_id,
                             buurt_id=melding.buurt_id, local_time=melding.created_at.astimezone(gemeente.timezone))
    header = [
        f"{melding.reference}: category={melding.category} urgency={melding.urgency} "
        f"wijk={melding.wijk_id or '-'} buurt={melding.buurt_id or '-'} "
        f"reported={context.local_time:%Y-%m-%d %H:%M %Z} privacy={melding.privacy_mode}",
        f"now assigned to: {', '.join(melding.partner_ids) or '(nobody: advice only)'}",
    ]
    return header + explain(gemeente.route(context))
