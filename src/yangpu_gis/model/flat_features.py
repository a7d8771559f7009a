"""Per-feature bounds and the flat vertices of "simple" features, from shapely or from WKB.

A simple feature is one polygon ring without holes, or one line, of 2 to
SIMPLE_MAX_VERTICES vertices: most building footprints and parcels. model.display keeps
their vertices flat in NumPy so drawing needs no shapely object per feature.

From WKB (GeoPackage blobs), simple features are read with NumPy alone, without making
a shapely geometry per feature (100k footprints: 0.1 s with shapely, 0.02 s here); the
others are decoded with shapely. Only little-endian 2D WKB takes the NumPy path.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

SLICE = 50_000  # features per C call (each call holds the interpreter lock)
SIMPLE_MAX_VERTICES = 24  # more than this and drawing wants simplification: not "simple"
POINT, LINESTRING, LINEARRING, POLYGON = 0, 1, 2, 3  # shapely type ids
_WKB_LINESTRING, _WKB_POLYGON = 2, 3
# WKB type codes 1-7 (2D) -> shapely type ids; other codes (Z, M, curves) go to shapely
_SHAPELY_TYPE = {1: 0, 2: 1, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7}


TYPE_NAMES = (
    "Point",
    "LineString",
    "LinearRing",
    "Polygon",
    "MultiPoint",
    "MultiLineString",
    "MultiPolygon",
    "GeometryCollection",
)  # by shapely type id


def type_names(type_ids: np.ndarray) -> list[str]:
    """The geometry types present (shapely type ids, -1 for missing), by name, sorted.
    Much faster than GeoSeries.geom_type, which makes a string per feature."""
    present = np.bincount(np.asarray(type_ids, np.int64) + 1, minlength=len(TYPE_NAMES) + 1)
    return sorted(TYPE_NAMES[i - 1] for i in np.flatnonzero(present) if i > 0)


@dataclass
class FlatFeatures:
    bounds: np.ndarray  # (n, 4) WGS84 envelopes, NaN for an empty geometry
    type_ids: np.ndarray  # shapely type id per feature (-1 missing)
    simple: np.ndarray  # bool per feature
    is_polygon: np.ndarray  # bool: simple and a ring, not a line
    offsets: np.ndarray  # feature i's vertices are x[offsets[i]:offsets[i + 1]]
    x: np.ndarray | None  # WGS84 longitudes of the simple features' vertices
    y: np.ndarray | None

    @property
    def count(self) -> int:
        return len(self.simple)

    def take_vertices(self) -> tuple[np.ndarray, np.ndarray]:
        """x and y, handed over to a caller that converts them in place (model.display);
        they are gone from here after, so nothing reads them as WGS84 again."""
        if self.x is None:
            raise RuntimeError("the vertices were handed over already")
        x, y = self.x, self.y
        assert y is not None  # handed over together
        self.x = self.y = None
        return x, y


def _slices(count: int, size: int = SLICE):
    return [(i, min(i + size, count)) for i in range(0, count, size)] or [(0, 0)]


def ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """np.concatenate([np.arange(s, s + n) for s, n in zip(starts, lengths)]), vectorised."""
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    shift = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return shift + np.arange(total)


def from_shapely(geometries: np.ndarray) -> FlatFeatures:
    count = len(geometries)
    bounds = np.empty((count, 4))
    type_ids = np.empty(count, np.int8)
    simple = np.zeros(count, bool)
    is_polygon = np.zeros(count, bool)
    vertex_counts = np.zeros(count, np.int64)
    for a, b in _slices(count):
        part = geometries[a:b]
        with np.errstate(invalid="ignore"):
            bounds[a:b] = shapely.bounds(part)
        kinds = shapely.get_type_id(part)
        type_ids[a:b] = kinds
        n = shapely.get_num_coordinates(part)
        polygon = kinds == POLYGON
        holed = np.zeros(len(part), bool)
        if polygon.any():
            holed[polygon] = shapely.get_num_interior_rings(part[polygon]) > 0
        chosen = (
            ((polygon & ~holed) | (kinds == LINESTRING) | (kinds == LINEARRING))
            & (n >= 2)
            & (n <= SIMPLE_MAX_VERTICES)
        )
        simple[a:b] = chosen
        is_polygon[a:b] = chosen & polygon
        vertex_counts[a:b] = np.where(chosen, n, 0)
    offsets = np.zeros(count + 1, np.int64)
    np.cumsum(vertex_counts, out=offsets[1:])
    x = np.empty(int(offsets[-1]))
    y = np.empty(int(offsets[-1]))
    simple_rows = np.flatnonzero(simple)
    for a, b in _slices(len(simple_rows)):
        rows = simple_rows[a:b]
        if len(rows):
            xy = shapely.get_coordinates(geometries[rows])
            start = offsets[rows[0]]
            x[start : start + len(xy)] = xy[:, 0]
            y[start : start + len(xy)] = xy[:, 1]
    return FlatFeatures(bounds, type_ids, simple, is_polygon, offsets, x, y)


# --- WKB ---------------------------------------------------------------------------------


def _uint32(data: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Little-endian uint32 at byte positions `at` of a uint8 array (any alignment)."""
    if len(at) == 0:
        return np.zeros(0, np.int64)
    picked = data[at[:, None] + np.arange(4)]
    return picked.view("<u4").ravel().astype(np.int64)


def _doubles(buffer: bytes, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """counts[i] little-endian doubles from byte starts[i], for every i, concatenated.

    Reads through eight float64 views of the buffer, one per byte alignment, so no byte
    is copied one at a time.
    """
    out = np.empty(int(counts.sum()))
    out_starts = np.cumsum(counts) - counts
    alignment = starts % 8
    for shift in np.flatnonzero(np.bincount(alignment, minlength=8)):
        rows = np.flatnonzero(alignment == shift)
        view = np.frombuffer(buffer, "<f8", count=(len(buffer) - shift) // 8, offset=shift)
        source = ranges((starts[rows] - shift) // 8, counts[rows])
        out[ranges(out_starts[rows], counts[rows])] = view[source]
    return out


@dataclass
class WkbFeatures:
    flat: FlatFeatures
    others: np.ndarray  # shapely geometries of the rows that are not simple (None for simple)


def from_wkb(buffer: bytes, starts: np.ndarray, lengths: np.ndarray) -> WkbFeatures:
    """Features from WKB records buffer[starts[i]:starts[i] + lengths[i]] (length 0: missing).

    Raises ValueError for a record shapely cannot read either.
    """
    count = len(starts)
    data = np.frombuffer(buffer, np.uint8)
    present = lengths >= 9
    little = np.zeros(count, bool)
    little[present] = data[starts[present]] == 1
    code = np.zeros(count, np.int64)
    code[little] = _uint32(data, starts[little] + 1)
    # One ring or one line, told by its counts and its exact length.
    candidate = little & ((code == _WKB_POLYGON) & (lengths >= 13) | (code == _WKB_LINESTRING))
    first_count = np.zeros(count, np.int64)
    first_count[candidate] = _uint32(data, starts[candidate] + 5)
    polygon = candidate & (code == _WKB_POLYGON) & (first_count == 1)
    points = np.zeros(count, np.int64)
    points[polygon] = _uint32(data, starts[polygon] + 9)
    line = candidate & (code == _WKB_LINESTRING)
    points[line] = first_count[line]
    header = np.where(polygon, 13, 9)
    simple = (
        (polygon | line)
        & (points >= 2)
        & (points <= SIMPLE_MAX_VERTICES)
        & (lengths == header + 16 * points)
    )

    type_ids = np.full(count, -1, np.int8)
    known = np.array([_SHAPELY_TYPE.get(int(c), -1) for c in range(8)], np.int8)
    type_ids[simple] = known[code[simple]]

    offsets = np.zeros(count + 1, np.int64)
    np.cumsum(np.where(simple, points, 0), out=offsets[1:])
    rows = np.flatnonzero(simple)
    xy = _doubles(buffer, starts[rows] + header[rows], 2 * points[rows])
    x, y = xy[0::2].copy(), xy[1::2].copy()

    bounds = np.full((count, 4), np.nan)
    if len(rows):
        firsts = offsets[rows]
        bounds[rows, 0] = np.minimum.reduceat(x, firsts)
        bounds[rows, 1] = np.minimum.reduceat(y, firsts)
        bounds[rows, 2] = np.maximum.reduceat(x, firsts)
        bounds[rows, 3] = np.maximum.reduceat(y, firsts)

    others = np.full(count, None, dtype=object)
    rest = np.flatnonzero(present & ~simple)
    if len(rest):
        records = [
            buffer[s : s + n]
            for s, n in zip(starts[rest].tolist(), lengths[rest].tolist(), strict=True)
        ]
        try:
            decoded = shapely.from_wkb(records, on_invalid="ignore")
        except NotImplementedError:  # shapely reads no curves, even told to ignore them
            raise ValueError("a geometry cannot be read (a curve)") from None
        if shapely.is_missing(decoded).any():
            raise ValueError("a geometry cannot be read (a curve, or damaged bytes)")
        if shapely.has_z(decoded).any():
            decoded = shapely.force_2d(decoded)
        others[rest] = decoded
        more = from_shapely(decoded)
        bounds[rest] = more.bounds
        type_ids[rest] = more.type_ids
    flat = FlatFeatures(bounds, type_ids, simple, simple & polygon, offsets, x, y)
    return WkbFeatures(flat, others)


def take(features: WkbFeatures, keep: np.ndarray) -> WkbFeatures:
    """The rows where keep is True, in order."""
    flat = features.flat
    if flat.x is None or flat.y is None:
        raise RuntimeError("the vertices were handed over already")
    rows = np.flatnonzero(keep)
    lengths = np.diff(flat.offsets)[rows]
    vertex = ranges(flat.offsets[rows], lengths)
    offsets = np.zeros(len(rows) + 1, np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return WkbFeatures(
        FlatFeatures(
            flat.bounds[rows],
            flat.type_ids[rows],
            flat.simple[rows],
            flat.is_polygon[rows],
            offsets,
            flat.x[vertex],
            flat.y[vertex],
        ),
        features.others[rows],
    )


def concatenate(parts: list[WkbFeatures]) -> WkbFeatures:
    """The rows of several reads, one after the other (a file read slice by slice).

    The parts give up their arrays as the whole is made (they are not usable after), so
    the copy never holds two of a million features' vertices at once."""
    if len(parts) == 1:
        return parts[0]
    if not parts:
        return from_wkb(b"", np.zeros(0, np.int64), np.zeros(0, np.int64))
    flats = [part.flat for part in parts]
    ends = np.cumsum([int(flat.offsets[-1]) for flat in flats])
    offsets = np.concatenate(
        [[0]] + [flat.offsets[1:] + (ends[i - 1] if i else 0) for i, flat in enumerate(flats)]
    ).astype(np.int64)

    def joined(name: str) -> np.ndarray:
        whole = np.concatenate([getattr(flat, name) for flat in flats])
        for flat in flats:
            setattr(flat, name, None)
        return whole

    names = ("bounds", "type_ids", "simple", "is_polygon")
    bounds, type_ids, simple, is_polygon = (joined(name) for name in names)
    x, y = joined("x"), joined("y")
    others = np.concatenate([part.others for part in parts])
    return WkbFeatures(FlatFeatures(bounds, type_ids, simple, is_polygon, offsets, x, y), others)
