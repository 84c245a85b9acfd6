"""--format geojson: one FeatureCollection over all inputs that QGIS and geojson.io open as is (RFC 7946)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from strikeparse.cli import app

KHARKIV = "A Russian drone hit Kharkiv overnight, injuring three people, the mayor said. Talks continued in Geneva.\n"
ODESA = "Missiles struck Odesa. Two people were killed in Odesa.\n"


def collection(tmp_path: Path) -> dict:
    (tmp_path / "a.txt").write_text(KHARKIV, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ODESA, encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "geojson"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_one_feature_collection_of_points(tmp_path: Path):
    fc = collection(tmp_path)
    assert fc["type"] == "FeatureCollection"
    assert fc["features"]
    for feature in fc["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert {"source", "name", "type", "struck", "casualty_totals", "munition_counts"} <= set(feature["properties"])


def test_coordinates_are_lon_lat_and_properties_carry_figures(tmp_path: Path):
    features = {(f["properties"]["source"].rsplit("/", 1)[-1], f["properties"]["name"]): f for f in collection(tmp_path)["features"]}
    kharkiv = features[("a.txt", "Kharkiv")]
    lon, lat = kharkiv["geometry"]["coordinates"]
    assert 35 < lon < 37 and 49 < lat < 51  # Kharkiv is at about 36.2 E, 50.0 N
    assert kharkiv["properties"]["struck"] is True
    assert {"outcome": "injured", "location": "Kharkiv", "group": "all", "low": 3, "high": 3} in kharkiv["properties"]["casualty_totals"]
    assert features[("a.txt", "Geneva")]["properties"]["struck"] is False
    odesa = features[("b.txt", "Odesa")]
    assert odesa["properties"]["casualty_totals"][0]["low"] == 2


def test_no_input_gives_an_empty_but_valid_collection(tmp_path: Path):
    (tmp_path / "none.txt").write_text("Nothing happened here.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(tmp_path / "none.txt"), "--format", "geojson"])
    assert json.loads(result.stdout) == {"type": "FeatureCollection", "features": []}
