"""Wijken and buurten from the configuration, with their polygons and street names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely import STRtree
from shapely.geometry.base import BaseGeometry

from bot.gemeente.areas import Buurt, Wijk
from bot.gemeente.errors import Problems
from bot.gemeente.parse_geometry import FeatureGeometry, parse_geometry, read_feature_collection
from bot.gemeente.reader import TableReader, entry_label

WIJK_KEYS = ("id", "name", "aliases", "buurten")
BUURT_KEYS = ("id", "name", "aliases", "streets", "geometry")


@dataclass
class _AreaParse:
    problems: Problems
    features: dict[str, FeatureGeometry]
    geojson_name: str | None
    wijk_ids: set[str]
    buurt_entries: dict[str, str]


@dataclass(frozen=True)
class ParsedAreas:
    wijken: tuple[Wijk, ...]
    # Every id the file declares, even where the entry has problems, so that rules naming
    # that area are not reported a second time as "unknown".
    declared_wijk_ids: frozenset[str]
    declared_buurt_ids: frozenset[str]


def parse_areas(top: TableReader, config_dir: Path, problems: Problems) -> ParsedAreas:
    geojson_name = top.text("geojson")
    features = read_feature_collection(config_dir / geojson_name, "geojson", problems) if geojson_name else {}
    state = _AreaParse(problems, features, geojson_name, set(), {})
    raw_wijken = top.table_list("wijken")
    if not raw_wijken:
        problems.add("wijken", "at least one wijk with buurten is required")
    wijken = tuple(
        wijk
        for position, raw in enumerate(raw_wijken)
        if (wijk := _parse_wijk(raw, entry_label(f"wijken[{position}]", raw, "id"), state)) is not None
    )
    for buurt_id, feature in features.items():
        if buurt_id not in state.buurt_entries:
            problems.add(feature.entry, f'unknown buurt "{buurt_id}": no such buurt in the configuration')
    _report_overlaps([buurt for wijk in wijken for buurt in wijk.buurten], state)
    return ParsedAreas(wijken, frozenset(state.wijk_ids), frozenset(state.buurt_entries))


def _parse_wijk(raw: object, entry: str, state: _AreaParse) -> Wijk | None:
    reader = TableReader(raw, entry, state.problems, WIJK_KEYS)
    wijk_id = reader.identifier("id")
    name = reader.text("name", required=True)
    aliases = reader.text_list("aliases") or ()
    if wijk_id is not None:
        if wijk_id in state.wijk_ids:
            state.problems.add(entry, f'duplicate wijk id "{wijk_id}"')
            wijk_id = None
        else:
            state.wijk_ids.add(wijk_id)
    raw_buurten = reader.table_list("buurten")
    if not raw_buurten:
        reader.report("buurten", "needs at least one buurt")
    buurten = [
        _parse_buurt(raw_buurt, entry_label(f"{entry}.buurten[{position}]", raw_buurt, "id"), wijk_id, state)
        for position, raw_buurt in enumerate(raw_buurten)
    ]
    if wijk_id is None or name is None or not buurten or None in buurten:
        return None
    return Wijk(wijk_id, name, tuple(buurt for buurt in buurten if buurt is not None), aliases)


def _parse_buurt(raw: object, entry: str, wijk_id: str | None, state: _AreaParse) -> Buurt | None:
    reader = TableReader(raw, entry, state.problems, BUURT_KEYS)
    buurt_id = reader.identifier("id")
    name = reader.text("name", required=True)
    streets = reader.text_list("streets") or ()
    aliases = reader.text_list("aliases") or ()
    if buurt_id is not None:
        if buurt_id in state.buurt_entries:
            # Buurt ids are global: routing rules name a buurt without its wijk.
            state.problems.add(entry, f'duplicate buurt id "{buurt_id}" (also {state.buurt_entries[buurt_id]})')
            buurt_id = None
        else:
            state.buurt_entries[buurt_id] = entry
    geometry = _buurt_geometry(reader, buurt_id, wijk_id, state)
    if buurt_id is None or name is None or wijk_id is None or geometry is None:
        return None
    return Buurt(buurt_id, name, wijk_id, geometry, streets, aliases)


def _buurt_geometry(
    reader: TableReader, buurt_id: str | None, wijk_id: str | None, state: _AreaParse
) -> BaseGeometry | None:
    feature = state.features.get(buurt_id) if buurt_id is not None else None
    if reader.has("geometry") and feature is not None:
        state.problems.add(reader.entry, f"has a geometry both inline and in {state.geojson_name}; keep one")
        return None
    if reader.has("geometry"):
        return parse_geometry(reader.raw("geometry"), reader.entry, state.problems)
    if feature is None:
        where = f"inline or in {state.geojson_name}" if state.geojson_name else 'as an inline "geometry"'
        state.problems.add(reader.entry, f"needs a polygon ({where})")
        return None
    if feature.wijk_id is not None and wijk_id is not None and feature.wijk_id != wijk_id:
        state.problems.add(feature.entry, f'says wijk "{feature.wijk_id}", but the buurt is in wijk "{wijk_id}"')
        return None
    return parse_geometry(feature.geometry, feature.entry, state.problems)


def _report_overlaps(buurten: list[Buurt], state: _AreaParse) -> None:
    """Overlapping buurten would make a shared location land in whichever is listed first."""
    if len(buurten) < 2:
        return
    geometries = [buurt.geometry for buurt in buurten]
    pairs = STRtree(geometries).query(geometries, predicate="intersects")
    for first, second in zip(*pairs, strict=True):
        # Interiors meeting ("T********") is an overlap; sharing a border is how buurten tile.
        if first < second and shapely.relate_pattern(geometries[first], geometries[second], "T********"):
            state.problems.add(state.buurt_entries[buurten[second].id], f'overlaps buurt "{buurten[first].id}"')
