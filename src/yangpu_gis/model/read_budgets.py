"""Limits a read keeps to, so a small hostile or broken file cannot exhaust the machine.

- Archives (zipped shapefiles, KMZ): the sizes their members declare are summed before
  anything is inflated; a total past MAX_INFLATED_BYTES, or a tiny archive that would
  inflate by more than MAX_RATIO, is refused with one line (a 1.9 MB KMZ inflated to 4 GB).
  The declared sizes can lie, so the members are then inflated and counted
  (model.zip_inflate, nothing kept): a member that inflates past what it declares, or a
  real total past the same budgets, is refused before the reader inflates anything.
- GeoJSON: GDAL streams a FeatureCollection but refuses any one feature over 200 MB by
  default (a district outline, a long survey line), and the file was then called
  damaged; the limit is lifted (OGR_GEOJSON_MAX_OBJ_SIZE=0, process-wide, so the app's
  reader thread and `info` read under it too) before every GeoJSON read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from yangpu_gis.model.load_errors import LoadError
from yangpu_gis.model.zip_archive import shared_archive
from yangpu_gis.model.zip_inflate import real_inflated

MAX_INFLATED_BYTES = 4 * 2**30
MAX_RATIO = 200  # text compresses about 10x, a shapefile 2-5x; a bomb thousands of times
RATIO_FLOOR_BYTES = 256 * 2**20  # below this, any ratio is harmless
GDAL_READ_OPTIONS = {"OGR_GEOJSON_MAX_OBJ_SIZE": "0"}
# Memory a read takes, per byte of file: CSV's 10 is the peak measured for a large CSV of
# points streamed in chunks (benchmarks/bench_csv_memory.py; nearly all of it the layer);
# the others are conservative estimates, not yet measured per format (text formats build
# every value as a Python object, binary ones copy little).
MEMORY_PER_BYTE = {"CSV": 10, "GeoJSON": 6, "KML": 6, "GML": 6, "Excel workbook": 20}
DEFAULT_MEMORY_PER_BYTE = 4


def available_memory() -> int | None:
    """Bytes the system can give without swapping (MemAvailable), None if unknown."""
    try:
        with open("/proc/meminfo") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def check_memory(path: Path, fmt_name: str, available: int | None = None) -> None:
    """LoadError when reading the file would take more memory than is free."""
    available = available_memory() if available is None else available
    if available is None:
        return
    size = path.stat().st_size
    if fmt_name == "KMZ" or fmt_name.startswith("Shapefile (zipped"):
        try:
            with shared_archive(path) as archive:
                size = sum(member.file_size for member in archive.infolist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return
    needed = size * MEMORY_PER_BYTE.get(fmt_name, DEFAULT_MEMORY_PER_BYTE)
    if needed > available:
        raise LoadError.of(
            "memory_needed", name=path.name, needed=_size(needed), available=_size(available)
        )


def allow_big_geojson() -> None:
    """Lift GDAL's per-object size limit for GeoJSON (idempotent, process-wide)."""
    import pyogrio

    pyogrio.set_gdal_config_options(GDAL_READ_OPTIONS)


def check_archive(path: Path) -> None:
    """LoadError when the archive at `path` would inflate past the budgets."""
    try:
        with shared_archive(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # the reader says what is wrong with it
    inflated = sum(member.file_size for member in members)
    packed = max(path.stat().st_size, 1)
    budget = _inflation_budget(packed)
    if inflated > budget:
        _refuse(path, len(members), packed, inflated)
    real = real_inflated(path, archive, budget)
    if real.liar is not None:
        raise LoadError.of(
            "archive_lies",
            name=path.name,
            member=real.liar,
            declared=_size(real.declared),
            inflated=_size(real.total),
        )
    if real.over_budget:
        _refuse(path, len(members), packed, real.total)


def _inflation_budget(packed: int) -> int:
    """The most an archive of `packed` bytes may inflate to."""
    return min(MAX_INFLATED_BYTES, max(RATIO_FLOOR_BYTES, MAX_RATIO * packed))


def _refuse(path: Path, members: int, packed: int, inflated: int) -> None:
    raise LoadError.of(
        "archive_bomb",
        name=path.name,
        members=f"{members:,}",
        packed=_size(packed),
        inflated=_size(inflated),
    )


def _size(count: int) -> str:
    for unit, scale in (("GB", 2**30), ("MB", 2**20), ("kB", 2**10)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count} bytes"
