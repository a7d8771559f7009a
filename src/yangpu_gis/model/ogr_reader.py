"""Reading one GDAL vector layer in batches, so big files report progress and can be cancelled.

The Arrow stream reads the layer in a single pass; batches only add a little bookkeeping
(measured by benchmarks/chunked_read.py). Drivers whose text GDAL cannot hand over as
UTF-8 in a stream fall back to reading consecutive slices of features.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyogrio
import shapely

from yangpu_gis.model.load_errors import LoadError
from yangpu_gis.model.load_progress import LoadProgress

BATCH_SIZE = 65536
GEOMETRY = "geometry"


@dataclass
class OgrLayer:
    frame: gpd.GeoDataFrame  # in the file's CRS (frame.crs None when the file has none)
    driver: str
    unreadable_geometries: int  # present in the file but not decodable (curves...)


def short_error(exc: BaseException) -> str:
    """The useful part of a library's error message, on one short line."""
    parts = []
    # GDAL joins its error stack with "; " and adds hints and SQL that mean nothing to users.
    for part in " ".join(str(exc).split()).split("; "):
        if part and part not in parts and not part.startswith(("It might help", "sqlite3_")):
            parts.append(part)
    text = "; ".join(parts) or exc.__class__.__name__
    return text if len(text) <= 200 else text[:197] + "..."


def feature_count(source, layer: str | None, encoding: str | None, options: dict) -> tuple[int, dict]:
    info = pyogrio.read_info(source, layer=layer, encoding=encoding, **options)
    if info["features"] < 0:
        info = pyogrio.read_info(source, layer=layer, encoding=encoding,
                                 force_feature_count=True, **options)
    return max(int(info["features"]), 0), info


def from_wkb(wkb: np.ndarray) -> tuple[np.ndarray, int]:
    """Geometries from WKB, and how many could not be decoded (curves, corrupt bytes)."""
    geometries = shapely.from_wkb(wkb, on_invalid="ignore")
    unreadable = int(np.count_nonzero(shapely.is_missing(geometries) & pd.notna(wkb)))
    return geometries, unreadable


def geo_frame(attributes: pd.DataFrame, geometries: np.ndarray, crs) -> gpd.GeoDataFrame:
    if GEOMETRY in attributes.columns:
        attributes = attributes.rename(columns={GEOMETRY: f"{GEOMETRY}_field"})
    attributes = attributes.reset_index(drop=True)
    return gpd.GeoDataFrame(attributes, geometry=gpd.GeoSeries(geometries), crs=crs)


def _read_arrow(source, layer, encoding, options, total, progress: LoadProgress):
    batches, done = [], 0
    with pyogrio.open_arrow(source, layer=layer, encoding=encoding, batch_size=BATCH_SIZE,
                            use_pyarrow=True, **options) as (meta, reader):
        for batch in reader:
            batches.append(batch)
            done += batch.num_rows
            progress.report(done / total if total else 0.5, f"read {done:,} of {total:,} features")
        table = pa.Table.from_batches(batches, schema=reader.schema)
    geometry_name = meta["geometry_name"] or "wkb_geometry"
    geometries, unreadable = from_wkb(table[geometry_name].to_numpy(zero_copy_only=False))
    attributes = table.drop_columns([geometry_name]).to_pandas()
    return geo_frame(attributes, geometries, meta["crs"]), unreadable


def _read_slices(source, layer, encoding, options, total, progress: LoadProgress):
    parts, done = [], 0
    crs = None
    while True:
        part = pyogrio.read_dataframe(source, layer=layer, encoding=encoding,
                                      skip_features=done, max_features=BATCH_SIZE, **options)
        crs = part.crs
        parts.append(part)
        done += len(part)
        progress.report(done / total if total else 0.5, f"read {done:,} of {total:,} features")
        if len(part) < BATCH_SIZE or done >= total:
            break
    frame = pd.concat(parts, ignore_index=True)
    geometries = np.asarray(frame.geometry.values, dtype=object)
    attributes = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    return geo_frame(attributes, geometries, crs), 0


def read_ogr_layer(source, layer: str | None, progress: LoadProgress, *, label: str,
                   fmt_name: str, encoding: str | None = None,
                   options: dict | None = None) -> OgrLayer:
    """One layer of `source` (a GDAL path or the bytes of a file); LoadError if unreadable."""
    options = options or {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # GDAL's per-feature warnings are not for the user
            total, info = feature_count(source, layer, encoding, options)
            progress.report(0.0, f"reading {total:,} features")
            try:
                frame, unreadable = _read_arrow(source, layer, encoding, options, total, progress)
            except pyogrio.errors.DataSourceError as exc:
                if "not encoded in UTF-8" not in str(exc):
                    raise
                frame, unreadable = _read_slices(source, layer, encoding, options, total, progress)
    except LoadError:
        raise
    except MemoryError:
        raise LoadError(f"{label}: too large to load into memory") from None
    except Exception as exc:  # GDAL, Arrow and the OS raise many kinds for a damaged file
        raise LoadError(
            f"{label}: cannot be read as {fmt_name}, the file is damaged or truncated "
            f"({short_error(exc)})"
        ) from None
    return OgrLayer(frame, info.get("driver") or fmt_name, unreadable)
