"""Web Mercator tile arithmetic: the XYZ grid that OSM, MBTiles and PMTiles share.

Tile (z, x, y) counts x eastwards and y southwards from the north-west corner of the
world square; MBTiles stores y counted northwards (TMS), which `tms_row` converts.
Pure NumPy, no Qt and no pyproj, so tiles are placed with the same arithmetic everywhere.
"""

from __future__ import annotations

import math

import numpy as np

RADIUS = 6378137.0
ORIGIN = math.pi * RADIUS  # half the width of the world square in metres: 20037508.34
TILE_PX = 256
MAX_ZOOM = 22
MAX_LAT = 85.0511287798066


def tile_metres(z: int) -> float:
    """The side of one tile at zoom z, in Web Mercator metres."""
    return 2 * ORIGIN / (1 << z)


def resolution(z: int) -> float:
    """Web Mercator metres per tile pixel at zoom z."""
    return tile_metres(z) / TILE_PX


def tile_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """(min x, min y, max x, max y) of a tile in Web Mercator metres."""
    size = tile_metres(z)
    x0 = -ORIGIN + x * size
    y1 = ORIGIN - y * size
    return x0, y1 - size, x0 + size, y1


def tms_row(z: int, y: int) -> int:
    """The row of an XYZ tile as MBTiles (TMS) counts it, and back."""
    return (1 << z) - 1 - y


def zoom_for_scale(metres_per_pixel: float, bias: float = 0.25) -> int:
    """The zoom whose tiles are drawn closest to their own size at this scale.

    A small bias picks the sharper zoom once the view is a quarter of the way towards
    it, as web maps do at fractional zooms."""
    if metres_per_pixel <= 0:
        return MAX_ZOOM
    z = math.log2(resolution(0) / metres_per_pixel)
    return int(min(max(math.floor(z + bias), 0), MAX_ZOOM))


def tiles_covering(extent: tuple[float, float, float, float], z: int) -> tuple[range, range]:
    """The x and y ranges of the tiles at zoom z that meet a Web Mercator extent."""
    x0, y0, x1, y1 = extent
    size = tile_metres(z)
    last = (1 << z) - 1
    col0 = int(min(max(math.floor((x0 + ORIGIN) / size), 0), last))
    col1 = int(min(max(math.floor((x1 + ORIGIN) / size), 0), last))
    row0 = int(min(max(math.floor((ORIGIN - y1) / size), 0), last))
    row1 = int(min(max(math.floor((ORIGIN - y0) / size), 0), last))
    return range(col0, col1 + 1), range(row0, row1 + 1)


def lonlat_to_mercator(lon, lat):
    """WGS84 degrees (scalars or arrays) to Web Mercator metres."""
    lon = np.asarray(lon, dtype=float)
    lat = np.clip(np.asarray(lat, dtype=float), -MAX_LAT, MAX_LAT)
    x = np.radians(lon) * RADIUS
    y = np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) * RADIUS
    return x, y


def mercator_to_lonlat(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    lon = np.degrees(x / RADIUS)
    lat = np.degrees(2 * np.arctan(np.exp(y / RADIUS)) - np.pi / 2)
    return lon, lat


def lonlat_bounds_to_mercator(bounds) -> tuple[float, float, float, float]:
    lon0, lat0, lon1, lat1 = bounds
    x, y = lonlat_to_mercator([lon0, lon1], [lat0, lat1])
    return float(x[0]), float(y[0]), float(x[1]), float(y[1])


def tiles_for_bounds(bounds_wgs84, z: int) -> list[tuple[int, int, int]]:
    """Every tile at zoom z that meets a lon/lat box, row by row."""
    cols, rows = tiles_covering(lonlat_bounds_to_mercator(bounds_wgs84), z)
    return [(z, x, y) for y in rows for x in cols]
