from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.routing import RoutingContext, RoutingRule, TimeWindow, route

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FALLBACK = "gemeente-kcc"
# 2025-03-14 is a Friday.
FRIDAY_AFTERNOON = datetime(2025, 3, 14, 14, 5, tzinfo=AMSTERDAM)


def context(
    category: str = "drugs",
    urgency: str = "normaal",
    wijk_id: str | None = "stad-lande",
    buurt_id: str | None = "kostmand",
    local_time: datetime = FRIDAY_AFTERNOON,
) -> RoutingContext:
    return RoutingContext(category, urgency, wijk_id, buurt_id, local_time)


def single(rule: RoutingRule, ctx: RoutingContext):
    decision = route([rule], ctx, FALLBACK)
    return decision.checks[0]


def test_category_condition():
    rule = RoutingRule("jeugd", ("jongerenwerk",), categories=("jongerenoverlast",))
    check = single(rule, context(category="drugs"))
    assert not check.matched
    assert check.reasons == ('category "drugs" not in [jongerenoverlast]',)
    assert single(rule, context(category="jongerenoverlast")).matched


def test_urgency_condition():
    rule = RoutingRule("acuut", ("wijkagent",), urgencies=("acuut",))
    assert not single(rule, context(urgency="normaal")).matched
    assert single(rule, context(urgency="acuut")).matched


def test_area_matches_listed_wijk_or_buurt():
    rule = RoutingRule("gebied", ("wijkagent",), wijk_ids=("centrum",), buurt_ids=("kostmand",))
    assert single(rule, context(wijk_id="centrum", buurt_id="haven")).matched
    assert single(rule, context(wijk_id="stad-lande", buurt_id="kostmand")).matched
    assert single(rule, context(wijk_id="centrum", buurt_id=None)).matched
    missed = single(rule, context(wijk_id="stad-lande", buurt_id="stad-en-lande-zuid"))
    assert not missed.matched
    assert "wijken [centrum] or buurten [kostmand]" in missed.reasons[0]


def test_area_rule_does_not_match_unknown_location():
    rule = RoutingRule("gebied", ("wijkagent",), wijk_ids=("centrum",))
    check = single(rule, context(wijk_id=None, buurt_id=None))
    assert not check.matched
    assert check.reasons == ("location unknown, rule covers wijken [centrum]",)


def test_rule_without_area_matches_unknown_location():
    rule = RoutingRule("drugs", ("politie",), categories=("drugs",))
    assert single(rule, context(wijk_id=None, buurt_id=None)).matched


@pytest.mark.parametrize(
    ("clock", "expected"),
    [(time(19, 59), False), (time(20, 0), True), (time(23, 30), True), (time(1, 30), True), (time(6, 0), False)],
)
def test_time_window_crossing_midnight(clock, expected):
    rule = RoutingRule("avond", ("jongerenwerk",), hours=TimeWindow(time(20, 0), time(6, 0)))
    moment = FRIDAY_AFTERNOON.replace(hour=clock.hour, minute=clock.minute)
    assert single(rule, context(local_time=moment)).matched is expected


def test_weekdays_without_hours_use_the_calendar_day():
    rule = RoutingRule("weekend", ("boa",), weekdays=(5, 6))
    assert not single(rule, context(local_time=FRIDAY_AFTERNOON)).matched
    assert single(rule, context(local_time=datetime(2025, 3, 15, 10, 0, tzinfo=AMSTERDAM))).matched


def test_overnight_weekday_rule_counts_the_night_from_the_day_it_started():
    friday_and_saturday_nights = RoutingRule(
        "weekendnacht", ("boa",), hours=TimeWindow(time(20, 0), time(6, 0)), weekdays=(4, 5)
    )
    saturday_0130 = datetime(2025, 3, 15, 1, 30, tzinfo=AMSTERDAM)
    friday_0130 = datetime(2025, 3, 14, 1, 30, tzinfo=AMSTERDAM)  # Thursday night
    sunday_0130 = datetime(2025, 3, 16, 1, 30, tzinfo=AMSTERDAM)  # Saturday night
    assert single(friday_and_saturday_nights, context(local_time=saturday_0130)).matched
    assert single(friday_and_saturday_nights, context(local_time=sunday_0130)).matched
    thursday_night = single(friday_and_saturday_nights, context(local_time=friday_0130))
    assert not thursday_night.matched
    assert "window day Thu" in thursday_night.reasons[0]


def test_failed_rule_lists_every_failed_condition_and_only_those():
    rule = RoutingRule(
        "jeugd-avond",
        ("jongerenwerk",),
        categories=("jongerenoverlast",),
        urgencies=("normaal",),
        hours=TimeWindow(time(20, 0), time(6, 0)),
    )
    check = single(rule, context(category="drugs", urgency="normaal"))
    assert check.reasons == ('category "drugs" not in [jongerenoverlast]', "time 14:05 not in 20:00-06:00")


def test_matched_rule_lists_what_it_satisfied():
    rule = RoutingRule("drugs-stad", ("wijkagent",), categories=("drugs",), wijk_ids=("stad-lande",))
    check = single(rule, context())
    assert check.matched
    assert check.reasons == ('category "drugs" in [drugs]', 'wijk "stad-lande" in [stad-lande]')


def test_rule_without_conditions_matches_everything():
    check = single(RoutingRule("alles", ("gemeente",)), context())
    assert check.matched
    assert check.reasons == ("no conditions: matches every melding",)


def test_first_matching_rule_wins_and_later_rules_are_not_evaluated():
    rules = [
        RoutingRule("jeugd", ("jongerenwerk",), categories=("jongerenoverlast",)),
        RoutingRule("drugs", ("wijkagent", "gebiedsregisseur"), categories=("drugs",)),
        RoutingRule("alles", ("gemeente",)),
    ]
    decision = route(rules, context(), FALLBACK)
    assert decision.partner_ids == ("wijkagent", "gebiedsregisseur")
    assert decision.rule_name == "drugs"
    assert not decision.used_fallback
    assert [check.rule_name for check in decision.checks] == ["jeugd", "drugs"]


def test_fallback_when_no_rule_matches():
    rules = [RoutingRule("jeugd", ("jongerenwerk",), categories=("jongerenoverlast",))]
    decision = route(rules, context(), FALLBACK)
    assert decision.partner_ids == (FALLBACK,)
    assert decision.rule_name is None
    assert decision.used_fallback
    assert len(decision.checks) == 1


def test_no_rules_means_fallback():
    decision = route([], context(), FALLBACK)
    assert decision.used_fallback and decision.partner_ids == (FALLBACK,) and decision.checks == ()


def test_fallback_partner_is_required():
    with pytest.raises(ValueError, match="fallback"):
        route([], context(), "")


def test_context_requires_an_aware_time():
    with pytest.raises(ValueError, match="timezone-aware"):
        RoutingContext("drugs", "normaal", None, None, datetime(2025, 3, 14, 14, 5))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"partner_ids": ()},
        {"categories": ()},
        {"wijk_ids": ()},
        {"weekdays": (7,)},
        {"name": ""},
    ],
)
def test_rule_refuses_conditions_that_can_never_be_meant(kwargs):
    arguments = {"name": "regel", "partner_ids": ("gemeente",)} | kwargs
    with pytest.raises(ValueError):
        RoutingRule(**arguments)
