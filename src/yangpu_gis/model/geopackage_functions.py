"""The SQL functions GDAL (and so QGIS) writes into a GeoPackage's triggers, for sqlite3.

When GDAL adds a spatial index (`SELECT CreateSpatialIndex('notes', 'geom')`, or QGIS's
"Create spatial index"), it creates an R-tree table and triggers that call ST_IsEmpty,
ST_MinX, ST_MaxX, ST_MinY and ST_MaxY on every insert, update and delete. Those are GDAL's
own functions, unknown to plain SQLite: without them every note add fails with
"no such function: ST_IsEmpty". `register` gives a connection the same functions (the
GeoPackage specification's "SQL Geometry Functions" of its R-tree extension, plus
ST_GeometryType, ST_SRID and GPKG_IsAssignable used by its geometry-type triggers),
so the triggers run and the index stays in step with the table.
"""

from __future__ import annotations

import math
import sqlite3
import struct
from functools import lru_cache

import shapely

from yangpu_gis.model.geopackage import ENVELOPE_BYTES


@lru_cache(maxsize=256)
def _parsed(blob: bytes):
    """(srs_id, (minx, maxx, miny, maxy) or None when empty, geometry type name) of a
    GeoPackage binary blob; None when the blob is not one (the functions then return NULL,
    as GDAL's do)."""
    if len(blob) < 8 or blob[:2] != b"GP":
        return None
    flags = blob[3]
    envelope_bytes = ENVELOPE_BYTES.get((flags >> 1) & 0b111)
    if envelope_bytes is None:
        return None
    order = "<" if flags & 1 else ">"
    srs_id = struct.unpack(order + "i", blob[4:8])[0]
    try:
        geometry = shapely.from_wkb(blob[8 + envelope_bytes :])
    except (shapely.errors.GEOSException, ValueError):
        return None
    if geometry is None:
        return None
    kind = geometry.geom_type.upper()
    if flags & 0b1_0000 or geometry.is_empty:
        return srs_id, None, kind
    if envelope_bytes:  # the writer's envelope is what GDAL indexes
        minx, maxx, miny, maxy = struct.unpack(order + "4d", blob[8:40])
    else:
        minx, miny, maxx, maxy = geometry.bounds
    if any(math.isnan(v) for v in (minx, maxx, miny, maxy)):  # a point of NaNs is empty
        return srs_id, None, kind
    return srs_id, (minx, maxx, miny, maxy), kind


def _blob_function(pick):
    def function(blob):
        if blob is None or not isinstance(blob, bytes | memoryview):
            return None
        parsed = _parsed(bytes(blob))
        return None if parsed is None else pick(*parsed)

    return function


def _bound(index: int):
    return _blob_function(lambda srs, box, kind: None if box is None else box[index])


_FUNCTIONS = {
    "ST_IsEmpty": _blob_function(lambda srs, box, kind: int(box is None)),
    "ST_MinX": _bound(0),
    "ST_MaxX": _bound(1),
    "ST_MinY": _bound(2),
    "ST_MaxY": _bound(3),
    "ST_SRID": _blob_function(lambda srs, box, kind: srs),
    "ST_GeometryType": _blob_function(lambda srs, box, kind: kind),
}

_COLLECTIONS = {
    "MULTIPOINT": "POINT",
    "MULTILINESTRING": "LINESTRING",
    "MULTIPOLYGON": "POLYGON",
}


def _is_assignable(expected, actual) -> int | None:
    """GPKG_IsAssignable(expected, actual): may a geometry of type `actual` go in a column
    declared `expected` (GDAL's rule: same type, GEOMETRY takes all, a collection takes
    its kind)."""
    if expected is None or actual is None:
        return None
    expected, actual = str(expected).upper(), str(actual).upper()
    if expected in (actual, "GEOMETRY"):
        return 1
    if expected == "GEOMETRYCOLLECTION" and actual in _COLLECTIONS:
        return 1
    return int(_COLLECTIONS.get(expected) == actual)


def register(conn: sqlite3.Connection) -> None:
    """Give the connection GDAL's GeoPackage trigger functions (call on every connection)."""
    for name, function in _FUNCTIONS.items():
        conn.create_function(name, 1, function, deterministic=True)
    conn.create_function("GPKG_IsAssignable", 2, _is_assignable, deterministic=True)
