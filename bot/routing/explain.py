"""Readable lines for `buurtlijn route --explain`: which rules were tried and why one won."""

from __future__ import annotations

from bot.routing.decision import RoutingDecision


def explain(decision: RoutingDecision) -> list[str]:
    lines = []
    for position, check in enumerate(decision.checks, start=1):
        verdict = "MATCH" if check.matched else "no match"
        lines.append(f'{position}. rule "{check.rule_name}": {verdict} - ' + "; ".join(check.reasons))
    partners = ", ".join(decision.partner_ids)
    if decision.used_fallback:
        tried = f"none of the {len(decision.checks)} rules matched" if decision.checks else "there are no rules"
        lines.append(f"=> {tried}; routed to fallback partner {partners}")
    else:
        lines.append(f'=> routed to {partners} by rule "{decision.rule_name}" (later rules not evaluated)')
    return lines
