"""Selecting as a planner does: a rectangle or polygon dragged on the map, Ctrl+click, a
filter typed in the attribute table; the count and geodesic area in the status bar, the
highlight on the map, and zoom to the selection."""

from __future__ import annotations

import numpy as np
from pyproj import Geod
from PySide6.QtCore import QEvent, QPointF, Qt
from test_app_styling import WEST, canvas_rgb, open_files, parcels
from test_canvas import click, drag, mouse, wait_for_render
from test_panels_search import type_chinese

from yangpu_gis.model import geodesy


def pixel(window, lon, lat) -> QPointF:
    return QPointF(*window.canvas.viewport.wgs84_to_pixel(lon, lat))


def square_centre(i: int) -> tuple[float, float]:
    x0, y0 = WEST
    return x0 + (i % 4) * 0.004 + 0.00175, y0 + (i // 4) * 0.004 + 0.00175


def geodesic_area(layer, rows) -> float:
    geod = Geod(ellps="WGS84")
    total = 0.0
    for row in rows:
        xy = np.asarray(layer.geometry(row).exterior.coords)
        total += abs(geod.polygon_area_perimeter(xy[:, 0], xy[:, 1])[0])
    return total


def type_filter(qtbot, edit, text):
    """ASCII typed key by key, Chinese committed by the input method, as a planner types."""
    run = ""
    for ch in text + "\0":
        if ch.isascii() and ch != "\0":
            run += ch
            continue
        if run:
            qtbot.keyClicks(edit, run)
            run = ""
        if ch != "\0":
            type_chinese(edit, ch)


def status_text(window) -> str:
    return window.selection_status.text() if window.selection_status.isVisible() else ""


def opened_parcels(qtbot, window, tmp_path):
    (layer,) = open_files(qtbot, window, parcels(tmp_path / "parcels.geojson", WEST))
    wait_for_render(qtbot, window.canvas)
    return layer


def test_a_dragged_rectangle_selects_and_the_status_bar_counts(qtbot, window, tmp_path):
    layer = opened_parcels(qtbot, window, tmp_path)
    window.tool_actions["select"].trigger()
    x0, y0 = WEST
    # Columns 0 and 1 of both rows: squares 0, 1, 4 and 5.
    drag(
        window.canvas,
        pixel(window, x0 - 0.0004, y0 - 0.0004),
        pixel(window, x0 + 0.0062, y0 + 0.0072),
    )
    assert window.project.selection.layer_id == layer.id
    assert window.project.selection.rows == (0, 1, 4, 5)
    text = status_text(window)
    assert "4 features selected" in text
    assert geodesy.format_area(geodesic_area(layer, [0, 1, 4, 5])) in text
    # Shift adds square 7; Ctrl+click takes square 0 away again.
    drag(
        window.canvas,
        pixel(window, *square_centre(7)),
        pixel(window, square_centre(7)[0] + 0.001, square_centre(7)[1] + 0.001),
        modifiers=Qt.ShiftModifier,
    )
    assert window.project.selection.rows == (0, 1, 4, 5, 7)
    at = pixel(window, *square_centre(0))
    mouse(window.canvas, QEvent.MouseButtonPress, at, modifiers=Qt.ControlModifier)
    mouse(window.canvas, QEvent.MouseButtonRelease, at, modifiers=Qt.ControlModifier)
    assert window.project.selection.rows == (1, 4, 5, 7)
    assert "4 features selected" in status_text(window)
    # A plain click selects the one square; a click on nothing clears.
    click(window.canvas, pixel(window, *square_centre(2)))
    assert window.project.selection.rows == (2,)
    assert "1 feature selected" in status_text(window)
    click(window.canvas, pixel(window, x0 - 0.01, y0 - 0.01))
    assert window.project.selection is None
    assert status_text(window) == ""


def test_a_polygon_selects_what_it_meets(qtbot, window, tmp_path):
    layer = opened_parcels(qtbot, window, tmp_path)
    window.tool_actions["select_polygon"].trigger()
    # A triangle over squares 0, 1 and 4 (not 5: its corner is outside the hypotenuse).
    x0, y0 = WEST
    corners = [(x0 - 0.0005, y0 - 0.0005), (x0 + 0.0070, y0 - 0.0005), (x0 - 0.0005, y0 + 0.0070)]
    for lon, lat in corners:
        click(window.canvas, pixel(window, lon, lat))
    assert window.project.selection is None  # not closed yet
    last = pixel(window, *corners[-1])
    mouse(window.canvas, QEvent.MouseButtonDblClick, last)
    mouse(window.canvas, QEvent.MouseButtonRelease, last)
    assert window.project.selection.layer_id == layer.id
    assert window.project.selection.rows == (0, 1, 4)
    assert "3 features selected" in status_text(window)


def test_a_filter_typed_in_the_table_selects_on_the_map(qtbot, window, tmp_path):
    layer = opened_parcels(qtbot, window, tmp_path)
    window.layers_panel.select_layer(layer.id)
    qtbot.mouseClick(window.layers_panel.table_button, Qt.LeftButton)
    table = window.attribute_table
    qtbot.waitUntil(lambda: table.layer is layer)
    before = canvas_rgb(qtbot, window)
    edit = table.filter_bar.value_edit
    qtbot.mouseClick(edit, Qt.LeftButton)
    type_filter(qtbot, edit, "面积 > 5")
    qtbot.keyClick(edit, Qt.Key_Return)
    # 面积 is (i + 1)², so squares 2..7 are over 5.
    assert window.project.selection.rows == (2, 3, 4, 5, 6, 7)
    assert table.selected_rows() == [2, 3, 4, 5, 6, 7]
    assert "6 features match" in table.filter_bar.message.text()
    assert "6 features selected" in status_text(window)
    # The highlight's yellow glow appears on the map where there was none.
    after = canvas_rgb(qtbot, window)
    yellow = lambda rgb: int(np.sum((rgb[..., 0] > 230) & (rgb[..., 1] > 200) & (rgb[..., 2] < 80)))  # noqa: E731
    assert yellow(after) > yellow(before) + 200
    # A Chinese value, text compared; then a wrong one gives a message and keeps the selection.
    edit.clear()
    type_filter(qtbot, edit, "类别 = 更新社区")
    qtbot.keyClick(edit, Qt.Key_Return)
    assert window.project.selection.rows == (1, 3, 5, 7)
    edit.clear()
    type_filter(qtbot, edit, "面积 > 很大")
    qtbot.keyClick(edit, Qt.Key_Return)
    assert "not a number" in table.filter_bar.message.text()
    assert window.project.selection.rows == (1, 3, 5, 7)


def test_zoom_to_selection_from_the_table_and_the_menu(qtbot, window, tmp_path):
    layer = opened_parcels(qtbot, window, tmp_path)
    window.open_attribute_table(layer.id)
    table = window.attribute_table
    qtbot.waitUntil(lambda: table.layer is layer)
    type_filter(qtbot, table.filter_bar.value_edit, "面积 ≥ 64")
    qtbot.keyClick(table.filter_bar.value_edit, Qt.Key_Return)
    assert window.project.selection.rows == (7,)
    window.canvas.zoom_full()
    qtbot.mouseClick(table.zoom_button, Qt.LeftButton)
    west, south, east, north = window.canvas.viewport.extent_wgs84
    lon, lat = square_centre(7)
    assert west < lon < east and south < lat < north
    assert east - west < 0.02  # zoomed in on the one square, not the district
    window.canvas.zoom_full()
    window.zoom_selection_action.trigger()
    west2, _, east2, _ = window.canvas.viewport.extent_wgs84
    assert east2 - west2 < 0.02


def test_a_huge_selection_is_counted_without_summing_its_area(qtbot, window, monkeypatch):
    import geopandas as gpd
    import shapely

    from yangpu_gis.model.layer import Layer
    from yangpu_gis.model.project import Selection
    from yangpu_gis.ui import selection_status

    monkeypatch.setattr(selection_status, "MAX_SUMMED", 100)
    boxes = [
        shapely.box(121.5 + i * 1e-4, 31.28, 121.5 + i * 1e-4 + 5e-5, 31.2801) for i in range(150)
    ]
    frame = gpd.GeoDataFrame({"n": range(150)}, geometry=boxes, crs="EPSG:4326")
    window.project.add_layer(Layer(id="many", title="Many", data=frame))
    window.project.select(Selection("many", tuple(range(150))))
    text = status_text(window)
    assert "150 features selected" in text and "area not summed" in text
    window.project.select(Selection("many", tuple(range(100))))
    assert "100 features selected" in status_text(window)
    assert "ha" in status_text(window) or "m²" in status_text(window)
