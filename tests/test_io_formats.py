"""Every supported format read to WGS84: names decoded, bounds, CRS labels and encodings."""

from __future__ import annotations

import zipfile

import io_fixtures as fx
import pytest

from yangpu_gis.model.io import list_layers, read_file

GK_120E = "EPSG:4549 (CGCS2000 / 3-degree Gauss-Kruger CM 120E)"
WGS84 = "EPSG:4326 (WGS 84)"


def only(path, **kwargs):
    layers = read_file(path, **kwargs)
    assert len(layers) == 1
    return layers[0]


def assert_bounds(layer, expected):
    assert layer.data.crs.to_epsg() == 4326
    assert tuple(layer.data.total_bounds) == pytest.approx(expected, abs=1e-6)
    assert layer.info()["bounds_wgs84"] == pytest.approx(expected, abs=1e-6)


def assert_sites(layer, name_field="名称"):
    """The four Yangpu sites, in order, each at its WGS84 position."""
    assert layer.data[name_field].tolist() == fx.NAMES
    assert layer.data.geometry.x.to_numpy() == pytest.approx(fx.LONS, abs=1e-6)
    assert layer.data.geometry.y.to_numpy() == pytest.approx(fx.LATS, abs=1e-6)
    assert_bounds(layer, fx.SITES_BOUNDS)


def test_gbk_shapefile_without_cpg_or_language_byte_decodes_chinese(tmp_path):
    path = fx.gbk_shapefile_without_cpg(tmp_path)
    assert not path.with_suffix(".cpg").exists()
    assert path.with_suffix(".dbf").read_bytes()[29] == 0
    layer = only(path)
    assert_sites(layer)
    assert layer.data["编号"].tolist() == ["001", "002", "003", "004"]
    assert layer.source_crs == GK_120E
    assert layer.encoding == "GB18030"
    assert "not UTF-8" in layer.encoding_detail
    assert layer.format == "Shapefile"
    assert layer.name == "杨浦地块" and layer.source_layer == "杨浦地块"
    assert layer.warnings == []


def test_shapefile_with_cpg_uses_it(tmp_path):
    path = fx.shapefile(tmp_path, fx.sites_frame(4550), "cgcs_123e", encoding="GBK")
    assert path.with_suffix(".cpg").read_text().strip().upper() == "GBK"
    layer = only(path)
    assert_sites(layer)
    assert layer.encoding == "GBK"
    assert layer.encoding_detail == "from the .cpg file"
    assert layer.source_crs == "EPSG:4550 (CGCS2000 / 3-degree Gauss-Kruger CM 123E)"


def test_utf8_shapefile_without_cpg_is_read_as_utf8(tmp_path):
    path = fx.shapefile(tmp_path, fx.sites_frame(32651), "utf8_utm", encoding="UTF-8")
    path.with_suffix(".cpg").unlink()
    layer = only(path)
    assert_sites(layer)
    assert layer.encoding == "UTF-8"
    assert layer.source_crs == "EPSG:32651 (WGS 84 / UTM zone 51N)"


def test_zipped_shapefile(tmp_path):
    (tmp_path / "src").mkdir()
    shp = fx.gbk_shapefile_without_cpg(tmp_path / "src")
    path = fx.zipped(tmp_path, shp, "地块.zip")
    assert list_layers(path) == ["杨浦地块"]
    layer = only(path)
    assert_sites(layer)
    assert layer.encoding == "GB18030"
    assert layer.source_crs == GK_120E
    assert layer.format == "Shapefile (zipped)"
    assert layer.name == "地块"


def test_zip_with_two_shapefiles_in_a_folder_gives_two_layers(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = fx.shapefile(tmp_path / "a", fx.sites_frame(4549), "sites", encoding="UTF-8")
    second = fx.shapefile(tmp_path / "b", fx.parcel_frame(32651), "parcel", encoding="UTF-8")
    path = fx.zipped(tmp_path, first, "both.zip", inside="data/")
    with zipfile.ZipFile(path, "a") as archive:
        for part in second.parent.glob("parcel.*"):
            archive.write(part, "data/" + part.name)
    assert list_layers(path) == ["data/sites", "data/parcel"]
    sites, parcel = read_file(path)
    assert_sites(sites)
    assert_bounds(parcel, fx.PARCEL_BOUNDS)
    assert parcel.data["用途"].tolist() == ["教育用地"]


def test_geopackage_with_two_layers_in_two_crss(tmp_path):
    path = fx.two_crs_geopackage(tmp_path)
    assert list_layers(path) == ["sites_cgcs2000", "parcel_utm51n"]
    sites, parcel = read_file(path)
    assert sites.name == "sites_cgcs2000" and parcel.name == "parcel_utm51n"
    assert sites.source_crs == "EPSG:4490 (China Geodetic Coordinate System 2000)"
    assert parcel.source_crs == "EPSG:32651 (WGS 84 / UTM zone 51N)"
    assert_sites(sites)
    assert_bounds(parcel, fx.PARCEL_BOUNDS)
    assert parcel.data["用途"].tolist() == ["教育用地"]
    assert parcel.data.geom_type.tolist() == ["Polygon"]


def test_geopackage_single_layer_by_name(tmp_path):
    path = fx.two_crs_geopackage(tmp_path)
    layer = only(path, layer="parcel_utm51n")
    assert layer.source_layer == "parcel_utm51n"
    assert_bounds(layer, fx.PARCEL_BOUNDS)


@pytest.mark.parametrize("suffix, name", [(".kml", "KML"), (".kmz", "KMZ")])
def test_kml_and_kmz(tmp_path, suffix, name):
    layer = only(fx.kml(tmp_path, suffix))
    assert_sites(layer, "Name")
    assert layer.format == name
    assert layer.source_crs == WGS84
    assert layer.crs_origin == "format"
    assert "tessellate" not in layer.data.columns  # GDAL's empty KML columns are left out


def test_flatgeobuf(tmp_path):
    layer = only(fx.flatgeobuf(tmp_path))
    assert_bounds(layer, fx.PARCEL_BOUNDS)
    assert layer.data["用途"].tolist() == ["教育用地"]
    assert layer.source_crs == GK_120E
    assert layer.format == "FlatGeobuf"


def test_geoparquet(tmp_path):
    layer = only(fx.geoparquet(tmp_path))
    assert_sites(layer)
    assert layer.data["面积"].tolist() == [1.5, 2.0, 3.25, 0.5]
    assert layer.source_crs == "EPSG:32651 (WGS 84 / UTM zone 51N)"
    assert layer.format == "GeoParquet"


def test_excel_csv_with_bom_and_chinese_headers(tmp_path):
    path = fx.excel_csv_with_bom(tmp_path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    layer = only(path)
    assert_sites(layer)
    assert layer.data.columns[0] == "名称"  # the BOM is not glued to the first header
    assert layer.data["编号"].tolist() == ["001", "002", "003", "004"]
    assert layer.encoding == "UTF-8"
    assert layer.encoding_detail == "UTF-8 with a byte-order mark"
    assert layer.crs_origin == "assumed"
    assert any("WGS84" in w and "gcj02" in w for w in layer.warnings)


def test_gbk_csv(tmp_path):
    layer = only(fx.gbk_csv(tmp_path))
    assert_sites(layer)
    assert layer.encoding == "GB18030"
    assert layer.data["Longitude"].dtype.kind == "f"


def test_xlsx_reads_the_sheet_with_coordinates(tmp_path):
    path = fx.xlsx(tmp_path)
    assert list_layers(path) == ["站点"]
    layer = only(path)
    assert_sites(layer)
    assert layer.source_layer == "站点"
    assert layer.format == "Excel workbook"


def test_geojson_with_chinese_names(tmp_path):
    layer = only(fx.geojson(tmp_path, fx.sites_frame(), "sites.geojson"))
    assert_sites(layer)
    assert layer.source_crs == WGS84
    assert layer.encoding == "UTF-8"


def test_gbk_geojson_is_not_mojibake(tmp_path):
    path = tmp_path / "gbk.geojson"
    path.write_bytes(fx.sites_frame().to_json(ensure_ascii=False).encode("gbk"))
    layer = only(path)
    assert_sites(layer)
    assert layer.encoding == "GB18030"


def test_layer_info_describes_the_layer(tmp_path):
    info = only(fx.gbk_shapefile_without_cpg(tmp_path)).info()
    assert info["layer"] == "杨浦地块"
    assert info["crs"] == GK_120E and info["crs_origin"] == "file"
    assert info["feature_count"] == 4
    assert info["geometry_types"] == ["Point"]
    assert [f["name"] for f in info["fields"]] == ["名称", "编号", "面积"]
    assert info["encoding"] == "GB18030"
    assert info["skipped_features"] == 0 and info["repaired_geometries"] == 0


def test_mapinfo_tab_in_simplified_chinese_charset(tmp_path):
    layer = only(fx.mapinfo_tab(tmp_path))
    assert_sites(layer)
    assert layer.format == "MapInfo TAB"
    assert (layer.encoding, layer.encoding_detail) == (
        "WindowsSimpChinese",
        "from the file's charset line",
    )


def test_text_that_does_not_match_its_declared_encoding_is_one_line(tmp_path):
    # GDAL takes a shapefile without any encoding hint as Latin-1 and hands the GBK bytes on.
    from yangpu_gis.model import ogr_reader
    from yangpu_gis.model.io import LoadError
    from yangpu_gis.model.load_progress import LoadProgress

    path = fx.gbk_shapefile_without_cpg(tmp_path)
    with pytest.raises(LoadError, match=r"^x: its text is not in the encoding the file declares"):
        ogr_reader.read_ogr_layer(str(path), None, LoadProgress(), label="x", fmt_name="Shapefile")


def test_gpx_gml_and_mif(tmp_path):
    waypoints = fx.sites_frame().rename(columns={"名称": "name"})[["name", "geometry"]]
    fx.pyogrio.write_dataframe(waypoints, tmp_path / "walk.gpx", driver="GPX", layer="waypoints")
    [gpx] = read_file(tmp_path / "walk.gpx")
    assert_sites(gpx, "name")
    assert gpx.source_layer == "waypoints" and gpx.crs_origin == "format"
    assert "left out empty layer(s): routes, tracks, route_points, track_points" in gpx.warnings

    fx.pyogrio.write_dataframe(fx.sites_frame(4549), tmp_path / "sites.gml", driver="GML")
    gml = only(tmp_path / "sites.gml")
    assert_sites(gml)
    assert gml.source_crs == GK_120E

    fx.pyogrio.write_dataframe(
        fx.sites_frame(4549),
        tmp_path / "sites.mif",
        driver="MapInfo File",
        layer_options={"ENCODING": "CP936"},
    )
    mif = only(tmp_path / "sites.mif")
    assert_sites(mif)
    assert mif.encoding == "WindowsSimpChinese"


def test_supported_suffixes_cover_every_reader():
    from yangpu_gis.model.io import SUPPORTED_SUFFIXES

    for suffix in (
        ".geojson",
        ".shp",
        ".zip",
        ".gpkg",
        ".kml",
        ".kmz",
        ".fgb",
        ".parquet",
        ".csv",
        ".xlsx",
    ):
        assert suffix in SUPPORTED_SUFFIXES


def test_geoparquet_with_geoarrow_encoding(tmp_path):
    path = tmp_path / "native.parquet"
    fx.sites_frame(4550).to_parquet(path, geometry_encoding="geoarrow")
    layer = only(path)
    assert_sites(layer)
    assert layer.source_crs == "EPSG:4550 (CGCS2000 / 3-degree Gauss-Kruger CM 123E)"
