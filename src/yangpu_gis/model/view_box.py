"""A WGS84 view rectangle as the area a reader asks a file's spatial index for.

Reading by extent asks the file for the features whose envelope meets a rectangle in the
layer's own coordinates, then keeps exactly those whose WGS84 envelope meets the WGS84
rectangle, so the result is that of reading everything and filtering, whichever index
(or none) the file has.

A rectangle's edges bend in another CRS: its envelope there comes from points along
each edge (pyproj's transform_bounds), not from its four corners, and it is asked
slightly larger (GROWTH) so that rounding never leaves out a feature touching an edge.
"""

from __future__ import annotations

import math

import numpy as np

Box = tuple[float, float, float, float]

DENSIFY_POINTS = 21  # points added along each edge, as pyproj's default for transform_bounds
GROWTH = 0.01  # of the rectangle's width and height, on each side


def grown(box: Box, fraction: float = GROWTH) -> Box:
    x0, y0, x1, y1 = box
    dx, dy = (x1 - x0) * fraction, (y1 - y0) * fraction
    return (x0 - dx, y0 - dy, x1 + dx, y1 + dy)


def is_wgs84(crs) -> bool:
    """Whether a CRS (anything pyproj takes) is plain longitude/latitude on WGS84."""
    from pyproj import CRS

    return CRS.from_user_input(crs).equals(CRS.from_epsg(4326), ignore_axis_order=True)


def in_crs(box_wgs84: Box, crs) -> Box | None:
    """The envelope, in `crs` (x, y order), of a WGS84 rectangle grown by GROWTH; None when
    it cannot be said there (outside the projection's area): then read everything."""
    box = grown(box_wgs84)
    if is_wgs84(crs):
        return box
    from pyproj import Transformer
    from pyproj.exceptions import ProjError

    try:
        transformer = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        found = transformer.transform_bounds(*box, densify_pts=DENSIFY_POINTS)
    except ProjError:
        return None
    if not all(math.isfinite(v) for v in found) or found[0] > found[2] or found[1] > found[3]:
        return None  # pyproj gives x0 > x1 across the antimeridian: not for a city's files
    return (float(found[0]), float(found[1]), float(found[2]), float(found[3]))


def meets(bounds: np.ndarray, box: Box) -> np.ndarray:
    """Which (n, 4) envelopes (NaN for none) meet the rectangle, edges included."""
    x0, y0, x1, y1 = box
    with np.errstate(invalid="ignore"):
        return (
            (bounds[:, 0] <= x1)
            & (bounds[:, 2] >= x0)
            & (bounds[:, 1] <= y1)
            & (bounds[:, 3] >= y0)
        )
