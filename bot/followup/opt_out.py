"""/stop and /vergeet also hold back what was already queued for the resident (e.g. news deferred to the morning)."""
from __future__ import annotations

from datetime import datetime

from dialogs.domain_events import ResidentOptedOut
from storage.outbox_repository import WITHDRAWN
from storage.unit_of_work import UnitOfWork


async def withdraw_queued_messages(uow: UnitOfWork, events: list[object], now: datetime) -> None:
    """Subscribed to `Buurtlijn.event_handlers`. A resident's private chat only ever gets messages the bot
    sends on its own initiative through the outbox (answers go straight back), so the whole queue goes."""
    for event in events:
        if isinstance(event, ResidentOptedOut):
            await uow.outbox.end_queue_for_chat(event.chat_id, WITHDRAWN, "withdrawn: the resident opted out")
