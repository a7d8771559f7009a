"""What an archive's members really inflate to, counted while inflating.

A zip's directory declares each member's size, and a bomb can lie there: a member that
says 1 kB may inflate to gigabytes. Each deflated member is inflated here from its raw
bytes in bounded steps (zlib's max_length, so at most a megabyte is held at a time) and
the output is counted, not kept. The count stops as soon as a member inflates past the
size it declares or the archive's real total passes the budget, so a bomb costs at most
the budget's worth of inflating (a quarter of a second per 256 MB here), never its memory.
"""

from __future__ import annotations

import os
import struct
import threading
import zipfile
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

_STEP = 2**20
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., name length, extra length


@dataclass(frozen=True)
class Inflated:
    """The real inflated total, or which member lied (and what it declared)."""

    total: int
    over_budget: bool = False
    liar: str | None = None
    declared: int = 0


_checked: OrderedDict[tuple, Inflated] = OrderedDict()
_lock = threading.Lock()


def real_inflated(path: Path, archive: zipfile.ZipFile, budget: int) -> Inflated:
    """Inflate every stored or deflated member of `archive` (opened from `path`), counting.

    Stops at the first member that inflates past its declared size (`liar`), or once the
    total passes `budget` (`over_budget`). Other compression methods are left to the
    reader, which refuses them. Results are kept per path, size and mtime."""
    status = os.stat(path)
    key = (os.path.realpath(path), status.st_size, status.st_mtime_ns, budget)
    with _lock:
        if key in _checked:
            return _checked[key]
    result = _inflate_all(path, archive, budget)
    with _lock:
        _checked[key] = result
        while len(_checked) > 16:
            _checked.popitem(last=False)
    return result


def _inflate_all(path: Path, archive: zipfile.ZipFile, budget: int) -> Inflated:
    total = 0
    with open(path, "rb") as raw:
        for member in archive.infolist():
            if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                continue
            size = _member_size(raw, member, member.file_size + 1, budget - total + 1)
            total += size
            if size > member.file_size:
                return Inflated(total, liar=member.filename, declared=member.file_size)
            if total > budget:
                return Inflated(total, over_budget=True)
    return Inflated(total)


def _member_size(raw, member: zipfile.ZipInfo, limit: int, budget_left: int) -> int:
    """Bytes the member inflates to, counted up to min(limit, budget_left)."""
    raw.seek(member.header_offset)
    header = raw.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size:
        return 0
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if signature != b"PK\x03\x04":
        return 0  # not where the directory says: the reader calls it damaged
    raw.seek(name_length + extra_length, os.SEEK_CUR)
    stop = min(limit, budget_left)
    left = member.compress_size
    if member.compress_type == zipfile.ZIP_STORED:
        return min(left, stop)
    inflater = zlib.decompressobj(-15)
    counted = 0
    while left > 0 and counted < stop and not inflater.eof:
        data = raw.read(min(_STEP, left))
        if not data:
            break
        left -= len(data)
        while data and counted < stop:
            try:
                counted += len(inflater.decompress(data, _STEP))
            except zlib.error:
                return counted  # damaged data: the reader says so
            data = inflater.unconsumed_tail
    return counted
