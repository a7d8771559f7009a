"""The `yangpu-gis` command: the desktop app, and headless commands for scripts and tests.

Exit codes: 0 success, 1 bad input (one line on stderr), 2 usage error. Heavy modules
(geopandas, Qt) are imported inside the commands so `--help` and errors stay fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from yangpu_gis import __version__

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """Bad input: printed as one line, exit code 1."""


def _print_json(doc) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def _load_files(paths: Sequence[str], declared_crs: str | None, *, for_drawing: bool = False):
    """Layers of the files; `for_drawing` takes the lean GeoPackage path when it can
    (model.geopackage_reader), so `render` need not import geopandas."""
    from yangpu_gis.model.layer import Layer, new_layer_id

    layers = []
    for path in paths:
        if for_drawing and declared_crs is None:
            from yangpu_gis.model.geopackage_reader import read_geopackage_for_drawing

            drawable = read_geopackage_for_drawing(path)
            if drawable is not None:
                multi = len(drawable) > 1
                layers += [
                    Layer(
                        id=new_layer_id("file"),
                        title=one.name if multi else os.path.splitext(os.path.basename(path))[0],
                        data=one.table,
                        source=str(path),
                        source_layer=one.name,
                        info={"warnings": one.notes},
                    )
                    for one in drawable
                ]
                continue
        from yangpu_gis.model.io import read_file
        from yangpu_gis.model.open_layers import layer_from_loaded

        layers += [
            layer_from_loaded(loaded, declared_crs)
            for loaded in read_file(path, declared_crs=declared_crs)
        ]
    return layers


# --- commands -------------------------------------------------------------------------------


def cmd_app(args) -> int:
    from yangpu_gis.ui.app import run_app

    return run_app(list(getattr(args, "files", []) or []), declared_crs=getattr(args, "crs", None))


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
        _print_json(rows)
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
        _print_json(doc)
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


def _declared_crs(text: str | None) -> str | None:
    """`--crs` checked up front, so a typo is one line even when no file needs it."""
    if text is None:
        return None
    from yangpu_gis.model.crs import UnknownCrsError, parse_crs

    try:
        parse_crs(text)
    except UnknownCrsError:
        raise CliError(
            f"unknown CRS {text.strip()!r}: give EPSG:n (e.g. EPSG:4549), gcj02 or bd09"
        ) from None
    return text


def cmd_info(args) -> int:
    from yangpu_gis.model.io import read_file

    layers = [
        loaded.info() for loaded in read_file(args.file, declared_crs=_declared_crs(args.crs))
    ]
    doc = {"file": args.file, "format": layers[0]["format"], "layers": layers}
    if args.json:
        _print_json(doc)
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
    files = _load_files(args.file or [], _declared_crs(args.crs))
    embedded = load_embedded_layers()
    # Embedded layers first, then files, each group topmost first.
    hits = identify(embedded, args.lon, args.lat) + identify(files, args.lon, args.lat)
    described = [hit.to_dict() for hit in hits]
    if args.json:
        _print_json({"lon": args.lon, "lat": args.lat, "hits": described})
        return EXIT_OK
    if not described:
        print(f"nothing at {args.lon}, {args.lat}")
    for d in described:
        print(f"{d['layer_title']}: {d['name']}")
        for fact in d["facts"]:
            unit = f" {fact['unit']}" if fact.get("unit") else ""
            date = f" ({fact['date']})" if fact.get("date") else ""
            print(f"    {fact['label']}: {fact['value']}{unit}{date}  [{fact['source']}]")
    return EXIT_OK


# --- render ------------------------------------------------------------------------------------

MAX_RENDER_SIDE = 10_000


def parse_size(text: str) -> tuple[int, int]:
    """'1600x1000' as (1600, 1000)."""
    parts = text.lower().replace("×", "x").split("x")
    try:
        width, height = (int(p) for p in parts)
    except ValueError:
        raise CliError(f"--size {text!r}: give WIDTHxHEIGHT in pixels, e.g. 1600x1000") from None
    if not (16 <= width <= MAX_RENDER_SIDE and 16 <= height <= MAX_RENDER_SIDE):
        raise CliError(f"--size {text!r}: each side must be 16 to {MAX_RENDER_SIDE} pixels")
    return width, height


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """'MINLON,MINLAT,MAXLON,MAXLAT' in WGS84 degrees."""
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in text.split(","))
    except ValueError:
        raise CliError(f"--bbox {text!r}: give MINLON,MINLAT,MAXLON,MAXLAT in degrees") from None
    if not (-180 <= min_lon < max_lon <= 180 and -85 <= min_lat < max_lat <= 85):
        raise CliError(
            f"--bbox {text!r}: needs -180 <= MINLON < MAXLON <= 180 and "
            "-85 <= MINLAT < MAXLAT <= 85"
        )
    return min_lon, min_lat, max_lon, max_lat


def _files_bbox(layers):
    bounds = [layer.bounds for layer in layers if layer.feature_count]
    bounds = [b for b in bounds if all(v == v for v in b)]
    if not bounds:
        return None
    return (
        min(b[0] for b in bounds),
        min(b[1] for b in bounds),
        max(b[2] for b in bounds),
        max(b[3] for b in bounds),
    )


def cmd_render(args) -> int:
    size = parse_size(args.size) if args.size else None
    bbox = parse_bbox(args.bbox) if args.bbox else None
    suffix = os.path.splitext(args.out)[1].lower()
    if suffix not in (".png", ".pdf"):
        raise CliError(f"{args.out}: the output must be a .png or .pdf file")
    if os.path.isdir(args.out):
        raise CliError(f"{args.out} is a folder: name the {suffix} file to write")
    folder = os.path.dirname(os.path.abspath(args.out))
    if not os.path.isdir(folder):
        raise CliError(f"cannot write {args.out}: the folder {folder} does not exist")
    is_pdf = suffix == ".pdf"
    laid_out = (
        is_pdf
        or args.layout
        or any(value is not None for value in (args.title, args.paper, args.date))
    )
    if is_pdf and size is not None:
        raise CliError("--size is for PNG images; a PDF is sized by --paper A4 or A3")
    if size is not None and args.paper is not None:
        raise CliError("give a PNG either --size or --paper, not both")
    if args.orientation is not None and not is_pdf and args.paper is None:
        raise CliError("--orientation goes with --paper; a PNG's --size sets its shape")
    from yangpu_gis.render.offscreen import ensure_gui_application

    ensure_gui_application()
    from yangpu_gis.export.image import export_image
    from yangpu_gis.model.embedded import load_embedded_layers

    files = _load_files(args.file or [], _declared_crs(args.crs), for_drawing=True)
    try:
        report = export_image(
            load_embedded_layers() + files,
            args.out,
            bbox_wgs84=bbox or _files_bbox(files),
            title=args.title,
            paper=args.paper,
            orientation=args.orientation or "landscape",
            dpi=args.dpi,
            size=size,
            date=args.date,
            layout=laid_out,
        )
    except ValueError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    width, height = report.pixel_size
    if report.paper:
        what = f"{report.paper} {report.orientation}, {report.dpi} dpi"
        if report.scale_denominator:
            from yangpu_gis.export.layout import format_scale

            what += f", scale {format_scale(report.scale_denominator)}"
    else:
        what = f"{width}x{height}" + (f", {report.dpi} dpi" if report.dpi != 96 else "")
    print(f"wrote {args.out} ({what})")
    return EXIT_OK


# --- review notes ----------------------------------------------------------------------------


def _note_store():
    from yangpu_gis.model.notes import NoteStore

    store = NoteStore()
    for warning in store.warnings:
        print(f"yangpu-gis: warning: {warning}", file=sys.stderr)
    return store


def _notes_errors(command):
    """Run a notes command, turning bad values and unusable files into one-line errors."""

    def run(args) -> int:
        from yangpu_gis.model.notes import NoteNotFoundError, NotesError  # not at start-up

        try:
            return command(args)
        except (ValueError, NotesError, NoteNotFoundError) as exc:
            raise CliError(str(exc)) from None

    return run


def _parse_lon_lat(text: str) -> tuple[float, float]:
    parts = text.split(",")
    try:
        if len(parts) != 2:
            raise ValueError
        return float(parts[0]), float(parts[1])
    except ValueError:
        raise CliError(
            f"--at expects LON,LAT in WGS84 degrees such as 121.5096,31.3051, got {text!r}"
        ) from None


def site_representative_point(site_id: str) -> tuple[float, float]:
    """A point inside an embedded site, where a note about the whole site is placed."""
    from yangpu_gis.model.embedded import EMBEDDED_LAYERS, load_embedded_layer

    layer = load_embedded_layer(next(s for s in EMBEDDED_LAYERS if s.kind == "site"))
    matches = layer.data[layer.data["id"] == site_id]
    if matches.empty:
        known = ", ".join(sorted(layer.data["id"]))
        raise CliError(f"unknown site {site_id!r}; the sites are: {known}")
    point = matches.geometry.iloc[0].representative_point()
    return float(point.x), float(point.y)


@_notes_errors
def cmd_notes_list(args) -> int:
    notes = _note_store().list(site_id=args.site, status=args.status)
    if args.json:
        _print_json([n.to_dict() for n in notes])
        return EXIT_OK
    if not notes:
        print("no notes")
    for n in notes:
        where = f"site {n.site_id}" if n.site_id else f"{n.lon:.6f}, {n.lat:.6f}"
        category = f" [{n.category}]" if n.category else ""
        print(f"#{n.id} {n.status:8s} {n.created} {n.author} @ {where}{category}: {n.text}")
    return EXIT_OK


@_notes_errors
def cmd_notes_add(args) -> int:
    if args.site is not None:
        lon, lat = site_representative_point(args.site)
    else:
        lon, lat = _parse_lon_lat(args.at)
    note = _note_store().add(
        args.text, args.author, lon, lat, category=args.category, site_id=args.site
    )
    if args.json:
        _print_json(note.to_dict())
    else:
        print(f"added note #{note.id} at {note.lon:.6f}, {note.lat:.6f}")
    return EXIT_OK


@_notes_errors
def cmd_notes_export(args) -> int:
    suffix = os.path.splitext(args.out)[1].lower()
    store = _note_store()
    if suffix in (".geojson", ".json"):
        count = store.export_geojson(args.out)
    elif suffix == ".csv":
        count = store.export_csv(args.out)
    else:
        raise CliError(f"cannot export notes to {args.out!r}: name a .geojson or .csv file")
    print(f"exported {count} note{'s' if count != 1 else ''} to {args.out}")
    return EXIT_OK


# --- self-test -------------------------------------------------------------------------------


def cmd_self_test(args) -> int:
    from yangpu_gis.selftest import print_report, run_checks

    checks = run_checks()
    passed = all(c.ok for c in checks)
    if args.json:
        _print_json({"ok": passed, "checks": [c.to_dict() for c in checks]})
    else:
        print_report(checks)
    return EXIT_OK if passed else EXIT_BAD_INPUT


def cmd_install_desktop(args) -> int:
    from yangpu_gis.desktop_entry import install_desktop_entry

    try:
        written = install_desktop_entry()
    except OSError as exc:
        raise CliError(f"cannot install the desktop entry: {exc.strerror or exc}") from None
    print(f"installed the desktop entry and {len(written) - 1} icons; menu entry: {written[-1]}")
    return EXIT_OK


# --- HTML export -----------------------------------------------------------------------------


def _size_text(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(size / 1e3, 1):.0f} kB"


def cmd_export_html(args) -> int:
    from yangpu_gis.export.html import export_html
    from yangpu_gis.model.embedded import load_embedded_layers

    if os.path.isdir(args.out):
        raise CliError(f"{args.out} is a folder: name the .html file to write")
    layers = load_embedded_layers() + _load_files(args.file or [], args.crs)
    try:
        report = export_html(layers, args.out, title=args.title, basemap=args.basemap)
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    print(f"wrote {report.path} ({_size_text(report.size)})")
    for layer in layers:
        count = report.feature_counts[layer.id]
        print(f"  {layer.title}: {count} feature{'s' if count != 1 else ''}")
    for note in report.notes:
        print(f"  note: {note}")
    return EXIT_OK


# --- parser ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yangpu-gis",
        description="Yangpu GIS: a desktop GIS viewer for Yangpu District, Shanghai. "
        "With no command it starts the desktop app on the embedded map.",
    )
    parser.add_argument("--version", action="version", version=f"yangpu-gis {__version__}")
    parser.set_defaults(func=cmd_app)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("open", help="start the app with these files added as layers")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument(
        "--crs", help="declare the files' CRS, overriding what they say (EPSG:n, gcj02, bd09)"
    )
    p.set_defaults(func=cmd_app)

    p = sub.add_parser("layers", help="list the embedded layers")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_layers)

    p = sub.add_parser("sites", help="the renewal and innovation sites with their facts")
    p.add_argument("--json", action="store_true", help="print a GeoJSON FeatureCollection")
    p.set_defaults(func=cmd_sites)

    p = sub.add_parser("info", help="describe a file: layers, CRS, count, bounds, fields, encoding")
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
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_identify)

    p = sub.add_parser(
        "render",
        help="draw the map to a PNG image or a printable PDF, without a window",
        description="Draw the map (embedded layers and any --file) without a window. "
        "OUT.png alone is the plain map with scale bar and north arrow, as before. "
        "OUT.pdf, or a PNG with --layout, --title, --paper or --date, is a "
        "map page for printing: title, date, the map, legend, scale bar, north arrow and "
        "the data attribution.",
    )
    p.add_argument("out", metavar="OUT.png|OUT.pdf")
    p.add_argument("--file", action="append", metavar="FILE", help="add this file as a layer")
    p.add_argument("--crs", help="declare the CRS of the --file files, overriding what they say")
    p.add_argument(
        "--bbox",
        metavar="MINLON,MINLAT,MAXLON,MAXLAT",
        help="WGS84 area to show (default: the files' extent, or Yangpu)",
    )
    p.add_argument(
        "--size",
        metavar="WxH",
        help="PNG size in pixels (default 1600x1000); a PDF's size is its paper",
    )
    p.add_argument(
        "--layout", action="store_true", help="make a PNG a map page (always so for a PDF)"
    )
    p.add_argument(
        "--title",
        metavar="TEXT",
        help="the page's title (default: Yangpu District, Shanghai); implies --layout",
    )
    p.add_argument(
        "--paper",
        type=str.upper,
        choices=("A4", "A3"),
        help="sheet size: PDF default A4; for a PNG, the sheet at --dpi",
    )
    p.add_argument(
        "--orientation", choices=("landscape", "portrait"), help="of the paper (default landscape)"
    )
    p.add_argument(
        "--dpi",
        type=int,
        metavar="N",
        help="dots per inch, 72 to 600: a PDF (its map drawn at this resolution) "
        "and a paper-sized PNG default to 300; other PNGs to 96, and more scales "
        "their text and lines up",
    )
    p.add_argument(
        "--date", metavar="YYYY-MM-DD", help="the date printed on the page (default today)"
    )
    p.set_defaults(func=cmd_render)
    p = sub.add_parser("notes", help="review notes: list, add, export")
    notes = p.add_subparsers(dest="notes_command", metavar="NOTES_COMMAND", required=True)
    q = notes.add_parser("list", help="list the review notes")
    q.add_argument("--json", action="store_true", help="print JSON")
    q.add_argument("--site", metavar="SITE_ID", help="only notes on this site")
    q.add_argument("--status", choices=("open", "resolved"), help="only notes with this status")
    q.set_defaults(func=cmd_notes_list)
    q = notes.add_parser("add", help="add a note at a point or on an embedded site")
    q.add_argument("text", metavar="TEXT")
    q.add_argument("--author", required=True, metavar="NAME")
    where = q.add_mutually_exclusive_group(required=True)
    where.add_argument("--at", metavar="LON,LAT", help="WGS84 longitude,latitude")
    where.add_argument(
        "--site", metavar="SITE_ID", help="an embedded site (see `yangpu-gis sites`)"
    )
    q.add_argument("--category", metavar="C")
    q.add_argument("--json", action="store_true", help="print the new note as JSON")
    q.set_defaults(func=cmd_notes_add)
    q = notes.add_parser("export", help="write all notes to OUT.geojson or OUT.csv")
    q.add_argument("out", metavar="OUT")
    q.set_defaults(func=cmd_notes_export)

    p = sub.add_parser("self-test", help="check this installation: PROJ, GDAL, map, render, HTML")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_self_test)

    p = sub.add_parser(
        "install-desktop", help="add Yangpu GIS to the desktop's application menu (Linux)"
    )
    p.set_defaults(func=cmd_install_desktop)

    p = sub.add_parser("export-html", help="write the map as one HTML file that works offline")
    p.add_argument("out", metavar="OUT.html")
    p.add_argument("--file", action="append", metavar="FILE", help="add this file as a layer")
    p.add_argument("--crs", help="declare the CRS of the --file files, overriding what they say")
    p.add_argument("--title", help="the page's title (default: Yangpu District map)")
    p.add_argument(
        "--basemap",
        choices=("osm",),
        help="add OpenStreetMap tiles, which need an internet connection",
    )
    p.set_defaults(func=cmd_export_html)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help/--version exit 0, usage errors exit 2
        return int(exc.code or 0)
    from yangpu_gis.model.crs import UnknownCrsError
    from yangpu_gis.model.load_errors import LoadError

    try:
        return args.func(args)
    except (CliError, LoadError, UnknownCrsError) as exc:
        print(f"yangpu-gis: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # never show a traceback to the user
        if os.environ.get("YANGPU_GIS_DEBUG"):
            raise
        print(
            f"yangpu-gis: unexpected error: {exc.__class__.__name__}: {exc}"
            " (set YANGPU_GIS_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
