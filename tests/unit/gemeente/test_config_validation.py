"""Every kind of configuration mistake is reported with file and entry, all of them at once."""

import pytest

from bot.gemeente import GemeenteConfigError, load_gemeente

from .config_snippets import HEADER, PARTNERS, ROUTES, SETTINGS, WIJKEN, buurt, route, square, write_config


def problems_of(tmp_path, **parts) -> tuple[str, ...]:
    with pytest.raises(GemeenteConfigError) as raised:
        load_gemeente(write_config(tmp_path, **parts))
    assert str(raised.value).startswith("voorbeeld.toml: ")
    return raised.value.problems


def test_unknown_partner_in_rule_names_file_position_and_rule(tmp_path):
    routes = (
        route("eerste", 'categories = ["overig"]')
        + route("tweede", 'categories = ["drugs"]')
        + route("derde", 'categories = ["spanningen"]')
        + route("jeugd-avond", 'categories = ["jongerenoverlast"]', partners='["jongerenwerk-nrd"]')
        + ROUTES
    )
    assert problems_of(tmp_path, routes=routes) == (
        'voorbeeld.toml: routes[3] "jeugd-avond": unknown partner "jongerenwerk-nrd"',
    )


def test_unknown_category_in_rule(tmp_path):
    routes = route("jeugd", 'categories = ["jeugdoverlast"]') + ROUTES
    assert problems_of(tmp_path, routes=routes) == (
        'voorbeeld.toml: routes[0] "jeugd": unknown category "jeugdoverlast"',
    )


def test_unknown_area_and_urgency_in_rule(tmp_path):
    routes = route("gebied", 'wijken = ["west"]\nbuurten = ["noord-c"]\nurgencies = ["spoed"]') + ROUTES
    assert set(problems_of(tmp_path, routes=routes)) == {
        'voorbeeld.toml: routes[0] "gebied": unknown urgency "spoed"',
        'voorbeeld.toml: routes[0] "gebied": unknown wijk "west"',
        'voorbeeld.toml: routes[0] "gebied": unknown buurt "noord-c"',
    }


def test_rule_shape_mistakes(tmp_path):
    routes = (
        '[[routes]]\nname = "zonder-partner"\ncategories = ["drugs"]\n'
        + route("leeg", "categories = []")
        + route("avond", 'hours = { from = "20:00", until = "25:00" }')
        + route("dagen", 'weekdays = ["vrijdag"]')
        + route("nul-uur", 'hours = { from = "20:00", until = "20:00" }')
        + route("typo", 'categorie = ["drugs"]')
        + ROUTES
    )
    problems = problems_of(tmp_path, routes=routes)
    expected_fragments = [
        'routes[0] "zonder-partner": "partners" is required',
        'routes[1] "leeg": "categories" is an empty list, which matches nothing',
        'routes[2] "avond".hours: "until" must be a time like "21:00"',
        'routes[3] "dagen": "weekdays" unknown day(s) vrijdag',
        'routes[4] "nul-uur": "hours" time window 20:00-20:00 is empty',
        'routes[5] "typo": "categorie" is not a known key',
    ]
    assert len(problems) == len(expected_fragments)
    for fragment, problem in zip(expected_fragments, problems, strict=True):
        assert fragment in problem


def test_duplicate_ids(tmp_path):
    wijken = WIJKEN + '[[wijken]]\nid = "noord"\nname = "Noord 2"\n' + buurt("noord-a", square(5.05, 52.0))
    partners = (
        PARTNERS + '[[partners]]\nid = "wijkagent"\nname = "Nog een"\ntype = "wijkagent"\ntelegram_chat_id = -300\n'
    )
    routes = ROUTES + route("alles", 'categories = ["drugs"]')
    problems = problems_of(tmp_path, wijken=wijken, partners=partners, routes=routes)
    assert 'voorbeeld.toml: wijken[2] "noord": duplicate wijk id "noord"' in problems
    assert any('wijken[2] "noord".buurten[0] "noord-a": duplicate buurt id "noord-a"' in p for p in problems)
    assert 'voorbeeld.toml: partners[2] "wijkagent": duplicate partner id "wijkagent"' in problems
    assert 'voorbeeld.toml: routes[1] "alles": duplicate rule name "alles"' in problems


def test_rule_after_a_catch_all_can_never_match(tmp_path):
    routes = ROUTES + route("drugs", 'categories = ["drugs"]')
    assert problems_of(tmp_path, routes=routes) == (
        'voorbeeld.toml: routes[1] "drugs": can never match: rule "alles" before it matches every melding',
    )


def test_bad_time_zone(tmp_path):
    header = HEADER.replace("Europe/Amsterdam", "Europe/Huizen")
    assert problems_of(tmp_path, header=header) == (
        'voorbeeld.toml: timezone: unknown time zone "Europe/Huizen" (expected an IANA name such as "Europe/Amsterdam")',
    )


def test_unknown_partner_type_and_partner_fields(tmp_path):
    partners = PARTNERS + (
        '[[partners]]\nid = "politie"\nname = "Politie"\ntype = "politie"\ntelegram_chat_id = -300\n'
        '[[partners]]\nid = "zonder-chat"\nname = "Zonder chat"\ntype = "wijkteam"\nemail = "geen-adres"\n'
        '[[partners]]\nid = "Hoofdletters"\nname = "Fout id"\ntype = "zorg"\ntelegram_chat_id = "-400"\n'
    )
    problems = problems_of(tmp_path, partners=partners)
    assert problems[0].startswith(
        'voorbeeld.toml: partners[2] "politie": "type" unknown partner type "politie" (known: gemeente, '
    )
    assert (
        'voorbeeld.toml: partners[3] "zonder-chat": "telegram_chat_id" is required: partners receive meldingen in Telegram'
        in problems
    )
    assert 'voorbeeld.toml: partners[3] "zonder-chat": "email" "geen-adres" is not an e-mail address' in problems
    assert any('partners[4] "Hoofdletters": "id" "Hoofdletters" must be lowercase' in p for p in problems)
    assert 'voorbeeld.toml: partners[4] "Hoofdletters": "telegram_chat_id" must be a whole number' in problems


def test_unknown_coordinator_and_fallback(tmp_path):
    header = HEADER.replace('coordinator_partner = "gemeente"', 'coordinator_partner = "oov"').replace(
        'fallback_partner = "gemeente"', 'fallback_partner = "kcc"'
    )
    assert problems_of(tmp_path, header=header) == (
        'voorbeeld.toml: coordinator_partner: unknown partner "oov"',
        'voorbeeld.toml: fallback_partner: unknown partner "kcc"',
    )


def test_category_without_route(tmp_path):
    routes = route("drugs", 'categories = ["drugs", "bedreiging_geweld"]')
    problems = problems_of(tmp_path, routes=routes)
    assert 'voorbeeld.toml: routes: category "jongerenoverlast" has no route (no rule lists it or "*")' in problems
    assert not any('"drugs" has no route' in problem for problem in problems)
    assert len(problems) == 13


def test_time_restricted_rule_still_counts_as_a_route(tmp_path):
    routes = route("nacht", 'hours = { from = "22:00", until = "06:00" }')
    load_gemeente(write_config(tmp_path, routes=routes))


def test_self_intersecting_polygon(tmp_path):
    bow_tie = "[[[5.0, 52.0], [5.01, 52.01], [5.01, 52.0], [5.0, 52.01], [5.0, 52.0]]]"
    wijken = '[[wijken]]\nid = "noord"\nname = "Noord"\n' + buurt("strik", bow_tie)
    (problem,) = problems_of(tmp_path, wijken=wijken)
    assert problem.startswith(
        'voorbeeld.toml: wijken[0] "noord".buurten[0] "strik": invalid Polygon: Self-intersection'
    )


@pytest.mark.parametrize(
    ("coordinates", "fragment"),
    [
        ("[[[5.0, 52.0], [5.01, 52.0], [5.0, 52.0]]]", "at least three distinct positions"),
        ("[[[5.0, 52.0], [5.01, 52.0], [5.01, 95.0], [5.0, 52.0]]]", "outside WGS84"),
        ('[[["5.0", 52.0], [5.01, 52.0], [5.01, 52.01], ["5.0", 52.0]]]', "not [longitude, latitude] numbers"),
        ("[]", "coordinates must be a non-empty list"),
    ],
)
def test_malformed_polygons(tmp_path, coordinates, fragment):
    wijken = '[[wijken]]\nid = "noord"\nname = "Noord"\n' + buurt("kapot", coordinates)
    (problem,) = problems_of(tmp_path, wijken=wijken)
    assert 'wijken[0] "noord".buurten[0] "kapot": invalid Polygon: ' in problem
    assert fragment in problem


def test_non_polygon_geometry_and_missing_geometry(tmp_path):
    wijken = (
        '[[wijken]]\nid = "noord"\nname = "Noord"\n'
        + buurt("punt", "[5.0, 52.0]").replace('"Polygon"', '"Point"')
        + '[[wijken.buurten]]\nid = "leeg"\nname = "Leeg"\n'
    )
    assert problems_of(tmp_path, wijken=wijken) == (
        'voorbeeld.toml: wijken[0] "noord".buurten[0] "punt": geometry type must be "Polygon" or "MultiPolygon", got \'Point\'',
        'voorbeeld.toml: wijken[0] "noord".buurten[1] "leeg": needs a polygon (as an inline "geometry")',
    )


def test_overlapping_buurten(tmp_path):
    wijken = (
        '[[wijken]]\nid = "noord"\nname = "Noord"\n'
        + buurt("een", square(5.0, 52.0))
        + buurt("twee", square(5.005, 52.005))
    )
    assert problems_of(tmp_path, wijken=wijken) == (
        'voorbeeld.toml: wijken[0] "noord".buurten[1] "twee": overlaps buurt "een"',
    )


def test_buurten_sharing_a_border_do_not_overlap(tmp_path):
    load_gemeente(write_config(tmp_path))  # noord-a and noord-b share an edge


def test_settings_mistakes(tmp_path):
    settings = """\
[help.police]
phones = "0900-8844"

[help.wijkbus]
url = "https://wijkbus.example"

[quiet_hours]
from = "9 uur"

[holidays]
liberation_day = "altijd"
extra_dates = ["30 december"]

[sla_working_days]
jeugd = 3
drugs = 0

[acceptance_sla]
hoog = { working_hours = 4, working_days = 1 }
"""
    problems = problems_of(tmp_path, settings=settings)
    expected = {
        'voorbeeld.toml: help.police: "phones" must be a list of non-empty strings',
        'voorbeeld.toml: help.wijkbus: "name" is required for a help line that has no national default',
        'voorbeeld.toml: help.gemeente: is required: the gemeente\'s own number, e.g. phones = ["14 035"]',
        'voorbeeld.toml: quiet_hours: "from" must be a time like "21:00", got \'9 uur\'',
        'voorbeeld.toml: holidays: "liberation_day" must be one of lustrum, yearly, never, got "altijd"',
        "voorbeeld.toml: holidays: \"extra_dates[0]\" must be a date like 2025-06-10, got '30 december'",
        'voorbeeld.toml: sla_working_days: unknown category "jeugd"',
        "voorbeeld.toml: sla_working_days.drugs: must be a whole number of working days (1 or more), got 0",
        "voorbeeld.toml: acceptance_sla.hoog: needs exactly one of { working_hours = N } or { working_days = N }",
    }
    assert set(problems) == expected


def test_unknown_top_level_key(tmp_path):
    header = HEADER + 'fallback = "gemeente"\n'
    (problem,) = problems_of(tmp_path, header=header)
    assert problem.startswith("voorbeeld.toml: fallback: is not a known key (expected one of: name, timezone")


def test_all_problems_are_collected_into_one_error(tmp_path):
    header = HEADER.replace("Europe/Amsterdam", "Mars/Olympus")
    partners = PARTNERS.replace('type = "wijkagent"', 'type = "agent"')
    bow_tie = "[[[5.0, 52.0], [5.01, 52.01], [5.01, 52.0], [5.0, 52.01], [5.0, 52.0]]]"
    wijken = WIJKEN + '[[wijken]]\nid = "oost"\nname = "Oost"\n' + buurt("strik", bow_tie)
    routes = route("jeugd", 'categories = ["jeugd"]\nwijken = ["west"]', partners='["jongerenwerk"]') + ROUTES
    with pytest.raises(GemeenteConfigError) as raised:
        load_gemeente(
            write_config(tmp_path, header=header, settings=SETTINGS, wijken=wijken, partners=partners, routes=routes)
        )
    error = raised.value
    assert len(error.problems) == 6
    assert str(error).startswith("voorbeeld.toml: 6 problems in gemeente configuration\n")
    for fragment in (
        'timezone: unknown time zone "Mars/Olympus"',
        'partners[1] "wijkagent": "type" unknown partner type "agent"',
        'wijken[2] "oost".buurten[0] "strik": invalid Polygon: Self-intersection',
        'routes[0] "jeugd": unknown category "jeugd"',
        'routes[0] "jeugd": unknown wijk "west"',
        'routes[0] "jeugd": unknown partner "jongerenwerk"',
    ):
        assert any(fragment in problem for problem in error.problems), fragment
    for problem in error.problems:
        assert problem.startswith("voorbeeld.toml: ")
        assert problem in str(error)
