"""The attribute table: sorting by header clicks, and selection linked both ways with the map."""

import time

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPoint, Qt

from yangpu_gis.model.layer import Layer
from yangpu_gis.model.project import Selection
from yangpu_gis.ui.panels.attribute_table import AttributeTable


def parcels_layer(n: int = 6) -> Layer:
    values = [10, 9, 100, 2.5, None, 55][:n] if n <= 6 else list(np.arange(n) % 997)
    frame = gpd.GeoDataFrame(
        {
            "name": [f"parcel {i}" for i in range(n)],
            "area_m2": values,
            # Read from a CSV, numbers arrive as text; they should still sort as numbers.
            "floors": [str(v) for v in ([3, 12, 7, 25, 1, 2][:n] if n <= 6 else range(n))],
        },
        geometry=[shapely.Point(121.5 + i * 1e-5, 31.28) for i in range(n)],
        crs="EPSG:4326",
    )
    return Layer(id="parcels", title="Parcels", data=frame)


@pytest.fixture
def table(qtbot, project):
    project.add_layer(parcels_layer())
    widget = AttributeTable(project)
    qtbot.addWidget(widget)
    widget.resize(800, 320)
    widget.show()
    widget.show_layer("parcels")
    return widget


def column_texts(table, name):
    column = table.model.column_names.index(name)
    proxy = table.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def click_header(qtbot, table, name):
    header = table.view.horizontalHeader()
    column = table.model.column_names.index(name)
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=QPoint(x, header.height() // 2))


def click_row(qtbot, table, row, modifier=Qt.NoModifier):
    rect = table.view.visualRect(table.proxy.index(row, 0))
    qtbot.mouseClick(table.view.viewport(), Qt.LeftButton, modifier, rect.center())


def test_shows_the_layer_columns_without_geometry(table):
    assert table.model.column_names == ["name", "area_m2", "floors"]
    assert column_texts(table, "name")[0] == "parcel 0"
    assert table.layer_combo.currentText() == "Parcels"
    assert table.count_label.text() == "6 features"


def test_header_clicks_sort_numbers_as_numbers(qtbot, table):
    click_header(qtbot, table, "area_m2")
    assert column_texts(table, "area_m2") == ["2.5", "9", "10", "55", "100", ""]
    click_header(qtbot, table, "area_m2")
    assert column_texts(table, "area_m2") == ["100", "55", "10", "9", "2.5", ""]
    click_header(qtbot, table, "floors")
    assert column_texts(table, "floors") == ["1", "2", "3", "7", "12", "25"]
    click_header(qtbot, table, "name")
    assert column_texts(table, "name")[0] == "parcel 0"


def test_selecting_rows_selects_features_in_the_project(qtbot, table, project):
    click_header(qtbot, table, "area_m2")  # the table order is no longer the layer order
    changes = []
    project.selection_changed.connect(changes.append)
    click_row(qtbot, table, 0)
    assert project.selection == Selection("parcels", (3,))  # 2.5 m² is the fourth parcel
    click_row(qtbot, table, 1, Qt.ControlModifier)
    assert project.selection == Selection("parcels", (1, 3))
    assert changes == [Selection("parcels", (3,)), Selection("parcels", (1, 3))]
    assert table.count_label.text() == "6 features · 2 selected"
    assert table.zoom_button.isEnabled()
    with qtbot.waitSignal(table.zoom_to_selection_requested):
        qtbot.mouseClick(table.zoom_button, Qt.LeftButton)


def test_a_project_selection_selects_and_scrolls_to_the_rows(qtbot, project):
    project.add_layer(parcels_layer(2000))
    widget = AttributeTable(project)
    qtbot.addWidget(widget)
    widget.resize(700, 300)
    widget.show()
    widget.show_layer("parcels")
    changes = []
    project.selection_changed.connect(changes.append)
    project.select(Selection("parcels", (1500, 1501)))
    selected = sorted(
        widget.proxy.mapToSource(i).row() for i in widget.view.selectionModel().selectedRows()
    )
    assert [widget.model.data_row(r) for r in selected] == [1500, 1501]
    rect = widget.view.visualRect(widget.proxy.index(selected[0], 0))
    assert widget.view.viewport().rect().intersects(rect)
    assert changes == [Selection("parcels", (1500, 1501))]  # no echo back from the table

    project.select(Selection("sites", (0,)))
    assert widget.view.selectionModel().selectedRows() == []
    project.select(None)
    assert widget.count_label.text() == "2,000 features"


def test_sorting_keeps_the_selection_on_the_same_features(qtbot, table, project):
    project.select(Selection("parcels", (2,)))
    click_header(qtbot, table, "area_m2")
    rows = table.view.selectionModel().selectedRows()
    assert [table.model.data_row(table.proxy.mapToSource(i).row()) for i in rows] == [2]
    assert project.selection == Selection("parcels", (2,))


def test_choosing_another_layer_in_the_combo(qtbot, table):
    combo = table.layer_combo
    combo.setFocus()
    index = combo.findText("Districts")
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    qtbot.mouseClick(
        view.viewport(), Qt.LeftButton, pos=view.visualRect(view.model().index(index, 0)).center()
    )
    assert table.layer.id == "districts"
    assert "name_zh" in table.model.column_names
    assert "杨浦区" in column_texts(table, "name_zh")


def test_follows_layers_added_and_removed(table, project):
    project.remove_layer("parcels")
    assert table.layer is not None and table.layer.id != "parcels"
    assert table.layer_combo.findText("Parcels") == -1


def test_a_hundred_thousand_rows_open_and_sort_quickly(qtbot, project):
    n = 100_000
    rng = np.random.default_rng(7)
    frame = gpd.GeoDataFrame(
        {"value": rng.random(n) * 1000, "label": [f"f{i}" for i in range(n)]},
        geometry=shapely.points(121.5 + rng.random(n) * 0.05, 31.28 + rng.random(n) * 0.05),
        crs="EPSG:4326",
    )
    project.add_layer(Layer(id="big", title="Big", data=frame))
    widget = AttributeTable(project)
    qtbot.addWidget(widget)
    widget.show()
    start = time.perf_counter()
    widget.show_layer("big")
    click_header(qtbot, widget, "value")
    elapsed = time.perf_counter() - start
    shown = [float(widget.proxy.index(r, 0).data()) for r in range(50)]
    assert shown == sorted(shown)
    assert float(widget.proxy.index(0, 0).data()) == pytest.approx(frame["value"].min())
    assert elapsed < 3.0


def test_a_layer_without_attributes_still_lists_its_features(qtbot, project):
    frame = gpd.GeoDataFrame(
        geometry=[shapely.Point(121.5, 31.28), shapely.box(121.5, 31.28, 121.51, 31.29)],
        crs="EPSG:4326",
    )
    project.add_layer(Layer(id="bare", title="Bare shapes", data=frame))
    widget = AttributeTable(project)
    qtbot.addWidget(widget)
    widget.show()
    widget.show_layer("bare")
    assert column_texts(widget, "(geometry type)") == ["Point", "Polygon"]
    click_row(qtbot, widget, 1)
    assert project.selection == Selection("bare", (1,))
