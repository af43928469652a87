"""A daily window of local clock time, such as 20:00-06:00, that may cross midnight."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time


@dataclass(frozen=True)
class TimeWindow:
    """Start is inclusive, end exclusive, so 20:00-06:00 and 06:00-20:00 tile the day."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start == self.end:
            # Equal ends could mean "all day" or "never"; a rule that wants all day omits the window.
            raise ValueError(f"time window {self} is empty: start and end are both {self.start:%H:%M}")
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("time window bounds are local wall-clock times without a time zone")

    @property
    def crosses_midnight(self) -> bool:
        return self.start > self.end

    def contains(self, moment: time) -> bool:
        moment = moment.replace(tzinfo=None)
        if self.crosses_midnight:
            return moment >= self.start or moment < self.end
        return self.start <= moment < self.end

    def belongs_to_previous_day(self, moment: time) -> bool:
        """True for the after-midnight part of a window that opened the evening before."""
        return self.crosses_midnight and moment.replace(tzinfo=None) < self.end

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"
