"""The area a view of some features shows: never less than a street's length across.

The bounds of one point, of several points at one place, or of a straight east-west or
north-south line have no width or no height; a view of them is widened to at least
MIN_VIEW_GROUND_M of ground both ways, about a street block, as the canvas does when it
zooms to such a layer.
"""

from __future__ import annotations

import math

MIN_VIEW_GROUND_M = 250.0  # zooming to a point or a tiny feature shows at least this much
METRES_PER_DEGREE = 111_320.0  # of latitude, and of longitude at the equator
MAX_LAT = 85.0


def viewable_bounds(
    bounds: tuple[float, float, float, float], min_ground_m: float = MIN_VIEW_GROUND_M
) -> tuple[float, float, float, float]:
    """WGS84 bounds widened, about their centre, to at least min_ground_m each way."""
    min_lon, min_lat, max_lon, max_lat = (float(v) for v in bounds)
    lon, lat = (min_lon + max_lon) / 2, (min_lat + max_lat) / 2
    half_lat = min_ground_m / 2 / METRES_PER_DEGREE
    cos_lat = max(math.cos(math.radians(min(abs(lat), MAX_LAT))), 1e-6)
    half_lon = min_ground_m / 2 / (METRES_PER_DEGREE * cos_lat)
    return (
        max(-180.0, min(min_lon, lon - half_lon)),
        max(-MAX_LAT, min(min_lat, lat - half_lat)),
        min(180.0, max(max_lon, lon + half_lon)),
        min(MAX_LAT, max(max_lat, lat + half_lat)),
    )
