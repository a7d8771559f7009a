"""`yangpu-gis info` on planners' files: layers, CRS, count, bounds, encoding and warnings,
or exactly one line on stderr with exit code 1."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import io_fixtures as fx
import pytest

from yangpu_gis.cli import main

SITES_BOUNDS = "121.503000, 31.259000, 121.524000, 31.301000 (WGS84)"
PARCEL_BOUNDS = "121.498000, 31.295000, 121.508000, 31.303000 (WGS84)"
GK_120E = "EPSG:4549 (CGCS2000 / 3-degree Gauss-Kruger CM 120E)"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def info_lines(capsys, *argv) -> list[str]:
    code, out, err = run(capsys, "info", *map(str, argv))
    assert (code, err) == (0, "")
    return [line.strip() for line in out.splitlines()]


def one_error_line(capsys, *argv) -> str:
    code, out, err = run(capsys, "info", *map(str, argv))
    assert code == 1 and out == ""
    assert err.endswith("\n") and err.count("\n") == 1
    assert err.startswith("yangpu-gis: ")
    return err[len("yangpu-gis: ") : -1]


def test_gbk_shapefile(capsys, tmp_path):
    path = fx.gbk_shapefile_without_cpg(tmp_path)
    assert info_lines(capsys, path) == [
        f"{path} (Shapefile)",
        "layer 杨浦地块",
        f"CRS:      {GK_120E} [from the file]",
        "features: 4 (Point)",
        f"bounds:   {SITES_BOUNDS}",
        "fields:   名称, 编号, 面积",
        "encoding: GB18030 (no .cpg and no DBF language byte; the text is not UTF-8 but valid "
        "GB18030 (GBK))",
    ]


def test_geopackage_shows_both_layers_and_crss(capsys, tmp_path):
    path = fx.two_crs_geopackage(tmp_path)
    lines = info_lines(capsys, path)
    assert lines[0] == f"{path} (GeoPackage, 2 layers)"
    assert lines[1:5] == [
        "layer sites_cgcs2000",
        "CRS:      EPSG:4490 (China Geodetic Coordinate System 2000) [from the file]",
        "features: 4 (Point)",
        f"bounds:   {SITES_BOUNDS}",
    ]
    assert lines[7:11] == [
        "layer parcel_utm51n",
        "CRS:      EPSG:32651 (WGS 84 / UTM zone 51N) [from the file]",
        "features: 1 (Polygon)",
        f"bounds:   {PARCEL_BOUNDS}",
    ]


@pytest.mark.parametrize(
    "build, header, crs, count, bounds, encoding",
    [
        (
            lambda d: fx.kml(d),
            "KML",
            "EPSG:4326 (WGS 84) [WGS84 by the format's definition]",
            "4 (Point)",
            SITES_BOUNDS,
            "UTF-8 (set by the format)",
        ),
        (
            lambda d: fx.kml(d, ".kmz"),
            "KMZ",
            "EPSG:4326 (WGS 84) [WGS84 by the format's definition]",
            "4 (Point)",
            SITES_BOUNDS,
            "UTF-8 (set by the format)",
        ),
        (
            lambda d: fx.zipped(d, fx.gbk_shapefile_without_cpg(d)),
            "Shapefile (zipped)",
            f"{GK_120E} [from the file]",
            "4 (Point)",
            SITES_BOUNDS,
            "GB18030 (",
        ),
        (
            fx.flatgeobuf,
            "FlatGeobuf",
            f"{GK_120E} [from the file]",
            "1 (Polygon)",
            PARCEL_BOUNDS,
            "UTF-8 (set by the format)",
        ),
        (
            fx.geoparquet,
            "GeoParquet",
            "EPSG:32651 (WGS 84 / UTM zone 51N) [from the file]",
            "4 (Point)",
            SITES_BOUNDS,
            "UTF-8 (set by the format)",
        ),
        (
            fx.excel_csv_with_bom,
            "CSV",
            "EPSG:4326 (WGS 84) [assumed]",
            "4 (Point)",
            SITES_BOUNDS,
            "UTF-8 (UTF-8 with a byte-order mark)",
        ),
        (
            fx.gbk_csv,
            "CSV",
            "EPSG:4326 (WGS 84) [assumed]",
            "4 (Point)",
            SITES_BOUNDS,
            "GB18030 (not UTF-8 but valid GB18030 (GBK))",
        ),
        (
            fx.xlsx,
            "Excel workbook",
            "EPSG:4326 (WGS 84) [assumed]",
            "4 (Point)",
            SITES_BOUNDS,
            "UTF-8 (set by the format)",
        ),
    ],
)
def test_each_format(capsys, tmp_path, build, header, crs, count, bounds, encoding):
    path = build(tmp_path)
    lines = info_lines(capsys, path)
    assert lines[0] == f"{path} ({header})"
    assert f"CRS:      {crs}" in lines
    assert f"features: {count}" in lines
    assert f"bounds:   {bounds}" in lines
    assert any(line.startswith(f"encoding: {encoding}") for line in lines)


def test_gcj02_csv_declared(capsys, tmp_path):
    path = fx.gcj02_csv(tmp_path)
    lines = info_lines(capsys, path, "--crs", "gcj02")
    assert "CRS:      GCJ-02 (Chinese web datum) [declared]" in lines
    assert f"bounds:   {SITES_BOUNDS}" in lines
    assert not any(line.startswith("warning:") for line in lines)
    undeclared = info_lines(capsys, path)
    assert f"bounds:   {SITES_BOUNDS}" not in undeclared
    assert any(line.startswith("warning:  no CRS given") for line in undeclared)


def test_warnings_for_repaired_and_skipped_geometries(capsys, tmp_path):
    lines = info_lines(capsys, fx.bowtie_geojson(tmp_path))
    assert "features: 2 (MultiPolygon, Polygon)" in lines
    assert "warning:  repaired 1 invalid geometry (first: Self-intersection)" in lines
    lines = info_lines(capsys, fx.null_and_empty_geojson(tmp_path))
    assert "features: 2 (Point)" in lines
    assert "warning:  skipped 3 features with a missing, empty or non-numeric geometry" in lines


def test_json_output(capsys, tmp_path):
    path = fx.two_crs_geopackage(tmp_path)
    code, out, _ = run(capsys, "info", str(path), "--json")
    doc = json.loads(out)
    assert code == 0 and doc["file"] == str(path) and doc["format"] == "GeoPackage"
    assert [(one["layer"], one["crs"], one["feature_count"]) for one in doc["layers"]] == [
        ("sites_cgcs2000", "EPSG:4490 (China Geodetic Coordinate System 2000)", 4),
        ("parcel_utm51n", "EPSG:32651 (WGS 84 / UTM zone 51N)", 1),
    ]
    assert doc["layers"][1]["bounds_wgs84"] == pytest.approx(list(fx.PARCEL_BOUNDS), abs=1e-6)
    assert "名称" in out  # Chinese is written as text, not \u escapes


def test_bad_files_are_one_line_on_stderr(capsys, tmp_path):
    truncated = tmp_path / "cut.geojson"
    truncated.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Fea', encoding="utf-8"
    )
    assert one_error_line(capsys, truncated).startswith(
        "cut.geojson: cannot be read as GeoJSON, the file is damaged or truncated"
    )
    png = tmp_path / "map.geojson"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    assert one_error_line(capsys, png) == "map.geojson: not a GeoJSON file (it is a PNG image)"
    docx = tmp_path / "notes.docx"
    docx.write_bytes(b"PK\x03\x04" + bytes(64))
    assert one_error_line(capsys, docx).startswith("notes.docx: unsupported file type .docx")
    empty = fx.geojson_features(tmp_path, "empty.geojson", [])
    assert one_error_line(capsys, empty) == "empty.geojson: the file holds no features"
    assert (
        one_error_line(capsys, tmp_path / "missing.shp")
        == f"{tmp_path / 'missing.shp'}: no such file"
    )


def test_missing_crs_asks_for_one(capsys, tmp_path):
    message = one_error_line(capsys, fx.shapefile_without_prj(tmp_path))
    assert message.startswith("no_prj.shp: the file does not say which coordinate system it uses")
    assert "declare its CRS" in message
    message = one_error_line(capsys, fx.projected_numbers_geojson(tmp_path))
    assert "(projected metres?)" in message and "declare the file's real CRS" in message
    lines = info_lines(capsys, fx.projected_numbers_geojson(tmp_path), "--crs", "EPSG:4549")
    assert f"CRS:      {GK_120E} [declared]" in lines
    assert f"bounds:   {SITES_BOUNDS}" in lines


def test_unknown_crs_text(capsys, tmp_path):
    path = fx.gbk_csv(tmp_path)
    assert one_error_line(capsys, path, "--crs", "wgs99") == (
        "unknown CRS 'wgs99': give EPSG:n (e.g. EPSG:4549), gcj02 or bd09"
    )
    code, out, err = run(capsys, "identify", "121.5", "31.3", "--crs", "EPSG:0")
    assert (code, out) == (1, "")
    assert err == "yangpu-gis: unknown CRS 'EPSG:0': give EPSG:n (e.g. EPSG:4549), gcj02 or bd09\n"


def test_identify_finds_a_feature_in_a_gbk_shapefile(capsys, tmp_path):
    path = fx.gbk_shapefile_without_cpg(tmp_path)
    with_parcel = fx.flatgeobuf(tmp_path)
    code, out, err = run(
        capsys,
        "identify",
        "121.503",
        "31.299",
        "--file",
        str(with_parcel),
        "--file",
        str(path),
        "--json",
    )
    assert (code, err) == (0, "")
    titles = {hit["layer_title"] for hit in json.loads(out)["hits"]}
    assert {"parcel"} <= titles


def subprocess_info(*argv):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("YANGPU_GIS_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "yangpu_gis", "info", *map(str, argv)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_real_process(tmp_path):
    path = fx.gbk_shapefile_without_cpg(tmp_path)
    done = subprocess_info(path)
    assert done.returncode == 0 and done.stderr == ""
    assert "layer 杨浦地块" in done.stdout and f"bounds:   {SITES_BOUNDS}" in done.stdout
    assert "encoding: GB18030" in done.stdout
    bad = tmp_path / "cut.gpkg"
    bad.write_bytes(fx.two_crs_geopackage(tmp_path).read_bytes()[:5000])
    failed = subprocess_info(bad)
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.count("\n") == 1 and "Traceback" not in failed.stderr
    assert failed.stderr.startswith("yangpu-gis: cut.gpkg: cannot be read as GeoPackage")
