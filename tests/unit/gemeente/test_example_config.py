"""The shipped Huizen example loads cleanly and routes like its comments say."""

from datetime import datetime

import pytest

from bot.gemeente import Gemeente, PartnerType, example_gemeente_path, load_gemeente
from bot.routing import RoutingContext
from dialogs.vocabulary import CATEGORIES


@pytest.fixture(scope="module")
def huizen() -> Gemeente:
    return load_gemeente(example_gemeente_path())


def at(gemeente: Gemeente, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 3, day, hour, minute, tzinfo=gemeente.timezone)  # 14 March 2025 is a Friday


def test_example_loads_with_several_wijken_of_two_or_three_buurten(huizen):
    assert huizen.name == "Huizen"
    assert len(huizen.wijken) >= 4
    assert {wijk.id for wijk in huizen.wijken} >= {"stad-lande", "oostermeent-bovenmaten"}
    for wijk in huizen.wijken:
        assert 2 <= len(wijk.buurten) <= 3
        for buurt in wijk.buurten:
            assert buurt.streets
            centre = buurt.geometry.centroid
            assert 52.26 < centre.y < 52.32 and 5.20 < centre.x < 5.30


def test_example_has_every_partner_type_and_valid_coordinator_and_fallback(huizen):
    assert {partner.type for partner in huizen.partners} == set(PartnerType)
    assert huizen.partner(huizen.coordinator_partner_id) is not None
    assert huizen.partner(huizen.fallback_partner_id) is not None
    assert huizen.help_line("gemeente").phones == ("14 035",)


def test_example_names_every_category_in_some_rule(huizen):
    named = {category for rule in huizen.routes for category in rule.categories or CATEGORIES}
    assert named == set(CATEGORIES)


@pytest.mark.parametrize(
    ("category", "urgency", "wijk", "day", "hour", "partners"),
    [
        ("jongerenoverlast", "normaal", "stad-lande", 14, 22, ("jongerenwerk", "handhaving-boa")),
        ("jongerenoverlast", "normaal", "stad-lande", 15, 1, ("jongerenwerk", "handhaving-boa")),
        ("jongerenoverlast", "normaal", "stad-lande", 12, 14, ("jongerenwerk",)),
        ("drugs", "normaal", "oostermeent-bovenmaten", 12, 14, ("wijkagent-oostermeent-bovenmaten",)),
        ("bedreiging_geweld", "hoog", "stad-lande", 12, 14, ("wijkagent-stad-lande",)),
        ("drugs", "normaal", None, 12, 14, ("politie-basisteam",)),
        ("vandalisme", "acuut", "centrum", 12, 14, ("wijkagent-centrum", "gebiedsregisseur-west")),
        ("spanningen", "normaal", "oostermeent-bovenmaten", 12, 14, ("gebiedsregisseur-oost", "buurtverbinders")),
        ("huiselijk_geweld", "hoog", "centrum", 12, 14, ("veilig-thuis",)),
        ("huiselijk_geweld", "acuut", "centrum", 12, 14, ("veilig-thuis", "politie-basisteam")),
        ("discriminatie", "normaal", "stad-lande", 12, 14, ("antidiscriminatie", "gebiedsregisseur-west")),
        ("overig", "laag", None, 12, 14, ("gemeente-kcc",)),
    ],
)
def test_example_routes(huizen, category, urgency, wijk, day, hour, partners):
    decision = huizen.route(RoutingContext(category, urgency, wijk, None, at(huizen, day, hour)))
    assert decision.partner_ids == partners
    assert not decision.used_fallback


def test_weekend_afternoon_at_shopping_centre_brings_the_boas(huizen):
    friday = huizen.route(RoutingContext("jongerenoverlast", "normaal", "stad-lande", "kostmand", at(huizen, 14, 17)))
    tuesday = huizen.route(RoutingContext("jongerenoverlast", "normaal", "stad-lande", "kostmand", at(huizen, 11, 17)))
    assert friday.rule_name == "jeugd-winkelcentra-weekend"
    assert tuesday.rule_name == "jeugd-dag"


def test_every_category_routes_without_fallback_in_every_wijk(huizen):
    for category in CATEGORIES:
        for wijk in (*huizen.wijken, None):
            ctx = RoutingContext(category, "normaal", wijk and wijk.id, None, at(huizen, 12, 10))
            assert not huizen.route(ctx).used_fallback, (category, wijk)
