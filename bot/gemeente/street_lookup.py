"""Find the wijk/buurt a resident means from what they typed: a street, buurt or wijk name.

Each stretch of one to a few consecutive words is compared with every known name (spaces
removed, so "Kerk straat" finds "Kerkstraat"). The best similarity above the cutoff wins;
below it nothing is claimed, because a wrong wijk routes a melding to the wrong partner.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

import numpy
from rapidfuzz import fuzz, process

from bot.gemeente.areas import AreaMatch, Buurt, Wijk
from bot.gemeente.place_text import name_key, place_tokens

# ratio() of 85 lets one typo through in a name of six or more letters, not two.
SCORE_CUTOFF = 85.0
# Shorter stretches ("de", "bij") are everyday words that sit close to too many names.
MIN_QUERY_LENGTH = 4


@dataclass(frozen=True)
class _Place:
    wijk: Wijk
    buurt: Buurt | None
    street: str | None


def _places(wijken: Iterable[Wijk]) -> Iterable[tuple[str, _Place]]:
    for wijk in wijken:
        for name in (wijk.name, *wijk.aliases):
            yield name, _Place(wijk, None, None)
        for buurt in wijk.buurten:
            for name in (buurt.name, *buurt.aliases):
                yield name, _Place(wijk, buurt, None)
            for street in buurt.streets:
                yield street, _Place(wijk, buurt, street)


def _resolve(places: list[_Place]) -> AreaMatch | None:
    """One name may belong to several places, e.g. a street crossing buurt boundaries."""
    wijken = {place.wijk.id: place.wijk for place in places}
    if len(wijken) > 1:
        return None  # Guessing between wijken would route to the wrong partner.
    (wijk,) = wijken.values()
    buurten = {place.buurt.id: place.buurt for place in places if place.buurt is not None}
    buurt = next(iter(buurten.values())) if len(buurten) == 1 else None
    street = next((place.street for place in places if place.street is not None), None)
    return AreaMatch(wijk.id, wijk.name, buurt and buurt.id, buurt and buurt.name, street, 1.0)


class StreetLocator:
    def __init__(self, wijken: Iterable[Wijk]) -> None:
        by_key: dict[str, list[_Place]] = {}
        longest = 1
        for name, place in _places(wijken):
            key = name_key(name)
            if len(key) >= MIN_QUERY_LENGTH:
                by_key.setdefault(key, []).append(place)
                longest = max(longest, len(place_tokens(name)))
        resolved = [(key, _resolve(places)) for key, places in by_key.items()]
        unambiguous = [(key, match) for key, match in resolved if match is not None]
        self._keys = tuple(key for key, _ in unambiguous)
        self._matches = tuple(match for _, match in unambiguous)
        self._index = {key: position for position, key in enumerate(self._keys)}
        self._specificity = tuple((match.buurt_id is not None, match.street is not None) for match in self._matches)
        self._longest_name_in_words = longest

    def _queries(self, text: str) -> set[str]:
        tokens = place_tokens(text)
        queries = set()
        for start in range(len(tokens)):
            for length in range(1, self._longest_name_in_words + 1):
                if start + length > len(tokens):
                    break
                query = "".join(tokens[start : start + length])
                if len(query) >= MIN_QUERY_LENGTH:
                    queries.add(query)
        return queries

    def locate(self, text: str) -> AreaMatch | None:
        queries = list(self._queries(text))
        if not queries or not self._keys:
            return None
        exact = [self._index[query] for query in queries if query in self._index]
        if exact:
            return self._most_specific(exact, 100.0)
        # One matrix call for all stretches of the text; cells under the cutoff come back as 0.
        scores = process.cdist(queries, self._keys, scorer=fuzz.ratio, score_cutoff=SCORE_CUTOFF)
        best_per_name = scores.max(axis=0)
        best_score = float(best_per_name.max())
        if best_score < SCORE_CUTOFF:
            return None
        return self._most_specific(numpy.flatnonzero(best_per_name == best_score).tolist(), best_score)

    def _most_specific(self, indexes: list[int], score: float) -> AreaMatch:
        # Equal similarity: the more specific place tells the partner more.
        index = max(indexes, key=lambda candidate: self._specificity[candidate])
        return dataclasses.replace(self._matches[index], score=round(score / 100, 3))
