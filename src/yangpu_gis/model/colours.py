"""Colours for styling: the palette new layers take theirs from, the ramps of graduated
colours, and how far apart two colours look (CIELAB ΔE*76)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

# Paul Tol's "muted" qualitative scheme (P. Tol, Colour Schemes, SRON/EPS/TN/09-002,
# 2021, https://personal.sron.nl/~pault/): nine colours told apart with the common forms
# of colour blindness. Chosen over Okabe-Ito's, whose orange, vermilion, blue and sky
# blue lie within ΔE 6 to 11 of the embedded map's site, riverside and river colours;
# eight of these nine are more than 25 away from every embedded colour.
LAYER_PALETTE = (
    "#cc6677",  # rose
    "#332288",  # indigo
    "#ddcc77",  # sand
    "#117733",  # green
    "#882255",  # wine
    "#44aa99",  # teal
    "#999933",  # olive
    "#aa4499",  # purple
    "#88ccee",  # cyan
)
DISTINCT_DELTA_E = 20.0  # a colour at least this far from every one on the map is "new"

# Sequential ColorBrewer ramps (Cynthia Brewer, colorbrewer2.org, Apache 2.0), light to
# dark, 9 classes each; graduated classes take evenly spaced colours along them.
RAMPS: dict[str, tuple[str, ...]] = {
    "YlOrRd": (
        "#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c",
        "#fc4e2a", "#e31a1c", "#bd0026", "#800026",
    ),
    "Blues": (
        "#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6",
        "#4292c6", "#2171b5", "#08519c", "#08306b",
    ),
    "Greens": (
        "#f7fcf5", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476",
        "#41ab5d", "#238b45", "#006d2c", "#00441b",
    ),
    "Purples": (
        "#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8",
        "#807dba", "#6a51a3", "#54278f", "#3f007d",
    ),
    "YlGnBu": (
        "#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4",
        "#1d91c0", "#225ea8", "#253494", "#081d58",
    ),
}  # fmt: skip
DEFAULT_RAMP = "YlOrRd"
RAMP_START = 0.12  # the ramps' palest end would vanish on the pale land colour


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _hex(rgb: Iterable[float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(v))):02x}" for v in rgb)


def ramp_colours(ramp: str, k: int) -> tuple[str, ...]:
    """k colours evenly spaced along a ramp (KeyError for an unknown ramp)."""
    stops = [_rgb(c) for c in RAMPS[ramp]]
    out = []
    for i in range(k):
        t = RAMP_START + (1.0 - RAMP_START) * (i / (k - 1) if k > 1 else 1.0)
        x = t * (len(stops) - 1)
        lo = min(int(x), len(stops) - 2)
        f = x - lo
        out.append(_hex(a + (b - a) * f for a, b in zip(stops[lo], stops[lo + 1], strict=True)))
    return tuple(out)


def darker(colour: str, factor: float = 0.68) -> str:
    """The same hue, darker: the outline of a layer filled with colour."""
    return _hex(v * factor for v in _rgb(colour))


def _lab(colour: str) -> tuple[float, float, float]:
    def linear(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in _rgb(colour))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: str, b: str) -> float:
    """How different two #rrggbb colours look (CIELAB ΔE*76; about 2.3 is just noticeable)."""
    return math.dist(_lab(a), _lab(b))


def most_distinct(taken: Sequence[str], palette: Sequence[str] = LAYER_PALETTE) -> str:
    """The first palette colour at least DISTINCT_DELTA_E from every taken colour, else
    the one farthest from its nearest taken colour."""
    taken = [c.lower() for c in taken]
    if not taken:
        return palette[0]
    nearest = [min(delta_e(c, t) for t in taken) for c in palette]
    for colour, distance in zip(palette, nearest, strict=True):
        if distance >= DISTINCT_DELTA_E:
            return colour
    return palette[max(range(len(palette)), key=nearest.__getitem__)]
