"""A layer's geometries as short integer arrays for the HTML map.

Coordinates are rounded to 1e-6 degree (about 0.1 m) and written as integers, each the
difference from the previous vertex: a vertex of a small polygon then takes a few
characters instead of the ~36 of plain GeoJSON, and the browser parses less. The nesting
follows shapely's ragged arrays, written as counts (vertices per ring, rings per polygon,
...) rather than offsets, again because small numbers are short. Rings lose their
repeated closing vertex; Leaflet closes polygons itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely import GeometryType

COORDINATE_SCALE = 1_000_000  # integer units per degree

# Geometry types drawn the same way share one family; a family's features are encoded
# together, as the multi type whenever single and multi parts are mixed.
FAMILY = {
    GeometryType.POINT: "point",
    GeometryType.MULTIPOINT: "point",
    GeometryType.LINESTRING: "line",
    GeometryType.MULTILINESTRING: "line",
    GeometryType.POLYGON: "polygon",
    GeometryType.MULTIPOLYGON: "polygon",
}
# Family by shapely type id + 1 (sorted, the types run from MISSING = -1); "" is not drawn.
_FAMILY_BY_ID = np.array([FAMILY.get(t, "") for t in sorted(GeometryType)])
FAMILY_ORDER = ("polygon", "line", "point")


@dataclass(frozen=True)
class EncodedGeometries:
    parts: list[dict]  # one per geometry family present, JSON-ready
    drawn_rows: np.ndarray  # row positions of the features that will be drawn
    left_out: int  # features with no drawable geometry (missing, empty, collections)


def _delta_integers(coords: np.ndarray) -> list[int]:
    integers = np.rint(coords * COORDINATE_SCALE).astype(np.int64)
    deltas = np.empty_like(integers)
    if len(integers):
        deltas[0] = integers[0]
        deltas[1:] = integers[1:] - integers[:-1]
    return deltas.ravel().tolist()


def _drop_closing_vertices(coords: np.ndarray, ring_offsets: np.ndarray):
    last_of_each_ring = ring_offsets[1:] - 1
    keep = np.ones(len(coords), dtype=bool)
    keep[last_of_each_ring] = False
    return coords[keep], ring_offsets - np.arange(len(ring_offsets))


def _encode_family(geometries: np.ndarray) -> dict:
    geometry_type, coords, offsets = shapely.to_ragged_array(geometries, include_z=False)
    offsets = list(offsets)
    if geometry_type in (GeometryType.POLYGON, GeometryType.MULTIPOLYGON):
        coords, offsets[0] = _drop_closing_vertices(coords, offsets[0])
    return {
        "type": geometry_type.name,
        "coords": _delta_integers(coords),
        "counts": [np.diff(level).tolist() for level in offsets],
    }


def _rings_as_lines(geometries: np.ndarray) -> np.ndarray:
    rings = shapely.get_type_id(geometries) == GeometryType.LINEARRING
    if rings.any():
        geometries = geometries.copy()
        geometries[rings] = shapely.linestrings(
            [shapely.get_coordinates(ring) for ring in geometries[rings]]
        )
    return geometries


def encode_geometries(geometries: np.ndarray) -> EncodedGeometries:
    """Encode an array of shapely geometries (None and empties are left out)."""
    geometries = np.asarray(geometries, dtype=object)
    geometries = _rings_as_lines(geometries)
    families = _FAMILY_BY_ID[shapely.get_type_id(geometries) + 1]
    drawable = (families != "") & ~shapely.is_empty(geometries)
    parts, drawn = [], []
    all_rows = np.arange(len(geometries))
    for family in FAMILY_ORDER:
        rows = all_rows[drawable & (families == family)]
        if not len(rows):
            continue
        part = _encode_family(geometries[rows])
        # Rows are implicit when one family holds the whole layer, the usual case.
        part["rows"] = None if len(rows) == len(geometries) else rows.tolist()
        parts.append(part)
        drawn.append(rows)
    drawn_rows = np.sort(np.concatenate(drawn)) if drawn else np.array([], dtype=int)
    return EncodedGeometries(parts, drawn_rows, int(len(geometries) - len(drawn_rows)))
