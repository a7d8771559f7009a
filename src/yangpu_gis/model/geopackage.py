"""Just enough of the OGC GeoPackage format to keep a point table with sqlite3 alone.

A GeoPackage is an SQLite file with three metadata tables (spatial reference systems,
contents, geometry columns) and feature tables whose geometry is a "GeoPackage binary"
blob: a small header (magic "GP", version, flags, SRS id, optional envelope) followed by
standard WKB. Files written here open in GDAL/pyogrio and QGIS as ordinary point layers.
"""

from __future__ import annotations

import sqlite3
import struct

import shapely

APPLICATION_ID = 0x47504B47  # "GPKG"
USER_VERSION = 10400  # GeoPackage 1.4.0
WGS84_SRS_ID = 4326

WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)

METADATA_TABLES = ("gpkg_spatial_ref_sys", "gpkg_contents", "gpkg_geometry_columns")

_METADATA_DDL = (
    """CREATE TABLE gpkg_spatial_ref_sys (
        srs_name TEXT NOT NULL,
        srs_id INTEGER NOT NULL PRIMARY KEY,
        organization TEXT NOT NULL,
        organization_coordsys_id INTEGER NOT NULL,
        definition TEXT NOT NULL,
        description TEXT)""",
    """CREATE TABLE gpkg_contents (
        table_name TEXT NOT NULL PRIMARY KEY,
        data_type TEXT NOT NULL,
        identifier TEXT UNIQUE,
        description TEXT DEFAULT '',
        last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
        srs_id INTEGER,
        CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))""",
    """CREATE TABLE gpkg_geometry_columns (
        table_name TEXT NOT NULL,
        column_name TEXT NOT NULL,
        geometry_type_name TEXT NOT NULL,
        srs_id INTEGER NOT NULL,
        z TINYINT NOT NULL,
        m TINYINT NOT NULL,
        CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
        CONSTRAINT uk_gc_table_name UNIQUE (table_name),
        CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
        CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))""",
)

_SRS_ROWS = (
    (
        "Undefined cartesian SRS",
        -1,
        "NONE",
        -1,
        "undefined",
        "undefined cartesian coordinate reference system",
    ),
    (
        "Undefined geographic SRS",
        0,
        "NONE",
        0,
        "undefined",
        "undefined geographic coordinate reference system",
    ),
    (
        "WGS 84 geodetic",
        WGS84_SRS_ID,
        "EPSG",
        4326,
        WGS84_WKT,
        "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid",
    ),
)

# Envelope sizes in bytes, by the envelope indicator in bits 1-3 of the flags byte.
ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


class GeometryBlobError(ValueError):
    """A geometry blob that is not GeoPackage binary."""


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def create_metadata(conn: sqlite3.Connection) -> None:
    """The required metadata tables and SRS rows; call inside a transaction on an empty file."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {USER_VERSION}")
    for ddl in _METADATA_DDL:
        conn.execute(ddl)
    conn.executemany(
        "INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, "
        "organization_coordsys_id, definition, description) VALUES (?, ?, ?, ?, ?, ?)",
        _SRS_ROWS,
    )


def register_point_table(
    conn: sqlite3.Connection, table: str, geometry_column: str, identifier: str, description: str
) -> None:
    """Declare an existing feature table of WGS84 points in the metadata tables."""
    conn.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
        "VALUES (?, 'features', ?, ?, ?)",
        (table, identifier, description, WGS84_SRS_ID),
    )
    conn.execute(
        "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, "
        "srs_id, z, m) VALUES (?, ?, 'POINT', ?, 0, 0)",
        (table, geometry_column, WGS84_SRS_ID),
    )


def touch_contents(
    conn: sqlite3.Connection, table: str, lon: float | None = None, lat: float | None = None
) -> None:
    """Record a change to table: its last_change time, and an extent grown to cover lon, lat."""
    conn.execute(
        "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
        "WHERE table_name = ?",
        (table,),
    )
    if lon is not None and lat is not None:
        conn.execute(
            "UPDATE gpkg_contents SET min_x = min(coalesce(min_x, :x), :x), "
            "max_x = max(coalesce(max_x, :x), :x), min_y = min(coalesce(min_y, :y), :y), "
            "max_y = max(coalesce(max_y, :y), :y) WHERE table_name = :t",
            {"x": lon, "y": lat, "t": table},
        )


def clear_extent(conn: sqlite3.Connection, table: str) -> None:
    conn.execute(
        "UPDATE gpkg_contents SET min_x = NULL, min_y = NULL, max_x = NULL, max_y = NULL "
        "WHERE table_name = ?",
        (table,),
    )


def point_blob(lon: float, lat: float, srs_id: int = WGS84_SRS_ID) -> bytes:
    """A GeoPackage binary point: little-endian header without envelope, then WKB."""
    flags = 0b0000_0001  # little-endian, no envelope, not empty, standard geometry
    header = b"GP" + bytes((0, flags)) + struct.pack("<i", srs_id)
    return header + struct.pack("<BIdd", 1, 1, lon, lat)


def read_point(blob: bytes) -> tuple[float, float]:
    """lon, lat of a GeoPackage binary point (any byte order, with or without envelope)."""
    if not isinstance(blob, bytes | bytearray | memoryview) or len(blob) < 8:
        raise GeometryBlobError("geometry is not a GeoPackage binary blob")
    blob = bytes(blob)
    if blob[:2] != b"GP" or blob[2] != 0:
        raise GeometryBlobError("geometry blob does not start with the GeoPackage header")
    flags = blob[3]
    envelope = ENVELOPE_BYTES.get((flags >> 1) & 0b111)
    if envelope is None:
        raise GeometryBlobError("geometry blob has an invalid envelope indicator")
    if flags & 0b1_0000:
        raise GeometryBlobError("geometry is empty")
    try:
        geometry = shapely.from_wkb(blob[8 + envelope :])
    except shapely.errors.GEOSException as exc:
        raise GeometryBlobError(f"geometry blob holds no valid WKB ({exc})") from None
    if geometry.geom_type != "Point" or geometry.is_empty:
        raise GeometryBlobError(f"expected a point, found a {geometry.geom_type}")
    return float(geometry.x), float(geometry.y)


def table_names(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def column_names(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({quote(table)})")}
