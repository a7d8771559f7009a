"""A GeoPackage whose registered view never ends (an endless recursive query) gets a clear
message within seconds from `info` and `render`, and in the app Cancel frees the loader."""

import sqlite3
import subprocess
import sys
import time

import geopandas as gpd
import pyogrio
import pytest
import shapely

ENDLESS = (
    "WITH RECURSIVE c(fid, geom) AS (SELECT fid, geom FROM sites "
    "UNION ALL SELECT fid + 1, geom FROM c) SELECT fid, geom FROM c"
)


def geopackage(path) -> None:
    frame = gpd.GeoDataFrame(
        {"name": ["a", "b"]}, geometry=shapely.points([121.5, 121.51], [31.3, 31.3]), crs=4326
    )
    pyogrio.write_dataframe(frame, path, layer="sites")


@pytest.fixture
def endless_view(tmp_path):
    """The view is registered as a feature table, as GDAL and QGIS register views."""
    path = tmp_path / "endless.gpkg"
    geopackage(path)
    with sqlite3.connect(path) as connection:
        connection.execute(f"CREATE VIEW forever AS {ENDLESS}")
        connection.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
            "VALUES ('forever', 'features', 'forever', 4326)"
        )
        connection.execute(
            "INSERT INTO gpkg_geometry_columns VALUES ('forever', 'geom', 'POINT', 4326, 0, 0)"
        )
    return path


@pytest.fixture
def endless_registry(tmp_path):
    """gpkg_geometry_columns itself replaced by a view that never ends."""
    path = tmp_path / "registry.gpkg"
    geopackage(path)
    with sqlite3.connect(path) as connection:
        connection.execute("ALTER TABLE gpkg_geometry_columns RENAME TO real_columns")
        connection.execute(
            "CREATE VIEW gpkg_geometry_columns AS WITH RECURSIVE c(n) AS "
            "(SELECT 0 UNION ALL SELECT n + 1 FROM c) SELECT r.* FROM real_columns r, c"
        )
    return path


def run_cli(*args) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "yangpu_gis", *args], capture_output=True, text=True, timeout=90
    )
    return done, time.monotonic() - started


@pytest.mark.parametrize("fixture", ["endless_view", "endless_registry"])
def test_info_and_render_say_the_file_never_answers(request, tmp_path, fixture):
    path = request.getfixturevalue(fixture)
    for args in (["info", str(path)], ["render", str(tmp_path / "out.png"), "--file", str(path)]):
        done, seconds = run_cli(*args)
        assert done.returncode == 1, done.stderr
        line = done.stderr.strip()
        assert line.startswith(f"yangpu-gis: {path.name}: reading its "), line
        assert "did not finish within 10 s (a view defined by an endless query?)" in line
        assert len(line.splitlines()) == 1 and "Traceback" not in done.stderr
        assert seconds < 60
    assert not (tmp_path / "out.png").exists()


def test_cancel_frees_the_loader_for_the_next_file(qtbot, window, endless_view, tmp_path):
    good = tmp_path / "good.gpkg"
    geopackage(good)
    count = len(window.project.layers)
    window.open_files([str(endless_view)])
    qtbot.waitUntil(lambda: window.loader.busy)
    qtbot.wait(300)  # well inside the endless query
    qtbot.mouseClick(window.cancel_load_button, shiboken_left())
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=5000)
    window.open_files([str(good)])
    qtbot.waitUntil(lambda: len(window.project.layers) == count + 1, timeout=20000)
    assert window.project.layers[-1].title == "good"


def shiboken_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
