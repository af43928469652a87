"""Pure routing of meldingen to partners: ordered rules over a flat context, first match wins."""

from bot.routing.context import RoutingContext
from bot.routing.decision import RoutingDecision, RuleCheck
from bot.routing.engine import route
from bot.routing.explain import explain
from bot.routing.rule import WEEKDAY_NAMES, RoutingRule
from bot.routing.time_window import TimeWindow

__all__ = [
    "WEEKDAY_NAMES",
    "RoutingContext",
    "RoutingDecision",
    "RoutingRule",
    "RuleCheck",
    "TimeWindow",
    "explain",
    "route",
]
