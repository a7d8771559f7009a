"""What a PostGIS database holds: its geometry tables (geometry_columns), and for one
table its columns, CRS, key, extent and whether a GiST index serves `&&`.

Every failure to connect or to read is a LoadError of one line; PasswordRequired (one)
when the server wants a password that neither ~/.pgpass nor the address gave, so the app
can ask for it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from yangpu_gis.model.load_errors import LoadError
from yangpu_gis.model.postgis.source import PgSource, quote_identifier, split_uri

log = logging.getLogger(__name__)
CONNECT_TIMEOUT = 10  # seconds


class PasswordRequired(LoadError):
    """The server asks for a password: give it with PgSource.with_password."""


@dataclass(frozen=True)
class TableEntry:
    schema: str
    table: str
    column: str
    geometry_type: str
    srid: int
    count: int  # exact row count

    @property
    def label(self) -> str:
        return self.table if self.schema == "public" else f"{self.schema}.{self.table}"


@dataclass
class TableInfo:
    source: PgSource
    geometry_column: str
    geometry_type: str
    srid: int
    crs: str  # "EPSG:32651"
    key: str | None  # a unique integer column identifying rows (primary key), or None
    columns: list[tuple[str, str]]  # attribute (name, type), not the geometry
    has_spatial_index: bool
    has_z: bool = False
    count: int = 0  # exact with describe(exact=True), else the planner's estimate
    extent: tuple[float, float, float, float] | None = None  # in the table's CRS
    typical_size: float = 0.0  # a sample's median feature width or height, table units
    max_points: int = 0  # the most vertices of a feature in the sample
    warnings: list[str] = field(default_factory=list)

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]


def _message(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else exc.__class__.__name__


def connect(source: PgSource | str, *, autocommit: bool = True, password: str | None = None):
    """A psycopg connection to the source's database (a PgSource, or a connection URI)."""
    import psycopg

    if isinstance(source, PgSource):
        uri, kwargs, label = source.connection_uri, source.connect_kwargs(), source.database_label
    else:
        uri, given, _table = split_uri(source)
        kwargs = {"password": password or given} if (password or given) else {}
        label = uri
    try:
        return psycopg.connect(
            uri,
            autocommit=autocommit,
            connect_timeout=CONNECT_TIMEOUT,
            application_name="yangpu-gis",
            **kwargs,
        )
    except psycopg.OperationalError as exc:
        text = _message(exc)
        if "password" in text.lower() and ("no password" in text or "authentication" in text):
            raise PasswordRequired.of("pg_password_needed", database=label, problem=text) from None
        raise LoadError.of("pg_cannot_connect", database=label, problem=text) from None


def list_tables(source: PgSource | str, password: str | None = None) -> list[TableEntry]:
    """The geometry tables the user may read, with their row counts and CRS."""
    import psycopg

    with connect(source, password=password) as conn:
        try:
            rows = conn.execute(
                "SELECT f_table_schema, f_table_name, f_geometry_column, type, srid "
                "FROM geometry_columns WHERE has_table_privilege("
                "quote_ident(f_table_schema) || '.' || quote_ident(f_table_name), 'SELECT') "
                "ORDER BY f_table_schema, f_table_name, f_geometry_column"
            ).fetchall()
        except psycopg.errors.UndefinedTable:
            raise LoadError.of("pg_no_postgis") from None
        entries = []
        for schema, table, column, kind, srid in rows:
            qualified = f"{quote_identifier(schema)}.{quote_identifier(table)}"
            count = conn.execute(f"SELECT count(*) FROM {qualified}").fetchone()[0]
            entries.append(TableEntry(schema, table, column, kind, int(srid), int(count)))
    return entries


def describe(conn, source: PgSource, *, exact: bool = False) -> TableInfo:
    """The table's geometry column, CRS, key, attribute columns and index; LoadError if
    it is not a geometry table the user can read. Its count and extent are the
    planner's estimates (from ANALYZE) unless `exact`: an exact count and extent of a
    million rows take a second, which drawing a view does not need."""
    row = conn.execute(
        "SELECT f_geometry_column, type, srid, coord_dimension FROM geometry_columns "
        "WHERE f_table_schema = %s AND f_table_name = %s ORDER BY f_geometry_column LIMIT 1",
        (source.schema, source.table),
    ).fetchone()
    if row is None:
        raise LoadError.of(
            "pg_no_such_table", database=source.database_label, table=repr(source.table_label)
        )
    column, kind, srid, dimensions = row
    srid = int(srid)
    if srid <= 0:
        raise LoadError.of("pg_no_srid", table=source.table_label)
    auth = conn.execute(
        "SELECT auth_name, auth_srid FROM spatial_ref_sys WHERE srid = %s", (srid,)
    ).fetchone()
    crs = f"{auth[0]}:{auth[1]}" if auth and auth[0] else f"EPSG:{srid}"
    oid = conn.execute("SELECT %s::regclass::oid", (source.qualified,)).fetchone()[0]
    columns = conn.execute(
        "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
        "WHERE attrelid = %s AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
        (oid,),
    ).fetchall()
    key = _integer_key(conn, oid)
    indexed = _has_gist(conn, oid, column)
    info = TableInfo(
        source=source,
        geometry_column=column,
        geometry_type=kind,
        srid=srid,
        crs=crs,
        key=key,
        columns=[(n, t) for n, t in columns if n != column],
        has_spatial_index=indexed,
        has_z=int(dimensions or 2) > 2,
    )
    if not indexed:
        info.warnings.append(
            f"{source.table_label} has no spatial (GiST) index on {column}: every view "
            f"reads the whole table; CREATE INDEX ON {source.qualified} USING gist ({column})"
        )
    if key is None:
        info.warnings.append(
            f"{source.table_label} has no integer primary key: rows are told apart by ctid"
        )
    g = quote_identifier(column)
    estimate = conn.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s", (oid,))
    estimated = int(estimate.fetchone()[0])
    box = None
    if not exact and estimated > 0:
        info.count = estimated
        try:
            box = conn.execute(
                "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
                "(SELECT ST_EstimatedExtent(%s, %s, %s) AS e) s",
                (source.schema, source.table, column),
            ).fetchone()
        except Exception:  # noqa: BLE001  (no statistics: measured below)
            box = None
    else:
        info.count = conn.execute(f"SELECT count(*) FROM {source.qualified}").fetchone()[0]
    if box is None or box[0] is None:
        box = conn.execute(
            f"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
            f"(SELECT ST_Extent({g}) AS e FROM {source.qualified}) s"
        ).fetchone()
    if box[0] is not None:
        x0, y0, x1, y1 = (float(v) for v in box)
        info.extent = (x0, y0, x1, y1)
    # What the features are like, from a sample: whether a view needs the server to
    # collapse sub-pixel features or simplify long outlines (model.postgis.fetch).
    sample = "TABLESAMPLE SYSTEM (1)" if estimated > 200_000 else ""
    size, points = conn.execute(
        f"SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(ST_XMax(b) - ST_XMin(b), "
        f"ST_YMax(b) - ST_YMin(b))), max(n) FROM (SELECT {g}::box2d AS b, ST_NPoints({g}) AS n "
        f"FROM {source.qualified} {sample} LIMIT 5000) s"
    ).fetchone()
    info.typical_size = float(size or 0.0)
    info.max_points = int(points or 0)
    return info


def _integer_key(conn, oid) -> str | None:
    rows = conn.execute(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_index i "
        "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
        "WHERE i.indrelid = %s AND i.indisprimary",
        (oid,),
    ).fetchall()
    if len(rows) == 1 and rows[0][1] in ("integer", "bigint", "smallint"):
        return rows[0][0]
    return None


def _has_gist(conn, oid, column: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_am am ON am.oid = c.relam "
        "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
        "WHERE i.indrelid = %s AND am.amname IN ('gist', 'spgist', 'brin') AND a.attname = %s "
        "LIMIT 1",
        (oid, column),
    ).fetchone()
    return row is not None
