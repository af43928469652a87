"""Ordered, first-match routing with a fallback, so every melding has an owner."""

from __future__ import annotations

from collections.abc import Sequence

from bot.routing.conditions import check_rule
from bot.routing.context import RoutingContext
from bot.routing.decision import RoutingDecision, RuleCheck
from bot.routing.rule import RoutingRule


def route(rules: Sequence[RoutingRule], ctx: RoutingContext, fallback_partner_id: str) -> RoutingDecision:
    """Return the partners of the first rule that matches, or the fallback partner.

    Pure: the same rules and context always give the same decision. Whether a melding is routed
    at all (advice-only meldingen are not) is for the caller to decide.
    """
    if not fallback_partner_id:
        raise ValueError("a fallback partner is required: no melding may end without an owner")
    checks: list[RuleCheck] = []
    for rule in rules:
        check = check_rule(rule, ctx)
        checks.append(check)
        if check.matched:
            return RoutingDecision(rule.partner_ids, rule.name, used_fallback=False, checks=tuple(checks))
    return RoutingDecision((fallback_partner_id,), None, used_fallback=True, checks=tuple(checks))
