"""Time to open a zip of many small shapefiles, to show growth near-linear in the count.

    .venv/bin/python benchmarks/bench_zip_members.py [--counts 750 1500 3000]

Each zip holds N one-point shapefiles (.shp, .shx, .dbf, .prj, .cpg). Each count is read
by io.read_file in a fresh process (so no parsed archive is kept from the last) and the
seconds printed with the time per shapefile and the ratio to the smallest count's.
Baseline: before the archive's directory was parsed once and shared, 3,000 shapefiles
took 574 s (time grew with the square of the count).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

CHILD = """
import sys, time
from yangpu_gis.model import io
start = time.perf_counter()
layers = io.read_file(sys.argv[1])
print(len(layers), time.perf_counter() - start)
"""


def make_zip(folder: Path, count: int) -> Path:
    import geopandas as gpd
    import pyogrio
    import shapely

    one = folder / "one.shp"
    if not one.exists():
        frame = gpd.GeoDataFrame({"n": [1]}, geometry=shapely.points([121.5], [31.3]), crs=4326)
        pyogrio.write_dataframe(frame, one)
    parts = sorted(folder.glob("one.*"))
    path = folder / f"plots{count}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(count):
            for part in parts:
                archive.write(part, f"plot{i}{part.suffix}")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counts", type=int, nargs="+", default=[750, 1500, 3000])
    args = parser.parse_args()
    first = None
    with tempfile.TemporaryDirectory() as folder:
        for count in args.counts:
            path = make_zip(Path(folder), count)
            run = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            layers, seconds = run.stdout.split()
            seconds_f = float(seconds)
            assert int(layers) == count, (layers, count)
            first = first or (count, seconds_f)
            ratio = seconds_f / first[1]
            print(
                f"{count:>5} shapefiles: {seconds_f:6.1f} s, {1000 * seconds_f / count:.1f} ms "
                f"each, {ratio:.2f}x the {first[0]}'s time for {count / first[0]:.1f}x the count"
            )
    print("baseline: 3,000 shapefiles took 574 s before the directory was shared")


if __name__ == "__main__":
    main()
