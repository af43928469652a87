"""Time zone, quiet hours, holidays and retention: the gemeente's calendar and privacy settings."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.gemeente.calendar_settings import (
    DEFAULT_QUIET_HOURS,
    DEFAULT_RETENTION_MONTHS,
    HolidaySettings,
    LiberationDay,
)
from bot.gemeente.errors import Problems
from bot.gemeente.reader import TableReader
from bot.routing import TimeWindow

DEFAULT_TIMEZONE = "Europe/Amsterdam"
QUIET_HOURS_KEYS = ("from", "until")
HOLIDAY_KEYS = ("liberation_day", "good_friday", "extra_dates")


def parse_timezone(top: TableReader) -> ZoneInfo:
    name = top.text("timezone") or DEFAULT_TIMEZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        top.report("timezone", f'unknown time zone "{name}" (expected an IANA name such as "{DEFAULT_TIMEZONE}")')
        return ZoneInfo(DEFAULT_TIMEZONE)


def parse_quiet_hours(top: TableReader, problems: Problems) -> TimeWindow:
    if not top.has("quiet_hours"):
        return DEFAULT_QUIET_HOURS
    reader = TableReader(top.raw("quiet_hours"), "quiet_hours", problems, QUIET_HOURS_KEYS)
    start = reader.clock_time("from") or DEFAULT_QUIET_HOURS.start
    end = reader.clock_time("until") or DEFAULT_QUIET_HOURS.end
    try:
        return TimeWindow(start, end)
    except ValueError as exc:
        problems.add("quiet_hours", str(exc))
        return DEFAULT_QUIET_HOURS


def parse_holidays(top: TableReader, problems: Problems) -> HolidaySettings:
    if not top.has("holidays"):
        return HolidaySettings()
    reader = TableReader(top.raw("holidays"), "holidays", problems, HOLIDAY_KEYS)
    liberation = reader.text("liberation_day") or HolidaySettings.liberation_day
    if liberation not in tuple(LiberationDay):
        known = ", ".join(choice.value for choice in LiberationDay)
        reader.report("liberation_day", f'must be one of {known}, got "{liberation}"')
        liberation = HolidaySettings.liberation_day
    good_friday = reader.boolean("good_friday")
    return HolidaySettings(
        LiberationDay(liberation),
        HolidaySettings.good_friday if good_friday is None else good_friday,
        reader.date_list("extra_dates"),
    )


def parse_retention_months(top: TableReader) -> int:
    return top.integer("retention_months", minimum=1) or DEFAULT_RETENTION_MONTHS
