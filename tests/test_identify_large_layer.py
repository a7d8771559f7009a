"""A click on a million named footprints: the facts panel lists the first 50 hits with
"and N more", and reads the names and attributes of those rows only, never a whole column
(converting the million-name column for every hit froze the window for 30-53 s).
How fast it is goes into benchmarks/bench_identify.py."""

import tracemalloc

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from PySide6.QtCore import QPoint, Qt

from yangpu_gis.model.geopackage_reader import read_geopackage_for_drawing
from yangpu_gis.model.identify import Hit
from yangpu_gis.model.layer import Layer
from yangpu_gis.ui.panels.facts_panel import CHOOSER_BATCH

FEATURES = 1_000_000
# A million names as Python strings take about 60 MB; reading 50 rows takes a few kB.
# Drawing threads allocate too, so the bound leaves room for them.
MAX_CLICK_ALLOCATION = 20 * 2**20


@pytest.fixture(scope="module")
def named_buildings(tmp_path_factory):
    rng = np.random.default_rng(11)
    x = rng.uniform(121.49, 121.56, FEATURES)
    y = rng.uniform(31.25, 31.33, FEATURES)
    size = rng.uniform(0.00005, 0.0003, FEATURES)
    frame = gpd.GeoDataFrame(
        {
            "name": [f"Building {i}" for i in range(FEATURES)],
            "floors": np.arange(FEATURES) % 30 + 1,
        },
        geometry=shapely.box(x, y, x + size, y + size),
        crs="EPSG:4326",
    )
    path = tmp_path_factory.mktemp("named") / "footprints.gpkg"
    pyogrio.write_dataframe(frame, path, layer="footprints", use_arrow=True)
    return path


def test_a_click_on_a_million_named_features_lists_50_and_says_how_many_more(
    qtbot, window, named_buildings
):
    window.open_files([str(named_buildings)])
    qtbot.waitUntil(lambda: window.project.layers[-1].title == "footprints", timeout=180000)
    layer = window.project.layers[-1]
    assert layer.feature_count == FEATURES
    qtbot.waitUntil(lambda: layer.display.indexed, timeout=180000)
    window.canvas.zoom_to_wgs84((121.51, 31.27, 121.54, 31.31))
    window.canvas.render_now()
    x, y = window.canvas.viewport.wgs84_to_pixel(121.525, 31.29)
    pos = QPoint(round(x), round(y))
    expected = [hit for hit in window.canvas.hits_at(pos) if hit.layer is layer]
    assert len(expected) > 2 * CHOOSER_BATCH, "the click should hit a crowd"

    tracemalloc.start()
    try:
        qtbot.mouseClick(window.canvas, Qt.LeftButton, pos=pos)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MAX_CLICK_ALLOCATION, f"the click allocated {peak / 2**20:.0f} MB"

    panel = window.facts_panel
    assert panel.hits[: len(expected)] == expected
    first = expected[0].row
    # The test wrote "Building i" into row i: the panel shows the rows it was given.
    assert panel.current_hit == expected[0]
    assert panel.browser.toPlainText().startswith(f"Building {first}\n")
    assert "floors" in panel.browser.toPlainText()
    assert panel.chooser_label.text() == f"{len(panel.hits)} features here, topmost first:"
    assert panel.chooser.count() == CHOOSER_BATCH + 1
    listed = [panel.chooser.item(i).text() for i in range(CHOOSER_BATCH)]
    assert listed == [f"Building {hit.row} — footprints" for hit in expected[:CHOOSER_BATCH]]
    more = len(panel.hits) - CHOOSER_BATCH
    assert panel.more_text() == f"and {more} more…"
    assert panel.chooser.item(CHOOSER_BATCH).text() == panel.more_text()

    # Choosing "and N more" lists the next 50; the feature shown stays chosen.
    more_item = panel.chooser.item(CHOOSER_BATCH)
    qtbot.mouseClick(
        panel.chooser.viewport(),
        Qt.LeftButton,
        pos=panel.chooser.visualItemRect(more_item).center(),
    )
    assert panel.chooser.item(CHOOSER_BATCH).text() == f"Building {expected[50].row} — footprints"
    assert panel.current_hit == expected[0] and panel.chooser.currentRow() == 0
    if more > CHOOSER_BATCH:
        assert panel.more_text() == f"and {more - CHOOSER_BATCH} more…"


def test_names_and_attributes_of_a_table_read_from_a_geopackage_come_row_by_row(
    named_buildings,
):
    (drawable,) = read_geopackage_for_drawing(named_buildings)
    layer = Layer(id="footprints", title="footprints", data=drawable.table)
    rows = [0, 123_456, FEATURES - 1]
    assert layer.feature_names(rows) == [f"Building {r}" for r in rows]
    hit = Hit(layer, 123_456)
    assert hit.name == "Building 123456"
    assert hit.properties == {"name": "Building 123456", "floors": 123_456 % 30 + 1}
    assert hit.geometry.equals(layer.geometries[123_456])
    # no column was read whole, and no GeoDataFrame was built
    assert drawable.table._columns == {}
    assert "data" not in layer.__dict__
