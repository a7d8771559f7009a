"""Reading planners' files into WGS84 layers, with one clear message when a file is bad.

    list_layers(path) -> list[str]
    read_file(path, layer=None, declared_crs=None, *, progress=None, cancel=None)
        -> list[LoadedLayer]

Bad input raises LoadError (one line for the user); CrsRequired when the user must say
which CRS the file uses, LoadCancelled when `cancel` was set. Any other exception is a
bug. Warnings (repaired or skipped geometries, an assumed CRS...) travel with each layer.
`declared_crs` ("EPSG:4549", "gcj02", "bd09") overrides what the file says.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pyogrio

from yangpu_gis.model import crs as crs_mod
from yangpu_gis.model.crs import CrsSpec, UnknownCrsError, parse_crs
from yangpu_gis.model.encoding import EncodingChoice, shapefile_encoding, text_file_encoding
from yangpu_gis.model.file_formats import (
    SHAPEFILE,
    SHAPEFILE_PARTS,
    SUPPORTED_SUFFIXES,
    ZIPPED_SHAPEFILE,
    FileFormat,
    detect_format,
    gdal_zip_path,
    zip_member_layer,
    zipped_shapefiles,
)
from yangpu_gis.model.geometry_cleaning import clean_geometries
from yangpu_gis.model.load_errors import CrsRequired, LoadCancelled, LoadError
from yangpu_gis.model.load_progress import LoadProgress, ProgressCallback
from yangpu_gis.model.ogr_reader import read_ogr_layer, short_error
from yangpu_gis.model.shapefile_parts import shapefile_notes
from yangpu_gis.model.source_crs import crs_label, to_wgs84

__all__ = [
    "SHAPEFILE_PARTS", "SUPPORTED_SUFFIXES", "CrsRequired", "LoadCancelled", "LoadError",
    "LoadedLayer", "list_layers", "read_file",
]

UTF8_BY_FORMAT = EncodingChoice("UTF-8", "set by the format")
NO_ATTRIBUTES = EncodingChoice("n/a", "no attribute table")
# Columns GDAL's KML reader adds to every layer; left out when they carry nothing.
KML_STANDARD_DEFAULTS = {
    "description": None, "timestamp": None, "begin": None, "end": None, "altitudeMode": None,
    "tessellate": -1, "extrude": 0, "visibility": -1, "drawOrder": None, "icon": None,
    "snippet": None,
}


@dataclass
class LoadedLayer:
    name: str
    data: gpd.GeoDataFrame  # always EPSG:4326, rows numbered 0..n-1
    path: str
    source_layer: str | None  # the layer's name in the file: read_file(path, source_layer)
    source_crs: str  # label of the CRS the data was read in
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    format: str = ""
    crs_origin: str = "file"  # "file" | "declared" | "format" (WGS84 by spec) | "assumed"
    encoding_detail: str | None = None
    skipped: int = 0  # features left out (no usable geometry)
    repaired: int = 0  # invalid geometries repaired

    def info(self) -> dict:
        count = len(self.data)
        bounds = None
        if count:
            bounds = [round(float(v), 7) for v in self.data.total_bounds]
        return {
            "layer": self.source_layer or self.name,
            "name": self.name,
            "format": self.format,
            "crs": self.source_crs,
            "crs_origin": self.crs_origin,
            "feature_count": count,
            "geometry_types": sorted(self.data.geom_type.dropna().unique().tolist()),
            "bounds_wgs84": bounds,
            "fields": [
                {"name": str(c), "type": str(self.data[c].dtype)}
                for c in self.data.columns if c != self.data.geometry.name
            ],
            "encoding": self.encoding,
            "encoding_detail": self.encoding_detail,
            "skipped_features": self.skipped,
            "repaired_geometries": self.repaired,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class _LayerRef:
    name: str  # as list_layers reports it
    source: str | bytes | None = None  # what GDAL opens (a path, or transcoded bytes)
    gdal_layer: str | int | None = None
    zip_member: str | None = None
    encoding: EncodingChoice | None = None


def _existing_file(path: str | Path) -> Path:
    path = Path(path)
    if not path.exists():
        raise LoadError(f"{path}: no such file")
    if path.is_dir():
        raise LoadError(f"{path}: is a folder, not a file")
    return path


def _detect(path: Path) -> FileFormat:
    try:
        return detect_format(path)
    except OSError as exc:
        raise LoadError(f"{path.name}: cannot be opened ({exc.strerror or short_error(exc)})") from None


def _text_source(path: Path) -> tuple[str | bytes, EncodingChoice]:
    """GeoJSON must be UTF-8, but GBK files exist: hand GDAL a UTF-8 copy of those."""
    choice = text_file_encoding(path)
    if choice is None:
        raise LoadError(f"{path.name}: the text is neither UTF-8 nor GBK/GB18030")
    if choice.name == "UTF-8":
        return str(path), choice
    return path.read_bytes().decode("gb18030").encode("utf-8"), choice


def _ogr_layers(path: Path, fmt: FileFormat) -> list[_LayerRef]:
    if fmt is ZIPPED_SHAPEFILE:
        return [_LayerRef(zip_member_layer(m), gdal_zip_path(path, m), None, m)
                for m in zipped_shapefiles(path)]
    if fmt is SHAPEFILE:
        return [_LayerRef(path.stem, str(path), None)]
    source, encoding = (_text_source(path) if fmt.name == "GeoJSON" else (str(path), None))
    if isinstance(source, bytes):
        # GDAL names a layer read from memory after a temporary file: address it by position.
        return [_LayerRef(path.stem, source, 0, None, encoding)]
    try:
        rows = pyogrio.list_layers(source)
    except Exception as exc:  # GDAL raises several kinds for a damaged file
        raise LoadError(f"{path.name}: cannot be read as {fmt.name}, the file is damaged or "
                        f"truncated ({short_error(exc)})") from None
    # GeoPackages may also hold plain attribute tables, which are not map layers.
    names = [str(name) for name, kind in rows if kind is not None or fmt.name != "GeoPackage"]
    if not names:
        raise LoadError(f"{path.name}: the file holds no layers with geometry")
    return [_LayerRef(name, source, name, None, encoding) for name in names]


def _layer_refs(path: Path, fmt: FileFormat) -> list[_LayerRef]:
    if fmt.reader == "table" and path.suffix.lower() == ".xlsx":
        from yangpu_gis.model.tables import xlsx_sheets_with_locations

        return [_LayerRef(sheet, gdal_layer=sheet) for sheet in xlsx_sheets_with_locations(path)]
    if fmt.reader in ("table", "parquet"):
        return [_LayerRef(path.stem)]
    return _ogr_layers(path, fmt)


def list_layers(path: str | Path) -> list[str]:
    """Names of the layers `read_file` can read from the file (sheets, for a workbook)."""
    path = _existing_file(path)
    return [ref.name for ref in _layer_refs(path, _detect(path))]


def _declared(value: str | CrsSpec | None) -> CrsSpec | None:
    if value is None or isinstance(value, CrsSpec):
        return value
    if not str(value).strip():
        return None
    try:
        return parse_crs(str(value))
    except UnknownCrsError:
        raise LoadError(
            f"unknown CRS {str(value).strip()!r}: give EPSG:n (e.g. EPSG:4549), gcj02 or bd09"
        ) from None


def read_file(
    path: str | Path,
    layer: str | None = None,
    declared_crs: str | CrsSpec | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> list[LoadedLayer]:
    """Every layer of a file (or just `layer`) with features, reprojected to WGS84.

    `progress(fraction, message)` is called as the read advances; setting `cancel`
    makes the read stop with LoadCancelled at the next batch of features.
    """
    declared = _declared(declared_crs)
    path = _existing_file(path)
    tracker = LoadProgress(progress, cancel, name=path.name)
    tracker.report(0.0, f"opening {path.name}")
    fmt = _detect(path)
    refs = _layer_refs(path, fmt)
    if layer is not None:
        chosen = [ref for ref in refs if ref.name == layer]
        if not chosen:
            names = ", ".join(ref.name for ref in refs)
            raise LoadError(f"{path.name}: has no layer {layer!r} (its layers: {names})")
    else:
        chosen = refs
    multi = len(refs) > 1
    try:
        loaded = [
            _read_layer(path, fmt, ref, declared, tracker.stage(i / len(chosen), (i + 1) / len(chosen)), multi)
            for i, ref in enumerate(chosen)
        ]
    except MemoryError:
        raise LoadError(f"{path.name}: too large to load into memory") from None
    with_features = [one for one in loaded if len(one.data)]
    if not with_features:
        raise LoadError(_nothing_message(path, loaded))
    empty = [one.source_layer for one in loaded if not len(one.data)]
    if empty:
        with_features[0].warnings.append(f"left out empty layer(s): {', '.join(empty)}")
    tracker.report(1.0, f"loaded {path.name}")
    return with_features


def mapinfo_charset(path: Path) -> EncodingChoice:
    """The charset a MapInfo .tab/.mif header names; GDAL converts the text from it."""
    with path.open("rb") as stream:
        head = stream.read(4096).decode("latin-1")
    found = re.search(r'(?im)^\s*!?charset\s+"?([\w-]+)', head)
    if found is None:
        return EncodingChoice("unknown", "the file names no charset")
    return EncodingChoice(found.group(1), "from the file's charset line")


def drop_kml_boilerplate(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    empty = [
        column for column, default in KML_STANDARD_DEFAULTS.items()
        if column in frame.columns
        and (frame[column].isna() | (frame[column] == default if default is not None else False)).all()
    ]
    return frame.drop(columns=empty)


def _nothing_message(path: Path, loaded: list[LoadedLayer]) -> str:
    if any(one.skipped for one in loaded):
        reasons = [w for one in loaded for w in one.warnings if w.startswith("skipped")]
        return f"{path.name}: no feature has a usable geometry ({'; '.join(reasons)})"
    return f"{path.name}: the file holds no features"


def _read_layer(path: Path, fmt: FileFormat, ref: _LayerRef, declared: CrsSpec | None,
                stage: LoadProgress, multi: bool) -> LoadedLayer:
    label = f"{path.name}, layer {ref.name!r}" if multi else path.name
    reading = stage.stage(0.0, 0.85)
    notes: list[str] = []
    skipped = unreadable = 0
    default = "format" if fmt.wgs84_by_spec else None
    missing_hint, datum_hint = "", None
    if fmt.reader == "table":
        from yangpu_gis.model.tables import read_table

        table = read_table(path, ref.gdal_layer, reading, label)
        raw, encoding, skipped, default = table.frame, table.encoding, table.skipped, "assumed"
        notes += table.notes
        datum_hint = table.location.datum_hint
    elif fmt.reader == "parquet":
        from yangpu_gis.model.geoparquet import read_geoparquet

        parquet = read_geoparquet(path, reading, label)
        raw, encoding, unreadable = parquet.frame, UTF8_BY_FORMAT, parquet.unreadable_geometries
        notes += parquet.notes
    else:
        encoding, gdal_encoding = ref.encoding or UTF8_BY_FORMAT, None
        if fmt in (SHAPEFILE, ZIPPED_SHAPEFILE):
            notes += shapefile_notes(path, ref.zip_member)
            encoding = shapefile_encoding(path, ref.zip_member) or NO_ATTRIBUTES
            gdal_encoding = None if encoding is NO_ATTRIBUTES else encoding.name
            missing_hint = " (it has no .prj file)"
        source = ref.source if ref.source is not None else str(path)
        layer = read_ogr_layer(source, ref.gdal_layer, reading, label=label, fmt_name=fmt.name,
                               encoding=gdal_encoding)
        raw, unreadable = layer.frame, layer.unreadable_geometries
        if fmt.name.startswith("MapInfo"):
            encoding = mapinfo_charset(path)
        if fmt.name in ("KML", "KMZ"):
            raw = drop_kml_boilerplate(raw)

    stage.report(0.86, "checking geometries")
    raw, cleaning = clean_geometries(raw)
    notes += cleaning.notes
    if unreadable:
        notes.append(f"{unreadable:,} of the skipped geometries are of a kind that cannot be "
                     "read (curves, or damaged)")
    if len(raw):
        stage.report(0.93, "converting to WGS84")
        data, outcome = to_wgs84(raw, declared, label=label, path=str(path), layer=ref.name,
                                 default=default, missing_hint=missing_hint)
        crs_text, crs_origin = outcome.label, outcome.origin
        notes += outcome.notes
    else:
        data = raw.set_crs(crs_mod.WGS84, allow_override=True)
        crs_text = crs_label(raw.crs) if raw.crs is not None else "unknown"
        crs_origin = "file"
        notes.append("the layer has no features")
    if datum_hint and declared is None:
        notes.append(f"column names suggest {datum_hint} coordinates: declare "
                     f"{datum_hint.lower().replace('-', '')} if so")
    stage.report(1.0, f"{len(data):,} features ready")
    return LoadedLayer(
        name=ref.name if multi else path.stem,
        data=data.reset_index(drop=True),
        path=str(path),
        source_layer=ref.name,
        source_crs=crs_text,
        encoding=None if encoding is NO_ATTRIBUTES else encoding.name,
        warnings=notes,
        format=fmt.name,
        crs_origin=crs_origin,
        encoding_detail=encoding.reason,
        skipped=skipped + cleaning.skipped,
        repaired=cleaning.repaired,
    )
