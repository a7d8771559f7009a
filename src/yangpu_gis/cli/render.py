"""`render`: the map to a PNG or a printable PDF, without a window."""

from __future__ import annotations

import os

from yangpu_gis.cli.common import (
    EXIT_OK,
    CliError,
    add_language_argument,
    add_output_and_files,
    declared_crs,
    load_files,
    output_hint,
    refuse_existing,
)
from yangpu_gis.model.language import system_language

MAX_RENDER_SIDE = 10_000
# Features this far outside the picture (logical pixels) are read too: wider than any
# outline, point symbol or label the painter lets reach into the picture from outside.
READ_MARGIN_PX = 64


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


def files_bbox(layers):
    """The WGS84 extent of the layers with features (widened to a street's length when it
    is one point or a straight line: model.view_extent), or None."""
    bounds = [layer.bounds for layer in layers if layer.feature_count]
    bounds = [b for b in bounds if all(v == v for v in b)]
    if not bounds:
        return None
    from yangpu_gis.model.view_extent import viewable_bounds

    return viewable_bounds(
        (
            min(b[0] for b in bounds),
            min(b[1] for b in bounds),
            max(b[2] for b in bounds),
            max(b[3] for b in bounds),
        )
    )


def read_box(bbox, size, dpi) -> tuple[float, float, float, float]:
    """The WGS84 area a plain PNG of `bbox` shows (the bbox widened to the picture's
    shape, as export.page_writer fits it), with READ_MARGIN_PX around it: what reading
    by extent must read for the picture to be the one a full read gives."""
    from yangpu_gis.export.image import SCREEN_DPI, default_png_size
    from yangpu_gis.model import crs
    from yangpu_gis.render.viewport import Viewport

    dpi = dpi or SCREEN_DPI
    width, height = size or default_png_size(dpi)
    ratio = dpi / SCREEN_DPI
    logical = (max(1, round(width / ratio)), max(1, round(height / ratio)))
    viewport = Viewport.fit(crs.transform_bounds(bbox), *logical, margin=0.0)
    x0, y0, x1, y1 = viewport.extent
    pad = READ_MARGIN_PX * viewport.scale
    return crs.transform_bounds((x0 - pad, y0 - pad, x1 + pad, y1 + pad), crs.DISPLAY, crs.WGS84)


def _file_inputs(args) -> list[str]:
    from yangpu_gis.model.postgis import is_postgis_uri

    return [f for f in args.file or [] if not is_postgis_uri(f)]


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
    from yangpu_gis.model.atomic_file import OutputRefused, check_destination

    try:  # before anything is read or drawn
        check_destination(args.out, suffixes=(suffix,), inputs=_file_inputs(args), what="map")
    except OutputRefused as exc:
        raise CliError(output_hint(str(exc), args.out)) from None
    refuse_existing(args.out, args.force)
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
    from yangpu_gis.cli.basemap import report_basemap, with_basemap
    from yangpu_gis.export.image import export_image
    from yangpu_gis.model.embedded import load_embedded_layers

    view = {"bbox_wgs84": bbox, "width_px": (size or (1600, 1000))[0]}  # only what is shown
    # A plain PNG of a bbox reads only what it shows; a laid-out page's map frame takes
    # its shape from the legend and the paper, so its files are read whole.
    area = read_box(bbox, size, args.dpi) if bbox is not None and not laid_out else None
    files = load_files(
        args.file or [],
        declared_crs(args.crs),
        for_drawing=True,
        postgis=view,
        bbox_wgs84=area,
        bbox_through_gdal=True,
    )
    from yangpu_gis.model.new_layer_look import give_new_looks

    embedded = load_embedded_layers()
    give_new_looks(files, embedded)
    layers = with_basemap(args, embedded + files)
    try:
        report = export_image(
            layers,
            args.out,
            bbox_wgs84=bbox or files_bbox(files),
            title=args.title,
            paper=args.paper,
            orientation=args.orientation or "landscape",
            dpi=args.dpi,
            size=size,
            date=args.date,
            layout=laid_out,
            inputs=_file_inputs(args),
            language=args.lang or system_language(),
        )
    except ValueError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    report_basemap(layers)
    width, height = report.pixel_size
    if report.paper:
        what = f"{report.paper} {report.orientation}, {report.dpi} dpi"
        if report.scale_denominator:
            from yangpu_gis.export.layout import format_scale

            what += f", scale {format_scale(report.scale_denominator)}"
        if report.format == "pdf":
            what += ", vector map" if report.vector_map else ", map as an image (many features)"
    else:
        what = f"{width}x{height}" + (f", {report.dpi} dpi" if report.dpi != 96 else "")
    print(f"wrote {args.out} ({what})")
    return EXIT_OK


def add_commands(sub) -> None:
    """Add `render`."""
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
    add_output_and_files(p)
    p.add_argument(
        "--bbox",
        metavar="MINLON,MINLAT,MAXLON,MAXLAT",
        help="WGS84 area to show (default: the files' extent, or Yangpu)",
    )
    p.add_argument(
        "--size",
        metavar="WxH",
        help="PNG size in pixels (default 1600x1000 at 96 dpi, scaled with --dpi); a PDF's "
        "size is its paper",
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
        help="dots per inch, 72 to 600: a PDF and a paper-sized PNG default to 300 (a "
        "PDF's map is drawn as vectors, or at this resolution when it has over 50,000 "
        "features in view); other PNGs to 96: without --size a PNG is 1600x1000 scaled "
        "by N/96 (the same picture, sharper), with --size that many pixels, its text "
        "and lines scaled by N/96",
    )
    p.add_argument(
        "--date", metavar="YYYY-MM-DD", help="the date printed on the page (default today)"
    )
    add_language_argument(p, "the page's words: title, legend, scale, date, credits")
    from yangpu_gis.cli.basemap import add_basemap_arguments

    add_basemap_arguments(p)
    p.set_defaults(func=cmd_render)
