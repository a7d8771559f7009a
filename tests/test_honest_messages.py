"""Messages that say what is wrong: plain text (a file name is never HTML), every failed
file listed, a bad .prj named as such, shapefile part counts that disagree, and file names
GDAL would misread (`;`, a line break) opened all the same."""

import os
import shutil

import geopandas as gpd
import pyogrio
import pytest
import shapely
from PySide6.QtCore import Qt

from yangpu_gis.model import io

EXPECTED_ROWS = 2


def two_points(epsg: int = 4326) -> gpd.GeoDataFrame:
    if epsg == 4326:
        x, y = [121.50, 121.51], [31.30, 31.30]
    else:  # CGCS2000 Gauss-Krüger 120°E metres around Yangpu
        x, y = [547_000, 548_000], [3_463_000, 3_463_500]
    return gpd.GeoDataFrame({"n": [1, 2]}, geometry=shapely.points(x, y), crs=f"EPSG:{epsg}")


def test_the_message_bar_shows_a_file_name_with_html_as_typed(qtbot, window, tmp_path):
    # "/" cannot be in a file name: an opening tag alone makes Qt's AutoText render bold
    path = tmp_path / "<b>x.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [')  # cut short
    window.open_files([str(path)])
    bar = window.message_bar
    qtbot.waitUntil(lambda: bar.text.startswith("<b>x.geojson: "), timeout=20000)
    assert bar.label.textFormat() == Qt.TextFormat.PlainText


def test_every_file_that_fails_at_once_stays_listed(qtbot, window, tmp_path):
    bad = []
    for name in ("first.geojson", "second.gpkg", "third.kml"):
        path = tmp_path / name
        path.write_bytes(b"\x00 not what the name says")
        bad.append(path)
    good = tmp_path / "good.geojson"
    two_points().to_file(good)
    count = len(window.project.layers)
    window.open_files([str(bad[0]), str(good), str(bad[1]), str(bad[2])])
    bar = window.message_bar
    qtbot.waitUntil(lambda: "third.kml" in bar.text, timeout=30000)
    qtbot.waitUntil(lambda: not window.loader.busy)
    lines = bar.text.splitlines()
    assert lines[0] == "3 files could not be opened:"
    for position, path in enumerate(bad, 1):
        assert lines[position].startswith(f"• {path.name}: ")
    assert len(window.project.layers) == count + 1  # the good file opened meanwhile


def test_a_garbage_prj_is_called_unreadable_not_missing(tmp_path):
    shp = tmp_path / "parcels.shp"
    pyogrio.write_dataframe(two_points(4549), shp)
    shp.with_suffix(".prj").write_text("this is not a coordinate system")
    with pytest.raises(io.CrsRequired) as raised:
        io.read_file(shp)
    message = str(raised.value)
    assert "its .prj file cannot be read" in message
    assert "no .prj" not in message
    os.remove(shp.with_suffix(".prj"))
    with pytest.raises(io.CrsRequired, match=r"it has no \.prj file"):
        io.read_file(shp)


@pytest.mark.parametrize("dbf_rows", [1, 3])
def test_a_dbf_whose_count_disagrees_with_the_shp_is_a_warning(tmp_path, dbf_rows):
    shp = tmp_path / "sites.shp"
    pyogrio.write_dataframe(two_points(), shp)
    other = gpd.GeoDataFrame(
        {"n": range(dbf_rows)},
        geometry=shapely.points([121.5] * dbf_rows, [31.3] * dbf_rows),
        crs="EPSG:4326",
    )
    pyogrio.write_dataframe(other, tmp_path / "other.shp")
    shutil.copy(tmp_path / "other.dbf", shp.with_suffix(".dbf"))
    (loaded,) = io.read_file(shp)
    assert (
        f"the .shp/.shx hold 2 shapes but the .dbf {dbf_rows} attribute rows: "
        f"only {min(2, dbf_rows)} features can be matched, the rest are left out"
    ) in loaded.warnings
    assert loaded.info()["warnings"] == loaded.warnings


@pytest.mark.parametrize("part", [".dbf", ".shx"])
def test_a_shorter_dbf_or_shx_is_shown_in_the_app_with_what_was_left_out(
    qtbot, window, tmp_path, part
):
    shp = tmp_path / "sites.shp"
    pyogrio.write_dataframe(two_points(), shp)
    one = gpd.GeoDataFrame({"n": [1]}, geometry=shapely.points([121.5], [31.3]), crs=4326)
    pyogrio.write_dataframe(one, tmp_path / "one.shp")
    shutil.copy(tmp_path / f"one{part}", shp.with_suffix(part))  # one record, not two
    count = len(window.project.layers)
    window.open_files([str(shp)])
    qtbot.waitUntil(lambda: len(window.project.layers) == count + 1, timeout=30000)
    text = window.message_bar.text
    assert text.startswith("Opened sites. Note: ")
    if part == ".shx":  # the .shp holds a shape its index does not reach: said so
        assert "the .shp holds 2 shapes but its .shx index only 1: 1 shapes past" in text
    else:
        assert "the .shp/.shx hold 2 shapes but the .dbf 1 attribute rows" in text
    assert "only 1 features can be matched, the rest are left out" in text
    assert window.project.layers[-1].feature_count == 1  # what the message says, no fewer


def test_matching_counts_give_no_warning(tmp_path):
    shp = tmp_path / "sites.shp"
    pyogrio.write_dataframe(two_points(), shp)
    (loaded,) = io.read_file(shp)
    assert not [w for w in loaded.warnings if ".dbf" in w]


@pytest.mark.parametrize("stem", ["a;b", "line\nbreak", "x;y\nz"])
@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".shp", ".fgb"])
def test_names_gdal_would_misread_open_by_path(tmp_path, stem, suffix):
    written = tmp_path / f"plain{suffix}"
    pyogrio.write_dataframe(two_points(), written)
    for part in tmp_path.glob("plain.*"):
        part.rename(tmp_path / f"{stem}{part.suffix}")
    path = tmp_path / f"{stem}{suffix}"
    (loaded,) = io.read_file(path)
    assert len(loaded.data) == EXPECTED_ROWS
    assert loaded.name == stem
    assert io.list_layers(path)
    # nothing was left behind next to the file
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{stem}{p.suffix}" for p in tmp_path.iterdir()
    )
