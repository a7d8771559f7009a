"""Bad files give one clear line (LoadError); repairable problems are repaired and counted."""

from __future__ import annotations

import zipfile

import io_fixtures as fx
import pytest

from yangpu_gis.model.io import CrsRequired, LoadError, list_layers, read_file


def load_error(path, **kwargs) -> str:
    with pytest.raises(LoadError) as caught:
        read_file(path, **kwargs)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    assert not isinstance(caught.value, CrsRequired)
    return message


def test_truncated_geojson(tmp_path):
    good = fx.geojson(tmp_path, fx.sites_frame(), "good.geojson").read_bytes()
    path = tmp_path / "cut.geojson"
    path.write_bytes(good[: len(good) // 2])
    message = load_error(path)
    assert message.startswith(
        "cut.geojson: cannot be read as GeoJSON, the file is damaged or truncated ("
    )


def test_png_renamed_geojson(tmp_path):
    path = tmp_path / "photo.geojson"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert load_error(path) == "photo.geojson: not a GeoJSON file (it is a PNG image)"


def test_word_document(tmp_path):
    path = tmp_path / "报告.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    message = load_error(path)
    assert message.startswith("报告.docx: unsupported file type .docx (a ZIP archive")
    assert "GeoJSON .geojson .json, Shapefile .shp, Shapefile (zipped) .zip" in message


def test_json_that_is_not_geojson(tmp_path):
    path = tmp_path / "config.json"
    path.write_text('{"colour": "red", "size": 3}', encoding="utf-8")
    assert load_error(path) == "config.json: not a GeoJSON file (its content is not GeoJSON)"


def test_old_excel_workbook(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    assert (
        load_error(path)
        == "old.xls: old Excel .xls workbooks cannot be read; save it as .xlsx or .csv"
    )


def test_shapefile_part_instead_of_the_shp(tmp_path):
    shp = fx.gbk_shapefile_without_cpg(tmp_path, "roads")
    message = load_error(shp.with_suffix(".dbf"))
    assert (
        message
        == "roads.dbf: is one part of a shapefile; open roads.shp (kept next to its .shx and .dbf)"
    )


def test_empty_file(tmp_path):
    path = tmp_path / "empty.gpkg"
    path.write_bytes(b"")
    assert load_error(path) == "empty.gpkg: the file is empty (0 bytes)"


def test_missing_file_and_folder(tmp_path):
    assert load_error(tmp_path / "nowhere.shp") == f"{tmp_path / 'nowhere.shp'}: no such file"
    assert load_error(tmp_path) == f"{tmp_path}: is a folder, not a file"


def test_corrupt_geopackage(tmp_path):
    good = fx.two_crs_geopackage(tmp_path).read_bytes()
    path = tmp_path / "cut.gpkg"
    path.write_bytes(good[: len(good) // 3])
    message = load_error(path)
    assert message.startswith(
        "cut.gpkg: cannot be read as GeoPackage, the file is damaged or truncated"
    )


def test_text_renamed_geopackage(tmp_path):
    path = tmp_path / "notes.gpkg"
    path.write_text("just some notes", encoding="utf-8")
    assert load_error(path) == (
        "notes.gpkg: not a GeoPackage file (it is damaged, or another kind of file renamed)"
    )


def test_truncated_flatgeobuf(tmp_path):
    good = fx.flatgeobuf(tmp_path).read_bytes()
    path = tmp_path / "cut.fgb"
    path.write_bytes(good[:-40])
    assert load_error(path).startswith("cut.fgb: cannot be read as FlatGeobuf, the file is damaged")


def test_truncated_shp_reads_what_is_there_and_says_so(tmp_path):
    shp = fx.gbk_shapefile_without_cpg(tmp_path)
    data = shp.read_bytes()
    shp.write_bytes(data[:-10])  # the last point loses its coordinates
    [layer] = read_file(shp)
    assert layer.data["名称"].tolist() == fx.NAMES[:3]
    assert layer.skipped == 1
    assert any("truncated" in w for w in layer.warnings)


def test_shapefile_without_shx(tmp_path):
    shp = fx.gbk_shapefile_without_cpg(tmp_path, "roads")
    shp.with_suffix(".shx").unlink()
    assert load_error(shp) == (
        "roads.shp: its .shx index file is missing; a shapefile needs its "
        ".shp, .shx and .dbf files side by side"
    )


def test_shapefile_without_dbf_has_geometry_only(tmp_path):
    shp = fx.gbk_shapefile_without_cpg(tmp_path, "roads")
    shp.with_suffix(".dbf").unlink()
    [layer] = read_file(shp)
    assert len(layer.data) == 4 and list(layer.data.columns) == ["geometry"]
    assert layer.encoding is None
    assert "no .dbf file: the features have no attributes" in layer.warnings


def test_zip_without_shapefile(tmp_path):
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "hello")
    assert load_error(path) == (
        "photos.zip: the ZIP archive holds no shapefile (.shp); unzip it and open the file inside"
    )


def test_corrupt_zip(tmp_path):
    (tmp_path / "src").mkdir()
    good = fx.zipped(tmp_path, fx.gbk_shapefile_without_cpg(tmp_path / "src")).read_bytes()
    path = tmp_path / "cut.zip"
    path.write_bytes(good[: len(good) // 2])
    assert load_error(path) == "cut.zip: not a valid ZIP archive (damaged or truncated)"


def test_bowtie_polygon_is_repaired_and_counted(tmp_path):
    [layer] = read_file(fx.bowtie_geojson(tmp_path))
    assert layer.repaired == 1
    assert layer.warnings == ["repaired 1 invalid geometry (first: Self-intersection)"]
    assert layer.data.geometry.is_valid.all()
    bowtie = layer.data.geometry.iloc[0]
    assert bowtie.geom_type == "MultiPolygon" and len(bowtie.geoms) == 2
    assert bowtie.area == pytest.approx(0.02 * 0.02 / 2, rel=1e-9)  # two triangles
    assert layer.data["名称"].tolist() == ["要素0", "要素1"]


def test_null_and_empty_geometries_are_skipped_and_counted(tmp_path):
    [layer] = read_file(fx.null_and_empty_geojson(tmp_path))
    assert layer.data["名称"].tolist() == ["要素0", "要素4"]
    assert layer.skipped == 3
    assert layer.warnings == ["skipped 3 features with a missing, empty or non-numeric geometry"]
    assert layer.info()["skipped_features"] == 3


def test_mixed_geometry_types_are_kept_and_noted(tmp_path):
    point = {"type": "Point", "coordinates": [121.503, 31.299]}
    line = {"type": "LineString", "coordinates": [[121.50, 31.28], [121.52, 31.30]]}
    [layer] = read_file(fx.geojson_features(tmp_path, "mixed.geojson", [point, line]))
    assert layer.data.geom_type.tolist() == ["Point", "LineString"]
    assert "mixed geometry types: LineString, Point" in layer.warnings


def test_zero_features(tmp_path):
    path = fx.geojson_features(tmp_path, "none.geojson", [])
    assert load_error(path) == "none.geojson: the file holds no features"


def test_only_null_geometries(tmp_path):
    path = fx.geojson_features(tmp_path, "nulls.geojson", [None, None])
    assert load_error(path) == (
        "nulls.geojson: no feature has a usable geometry (skipped 2 "
        "features with a missing, empty or non-numeric geometry)"
    )


def test_empty_layer_next_to_full_ones_is_left_out_and_noted(tmp_path):
    path = fx.two_crs_geopackage(tmp_path)
    fx.pyogrio.write_dataframe(fx.sites_frame().iloc[:0], path, layer="empty", append=True)
    layers = read_file(path)
    assert [one.name for one in layers] == ["sites_cgcs2000", "parcel_utm51n"]
    assert "left out empty layer(s): empty" in layers[0].warnings
    assert load_error(path, layer="empty") == "规划.gpkg: the file holds no features"


def test_unknown_layer_name(tmp_path):
    path = fx.two_crs_geopackage(tmp_path)
    assert load_error(path, layer="roads") == (
        "规划.gpkg: has no layer 'roads' (its layers: sites_cgcs2000, parcel_utm51n)"
    )


def test_csv_without_coordinate_columns(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("名称,备注\n复旦大学,高校\n", encoding="utf-8")
    assert load_error(path) == (
        "names.csv: no longitude/latitude columns (lon/lng/longitude/x/经度 "
        "and lat/latitude/y/纬度) and no WKT column; its columns are: 名称, 备注"
    )


def test_csv_that_is_neither_utf8_nor_gbk(tmp_path):
    path = tmp_path / "binary.csv"
    path.write_bytes(b"lon,lat\n121.5,31.3\n\xff\xfe\xff\n")
    assert load_error(path).startswith("binary.csv: the text is neither UTF-8 nor GBK/GB18030")


def test_plain_parquet_without_geometry(tmp_path):
    path = tmp_path / "table.parquet"
    fx.sites_table().to_parquet(path)
    assert load_error(path) == (
        "table.parquet: a plain Parquet table, not GeoParquet (no geometry metadata)"
    )


def test_truncated_geoparquet(tmp_path):
    good = fx.geoparquet(tmp_path).read_bytes()
    path = tmp_path / "cut.parquet"
    path.write_bytes(good[: len(good) // 2])
    assert load_error(path).startswith(
        "cut.parquet: cannot be read as Parquet, the file is damaged"
    )


def test_list_layers_reports_bad_files_the_same_way(tmp_path):
    path = tmp_path / "photo.geojson"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    with pytest.raises(
        LoadError, match=r"^photo\.geojson: not a GeoJSON file \(it is a JPEG image\)$"
    ):
        list_layers(path)


def test_running_out_of_memory_is_one_line(tmp_path, monkeypatch):
    from yangpu_gis.model import ogr_reader

    def exhausted(wkb):
        raise MemoryError

    monkeypatch.setattr(ogr_reader, "from_wkb", exhausted)
    path = fx.two_crs_geopackage(tmp_path)
    assert load_error(path) == "规划.gpkg, layer 'sites_cgcs2000': too large to load into memory"
