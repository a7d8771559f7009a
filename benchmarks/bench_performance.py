"""Performance at scale, side by side: our renderer, QGIS (PyQGIS) and GeoDataFrame.plot().

    .venv/bin/python benchmarks/bench_performance.py [--sizes 100k,1m] [--repeat 3]

Building footprints (seeded rotated rectangles over Yangpu, benchmarks/data/, made on first
use) are drawn at 1600x1000: the layer's full extent and a 1/16 extent (a quarter of the
width and height, in the middle). Each contender runs in a process of its own so memory
and start-up are its own:

- ours: `perf_ours.py` (read with the app's reader, prepare display geometries and index,
  render with the app's renderer; identify through the layer's STRtree),
- QGIS 3.22: `perf_qgis.py` with Debian's python3-qgis on /usr/bin/python3 (skipped, and
  said so, when it is not installed),
- GeoDataFrame.plot() with matplotlib's Agg backend (100k only: it takes many seconds).

Then the whole process (bench_whole_process.py): `yangpu-gis render out.png --file ...
--size 1600x1000` at the full extent of 100k and 1M and at 1/16 of 1M, against a PyQGIS
script doing the same, timed from outside, with each child's peak RSS.
Images land in benchmarks/out/ so they can be compared by eye.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_whole_process import qgis_available  # noqa: E402
from bench_whole_process import report as whole_process_report  # noqa: E402
from perf_data import SIZES, buildings_gpkg  # noqa: E402

OUT = HERE / "out"
SYSTEM_PYTHON = "/usr/bin/python3"
SIZE = (1600, 1000)
STYLE = {"fill": "#9ecae1", "fill_opacity": 0.6, "stroke": "#3182bd", "stroke_width": 1.0}
BACKGROUND = "#f4f3ef"
CLICKS = 1000
TOLERANCE_M = 2.0


def layer_extent_mercator(path: Path) -> tuple[float, float, float, float]:
    import pyogrio

    from yangpu_gis.model import crs

    bounds = pyogrio.read_info(path)["total_bounds"]
    return crs.transform_bounds(tuple(float(v) for v in bounds))


def job_for(path: Path, label: str, repeat: int) -> dict:
    import pyogrio

    x0, y0, x1, y1 = layer_extent_mercator(path)
    w, h = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    lon0, lat0, lon1, lat1 = pyogrio.read_info(path)["total_bounds"]
    rng = np.random.default_rng(11)
    clicks = np.column_stack([rng.uniform(lon0, lon1, CLICKS), rng.uniform(lat0, lat1, CLICKS)])
    return {
        "size": list(SIZE),
        "style": STYLE,
        "background": BACKGROUND,
        "repeat": repeat,
        "plot_repeat": 1,
        "full": [x0, y0, x1, y1],
        "sixteenth": [cx - w / 8, cy - h / 8, cx + w / 8, cy + h / 8],
        "clicks": clicks.tolist(),
        "tolerance_m": TOLERANCE_M,
    }


def run_json(command: list[str], timeout: float = 1800) -> dict | None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        print(f"  failed: {' '.join(command[:3])}…: {done.stderr.strip().splitlines()[-1:]}")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def with_job(job: dict, image: Path | None):
    handle = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    json.dump({**job, "image": str(image) if image else None}, handle)
    handle.close()
    return handle.name


def fmt(value: float | None, unit: str = "s") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if unit == "ms":
        return f"{value * 1000:.3f} ms"
    if unit == "MB":
        return f"{value / 1024:.0f} MB"
    return f"{value:.3f} s"


def ratio(ours: float | None, theirs: float | None) -> str:
    if not ours or not theirs:
        return "—"
    return f"{ours / theirs:.2f}x"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1m", help="comma-separated: 100k, 1m")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for each render")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    python = sys.executable
    has_qgis = qgis_available()
    if not has_qgis:
        print("QGIS: python3-qgis is not installed for /usr/bin/python3; its column is skipped")

    for label in args.sizes.split(","):
        path = buildings_gpkg(label)
        repeat = args.repeat if SIZES[label] <= 100_000 else 1
        job = job_for(path, label, repeat)
        print(
            f"\n== {SIZES[label]:,} polygons ({path.name}), {SIZE[0]}x{SIZE[1]}, "
            f"best of {repeat} =="
        )
        ours = run_json(
            [
                python,
                str(HERE / "perf_ours.py"),
                "measure",
                str(path),
                "--job",
                with_job(job, OUT / f"ours_{label}.png"),
            ]
        )
        frame = run_json(
            [python, str(HERE / "perf_ours.py"), "frame", str(path), "--job", with_job(job, None)]
        )
        qgis = (
            run_json(
                [
                    SYSTEM_PYTHON,
                    str(HERE / "perf_qgis.py"),
                    "measure",
                    str(path),
                    "--job",
                    with_job(job, OUT / f"qgis_{label}.png"),
                ]
            )
            if has_qgis
            else None
        )
        plot = (
            run_json(
                [
                    python,
                    str(HERE / "perf_ours.py"),
                    "plot",
                    str(path),
                    "--job",
                    with_job(job, OUT / f"plot_{label}.png"),
                ]
            )
            if SIZES[label] <= 100_000
            else None
        )
        q = qgis or {}
        rows = [
            (
                "full extent (QGIS: AA sequential)",
                ours and ours["full"],
                q.get("full_aa_sequential"),
                plot and plot["full"],
            ),
            (
                "full extent (QGIS: no AA parallel)",
                ours and ours["full"],
                q.get("full_noaa_parallel"),
                None,
            ),
            (
                "1/16 extent (QGIS: best of its modes)",
                ours and ours["sixteenth"],
                min((v for k, v in q.items() if k.startswith("sixteenth_")), default=None),
                plot and plot["sixteenth"],
            ),
            (
                "identify, median of 1000 clicks",
                ours and ours["identify_median"],
                q.get("identify_median"),
                None,
            ),
            (
                "load to first full frame",
                ours and ours["load_to_first_frame"],
                q.get("load_to_first_frame"),
                plot and plot["load_to_first_frame"],
            ),
            ("  ours: ... and spatial index built", ours and ours["index_ready"], None, None),
        ]
        print(f"{'measure':40s} {'ours':>12s} {'QGIS':>12s} {'ours/QGIS':>10s} {'gdf.plot':>12s}")
        for name, a, b, c in rows:
            unit = "ms" if name.startswith("identify") else "s"
            print(
                f"{name:40s} {fmt(a, unit):>12s} {fmt(b, unit):>12s} {ratio(a, b):>10s} "
                f"{fmt(c, unit):>12s}"
            )
        if ours:
            peak_growth = ours["peak_rss_kb"] - ours["rss_before_kb"]
            qgis_growth = (q["peak_rss_kb"] - q["rss_before_kb"]) if q else None
            print(
                f"{'peak memory growth (RSS)':40s} {fmt(peak_growth, 'MB'):>12s} "
                f"{fmt(qgis_growth, 'MB'):>12s} {ratio(peak_growth, qgis_growth):>10s}"
            )
            if frame:
                gdf = frame["geodataframe_kb"]
                print(
                    f"{'  the GeoDataFrame alone':40s} {fmt(gdf, 'MB'):>12s}   "
                    f"ours = {peak_growth / gdf:.2f}x the GeoDataFrame (goal <= 3x)"
                )
            print(
                f"  identify hits: ours {ours['identify_found']}, QGIS "
                f"{q.get('identify_found', '—')} (same clicks, {TOLERANCE_M} m tolerance)"
            )

    whole_process_report(has_qgis, args.repeat)
    print(
        "\ngoals: full extent <= 0.5x QGIS; whole process <= 0.5x; 1/16 <= 1x; "
        "identify <= 0.2 ms at 1M; first frame at 1M <= 5 s; memory <= 3x the GeoDataFrame"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
