from datetime import datetime
from zoneinfo import ZoneInfo

from bot.routing import RoutingContext, RoutingRule, explain, route

CTX = RoutingContext(
    "drugs", "normaal", "stad-lande", "kostmand", datetime(2025, 3, 14, 14, 5, tzinfo=ZoneInfo("Europe/Amsterdam"))
)


def test_explains_each_check_and_the_winner():
    rules = [
        RoutingRule("jeugd", ("jongerenwerk",), categories=("jongerenoverlast",)),
        RoutingRule("drugs-stad", ("wijkagent-stad-lande",), categories=("drugs",), wijk_ids=("stad-lande",)),
    ]
    lines = explain(route(rules, CTX, "gemeente-kcc"))
    assert lines == [
        '1. rule "jeugd": no match - category "drugs" not in [jongerenoverlast]',
        '2. rule "drugs-stad": MATCH - category "drugs" in [drugs]; wijk "stad-lande" in [stad-lande]',
        '=> routed to wijkagent-stad-lande by rule "drugs-stad" (later rules not evaluated)',
    ]


def test_explains_the_fallback():
    rules = [RoutingRule("jeugd", ("jongerenwerk",), categories=("jongerenoverlast",))]
    lines = explain(route(rules, CTX, "gemeente-kcc"))
    assert lines[-1] == "=> none of the 1 rules matched; routed to fallback partner gemeente-kcc"


def test_explains_the_fallback_without_rules():
    assert explain(route([], CTX, "gemeente-kcc")) == ["=> there are no rules; routed to fallback partner gemeente-kcc"]
