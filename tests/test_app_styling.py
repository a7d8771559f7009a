"""Styling in the app as a planner does it: each opened file in a colour of its own and
labelled by its name field; graduated colours of a numeric field chosen in the style
editor, seen in the legend and on the map; saved in the project and read back the same."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QColorDialog, QFileDialog
from test_canvas import wait_for_render
from test_panels_layers import choose_in_combo

from yangpu_gis.model.colours import delta_e
from yangpu_gis.model.new_layer_look import colours_of

# Two parcel files, side by side in Yangpu, each of 8 squares 0.004° apart.
WEST, EAST = (121.500, 31.280), (121.540, 31.280)


def parcels(path, origin, names=True) -> str:
    x0, y0 = origin
    features = []
    for i in range(8):
        x, y = x0 + (i % 4) * 0.004, y0 + (i // 4) * 0.004
        ring = [[x, y], [x + 0.0035, y], [x + 0.0035, y + 0.0035], [x, y + 0.0035], [x, y]]
        properties = {"面积": float(i + 1) ** 2, "类别": "更新社区" if i % 2 else "产业"}
        if names:
            properties["名称"] = f"地块{i + 1}"
        features.append(
            {"type": "Feature", "properties": properties,
             "geometry": {"type": "Polygon", "coordinates": [ring]}}
        )  # fmt: skip
    doc = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return str(path)


def open_files(qtbot, window, *paths) -> list:
    before = len(window.project.layers)
    window.open_files([str(p) for p in paths])
    qtbot.waitUntil(
        lambda: len(window.project.layers) == before + len(paths) and not window.loader.busy,
        timeout=20_000,
    )
    return list(window.project.layers[before:])


def canvas_rgb(qtbot, window):
    """The canvas as the planner sees it, once its render is done."""
    wait_for_render(qtbot, window.canvas)
    image = window.canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    a = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
    return a[:, : image.width(), 2::-1].astype(int)


def colour_near(rgb, colour: str, tolerance: int = 10) -> int:
    c = QColor(colour)
    return int((np.abs(rgb - [c.red(), c.green(), c.blue()]).max(axis=2) <= tolerance).sum())


def seen_fill(style, fill: str, under: str = "#f6f1e1") -> str:
    """The colour of a fill drawn at the style's opacity over Yangpu's land."""
    a, f, u = style.fill_opacity, QColor(fill), QColor(under)
    return QColor(
        *(round(getattr(f, c)() * a + getattr(u, c)() * (1 - a)) for c in ("red", "green", "blue"))
    ).name()


def click_layer(qtbot, window, layer_id):
    tree = window.layers_panel.tree
    item = tree.layer_item(layer_id)
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=tree.visualItemRect(item).center())
    assert window.layers_panel.current_layer_id() == layer_id


def legend_rows(window, layer_id) -> list[tuple[str, str]]:
    item = window.layers_panel.tree.layer_item(layer_id)
    return [
        (
            item.child(i).text(0),
            item.child(i).icon(0).pixmap(16, 16).toImage().pixelColor(8, 8).name(),
        )
        for i in range(item.childCount())
    ]


@pytest.fixture
def two_files(tmp_path):
    return parcels(tmp_path / "west.geojson", WEST), parcels(tmp_path / "east.geojson", EAST)


def test_two_opened_files_get_two_colours_and_their_name_labels(qtbot, window, two_files):
    west, east = open_files(qtbot, window, *two_files)
    embedded = [c for layer in window.project.layers[:4] for c in colours_of(layer.style)]
    for layer in (west, east):
        assert layer.style.label_field == "名称"
        assert min(delta_e(layer.style.fill, c) for c in embedded) >= 20
    assert delta_e(west.style.fill, east.style.fill) >= 20
    # The map shows both, each in its own colour.
    window.canvas.zoom_to_wgs84((121.499, 31.279, 121.556, 31.289))
    rgb = canvas_rgb(qtbot, window)
    for layer in (west, east):
        assert colour_near(rgb, seen_fill(layer.style, layer.style.fill)) > 500, layer.title
    # The layers panel's swatches: the same two colours.
    icons = {
        layer.id: window.layers_panel.tree.layer_item(layer.id).icon(0).pixmap(16, 16)
        .toImage().pixelColor(8, 8).name()
        for layer in (west, east)
    }  # fmt: skip
    assert delta_e(icons[west.id], icons[east.id]) >= 15


def test_graduated_colours_from_the_style_editor_saved_and_reopened(
    qtbot, window, two_files, tmp_path, monkeypatch
):
    west, _ = open_files(qtbot, window, *two_files)
    click_layer(qtbot, window, west.id)
    editor = window.layers_panel.editor
    choose_in_combo(qtbot, editor.category_combo, "面积")
    choose_in_combo(qtbot, editor.classes.mode_combo, "Graduated (classes of a number)")
    editor.classes.classes_spin.setValue(4)
    choose_in_combo(qtbot, editor.classes.scheme_combo, "Equal interval")
    style = window.project.layer(west.id).style
    assert style.graduated is not None and style.graduated.k == 4
    assert style.graduated.scheme == "equal_interval" and style.graduated.field == "面积"
    assert style.graduated.edges == pytest.approx((1, 16.75, 32.5, 48.25, 64))
    # The legend lists the four classes, each in its colour.
    rows = legend_rows(window, west.id)
    assert [text for text, _ in rows] == [
        "1.00 – 16.75", "16.75 – 32.50", "32.50 – 48.25", "48.25 – 64.00"
    ]  # fmt: skip
    assert len({colour for _, colour in rows}) == 4
    # The map: the four colours (areas 1, 4, 9, 16 | 25, 36 | 49 | 64).
    window.canvas.zoom_to_wgs84((121.499, 31.279, 121.517, 31.289))
    rgb = canvas_rgb(qtbot, window)
    for colour in style.graduated.colours:
        assert colour_near(rgb, seen_fill(style, colour), tolerance=6) > 200, colour

    # A class's colour, changed by double-clicking it in the legend.
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#00ff00"))
    tree = window.layers_panel.tree
    child = tree.layer_item(west.id).child(3)
    tree.scrollToItem(child)
    centre = tree.visualItemRect(child).center()
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=centre)  # a double-click's first press
    qtbot.mouseDClick(tree.viewport(), Qt.LeftButton, pos=centre)
    assert window.project.layer(west.id).style.graduated.colours[3] == "#00ff00"
    assert legend_rows(window, west.id)[3][1] == "#00ff00"

    # Saved in the project and read back with the same classes.
    target = tmp_path / "graduated.ygis.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.save_project_as()
    saved = window.project.layer(west.id).style
    window.new_project_action.trigger()
    assert not window.project.has_layer(west.id)
    assert window.open_project(str(target))
    assert window.project.layer(west.id).style == saved
    assert [text for text, _ in legend_rows(window, west.id)][0] == "1.00 – 16.75"


def test_fill_on_a_categorised_layer_colours_the_whole_layer_and_says_so(
    qtbot, window, monkeypatch
):
    click_layer(qtbot, window, "sites")
    assert window.project.layer("sites").style.category_field == "category"
    editor = window.layers_panel.editor
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#123456"))
    qtbot.mouseClick(editor.fill_button, Qt.LeftButton)
    style = window.project.layer("sites").style
    assert style.fill == "#123456" and style.category_field is None and style.categories == ()
    assert editor.message.isVisible() and "#123456" in editor.message.text()
    assert window.layers_panel.tree.layer_item("sites").childCount() == 0
    # Undo brings the categories back.
    window.undo_action.trigger()
    assert window.project.layer("sites").style.category_field == "category"


def test_the_label_field_is_chosen_in_the_style_editor(qtbot, window, tmp_path):
    (layer,) = open_files(qtbot, window, parcels(tmp_path / "plain.geojson", WEST, names=False))
    assert layer.style.label_field is None  # no name-like field: no labels
    click_layer(qtbot, window, layer.id)
    choose_in_combo(qtbot, window.layers_panel.editor.label_combo, "类别")
    assert window.project.layer(layer.id).style.label_field == "类别"
    choose_in_combo(qtbot, window.layers_panel.editor.label_combo, "No label")
    assert window.project.layer(layer.id).style.label_field is None


def test_one_categorys_colour_is_changed_in_the_style_editor_and_the_legend_follows(
    qtbot, window, monkeypatch
):
    click_layer(qtbot, window, "sites")
    style = window.project.layer("sites").style
    assert style.category_field == "category" and len(style.categories) >= 2
    colours = window.layers_panel.editor.classes.colours
    assert colours.isVisible() and colours.count() == len(style.categories)
    # The list names the categories as the legend does, each with its colour.
    assert [colours.item(i).text() for i in range(colours.count())] == [
        text for text, _ in legend_rows(window, "sites")
    ]
    before = legend_rows(window, "sites")
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#00ff00"))
    item = colours.item(1)
    colours.scrollToItem(item)
    qtbot.mouseClick(colours.viewport(), Qt.LeftButton, pos=colours.visualItemRect(item).center())
    changed = window.project.layer("sites").style
    assert changed.categories[1] == (style.categories[1][0], "#00ff00")
    assert changed.categories[0] == style.categories[0]  # the others keep theirs
    rows = legend_rows(window, "sites")
    assert rows[1][1] == "#00ff00" and rows[0] == before[0]
    swatch = colours.item(1).icon().pixmap(16, 16).toImage().pixelColor(8, 8).name()
    assert swatch == "#00ff00"
    # Cancelling the colour dialog changes nothing; Undo brings the old colour back.
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor())
    item = colours.item(1)
    qtbot.mouseClick(colours.viewport(), Qt.LeftButton, pos=colours.visualItemRect(item).center())
    assert window.project.layer("sites").style == changed
    window.undo_action.trigger()
    assert window.project.layer("sites").style.categories == style.categories
    assert legend_rows(window, "sites") == before
