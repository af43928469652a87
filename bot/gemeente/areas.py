"""Wijken and buurten of a gemeente, and the answer to "where is this?"."""

from __future__ import annotations

from dataclasses import dataclass, field

from shapely.geometry.base import BaseGeometry


@dataclass(frozen=True)
class Buurt:
    id: str
    name: str
    wijk_id: str
    # WGS84, x = longitude, y = latitude, as in GeoJSON.
    geometry: BaseGeometry = field(repr=False)
    streets: tuple[str, ...] = ()
    # Names residents use that are not the official one, e.g. a shopping centre.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Wijk:
    id: str
    name: str
    buurten: tuple[Buurt, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class AreaMatch:
    wijk_id: str
    wijk_name: str
    # None when only the wijk is known, e.g. the resident named the wijk, or a street that
    # runs through several of its buurten.
    buurt_id: str | None
    buurt_name: str | None
    street: str | None
    # 1.0 for a point inside a polygon; the fuzzy similarity (0-1) for a text match.
    score: float
