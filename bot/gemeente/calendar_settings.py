"""Which days count as working days and when residents are left in peace."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

from bot.routing import TimeWindow


class LiberationDay(StrEnum):
    # Bevrijdingsdag (5 May) is a day off every five years in most cao's, every year in some.
    LUSTRUM = "lustrum"
    YEARLY = "yearly"
    NEVER = "never"


@dataclass(frozen=True)
class HolidaySettings:
    liberation_day: LiberationDay = LiberationDay.LUSTRUM
    good_friday: bool = False
    # Local days off, such as a gemeente's closing day between Christmas and New Year.
    extra_dates: tuple[date, ...] = ()


DEFAULT_QUIET_HOURS = TimeWindow(time(21, 0), time(8, 0))
DEFAULT_RETENTION_MONTHS = 12
