"""What every command shares: exit codes, the one-line error, JSON output, loading files."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """Bad input: printed as one line, exit code 1."""


def print_json(doc) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def load_files(
    paths: Sequence[str],
    declared_crs: str | None,
    *,
    for_drawing: bool = False,
    keep_empty: bool = False,
    postgis: dict | None = None,
    bbox_wgs84: tuple[float, float, float, float] | None = None,
    bbox_through_gdal: bool = False,
):
    """Layers of the files; `for_drawing` takes the lean GeoPackage path when it can
    (model.geopackage_reader), so `render` need not import geopandas; `keep_empty`
    keeps layers without features (io.read_file). `bbox_wgs84` reads only the features
    whose envelope meets it, through the file's spatial index where it has one: a
    GeoPackage's R-tree on the lean path, and with `bbox_through_gdal` the other files'
    through GDAL too (whose layers cannot say their features' rows in the file, which
    identify reports: it reads those whole). A
    postgresql:// address is read as the view or point `postgis` names
    (model.postgis.layers)."""
    from yangpu_gis.model.layer import Layer, new_layer_id
    from yangpu_gis.model.postgis import is_postgis_uri

    layers = []
    for path in paths:
        if is_postgis_uri(path):
            from yangpu_gis.model.postgis.layers import open_postgis

            layers.append(open_postgis(path, **(postgis or {})))
            continue
        if for_drawing and declared_crs is None:
            from yangpu_gis.model.geopackage_reader import read_geopackage_for_drawing

            drawable = read_geopackage_for_drawing(path, bbox_wgs84)
            if drawable is not None:
                multi = len(drawable) > 1
                layers += [
                    Layer(
                        id=new_layer_id("file"),
                        title=one.name if multi else os.path.splitext(os.path.basename(path))[0],
                        data=one.table,
                        source=str(path),
                        source_layer=one.name,
                        info=_view_info(one),
                    )
                    for one in drawable
                ]
                continue
        from yangpu_gis.model.io import read_file
        from yangpu_gis.model.open_layers import layer_from_loaded

        layers += [
            layer_from_loaded(loaded, declared_crs)
            for loaded in read_file(
                path,
                declared_crs=declared_crs,
                keep_empty=keep_empty,
                bbox_wgs84=bbox_wgs84 if bbox_through_gdal else None,
            )
        ]
    return layers


def _view_info(drawable) -> dict:
    """A lean layer's info; read by extent, also what the whole file holds, which its
    first look depends on (model.new_layer_look)."""
    info: dict = {"warnings": drawable.notes}
    if drawable.full_count is not None:
        info["feature_count"] = drawable.full_count
        info["file_geometry_type"] = drawable.file_geometry_type
    return info


def declared_crs(text: str | None) -> str | None:
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


FORCE_HELP = "replace OUT if it already exists (never an input)"


def add_output_and_files(parser) -> None:
    """--force, --file and --crs, as every command that writes a map from files takes them."""
    parser.add_argument("--force", action="store_true", help=FORCE_HELP)
    parser.add_argument("--file", action="append", metavar="FILE", help="add this file as a layer")
    parser.add_argument(
        "--crs", help="declare the CRS of the --file files, overriding what they say"
    )


def refuse_existing(out: str, force: bool) -> None:
    """An existing file at OUT is replaced only with --force: one line otherwise. Called
    after the destination's own checks, so an input, a device or a folder keeps its
    message (and --force never lets an input be written over)."""
    if not force and os.path.isfile(out):
        raise CliError(f"{out} already exists: pass --force to replace it")


def output_hint(message: str, out: str) -> str:
    """A refused OUT that is an existing data file was most likely meant as one more input."""
    from yangpu_gis.model.file_formats import SUPPORTED_SUFFIXES

    if os.path.isfile(out) and os.path.splitext(out)[1].lower() in SUPPORTED_SUFFIXES:
        return f"{message} (it was left unchanged; to add several files, put --file before each)"
    return message


def readable_formats_help() -> str:
    """The help's list of what FILE may be, a line per format of the registry
    (model.file_formats.REGISTRY), so the help never lags behind the readers."""
    from yangpu_gis.model.file_formats import REGISTRY

    width = max(len(fmt.name) for fmt in REGISTRY)
    lines = [f"  {fmt.name:<{width}}  {' '.join(fmt.suffixes)}" for fmt in REGISTRY]
    return "FILE may be any of these formats:\n" + "\n".join(lines)


def add_language_argument(parser, what: str) -> None:
    """--lang zh|en for an export; without it, the language of the user's locale."""
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        help=f"language of {what} (default: the locale's, e.g. LANG=zh_CN.UTF-8 gives zh)",
    )
