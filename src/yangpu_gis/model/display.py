"""A layer's geometries in the display CRS, laid out for drawing and picking a million features.

Most features of big layers (building footprints, parcels) are "simple": one polygon
ring of a few vertices, or one short line. Their display coordinates are kept flat in
NumPy (coords, with offsets per feature), so drawing them needs no shapely object per
feature and no copy of every geometry. The other features (holes, multi-parts, many
vertices, points) are reprojected as shapely geometries when first drawn or picked, and
kept.

The spatial index is built on the WGS84 geometries the layer already holds: Web Mercator
maps each axis on its own and monotonically, so the WGS84 envelope of a feature is its
display envelope mapped back, and a display rectangle mapped to WGS84 finds the same
features. It is a few STRtrees over slices of the layer rather than one, so building it
on a reader thread never holds the interpreter lock long enough to stall the UI thread.

Everything here is read-only once built and safe to use from several threads.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable

import numpy as np
import shapely

from yangpu_gis.model import crs, flat_features
from yangpu_gis.model.flat_features import SLICE

TREE_SLICE = 200_000  # features per STRtree
_EDGE = 1e-9  # degrees: keeps features touching a query's edge in despite rounding


def _slices(count: int, size: int = SLICE):
    return [(i, min(i + size, count)) for i in range(0, count, size)] or [(0, 0)]


def _sorted_unique(rows: np.ndarray) -> np.ndarray:
    # np.unique would import numpy.ma (40 ms) the first time: this runs in `render`'s start-up.
    rows = np.sort(rows)
    return rows[np.concatenate(([True], rows[1:] != rows[:-1]))] if len(rows) else rows


def _lonlat_to_mercator_scalar(lon: float, lat: float) -> tuple[float, float]:
    x, y = crs.transform_xy(lon, lat)
    return float(x), float(y)


def _mercator_to_lonlat_box(x0: float, y0: float, x1: float, y1: float):
    """A display rectangle as a WGS84 one, with plain floats (no NumPy for four numbers)."""
    r = 6378137.0
    lon0, lon1 = math.degrees(x0 / r), math.degrees(x1 / r)
    lat0 = math.degrees(2 * math.atan(math.exp(y0 / r)) - math.pi / 2)
    lat1 = math.degrees(2 * math.atan(math.exp(y1 / r)) - math.pi / 2)
    return lon0 - _EDGE, lat0 - _EDGE, lon1 + _EDGE, lat1 + _EDGE


class DisplayData:
    """Display-CRS coordinates, bounds and a spatial index for one layer's features.

    Made from an array of WGS84 shapely geometries, or (from_flat) from features read
    straight from WKB, whose shapely geometries are then decoded only when first needed.
    """

    def __init__(self, geometries: np.ndarray) -> None:
        geometries = np.asarray(geometries, dtype=object)
        self._build(flat_features.from_shapely(geometries), None, geometries)

    @classmethod
    def from_flat(cls, flat: flat_features.FlatFeatures, others: np.ndarray,
                  wgs84: Callable[[], np.ndarray]) -> DisplayData:
        """`others`: the shapely geometries of the rows that are not simple (None for the
        simple ones); `wgs84()` returns every row's geometry, and is called only if
        something needs them all (the spatial index, picking)."""
        data = cls.__new__(cls)
        data._build(flat, others, wgs84)
        return data

    def _build(self, flat: flat_features.FlatFeatures, others, wgs84) -> None:
        count = flat.count
        self.count = count
        self.simple, self.is_polygon, self.offsets = flat.simple, flat.is_polygon, flat.offsets
        self.type_ids = flat.type_ids
        self._others = others
        self._wgs84 = wgs84  # an array, or a function that returns it
        self.bounds = np.empty((count, 4))
        for a, b in _slices(count):
            part = flat.bounds[a:b]
            x0, y0 = crs.transform_xy(part[:, 0], part[:, 1])
            x1, y1 = crs.transform_xy(part[:, 2], part[:, 3])
            self.bounds[a:b] = np.column_stack([x0, y0, x1, y1])
        # Flat display coordinates of the simple features: feature i's vertices are
        # x[offsets[i]:offsets[i + 1]] (an empty range for the others).
        self.x = np.empty(len(flat.x))
        self.y = np.empty(len(flat.y))
        for a, b in _slices(len(flat.x), 4 * SLICE):
            self.x[a:b], self.y[a:b] = crs.transform_xy(flat.x[a:b], flat.y[a:b])
        self._orient_rings()
        self._trees: list | None = None  # built on first query (build_index)
        with np.errstate(invalid="ignore"):
            finite = np.isfinite(self.bounds).all(axis=1)
        if finite.any():
            b = self.bounds[finite]
            self.total_bounds = (float(b[:, 0].min()), float(b[:, 1].min()),
                                 float(b[:, 2].max()), float(b[:, 3].max()))
        else:
            self.total_bounds = (math.nan,) * 4
        self._complex = np.full(count, None, dtype=object)
        self._complex_done = np.zeros(count, bool)
        self._lock = threading.Lock()
        self._index_lock = threading.Lock()

    @property
    def wgs84(self) -> np.ndarray:
        """Every feature's WGS84 shapely geometry (decoded now if it was read as WKB)."""
        if callable(self._wgs84):
            with self._lock:
                if callable(self._wgs84):
                    self._wgs84 = np.asarray(self._wgs84(), dtype=object)
        return self._wgs84

    def _wgs84_rows(self, rows: np.ndarray) -> np.ndarray:
        if self._others is not None:
            found = self._others[rows]
            if not shapely.is_missing(found).any():
                return found
        return self.wgs84[rows]

    def _orient_rings(self) -> None:
        """Turn every simple ring counter-clockwise (in display coordinates), once, so
        paths of many of them fill as a union under the winding rule without a check
        per render."""
        rings = np.flatnonzero(self.is_polygon)
        for a, b in _slices(len(rings), 200_000):
            chosen = rings[a:b]
            if len(chosen) == 0:
                continue
            starts, ends = self.offsets[chosen], self.offsets[chosen + 1]
            lengths = ends - starts
            owner = np.repeat(np.arange(len(chosen)), lengths)
            index = starts[owner] + (np.arange(int(lengths.sum()))
                                     - np.repeat(np.cumsum(lengths) - lengths, lengths))
            # Relative to each ring's first vertex, so the products stay small and exact.
            x = self.x[index] - self.x[starts][owner]
            y = self.y[index] - self.y[starts][owner]
            cross = np.zeros(len(index))
            cross[:-1] = x[:-1] * y[1:] - x[1:] * y[:-1]
            cross[np.cumsum(lengths) - 1] = 0.0  # no edge from one ring into the next
            area = np.add.reduceat(cross, np.cumsum(lengths) - lengths)
            flip = area < 0
            if not flip.any():
                continue
            moving = flip[owner]
            position = index - starts[owner]
            mirrored = starts[owner] + (lengths[owner] - 1 - position)
            self.x[index[moving]] = self.x[mirrored[moving]]
            self.y[index[moving]] = self.y[mirrored[moving]]

    # --- picking and culling -------------------------------------------------------------

    def build_index(self) -> list:
        """The STRtrees, built now if they are not yet. A one-off full-extent drawing
        (`yangpu-gis render`) never needs them; a file reader builds them off the UI thread."""
        trees = self._trees
        if trees is None:
            with self._index_lock:
                if self._trees is None:
                    self._trees = [(a, shapely.STRtree(self.wgs84[a:b]))
                                   for a, b in _slices(self.count, TREE_SLICE) if b > a]
                trees = self._trees
        return trees

    def query(self, bbox) -> np.ndarray:
        """Rows (ascending) of features whose envelope meets a display-CRS rectangle."""
        x0, y0, x1, y1 = (float(v) for v in bbox)
        tb = self.total_bounds
        if self.count and x0 <= tb[0] and y0 <= tb[1] and x1 >= tb[2] and y1 >= tb[3]:
            return np.flatnonzero(np.isfinite(self.bounds[:, 0]))  # all of it: no tree walk
        box = shapely.box(*_mercator_to_lonlat_box(x0, y0, x1, y1))
        found = [tree.query(box) + start for start, tree in self.build_index()]
        rows = np.concatenate(found) if len(found) > 1 else (found[0] if found else
                                                             np.empty(0, np.int64))
        return np.sort(rows)

    def near(self, x: float, y: float, tolerance: float = 0.0) -> np.ndarray:
        """Rows (ascending) of features within tolerance (display units) of point (x, y)."""
        rows = self.query((x - tolerance, y - tolerance, x + tolerance, y + tolerance))
        if len(rows) == 0:
            return rows
        probe = shapely.Point(x, y)
        geometries = self.geometries(rows)
        if tolerance > 0:
            keep = shapely.dwithin(geometries, probe, tolerance)
        else:
            keep = shapely.intersects(geometries, probe)
        return rows[keep]

    # --- geometries ----------------------------------------------------------------------

    def geometries(self, rows) -> np.ndarray:
        """Display-CRS shapely geometries of the given rows (made on first use, then kept)."""
        rows = np.asarray(rows, dtype=np.int64)
        missing = rows[~self._complex_done[rows]]
        if len(missing):
            missing = _sorted_unique(missing)
            made = crs.transform_geometries(self._wgs84_rows(missing), crs.WGS84, crs.DISPLAY)
            with self._lock:
                self._complex[missing] = made
                self._complex_done[missing] = True
        return self._complex[rows]

    def all_geometries(self) -> np.ndarray:
        parts = [self.geometries(np.arange(a, b)) for a, b in _slices(self.count)]
        return np.concatenate(parts) if parts else np.array([], dtype=object)
