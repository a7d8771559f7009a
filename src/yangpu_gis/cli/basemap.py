"""The command line's basemap parts: `--basemap SOURCE [--basemap-crs gcj02]` for `render`
and `export-html`, and `basemap build` (an OSM extract into an offline basemap)."""

from __future__ import annotations

import argparse
import os

from yangpu_gis.model.basemap.spec import DATUMS

SOURCE_HELP = (
    "a basemap under the map: an .mbtiles, .pmtiles or .gpkg file, a folder of "
    "{z}/{x}/{y} tiles, an http(s) tile URL with {z}/{x}/{y} (or a WMTS GetTile URL), "
    "or osm for OpenStreetMap's tiles; URLs and osm need the internet"
)


def add_basemap_arguments(parser: argparse.ArgumentParser, help_text: str = SOURCE_HELP) -> None:
    parser.add_argument("--basemap", metavar="SOURCE", help=help_text)
    parser.add_argument(
        "--basemap-crs",
        type=str.lower,
        choices=DATUMS,
        help="the datum the basemap's tiles are drawn in: gcj02 for Amap or Tencent "
        "tiles (default wgs84)",
    )


def basemap_spec(args):
    """The BasemapSpec the arguments ask for, or None; CliError for a bad one."""
    from yangpu_gis.cli.common import CliError
    from yangpu_gis.model.basemap.spec import BasemapError, parse_spec

    source = getattr(args, "basemap", None)
    if source is None:
        if getattr(args, "basemap_crs", None):
            raise CliError("--basemap-crs goes with --basemap")
        return None
    try:
        return parse_spec(source, args.basemap_crs)
    except BasemapError as exc:
        raise CliError(str(exc)) from None


def with_basemap(args, layers: list) -> list:
    """The layers with the asked-for basemap under them, its source checked first."""
    from yangpu_gis.cli.common import CliError
    from yangpu_gis.model.basemap.layer import basemap_layer
    from yangpu_gis.model.basemap.readers import open_reader
    from yangpu_gis.model.basemap.spec import BasemapError

    spec = basemap_spec(args)
    if spec is None:
        return layers
    if not spec.online:
        try:
            open_reader(spec).close()
        except BasemapError as exc:
            raise CliError(str(exc)) from None
    return [basemap_layer(spec), *layers]


def add_commands(sub) -> None:
    """Add `basemap build`."""
    p = sub.add_parser(
        "basemap",
        help="offline basemaps: build one from an OpenStreetMap extract",
    )
    commands = p.add_subparsers(dest="basemap_command", metavar="BASEMAP_COMMAND", required=True)
    q = commands.add_parser(
        "build",
        help="turn an OpenStreetMap extract (.osm.pbf or .osm) into an offline vector "
        "MBTiles basemap, clipped to Yangpu and a margin",
    )
    q.add_argument("extract", metavar="EXTRACT.osm.pbf|EXTRACT.osm")
    q.add_argument("-o", "--output", required=True, metavar="OUT.mbtiles")
    q.add_argument("--force", action="store_true", help="replace OUT.mbtiles if it already exists")
    q.add_argument(
        "--bbox",
        metavar="MINLON,MINLAT,MAXLON,MAXLAT",
        help="the WGS84 area to keep (default: Yangpu and a margin)",
    )
    q.add_argument(
        "--max-zoom",
        type=int,
        default=None,
        metavar="Z",
        help="the closest zoom built (default 16)",
    )
    q.set_defaults(func=cmd_basemap_build)


def cmd_basemap_build(args) -> int:
    from yangpu_gis.cli.common import EXIT_OK, CliError, refuse_existing
    from yangpu_gis.cli.render import parse_bbox
    from yangpu_gis.model.basemap.build import BuildError, build_basemap

    bbox = parse_bbox(args.bbox) if args.bbox else None
    if os.path.isdir(args.output):
        raise CliError(f"{args.output} is a folder: name the .mbtiles file to write")
    exists = os.path.exists(args.extract) and os.path.exists(args.output)
    if not (exists and os.path.samefile(args.extract, args.output)):
        refuse_existing(args.output, args.force)  # the extract itself: the builder refuses
    try:
        report = build_basemap(
            args.extract,
            args.output,
            bbox=bbox,
            max_zoom=args.max_zoom,
            progress=lambda text: print(text, flush=True),
        )
    except BuildError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(
        f"wrote {args.output} ({report.tiles} tiles, zooms {report.min_zoom}-{report.max_zoom}, "
        f"{report.features} features)"
    )
    return EXIT_OK


def report_basemap(layers) -> None:
    """After a render: say on stderr why basemap tiles are missing, if the server failed."""
    import sys

    from yangpu_gis.model.basemap.layer import is_basemap, spec_of
    from yangpu_gis.model.basemap.spec import BasemapError
    from yangpu_gis.render.tile_store import store_for

    for layer in layers:
        if is_basemap(layer):
            try:
                message = store_for(spec_of(layer)).status_message()
            except BasemapError as exc:
                message = str(exc)
            if message:
                print(f"yangpu-gis: warning: basemap tiles missing: {message}", file=sys.stderr)
