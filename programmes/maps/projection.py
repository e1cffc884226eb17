"""The Natural Earth projection (Šavrič, Patterson and Jenny's polynomial form) onto the
map's own coordinates: x grows eastwards, y southwards, as SVG expects.

Shared by the build script (country shapes, once) and the renderer (city markers, per
request), so shapes and markers always line up.
"""

import math

# The whole world, -180° to 180°, is this many units wide; the SVG viewBox uses them.
WIDTH = 1000
_X_MAX = 0.8707 * math.pi  # the raw projection's x at the equator and ±180°
SCALE = WIDTH / (2 * _X_MAX)


def _raw(lam, phi):
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (
        0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4))
    )
    y = phi * (
        1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4))
    )
    return x, y


# y = 0 at the North Pole.
_Y_TOP = _raw(0, math.pi / 2)[1]
HEIGHT = 2 * _Y_TOP * SCALE


def project(longitude, latitude):
    """(x, y) in map units for a point in degrees."""
    x, y = _raw(math.radians(float(longitude)), math.radians(float(latitude)))
    return WIDTH / 2 + x * SCALE, (_Y_TOP - y) * SCALE
