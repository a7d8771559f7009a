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

Given a WGS84 view (`bbox_wgs84`), a table with an R-tree (model.geopackage_rtree) has
only the features whose envelope meets it read and decoded; one without has every
feature read and the others dropped. Either way the layer holds exactly the features a
full read would keep whose envelope meets the view, in the same order, and knows each
one's row in the full read and the full read's feature count.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote as url_quote

import numpy as np
import shapely

from yangpu_gis.model import flat_features, geopackage_rtree, view_box, view_read
from yangpu_gis.model.feature_table import GEOMETRY, FeatureTable
from yangpu_gis.model.geopackage import ENVELOPE_BYTES, quote
from yangpu_gis.model.sqlite_budget import SqlClock, budgeted

_WGS84_DEFINITIONS = {("EPSG", 4326)}


@dataclass
class DrawableLayer:
    name: str  # the table's name
    table: FeatureTable
    skipped: int = 0  # features without a usable geometry, left out
    notes: list[str] = field(default_factory=list)
    # Read by extent: the features a full read would hold, and their geometry kind
    full_count: int | None = None
    file_geometry_type: str | None = None


class _NotForThisPath(Exception):
    pass


def read_geopackage_for_drawing(
    path: str | Path, bbox_wgs84: view_box.Box | None = None
) -> list[DrawableLayer] | None:
    """Every feature table with features (in the view, when given), or None when
    model.io must read the file."""
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
        with budgeted(connection) as clock:
            layers = [
                _read_table(connection, clock, path, table, column, kind, bbox_wgs84)
                for table, column, kind in _feature_tables(connection)
            ]
    except (sqlite3.Error, _NotForThisPath, shapely.errors.GEOSException):
        return None
    finally:
        connection.close()
    # A view with nothing in it still has its layer, if the file has features
    layers = [layer for layer in layers if len(layer.table) or layer.full_count]
    return layers or None


def _feature_tables(connection: sqlite3.Connection) -> list[tuple[str, str, str | None]]:
    rows = connection.execute(
        "SELECT c.table_name, g.column_name, upper(g.geometry_type_name), upper(s.organization), "
        "s.organization_coordsys_id "
        "FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
        "JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id "
        "WHERE c.data_type = 'features' ORDER BY c.table_name"
    ).fetchall()
    if not rows:
        raise _NotForThisPath
    for *_, organisation, code in rows:
        if (organisation, code) not in _WGS84_DEFINITIONS:
            raise _NotForThisPath
    return [(table, column, kind) for table, column, kind, _, _ in rows]


def _key_column(connection: sqlite3.Connection, table: str) -> tuple[str, list[str]]:
    info = connection.execute(f"PRAGMA table_info({quote(table)})").fetchall()
    keys = [row[1] for row in info if row[5] == 1 and row[2].upper() == "INTEGER"]
    if len(keys) != 1:
        raise _NotForThisPath
    return keys[0], [row[1] for row in info]


FETCH_ROWS = 65_536  # blobs held at a time: a million at once took 200 MB more


def _decoded_slices(cursor: sqlite3.Cursor, clock: SqlClock):
    """(feature ids, their features read from WKB) for each slice of the rows: only one
    slice's blobs are held at a time, and only as long as they are read. Decoding does
    not count against the time budget of the queries (model.sqlite_budget)."""
    while rows := cursor.fetchmany(FETCH_ROWS):
        with clock.paused():
            ids, features = _decoded(rows)
            del rows  # the slice's blobs, before the caller's turn
            yield ids, features


def _decoded(rows: list) -> tuple[np.ndarray, flat_features.WkbFeatures]:
    ids, blobs = zip(*rows, strict=True)
    try:
        buffer = b"".join(blobs)
    except TypeError:  # a geometry stored as text or a number: not GeoPackage binary
        raise _NotForThisPath from None
    lengths = np.fromiter(map(len, blobs), np.int64, len(blobs))
    del blobs
    wkb_starts, wkb_lengths = _wkb_ranges(buffer, np.cumsum(lengths) - lengths, lengths)
    try:
        features = flat_features.from_wkb(buffer, wkb_starts, wkb_lengths)
    except ValueError:  # curves or damaged bytes: model.io counts and reports them
        raise _NotForThisPath from None
    return np.array(ids, np.int64), features


def _read_table(
    connection: sqlite3.Connection,
    clock: SqlClock,
    path: Path,
    table: str,
    geometry_column: str,
    declared_type: str | None,
    bbox_wgs84: view_box.Box | None = None,
) -> DrawableLayer:
    key, columns = _key_column(connection, table)
    # A view of a table says the whole table's geometry kind (it styles the layer) only
    # when the table declares one; a generic GEOMETRY table is read whole and filtered.
    file_kind = view_read.declared_kind(declared_type)
    index = geopackage_rtree.index_name(connection, table, geometry_column)
    if file_kind is None:
        index = None
    if bbox_wgs84 is not None and index is not None:
        x0, y0, x1, y1 = view_box.grown(bbox_wgs84)
        cursor = connection.execute(
            geopackage_rtree.candidates_sql(table, key, geometry_column, index),
            {"x0": x0, "y0": y0, "x1": x1, "y1": y1},
        )
    else:
        cursor = connection.execute(
            f"SELECT {quote(key)}, ifnull({quote(geometry_column)}, X'') FROM {quote(table)} "
            f"ORDER BY {quote(key)}"
        )
    kept, kept_fids, places, kinds = [], [], [], []
    usable_before = skipped = 0
    for fids, features in _decoded_slices(cursor, clock):
        usable = np.isfinite(features.flat.bounds).all(axis=1)
        keep = usable
        if bbox_wgs84 is not None:
            keep = usable & view_box.meets(features.flat.bounds, bbox_wgs84)
            kinds.append(features.flat.type_ids[usable])
            # each kept feature's row in a full read: its place among those with a geometry
            places.append((np.cumsum(usable) - 1 + usable_before)[keep])
        skipped += int(len(usable) - usable.sum())
        usable_before += int(usable.sum())
        kept.append(features if keep.all() else flat_features.take(features, keep))
        kept_fids.append(fids[keep])
    features = flat_features.concatenate(kept)
    fid_column = np.concatenate(kept_fids) if kept_fids else np.zeros(0, np.int64)
    notes = []
    if skipped:
        notes.append(
            f"skipped {skipped:,} feature(s) with a missing, empty or non-numeric geometry"
        )
    names = [c for c in columns if c not in (key, geometry_column)]
    attribute_names = [f"{GEOMETRY}_field" if c == GEOMETRY else c for c in names]
    loader = _AttributeLoader(
        path, table, fid_column, dict(zip(attribute_names, names, strict=True))
    )
    file_rows: Callable[[Sequence[int]], list[int]] | None = None
    full_count = None
    if bbox_wgs84 is not None:
        if index is not None:
            file_rows = _FileRows(path, index, fid_column)
            full_count = geopackage_rtree.count_with_geometry(connection, index)
        else:  # every feature was read: their own kind and places
            file_kind = view_read.geometry_kind(
                np.concatenate(kinds) if kinds else np.zeros(0, np.int8)
            )
            rows_of = np.concatenate(places) if places else np.zeros(0, np.int64)
            file_rows = lambda rows: [int(rows_of[int(r)]) for r in rows]  # noqa: E731
            full_count = usable_before
    table_of_features = FeatureTable(
        _Decoder(path, table, key, geometry_column, fid_column),
        attribute_names,
        load_columns=loader,
        flat=features,
        load_rows=loader.rows,
        file_rows=file_rows,
    )
    if bbox_wgs84 is None:
        return DrawableLayer(table, table_of_features, skipped, notes)
    return DrawableLayer(table, table_of_features, skipped, notes, full_count, file_kind)


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{url_quote(str(path.resolve()))}?mode=ro", uri=True)


class _FileRows:
    """Rows of a full read for some features of a view, counted in the R-tree."""

    def __init__(self, path: Path, index: str, fids: np.ndarray) -> None:
        self._path, self._index, self._fids = path, index, fids

    def __call__(self, rows) -> list[int]:
        connection = _read_only(self._path)
        try:
            fids = [int(self._fids[int(r)]) for r in rows]
            return geopackage_rtree.rows_in_full_read(connection, self._index, fids)
        finally:
            connection.close()


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
    """Kept features as shapely geometries, read again from the file when first wanted
    (drawing needs only the flat vertices: holding every blob for this cost a million
    footprints 130 MB)."""

    IDS_PER_QUERY = 10_000  # under SQLite's limit of bound parameters

    def __init__(self, path: Path, table: str, key: str, column: str, fids: np.ndarray):
        self._path, self._fids = path, fids
        self._sql = (
            f"SELECT {quote(key)}, ifnull({quote(column)}, X'') FROM {quote(table)} "
            f"WHERE {quote(key)} IN (%s) ORDER BY {quote(key)}"
        )

    def _geometries(self, fids: np.ndarray) -> np.ndarray:
        """The geometries of some kept features (ascending ids), in their order."""
        found = []
        connection = _read_only(self._path)
        try:
            for a in range(0, len(fids), self.IDS_PER_QUERY):
                part = fids[a : a + self.IDS_PER_QUERY].tolist()
                rows = connection.execute(self._sql % ",".join("?" * len(part)), part)
                blobs = [blob for _, blob in rows.fetchall()]
                buffer = b"".join(blobs)
                lengths = np.fromiter(map(len, blobs), np.int64, len(blobs))
                starts, sizes = _wkb_ranges(buffer, np.cumsum(lengths) - lengths, lengths)
                found.append(
                    shapely.from_wkb(
                        [
                            buffer[s : s + n]
                            for s, n in zip(starts.tolist(), sizes.tolist(), strict=True)
                        ]
                    )
                )
        finally:
            connection.close()
        geometries = np.concatenate(found) if found else np.array([], dtype=object)
        return shapely.force_2d(geometries) if shapely.has_z(geometries).any() else geometries

    def __call__(self) -> np.ndarray:
        return self._geometries(self._fids)

    def one(self, index: int):
        return self._geometries(self._fids[int(index) : int(index) + 1])[0]


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
