"""Reading one GDAL vector layer in batches, so big files report progress and can be cancelled.

GDAL's Arrow stream reads the layer in a single pass, so batches cost next to nothing
(benchmarks/bench_chunked_read.py); slicing with skip_features instead re-seeks for every
slice and took over twice as long as one read.
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

from yangpu_gis.model import view_read
from yangpu_gis.model.load_errors import LoadError
from yangpu_gis.model.load_progress import LoadProgress
from yangpu_gis.model.messages import Text, format_param

BATCH_SIZE = 65536
GEOMETRY = "geometry"


@dataclass
class OgrLayer:
    frame: gpd.GeoDataFrame  # in the file's CRS (frame.crs None when the file has none)
    driver: str
    unreadable_geometries: int  # present in the file but not decodable (curves...)
    # Read by extent: the layer's feature count and geometry kind, as the file says them
    file_count: int | None = None
    file_kind: str | None = None


def view_box_for(info: dict, bbox_wgs84) -> tuple | None:
    """The rectangle GDAL is asked for (its spatial filter, which uses the file's index:
    a GeoPackage's R-tree, a FlatGeobuf's, a shapefile's .qix), in the layer's CRS; None
    to read everything: a layer without a CRS or a single declared kind."""
    if (
        bbox_wgs84 is None
        or not info.get("crs")
        or view_read.declared_kind(info.get("geometry_type")) is None
    ):
        return None
    from yangpu_gis.model.view_box import in_crs

    return in_crs(bbox_wgs84, info["crs"])


def read_of(done: int, total: int) -> Text:
    """The progress of a read by features, as a model.messages text."""
    return Text.of("progress_read_of", done=f"{done:,}", total=f"{total:,}")


def short_error(exc: BaseException) -> str:
    """The useful part of a library's error message, on one short line."""
    parts = []
    # GDAL joins its error stack with "; " and adds hints and SQL that mean nothing to users.
    for part in " ".join(str(exc).split()).split("; "):
        if part and part not in parts and not part.startswith(("It might help", "sqlite3_")):
            parts.append(part)
    text = "; ".join(parts) or exc.__class__.__name__
    return text if len(text) <= 200 else text[:197] + "..."


def unreadable_error(label: str, fmt_name: str, exc: BaseException) -> LoadError:
    detail = short_error(exc)
    if "not recognized as being in a supported file format" in detail:
        return LoadError.of("not_format_content", name=label, **format_param(fmt_name))
    return LoadError.of("damaged_or_truncated", name=label, detail=detail, **format_param(fmt_name))


def feature_count(
    source, layer: str | int | None, encoding: str | None, options: dict
) -> tuple[int, dict]:
    info = pyogrio.read_info(source, layer=layer, encoding=encoding, **options)
    if info["features"] < 0:
        info = pyogrio.read_info(
            source, layer=layer, encoding=encoding, force_feature_count=True, **options
        )
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


def _read_arrow(source, layer, encoding, options, total, progress: LoadProgress, bbox=None):
    # Geometries are decoded batch by batch, so progress follows the real work.
    batches, geometries, unreadable, done = [], [], 0, 0
    with pyogrio.open_arrow(
        source,
        layer=layer,
        encoding=encoding,
        batch_size=BATCH_SIZE,
        use_pyarrow=True,
        bbox=bbox,
        **options,
    ) as (meta, reader):
        geometry_name = meta["geometry_name"] or "wkb_geometry"
        for batch in reader:
            decoded, bad = from_wkb(batch.column(geometry_name).to_numpy(zero_copy_only=False))
            geometries.append(decoded)
            unreadable += bad
            batches.append(batch.drop_columns([geometry_name]))
            done += batch.num_rows
            progress.report(done / total if total else 0.5, read_of(done, total))
        schema = reader.schema.remove(reader.schema.get_field_index(geometry_name))
    attributes = pa.Table.from_batches(batches, schema=schema).to_pandas()
    merged = np.concatenate(geometries) if geometries else np.array([], dtype=object)
    return geo_frame(attributes, merged, meta["crs"]), unreadable


def read_ogr_layer(
    source,
    layer: str | int | None,
    progress: LoadProgress,
    *,
    label: str,
    fmt_name: str,
    encoding: str | None = None,
    options: dict | None = None,
    bbox_wgs84=None,
) -> OgrLayer:
    """One layer of `source` (a GDAL path or the bytes of a file); LoadError if unreadable.
    With `bbox_wgs84`, GDAL may read only the features near it (view_box_for): the
    caller keeps exactly those that meet it once in WGS84."""
    options = options or {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # GDAL's per-feature warnings are not for the user
            total, info = feature_count(source, layer, encoding, options)
            progress.report(0.0, Text.of("progress_reading", count=f"{total:,}"))
            box = view_box_for(info, bbox_wgs84)
            frame, unreadable = _read_arrow(source, layer, encoding, options, total, progress, box)
    except LoadError:
        raise
    except UnicodeDecodeError as exc:
        raise LoadError.of("wrong_declared_encoding", name=label, detail=short_error(exc)) from None
    except MemoryError:
        raise LoadError.of("too_large", name=label) from None
    except Exception as exc:  # GDAL, Arrow and the OS raise many kinds for a damaged file
        raise unreadable_error(label, fmt_name, exc) from None
    driver = info.get("driver") or fmt_name
    if box is None:
        return OgrLayer(frame, driver, unreadable)
    return OgrLayer(
        frame, driver, unreadable, total, view_read.declared_kind(info.get("geometry_type"))
    )
