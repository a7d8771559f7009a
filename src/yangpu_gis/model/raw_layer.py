"""One layer read as the file holds it: attributes decoded, geometries in the file's CRS.

Each format has its own reader; this module picks it and gathers what the later steps
(geometry checks, CRS) need to know about the source.
"""

from __future__ import annotations

import re
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd

from yangpu_gis.model.encoding import EncodingChoice, shapefile_encoding
from yangpu_gis.model.file_formats import SHAPEFILE, ZIPPED_SHAPEFILE, FileFormat, zip_errors
from yangpu_gis.model.layer_sources import LayerSource
from yangpu_gis.model.load_progress import LoadProgress
from yangpu_gis.model.ogr_reader import read_ogr_layer
from yangpu_gis.model.reading_guard import open_options
from yangpu_gis.model.safe_gdal_path import PLAIN_STEM, needs_plain_name, plain_named
from yangpu_gis.model.shapefile_parts import has_prj, shapefile_notes

UTF8_BY_FORMAT = EncodingChoice("UTF-8", "set by the format")
# Columns GDAL's KML reader adds to every layer; left out when they carry nothing.
KML_STANDARD_DEFAULTS = {
    "description": None,
    "timestamp": None,
    "begin": None,
    "end": None,
    "altitudeMode": None,
    "tessellate": -1,
    "extrude": 0,
    "visibility": -1,
    "drawOrder": None,
    "icon": None,
    "snippet": None,
}


@dataclass
class RawLayer:
    frame: gpd.GeoDataFrame  # .crs as the file says, None when it says nothing
    encoding: EncodingChoice | None  # None: no attribute table
    notes: list[str] = field(default_factory=list)
    skipped: int = 0  # rows left out before geometries were built (tables)
    unreadable_geometries: int = 0
    crs_default: str | None = None  # what no CRS means: see source_crs.to_wgs84
    missing_crs_hint: str = ""  # a model.messages id (crs_hint_…), "" for none
    datum_hint: str | None = None  # "GCJ-02"/"BD-09" when column names say so
    # Read by extent (model.ogr_reader): the whole layer's count and kind, as the file says
    file_count: int | None = None
    file_kind: str | None = None


def mapinfo_charset(path: Path) -> EncodingChoice:
    """The charset a MapInfo .tab/.mif header names; GDAL converts the text from it."""
    with path.open("rb") as stream:
        head = stream.read(4096).decode("latin-1")
    found = re.search(r'(?im)^\s*!?charset\s+"?([\w-]+)', head)
    if found is None:
        return EncodingChoice("unknown", "the file names no charset")
    return EncodingChoice(found.group(1), "from the file's charset line")


def drop_kml_boilerplate(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    def carries_nothing(column, default) -> bool:
        values = frame[column]
        unset = values.isna() | (values == default) if default is not None else values.isna()
        return bool(unset.all())

    return frame.drop(
        columns=[
            c
            for c, default in KML_STANDARD_DEFAULTS.items()
            if c in frame.columns and carries_nothing(c, default)
        ]
    )


def _read_table(path: Path, source: LayerSource, progress: LoadProgress, label: str) -> RawLayer:
    from yangpu_gis.model.tables import read_table

    sheet = None if source.gdal_layer is None else str(source.gdal_layer)  # a sheet's name
    table = read_table(path, sheet, progress, label)
    return RawLayer(
        table.frame,
        table.encoding,
        list(table.notes),
        table.skipped,
        crs_default="assumed",
        datum_hint=table.location.datum_hint,
    )


def _read_parquet(path: Path, fmt: FileFormat, progress: LoadProgress, label: str) -> RawLayer:
    from yangpu_gis.model.geoparquet import read_geoparquet

    parquet = read_geoparquet(path, progress, label)
    return RawLayer(
        parquet.frame,
        UTF8_BY_FORMAT,
        list(parquet.notes),
        unreadable_geometries=parquet.unreadable_geometries,
    )


def _read_gdal(
    path: Path,
    fmt: FileFormat,
    source: LayerSource,
    progress: LoadProgress,
    label: str,
    bbox_wgs84=None,
) -> RawLayer:
    notes, hint = [], ""
    encoding: EncodingChoice | None = source.encoding or UTF8_BY_FORMAT
    gdal_encoding = None
    if fmt in (SHAPEFILE, ZIPPED_SHAPEFILE):
        with zip_errors(path) if source.zip_member else nullcontext():
            notes = shapefile_notes(path, source.zip_member)
            encoding = shapefile_encoding(path, source.zip_member)
        gdal_encoding = encoding.name if encoding is not None else None
        with zip_errors(path) if source.zip_member else nullcontext():
            prj = has_prj(path, source.zip_member)
        # A .prj that is there but says nothing GDAL understands is not a missing one.
        hint = "crs_hint_bad_prj" if prj else "crs_hint_no_prj"  # model.messages ids
    gdal_source = source.gdal_source if source.gdal_source is not None else str(path)
    gdal_layer = source.gdal_layer
    if needs_plain_name(gdal_source) and gdal_layer == path.stem and fmt.name != "GeoPackage":
        gdal_layer = PLAIN_STEM  # GDAL names a one-layer file's layer after the file
    with plain_named(gdal_source) as readable:
        layer = read_ogr_layer(
            readable,
            gdal_layer,
            progress,
            label=label,
            fmt_name=fmt.name,
            encoding=gdal_encoding,
            options=open_options(fmt.name),  # GML: no .gfs written beside the file
            bbox_wgs84=bbox_wgs84,
        )
    frame = layer.frame
    if fmt.name.startswith("MapInfo"):
        encoding = mapinfo_charset(path)
    if fmt.name in ("KML", "KMZ"):
        frame = drop_kml_boilerplate(frame)
    return RawLayer(
        frame,
        encoding,
        notes,
        unreadable_geometries=layer.unreadable_geometries,
        crs_default="format" if fmt.wgs84_by_spec else None,
        missing_crs_hint=hint,
        file_count=layer.file_count,
        file_kind=layer.file_kind,
    )


def read_raw_layer(
    path: Path,
    fmt: FileFormat,
    source: LayerSource,
    progress: LoadProgress,
    label: str,
    bbox_wgs84=None,
) -> RawLayer:
    """The layer as the file holds it; with `bbox_wgs84`, GDAL formats may read only
    the features near it (tables and GeoParquet are read whole, and filtered after)."""
    if fmt.reader == "table":
        return _read_table(path, source, progress, label)
    if fmt.reader == "parquet":
        return _read_parquet(path, fmt, progress, label)
    return _read_gdal(path, fmt, source, progress, label, bbox_wgs84)
