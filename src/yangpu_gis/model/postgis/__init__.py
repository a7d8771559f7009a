"""PostGIS layers: tables of a PostgreSQL database read a view at a time (psycopg 3).

    source.parse_source(text)  -> PgSource       postgresql://USER@HOST:PORT/DB?table=[SCHEMA.]TABLE
    catalog.list_tables(src)   -> [TableEntry]   the database's geometry tables
    catalog.describe(conn, src)-> TableInfo      columns, CRS, key, extent, GiST index
    fetch.fetch_view(...)      -> ViewFeatures   the features meeting an envelope, as WKB
    layers.open_postgis(text)  -> Layer          what `render`, `identify`, the app open

Only `source` is imported by the file-opening paths, so a URI is told from a file path
without importing psycopg.
"""

from yangpu_gis.model.postgis.source import is_postgis_uri

__all__ = ["is_postgis_uri"]
