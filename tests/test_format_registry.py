"""The format registry (model.file_formats.REGISTRY) is the one list of readable formats:
a real file of each registered suffix opens, and the Open dialog, the error text and the
command line's help name exactly the registry's formats."""

from __future__ import annotations

import zipfile

import io_fixtures as fx
import numpy as np
import pyogrio
import pytest

from yangpu_gis.cli import build_parser
from yangpu_gis.model.file_formats import FORMATS, REGISTRY, supported_text
from yangpu_gis.model.io import read_file
from yangpu_gis.model.load_errors import LoadError


def _sites(folder, name, **kwargs):
    path = folder / name
    pyogrio.write_dataframe(fx.sites_frame(4549), path, **kwargs)
    return path


def _zipped_shapefile(folder):
    shp = _sites(folder, "sites.shp")
    return fx.zipped(folder, shp, "sites.zip", inside="survey/")


def _kmz(folder):
    # A KMZ is a zip archive holding doc.kml.
    kml = fx.kml(folder)
    path = folder / "sites.kmz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(kml, "doc.kml")
    return path


def _gpx(folder):
    frame = fx.sites_frame().rename(columns={"名称": "name"})[["name", "geometry"]]
    path = folder / "walk.gpx"
    pyogrio.write_dataframe(frame, path, driver="GPX", layer="waypoints")
    return path


def _geoparquet(folder, suffix):
    path = folder / f"sites{suffix}"
    fx.sites_frame(32651).to_parquet(path)
    return path


def _table(folder, name, separator):
    path = folder / name
    path.write_text(fx.sites_table().to_csv(index=False, sep=separator), encoding="utf-8")
    return path


def _wkt_table(folder):
    table = fx.sites_table().drop(columns=["经度", "纬度"])
    table["WKT"] = [f"POINT ({lon} {lat})" for lon, lat in zip(fx.LONS, fx.LATS, strict=True)]
    path = folder / "sites_wkt.csv"
    path.write_text(table.to_csv(index=False), encoding="utf-8")
    return path


def _xlsx(folder):
    path = folder / "sites.xlsx"
    pyogrio.write_dataframe(fx.sites_table(), path, layer="站点", driver="XLSX")
    return path


CP936 = {"ENCODING": "CP936"}  # MapInfo's Simplified Chinese charset
# One real file for every suffix of the registry, written with GDAL (or pandas for tables).
WRITERS = {
    ".geojson": lambda d: fx.geojson(d, fx.sites_frame(), "sites.geojson"),
    ".json": lambda d: fx.geojson(d, fx.sites_frame(), "sites.json"),
    ".shp": lambda d: _sites(d, "sites.shp"),
    ".zip": _zipped_shapefile,
    ".gpkg": lambda d: _sites(d, "sites.gpkg", layer="sites"),
    ".kml": fx.kml,
    ".kmz": _kmz,
    ".fgb": lambda d: _sites(d, "sites.fgb"),
    ".parquet": lambda d: _geoparquet(d, ".parquet"),
    ".geoparquet": lambda d: _geoparquet(d, ".geoparquet"),
    ".csv": _wkt_table,
    ".txt": lambda d: _table(d, "sites.txt", ","),
    ".tsv": lambda d: _table(d, "sites.tsv", "\t"),
    ".xlsx": _xlsx,
    ".gpx": _gpx,
    ".gml": lambda d: _sites(d, "sites.gml", driver="GML"),
    ".tab": lambda d: _sites(d, "sites.tab", driver="MapInfo File", layer_options=CP936),
    ".mif": lambda d: _sites(d, "sites.mif", driver="MapInfo File", layer_options=CP936),
}


def test_every_registered_suffix_has_a_file_to_open():
    assert set(WRITERS) == set(FORMATS)


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_a_real_file_of_each_registered_format_opens_in_wgs84(tmp_path, suffix):
    path = WRITERS[suffix](tmp_path)
    assert path.suffix.lower() == suffix
    [layer] = read_file(path)
    assert layer.format == FORMATS[suffix].name
    assert len(layer.data) == 4
    assert layer.data.crs.to_epsg() == 4326
    # FlatGeobuf's spatial index reorders the features: compare the places as a set.
    places = sorted(zip(layer.data.geometry.x, layer.data.geometry.y, strict=True))
    expected = sorted(zip(fx.LONS, fx.LATS, strict=True))
    assert np.array(places) == pytest.approx(np.array(expected), abs=1e-6)


def _patterns(filter_text: str) -> list[str]:
    return filter_text[filter_text.rindex("(") + 1 : filter_text.rindex(")")].split()


def test_the_open_dialog_lists_each_registered_format_and_no_other(window):
    filters = window.open_queue.open_filter().split(";;")
    every, per_format, anything = filters[0], filters[1:-1], filters[-1]
    assert set(_patterns(every)) == {f"*{suffix}" for suffix in FORMATS}
    assert [_patterns(text) for text in per_format] == [
        [f"*{suffix}" for suffix in fmt.suffixes] for fmt in REGISTRY
    ]
    assert per_format[0] == "GeoJSON (*.geojson *.json)"
    assert anything == "All files (*)"


def test_the_open_dialog_names_the_formats_in_chinese(chinese_window):
    filters = chinese_window.open_queue.open_filter().split(";;")
    assert "压缩的 Shapefile (*.zip)" in filters
    assert filters[-1] == "所有文件 (*)"


def _help_formats(help_text: str) -> list[tuple[str, list[str]]]:
    block = help_text.split("FILE may be any of these formats:\n", 1)[1]
    rows = []
    for line in block.splitlines():
        if not line.startswith("  "):
            break
        words = line.split()
        suffixes = [w for w in words if w.startswith(".")]
        rows.append((" ".join(w for w in words if not w.startswith(".")), suffixes))
    return rows


@pytest.mark.parametrize("command", [[], ["open"], ["info"]])
def test_the_command_line_help_lists_exactly_the_registry(command):
    parser = build_parser()
    if command:
        parser = parser._subparsers._group_actions[0].choices[command[0]]
    assert _help_formats(parser.format_help()) == [
        (fmt.name, list(fmt.suffixes)) for fmt in REGISTRY
    ]


def test_an_unsupported_file_names_every_registered_format(tmp_path):
    path = tmp_path / "plan.dwg"
    path.write_bytes(b"AC1032 drawing")
    with pytest.raises(LoadError) as caught:
        read_file(path)
    message = str(caught.value)
    assert message == f"plan.dwg: unsupported file type .dwg; open {supported_text()}"
    for fmt in REGISTRY:
        assert all(suffix in message for suffix in fmt.suffixes)
