"""Reading planners' files into WGS84 layers, with one clear message when a file is bad.

Everything here raises LoadError (a one-line, user-facing message) for bad input; any
other exception is a bug. Warnings (repaired or skipped geometries, an assumed CRS...)
travel with the result instead of being printed.
"""

from __future__ import annotations

import warnings as pywarnings
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from pyproj import CRS

from yangpu_gis.model import crs as crs_mod
from yangpu_gis.model.crs import CrsSpec, UnknownCrsError, parse_crs
from yangpu_gis.model.encoding import shapefile_encoding

# Formats whose specification fixes the CRS to WGS84 longitude/latitude.
WGS84_BY_SPEC = {".geojson", ".json", ".kml", ".kmz", ".csv", ".xlsx"}


class LoadError(Exception):
    """A file could not be read; str() is one line meant for the user."""


@dataclass
class LoadedLayer:
    name: str
    data: gpd.GeoDataFrame  # always EPSG:4326
    path: str
    source_layer: str | None
    source_crs: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)

    def info(self) -> dict:
        minx, miny, maxx, maxy = (
            self.data.total_bounds if len(self.data) else (np.nan,) * 4
        )
        return {
            "layer": self.source_layer or self.name,
            "crs": self.source_crs,
            "feature_count": int(len(self.data)),
            "geometry_types": sorted(self.data.geom_type.dropna().unique().tolist()),
            "bounds_wgs84": None if not len(self.data) else [
                round(float(v), 7) for v in (minx, miny, maxx, maxy)
            ],
            "fields": [
                {"name": c, "type": str(self.data[c].dtype)}
                for c in self.data.columns if c != self.data.geometry.name
            ],
            "encoding": self.encoding,
            "warnings": list(self.warnings),
        }


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    return text[:200]


def list_layers(path: str | Path) -> list[str]:
    path = _check_path(path)
    if path.suffix.lower() in (".csv", ".xlsx"):
        return [path.stem]
    try:
        return [str(row[0]) for row in pyogrio.list_layers(_gdal_path(path))]
    except Exception as exc:  # GDAL raises many types for bad files
        raise LoadError(f"{path.name}: not a readable GIS file ({_short(exc)})") from None


def _check_path(path: str | Path) -> Path:
    path = Path(path)
    if not path.exists():
        raise LoadError(f"{path}: no such file")
    if path.is_dir():
        raise LoadError(f"{path}: is a folder, not a file")
    return path


def _gdal_path(path: Path) -> str:
    if path.suffix.lower() == ".zip":
        return f"/vsizip/{path}"
    return str(path)


def read_file(
    path: str | Path, layer: str | None = None, declared_crs: str | None = None
) -> list[LoadedLayer]:
    """Every layer of a file (or just `layer`), reprojected to WGS84."""
    path = _check_path(path)
    spec = None
    if declared_crs:
        try:
            spec = parse_crs(declared_crs)
        except UnknownCrsError as exc:
            raise LoadError(str(exc)) from None
    names = [layer] if layer else list_layers(path)
    if not names:
        raise LoadError(f"{path.name}: the file holds no layers")
    return [_read_one(path, name, spec, multi=len(names) > 1) for name in names]


def _read_one(path: Path, layer: str, spec: CrsSpec | None, multi: bool) -> LoadedLayer:
    suffix = path.suffix.lower()
    encoding = None
    notes: list[str] = []
    try:
        if suffix in (".csv", ".xlsx"):
            from yangpu_gis.model.tables import read_table

            raw, encoding, table_notes = read_table(path)
            notes += table_notes
        else:
            kwargs = {}
            if suffix == ".shp" or suffix == ".zip":
                encoding = shapefile_encoding(path)
                kwargs["encoding"] = encoding
            with pywarnings.catch_warnings():
                pywarnings.simplefilter("ignore")
                raw = pyogrio.read_dataframe(
                    _gdal_path(path), layer=layer if multi or suffix == ".gpkg" else None,
                    **kwargs,
                )
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError(f"{path.name}: could not be read ({_short(exc)})") from None
    if not isinstance(raw, gpd.GeoDataFrame) or raw.geometry.name not in raw.columns:
        raise LoadError(f"{path.name}: has no geometry column")

    source_label, data = _to_wgs84(path, raw, spec)
    data, geometry_notes = _clean_geometries(data)
    notes += geometry_notes
    name = layer if multi else path.stem
    return LoadedLayer(
        name=name, data=data, path=str(path), source_layer=layer if multi else None,
        source_crs=source_label, encoding=encoding, warnings=notes,
    )


def _to_wgs84(path: Path, raw: gpd.GeoDataFrame, spec: CrsSpec | None):
    file_crs: CRS | None = raw.crs
    if spec is not None and spec.datum:
        data = raw.set_crs(crs_mod.WGS84, allow_override=True)
        data = data.set_geometry(crs_mod.convert_datum_to_wgs84(data.geometry.values, spec.datum))
        _check_lonlat(path, data)
        return spec.label, data
    target = spec.crs if spec is not None else file_crs
    if target is None:
        if path.suffix.lower() in WGS84_BY_SPEC:
            target = CRS.from_epsg(4326)
        else:
            raise LoadError(
                f"{path.name}: the file does not say which coordinate system it uses; "
                "declare it (e.g. EPSG:4549, gcj02)"
            )
    data = raw.set_crs(target, allow_override=True)
    label = CrsSpec(crs=CRS.from_user_input(target)).label
    if data.crs.is_geographic:
        _check_lonlat(path, data)
    try:
        data = data.to_crs(crs_mod.WGS84)
    except Exception as exc:
        raise LoadError(f"{path.name}: cannot convert from {label} to WGS84 ({_short(exc)})") from None
    return label, data


def _check_lonlat(path: Path, data: gpd.GeoDataFrame) -> None:
    if not len(data):
        return
    minx, miny, maxx, maxy = shapely.total_bounds(data.geometry.values)
    if np.isnan(minx):
        return
    if minx < -180.5 or maxx > 180.5 or miny < -90.5 or maxy > 90.5:
        raise LoadError(
            f"{path.name}: coordinates up to {max(abs(minx), abs(maxx)):,.0f} cannot be "
            "longitude/latitude (projected metres?); declare the file's CRS (e.g. EPSG:4549)"
        )


def _clean_geometries(data: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, list[str]]:
    notes = []
    geoms = data.geometry.values
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if missing.any():
        notes.append(f"skipped {int(missing.sum())} feature(s) with no geometry")
        data = data.loc[~missing].reset_index(drop=True)
        geoms = data.geometry.values
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        repaired = np.asarray(geoms, dtype=object).copy()
        repaired[invalid] = shapely.make_valid(repaired[invalid])
        data = data.set_geometry(gpd.GeoSeries(repaired, crs=data.crs, index=data.index))
        notes.append(f"repaired {int(invalid.sum())} invalid geometr{'y' if invalid.sum() == 1 else 'ies'}")
    kinds = {t.removeprefix("Multi") for t in data.geom_type.unique()}
    if len(kinds) > 1:
        notes.append(f"mixed geometry types: {', '.join(sorted(kinds))}")
    if not len(data):
        notes.append("the layer has no features")
    return data, notes
