"""GeoParquet, read in row batches so big files report progress and can be cancelled.

The geometry column and its CRS are described by the file's "geo" metadata (GeoParquet
spec); a column without a "crs" entry is OGC:CRS84, an explicit null means unknown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pyarrow as pa
from pyproj import CRS

from yangpu_gis.model.load_errors import LoadError
from yangpu_gis.model.load_progress import LoadProgress
from yangpu_gis.model.messages import Text
from yangpu_gis.model.ogr_reader import BATCH_SIZE, from_wkb, geo_frame, read_of, short_error


@dataclass
class ParquetLayer:
    frame: gpd.GeoDataFrame
    unreadable_geometries: int
    notes: list[str] = field(default_factory=list)


def _damaged(label: str, format_name: str, exc: BaseException) -> LoadError:
    detail = short_error(exc)
    return LoadError.of("damaged_or_truncated", name=label, format=format_name, detail=detail)


def _geo_metadata(schema: pa.Schema, label: str) -> dict:
    raw = (schema.metadata or {}).get(b"geo")
    if raw is None:
        raise LoadError.of("parquet_plain", name=label)
    try:
        geo = json.loads(raw)
        geo["columns"][geo["primary_column"]]
    except (ValueError, KeyError, TypeError):
        raise LoadError.of("parquet_meta_damaged", name=label) from None
    return geo


def _column_crs(column: dict, label: str) -> CRS | None:
    if "crs" not in column:
        return CRS.from_user_input("OGC:CRS84")
    if column["crs"] is None:
        return None
    try:
        value = column["crs"]
        return CRS.from_json_dict(value) if isinstance(value, dict) else CRS.from_user_input(value)
    except Exception as exc:  # pyproj raises CRSError, or TypeError on odd PROJJSON
        raise LoadError.of("parquet_crs", name=label, detail=short_error(exc)) from None


def read_geoparquet(path: Path, progress: LoadProgress, label: str) -> ParquetLayer:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # ArrowInvalid, OSError...
        raise _damaged(label, "Parquet", exc) from None
    geo = _geo_metadata(parquet.schema_arrow, label)
    primary = geo["primary_column"]
    column = geo["columns"][primary]
    crs = _column_crs(column, label)
    if str(column.get("encoding", "WKB")).upper() != "WKB":
        return _read_native_encoding(path, progress, label, crs)
    notes: list[str] = []
    others = [c for c in geo["columns"] if c != primary]
    if others:
        notes.append(Text.of("note_extra_geometry_columns", columns=", ".join(others)))
    covering = [c.get("xmin", [None])[0] for c in column.get("covering", {}).values()]
    dropped = set(others) | {c for c in covering if c}
    total = parquet.metadata.num_rows
    batches, done = [], 0
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_SIZE):
            batches.append(batch)
            done += batch.num_rows
            progress.report(done / total if total else 0.5, read_of(done, total))
        table = pa.Table.from_batches(batches, schema=parquet.schema_arrow)
        geometries, unreadable = from_wkb(table[primary].to_numpy(zero_copy_only=False))
        keep = [c for c in table.column_names if c != primary and c not in dropped]
        attributes = table.select(keep).to_pandas()
    except LoadError:
        raise
    except MemoryError:
        raise LoadError.of("too_large", name=label) from None
    except Exception as exc:
        raise _damaged(label, "GeoParquet", exc) from None
    return ParquetLayer(geo_frame(attributes, geometries, crs), unreadable, notes)


def _read_native_encoding(path: Path, progress: LoadProgress, label: str, crs) -> ParquetLayer:
    # GeoArrow-encoded columns are rarer; geopandas decodes them in one go.
    progress.report(0.0, Text.of("progress_reading_format", format="GeoParquet"))
    try:
        frame = gpd.read_parquet(path)
    except Exception as exc:
        raise LoadError.of(
            "cannot_read_as", name=label, format="GeoParquet", detail=short_error(exc)
        ) from None
    frame = frame.set_crs(crs, allow_override=True) if crs is not None else frame
    progress.report(1.0, Text.of("progress_read", count=f"{len(frame):,}"))
    return ParquetLayer(frame.reset_index(drop=True), 0)
