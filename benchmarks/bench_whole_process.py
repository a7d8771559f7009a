"""Whole-process renders, side by side with QGIS 3.22: time and peak memory of each process.

    .venv/bin/python benchmarks/bench_whole_process.py [--repeat 3]

What a planner waits for at the command line: `yangpu-gis render out.png --file F.gpkg
--size 1600x1000 [--bbox ...]` (start-up, read, draw, write the PNG) against a PyQGIS
script doing the same (`perf_qgis.py cli`), on the seeded footprint GeoPackages of
perf_data.py: the full extent of 100k, 1/16 of the extent of 1M (a quarter of the width
and height, in the middle) and the full extent of 1M. Time is the best of --repeat runs,
timed from outside; peak memory is the child's own peak RSS (its VmHWM, as
`/usr/bin/time` reports it: the child is forked from `time`, not from this process, so
its figure holds nothing of ours). bench_performance.py ends with this table too.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from perf_data import buildings_gpkg  # noqa: E402

OUT = HERE / "out"
SYSTEM_PYTHON = "/usr/bin/python3"
TIME = "/usr/bin/time"
SIZE = "1600x1000"
GOALS = {"time": 0.3, "memory": 1.5}  # ours / QGIS, from issue 21
# (what, size label, view: None for the full extent, else the middle 1/16)
CASES = (
    ("full extent, 100k", "100k", False),
    ("1/16 of the extent, 1M", "1m", True),
    ("full extent, 1M", "1m", False),
)


def machine() -> str:
    """CPU model, cores and memory of this machine, for the figures' caption."""
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as info:
            model = next(
                (line.split(":", 1)[1].strip() for line in info if line.startswith("model name")),
                model,
            )
        with open("/proc/meminfo") as info:
            kib = int(next(line for line in info if line.startswith("MemTotal")).split()[1])
        memory = f"{kib / 1024**2:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        memory = "unknown RAM"
    return f"{model}, {os.cpu_count()} cores, {memory}"


def middle_sixteenth(path: Path) -> tuple[tuple, tuple]:
    """The middle 1/16 of the layer's extent: (Web Mercator for QGIS, WGS84 for --bbox)."""
    import pyogrio

    from yangpu_gis.model import crs

    bounds = tuple(float(v) for v in pyogrio.read_info(path)["total_bounds"])
    x0, y0, x1, y1 = crs.transform_bounds(bounds)
    cx, cy, w, h = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0
    mercator = (cx - w / 8, cy - h / 8, cx + w / 8, cy + h / 8)
    return mercator, crs.transform_bounds(mercator, crs.DISPLAY, crs.WGS84)


def timed(command: list[str], repeat: int) -> tuple[float | None, int | None]:
    """(best seconds, peak RSS in KiB of the child, the largest over the runs)."""
    times, peaks = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run(
            [TIME, "-f", "PEAK_KB %M", *command], capture_output=True, text=True, timeout=900
        )
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            print(f"  failed: {' '.join(command[:4])}…: {done.stderr.strip().splitlines()[-2:]}")
            return None, None
        times.append(elapsed)
        peak = [line for line in done.stderr.splitlines() if line.startswith("PEAK_KB ")]
        peaks.append(int(peak[-1].split()[1]))
    return min(times), max(peaks)


def commands(label: str, sixteenth: bool, stem: str) -> tuple[list[str], list[str]]:
    path = buildings_gpkg(label)
    ours = [
        str(Path(sys.executable).parent / "yangpu-gis"),
        "render",
        str(OUT / f"{stem}_ours.png"),
    ]
    ours += ["--force", "--file", str(path), "--size", SIZE]
    qgis = [SYSTEM_PYTHON, str(HERE / "perf_qgis.py"), "cli", str(path)]
    qgis += [str(OUT / f"{stem}_qgis.png"), "--size", SIZE]
    if sixteenth:
        mercator, wgs84 = middle_sixteenth(path)
        ours += ["--bbox", ",".join(f"{v:.7f}" for v in wgs84)]
        qgis += ["--extent", ",".join(f"{v:.3f}" for v in mercator)]
    return ours, qgis


def _ratio(ours, theirs) -> str:
    return f"{ours / theirs:.2f}x" if ours and theirs else "—"


def report(has_qgis: bool, repeat: int = 3) -> None:
    """Print the table: each case's time and peak RSS, ours beside QGIS's."""
    OUT.mkdir(exist_ok=True)
    print(f"\n== whole process at {SIZE}, best of {repeat}: {machine()} ==")
    head = f"{'render':26s} {'ours':>8s} {'QGIS':>8s} {'ratio':>7s}"
    print(f"{head} {'ours peak':>10s} {'QGIS peak':>10s} {'ratio':>7s}")
    for what, label, sixteenth in CASES:
        stem = "whole_" + label + ("_16th" if sixteenth else "_full")
        ours_command, qgis_command = commands(label, sixteenth, stem)
        ours_s, ours_kb = timed(ours_command, repeat)
        qgis_s, qgis_kb = timed(qgis_command, repeat) if has_qgis else (None, None)

        def seconds(value):
            return f"{value:.2f} s" if value else "—"

        def megabytes(value):
            return f"{value / 1024:.0f} MB" if value else "—"

        print(
            f"{what:26s} {seconds(ours_s):>8s} {seconds(qgis_s):>8s} {_ratio(ours_s, qgis_s):>7s} "
            f"{megabytes(ours_kb):>10s} {megabytes(qgis_kb):>10s} {_ratio(ours_kb, qgis_kb):>7s}"
        )
    print(
        f"goals: time <= {GOALS['time']}x QGIS (1/16 of 1M, full 100k); "
        f"peak memory <= {GOALS['memory']}x QGIS (full 1M)"
    )


def qgis_available() -> bool:
    try:
        done = subprocess.run(
            [SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N for each render")
    args = parser.parse_args()
    has_qgis = qgis_available()
    if not has_qgis:
        print("QGIS: python3-qgis is not installed for /usr/bin/python3; its column is skipped")
    report(has_qgis, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
