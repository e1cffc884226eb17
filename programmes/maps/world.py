"""The bundled world shapes (world.json, built by build_world.py) and the geometry of a
map view: which part of the world to show and which shapes fall in it."""

import json
from functools import cache, lru_cache
from pathlib import Path

from .projection import project

DATA = Path(__file__).with_name("world.json")
# A regional map shows at least this much of the world (in map units; the world is 1000
# wide), so that one city still has its surroundings, and keeps a landscape shape.
MIN_WIDTH = 180
MIN_ASPECT, MAX_ASPECT = 1.3, 2.2


@cache
def world():
    """The parsed data, read once per process (it is read-only)."""
    return json.loads(DATA.read_text())


def shape(code):
    """{"d": path data, "box": [x0, y0, x1, y1]} of a country, or None if the 110m scale
    has no shape for it."""
    return world()["countries"].get(code)


def point(code):
    """(x, y) of a small country that the 110m scale leaves out, or None."""
    found = world()["points"].get(code)
    return tuple(found) if found else None


def frame(boxes):
    """The viewBox (x, y, width, height) that shows every box with a margin, within the
    world map; the whole world when there is nothing to frame."""
    wx, wy, ww, wh = world()["world"]
    if not boxes:
        return (wx, wy, ww, wh)
    x0 = min(box[0] for box in boxes)
    y0 = min(box[1] for box in boxes)
    x1 = max(box[2] for box in boxes)
    y1 = max(box[3] for box in boxes)
    margin = 0.15 * max(x1 - x0, y1 - y0) + 10
    x0, y0, x1, y1 = x0 - margin, y0 - margin, x1 + margin, y1 + margin
    width = max(x1 - x0, MIN_WIDTH)
    height = min(max(y1 - y0, width / MAX_ASPECT), wh)
    width = min(max(width, height * MIN_ASPECT), ww)
    centre_x, centre_y = (x0 + x1) / 2, (y0 + y1) / 2
    x = min(max(centre_x - width / 2, wx), wx + ww - width)
    y = min(max(centre_y - height / 2, wy), wy + wh - height)
    return (round(x, 1), round(y, 1), round(width, 1), round(height, 1))


@lru_cache(maxsize=128)
def land(view):
    """Path data of every country (and land without an ISO code) in the view, as one path:
    the grey background under the shaded countries."""
    data = world()
    x, y, width, height = view
    parts = [
        country["d"]
        for country in data["countries"].values()
        if country["box"][0] <= x + width
        and country["box"][2] >= x
        and country["box"][1] <= y + height
        and country["box"][3] >= y
    ]
    return "".join(parts + data["others"])


def sphere():
    """The outline of the world (the sea)."""
    return world()["sphere"]


def place(latitude, longitude):
    return project(longitude, latitude)
