"""Find the buurt a shared Telegram location falls in."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy
import shapely
from shapely import STRtree
from shapely.geometry import Point

from bot.gemeente.areas import AreaMatch, Buurt, Wijk


class PointLocator:
    def __init__(self, wijken: Iterable[Wijk]) -> None:
        pairs = [(wijk, buurt) for wijk in wijken for buurt in wijk.buurten]
        self._areas: tuple[tuple[Wijk, Buurt], ...] = tuple(pairs)
        self._geometries = numpy.array([buurt.geometry for _, buurt in pairs], dtype=object)
        # Prepared once at load: each lookup then tests a point against cached indexes.
        shapely.prepare(self._geometries)
        self._tree = STRtree(self._geometries)

    def locate(self, lat: float, lon: float) -> AreaMatch | None:
        if not (math.isfinite(lat) and math.isfinite(lon)):
            return None
        point = Point(lon, lat)
        candidates = self._tree.query(point)
        if len(candidates) == 0:
            return None
        # covers(), not contains(): a location exactly on a buurt border still belongs somewhere.
        hits = candidates[shapely.covers(self._geometries[candidates], point)]
        if len(hits) == 0:
            return None
        # Lowest index keeps a point on a shared border in the same buurt every time.
        wijk, buurt = self._areas[int(hits.min())]
        return AreaMatch(wijk.id, wijk.name, buurt.id, buurt.name, None, 1.0)
