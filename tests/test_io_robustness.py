"""Damaged copies of every kind of file: each read either succeeds or raises LoadError."""

from __future__ import annotations

import io_fixtures as fx
import numpy as np
import pytest

from yangpu_gis.model.io import LoadError, read_file

BUILDERS = {
    "shapefile": lambda d: fx.gbk_shapefile_without_cpg(d),
    "zip": lambda d: fx.zipped(d, fx.gbk_shapefile_without_cpg(d)),
    "gpkg": fx.two_crs_geopackage,
    "kml": fx.kml,
    "kmz": lambda d: fx.kml(d, ".kmz"),
    "fgb": fx.flatgeobuf,
    "parquet": fx.geoparquet,
    "csv": fx.excel_csv_with_bom,
    "gbk csv": fx.gbk_csv,
    "xlsx": fx.xlsx,
    "geojson": lambda d: fx.geojson(d, fx.sites_frame(), "sites.geojson"),
    "tab": fx.mapinfo_tab,
}
CUTS = (0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 0.995)


def read_or_load_error(path):
    try:
        layers = read_file(path)
    except LoadError as exc:
        assert "\n" not in str(exc) and str(exc)
        return None
    assert all(layer.data.crs.to_epsg() == 4326 for layer in layers)
    return layers


@pytest.mark.parametrize("kind", BUILDERS)
def test_truncated_copies(tmp_path, kind):
    path = BUILDERS[kind](tmp_path)
    # Truncate the main file (for a shapefile, the .shp and then the .dbf).
    targets = [path, path.with_suffix(".dbf")] if path.suffix == ".shp" else [path]
    for target in targets:
        original = target.read_bytes()
        for cut in CUTS:
            target.write_bytes(original[: int(len(original) * cut)])
            read_or_load_error(path)
        target.write_bytes(original)


@pytest.mark.parametrize("kind", BUILDERS)
def test_corrupted_bytes(tmp_path, kind):
    path = BUILDERS[kind](tmp_path)
    original = path.read_bytes()
    rng = np.random.default_rng(11)
    for _ in range(8):
        damaged = bytearray(original)
        for position in rng.integers(0, len(damaged), size=max(len(damaged) // 50, 4)):
            damaged[position] = int(rng.integers(0, 256))
        path.write_bytes(bytes(damaged))
        read_or_load_error(path)


@pytest.mark.parametrize(
    "suffix",
    [
        ".geojson",
        ".json",
        ".shp",
        ".zip",
        ".gpkg",
        ".kml",
        ".kmz",
        ".fgb",
        ".parquet",
        ".csv",
        ".xlsx",
        ".tab",
        ".gpx",
    ],
)
def test_random_bytes_under_every_name(tmp_path, suffix):
    path = tmp_path / f"noise{suffix}"
    path.write_bytes(np.random.default_rng(5).integers(0, 256, 4096, dtype=np.uint8).tobytes())
    assert read_or_load_error(path) is None
