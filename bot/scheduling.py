"""APScheduler only triggers work; what is due lives in database rows (outbox, follow-ups)."""
from __future__ import annotations

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.outbox.dispatcher import OutboxDispatcher

OUTBOX_INTERVAL_SECONDS = 1.0


def start_scheduler(dispatcher: OutboxDispatcher) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    # One tick at a time per process; a slow tick is skipped, not queued behind itself.
    scheduler.add_job(dispatcher.tick, "interval", seconds=OUTBOX_INTERVAL_SECONDS, id="outbox",
                      max_instances=1, coalesce=True)
    scheduler.start()
    return scheduler
