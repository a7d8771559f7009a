"""`info` on a postgresql:// address: one table described, or the database's tables."""

from __future__ import annotations

from yangpu_gis.cli.common import print_json


def postgis_info(args) -> list[dict] | None:
    """The table's info (as for a file's layer), or, for an address without ?table=,
    the geometry tables printed here (returns None then)."""
    from yangpu_gis.model.postgis.catalog import list_tables
    from yangpu_gis.model.postgis.layers import PostgisTable
    from yangpu_gis.model.postgis.source import redacted, split_uri

    _uri, _password, table = split_uri(args.file)
    if table:
        return [PostgisTable(args.file, exact=True).describe()]
    entries = list_tables(args.file)
    rows = [
        {
            "table": e.label,
            "geometry_column": e.column,
            "geometry_type": e.geometry_type,
            "crs": f"EPSG:{e.srid}",
            "feature_count": e.count,
        }
        for e in entries
    ]
    if args.json:
        print_json({"database": redacted(args.file), "tables": rows})
        return None
    print(f"{redacted(args.file)} ({len(rows)} geometry tables)")
    for r in rows:
        print(
            f"  {r['table']:30s} {r['geometry_type']:16s} {r['crs']:11s} {r['feature_count']:>10,}"
        )
    return None
