"""A shapefile is several files; say clearly which part is missing or cut short."""

from __future__ import annotations

import glob
from pathlib import Path

from yangpu_gis.model.load_errors import LoadError
from yangpu_gis.model.messages import Text
from yangpu_gis.model.zip_archive import members_by_lower_name, parts_of, shared_archive


def _siblings(path: Path) -> dict[str, int]:
    """Sizes of the files next to `path` sharing its name, by lower-case suffix."""
    found = {}
    for sibling in path.parent.glob(glob.escape(path.stem) + ".*"):
        if sibling.stem == path.stem and sibling.is_file():
            found[sibling.suffix.lower()] = sibling.stat().st_size
    return found


def _zip_members(path: Path, member: str) -> dict[str, int]:
    with shared_archive(path) as archive:
        return {suffix: info.file_size for suffix, info in parts_of(archive, member[:-4]).items()}


def _declared_length(path: Path, member: str | None) -> int | None:
    """The .shp's own idea of its length in bytes (header bytes 24-28, 16-bit words)."""
    if member is None:
        with path.open("rb") as stream:
            header = stream.read(28)
    else:
        with shared_archive(path) as archive, archive.open(member) as stream:
            header = stream.read(28)
    if len(header) < 28:
        return None
    return int.from_bytes(header[24:28], "big") * 2


def _head(path: Path, member: str | None, suffix: str, size: int) -> bytes:
    """The first bytes of one part of the shapefile (next to it, or in its zip)."""
    if member is None:
        part = next(
            (
                p
                for p in path.parent.glob(glob.escape(path.stem) + ".*")
                if p.stem == path.stem and p.suffix.lower() == suffix
            ),
            None,
        )
        if part is None:
            return b""
        with part.open("rb") as stream:
            return stream.read(size)
    with shared_archive(path) as archive:
        stem = member[:-4]
        info = members_by_lower_name(archive).get((stem + suffix).lower())
        if info is None:
            return b""
        with archive.open(info) as stream:
            return stream.read(size)


def _shp_records(path: Path, member: str | None, length: int) -> int:
    """How many records the .shp itself holds, by walking its record headers (each says
    how long its record is): the .shx may index fewer."""

    def walk(stream) -> int:
        count, offset = 0, 100
        stream.seek(offset)
        while offset + 8 <= length:
            header = stream.read(8)
            if len(header) < 8:
                break
            offset += 8 + int.from_bytes(header[4:8], "big") * 2
            count += 1
            stream.seek(offset)
        return count

    if member is None:
        with path.open("rb") as stream:
            return walk(stream)
    with shared_archive(path) as archive, archive.open(member) as stream:
        return walk(stream)


def _count_notes(path: Path, member: str | None, parts: dict[str, int]) -> list[str]:
    """The .shx indexes one record per shape, the .dbf holds one row per shape: when the
    counts disagree, GDAL reads as many features as the shorter says and drops the rest."""
    notes: list[str] = []
    indexed = max((parts[".shx"] - 100) // 8, 0)
    shapes = indexed
    if ".dbf" not in parts:
        rows = None
    else:
        header = _head(path, member, ".dbf", 8)
        if len(header) < 8:
            return [Text.of("note_dbf_too_short")]
        rows = int.from_bytes(header[4:8], "little")
    if rows is not None and rows != indexed:
        # Only when the counts disagree: walking reads every record header of the .shp.
        shapes = _shp_records(path, member, parts[".shp"])
    if shapes > indexed:
        notes.append(
            Text.of(
                "note_shx_short",
                shapes=f"{shapes:,}",
                indexed=f"{indexed:,}",
                left=f"{shapes - indexed:,}",
            )
        )
    if rows is not None and rows != indexed:
        counts = {
            "shapes": f"{indexed:,}",
            "rows": f"{rows:,}",
            "matched": f"{min(indexed, rows):,}",
        }
        notes.append(Text.of("note_shp_dbf_counts", **counts))
    return notes


def has_prj(path: Path, member: str | None = None) -> bool:
    parts = _siblings(path) if member is None else _zip_members(path, member)
    return ".prj" in parts


def shapefile_notes(path: Path, member: str | None = None) -> list[str]:
    """Warnings about a shapefile's parts; LoadError when it cannot be read at all.

    `member` names the .shp inside the zip archive `path`.
    """
    parts = _siblings(path) if member is None else _zip_members(path, member)
    name = path.name if member is None else f"{path.name}/{member}"
    if ".shx" not in parts:
        raise LoadError.of("shx_missing", name=name)
    notes: list[str] = []
    if ".dbf" not in parts:
        notes.append(Text.of("note_no_dbf"))
    declared = _declared_length(path, member)
    if declared is None or parts[".shp"] < declared:
        notes.append(Text.of("note_shp_truncated"))
    notes += _count_notes(path, member, parts)
    return notes
