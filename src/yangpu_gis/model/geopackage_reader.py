"""Reading a GeoPackage's WGS84 feature tables straight from SQLite, for drawing them.

`yangpu-gis render` must start, read and draw a 100k-feature file in well under a
second. GDAL through pyogrio reads fast, but importing pyogrio imports geopandas,
pandas, pyarrow and pyproj (about half a second). A GeoPackage is SQLite with standard
WKB behind a small header (model.geopackage), so sqlite3 and shapely read its
geometries; the attributes are read with pyogrio only if something asks for them.

This path takes only what it can read exactly as the full reader (model.io) would: a
valid GeoPackage whose feature tables are in EPSG:4326 with standard geometries.
Anything else (another CRS, curves or other extension types, a damaged blob) returns
None, and the caller uses model.io, which handles it or explains what is wrong.
Geometries are drawn as stored: invalid ones are not repaired, which drawing does not
need (a self-crossing ring fills the same area either way).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote as url_quote

import numpy as np
import shapely

from yangpu_gis.model import flat_features
from yangpu_gis.model.feature_table import GEOMETRY, FeatureTable
from yangpu_gis.model.geopackage import ENVELOPE_BYTES, quote
from yangpu_gis.model.sqlite_budget import budgeted

_WGS84_DEFINITIONS = {("EPSG", 4326)}


@dataclass
class DrawableLayer:
    name: str  # the table's name
    table: FeatureTable
    skipped: int = 0  # features without a usable geometry, left out
    notes: list[str] = field(default_factory=list)


class _NotForThisPath(Exception):
    pass


def read_geopackage_for_drawing(path: str | Path) -> list[DrawableLayer] | None:
    """Every feature table with features, or None when model.io must read the file."""
    path = Path(path)
    if path.suffix.lower() != ".gpkg" or not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"file:{url_quote(str(path.resolve()))}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        # An endless view must not hang `render`: past the budget model.io takes over,
        # and its check says what never finishes.
        with budgeted(connection):
            layers = [_read_table(connection, path, *row) for row in _feature_tables(connection)]
    except (sqlite3.Error, _NotForThisPath, shapely.errors.GEOSException):
        return None
    finally:
        connection.close()
    layers = [layer for layer in layers if len(layer.table)]
    return layers or None


def _feature_tables(connection: sqlite3.Connection) -> list[tuple]:
    rows = connection.execute(
        "SELECT c.table_name, g.column_name, upper(s.organization), s.organization_coordsys_id "
        "FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
        "JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id "
        "WHERE c.data_type = 'features' ORDER BY c.table_name"
    ).fetchall()
    if not rows:
        raise _NotForThisPath
    for _table, _column, organisation, code in rows:
        if (organisation, code) not in _WGS84_DEFINITIONS:
            raise _NotForThisPath
    return [(table, column) for table, column, _, _ in rows]


def _key_column(connection: sqlite3.Connection, table: str) -> tuple[str, list[str]]:
    info = connection.execute(f"PRAGMA table_info({quote(table)})").fetchall()
    keys = [row[1] for row in info if row[5] == 1 and row[2].upper() == "INTEGER"]
    if len(keys) != 1:
        raise _NotForThisPath
    return keys[0], [row[1] for row in info]


def _read_table(
    connection: sqlite3.Connection, path: Path, table: str, geometry_column: str
) -> DrawableLayer:
    key, columns = _key_column(connection, table)
    rows = connection.execute(
        f"SELECT {quote(key)}, ifnull({quote(geometry_column)}, X'') FROM {quote(table)} "
        f"ORDER BY {quote(key)}"
    ).fetchall()
    fid_column, blobs = zip(*rows, strict=True) if rows else ((), ())
    try:
        buffer = b"".join(blobs)
    except TypeError:  # a geometry stored as text or a number: not GeoPackage binary
        raise _NotForThisPath from None
    lengths = np.fromiter(map(len, blobs), np.int64, len(blobs))
    starts = np.cumsum(lengths) - lengths
    wkb_starts, wkb_lengths = _wkb_ranges(buffer, starts, lengths)
    try:
        features = flat_features.from_wkb(buffer, wkb_starts, wkb_lengths)
    except ValueError:  # curves or damaged bytes: model.io counts and reports them
        raise _NotForThisPath from None
    keep = np.isfinite(features.flat.bounds).all(axis=1)
    skipped = int(len(keep) - keep.sum())
    notes = []
    if skipped:
        features = flat_features.take(features, keep)
        wkb_starts, wkb_lengths = wkb_starts[keep], wkb_lengths[keep]
        notes.append(
            f"skipped {skipped:,} feature(s) with a missing, empty or non-numeric geometry"
        )
    names = [c for c in columns if c not in (key, geometry_column)]
    attribute_names = [f"{GEOMETRY}_field" if c == GEOMETRY else c for c in names]
    loader = _AttributeLoader(
        path,
        table,
        np.array(fid_column, np.int64)[keep],
        dict(zip(attribute_names, names, strict=True)),
    )
    geometries = _Decoder(buffer, wkb_starts, wkb_lengths)
    return DrawableLayer(
        table,
        FeatureTable(
            geometries, attribute_names, load_columns=loader, flat=features, load_rows=loader.rows
        ),
        skipped,
        notes,
    )


def _wkb_offsets() -> np.ndarray:
    """Where the WKB starts in a blob, by its flags byte: -1 for an extension geometry or
    a bad envelope indicator, 0 for a geometry flagged empty."""
    offsets = np.full(256, -1, np.int64)
    for flags in range(256):
        envelope = ENVELOPE_BYTES.get((flags >> 1) & 0b111)
        if envelope is not None and not flags & 0b10_0000:
            offsets[flags] = 0 if flags & 0b1_0000 else 8 + envelope
    return offsets


_WKB_OFFSETS = _wkb_offsets()


def _wkb_ranges(buffer: bytes, starts: np.ndarray, lengths: np.ndarray):
    """The WKB inside each GeoPackage binary blob, as (starts, lengths); length 0 for a
    missing or empty geometry."""
    data = np.frombuffer(buffer, np.uint8)
    present = lengths > 0
    if (lengths[present] < 8).any():
        raise _NotForThisPath
    at = starts[present]
    if ((data[at] != 0x47) | (data[at + 1] != 0x50)).any():  # "GP"
        raise _NotForThisPath
    offset = _WKB_OFFSETS[data[at + 3]]
    if (offset < 0).any() or (offset > lengths[present]).any():
        raise _NotForThisPath
    wkb_starts = starts.copy()
    wkb_lengths = np.zeros_like(lengths)
    wkb_starts[present] = at + offset
    wkb_lengths[present] = np.where(offset > 0, lengths[present] - offset, 0)
    return wkb_starts, wkb_lengths


class _Decoder:
    """Every kept feature as a shapely geometry, decoded when the layer first wants them."""

    def __init__(self, buffer: bytes, starts: np.ndarray, lengths: np.ndarray) -> None:
        self._buffer, self._starts, self._lengths = buffer, starts, lengths

    def __call__(self) -> np.ndarray:
        buffer = self._buffer
        records = [
            buffer[s : s + n]
            for s, n in zip(self._starts.tolist(), self._lengths.tolist(), strict=True)
        ]
        geometries = shapely.from_wkb(records)
        return shapely.force_2d(geometries) if shapely.has_z(geometries).any() else geometries

    def one(self, index: int):
        start, length = int(self._starts[index]), int(self._lengths[index])
        geometry = shapely.from_wkb(self._buffer[start : start + length])
        return shapely.force_2d(geometry) if shapely.has_z(geometry) else geometry


class _AttributeLoader:
    """Reads attribute columns with GDAL, in the order of the geometries kept."""

    def __init__(self, path: Path, table: str, fids: np.ndarray, names: dict[str, str]):
        self._path, self._table, self._fids, self._names = path, table, fids, names

    def _read(self, wanted: Sequence[str], **options):
        """The wanted columns (by our names) as a frame indexed by feature id."""
        import pyogrio

        return pyogrio.read_dataframe(
            self._path,
            layer=self._table,
            columns=[self._names[name] for name in wanted],
            read_geometry=False,
            fid_as_index=True,
            **options,
        )

    def __call__(self, wanted: Sequence[str]) -> dict:
        frame = self._read(wanted, use_arrow=True).reindex(self._fids).reset_index(drop=True)
        return {name: frame[self._names[name]] for name in wanted}

    def rows(self, positions: Sequence[int], wanted: Sequence[str]) -> dict:
        """Some rows only, by their feature ids: a click reads the features it hit."""
        fids = self._fids[np.asarray(positions, np.int64)]
        frame = self._read(wanted, fids=np.unique(fids))
        frame = frame.reindex(fids)
        return {name: frame[self._names[name]].tolist() for name in wanted}
