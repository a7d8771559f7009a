"""`export-html`: the map as one HTML file that works offline."""

from __future__ import annotations

import os

from yangpu_gis.cli.common import (
    EXIT_OK,
    CliError,
    add_language_argument,
    add_output_and_files,
    load_files,
    output_hint,
    refuse_existing,
)
from yangpu_gis.model.language import system_language


def _size_text(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(size / 1e3, 1):.0f} kB"


def _project_layers(path: str):
    """A project file's layers as the desktop shows them (styles, categories, order,
    visibility, opacity) and its saved view; its warnings printed, basemaps left out."""
    from yangpu_gis.model.io import LoadError
    from yangpu_gis.model.layer import LayerKind
    from yangpu_gis.model.project import Project

    try:
        project, report = Project.load(path)
    except LoadError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None
    for warning in report.warnings:
        print(f"  note: {warning}")
    layers = [layer for layer in project.layers if layer.kind != LayerKind.BASEMAP]
    return layers, tuple(project.view_extent)


def cmd_export_html(args) -> int:
    from yangpu_gis.export.html import export_html
    from yangpu_gis.model.embedded import load_embedded_layers

    if os.path.isdir(args.out):
        raise CliError(f"{args.out} is a folder: name the .html file to write")
    from yangpu_gis.model.atomic_file import OutputRefused, check_destination
    from yangpu_gis.model.outputs import HTML_MAP

    inputs = [*(args.file or []), *([args.project] if args.project else [])]
    try:  # before any file is read: `--file a.geojson b.geojson` makes b.geojson OUT
        check_destination(args.out, suffixes=HTML_MAP.suffixes, inputs=inputs, what=HTML_MAP.what)
    except OutputRefused as exc:
        raise CliError(output_hint(str(exc), args.out)) from None
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    refuse_existing(args.out, args.force)
    from yangpu_gis.cli.basemap import basemap_spec
    from yangpu_gis.cli.render import files_bbox, parse_bbox

    spec = basemap_spec(args)
    bbox = parse_bbox(args.bbox) if args.bbox else None
    if args.clip and bbox is None:
        raise CliError("--clip goes with --bbox: it names the area whose features are written")
    # --clip writes a neighbourhood of a big file: only the features that meet the bbox
    # are read (through the file's spatial index where it has one) and embedded.
    clip = bbox if args.clip else None
    files = load_files(
        args.file or [], args.crs, keep_empty=True, bbox_wgs84=clip, bbox_through_gdal=True
    )
    project_view = None
    if args.project:
        base, project_view = _project_layers(args.project)
    else:
        base = load_embedded_layers()
    from yangpu_gis.model.new_layer_look import give_new_looks

    give_new_looks(files, base)
    layers = base + files
    try:
        report = export_html(
            layers,
            args.out,
            title=args.title,
            view_bounds_wgs84=bbox or files_bbox(files) or project_view,
            basemap=spec,
            inputs=inputs,
            language=args.lang or system_language(),
        )
    except ValueError as exc:
        raise CliError(str(exc)) from None
    except OutputRefused as exc:
        raise CliError(output_hint(str(exc), args.out)) from None
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    print(f"wrote {report.path} ({_size_text(report.size)})")
    for layer in layers:
        count, dropped = report.feature_counts[layer.id], report.dropped.get(layer.id, 0)
        line = f"  {layer.title}: {count:,} feature{'s' if count != 1 else ''}"
        if dropped:
            line += f", {dropped:,} dropped (no drawable geometry)"
        print(line + ("" if count else " (empty, kept in the layer control)"))
    for note in report.notes:
        print(f"  note: {note}")
    return EXIT_OK


def add_commands(sub) -> None:
    """Add `export-html`."""
    p = sub.add_parser("export-html", help="write the map as one HTML file that works offline")
    p.add_argument("out", metavar="OUT.html")
    add_output_and_files(p)
    p.add_argument(
        "--project",
        metavar="PROJECT.ygis.json",
        help="export a saved project's layers with their colours and categories "
        "(instead of the embedded map alone); the page opens on its saved view",
    )
    p.add_argument("--title", help="the page's title (default: Yangpu District map)")
    p.add_argument(
        "--bbox",
        metavar="MINLON,MINLAT,MAXLON,MAXLAT",
        help="WGS84 area the page opens on (default: the files' extent, or Yangpu)",
    )
    p.add_argument(
        "--clip",
        action="store_true",
        help="with --bbox: write only the --file features that meet it, read through the "
        "file's spatial index (a neighbourhood of a big file, not the whole file)",
    )
    from yangpu_gis.cli.basemap import add_basemap_arguments

    add_basemap_arguments(
        p,
        "a basemap: a tile file or folder (its tiles over the view are embedded, so the "
        "page works offline), an http(s) tile URL or osm (loaded online by the page)",
    )
    add_language_argument(p, "the page: its controls, legend, popups, scale and credits")
    p.set_defaults(func=cmd_export_html)
