"""Building-footprint GeoPackages for bench_performance.py, made once and kept in benchmarks/data/.

Rotated rectangles 7.5 to 40 m a side, uniformly over Yangpu, from a fixed seed (the same
generator as bench_render.py), with two attributes. Written as GeoPackage 1.2 with its
R-tree spatial index, so older GDALs (QGIS 3.22's) read it without a warning. A file is
written beside its final name and renamed, so an interrupted run leaves no half file.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED = 20240607
SIZES = {"100k": 100_000, "1m": 1_000_000}


def gpkg_path(label: str) -> Path:
    return DATA_DIR / f"buildings{label}.gpkg"


def write_buildings(path: Path, count: int, seed: int = SEED) -> Path:
    import geopandas as gpd
    import pyogrio
    from bench_render import rotated_rectangles

    rng = np.random.default_rng(seed + 1)
    frame = gpd.GeoDataFrame(
        {
            "bid": np.arange(1, count + 1, dtype=np.int64),
            "height_m": np.round(rng.uniform(3.0, 90.0, count), 1),
        },
        geometry=rotated_rectangles(count, seed),
        crs="EPSG:4326",
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part.gpkg")
    partial.unlink(missing_ok=True)
    pyogrio.write_dataframe(
        frame, partial, layer="buildings", driver="GPKG", VERSION="1.2", SPATIAL_INDEX="YES"
    )
    os.replace(partial, path)
    return path


def buildings_gpkg(label: str) -> Path:
    """The cached file for a size label ("100k", "1m"), generated on first use."""
    path = gpkg_path(label)
    if not path.exists():
        print(
            f"generating {path.name} ({SIZES[label]:,} rotated rectangles, seed {SEED})…",
            flush=True,
        )
        write_buildings(path, SIZES[label])
    return path
