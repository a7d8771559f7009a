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
import warnings
from collections.abc import Callable

import numpy as np
import shapely

from yangpu_gis.model import crs, flat_features
from yangpu_gis.model.flat_features import SLICE

TREE_SLICE = 200_000  # features per STRtree
LAZY_INDEX_MAX = 50_000  # a layer this small builds its index on its first query
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
    def from_flat(
        cls, flat: flat_features.FlatFeatures, others: np.ndarray, wgs84: Callable[[], np.ndarray]
    ) -> DisplayData:
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
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN: no usable geometry
            self.total_bounds_wgs84 = (
                float(np.nanmin(flat.bounds[:, 0])) if count else math.nan,
                float(np.nanmin(flat.bounds[:, 1])) if count else math.nan,
                float(np.nanmax(flat.bounds[:, 2])) if count else math.nan,
                float(np.nanmax(flat.bounds[:, 3])) if count else math.nan,
            )
        self._others = others
        self._wgs84 = wgs84  # an array, or a function that returns it
        self.bounds = np.empty((count, 4))
        for a, b in _slices(count):
            part = flat.bounds[a:b]
            x0, y0 = crs.transform_xy(part[:, 0], part[:, 1])
            x1, y1 = crs.transform_xy(part[:, 2], part[:, 3])
            self.bounds[a:b] = np.column_stack([x0, y0, x1, y1])
        # Flat display coordinates of the simple features: feature i's vertices are
        # x[offsets[i]:offsets[i + 1]] (an empty range for the others). Converted in
        # place: a million footprints' vertices are 80 MB, and fresh memory is slow to
        # fill. The WGS84 vertices are not needed again (FlatFeatures says so).
        self.x, self.y = flat.take_vertices()
        for a, b in _slices(len(self.x), 4 * SLICE):
            self.x[a:b], self.y[a:b] = crs.transform_xy(self.x[a:b], self.y[a:b])
        self._orient_rings()
        self._trees: list | None = None  # built on first query (build_index)
        with np.errstate(invalid="ignore"):
            finite = np.isfinite(self.bounds).all(axis=1)
        if finite.any():
            b = self.bounds[finite]
            self.total_bounds = (
                float(b[:, 0].min()),
                float(b[:, 1].min()),
                float(b[:, 2].max()),
                float(b[:, 3].max()),
            )
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
        lengths = np.diff(self.offsets)
        for a, b in _slices(self.count, 4 * SLICE):
            has = lengths[a:b] > 0
            if not (self.is_polygon[a:b] & has).any():
                continue
            first, last = int(self.offsets[a]), int(self.offsets[b])
            n = lengths[a:b][has]
            starts = self.offsets[a:b][has] - first  # within this slice's vertices
            # Relative to each ring's first vertex, so the products stay small and exact.
            x = self.x[first:last] - np.repeat(self.x[first:last][starts], n)
            y = self.y[first:last] - np.repeat(self.y[first:last][starts], n)
            cross = np.empty(len(x))
            cross[:-1] = x[:-1] * y[1:] - x[1:] * y[:-1]
            cross[starts + n - 1] = 0.0  # no edge from one feature into the next
            flip = (np.add.reduceat(cross, starts) < 0) & self.is_polygon[a:b][has]
            if not flip.any():
                continue
            index = flat_features.ranges(starts[flip] + first, n[flip])
            owner_n = np.repeat(n[flip], n[flip])
            owner_start = np.repeat(starts[flip] + first, n[flip])
            mirrored = owner_start + (owner_n - 1 - (index - owner_start))
            self.x[index] = self.x[mirrored]
            self.y[index] = self.y[mirrored]

    # --- picking and culling -------------------------------------------------------------

    def build_index(self) -> list:
        """The STRtrees, built now if they are not yet.

        Small layers build theirs on their first query. A big layer's reader builds it
        after the layer's first frame, on its own thread; until then queries compare
        envelopes (see query), so the first frame does not wait for the index and the
        UI thread never builds one.
        """
        trees = self._trees
        if trees is None:
            with self._index_lock:
                if self._trees is None:
                    self._trees = [
                        (a, shapely.STRtree(self.wgs84[a:b]))
                        for a, b in _slices(self.count, TREE_SLICE)
                        if b > a
                    ]
                trees = self._trees
        return trees

    @property
    def indexed(self) -> bool:
        return self._trees is not None

    def query(self, bbox) -> np.ndarray:
        """Rows (ascending) of features whose envelope meets a display-CRS rectangle."""
        x0, y0, x1, y1 = (float(v) for v in bbox)
        tb = self.total_bounds
        if self.count and x0 <= tb[0] and y0 <= tb[1] and x1 >= tb[2] and y1 >= tb[3]:
            return np.flatnonzero(np.isfinite(self.bounds[:, 0]))  # all of it: no tree walk
        trees = self._trees
        if trees is None:
            if self.count > LAZY_INDEX_MAX:
                return self._scan(x0, y0, x1, y1)
            trees = self.build_index()
        box = shapely.box(*_mercator_to_lonlat_box(x0, y0, x1, y1))
        found = [tree.query(box) + start for start, tree in trees]
        rows = (
            np.concatenate(found)
            if len(found) > 1
            else (found[0] if found else np.empty(0, np.int64))
        )
        return np.sort(rows)

    def _scan(self, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
        """query without the index: every envelope compared (a million in about 10 ms)."""
        found = []
        for a, b in _slices(self.count, 4 * SLICE):
            box = self.bounds[a:b]
            with np.errstate(invalid="ignore"):
                meets = (
                    (box[:, 0] <= x1) & (box[:, 2] >= x0) & (box[:, 1] <= y1) & (box[:, 3] >= y0)
                )
            found.append(np.flatnonzero(meets) + a)
        return np.concatenate(found) if found else np.empty(0, np.int64)

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
