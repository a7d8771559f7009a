"""Reading in batches (for progress and cancel) against one plain read of the same layer.

A seeded GeoPackage of N points over Yangpu (default 1,000,000, two attributes) is
written to a temporary folder, then each reader runs R times (best time kept):

  one read     pyogrio.read_dataframe(use_arrow=True): the whole layer at once
  batched      ogr_reader.read_ogr_layer: Arrow batches of 65,536 features, a progress
               report and cancel check after each
  sliced       the alternative: consecutive read_dataframe(skip_features,
               max_features) slices of 65,536, with a report after each
  read_file    the whole public read: batched read, geometry checks, CRS, WGS84

The batched/one-read ratio is the cost of progress and cancel (goal: under 1.15x).

    .venv/bin/python benchmarks/bench_chunked_read.py [--features 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from timing import best_of  # noqa: E402

from yangpu_gis.model.io import read_file
from yangpu_gis.model.load_progress import LoadProgress
from yangpu_gis.model.ogr_reader import BATCH_SIZE, read_ogr_layer

SEED = 20240601
YANGPU_BOX = (121.49, 31.25, 121.57, 31.34)


def write_points(path: Path, count: int) -> None:
    rng = np.random.default_rng(SEED)
    x0, y0, x1, y1 = YANGPU_BOX
    frame = gpd.GeoDataFrame(
        {"n": np.arange(count), "用途": rng.choice(["居住", "商业", "教育", "绿地"], count)},
        geometry=shapely.points(rng.uniform(x0, x1, count), rng.uniform(y0, y1, count)),
        crs="EPSG:4326",
    )
    pyogrio.write_dataframe(frame, path, layer="points", use_arrow=True)


def read_in_slices(path: Path, count: int, progress: LoadProgress) -> None:
    done = 0
    while done < count:
        part = pyogrio.read_dataframe(path, skip_features=done, max_features=BATCH_SIZE)
        done += len(part)
        progress.report(done / count, f"read {done:,} of {count:,} features")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "points.gpkg"
        start = time.perf_counter()
        write_points(path, args.features)
        print(
            f"wrote {args.features:,} points in {time.perf_counter() - start:.1f} s "
            f"({path.stat().st_size / 1e6:.0f} MB)"
        )
        reports = []
        one = best_of(args.repeat, lambda: pyogrio.read_dataframe(path, use_arrow=True))
        batched = best_of(
            args.repeat,
            lambda: read_ogr_layer(
                str(path),
                "points",
                LoadProgress(lambda f, m: reports.append(f)),
                label=path.name,
                fmt_name="GeoPackage",
            ),
        )
        sliced = best_of(args.repeat, lambda: read_in_slices(path, args.features, LoadProgress()))
        full = best_of(args.repeat, lambda: read_file(path))
    print(f"one read   {one:6.2f} s")
    print(
        f"batched    {batched:6.2f} s  ({batched / one:.2f}x one read, "
        f"{len(reports) // args.repeat} progress reports per read)"
    )
    print(f"sliced     {sliced:6.2f} s  ({sliced / one:.2f}x one read)")
    print(f"read_file  {full:6.2f} s  ({full / one:.2f}x one read)")


if __name__ == "__main__":
    main()
