"""Which layers a file holds, and how GDAL (or our own readers) should open each one."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import pyogrio
import pyogrio.errors

from yangpu_gis.model.encoding import EncodingChoice, text_file_encoding
from yangpu_gis.model.file_formats import (
    SHAPEFILE,
    ZIPPED_SHAPEFILE,
    FileFormat,
    gdal_zip_path,
    zip_member_layer,
    zipped_shapefiles,
)
from yangpu_gis.model.load_errors import LoadError
from yangpu_gis.model.ogr_reader import unreadable_error
from yangpu_gis.model.reading_guard import open_options
from yangpu_gis.model.safe_gdal_path import PLAIN_STEM, needs_plain_name, plain_named


@dataclass(frozen=True)
class LayerSource:
    name: str  # as list_layers reports it
    gdal_source: str | bytes | None = None  # what GDAL opens: a path, or transcoded bytes
    gdal_layer: str | int | None = None  # layer name or position for GDAL; sheet for XLSX
    zip_member: str | None = None  # the .shp inside a zip
    encoding: EncodingChoice | None = None  # when already decided from the bytes


def _geojson_source(path: Path) -> tuple[str | bytes, EncodingChoice]:
    """GeoJSON must be UTF-8, but GBK files exist: hand GDAL a UTF-8 copy of those."""
    choice = text_file_encoding(path)
    if choice is None:
        raise LoadError.of("not_utf8_or_gbk", name=path.name)
    if choice.name == "UTF-8":
        return str(path), choice
    return path.read_bytes().decode("gb18030").encode("utf-8"), choice


def _list_layers(source: str, fmt: FileFormat) -> list[tuple[str, str | None]]:
    """pyogrio.list_layers, except for formats that need open options (it takes none):
    GML, whose reader would otherwise write a .gfs file beside the planner's file."""
    options = open_options(fmt.name)
    if not options:
        return list(pyogrio.list_layers(source))
    rows: list[tuple[str, str | None]] = []
    while True:
        try:
            info = pyogrio.read_info(source, layer=len(rows), **options)
        except pyogrio.errors.DataLayerError:
            return rows
        rows.append((info["layer_name"], info["geometry_type"]))


def _gdal_layers(path: Path, fmt: FileFormat) -> list[LayerSource]:
    if fmt is ZIPPED_SHAPEFILE:
        return [
            LayerSource(zip_member_layer(m), gdal_zip_path(path, m), zip_member=m)
            for m in zipped_shapefiles(path)
        ]
    if fmt is SHAPEFILE:
        return [LayerSource(path.stem, str(path))]
    source, encoding = _geojson_source(path) if fmt.name == "GeoJSON" else (str(path), None)
    if isinstance(source, bytes):
        # GDAL names a layer read from memory after a temporary file: address it by position.
        return [LayerSource(path.stem, source, 0, encoding=encoding)]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with plain_named(source) as readable:
                rows = _list_layers(readable, fmt)
        if needs_plain_name(source) and fmt.name != "GeoPackage":
            # a one-layer file's layer is named after the file: here, after the link
            rows = [(path.stem if name == PLAIN_STEM else name, kind) for name, kind in rows]
    except Exception as exc:  # GDAL raises several kinds for a damaged file
        raise unreadable_error(path.name, fmt.name, exc) from None
    # GeoPackages may also hold plain attribute tables, which are not map layers.
    names = [str(name) for name, kind in rows if kind is not None or fmt.name != "GeoPackage"]
    if not names:
        raise LoadError.of("no_geometry_layers", name=path.name)
    return [LayerSource(name, source, name, encoding=encoding) for name in names]


def layer_sources(path: Path, fmt: FileFormat) -> list[LayerSource]:
    if fmt.reader == "table" and path.suffix.lower() == ".xlsx":
        from yangpu_gis.model.tables import xlsx_sheets_with_locations

        return [LayerSource(sheet, gdal_layer=sheet) for sheet in xlsx_sheets_with_locations(path)]
    if fmt.reader in ("table", "parquet"):
        return [LayerSource(path.stem)]
    return _gdal_layers(path, fmt)
