"""A gemeente as loaded from its configuration file: immutable, validated, ready to route."""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot.gemeente.areas import AreaMatch, Buurt, Wijk
from bot.gemeente.calendar_settings import HolidaySettings
from bot.gemeente.help_lines import HelpLine
from bot.gemeente.partners import Partner
from bot.gemeente.point_lookup import PointLocator
from bot.gemeente.service_levels import AcceptanceSla, CategorySla
from bot.gemeente.street_lookup import StreetLocator
from bot.routing import RoutingContext, RoutingDecision, RoutingRule, TimeWindow, route


@dataclass(frozen=True)
class Gemeente:
    name: str
    timezone: ZoneInfo
    wijken: tuple[Wijk, ...]
    partners: tuple[Partner, ...]
    coordinator_partner_id: str
    fallback_partner_id: str
    routes: tuple[RoutingRule, ...]
    category_slas: tuple[CategorySla, ...]
    acceptance_slas: tuple[AcceptanceSla, ...]
    help_lines: tuple[HelpLine, ...]
    quiet_hours: TimeWindow
    holidays: HolidaySettings
    retention_months: int
    _points: PointLocator = field(init=False, repr=False, compare=False)
    _streets: StreetLocator = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Built once here so every lookup reuses the spatial index and the prepared name list.
        object.__setattr__(self, "_points", PointLocator(self.wijken))
        object.__setattr__(self, "_streets", StreetLocator(self.wijken))

    @property
    def buurten(self) -> tuple[Buurt, ...]:
        return tuple(buurt for wijk in self.wijken for buurt in wijk.buurten)

    def wijk(self, wijk_id: str) -> Wijk | None:
        return next((wijk for wijk in self.wijken if wijk.id == wijk_id), None)

    def buurt(self, buurt_id: str) -> Buurt | None:
        return next((buurt for buurt in self.buurten if buurt.id == buurt_id), None)

    def partner(self, partner_id: str) -> Partner | None:
        return next((partner for partner in self.partners if partner.id == partner_id), None)

    def handling_working_days(self, category: str) -> int:
        for sla in self.category_slas:
            if sla.category == category:
                return sla.working_days
        raise KeyError(f"unknown category {category!r}")

    def acceptance_sla(self, urgency: str) -> AcceptanceSla:
        for sla in self.acceptance_slas:
            if sla.urgency == urgency:
                return sla
        raise KeyError(f"unknown urgency {urgency!r}")

    def help_line(self, key: str) -> HelpLine | None:
        return next((line for line in self.help_lines if line.key == key), None)

    def locate_point(self, lat: float, lon: float) -> AreaMatch | None:
        return self._points.locate(lat, lon)

    def locate_text(self, text: str) -> AreaMatch | None:
        return self._streets.locate(text)

    def route(self, ctx: RoutingContext) -> RoutingDecision:
        return route(self.routes, ctx, self.fallback_partner_id)
