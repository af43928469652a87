"""Buurt polygons may come from a FeatureCollection next to the TOML file."""

import json
import re

import pytest

from bot.gemeente import GemeenteConfigError, load_gemeente

from .config_snippets import HEADER, buurt, square, write_config

WIJKEN_WITHOUT_GEOMETRY = """\
[[wijken]]
id = "noord"
name = "Noord"

[[wijken.buurten]]
id = "noord-a"
name = "Noord A"
streets = ["Kerkstraat"]

[[wijken.buurten]]
id = "noord-b"
name = "Noord B"
"""


def polygon(lon: float, lat: float) -> dict:
    return {"type": "Polygon", "coordinates": json.loads(square(lon, lat))}


def feature(wijk: str, buurt_id: str, lon: float, lat: float) -> dict:
    return {"type": "Feature", "properties": {"wijk": wijk, "buurt": buurt_id}, "geometry": polygon(lon, lat)}


def write_geojson(tmp_path, features: list[dict]) -> None:
    collection = {"type": "FeatureCollection", "features": features}
    (tmp_path / "gebieden.geojson").write_text(json.dumps(collection), encoding="utf-8")


def load(tmp_path, wijken: str = WIJKEN_WITHOUT_GEOMETRY):
    header = HEADER + 'geojson = "gebieden.geojson"\n'
    return load_gemeente(write_config(tmp_path, header=header, wijken=wijken))


def test_polygons_from_geojson_file(tmp_path):
    write_geojson(tmp_path, [feature("noord", "noord-a", 5.0, 52.0), feature("noord", "noord-b", 5.01, 52.0)])
    gemeente = load(tmp_path)
    assert gemeente.locate_point(52.005, 5.015).buurt_id == "noord-b"


def test_geojson_problems_are_reported(tmp_path):
    write_geojson(
        tmp_path,
        [
            feature("zuid", "noord-a", 5.0, 52.0),
            feature("noord", "noord-x", 5.02, 52.0),
            {"type": "Feature", "properties": {}, "geometry": polygon(5.03, 52.0)},
        ],
    )
    with pytest.raises(GemeenteConfigError) as raised:
        load(tmp_path)
    assert set(raised.value.problems) == {
        'voorbeeld.toml: gebieden.geojson features[0] "noord-a": says wijk "zuid", but the buurt is in wijk "noord"',
        'voorbeeld.toml: wijken[0] "noord".buurten[1] "noord-b": needs a polygon (inline or in gebieden.geojson)',
        'voorbeeld.toml: gebieden.geojson features[1] "noord-x": unknown buurt "noord-x": no such buurt in the configuration',
        'voorbeeld.toml: gebieden.geojson features[2]: needs a "buurt" id in its properties',
    }


def test_geometry_inline_and_in_file_is_ambiguous(tmp_path):
    write_geojson(tmp_path, [feature("noord", "noord-a", 5.0, 52.0)])
    wijken = '[[wijken]]\nid = "noord"\nname = "Noord"\n' + buurt("noord-a", square(5.0, 52.0))
    with pytest.raises(GemeenteConfigError, match=re.escape("has a geometry both inline and in gebieden.geojson")):
        load(tmp_path, wijken)


def test_missing_geojson_file(tmp_path):
    with pytest.raises(GemeenteConfigError, match=re.escape("geojson: cannot read GeoJSON file gebieden.geojson")):
        load(tmp_path)
