"""One parsed copy of a zip archive's directory, shared by every step that reads it.

Python's ZipFile parses the whole central directory when it opens. A zip of 3,000 small
shapefiles was opened about seven times per shapefile (parts, encoding, header, counts),
each time parsing all 15,000 entries: time grew with the square of the count (574 s).
The parsed archive is kept for a few files at once, keyed by path, size and mtime, so a
changed file is parsed afresh.
"""

from __future__ import annotations

import os
import threading
import weakref
import zipfile
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path

_KEPT = 4
_archives: OrderedDict[tuple, zipfile.ZipFile] = OrderedDict()
_lock = threading.Lock()


def _archive(path: str | Path) -> zipfile.ZipFile:
    resolved = os.path.realpath(path)
    status = os.stat(resolved)
    key = (resolved, status.st_size, status.st_mtime_ns)
    with _lock:
        archive = _archives.get(key)
        if archive is not None:
            _archives.move_to_end(key)
            return archive
    archive = zipfile.ZipFile(resolved)
    with _lock:
        _archives[key] = archive
        while len(_archives) > _KEPT:
            _archives.popitem(last=False)[1].close()
    return archive


@contextmanager
def shared_archive(path: str | Path):
    """The archive, parsed once while unchanged; use as `with shared_archive(p) as zf`
    (it stays open for the next caller)."""
    yield _archive(path)


def forget_archives() -> None:
    """Close every kept archive (tests, or before the files are deleted)."""
    with _lock:
        while _archives:
            _archives.popitem()[1].close()


_names: weakref.WeakKeyDictionary[zipfile.ZipFile, dict[str, zipfile.ZipInfo]] = (
    weakref.WeakKeyDictionary()
)


def members_by_lower_name(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The archive's members by lower-case name, built once per parsed archive: looking a
    shapefile's parts up by scanning every member made a zip of 3,000 shapefiles
    quadratic again (1,500 took 21 s, 3,000 took 127 s)."""
    with _lock:
        found = _names.get(archive)
        if found is None:
            found = {}
            for info in archive.infolist():
                found.setdefault(info.filename.lower(), info)
            _names[archive] = found
        return found


def parts_of(archive: zipfile.ZipFile, stem: str) -> dict[str, zipfile.ZipInfo]:
    """The members named `stem` plus one suffix (case-insensitive), by lower-case suffix."""
    index = _stems(archive)
    return index.get(stem.lower(), {})


_stem_index: weakref.WeakKeyDictionary[zipfile.ZipFile, dict[str, dict[str, zipfile.ZipInfo]]] = (
    weakref.WeakKeyDictionary()
)


def _stems(archive: zipfile.ZipFile) -> dict[str, dict[str, zipfile.ZipInfo]]:
    with _lock:
        found = _stem_index.get(archive)
    if found is not None:
        return found
    found = {}
    for info in archive.infolist():
        lower = info.filename.lower()
        # every split of "a.b.shp" into stem and one-dot-free suffix: "a.b" + ".shp"
        dot = lower.rfind(".")
        if dot > 0:
            found.setdefault(lower[:dot], {}).setdefault(lower[dot:], info)
    with _lock:
        _stem_index[archive] = found
    return found
