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

import threading
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import shapely

from yangpu_gis.model import crs as crs_mod
from yangpu_gis.model import reading_guard
from yangpu_gis.model.crs import CrsSpec, UnknownCrsError, parse_crs
from yangpu_gis.model.file_formats import (
    SHAPEFILE_PARTS,
    SUPPORTED_SUFFIXES,
    ZIPPED_SHAPEFILE,
    FileFormat,
    detect_format,
)
from yangpu_gis.model.flat_features import type_names
from yangpu_gis.model.geometry_cleaning import clean_geometries
from yangpu_gis.model.layer_sources import LayerSource, layer_sources
from yangpu_gis.model.load_errors import CrsRequired, LoadCancelled, LoadError
from yangpu_gis.model.load_progress import LoadProgress, ProgressCallback
from yangpu_gis.model.messages import Text
from yangpu_gis.model.ogr_reader import short_error
from yangpu_gis.model.raw_layer import read_raw_layer
from yangpu_gis.model.read_budgets import allow_big_geojson, check_archive, check_memory
from yangpu_gis.model.source_crs import crs_label, to_wgs84
from yangpu_gis.model.sqlite_budget import check_geopackage
from yangpu_gis.model.view_read import in_view

__all__ = [
    "SHAPEFILE_PARTS",
    "SUPPORTED_SUFFIXES",
    "CrsRequired",
    "LoadCancelled",
    "LoadError",
    "LoadedLayer",
    "list_layers",
    "read_file",
]


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
    # Read by extent: the whole layer's feature count and geometry kind
    full_count: int | None = None
    file_geometry_type: str | None = None

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
            "geometry_types": type_names(shapely.get_type_id(self.data.geometry.values)),
            "bounds_wgs84": bounds,
            "fields": [
                {"name": str(c), "type": str(self.data[c].dtype)}
                for c in self.data.columns
                if c != self.data.geometry.name
            ],
            "encoding": self.encoding,
            "encoding_detail": self.encoding_detail,
            "skipped_features": self.skipped,
            "repaired_geometries": self.repaired,
            "warnings": list(self.warnings),
            **(
                {"feature_count": self.full_count, "file_geometry_type": self.file_geometry_type}
                if self.full_count is not None
                else {}
            ),
        }


def _existing_file(path: str | Path) -> Path:
    """An existing regular file: a FIFO would block the first read forever, a device
    never end. Network access from data is switched off before GDAL sees the file."""
    reading_guard.enforce()
    return reading_guard.regular_file(Path(path))


def _detect(path: Path) -> FileFormat:
    try:
        return detect_format(path)
    except OSError as exc:
        raise LoadError.of(
            "cannot_open", path=path.name, reason=exc.strerror or short_error(exc)
        ) from None


def _within_budgets(path: Path, fmt: FileFormat, cancel: threading.Event | None = None) -> None:
    """Archives checked before anything inflates; GeoJSON read without GDAL's 200 MB
    object limit (model.read_budgets); a GeoPackage's queries asked under a time budget
    first (model.sqlite_budget)."""
    if fmt is ZIPPED_SHAPEFILE or fmt.name == "KMZ":
        check_archive(path)
    check_memory(path, fmt.name)
    if fmt.name == "GeoPackage":
        check_geopackage(path, cancel)
    if fmt.name == "GeoJSON":
        allow_big_geojson()


def list_layers(path: str | Path) -> list[str]:
    """Names of the layers `read_file` can read from the file (sheets, for a workbook)."""
    path = _existing_file(path)
    fmt = _detect(path)
    _within_budgets(path, fmt)
    return [source.name for source in layer_sources(path, fmt)]


def _declared(value: str | CrsSpec | None) -> CrsSpec | None:
    if value is None or isinstance(value, CrsSpec):
        return value
    if not str(value).strip():
        return None
    try:
        return parse_crs(str(value))
    except UnknownCrsError:
        raise LoadError.of("unknown_declared_crs", crs=repr(str(value).strip())) from None


def read_file(
    path: str | Path,
    layer: str | None = None,
    declared_crs: str | CrsSpec | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    keep_empty: bool = False,
    bbox_wgs84: tuple[float, float, float, float] | None = None,
) -> list[LoadedLayer]:
    """Every layer of a file (or just `layer`) with features, reprojected to WGS84.

    `progress(fraction, message)` is called as the read advances; setting `cancel`
    makes the read stop with LoadCancelled at the next batch of features. With
    `keep_empty`, layers without features are returned too (an export that lists
    them) instead of left out, or refused when no layer has any. With `bbox_wgs84`,
    each layer holds only its features whose WGS84 envelope meets it (read through
    the file's spatial index where GDAL has one), and says the whole layer's count
    and kind (model.view_read); a layer with features elsewhere only is kept, empty.
    """
    declared = _declared(declared_crs)
    path = _existing_file(path)
    tracker = LoadProgress(progress, cancel, name=path.name)
    tracker.report(0.0, Text.of("progress_opening", name=path.name))
    fmt = _detect(path)
    _within_budgets(path, fmt, cancel)
    sources = layer_sources(path, fmt)
    chosen = sources if layer is None else [s for s in sources if s.name == layer]
    if not chosen:
        names = ", ".join(s.name for s in sources)
        raise LoadError.of("no_such_layer", name=path.name, layer=repr(layer), names=names)
    multi = len(sources) > 1
    loaded = []
    try:
        for i, source in enumerate(chosen):
            stage = tracker.stage(i / len(chosen), (i + 1) / len(chosen))
            loaded.append(_read_layer(path, fmt, source, declared, stage, multi, bbox_wgs84))
    except MemoryError:
        raise LoadError.of("too_large", name=path.name) from None
    with_features = [one for one in loaded if len(one.data) or one.full_count]
    if keep_empty:
        tracker.report(1.0, Text.of("progress_loaded", name=path.name))
        return loaded
    if not with_features:
        raise _nothing_error(path, loaded)
    empty = [one.source_layer or one.name for one in loaded if not len(one.data)]
    if empty:
        with_features[0].warnings.append(
            Text.of("note_empty_layers_left_out", layers=", ".join(empty))
        )
    tracker.report(1.0, Text.of("progress_loaded", name=path.name))
    return with_features


def _nothing_error(path: Path, loaded: list[LoadedLayer]) -> LoadError:
    if any(one.skipped for one in loaded):
        reasons = [w for one in loaded for w in one.warnings if w.startswith("skipped")]
        return LoadError.of("no_usable_geometry", name=path.name, reasons=reasons)
    return LoadError.of("file_no_features", name=path.name)


def _read_layer(
    path: Path,
    fmt: FileFormat,
    source: LayerSource,
    declared: CrsSpec | None,
    stage: LoadProgress,
    multi: bool,
    bbox_wgs84=None,
) -> LoadedLayer:
    label = f"{path.name}, layer {source.name!r}" if multi else path.name
    # A declared CRS overrides the file's, so the file's index cannot be asked in it
    near = bbox_wgs84 if declared is None else None
    raw = read_raw_layer(path, fmt, source, stage.stage(0.0, 0.85), label, near)
    notes = list(raw.notes)
    stage.report(0.86, Text.of("progress_checking"))
    frame, cleaning = clean_geometries(raw.frame)
    notes += cleaning.notes
    if raw.unreadable_geometries:
        notes.append(Text.of("note_unreadable_geometries", count=f"{raw.unreadable_geometries:,}"))
    if len(frame):
        stage.report(0.93, Text.of("progress_converting"))
        data, outcome = to_wgs84(
            frame,
            declared,
            label=label,
            path=str(path),
            layer=source.name,
            default=raw.crs_default,
            missing_hint=raw.missing_crs_hint,
        )
        crs_text, crs_origin = outcome.label, outcome.origin
        notes += outcome.notes
    else:
        data = frame.set_crs(crs_mod.WGS84, allow_override=True)
        crs_text = crs_label(frame.crs) if frame.crs is not None else "unknown"
        crs_origin = "file"
        notes.append(Text.of("note_layer_no_features"))
    if raw.datum_hint and declared is None:
        declare = raw.datum_hint.lower().replace("-", "")
        notes.append(Text.of("note_datum_hint", datum=raw.datum_hint, declare=declare))
    view = None
    if bbox_wgs84 is not None:
        data, view = in_view(data, bbox_wgs84, raw.file_count, raw.file_kind)
    stage.report(1.0, Text.of("progress_ready", count=f"{len(data):,}"))
    return LoadedLayer(
        name=source.name if multi else path.stem,
        data=data.reset_index(drop=True),
        path=str(path),
        source_layer=source.name,
        source_crs=crs_text,
        encoding=raw.encoding.name if raw.encoding else None,
        warnings=notes,
        format=fmt.name,
        crs_origin=crs_origin,
        encoding_detail=raw.encoding.reason if raw.encoding else "no attribute table",
        skipped=raw.skipped + cleaning.skipped,
        repaired=cleaning.repaired,
        full_count=view[0] if view else None,
        file_geometry_type=view[1] if view else None,
    )
