"""Making a layer's geometries drawable: skip the missing ones, repair the invalid ones.

Nothing is dropped or changed without being counted, so the user can be told.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import shapely

from yangpu_gis.model.flat_features import type_names
from yangpu_gis.model.messages import Text, counted


@dataclass
class CleaningReport:
    skipped: int = 0  # missing, empty or non-numeric geometries
    repaired: int = 0  # invalid geometries made valid
    notes: list[str] = field(default_factory=list)


def _first_reason(geometries: np.ndarray) -> str:
    reason = shapely.is_valid_reason(geometries[0]) or ""
    return re.sub(r"\[.*\]$", "", reason).strip()


SLICE = 50_000  # geometries per C call: each holds the interpreter lock, and a reader
# thread checking a million footprints must leave the UI thread its turns


def _sliced(function, geometries: np.ndarray, *, threads: int = 1) -> np.ndarray:
    """function over geometries, one slice per call; on several threads for a function
    that releases the interpreter lock (shapely.is_valid does)."""
    if len(geometries) <= SLICE:
        return function(geometries)
    slices = [geometries[i : i + SLICE] for i in range(0, len(geometries), SLICE)]
    if threads > 1:
        with ThreadPoolExecutor(threads) as pool:
            return np.concatenate(list(pool.map(function, slices)))
    return np.concatenate([function(part) for part in slices])


# Checking a million footprints takes 0.8 s on one core; GEOS checks without the lock.
VALIDITY_THREADS = max(1, min(4, os.cpu_count() or 1))


def clean_geometries(frame: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, CleaningReport]:
    report = CleaningReport()
    geometries = original = np.asarray(frame.geometry.values, dtype=object)
    if _sliced(shapely.has_z, geometries).any():
        geometries = _sliced(shapely.force_2d, geometries)
    with np.errstate(invalid="ignore"):
        finite = np.isfinite(_sliced(shapely.bounds, geometries)).all(axis=1)
    drop = _sliced(shapely.is_missing, geometries) | _sliced(shapely.is_empty, geometries) | ~finite
    if drop.any():
        report.skipped = int(drop.sum())
        report.notes.append(counted("note_skipped_missing", report.skipped))
    invalid = ~drop & ~_sliced(shapely.is_valid, geometries, threads=VALIDITY_THREADS)
    if invalid.any():
        report.repaired = int(invalid.sum())
        reason = _first_reason(geometries[invalid])
        repaired = shapely.make_valid(geometries[invalid], method="structure", keep_collapsed=False)
        geometries = geometries.copy()
        geometries[invalid] = repaired
        collapsed = invalid & shapely.is_empty(geometries)
        first = (
            {"first_key": ("note_repaired_first", {"reason": reason})} if reason else {"first": ""}
        )
        report.notes.append(counted("note_repaired", report.repaired, **first))
        if collapsed.any():
            count = int(collapsed.sum())
            report.skipped += count
            report.notes.append(counted("note_skipped_collapsed", count))
            drop |= collapsed
    if geometries is not original:
        frame = frame.set_geometry(gpd.GeoSeries(geometries, index=frame.index, crs=frame.crs))
    if drop.any():
        frame = frame.loc[~drop].reset_index(drop=True)
        geometries = geometries[~drop]
    kinds = {
        kind.removeprefix("Multi") for kind in type_names(_sliced(shapely.get_type_id, geometries))
    }
    if len(kinds) > 1:
        report.notes.append(Text.of("note_mixed_types", kinds=", ".join(sorted(kinds))))
    return frame, report
