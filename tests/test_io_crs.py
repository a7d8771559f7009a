"""Coordinate systems: declared CRSs, China's web datums, and refusing to guess."""

from __future__ import annotations

import io_fixtures as fx
import numpy as np
import pandas as pd
import pytest
from pyproj import Geod

from yangpu_gis.model import chinese_crs
from yangpu_gis.model.crs import parse_crs
from yangpu_gis.model.io import CrsRequired, LoadError, read_file

GEOD = Geod(ellps="WGS84")


def only(path, **kwargs):
    [layer] = read_file(path, **kwargs)
    return layer


def positions(layer):
    return layer.data.geometry.x.to_numpy(), layer.data.geometry.y.to_numpy()


def test_gcj02_csv_declared_lands_on_the_true_positions(tmp_path):
    layer = only(fx.gcj02_csv(tmp_path), declared_crs="gcj02")
    lons, lats = positions(layer)
    assert lons == pytest.approx(fx.LONS, abs=1e-6)
    assert lats == pytest.approx(fx.LATS, abs=1e-6)
    assert layer.source_crs == "GCJ-02 (Chinese web datum)"
    assert layer.crs_origin == "declared"
    assert not any("WGS84" in w for w in layer.warnings)


def test_gcj02_csv_undeclared_stays_about_470_m_off(tmp_path):
    layer = only(fx.gcj02_csv(tmp_path))
    lons, lats = positions(layer)
    gcj_lons, gcj_lats = chinese_crs.wgs84_to_gcj02(fx.LONS, fx.LATS)
    assert lons == pytest.approx(gcj_lons, abs=1e-9)
    assert lats == pytest.approx(gcj_lats, abs=1e-9)
    _, _, metres = GEOD.inv(lons, lats, fx.LONS, fx.LATS)
    assert np.all((metres > 400) & (metres < 550))
    assert layer.crs_origin == "assumed"
    assert any("gcj02" in w for w in layer.warnings)


def test_bd09_declared(tmp_path):
    lons, lats = chinese_crs.wgs84_to_bd09(fx.LONS, fx.LATS)
    path = tmp_path / "baidu.csv"
    fx.sites_table("lng", "lat", lons, lats).to_csv(path, index=False)
    layer = only(path, declared_crs="bd09")
    got_lons, got_lats = positions(layer)
    assert got_lons == pytest.approx(fx.LONS, abs=1e-6)
    assert got_lats == pytest.approx(fx.LATS, abs=1e-6)
    assert layer.source_crs == "BD-09 (Baidu datum)"


def test_declared_gcj02_overrides_the_geojson_default(tmp_path):
    lons, lats = chinese_crs.wgs84_to_gcj02(fx.LONS, fx.LATS)
    frame = fx.sites_frame()
    frame.geometry = fx.gpd.points_from_xy(lons, lats, crs="EPSG:4326")
    layer = only(fx.geojson(tmp_path, frame, "amap.geojson"), declared_crs="GCJ-02")
    assert positions(layer)[0] == pytest.approx(fx.LONS, abs=1e-6)
    assert any("the file says EPSG:4326" in w for w in layer.warnings)


def test_column_names_hinting_gcj02_are_reported(tmp_path):
    path = tmp_path / "poi.csv"
    fx.sites_table("gcj_lng", "gcj_lat", *chinese_crs.wgs84_to_gcj02(fx.LONS, fx.LATS)).to_csv(
        path, index=False
    )
    layer = only(path)
    assert "column names suggest GCJ-02 coordinates: declare gcj02 if so" in layer.warnings


def test_shapefile_without_prj_asks_for_the_crs(tmp_path):
    path = fx.shapefile_without_prj(tmp_path)
    with pytest.raises(CrsRequired) as caught:
        read_file(path)
    message = str(caught.value)
    assert message.startswith(
        "no_prj.shp: the file does not say which coordinate system it uses "
        "(it has no .prj file); declare its CRS"
    )
    assert "projected metres" in message and "\n" not in message
    assert caught.value.path == str(path) and caught.value.layer == "no_prj"
    layer = only(path, declared_crs="EPSG:4549")  # the app's retry
    assert layer.data["名称"].tolist() == fx.NAMES
    assert tuple(layer.data.total_bounds) == pytest.approx(fx.SITES_BOUNDS, abs=1e-6)
    assert layer.source_crs == "EPSG:4549 (CGCS2000 / 3-degree Gauss-Kruger CM 120E)"
    assert layer.crs_origin == "declared"


def test_declared_crs_may_be_a_crs_spec_or_a_bare_code(tmp_path):
    path = fx.shapefile_without_prj(tmp_path)
    by_spec = only(path, declared_crs=parse_crs("EPSG:4549"))
    by_code = only(path, declared_crs="4549")
    assert tuple(by_spec.data.total_bounds) == pytest.approx(fx.SITES_BOUNDS, abs=1e-6)
    assert tuple(by_code.data.total_bounds) == pytest.approx(fx.SITES_BOUNDS, abs=1e-6)


def test_geojson_holding_projected_metres_asks_for_the_crs(tmp_path):
    path = fx.projected_numbers_geojson(tmp_path)
    with pytest.raises(
        CrsRequired,
        match=r"^metres\.geojson: its coordinates reach 3,46\d,\d{3} "
        r"\(projected metres\?\), but EPSG:4326 \(WGS 84\) needs longitude/latitude; "
        r"declare the file's real CRS, e\.g\. EPSG:4549",
    ):
        read_file(path)
    layer = only(path, declared_crs="EPSG:4549")
    assert tuple(layer.data.total_bounds) == pytest.approx(fx.SITES_BOUNDS, abs=1e-6)
    assert any("the file says EPSG:4326 (WGS 84); read as EPSG:4549" in w for w in layer.warnings)


def test_table_with_metre_columns_asks_then_reads_with_declared_crs(tmp_path):
    x, y = fx.project(fx.LONS, fx.LATS, 4549)
    path = tmp_path / "survey.csv"
    pd.DataFrame({"名称": fx.NAMES, "X": x, "Y": y}).to_csv(path, index=False)
    with pytest.raises(CrsRequired, match="does not say which coordinate system"):
        read_file(path)
    layer = only(path, declared_crs="EPSG:4549")
    assert tuple(layer.data.total_bounds) == pytest.approx(fx.SITES_BOUNDS, abs=1e-6)


def test_swapped_longitude_latitude_columns_are_named(tmp_path):
    path = tmp_path / "swapped.csv"
    fx.sites_table("纬度", "经度").to_csv(path, index=False)  # headers the wrong way round
    with pytest.raises(
        CrsRequired,
        match=r"its y values reach 121\.5, beyond 90 \(longitude and "
        r"latitude swapped\?\)",
    ):
        read_file(path)


def test_gcj02_declared_for_projected_numbers_is_refused(tmp_path):
    path = fx.shapefile_without_prj(tmp_path)
    with pytest.raises(CrsRequired, match="so it cannot be GCJ-02"):
        read_file(path, declared_crs="gcj02")


def test_gcj02_declared_for_a_projected_file_is_refused(tmp_path):
    path = fx.flatgeobuf(tmp_path)
    with pytest.raises(
        CrsRequired,
        match="GCJ-02 .* is longitude/latitude, but the file is in the projected EPSG:4549",
    ):
        read_file(path, declared_crs="gcj02")


def test_wrong_declared_crs_far_outside_its_area_is_flagged(tmp_path):
    path = fx.shapefile_without_prj(tmp_path)
    layer = only(path, declared_crs="EPSG:27700")  # British National Grid
    assert any("outside the area where EPSG:27700" in w for w in layer.warnings)


def test_unknown_crs_text_is_one_clear_line(tmp_path):
    path = fx.excel_csv_with_bom(tmp_path)
    with pytest.raises(LoadError) as caught:
        read_file(path, declared_crs="EPSG:banana")
    assert (
        str(caught.value)
        == "unknown CRS 'EPSG:banana': give EPSG:n (e.g. EPSG:4549), gcj02 or bd09"
    )
    assert not isinstance(caught.value, CrsRequired)


def test_geoparquet_with_unknown_crs_asks_for_one(tmp_path):
    path = tmp_path / "no_crs.parquet"
    fx.sites_frame(4549).set_crs(None, allow_override=True).to_parquet(path)
    with pytest.raises(CrsRequired, match="does not say which coordinate system"):
        read_file(path)
    layer = only(path, declared_crs="EPSG:4549")
    assert tuple(layer.data.total_bounds) == pytest.approx(fx.SITES_BOUNDS, abs=1e-6)
