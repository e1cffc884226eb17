"""Build programmes/maps/world.json from world-atlas's Natural Earth TopoJSON. Re-runnable:

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python -m programmes.maps.build_world /tmp/package

It reads countries-110m.json (the shapes) and countries-50m.json (a point for each small
country that the 110m scale leaves out), projects them once with the Natural Earth
projection, and writes SVG path data keyed by ISO 3166 alpha-2 code (world-atlas uses
numeric codes; django-countries' table maps them). Antarctica is left out: no programme
works there and it would take a fifth of the map's height.
"""

import argparse
import json
import math
from pathlib import Path

from django_countries.data import ALT_CODES

from programmes.maps.projection import HEIGHT, WIDTH, project

OUTPUT = Path(__file__).with_name("world.json")
ANTARCTICA = "010"
NORTH, SOUTH = 84, -58  # the latitudes the world map shows (Greenland to Tierra del Fuego)
STEP = 2  # degrees: longer edges get points in between, since meridians are curved


def decode_arcs(topology):
    """TopoJSON's delta-encoded, quantized arcs as lists of (longitude, latitude)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joint point.
        points.extend(arc[1:] if points else arc)
    return points


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def unwrap(points):
    """Make longitudes continuous across the antimeridian (Chukotka, Fiji)."""
    result = [points[0]]
    for lon, lat in points[1:]:
        previous = result[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        result.append((lon, lat))
    return result


def clip(points, inside, cross):
    """Sutherland–Hodgman against one half-plane: keeps the part of a ring inside it."""
    result = []
    for i, current in enumerate(points):
        previous = points[i - 1]
        if inside(current):
            if not inside(previous):
                result.append(cross(previous, current))
            result.append(current)
        elif inside(previous):
            result.append(cross(previous, current))
    return result


def at_longitude(limit):
    def cross(a, b):
        t = (limit - a[0]) / (b[0] - a[0])
        return limit, a[1] + t * (b[1] - a[1])

    return cross


def split_at_antimeridian(points):
    """The ring as one or more rings within -180°…180°."""
    points = unwrap(points)
    lons = [lon for lon, _lat in points]
    if -180 <= min(lons) and max(lons) <= 180:
        return [points]
    pieces = []
    for shift in (-360, 0, 360):
        piece = [(lon + shift, lat) for lon, lat in points]
        piece = clip(piece, lambda p: p[0] <= 180, at_longitude(180))
        piece = clip(piece, lambda p: p[0] >= -180, at_longitude(-180)) if piece else []
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def densify(points):
    result = []
    for i, (lon, lat) in enumerate(points):
        next_lon, next_lat = points[(i + 1) % len(points)]
        steps = max(1, math.ceil(max(abs(next_lon - lon), abs(next_lat - lat)) / STEP))
        result.extend(
            (lon + (next_lon - lon) * k / steps, lat + (next_lat - lat) * k / steps)
            for k in range(steps)
        )
    return result


def number(tenths):
    """A coordinate in tenths of a unit, written as briefly as SVG allows."""
    text = f"{tenths / 10:.1f}".removesuffix(".0")
    return text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text


def path_data(rings):
    """Projected rings as SVG path data: absolute start, then relative steps in tenths."""
    parts = []
    for ring in rings:
        tenths = []
        for x, y in ring:
            point = (round(x * 10), round(y * 10))
            if not tenths or point != tenths[-1]:
                tenths.append(point)
        if len(tenths) < 3:
            continue
        words = [f"M{number(tenths[0][0])} {number(tenths[0][1])}l"]
        for (x0, y0), (x1, y1) in zip(tenths, tenths[1:], strict=False):
            for value in (number(x1 - x0), number(y1 - y0)):
                # A minus sign separates numbers by itself.
                joined = value.startswith("-") or words[-1].endswith("l")
                words.append(value if joined else " " + value)
        words.append("z")
        parts.append("".join(words))
    return "".join(parts)


def area(ring):
    edges = zip(ring, ring[1:] + ring[:1], strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in edges))


def projected_rings(geometry, arcs):
    rings = []
    for polygon in polygons(geometry):
        for ring in polygon:
            for piece in split_at_antimeridian(ring_points(ring, arcs)):
                rings.append([project(lon, lat) for lon, lat in densify(piece)])
    return rings


def box(rings):
    """The bounds a map zooms to. A country split by the antimeridian (Russia, Fiji) would
    span the whole world: its largest piece is what a regional map should frame."""
    xs = [x for ring in rings for x, _y in ring]
    if max(xs) - min(xs) > WIDTH / 2:
        rings = [max(rings, key=area)]
    xs = [x for ring in rings for x, _y in ring]
    ys = [y for ring in rings for _x, y in ring]
    return [round(min(xs), 1), round(min(ys), 1), round(max(xs), 1), round(max(ys), 1)]


def build(source):
    alpha2 = {f"{numeric:03d}": code for code, (_alpha3, numeric) in ALT_CODES.items()}
    countries, others, points = {}, [], {}
    fine = json.loads((source / "countries-110m.json").read_text())
    arcs = decode_arcs(fine)
    for geometry in fine["objects"]["countries"]["geometries"]:
        if geometry.get("id") == ANTARCTICA:
            continue
        rings = projected_rings(geometry, arcs)
        code = alpha2.get(geometry.get("id"))
        if code is None:  # areas without an ISO code (e.g. Kosovo) are land all the same
            others.append(path_data(rings))
        else:
            countries[code] = {"d": path_data(rings), "box": box(rings)}

    medium = json.loads((source / "countries-50m.json").read_text())
    arcs = decode_arcs(medium)
    for geometry in medium["objects"]["countries"]["geometries"]:
        code = alpha2.get(geometry.get("id"))
        if code is None or code in countries or geometry.get("id") == ANTARCTICA:
            continue
        largest = max(projected_rings(geometry, arcs), key=area)
        x, y = (sum(values) / len(values) for values in zip(*largest, strict=True))
        points[code] = [round(x, 1), round(y, 1)]

    top, bottom = project(0, NORTH)[1], project(0, SOUTH)[1]
    outline = [project(-180, lat) for lat in range(90, -91, -STEP)]
    outline += [project(180, lat) for lat in range(-90, 91, STEP)]
    return {
        "source": "Natural Earth 1:110m and 1:50m admin 0 countries (public domain), "
        "via world-atlas 2.0.2 (ISC licence, see NOTICE); projection: Natural Earth",
        "width": WIDTH,
        "height": round(HEIGHT, 1),
        "world": [0, round(top, 1), WIDTH, round(bottom - top, 1)],
        "sphere": path_data([outline]),
        "countries": dict(sorted(countries.items())),
        "points": dict(sorted(points.items())),
        "others": others,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the unpacked world-atlas package folder")
    args = parser.parse_args()
    data = build(args.source)
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{OUTPUT}: {len(data['countries'])} shapes, {len(data['points'])} points")  # noqa: T201


if __name__ == "__main__":
    main()
