"""The conditions a rule can set, each able to say whether it holds and why, in words.

The predicate and its explanation sit side by side so that `route --explain` describes each
check the way it was actually made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.routing.context import RoutingContext
from bot.routing.decision import RuleCheck
from bot.routing.rule import WEEKDAY_NAMES, RoutingRule

MATCHES_EVERYTHING = "no conditions: matches every melding"


@dataclass(frozen=True)
class Condition:
    # None when the rule does not constrain this aspect at all.
    holds: Callable[[RoutingRule, RoutingContext], bool | None]
    describe: Callable[[RoutingRule, RoutingContext, bool], str]


def _listing(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(values) + "]"


def _in(held: bool) -> str:
    return "in" if held else "not in"


def _category_holds(rule: RoutingRule, ctx: RoutingContext) -> bool | None:
    return None if rule.categories is None else ctx.category in rule.categories


def _category_describe(rule: RoutingRule, ctx: RoutingContext, held: bool) -> str:
    return f'category "{ctx.category}" {_in(held)} {_listing(rule.categories or ())}'


def _urgency_holds(rule: RoutingRule, ctx: RoutingContext) -> bool | None:
    return None if rule.urgencies is None else ctx.urgency in rule.urgencies


def _urgency_describe(rule: RoutingRule, ctx: RoutingContext, held: bool) -> str:
    return f'urgency "{ctx.urgency}" {_in(held)} {_listing(rule.urgencies or ())}'


def _in_wijk(rule: RoutingRule, ctx: RoutingContext) -> bool:
    return rule.wijk_ids is not None and ctx.wijk_id in rule.wijk_ids


def _in_buurt(rule: RoutingRule, ctx: RoutingContext) -> bool:
    return rule.buurt_ids is not None and ctx.buurt_id in rule.buurt_ids


def _area_holds(rule: RoutingRule, ctx: RoutingContext) -> bool | None:
    # Wijken and buurten together form one area: a melding in any listed wijk or buurt is in it.
    if not rule.restricts_area:
        return None
    return _in_wijk(rule, ctx) or _in_buurt(rule, ctx)


def _area_scope(rule: RoutingRule) -> str:
    parts = []
    if rule.wijk_ids is not None:
        parts.append("wijken " + _listing(rule.wijk_ids))
    if rule.buurt_ids is not None:
        parts.append("buurten " + _listing(rule.buurt_ids))
    return " or ".join(parts)


def _area_describe(rule: RoutingRule, ctx: RoutingContext, held: bool) -> str:
    if held and _in_wijk(rule, ctx):
        return f'wijk "{ctx.wijk_id}" in {_listing(rule.wijk_ids or ())}'
    if held:
        return f'buurt "{ctx.buurt_id}" in {_listing(rule.buurt_ids or ())}'
    if ctx.wijk_id is None and ctx.buurt_id is None:
        return f"location unknown, rule covers {_area_scope(rule)}"
    return f'wijk "{ctx.wijk_id}" / buurt "{ctx.buurt_id}" not in {_area_scope(rule)}'


def _hours_holds(rule: RoutingRule, ctx: RoutingContext) -> bool | None:
    return None if rule.hours is None else rule.hours.contains(ctx.local_time.time())


def _hours_describe(rule: RoutingRule, ctx: RoutingContext, held: bool) -> str:
    return f"time {ctx.local_time:%H:%M} {_in(held)} {rule.hours}"


def window_day(rule: RoutingRule, ctx: RoutingContext) -> int:
    """The weekday a rule's weekday condition looks at.

    Friday 01:30 inside a 20:00-06:00 window is the tail of Thursday evening; a gemeente that
    writes "Friday and Saturday evenings" means the nights that start on those days.
    """
    day = ctx.local_time.weekday()
    if rule.hours is not None and rule.hours.belongs_to_previous_day(ctx.local_time.time()):
        return (day - 1) % 7
    return day


def _weekday_holds(rule: RoutingRule, ctx: RoutingContext) -> bool | None:
    return None if rule.weekdays is None else window_day(rule, ctx) in rule.weekdays


def _weekday_describe(rule: RoutingRule, ctx: RoutingContext, held: bool) -> str:
    day = window_day(rule, ctx)
    allowed = _listing(tuple(WEEKDAY_NAMES[d] for d in rule.weekdays or ()))
    if day != ctx.local_time.weekday():
        return (
            f"window day {WEEKDAY_NAMES[day]} ({ctx.local_time:%H:%M} belongs to the {rule.hours} "
            f"window that opened the evening before) {_in(held)} {allowed}"
        )
    return f"weekday {WEEKDAY_NAMES[day]} {_in(held)} {allowed}"


CONDITIONS: tuple[Condition, ...] = (
    Condition(_category_holds, _category_describe),
    Condition(_urgency_holds, _urgency_describe),
    Condition(_area_holds, _area_describe),
    Condition(_hours_holds, _hours_describe),
    Condition(_weekday_holds, _weekday_describe),
)


def check_rule(rule: RoutingRule, ctx: RoutingContext) -> RuleCheck:
    satisfied: list[Condition] = []
    failed: list[Condition] = []
    for condition in CONDITIONS:
        held = condition.holds(rule, ctx)
        if held is not None:
            (satisfied if held else failed).append(condition)
    # A miss is explained only by what failed; a match by everything it satisfied.
    if failed:
        return RuleCheck(rule.name, False, tuple(condition.describe(rule, ctx, False) for condition in failed))
    if not satisfied:
        return RuleCheck(rule.name, True, (MATCHES_EVERYTHING,))
    return RuleCheck(rule.name, True, tuple(condition.describe(rule, ctx, True) for condition in satisfied))
