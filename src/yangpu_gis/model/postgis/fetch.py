"""Reading the features that meet an envelope, as WKB, into model.flat_features.

The envelope is given in the table's own CRS, so `&&` runs on the table's GiST index.
The server sends little: geometries are simplified at about a pixel (ST_Simplify, which
keeps collapsed rings), and a feature smaller than a pixel both ways is sent as its
centroid (21 bytes), drawn here as a one-pixel square. Only the key and the geometry
come back; attributes are read when something asks for them (`attributes`).

Coordinates are reprojected to WGS84 here with pyproj on the flat arrays, not on the
server: one vectorised call, and the server does no per-feature transform.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import cast

import numpy as np

from yangpu_gis.model import flat_features as ff
from yangpu_gis.model.load_errors import LoadCancelled, LoadError
from yangpu_gis.model.postgis.catalog import TableInfo
from yangpu_gis.model.postgis.source import quote_identifier

CTID_KEY = "((ctid::text::point)[0]::bigint * 65536 + (ctid::text::point)[1]::bigint)"
KEY_ALIAS = "yangpu_gis_row_key"
_POINT_WKB = 21


class ConnectionLost(LoadError):
    """The link to the server broke during a read; a retry may succeed."""


def _lost(info, exc: BaseException) -> ConnectionLost:
    problem = _first_line(exc)
    return ConnectionLost.of("pg_connection_lost", table=info.source.table_label, problem=problem)


def key_sql(info: TableInfo) -> str:
    return quote_identifier(info.key) if info.key else CTID_KEY


@dataclass
class ViewFeatures:
    ids: np.ndarray  # int64 row keys
    features: ff.WkbFeatures  # in WGS84

    def __len__(self) -> int:
        return len(self.ids)


def _view_sql(info: TableInfo, pixel: float) -> str:
    """The query for one envelope. The per-feature tests cost the server about four
    times the plain read, so each is asked for only when it can matter: collapsing when
    a typical feature is within a few pixels, simplifying when outlines are long."""
    g = quote_identifier(info.geometry_column)
    geometry = g
    if info.max_points > 8:
        geometry = (
            f"CASE WHEN ST_NPoints({g}) > 8 THEN ST_Simplify({g}, %(tol)s, true) ELSE {g} END"
        )
    if pixel * 4 > info.typical_size:
        geometry = (
            f"CASE WHEN ST_XMax({g}) - ST_XMin({g}) < %(px)s AND ST_YMax({g}) - ST_YMin({g}) "
            f"< %(px)s THEN ST_Centroid({g}) ELSE {geometry} END"
        )
    if info.has_z:
        geometry = f"ST_Force2D({geometry})"
    return (
        f"SELECT {key_sql(info)} AS k, coalesce(ST_AsBinary({geometry}, 'NDR'), ''::bytea) AS w "
        f"FROM {info.source.qualified} "
        f"WHERE {g} && ST_MakeEnvelope(%(x0)s, %(y0)s, %(x1)s, %(y1)s, %(srid)s)"
    )


def fetch_view(
    conn,
    info: TableInfo,
    envelope: tuple[float, float, float, float],
    pixel: float,
    *,
    cancel: threading.Event | None = None,
    to_wgs84=None,
) -> ViewFeatures:
    """Features meeting `envelope` (table CRS) drawn at `pixel` table units per pixel.

    `to_wgs84(x, y) -> (lon, lat)` converts coordinates (arrays); None means the table
    is in WGS84 already. Raises LoadCancelled when `cancel` is set between batches,
    ConnectionLost when the server goes away.
    """
    import psycopg

    x0, y0, x1, y1 = envelope
    params = {
        "px": float(pixel),
        "tol": float(pixel) / 2,
        "srid": info.srid,
        "x0": x0,
        "y0": y0,
        "x1": x1,
        "y1": y1,
    }
    if cancel is not None and cancel.is_set():
        raise LoadCancelled("the view changed")
    # One row back: the keys, the record lengths and every record end to end, so the
    # client makes no Python object per feature (the NumPy decoder reads the buffer).
    sql = (
        "SELECT array_agg(k), array_agg(octet_length(w)), string_agg(w, ''::bytea) "
        f"FROM ({_view_sql(info, float(pixel))}) s"
    )
    try:
        with conn.cursor(binary=True) as cursor:
            ids, lengths, buffer = cursor.execute(sql, params).fetchone()
    except psycopg.OperationalError as exc:
        raise _lost(info, exc) from None
    except psycopg.errors.QueryCanceled:
        raise LoadCancelled("the view changed") from None
    except psycopg.Error as exc:
        raise LoadError.of(
            "pg_cannot_read_table", table=info.source.table_label, problem=_first_line(exc)
        ) from None
    if cancel is not None and cancel.is_set():
        raise LoadCancelled("the view changed")
    if ids is None:
        return decode(np.zeros(0, np.int64), [], pixel, to_wgs84)
    return decode_buffer(
        np.asarray(ids, np.int64),
        bytes(buffer or b""),
        np.asarray(lengths, np.int64),
        pixel,
        to_wgs84,
    )


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else exc.__class__.__name__


def decode(ids: np.ndarray, records: list[bytes], pixel: float, to_wgs84=None) -> ViewFeatures:
    """WKB records (table CRS) as WGS84 features; centroid points become pixel squares."""
    lengths = np.fromiter(map(len, records), np.int64, len(records))
    return decode_buffer(ids, b"".join(records), lengths, pixel, to_wgs84)


def decode_buffer(ids, buffer: bytes, lengths: np.ndarray, pixel: float, to_wgs84=None):
    """As decode, from the records end to end in one buffer with their lengths."""
    records = lengths
    starts = np.zeros(len(records), np.int64)
    if len(records):
        np.cumsum(lengths[:-1], out=starts[1:])
    data = np.frombuffer(buffer, np.uint8)
    point = lengths == _POINT_WKB
    if point.any():
        at = starts[point]
        point[np.flatnonzero(point)] = (data[at] == 1) & (data[at + 1] == 1) & (data[at + 2] == 0)
    buffer, starts, lengths = _squares_for_points(buffer, starts, lengths, point, pixel)
    features = ff.from_wkb(buffer, starts, lengths)
    if to_wgs84 is not None:
        _reproject(features, to_wgs84)
    return ViewFeatures(ids, features)


def _squares_for_points(buffer, starts, lengths, point, pixel):
    """Rewrite the point records as one-pixel square polygons (so they draw as area)."""
    if not point.any():
        return buffer, starts, lengths
    rows = np.flatnonzero(point)
    xy = ff._doubles(buffer, starts[rows] + 5, np.full(len(rows), 2, np.int64)).reshape(-1, 2)
    h = pixel / 2
    x, y = xy[:, 0], xy[:, 1]
    ring = np.stack(
        [x - h, y - h, x + h, y - h, x + h, y + h, x - h, y + h, x - h, y - h], 1
    ).astype("<f8")
    header = np.frombuffer(b"\x01" + np.array([3, 1, 5], "<u4").tobytes(), np.uint8)
    squares = np.concatenate(
        [np.broadcast_to(header, (len(rows), 13)), ring.view(np.uint8).reshape(len(rows), 80)], 1
    )
    size = squares.shape[1]
    extra_start = len(buffer)
    buffer = buffer + squares.tobytes()
    starts = starts.copy()
    lengths = lengths.copy()
    starts[rows] = extra_start + np.arange(len(rows)) * size
    lengths[rows] = size
    return buffer, starts, lengths


def _reproject(features: ff.WkbFeatures, to_wgs84) -> None:
    import shapely

    flat = features.flat
    if flat.x is not None and len(flat.x):
        flat.x, flat.y = (np.asarray(v, float) for v in to_wgs84(flat.x, flat.y))
        rows = np.flatnonzero(flat.simple)
        firsts = flat.offsets[rows]
        flat.bounds[rows, 0] = np.minimum.reduceat(flat.x, firsts)
        flat.bounds[rows, 1] = np.minimum.reduceat(flat.y, firsts)
        flat.bounds[rows, 2] = np.maximum.reduceat(flat.x, firsts)
        flat.bounds[rows, 3] = np.maximum.reduceat(flat.y, firsts)
    rest = np.flatnonzero(~flat.simple & (features.others != None))  # noqa: E711
    if len(rest):
        moved = shapely.transform(
            features.others[rest], lambda xy: np.column_stack(to_wgs84(xy[:, 0], xy[:, 1]))
        )
        features.others[rest] = moved
        with np.errstate(invalid="ignore"):
            flat.bounds[rest] = shapely.bounds(moved)


def within_bbox(part: ViewFeatures, bbox) -> ViewFeatures:
    """The features of `part` whose bounds meet `bbox` (WGS84)."""
    b = part.features.flat.bounds
    with np.errstate(invalid="ignore"):
        keep = (
            (b[:, 0] <= bbox[2])
            & (b[:, 2] >= bbox[0])
            & (b[:, 1] <= bbox[3])
            & (b[:, 3] >= bbox[1])
        )
    if keep.all():
        return part
    return ViewFeatures(part.ids[keep], ff.take(part.features, keep))


def concat(parts: list[ViewFeatures], within=None) -> ViewFeatures:
    """Several tiles' features as one, each row once (a feature on a tile edge is in both);
    with `within` (a WGS84 bbox) only those that meet it."""
    if within is not None:
        parts = [within_bbox(p, within) for p in parts]
    parts = [p for p in parts if len(p)]
    if not parts:
        return decode(np.zeros(0, np.int64), [], 1.0)
    if len(parts) == 1:
        return parts[0]
    ids = np.concatenate([p.ids for p in parts])
    vertices = [len(cast(np.ndarray, p.features.flat.x)) for p in parts[:-1]]  # not handed over
    shift = np.cumsum(np.array([0, *vertices], np.int64))
    offsets = [parts[0].features.flat.offsets]
    for p, s in zip(parts[1:], shift[1:], strict=True):
        offsets.append(p.features.flat.offsets[1:] + s)
    flats = [p.features.flat for p in parts]
    merged = ff.WkbFeatures(
        ff.FlatFeatures(
            np.concatenate([f.bounds for f in flats]),
            np.concatenate([f.type_ids for f in flats]),
            np.concatenate([f.simple for f in flats]),
            np.concatenate([f.is_polygon for f in flats]),
            np.concatenate(offsets),
            np.concatenate([f.x for f in flats]),
            np.concatenate([f.y for f in flats]),
        ),
        np.concatenate([p.features.others for p in parts]),
    )
    _, first = np.unique(ids, return_index=True)
    if len(first) == len(ids):
        return ViewFeatures(ids, merged)
    keep = np.zeros(len(ids), bool)
    keep[np.sort(first)] = True
    return ViewFeatures(ids[keep], ff.take(merged, keep))


def attributes(conn, info: TableInfo, ids: np.ndarray, names) -> dict[str, list]:
    """Columns `names` of the rows `ids`, in the order of `ids`."""
    import psycopg

    names = list(names)
    if not names:
        return {}
    selected = ", ".join(quote_identifier(n) for n in names)
    try:
        rows = conn.execute(
            f"SELECT {KEY_ALIAS}, {selected} FROM (SELECT {key_sql(info)} AS {KEY_ALIAS}, * "
            f"FROM {info.source.qualified}) t WHERE {KEY_ALIAS} = ANY(%s)",
            (ids.tolist(),),
        ).fetchall()
    except psycopg.OperationalError as exc:
        raise _lost(info, exc) from None
    by_key = {row[0]: row[1:] for row in rows}
    empty = (None,) * len(names)
    values = [by_key.get(int(k), empty) for k in ids.tolist()]
    return {name: [v[i] for v in values] for i, name in enumerate(names)}
