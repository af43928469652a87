"""What residents type about a place is matched to a wijk/buurt, tolerantly but not recklessly."""

import pytest
from shapely.geometry import box

from bot.gemeente import Buurt, Gemeente, Wijk, example_gemeente_path, load_gemeente
from bot.gemeente.street_lookup import StreetLocator


@pytest.fixture(scope="module")
def huizen() -> Gemeente:
    return load_gemeente(example_gemeente_path())


@pytest.mark.parametrize(
    ("text", "buurt_id", "street"),
    [
        ("Kerkstraat", "oude-dorp", "Kerkstraat"),
        ("kerkstraat 12", "oude-dorp", "Kerkstraat"),
        ("KERKSTRAAT 12a, 1271 AB Huizen", "oude-dorp", "Kerkstraat"),
        ("Kerkstr. 12", "oude-dorp", "Kerkstraat"),
        ("kerk straat", "oude-dorp", "Kerkstraat"),
        ("Graaf Wichmanln 3", "holleblok", "Graaf Wichmanlaan"),
        ("Curaçaolaan", "huizermaat", "Curaçaolaan"),
        ("curacaolaan 7", "huizermaat", "Curaçaolaan"),
        ("Limburgsestr.", "stad-en-lande-zuid", "Limburgsestraat"),
        ("Havenstraat 1271AB", "haven", "Havenstraat"),
    ],
)
def test_street_with_house_numbers_postcodes_and_abbreviations(huizen, text, buurt_id, street):
    match = huizen.locate_text(text)
    assert match is not None
    assert (match.buurt_id, match.street, match.score) == (buurt_id, street, 1.0)


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Keerkstraat", "Kerkstraat"),
        ("havnstraat", "Havenstraat"),
        ("Vissershavn", "Vissershaven"),
        ("Lindelaan", "Lindenlaan"),
    ],
)
def test_street_with_a_typo(huizen, text, street):
    match = huizen.locate_text(text)
    assert match is not None and match.street == street
    assert 0.85 <= match.score < 1.0


def test_street_in_a_sentence(huizen):
    match = huizen.locate_text("Er wordt gedeald achter de flat aan de Sparrenlaan, vooral 's avonds")
    assert (match.wijk_id, match.buurt_id, match.street) == ("stad-lande", "kostmand", "Sparrenlaan")


def test_buurt_and_wijk_names(huizen):
    assert huizen.locate_text("Bovenmaten").buurt_id == "bovenmaten"
    assert huizen.locate_text("stad & lande zuid").buurt_id == "stad-en-lande-zuid"
    wijk_only = huizen.locate_text("Stad en Lande")
    assert (wijk_only.wijk_id, wijk_only.wijk_name, wijk_only.buurt_id, wijk_only.street) == (
        "stad-lande",
        "Stad & Lande",
        None,
        None,
    )


def test_alias_in_everyday_words(huizen):
    match = huizen.locate_text("bij de Jumbo op de Oostermeent")
    assert (match.wijk_id, match.buurt_id) == ("oostermeent-bovenmaten", None)
    assert huizen.locate_text("bij winkelcentrum Kostmand").buurt_id == "kostmand"


def test_street_through_several_buurten_of_one_wijk_locates_the_wijk(huizen):
    match = huizen.locate_text("Ceintuurbaan 40")
    assert (match.wijk_id, match.buurt_id, match.street) == ("holleblok-huizermaat", None, "Ceintuurbaan")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12",
        "ik weet het niet",
        "bij mij in de straat",
        "Er hangen elke avond jongeren rond bij het speeltuintje",
        "de buurman maakt veel lawaai",
        "Amsterdam Damrak 1",
        "Hilversum",
        "Jumbo",
        "straat",
        "laan",
        "Huizen",
    ],
)
def test_unrelated_words_do_not_match(huizen, text):
    assert huizen.locate_text(text) is None


def _wijk(wijk_id: str, buurt_id: str, streets: tuple[str, ...], x: float) -> Wijk:
    buurt = Buurt(buurt_id, buurt_id.title(), wijk_id, box(x, 52.0, x + 0.01, 52.01), streets)
    return Wijk(wijk_id, wijk_id.title(), (buurt,))


def test_street_in_two_wijken_is_not_guessed():
    locator = StreetLocator(
        [_wijk("noord", "noord-a", ("Dorpsstraat", "Kerkstraat"), 5.0), _wijk("zuid", "zuid-a", ("Kerkstraat",), 5.01)]
    )
    assert locator.locate("Kerkstraat 1") is None
    assert locator.locate("Dorpsstraat 1").wijk_id == "noord"


def test_exact_name_beats_a_near_one():
    locator = StreetLocator(
        [_wijk("noord", "noord-a", ("Molenweg",), 5.0), _wijk("zuid", "zuid-a", ("Molenwerf",), 5.01)]
    )
    assert locator.locate("Molenwerf").buurt_id == "zuid-a"
    assert locator.locate("Molenweg").buurt_id == "noord-a"
