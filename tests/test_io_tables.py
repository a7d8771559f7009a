"""CSV and XLSX tables: coordinate columns in English and Chinese, WKT, Excel's quirks."""

from __future__ import annotations

import io_fixtures as fx
import pytest

from yangpu_gis.model.io import LoadError, read_file
from yangpu_gis.model.tables import find_location


@pytest.mark.parametrize(
    "columns, expected",
    [
        (["名称", "经度", "纬度"], ("经度", "纬度")),
        (["Name", "LONGITUDE", "LATITUDE"], ("LONGITUDE", "LATITUDE")),
        (["lng", "lat"], ("lng", "lat")),
        (["Long", "Lat"], ("Long", "Lat")),
        (["X", "Y"], ("X", "Y")),
        (["经度(°)", "纬度（°）"], ("经度(°)", "纬度（°）")),
        (["Longitude (WGS84)", "Latitude (WGS84)"], ("Longitude (WGS84)", "Latitude (WGS84)")),
        (["lon_wgs84", "lat_wgs84"], ("lon_wgs84", "lat_wgs84")),
        ([" 经度 ", " 纬度 "], (" 经度 ", " 纬度 ")),
        (["x", "y", "lon", "lat"], ("lon", "lat")),  # named longitude beats a bare x
        (["lng_gcj02", "lng", "lat"], ("lng", "lat")),  # the untagged column first
    ],
)
def test_coordinate_columns_are_found(columns, expected):
    location = find_location(columns)
    assert location.kind == "xy" and location.columns == expected


def test_datum_tags_in_names_are_noticed():
    assert find_location(["gcj02_lng", "gcj02_lat"]).datum_hint == "GCJ-02"
    assert find_location(["高德经度", "高德纬度"]).datum_hint == "GCJ-02"
    assert find_location(["百度经度", "百度纬度"]).columns == ("百度经度", "百度纬度")
    assert find_location(["lng(百度)", "lat(百度)"]).datum_hint == "BD-09"
    assert find_location(["lng", "lat"]).datum_hint is None


def test_wkt_column_and_none():
    assert find_location(["名称", "WKT"]).columns == ("WKT",)
    assert find_location(["名称", "地址"]) is None
    assert find_location(["lon", "名称"]) is None  # a longitude alone is not a location


def test_wkt_csv_with_polygons(tmp_path):
    path = tmp_path / "parcels.csv"
    ring = ", ".join(f"{x} {y}" for x, y in fx.PARCEL + fx.PARCEL[:1])
    path.write_text(
        f'名称,wkt\n复旦,"POLYGON (({ring}))"\n坏行,"POLYGON ((1 2"\n', encoding="utf-8"
    )
    [layer] = read_file(path)
    assert layer.data["名称"].tolist() == ["复旦"]
    assert "wkt" not in layer.data.columns
    assert tuple(layer.data.total_bounds) == pytest.approx(fx.PARCEL_BOUNDS, abs=1e-9)
    assert layer.skipped == 1
    assert "skipped 1 row(s) whose WKT is empty or unreadable (line 3)" in layer.warnings


def test_rows_without_numbers_are_skipped_with_their_line_numbers(tmp_path):
    path = tmp_path / "gaps.csv"
    path.write_text(
        "名称,经度,纬度\n复旦,121.503,31.299\n同济,,31.284\n滨江,不详,31.259\n"
        "五角场,121.514°,31.301\n",
        encoding="utf-8",
    )
    [layer] = read_file(path)
    assert layer.data["名称"].tolist() == ["复旦", "五角场"]
    assert "skipped 2 row(s) without numeric coordinates (line 3, 4)" in layer.warnings
    assert layer.skipped == 2


def test_semicolon_and_tab_delimiters(tmp_path):
    for name, sep in (("semi.csv", ";"), ("tabs.txt", "\t")):
        path = tmp_path / name
        fx.sites_table().to_csv(path, sep=sep, index=False)
        [layer] = read_file(path)
        assert layer.data["名称"].tolist() == fx.NAMES
        assert tuple(layer.data.total_bounds) == pytest.approx(fx.SITES_BOUNDS, abs=1e-9)


def test_malformed_lines_are_skipped_and_counted(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text(
        "名称,经度,纬度\n复旦,121.503,31.299\n同济,121.504,31.284,多余,多余\n滨江,121.524,31.259\n",
        encoding="utf-8",
    )
    [layer] = read_file(path)
    assert layer.data["名称"].tolist() == ["复旦", "滨江"]
    assert "skipped 1 malformed line(s) with the wrong number of cells" in layer.warnings


def test_codes_keep_leading_zeros_and_numbers_become_numbers(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text(
        "编号,身份码,面积,经度,纬度\n007,310110199001011234,1.5,121.5,31.3\n"
        "010,310110199001011235,2,121.51,31.29\n",
        encoding="utf-8",
    )
    [layer] = read_file(path)
    assert layer.data["编号"].tolist() == ["007", "010"]
    assert layer.data["身份码"].tolist() == ["310110199001011234", "310110199001011235"]
    assert layer.data["面积"].tolist() == [1.5, 2.0]


def test_header_only_csv_has_no_features(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("名称,经度,纬度\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"^header\.csv: the file holds no features$"):
        read_file(path)


def test_xlsx_without_any_coordinate_sheet(tmp_path):
    path = tmp_path / "plain.xlsx"
    fx.pyogrio.write_dataframe(
        fx.pd.DataFrame({"名称": ["复旦"], "地址": ["邯郸路220号"]}),
        path,
        layer="Sheet1",
        driver="XLSX",
    )
    with pytest.raises(
        LoadError,
        match=r"^plain\.xlsx: no longitude/latitude columns .* its "
        r"columns are: 名称, 地址$",
    ):
        read_file(path)
