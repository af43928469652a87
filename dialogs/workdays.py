"""Working days and working hours in a Dutch gemeente.

SLAs ("2 working days", "4 working hours") and the date a resident is promised are counted on
this calendar: weekends and Dutch public holidays do not count, and working hours only count
between `day_start` and `day_end` local time. All arithmetic crosses the DST changes through
zoneinfo, so a working hour is always a real hour.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

LIBERATION_DAY_POLICIES = frozenset({"lustrum", "yearly", "never"})
EXTRA_HOLIDAY_NAME = "Extra vrije dag"

_SATURDAY = 5


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def kings_day(year: int) -> date:
    """Koningsdag moves to the Saturday before when 27 April is a Sunday.

    This is the rule since 2014 (Willem-Alexander); earlier Koninginnedagen are not modelled
    because Buurtlijn never schedules into the past.
    """
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


def dutch_public_holidays(
    year: int, *, liberation_day: str = "lustrum", good_friday: bool = False
) -> dict[date, str]:
    """The national public holidays of `year`, by date.

    Many employers, the government among them, give Bevrijdingsdag off only in lustrum years
    (2025, 2030, …) and few give Goede Vrijdag off, which is why both are configurable.
    """
    return dict(_national_holidays(year, liberation_day, good_friday))


# Every working-day check looks the year up, so the computed years are kept; the cached dict
# never leaves this module.
@lru_cache(maxsize=64)
def _national_holidays(year: int, liberation_day: str, good_friday: bool) -> dict[date, str]:
    if liberation_day not in LIBERATION_DAY_POLICIES:
        raise ValueError(f"liberation_day must be one of {sorted(LIBERATION_DAY_POLICIES)}")
    easter = easter_sunday(year)
    holidays = {
        date(year, 1, 1): "Nieuwjaarsdag",
        easter: "Eerste Paasdag",
        easter + timedelta(days=1): "Tweede Paasdag",
        kings_day(year): "Koningsdag",
        easter + timedelta(days=39): "Hemelvaartsdag",
        easter + timedelta(days=49): "Eerste Pinksterdag",
        easter + timedelta(days=50): "Tweede Pinksterdag",
        date(year, 12, 25): "Eerste Kerstdag",
        date(year, 12, 26): "Tweede Kerstdag",
    }
    if good_friday:
        holidays[easter - timedelta(days=2)] = "Goede Vrijdag"
    if liberation_day == "yearly" or (liberation_day == "lustrum" and year % 5 == 0):
        liberation = date(year, 5, 5)
        # Hemelvaartsdag falls on 5 May now and then (2005, 2016); neither name may vanish.
        shared = holidays.get(liberation)
        holidays[liberation] = f"{shared} en Bevrijdingsdag" if shared else "Bevrijdingsdag"
    return holidays


def require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected a timezone-aware datetime, got {moment!r}")


@dataclass(frozen=True)
class WorkingCalendar:
    timezone: str = "Europe/Amsterdam"
    liberation_day: str = "lustrum"
    good_friday: bool = False
    extra_holidays: frozenset[date] = field(default_factory=frozenset)
    day_start: time = time(8, 30)
    day_end: time = time(17, 0)

    def __post_init__(self) -> None:
        ZoneInfo(self.timezone)  # fail at configuration time, not at the first deadline
        if self.liberation_day not in LIBERATION_DAY_POLICIES:
            raise ValueError(f"liberation_day must be one of {sorted(LIBERATION_DAY_POLICIES)}")
        if not self.day_start < self.day_end:
            raise ValueError("day_start must be before day_end")
        if self.day_start.tzinfo is not None or self.day_end.tzinfo is not None:
            raise ValueError("day_start and day_end are local wall-clock times without tzinfo")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)  # ZoneInfo caches instances per key

    def holidays(self, year: int) -> dict[date, str]:
        holidays = dutch_public_holidays(
            year, liberation_day=self.liberation_day, good_friday=self.good_friday
        )
        for extra in self.extra_holidays:
            if extra.year == year:
                holidays.setdefault(extra, EXTRA_HOLIDAY_NAME)
        return holidays

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= _SATURDAY or day in self.extra_holidays:
            return False
        return day not in _national_holidays(day.year, self.liberation_day, self.good_friday)

    def local_date(self, moment: datetime) -> date:
        require_aware(moment)
        return moment.astimezone(self.zone).date()

    def at_local_time(self, day: date, wall_time: time) -> datetime:
        """The UTC instant at which the gemeente's clocks show `wall_time` on `day`."""
        return datetime.combine(day, wall_time, tzinfo=self.zone).astimezone(UTC)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: datetime, days: int) -> date:
        """The local date `days` working days after the local date of `start`.

        With 0 days this is the day the melding is picked up: its own date when that is a
        working day, otherwise the next working day.
        """
        if days < 0:
            raise ValueError("days must not be negative")
        day = self.local_date(start)
        if days == 0:
            return day if self.is_working_day(day) else self.next_working_day(day)
        for _ in range(days):
            day = self.next_working_day(day)
        return day

    def deadline_after_working_days(self, start: datetime, days: int) -> datetime:
        """End of the working day `days` working days after `start`, in UTC."""
        return self.at_local_time(self.add_working_days(start, days), self.day_end)

    def next_working_moment(self, moment: datetime) -> datetime:
        """`moment` itself when it falls in working time, else the next start of a working day.

        Working time is half open: at `day_end` sharp the day is over.
        """
        day = self.local_date(moment)
        if self.is_working_day(day):
            if moment < self.at_local_time(day, self.day_start):
                return self.at_local_time(day, self.day_start)
            if moment < self.at_local_time(day, self.day_end):
                return moment.astimezone(UTC)
        return self.at_local_time(self.next_working_day(day), self.day_start)

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """The UTC instant after `hours` of working time have passed from `start`.

        A deadline may land on `day_end` exactly (work until five means due at five), never
        on the next morning's start for the same amount of work.
        """
        require_aware(start)
        if hours < 0:
            raise ValueError("hours must not be negative")
        remaining = timedelta(hours=hours)
        if not remaining:
            return start.astimezone(UTC)
        cursor = self.next_working_moment(start)
        while True:
            day = self.local_date(cursor)
            # Never negative, even when a DST gap swallows a very short working day.
            left_today = max(timedelta(0), self.at_local_time(day, self.day_end) - cursor)
            if remaining <= left_today:
                return cursor + remaining
            remaining -= left_today
            cursor = self.at_local_time(self.next_working_day(day), self.day_start)
