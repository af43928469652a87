"""GeoJSON polygons for buurten: inline in the TOML or from a FeatureCollection file."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.errors import GEOSException
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from bot.gemeente.errors import Problems

_POLYGON_TYPES = ("Polygon", "MultiPolygon")


def _bad_position(position: object) -> str | None:
    if not isinstance(position, list) or len(position) < 2:
        return f"position {position!r} is not [longitude, latitude]"
    lon, lat = position[0], position[1]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in (lon, lat)):
        return f"position {position!r} is not [longitude, latitude] numbers"
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return f"position {position!r} is outside WGS84 [longitude, latitude] range"
    return None


def _bad_ring(ring: object) -> str | None:
    if not isinstance(ring, list):
        return "a ring must be a list of positions"
    for position in ring:
        if problem := _bad_position(position):
            return problem
    if len({(p[0], p[1]) for p in ring}) < 3:
        return "a ring needs at least three distinct positions"
    return None


def _bad_coordinates(kind: str, coordinates: object) -> str | None:
    if not isinstance(coordinates, list) or not coordinates:
        return "coordinates must be a non-empty list"
    polygons = coordinates if kind == "MultiPolygon" else [coordinates]
    for rings in polygons:
        if not isinstance(rings, list) or not rings:
            return "a polygon must be a non-empty list of rings"
        for ring in rings:
            if problem := _bad_ring(ring):
                return problem
    return None


def parse_geometry(value: object, entry: str, problems: Problems) -> BaseGeometry | None:
    """A valid (multi)polygon, or None after recording why not."""
    if not isinstance(value, dict):
        problems.add(entry, "geometry must be a GeoJSON geometry table")
        return None
    kind = value.get("type")
    if kind not in _POLYGON_TYPES:
        problems.add(entry, f'geometry type must be "Polygon" or "MultiPolygon", got {kind!r}')
        return None
    if problem := _bad_coordinates(kind, value.get("coordinates")):
        problems.add(entry, f"invalid {kind}: {problem}")
        return None
    try:
        geometry = shape(value)
    except (ValueError, TypeError, GEOSException) as exc:
        problems.add(entry, f"invalid {kind}: {exc}")
        return None
    if not geometry.is_valid:
        # E.g. "Self-intersection[5.24 52.29]": the reason names the spot to fix.
        problems.add(entry, f"invalid {kind}: {shapely.is_valid_reason(geometry)}")
        return None
    return geometry


@dataclass(frozen=True)
class FeatureGeometry:
    entry: str
    wijk_id: str | None
    geometry: dict[str, Any]


def read_feature_collection(path: Path, entry: str, problems: Problems) -> dict[str, FeatureGeometry]:
    """Raw geometries per buurt id; they are validated when matched to a configured buurt."""
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        problems.add(entry, f"cannot read GeoJSON file {path.name}: {exc}")
        return {}
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        problems.add(entry, f"{path.name} must hold a GeoJSON FeatureCollection")
        return {}
    by_buurt: dict[str, FeatureGeometry] = {}
    for position, feature in enumerate(collection.get("features") or []):
        feature_entry = f"{path.name} features[{position}]"
        properties = feature.get("properties") if isinstance(feature, dict) else None
        buurt_id = properties.get("buurt") if isinstance(properties, dict) else None
        if not isinstance(buurt_id, str):
            problems.add(feature_entry, 'needs a "buurt" id in its properties')
            continue
        if buurt_id in by_buurt:
            problems.add(feature_entry, f'duplicate geometry for buurt "{buurt_id}"')
            continue
        wijk_id = properties.get("wijk")
        by_buurt[buurt_id] = FeatureGeometry(
            f'{feature_entry} "{buurt_id}"',
            wijk_id if isinstance(wijk_id, str) else None,
            feature.get("geometry"),
        )
    return by_buurt
