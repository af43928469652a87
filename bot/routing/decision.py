"""What routing decided, and the trail of rule checks that led there."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleCheck:
    rule_name: str
    matched: bool
    # For a match: the conditions it satisfied. Otherwise: every condition that failed.
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class RoutingDecision:
    partner_ids: tuple[str, ...]
    rule_name: str | None
    used_fallback: bool
    # Rules in order up to and including the first match; later rules are never evaluated.
    checks: tuple[RuleCheck, ...]
