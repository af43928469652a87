"""The flat description of a melding that routing rules are evaluated against."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RoutingContext:
    category: str
    urgency: str
    wijk_id: str | None
    buurt_id: str | None
    local_time: datetime  # aware, in the gemeente's time zone

    def __post_init__(self) -> None:
        # A naive time would silently be read as gemeente time; make the caller say which it is.
        if self.local_time.utcoffset() is None:
            raise ValueError("RoutingContext.local_time must be timezone-aware (the gemeente's time zone)")
