"""A routing rule: which meldingen it takes (its conditions) and who receives them.

Every condition is optional; `None` means "any". An empty tuple would match nothing, which is
never what a gemeente means, so it is refused here rather than silently swallowing meldingen.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.routing.time_window import TimeWindow

WEEKDAY_NAMES: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class RoutingRule:
    name: str
    partner_ids: tuple[str, ...]
    categories: tuple[str, ...] | None = None
    urgencies: tuple[str, ...] | None = None
    wijk_ids: tuple[str, ...] | None = None
    buurt_ids: tuple[str, ...] | None = None
    hours: TimeWindow | None = None
    # 0 = Monday, as datetime.weekday(). With an overnight window, the day the window opened counts.
    weekdays: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("a routing rule needs a name, so decisions can be explained")
        if not self.partner_ids:
            raise ValueError(f'rule "{self.name}" assigns no partner')
        for label, values in (
            ("categories", self.categories),
            ("urgencies", self.urgencies),
            ("wijk_ids", self.wijk_ids),
            ("buurt_ids", self.buurt_ids),
            ("weekdays", self.weekdays),
        ):
            if values is not None and not values:
                raise ValueError(f'rule "{self.name}": empty {label} would match nothing; use None for any')
        if self.weekdays is not None and not all(0 <= day <= 6 for day in self.weekdays):
            raise ValueError(f'rule "{self.name}": weekdays must be 0 (Monday) to 6 (Sunday)')

    @property
    def matches_everything(self) -> bool:
        return all(
            condition is None
            for condition in (self.categories, self.urgencies, self.wijk_ids, self.buurt_ids, self.hours, self.weekdays)
        )

    @property
    def restricts_area(self) -> bool:
        return self.wijk_ids is not None or self.buurt_ids is not None
