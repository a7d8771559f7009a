"""Timing and memory helpers shared by the benchmarks (standard library only, so the
PyQGIS side, run with the system Python, can use them too)."""

from __future__ import annotations

import time


def best_of(repeat: int, run) -> float:
    """The fastest of `repeat` runs of run(), in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def rss_kb(field: str = "VmRSS") -> int:
    """This process's resident memory (or its peak, with "VmHWM") in KiB, from /proc."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0
