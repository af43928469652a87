"""When an unsolicited message may reach a resident.

Residents did not ask for these messages at that moment, so they respect the night (quiet
hours), get at most one per melding per local calendar day, and none at all after /stop.
Urgent news is the exception to the first two: it goes out as soon as it is due.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from dialogs.workdays import require_aware

DEFAULT_QUIET_START = time(21, 0)
DEFAULT_QUIET_END = time(8, 0)


def in_quiet_hours(local_time: time, quiet_start: time, quiet_end: time) -> bool:
    """Quiet hours run from `quiet_start` up to `quiet_end`, across midnight when start > end.

    Equal start and end mean there are no quiet hours.
    """
    if quiet_start <= quiet_end:
        return quiet_start <= local_time < quiet_end
    return local_time >= quiet_start or local_time < quiet_end


def _at_local(day: date, wall_time: time, zone: tzinfo, *, fold: int = 0) -> datetime:
    return datetime.combine(day, wall_time.replace(fold=fold), tzinfo=zone).astimezone(UTC)


def _after_quiet_hours(
    moment: datetime, zone: tzinfo, quiet_start: time, quiet_end: time
) -> datetime:
    local = moment.astimezone(zone)
    if not in_quiet_hours(local.time(), quiet_start, quiet_end):
        return moment
    ends_tomorrow = quiet_start > quiet_end and local.time() >= quiet_start
    end_day = local.date() + timedelta(days=1) if ends_tomorrow else local.date()
    end = _at_local(end_day, quiet_end, zone)
    if end <= moment:
        # The clocks went back and `moment` is in the repeated hour: the end of the quiet
        # hours is its second occurrence.
        end = _at_local(end_day, quiet_end, zone, fold=1)
    if in_quiet_hours(end.astimezone(zone).time(), quiet_start, quiet_end):
        # The clocks went forward over the end of the quiet hours and the short window
        # after it never happened that day: the quiet hours end the next day.
        return _after_quiet_hours(end, zone, quiet_start, quiet_end)
    return end


def deliverable_at(
    due_utc: datetime,
    *,
    urgent: bool,
    quiet_start: time = DEFAULT_QUIET_START,
    quiet_end: time = DEFAULT_QUIET_END,
    tz: str | tzinfo = "Europe/Amsterdam",
    last_unsolicited_for_melding_utc: datetime | None,
    stopped: bool,
) -> datetime | None:
    """The earliest moment, not before `due_utc`, at which the message may go out (UTC).

    None when the resident used /stop: that silences every unsolicited message, urgent or not.
    """
    require_aware(due_utc)
    if stopped:
        return None
    moment = due_utc.astimezone(UTC)
    if urgent:
        return moment
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    if last_unsolicited_for_melding_utc is not None:
        require_aware(last_unsolicited_for_melding_utc)
        next_day = last_unsolicited_for_melding_utc.astimezone(zone).date() + timedelta(days=1)
        moment = max(moment, _at_local(next_day, time(0), zone))
    # Only ever moves forward, so the day limit above still holds afterwards.
    return _after_quiet_hours(moment, zone, quiet_start, quiet_end)
