"""Giving freed memory back to the system after a big layer leaves the map.

Python frees a removed layer's arrays at once, but glibc's allocator keeps the freed
pages for reuse, so the process (what a planner sees in a task manager) stays as large
as at its peak; after many opens and removals its free lists are also fragmented, and
the process keeps growing (a 100k-polygon layer opened and removed 20 times in a long
session: +300 MB). `malloc_trim` hands free pages back. It runs a moment after the
removal, once per burst of removals, on the UI thread (it takes a few milliseconds).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys

from PySide6.QtCore import QTimer

DELAY_MS = 500
_timer: QTimer | None = None
trims = 0  # how many times memory was given back (for tests and the log)


def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None


_trim = _malloc_trim()


def release_freed_memory() -> None:
    """Collect cycles now and give the allocator's free pages back to the system."""
    global trims
    gc.collect()
    if _trim is not None:
        _trim(0)
    trims += 1


def release_freed_memory_soon() -> None:
    """release_freed_memory() once, a moment from now, however often this is called."""
    global _timer
    if _timer is None:
        _timer = QTimer()
        _timer.setSingleShot(True)
        _timer.timeout.connect(release_freed_memory)
    _timer.start(DELAY_MS)
