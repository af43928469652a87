"""Properties of `route` over random rule sets and contexts, checked against a naive oracle."""

from dataclasses import replace
from datetime import datetime, time
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.routing import RoutingContext, RoutingRule, TimeWindow, explain, route

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FALLBACK = "fallback"
# Small alphabets so that random rules and contexts actually meet.
CATEGORIES = ("jongerenoverlast", "drugs", "spanningen")
URGENCIES = ("acuut", "hoog", "normaal", "laag")
WIJKEN = ("w1", "w2")
BUURTEN = ("b1", "b2", "b3")
PARTNERS = ("p1", "p2", "p3", "p4")


def optional_subset(values: tuple) -> st.SearchStrategy:
    return st.none() | st.lists(st.sampled_from(values), min_size=1, max_size=len(values), unique=True).map(tuple)


clock_times = st.builds(time, st.integers(0, 23), st.sampled_from((0, 15, 30, 45)))
windows = st.tuples(clock_times, clock_times).filter(lambda pair: pair[0] != pair[1]).map(lambda p: TimeWindow(*p))

rules_strategy = st.builds(
    RoutingRule,
    name=st.just("placeholder"),
    partner_ids=st.lists(st.sampled_from(PARTNERS), min_size=1, max_size=3, unique=True).map(tuple),
    categories=optional_subset(CATEGORIES),
    urgencies=optional_subset(URGENCIES),
    wijk_ids=optional_subset(WIJKEN),
    buurt_ids=optional_subset(BUURTEN),
    hours=st.none() | windows,
    weekdays=optional_subset(tuple(range(7))),
)
rule_lists = st.lists(rules_strategy, max_size=12).map(
    lambda rules: [replace(rule, name=f"rule-{position}") for position, rule in enumerate(rules)]
)
contexts = st.builds(
    RoutingContext,
    category=st.sampled_from(CATEGORIES),
    urgency=st.sampled_from(URGENCIES),
    wijk_id=st.none() | st.sampled_from(WIJKEN),
    buurt_id=st.none() | st.sampled_from(BUURTEN),
    local_time=st.datetimes(
        min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 31), timezones=st.just(AMSTERDAM)
    ),
)


def oracle_matches(rule: RoutingRule, ctx: RoutingContext) -> bool:
    """Written independently of the engine, in minutes since midnight."""
    minute = ctx.local_time.hour * 60 + ctx.local_time.minute
    day = ctx.local_time.weekday()
    if rule.hours is not None:
        start = rule.hours.start.hour * 60 + rule.hours.start.minute
        end = rule.hours.end.hour * 60 + rule.hours.end.minute
        if start < end and not start <= minute < end:
            return False
        if start > end and end <= minute < start:
            return False
        if start > end and minute < end:
            day = (day + 6) % 7
    in_area = (rule.wijk_ids is not None and ctx.wijk_id in rule.wijk_ids) or (
        rule.buurt_ids is not None and ctx.buurt_id in rule.buurt_ids
    )
    return (
        (rule.categories is None or ctx.category in rule.categories)
        and (rule.urgencies is None or ctx.urgency in rule.urgencies)
        and ((rule.wijk_ids is None and rule.buurt_ids is None) or in_area)
        and (rule.weekdays is None or day in rule.weekdays)
    )


@settings(max_examples=400)
@given(rule_lists, contexts)
def test_first_matching_rule_wins_else_fallback(rules, ctx):
    decision = route(rules, ctx, FALLBACK)
    first = next((rule for rule in rules if oracle_matches(rule, ctx)), None)

    assert decision.partner_ids, "every melding has an owner"
    assert decision.used_fallback == (first is None)
    assert (decision.rule_name is None) == decision.used_fallback
    if first is None:
        assert decision.partner_ids == (FALLBACK,)
        assert len(decision.checks) == len(rules)
    else:
        assert decision.rule_name == first.name
        assert decision.partner_ids == first.partner_ids
        assert len(decision.checks) == rules.index(first) + 1


@settings(max_examples=300)
@given(rule_lists, contexts)
def test_every_check_agrees_with_the_oracle_and_has_reasons(rules, ctx):
    decision = route(rules, ctx, FALLBACK)
    for rule, check in zip(rules, decision.checks, strict=False):
        assert check.rule_name == rule.name
        assert check.matched == oracle_matches(rule, ctx)
        assert check.reasons
    assert [check.matched for check in decision.checks[:-1]] == [False] * max(len(decision.checks) - 1, 0)


@settings(max_examples=200)
@given(rule_lists, rule_lists, contexts)
def test_rules_after_the_winner_change_nothing(rules, more_rules, ctx):
    decision = route(rules, ctx, FALLBACK)
    renamed = [replace(rule, name=f"extra-{position}") for position, rule in enumerate(more_rules)]
    extended = route(rules + renamed, ctx, FALLBACK)
    if not decision.used_fallback:
        assert extended == decision


@settings(max_examples=200)
@given(rule_lists, contexts)
def test_route_is_deterministic_and_explainable(rules, ctx):
    decision = route(rules, ctx, FALLBACK)
    assert route(rules, ctx, FALLBACK) == decision
    lines = explain(decision)
    assert len(lines) == len(decision.checks) + 1
    assert (decision.rule_name or FALLBACK) in lines[-1]
