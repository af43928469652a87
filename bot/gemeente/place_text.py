"""Reduce what residents type about a place to comparable tokens.

"Kerkstr. 12, 1271 AB" and "kerkstraat" must compare equal, and so must "Curacaolaan" and
"Curaçaolaan": residents type fast, on phones, often without accents.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+")
_POSTCODE = re.compile(r"\b\d{4}\s?[a-z]{2}\b")

# Abbreviations as they are written on letters and typed in chats, standing alone or glued on.
_ABBREVIATIONS: dict[str, str] = {"str": "straat", "ln": "laan", "pln": "plein", "wg": "weg"}
# Longest first, so "marktpln" is read as "pln" (plein), not "ln" (laan).
_SUFFIXES = tuple(sorted(_ABBREVIATIONS.items(), key=lambda pair: -len(pair[0])))


def fold(text: str) -> str:
    """Lowercase, without diacritics, with "&" spelled out as Dutch "en"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.replace("&", " en ")


def _expand(token: str) -> str:
    if token in _ABBREVIATIONS:
        return _ABBREVIATIONS[token]
    for short, full in _SUFFIXES:
        if token.endswith(short) and len(token) > len(short) + 2:
            return token[: -len(short)] + full
    return token


def place_tokens(text: str) -> list[str]:
    """Words of a place description; postcodes and house numbers carry no area information here."""
    without_postcodes = _POSTCODE.sub(" ", fold(text))
    return [_expand(token) for token in _WORD.findall(without_postcodes) if not any(c.isdigit() for c in token)]


def name_key(name: str) -> str:
    """A name as one string without spaces, so "Kerk straat" and "Kerkstraat" compare equal."""
    return "".join(place_tokens(name))
