"""The script that makes the region map's outlines, on a small made-up boundary file,
and the outlines it made, as the page uses them."""

import importlib.util
import json
import math
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location(
    "build_chugoku_map", ROOT / "tools" / "map" / "build_chugoku_map.py"
)
build_chugoku_map = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_chugoku_map)


def circle(lon, lat, radius, points=200):
    ring = [
        [
            lon + radius * math.cos(2 * math.pi * i / points),
            lat + radius * math.sin(2 * math.pi * i / points),
        ]
        for i in range(points)
    ]
    return ring + [ring[0]]


def feature(iso, rings):
    return {
        "type": "Feature",
        "properties": {"iso_3166_2": iso, "name_local": iso},
        "geometry": {"type": "MultiPolygon", "coordinates": [[ring] for ring in rings]},
    }


@pytest.fixture
def boundaries(tmp_path):
    codes = [*build_chugoku_map.CHUGOKU, *build_chugoku_map.NEIGHBOURS]
    features = [
        feature(iso, [circle(131.5 + index * 0.3, 34.8, 0.2)]) for index, iso in enumerate(codes)
    ]
    # Hiroshima gets an islet of about 1 km across, which the map leaves out.
    features[3]["geometry"]["coordinates"].append([circle(132.5, 34.2, 0.005)])
    path = tmp_path / "admin1.json"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_the_script_keeps_the_five_prefectures_and_simplifies_them(boundaries):
    data = build_chugoku_map.build(boundaries)
    assert [p["prefecture"] for p in data["prefectures"]] == [
        "tottori",
        "shimane",
        "okayama",
        "hiroshima",
        "yamaguchi",
    ]
    assert len(data["neighbours"]) == len(build_chugoku_map.NEIGHBOURS)
    hiroshima = data["prefectures"][3]
    # One ring only (the islet is gone), with far fewer than the 200 points it had.
    assert hiroshima["d"].count("M") == 1
    assert 8 <= hiroshima["d"].count("L") < 60
    # The label sits in the middle of the circle, in SVG units.
    x, y = build_chugoku_map.project(131.5 + 3 * 0.3, 34.8)
    assert hiroshima["centre"] == pytest.approx([x, y], abs=1)


def test_the_committed_outlines_fit_the_frame():
    data = json.loads((ROOT / "portal" / "data" / "chugoku_map.json").read_text())
    assert {p["prefecture"] for p in data["prefectures"]} == {
        "tottori",
        "shimane",
        "okayama",
        "hiroshima",
        "yamaguchi",
    }
    for prefecture in data["prefectures"]:
        numbers = [float(n) for n in re.findall(r"-?\d+\.\d", prefecture["d"])]
        xs, ys = numbers[::2], numbers[1::2]
        assert min(xs) >= 0 and max(xs) <= data["width"], prefecture["prefecture"]
        assert min(ys) >= 0 and max(ys) <= data["height"], prefecture["prefecture"]
        cx, cy = prefecture["centre"]
        assert 0 < cx < data["width"] and 0 < cy < data["height"]
    # Small enough to inline in every response.
    assert (ROOT / "portal" / "data" / "chugoku_map.json").stat().st_size < 20_000
