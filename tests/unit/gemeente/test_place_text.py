import pytest

from bot.gemeente.place_text import fold, name_key, place_tokens


def test_fold_removes_case_and_diacritics_and_spells_out_ampersand():
    assert fold("Curaçaolaan") == "curacaolaan"
    assert fold("Ĳsselmeerstraat").startswith("ijsselmeer")
    assert fold("Stad & Lande") == "stad  en  lande"


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Kerkstraat 12", ["kerkstraat"]),
        ("Kerkstr. 12a", ["kerkstraat"]),
        ("Kerk str 12-14", ["kerk", "straat"]),
        ("Stationsln 3, 1271 AB Huizen", ["stationslaan", "huizen"]),
        ("Marktpln", ["marktplein"]),
        ("Dorpswg", ["dorpsweg"]),
        ("1271AB", []),
    ],
)
def test_place_tokens(text, tokens):
    assert place_tokens(text) == tokens


def test_name_key_ignores_spacing_and_hyphens():
    assert name_key("Graaf Wichman-laan") == name_key("graafwichmanlaan") == "graafwichmanlaan"
