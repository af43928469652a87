"""`buurtlijn queue`: what is waiting to be sent, and every failure with its reason."""
from __future__ import annotations

from bot.admin import unit_of_work
from bot.settings import Settings

SHOWN_FAILURES = 20


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{state} {count}" for state, count in sorted(counts.items())) or "empty"


async def queue_report(settings: Settings) -> list[str]:
    async with unit_of_work(settings) as uow:
        outbox, outbox_failures = await uow.outbox.counts(), await uow.outbox.failures(SHOWN_FAILURES)
        followups, followup_failures = await uow.followups.counts(), await uow.followups.failures(SHOWN_FAILURES)
    lines = [f"outbox: {_counts(outbox)}"]
    lines += [f"  failed message {m.id} to chat {m.chat_id} ({m.kind}, {m.attempts} attempts): {m.last_error}"
              for m in outbox_failures]
    lines.append(f"follow-ups: {_counts(followups)}")
    lines += [f"  failed follow-up {fid} ({kind}, melding {melding_id}): {outcome}"
              for fid, kind, melding_id, outcome in followup_failures]
    return lines
