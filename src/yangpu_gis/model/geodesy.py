"""Lengths and areas on the WGS84 ellipsoid: figures derived from geometry are computed here."""

from __future__ import annotations

from functools import cache

import numpy as np


@cache
def _geod():
    from pyproj import Geod  # imported on first use: drawing a map never measures

    return Geod(ellps="WGS84")


def _polygons(geometry):
    """The polygons in a geometry (parts of multi-polygons and collections included)."""
    if geometry is None or geometry.is_empty:
        return
    if geometry.geom_type == "Polygon":
        yield geometry
    elif geometry.geom_type in ("MultiPolygon", "GeometryCollection"):
        for part in geometry.geoms:
            yield from _polygons(part)


def area_perimeter_m(geometry) -> tuple[float, float]:
    """Geodesic area (m²) and exterior perimeter (m) of a (multi)polygon in WGS84 lon/lat.

    Each ring's area is taken as a magnitude (pyproj signs it by the ring's direction), the
    holes' subtracted from their exterior's: so rings drawn either way give the same
    answer. The perimeter is the exterior rings' length. Lines and points give (0, 0).
    """
    area = perimeter = 0.0
    for polygon in _polygons(geometry):
        xy = np.asarray(polygon.exterior.coords)
        ring_area, ring_length = _geod().polygon_area_perimeter(xy[:, 0], xy[:, 1])
        area += abs(ring_area)
        perimeter += ring_length
        for hole in polygon.interiors:
            hxy = np.asarray(hole.coords)
            area -= abs(_geod().polygon_area_perimeter(hxy[:, 0], hxy[:, 1])[0])
    return area, perimeter


def area_m2(geometry) -> float:
    """Geodesic area of a (multi)polygon in WGS84 lon/lat; 0 for lines and points."""
    return area_perimeter_m(geometry)[0]


def perimeter_m(geometry) -> float:
    """Geodesic length of the exterior rings of a (multi)polygon; 0 for lines and points."""
    return area_perimeter_m(geometry)[1]


def length_m(geometry) -> float:
    """Geodesic length of a line (or ring boundary) in WGS84 lon/lat."""
    if geometry is None or geometry.is_empty:
        return 0.0
    return _geod().geometry_length(geometry)


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    return _geod().inv(lon1, lat1, lon2, lat2)[2]


def polyline_length_m(lons, lats) -> float:
    return float(_geod().line_length(lons, lats)) if len(lons) > 1 else 0.0


def polygon_area_m2(lons, lats) -> float:
    if len(lons) < 3:
        return 0.0
    return abs(_geod().polygon_area_perimeter(lons, lats)[0])


# Units as Chinese maps write them (QGIS zh_CN: 千米, 公顷, 平方米).
_UNITS_ZH = {"km": "千米", "m": "米", "ha": "公顷", "m²": "平方米"}


def _unit(unit: str, language: str) -> str:
    return _UNITS_ZH[unit] if language == "zh" else unit


def format_length(metres: float, language: str = "en") -> str:
    if metres >= 1000:
        return f"{metres / 1000:,.2f} {_unit('km', language)}"
    return f"{metres:,.0f} {_unit('m', language)}"


def format_area(square_metres: float, language: str = "en") -> str:
    if square_metres >= 10_000:
        return f"{square_metres / 10_000:,.2f} {_unit('ha', language)}"
    return f"{square_metres:,.0f} {_unit('m²', language)}"
