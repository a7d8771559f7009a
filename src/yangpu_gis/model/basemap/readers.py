"""Reading tiles from the offline sources: MBTiles, GeoPackage tiles, PMTiles, XYZ folders.

Every reader answers `tile(z, x, y)` with the tile's bytes (PNG/JPEG/WebP, or an MVT
vector tile, uncompressed) or None where the source has no tile. Readers are used from
several worker threads at once: SQLite connections are made per thread, the rest is
read-only. Online sources live in http_source.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import re
import sqlite3
import threading
import zlib
from dataclasses import dataclass, field

from yangpu_gis.model.basemap import tilemath
from yangpu_gis.model.basemap.spec import BasemapError, BasemapSpec

VECTOR = "pbf"
RASTER_FORMATS = ("png", "jpg", "webp")


@dataclass
class TileInfo:
    """What a reader knows about its tiles."""

    tile_format: str = "png"  # png, jpg, webp or pbf (MVT)
    min_zoom: int = 0
    max_zoom: int = 19
    attribution: str = ""
    bounds_wgs84: tuple[float, float, float, float] | None = None
    name: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def vector(self) -> bool:
        return self.tile_format == VECTOR


class TileReader:
    online = False

    def __init__(self, spec: BasemapSpec) -> None:
        self.spec = spec
        self.info = TileInfo()

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        raise NotImplementedError

    def close(self) -> None:
        pass


def inflate(data: bytes | None) -> bytes | None:
    """MVT tiles are often stored gzip- or zlib-compressed."""
    if data and data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    if data and data[:1] == b"\x78" and len(data) > 2 and (data[0] * 256 + data[1]) % 31 == 0:
        try:
            return zlib.decompress(data)
        except zlib.error:
            return data
    return data


def sniff_format(data: bytes) -> str:
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if data[:3] == b"\xff\xd8\xff":
        return "jpg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return VECTOR


class _SqliteReader(TileReader):
    def __init__(self, spec: BasemapSpec) -> None:
        super().__init__(spec)
        path = spec.source
        if not os.path.isfile(path):
            raise BasemapError.of("basemap_no_such_file", path=path)
        self._uri = f"file:{os.path.abspath(path)}?mode=ro"
        self._local = threading.local()
        try:
            self._db()
            self._read_info()
        except sqlite3.DatabaseError as exc:
            raise BasemapError.of(
                "basemap_not_tile_db", name=os.path.basename(path), problem=exc
            ) from None

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self._uri, uri=True, check_same_thread=False)
            self._local.db = db
        return db

    def _read_info(self) -> None:
        raise NotImplementedError


class MBTilesReader(_SqliteReader):
    def _read_info(self) -> None:
        db = self._db()
        try:
            meta = dict(db.execute("SELECT name, value FROM metadata").fetchall())
        except sqlite3.DatabaseError:
            meta = {}
        try:
            zooms = db.execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles").fetchone()
            first = db.execute("SELECT tile_data FROM tiles LIMIT 1").fetchone()
        except sqlite3.DatabaseError as exc:
            name = os.path.basename(self.spec.source)
            raise BasemapError.of("basemap_not_mbtiles", name=name) from exc
        if first is None:
            raise BasemapError.of("basemap_mbtiles_empty", name=os.path.basename(self.spec.source))
        fmt = str(meta.get("format", "")).lower()
        fmt = {"jpeg": "jpg", "mvt": VECTOR}.get(fmt, fmt)
        if fmt not in (*RASTER_FORMATS, VECTOR):
            fmt = sniff_format(inflate(first[0]) or b"")
        self.info = TileInfo(
            tile_format=fmt,
            min_zoom=int(zooms[0]),
            max_zoom=int(zooms[1]),
            attribution=_plain(meta.get("attribution", "")),
            bounds_wgs84=_bounds(meta.get("bounds")),
            name=str(meta.get("name", "")),
            extra={"json": meta.get("json")},
        )

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        row = (
            self._db()
            .execute(
                "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                (z, x, tilemath.tms_row(z, y)),
            )
            .fetchone()
        )
        return inflate(row[0]) if row else None


class GeoPackageTilesReader(_SqliteReader):
    """The first tile pyramid of a GeoPackage, if it is laid on the Web Mercator grid
    (as GDAL writes it with TILING_SCHEME=GoogleMapsCompatible)."""

    def _read_info(self) -> None:
        db = self._db()
        name = os.path.basename(self.spec.source)
        try:
            row = db.execute(
                "SELECT c.table_name, s.min_x, s.max_y, s.srs_id FROM gpkg_contents c "
                "JOIN gpkg_tile_matrix_set s ON s.table_name = c.table_name "
                "WHERE c.data_type = 'tiles' ORDER BY c.table_name LIMIT 1"
            ).fetchone()
        except sqlite3.DatabaseError:
            row = None
        if row is None:
            raise BasemapError.of("basemap_gpkg_no_tiles", name=name)
        table, min_x, max_y, srs_id = row
        if srs_id != 3857 and not _is_web_mercator(db, srs_id):
            raise BasemapError.of("basemap_gpkg_not_mercator", name=name)
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", table):
            raise BasemapError.of("basemap_gpkg_bad_table", name=name, table=repr(table))
        self._table = table
        # GeoPackage zoom levels are the file's own: find the web zoom of each, and where
        # its tile (0, 0) sits on the web grid.
        self._levels: dict[int, tuple[int, int, int]] = {}
        for level, px_size, tile_w in db.execute(
            "SELECT zoom_level, pixel_x_size, tile_width FROM gpkg_tile_matrix"
        ):
            web_z = round(math.log2(tilemath.tile_metres(0) / (px_size * tile_w)))
            size = tilemath.tile_metres(web_z)
            dx = (min_x + tilemath.ORIGIN) / size
            dy = (tilemath.ORIGIN - max_y) / size
            if abs(dx - round(dx)) > 1e-3 or abs(dy - round(dy)) > 1e-3:
                raise BasemapError.of("basemap_gpkg_off_grid", name=name)
            self._levels[web_z] = (level, round(dx), round(dy))
        if not self._levels:
            raise BasemapError.of("basemap_gpkg_no_zooms", name=name)
        first = db.execute(f"SELECT tile_data FROM {table} LIMIT 1").fetchone()
        meta = db.execute(
            "SELECT identifier, description FROM gpkg_contents WHERE table_name=?", (table,)
        ).fetchone()
        self.info = TileInfo(
            tile_format=sniff_format(first[0]) if first else "png",
            min_zoom=min(self._levels),
            max_zoom=max(self._levels),
            name=(meta[0] if meta and meta[0] else table),
            attribution=_plain(meta[1] if meta and meta[1] else ""),
        )

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        level = self._levels.get(z)
        if level is None:
            return None
        zoom_level, dx, dy = level
        row = (
            self._db()
            .execute(
                f"SELECT tile_data FROM {self._table} "
                "WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                (zoom_level, x - dx, y - dy),
            )
            .fetchone()
        )
        return row[0] if row else None


class PMTilesReader(TileReader):
    """PMTiles v3, with the `pmtiles` package's header and directory decoding; decoded
    directories are kept, so a frame does not parse the root directory once per tile."""

    def __init__(self, spec: BasemapSpec) -> None:
        super().__init__(spec)
        from pmtiles.tile import Compression, TileType, deserialize_header

        path = spec.source
        name = os.path.basename(path)
        try:
            self._file = open(path, "rb")  # noqa: SIM115 - kept open for the reader's life
        except OSError as exc:
            raise BasemapError.of(
                "basemap_cannot_open", path=path, reason=exc.strerror or exc
            ) from None
        self._lock = threading.Lock()
        self._dirs: dict[tuple[int, int], list] = {}
        try:
            self.header = deserialize_header(self._read(0, 127))
        except Exception as exc:  # the package raises its own errors for bad magic/version
            self._file.close()
            raise BasemapError.of(
                "basemap_not_pmtiles", name=name, problem=exc.__class__.__name__
            ) from None
        h = self.header
        self._gzip = h["tile_compression"] == Compression.GZIP
        if h["tile_compression"] not in (Compression.NONE, Compression.GZIP, Compression.UNKNOWN):
            compression = h["tile_compression"].name
            raise BasemapError.of("basemap_pmtiles_compression", name=name, compression=compression)
        formats = {TileType.MVT: VECTOR, TileType.PNG: "png", TileType.JPEG: "jpg"}
        formats[TileType.WEBP] = "webp"
        if h["tile_type"] not in formats:
            raise BasemapError.of("basemap_pmtiles_tile_type", name=name, kind=h["tile_type"].name)
        meta = {}
        try:
            raw = self._read(h["metadata_offset"], h["metadata_length"])
            if h["internal_compression"] == Compression.GZIP:
                raw = gzip.decompress(raw)
            meta = json.loads(raw or b"{}")
        except (ValueError, OSError):
            pass
        self.info = TileInfo(
            tile_format=formats[h["tile_type"]],
            min_zoom=h["min_zoom"],
            max_zoom=h["max_zoom"],
            attribution=_plain(meta.get("attribution", "")),
            bounds_wgs84=(
                h["min_lon_e7"] / 1e7,
                h["min_lat_e7"] / 1e7,
                h["max_lon_e7"] / 1e7,
                h["max_lat_e7"] / 1e7,
            ),
            name=str(meta.get("name", "")),
            extra={"vector_layers": meta.get("vector_layers")},
        )

    def _read(self, offset: int, length: int) -> bytes:
        with self._lock:
            self._file.seek(offset)
            return self._file.read(length)

    def _directory(self, offset: int, length: int) -> list:
        from pmtiles.tile import Compression, deserialize_directory

        key = (offset, length)
        found = self._dirs.get(key)
        if found is None:
            raw = self._read(offset, length)
            if self.header["internal_compression"] != Compression.GZIP:
                raw = gzip.compress(raw)  # the package's decoder always gunzips
            found = deserialize_directory(raw)
            if len(self._dirs) > 256:
                self._dirs.clear()
            self._dirs[key] = found
        return found

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        from pmtiles.tile import find_tile, zxy_to_tileid

        h = self.header
        tile_id = zxy_to_tileid(z, x, y)
        offset, length = h["root_offset"], h["root_length"]
        for _depth in range(4):
            entry = find_tile(self._directory(offset, length), tile_id)
            if entry is None:
                return None
            if entry.run_length == 0:
                offset, length = h["leaf_directory_offset"] + entry.offset, entry.length
                continue
            data = self._read(h["tile_data_offset"] + entry.offset, entry.length)
            return gzip.decompress(data) if self._gzip and data[:2] == b"\x1f\x8b" else data
        return None

    def close(self) -> None:
        self._file.close()


class XYZFolderReader(TileReader):
    """A folder of {z}/{x}/{y}.png (or .jpg, .webp, .pbf/.mvt) files."""

    SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".pbf", ".mvt")

    def __init__(self, spec: BasemapSpec) -> None:
        super().__init__(spec)
        root = spec.source
        if not os.path.isdir(root):
            raise BasemapError.of("basemap_no_such_source", path=root)
        zooms = sorted(int(n) for n in os.listdir(root) if n.isdigit())
        if not zooms:
            raise BasemapError.of("basemap_not_tile_folder", path=root)
        self._root = root
        self._suffix = self._find_suffix(zooms)
        fmt = self._suffix[1:]
        fmt = {"jpeg": "jpg", "mvt": VECTOR}.get(fmt, fmt)
        self.info = TileInfo(
            tile_format=fmt, min_zoom=zooms[0], max_zoom=zooms[-1], name=os.path.basename(root)
        )
        attribution = os.path.join(root, "ATTRIBUTION.txt")
        if os.path.isfile(attribution):
            with open(attribution, encoding="utf-8", errors="replace") as handle:
                self.info.attribution = " ".join(handle.read().split())[:300]

    def _find_suffix(self, zooms) -> str:
        for z in zooms:
            zdir = os.path.join(self._root, str(z))
            for xname in os.listdir(zdir) if os.path.isdir(zdir) else ():
                for name in os.listdir(os.path.join(zdir, xname)):
                    suffix = os.path.splitext(name)[1].lower()
                    if suffix in self.SUFFIXES:
                        return suffix
        raise BasemapError.of("basemap_folder_no_tiles", path=self._root)

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        path = os.path.join(self._root, str(z), str(x), f"{y}{self._suffix}")
        try:
            with open(path, "rb") as handle:
                return inflate(handle.read())
        except FileNotFoundError:
            return None


def open_reader(spec: BasemapSpec) -> TileReader:
    """The reader for a spec; BasemapError (one line) if it cannot be read."""
    kind = spec.kind
    if kind in ("osm", "xyz", "wmts"):
        from yangpu_gis.model.basemap.http_source import HttpTileReader

        return HttpTileReader(spec)
    if not os.path.exists(spec.source):
        raise BasemapError.of("basemap_no_such_source", path=spec.source)
    readers = {
        "mbtiles": MBTilesReader,
        "gpkg": GeoPackageTilesReader,
        "pmtiles": PMTilesReader,
        "folder": XYZFolderReader,
    }
    if kind == "folder" and not os.path.isdir(spec.source):
        raise BasemapError.of("basemap_not_a_basemap", path=spec.source)
    return readers[kind](spec)


def _plain(text) -> str:
    """Attribution text without HTML markup (MBTiles often carries links)."""
    return " ".join(re.sub(r"<[^>]*>", "", str(text or "")).split())


def _bounds(text) -> tuple[float, float, float, float] | None:
    try:
        values = tuple(float(v) for v in str(text).split(","))
    except ValueError:
        return None
    return values if len(values) == 4 else None


def _is_web_mercator(db: sqlite3.Connection, srs_id) -> bool:
    row = db.execute(
        "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id=?",
        (srs_id,),
    ).fetchone()
    return bool(row) and str(row[0]).upper() == "EPSG" and int(row[1]) in (3857, 900913)
