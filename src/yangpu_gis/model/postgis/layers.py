"""PostGIS tables as map layers: a view's features, or the features at a point.

A layer made here holds what one view needs (model.postgis.fetch), not the table; the
app's streamer (model.postgis.streaming) replaces it as the view moves. Attribute
columns are read from the server the first time something asks for them, for the rows
the layer holds only.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from yangpu_gis.model.feature_table import FeatureTable
from yangpu_gis.model.layer import Layer, new_layer_id
from yangpu_gis.model.load_errors import LoadError
from yangpu_gis.model.postgis import fetch
from yangpu_gis.model.postgis.catalog import TableInfo, connect, describe
from yangpu_gis.model.postgis.passwords import with_known_password
from yangpu_gis.model.postgis.source import PgSource, parse_source, quote_identifier

FORMAT = "PostGIS"
DEFAULT_WIDTH = 1600  # pixels a view is drawn at when nobody says (render's default)


def bbox_of(values) -> tuple[float, float, float, float]:
    """Four numbers (min x, min y, max x, max y) as a bbox tuple."""
    x0, y0, x1, y1 = (float(v) for v in values)
    return (x0, y0, x1, y1)


def _bounds_through(transformer, bbox) -> tuple[float, float, float, float]:
    left, bottom, right, top = bbox
    return bbox_of(transformer.transform_bounds(left, bottom, right, top, densify_pts=8))


@dataclass
class Projection:
    """The table's CRS to and from WGS84 (lon, lat order), or identity for EPSG:4326."""

    crs: str

    def __post_init__(self) -> None:
        self.identity = self.crs.upper() in ("EPSG:4326", "OGC:CRS84")
        if not self.identity:
            from pyproj import Transformer

            self._to = Transformer.from_crs(self.crs, "EPSG:4326", always_xy=True)
            self._from = Transformer.from_crs("EPSG:4326", self.crs, always_xy=True)

    def to_wgs84(self, x, y):
        if self.identity:
            return x, y
        if isinstance(x, np.ndarray) and x.dtype == np.float64 and x.flags.writeable:
            return self._to.transform(x, y, inplace=True)  # no copies of big arrays
        return self._to.transform(x, y)

    def from_wgs84_bbox(self, bbox) -> tuple[float, float, float, float]:
        return bbox_of(bbox) if self.identity else _bounds_through(self._from, bbox)

    def to_wgs84_bbox(self, bbox) -> tuple[float, float, float, float]:
        return bbox_of(bbox) if self.identity else _bounds_through(self._to, bbox)


class PostgisLayer(Layer):
    """A layer holding one view of a table. A click asks the server which features are
    at the point (full detail, the click's tolerance), not the simplified view."""

    def features_at(self, x: float, y: float, tolerance: float = 0.0) -> np.ndarray:
        from yangpu_gis.model import crs

        table, ids = self.__dict__.get("postgis_table"), self.__dict__.get("postgis_ids")
        if table is None or ids is None or not len(ids):
            return super().features_at(x, y, tolerance)
        lon, lat = (float(v) for v in crs.transform_xy(x, y, crs.DISPLAY, crs.WGS84))
        # Display (Web Mercator) units to ground metres at this latitude.
        metres = tolerance * np.cos(np.radians(lat))
        try:
            with table.connect() as conn:
                found = table.features_at(conn, lon, lat, tolerance_m=metres)
        except LoadError:  # the server is away: answer from what the view holds
            return super().features_at(x, y, tolerance)
        order = np.argsort(ids, kind="stable")
        at = np.searchsorted(ids, found.ids, sorter=order)
        at = np.clip(at, 0, len(ids) - 1)
        rows = order[at]
        return rows[ids[rows] == found.ids]


class PostgisTable:
    """One table: its description, its projection, and connections to read it."""

    def __init__(self, text_or_source: str | PgSource, *, exact: bool = False) -> None:
        source = (
            text_or_source if isinstance(text_or_source, PgSource) else parse_source(text_or_source)
        )
        self.source = with_known_password(source)
        with connect(self.source) as conn:
            self.info: TableInfo = describe(conn, self.source, exact=exact)
        try:
            self.projection = Projection(self.info.crs)
        except Exception as exc:  # pyproj.exceptions.CRSError and kin
            raise LoadError.of(
                "pg_crs_unknown", table=self.source.table_label, crs=self.info.crs, problem=exc
            ) from None
        self._lock = threading.Lock()

    def connect(self):
        return connect(self.source)

    @property
    def bounds_wgs84(self):
        return None if self.info.extent is None else self.projection.to_wgs84_bbox(self.info.extent)

    def fetch_wgs84(self, conn, bbox_wgs84, width_px: int, *, cancel=None) -> fetch.ViewFeatures:
        envelope = self.projection.from_wgs84_bbox(bbox_wgs84)
        pixel = (envelope[2] - envelope[0]) / max(1, width_px)
        to = None if self.projection.identity else self.projection.to_wgs84
        return fetch.fetch_view(conn, self.info, envelope, pixel, cancel=cancel, to_wgs84=to)

    def layer(
        self,
        view: fetch.ViewFeatures,
        *,
        layer_id: str | None = None,
        title: str | None = None,
        style=None,
    ) -> Layer:
        """A map layer of the fetched features; attributes read from the server on demand."""
        ids = view.ids
        features = view.features
        # The display data converts the flat vertices in place; shapely geometries (for
        # picking and the attribute table) are made from this WGS84 copy when wanted.
        x, y = features.flat.x, features.flat.y
        assert x is not None and y is not None  # a fetched view still holds its vertices
        wgs84_xy = np.column_stack([x, y])

        def load(names):
            with self.connect() as conn:
                return fetch.attributes(conn, self.info, ids, names)

        def decode():
            import shapely

            flat = features.flat
            out = features.others.copy()
            rows = np.flatnonzero(flat.simple)
            if len(rows):
                xy = wgs84_xy
                counts = np.diff(flat.offsets)[rows]
                polygons = flat.is_polygon[rows]
                if polygons.any():
                    p = rows[polygons]
                    rings = shapely.linearrings(
                        xy[fetch.ff.ranges(flat.offsets[p], counts[polygons])],
                        indices=np.repeat(np.arange(len(p)), counts[polygons]),
                    )
                    out[p] = shapely.polygons(rings)
                if (~polygons).any():
                    q = rows[~polygons]
                    out[q] = shapely.linestrings(
                        xy[fetch.ff.ranges(flat.offsets[q], counts[~polygons])],
                        indices=np.repeat(np.arange(len(q)), counts[~polygons]),
                    )
            return out

        table = FeatureTable(decode, self.info.column_names, load_columns=load, flat=features)
        extra = {} if style is None else {"style": style}
        layer = PostgisLayer(
            id=layer_id or new_layer_id("postgis"),
            title=title or self.source.table,
            data=table,
            source=self.source.uri,
            info=self.describe(),
            **extra,
        )
        layer.__dict__["postgis_table"] = self
        layer.__dict__["postgis_ids"] = ids
        bounds = self.bounds_wgs84
        if bounds is not None:  # the table's extent, not the view's: for "zoom to layer"
            layer.__dict__["bounds"] = tuple(float(v) for v in bounds)
        return layer

    def empty_layer(self, **kwargs) -> Layer:
        """The layer before its first view is fetched (model.postgis.streaming fills it)."""
        return self.layer(fetch.decode(np.zeros(0, np.int64), [], 1.0), **kwargs)

    def features_at(
        self, conn, lon: float, lat: float, tolerance_m: float = 0.0
    ) -> fetch.ViewFeatures:
        """The features under a WGS84 point (within tolerance_m metres), full detail."""
        import psycopg

        x, y = (float(v) for v in self._from_point(lon, lat))
        tol = tolerance_m if not self.projection.identity else tolerance_m / 111_320.0
        g = quote_identifier(self.info.geometry_column)
        sql = (
            f"SELECT {fetch.key_sql(self.info)}, ST_AsBinary(ST_Force2D({g}), 'NDR') "
            f"FROM {self.source.qualified} WHERE {g} && ST_Expand(ST_SetSRID(ST_MakePoint(%(x)s, %(y)s), %(srid)s), %(tol)s) "
            f"AND ST_DWithin({g}, ST_SetSRID(ST_MakePoint(%(x)s, %(y)s), %(srid)s), %(tol)s) "
            f"ORDER BY ST_Area({g}) LIMIT 50"
        )
        try:
            rows = conn.execute(
                sql, {"x": x, "y": y, "srid": self.info.srid, "tol": tol}, binary=True
            ).fetchall()
        except psycopg.OperationalError as exc:
            raise fetch.ConnectionLost.of(
                "pg_connection_lost", table=self.source.table_label, problem=exc
            ) from None
        ids = np.asarray([r[0] for r in rows], np.int64)
        to = None if self.projection.identity else self.projection.to_wgs84
        return fetch.decode(ids, [bytes(r[1]) for r in rows], 0.0, to)

    def _from_point(self, lon, lat):
        if self.projection.identity:
            return lon, lat
        return self.projection._from.transform(lon, lat)

    def describe(self) -> dict:
        """What `info` prints, in the shape of model.io.LoadedLayer.info()."""
        bounds = self.bounds_wgs84
        kind = (
            self.info.geometry_type.title()
            .replace("string", "String")
            .replace("Multilinestring", "MultiLineString")
        )
        return {
            "layer": self.source.table_label,
            "name": self.source.table,
            "format": FORMAT,
            "crs": self.info.crs,
            "crs_origin": "file",
            "feature_count": self.info.count,
            "geometry_types": [kind] if kind != "Geometry" else [],
            "bounds_wgs84": None if bounds is None else [round(float(v), 7) for v in bounds],
            "fields": [{"name": n, "type": t} for n, t in self.info.columns],
            "encoding": "UTF-8",
            "encoding_detail": "PostgreSQL client encoding",
            "skipped_features": 0,
            "repaired_geometries": 0,
            "warnings": list(self.info.warnings),
            "spatial_index": self.info.has_spatial_index,
            "key": self.info.key,
            "database": self.source.database_label,
        }


_tables: dict[str, PostgisTable] = {}
_tables_lock = threading.Lock()


def table_for(uri: str) -> PostgisTable:
    """The table of a layer's source, described once per session (connects if new)."""
    with _tables_lock:
        table = _tables.get(uri)
    if table is None:
        table = PostgisTable(uri)
        with _tables_lock:
            table = _tables.setdefault(table.source.uri, table)
            _tables.setdefault(uri, table)
    return table


def is_streamed(layer: Layer) -> bool:
    """A layer the app fills view by view from PostGIS."""
    return layer.info.get("format") == FORMAT and bool(layer.source)


def open_for_app(text: str, *, layer_id: str | None = None, title: str | None = None) -> Layer:
    """A PostGIS layer for the app: described now, its features fetched per view."""
    table = table_for(text)
    return table.empty_layer(layer_id=layer_id, title=title)


def open_postgis(
    text: str,
    *,
    bbox_wgs84=None,
    width_px: int = DEFAULT_WIDTH,
    at: tuple[float, float] | None = None,
    tolerance_m: float = 0.0,
) -> Layer:
    """A PostGIS layer: the features of the view `bbox_wgs84` (default the table's
    extent) drawn `width_px` wide, or with `at` (lon, lat) only the features there."""
    table = PostgisTable(text)
    with table.connect() as conn:
        if at is not None:
            view = table.features_at(conn, *at, tolerance_m=tolerance_m)
        else:
            bbox = bbox_wgs84 or table.bounds_wgs84
            if bbox is None:
                view = fetch.decode(np.zeros(0, np.int64), [], 1.0)
            else:
                view = table.fetch_wgs84(conn, bbox, width_px)
    return table.layer(view)
