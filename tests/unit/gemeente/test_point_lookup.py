"""Shared Telegram locations are placed in the buurt whose polygon holds them."""

import math

import pytest

from bot.gemeente import AreaMatch, Gemeente, example_gemeente_path, load_gemeente


@pytest.fixture(scope="module")
def huizen() -> Gemeente:
    return load_gemeente(example_gemeente_path())


def test_a_point_inside_each_buurt_finds_that_buurt(huizen):
    for wijk in huizen.wijken:
        for buurt in wijk.buurten:
            inside = buurt.geometry.representative_point()
            assert huizen.locate_point(inside.y, inside.x) == AreaMatch(
                wijk.id, wijk.name, buurt.id, buurt.name, None, 1.0
            )


def test_known_spots(huizen):
    assert huizen.locate_point(52.296, 5.224).buurt_id == "kostmand"
    assert huizen.locate_point(52.297, 5.270).buurt_id == "oostermeent-zuid"
    assert huizen.locate_point(52.304, 5.240).wijk_id == "centrum"


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        (52.3676, 4.9041),  # Amsterdam
        (52.2215, 5.1760),  # Hilversum
        (52.320, 5.240),  # in the Gooimeer, north of the shore
        (5.24, 52.29),  # latitude and longitude swapped
        (math.nan, 5.24),
        (52.29, math.inf),
    ],
)
def test_outside_the_gemeente_is_none(huizen, lat, lon):
    assert huizen.locate_point(lat, lon) is None


def test_a_point_on_a_shared_border_lands_in_one_buurt_every_time(huizen):
    on_border = (52.300, 5.240)  # between Oude Dorp and Holleblok
    first = huizen.locate_point(*on_border)
    assert first is not None and first.buurt_id in {"oude-dorp", "holleblok"}
    assert all(huizen.locate_point(*on_border) == first for _ in range(5))
