"""The gemeente's quiet hours applied to one unsolicited message to a resident."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from bot.followup.delivery import DEFAULT_QUIET_END, DEFAULT_QUIET_START, deliverable_at
from bot.gemeente.model import Gemeente


@dataclass(frozen=True)
class ResidentDelivery:
    quiet_start: time = DEFAULT_QUIET_START
    quiet_end: time = DEFAULT_QUIET_END
    timezone: str = "Europe/Amsterdam"

    @classmethod
    def of(cls, gemeente: Gemeente) -> "ResidentDelivery":
        return cls(gemeente.quiet_hours.start, gemeente.quiet_hours.end, gemeente.timezone.key)

    def moment(self, now: datetime, *, urgent: bool = False, last_unsolicited: datetime | None = None,
               stopped: bool = False) -> datetime | None:
        """When a message that could go `now` may reach the resident; None after /stop.

        Always asked with the present moment, not the planned one: a follow-up worked on late
        (the bot was down) must still not wake anyone.
        """
        return deliverable_at(now, urgent=urgent, quiet_start=self.quiet_start, quiet_end=self.quiet_end,
                              tz=self.timezone, last_unsolicited_for_melding_utc=last_unsolicited,
                              stopped=stopped)
