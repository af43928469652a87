"""APScheduler only triggers work; what is due lives in database rows (outbox, follow-ups)."""
from __future__ import annotations

import logging
from datetime import datetime, timezone

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.followup.worker import FollowUpWorker
from bot.outbox.dispatcher import OutboxDispatcher

OUTBOX_INTERVAL_SECONDS = 1.0
FOLLOWUP_INTERVAL_SECONDS = 30.0


def start_scheduler(dispatcher: OutboxDispatcher, followups: FollowUpWorker) -> AsyncIOScheduler:
    # Two INFO lines per run, every second, would bury the bot's own log; problems still show.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    scheduler = AsyncIOScheduler(timezone="UTC")
    # Waking is instant: the dispatcher drains in its own task until nothing is due.
    scheduler.add_job(dispatcher.wake, "interval", seconds=OUTBOX_INTERVAL_SECONDS, id="outbox",
                      max_instances=1, coalesce=True)
    # One run at a time per process; a slow run is skipped, not queued behind itself. Several
    # processes may run it side by side: claims keep them from taking the same follow-up.
    scheduler.add_job(followups.run_until_idle, "interval", seconds=FOLLOWUP_INTERVAL_SECONDS, id="followups",
                      max_instances=1, coalesce=True, next_run_time=datetime.now(timezone.utc))
    scheduler.start()
    return scheduler
