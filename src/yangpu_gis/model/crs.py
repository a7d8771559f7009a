"""Coordinate reference systems: parsing what users type, and the map's display CRS.

Data is held in WGS84 (EPSG:4326). The map is drawn in Web Mercator (EPSG:3857), the
projection of every web map, so the desktop view and the HTML export look alike.
GCJ-02 and BD-09 are not in EPSG; they are declared with the names below and converted
with chinese_crs.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely

from yangpu_gis.model import chinese_crs

if TYPE_CHECKING:  # pyproj is imported where used: drawing in Web Mercator never needs it
    from pyproj import CRS, Transformer

WGS84 = "EPSG:4326"
DISPLAY = "EPSG:3857"
DATUM_ALIASES = {"gcj02": "gcj02", "gcj-02": "gcj02", "bd09": "bd09", "bd-09": "bd09"}


class UnknownCrsError(ValueError):
    pass


@dataclass(frozen=True)
class CrsSpec:
    """A CRS as the user declared it: an EPSG/WKT/PROJ CRS, or one of China's web datums."""

    datum: str | None = None  # "gcj02" | "bd09" | None
    crs: CRS | None = None

    @property
    def label(self) -> str:
        if self.datum:
            return {"gcj02": "GCJ-02 (Chinese web datum)", "bd09": "BD-09 (Baidu datum)"}[
                self.datum
            ]
        if self.crs is None:
            return "unknown"
        epsg = self.crs.to_epsg()
        return f"EPSG:{epsg} ({self.crs.name})" if epsg else self.crs.name

    def to_dict(self) -> str:
        if self.datum:
            return self.datum
        return self.crs.to_string() if self.crs else ""


def parse_crs(text: str) -> CrsSpec:
    """'gcj02', 'bd09', 'EPSG:4549', '4549', WKT or PROJ text; UnknownCrsError otherwise."""
    key = text.strip().lower()
    if key in DATUM_ALIASES:
        return CrsSpec(datum=DATUM_ALIASES[key])
    if key.isdigit():
        text = f"EPSG:{key}"
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        return CrsSpec(crs=CRS.from_user_input(text.strip()))
    except CRSError as exc:
        raise UnknownCrsError(
            f"unknown CRS {text!r}: give EPSG:n, gcj02 or bd09 ({exc.__class__.__name__})"
        ) from None


def convert_datum_to_wgs84(geometries, datum: str):
    """Geometries in lon/lat on a Chinese web datum, moved to WGS84."""
    if datum == "gcj02":
        return chinese_crs.geometries_gcj02_to_wgs84(geometries)
    if datum == "bd09":
        return chinese_crs.geometries_bd09_to_wgs84(geometries)
    raise UnknownCrsError(f"unknown datum {datum!r}")


_per_thread = threading.local()
_MERCATOR_RADIUS = 6378137.0
_MAX_MERCATOR_LAT = 85.05112877980659


def _transformer(src: str, dst: str) -> Transformer:
    # pyproj transformers must not be shared between threads, so each thread keeps its own.
    cache = getattr(_per_thread, "transformers", None)
    if cache is None:
        cache = _per_thread.transformers = {}
    key = (src, dst)
    if key not in cache:
        from pyproj import Transformer

        cache[key] = Transformer.from_crs(src, dst, always_xy=True)
    return cache[key]


def _lonlat_to_mercator(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lat = np.clip(lat, -_MAX_MERCATOR_LAT, _MAX_MERCATOR_LAT)
    x = np.radians(lon) * _MERCATOR_RADIUS
    y = np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) * _MERCATOR_RADIUS
    return x, y


def _mercator_to_lonlat(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lon = np.degrees(x / _MERCATOR_RADIUS)
    lat = np.degrees(2 * np.arctan(np.exp(y / _MERCATOR_RADIUS)) - np.pi / 2)
    return lon, lat


# The display projection is a closed formula: computing it with NumPy is faster than PROJ
# and safe on any thread (PROJ crashed on Qt's pooled render threads).
_CLOSED_FORM = {
    (WGS84, DISPLAY): _lonlat_to_mercator,
    (DISPLAY, WGS84): _mercator_to_lonlat,
}


def transform_xy(x, y, src: str = WGS84, dst: str = DISPLAY) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(x, float), np.asarray(y, float)
    closed = _CLOSED_FORM.get((src, dst))
    if closed is not None:
        return closed(x, y)
    return _transformer(src, dst).transform(x, y)


def transform_geometries(geometries, src: str = WGS84, dst: str = DISPLAY):
    """All vertices of an array of shapely geometries reprojected at once."""

    def on_coords(xy: np.ndarray) -> np.ndarray:
        x, y = transform_xy(xy[:, 0], xy[:, 1], src, dst)
        return np.column_stack([x, y])

    return shapely.transform(geometries, on_coords)


def transform_bounds(bounds, src: str = WGS84, dst: str = DISPLAY):
    x0, y0, x1, y1 = bounds
    closed = _CLOSED_FORM.get((src, dst))
    if closed is not None:  # Mercator is monotonic in each axis: the corners are the bounds
        (a, b), (c, d) = closed(np.array([x0, x1], float), np.array([y0, y1], float))
        return (float(a), float(c), float(b), float(d))
    return _transformer(src, dst).transform_bounds(x0, y0, x1, y1)
