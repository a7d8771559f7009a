"""Commands that describe data without drawing it: `layers`, `sites`, `info`, `identify`."""

from __future__ import annotations

import argparse

from yangpu_gis.cli.common import (
    EXIT_OK,
    CliError,
    declared_crs,
    load_files,
    print_json,
    readable_formats_help,
)


def cmd_layers(args) -> int:
    from yangpu_gis.model.embedded import EMBEDDED_LAYERS, embedded_path, load_embedded_layer

    rows = []
    for spec in EMBEDDED_LAYERS:
        layer = load_embedded_layer(spec)
        rows.append(
            {
                "id": layer.id,
                "title": layer.title,
                "kind": layer.kind,
                "geometry_type": layer.geometry_type,
                "feature_count": layer.feature_count,
                "path": str(embedded_path(spec.name)),
            }
        )
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            print(
                f"{r['id']:10s} {r['kind']:10s} {r['geometry_type']:11s} {r['feature_count']:5d}  {r['title']}"
            )
    return EXIT_OK


def sites_feature_collection() -> dict:
    from shapely.geometry import mapping

    from yangpu_gis.model.embedded import EMBEDDED_LAYERS, load_embedded_layer
    from yangpu_gis.model.identify import Hit

    layer = load_embedded_layer(next(s for s in EMBEDDED_LAYERS if s.kind == "site"))
    features = []
    for row in range(layer.feature_count):
        hit = Hit(layer, row)
        described = hit.to_dict()
        properties = dict(described["properties"])
        properties["facts"] = described["facts"]
        properties["sources"] = described["sources"]
        features.append(
            {"type": "Feature", "properties": properties, "geometry": mapping(hit.geometry)}
        )
    return {"type": "FeatureCollection", "features": features}


def cmd_sites(args) -> int:
    doc = sites_feature_collection()
    if args.json:
        print_json(doc)
    else:
        for f in doc["features"]:
            p = f["properties"]
            print(f"{p['id']:24s} {p['name_en']} ({p['name_zh']}) — {p['category']}")
    return EXIT_OK


CRS_ORIGINS = {
    "file": "from the file",
    "declared": "declared",
    "format": "WGS84 by the format's definition",
    "assumed": "assumed",
}


def cmd_info(args) -> int:
    from yangpu_gis.model.io import read_file
    from yangpu_gis.model.postgis import is_postgis_uri

    if is_postgis_uri(args.file):
        from yangpu_gis.cli.postgis import postgis_info

        layers = postgis_info(args)
        if layers is None:
            return EXIT_OK
    else:
        layers = [
            loaded.info() for loaded in read_file(args.file, declared_crs=declared_crs(args.crs))
        ]
    doc = {"file": args.file, "format": layers[0]["format"], "layers": layers}
    if args.json:
        print_json(doc)
        return EXIT_OK
    count = f", {len(layers)} layers" if len(layers) > 1 else ""
    print(f"{args.file} ({doc['format']}{count})")
    for info in layers:
        bounds = info["bounds_wgs84"]
        encoding = info["encoding"] or "n/a"
        if info["encoding_detail"]:
            encoding += f" ({info['encoding_detail']})"
        print(f"  layer {info['layer']}")
        print(
            f"    CRS:      {info['crs']} [{CRS_ORIGINS.get(info['crs_origin'], info['crs_origin'])}]"
        )
        print(
            f"    features: {info['feature_count']} ({', '.join(info['geometry_types']) or 'none'})"
        )
        print(
            f"    bounds:   {'empty' if bounds is None else ', '.join(f'{v:.6f}' for v in bounds)} (WGS84)"
        )
        print(f"    fields:   {', '.join(f['name'] for f in info['fields']) or 'none'}")
        print(f"    encoding: {encoding}")
        for warning in info["warnings"]:
            print(f"    warning:  {warning}")
    return EXIT_OK


def cmd_identify(args) -> int:
    from yangpu_gis.model.embedded import load_embedded_layers
    from yangpu_gis.model.identify import identify

    if not (-180 <= args.lon <= 180 and -90 <= args.lat <= 90):
        raise CliError(f"{args.lon}, {args.lat} is not a WGS84 longitude, latitude")
    at = {"at": (args.lon, args.lat)}  # a database is asked only for what is at the point
    # A GeoPackage is read at the point only, through its R-tree (model.geopackage_reader)
    point = (args.lon, args.lat, args.lon, args.lat)
    files = load_files(
        args.file or [], declared_crs(args.crs), for_drawing=True, postgis=at, bbox_wgs84=point
    )
    embedded = load_embedded_layers()
    # Embedded layers first, then files, each group topmost first.
    hits = identify(embedded, args.lon, args.lat) + identify(files, args.lon, args.lat)
    described = [hit.to_dict(args.language) for hit in hits]
    if args.json:
        print_json({"lon": args.lon, "lat": args.lat, "hits": described})
        return EXIT_OK
    if not described:
        print(f"nothing at {args.lon}, {args.lat}")
    for d in described:  # each hit's fact sheet, as the facts panel lists it
        sheet = d["sheet"]
        print(f"{sheet['layer_title']}: {sheet['title']}")
        for fact in sheet["facts"] + sheet["measured"]:
            date = f" ({fact['date']})" if fact["date"] else ""
            print(f"    {fact['label']}: {fact['figure']}{date}  [{fact['source_name']}]")
    return EXIT_OK


def add_commands(sub) -> None:
    """Add `layers`, `sites`, `info` and `identify`."""
    p = sub.add_parser("layers", help="list the embedded layers")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_layers)

    p = sub.add_parser("sites", help="the renewal and innovation sites with their facts")
    p.add_argument("--json", action="store_true", help="print a GeoJSON FeatureCollection")
    p.set_defaults(func=cmd_sites)

    p = sub.add_parser(
        "info",
        help="describe a file: layers, CRS, count, bounds, fields, encoding",
        epilog=readable_formats_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--crs", help="declare the file's CRS, overriding what it says (EPSG:n, gcj02, bd09)"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("identify", help="features at a WGS84 point, with their facts")
    p.add_argument("lon", type=float, metavar="LON")
    p.add_argument("lat", type=float, metavar="LAT")
    p.add_argument("--file", action="append", metavar="FILE", help="also search this file")
    p.add_argument("--crs", help="declare the CRS of the --file files, overriding what they say")
    p.add_argument(
        "--language",
        choices=("en", "zh"),
        default="en",
        help="the language of the fact sheets (names, figures, dates): en or zh",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_identify)
