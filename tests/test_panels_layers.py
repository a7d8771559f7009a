"""The layers dock, driven with the mouse and keyboard as a planner would."""

import geopandas as gpd
import pytest
import shapely
import shiboken6
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QDropEvent
from PySide6.QtWidgets import (
    QColorDialog,
    QMessageBox,
    QStyle,
    QStyleOptionViewItem,
)

from yangpu_gis.model.layer import Layer
from yangpu_gis.ui.panels.layers_panel import LayersPanel


@pytest.fixture
def panel(qtbot, project):
    widget = LayersPanel(project)
    qtbot.addWidget(widget)
    widget.resize(320, 640)
    widget.show()
    return widget


def zoning_layer() -> Layer:
    frame = gpd.GeoDataFrame(
        {
            "name": ["a", "b", "c", "d", "e"],
            "zone": ["R2", "C1", "R2", None, "M1"],
            "code": [f"id-{i}" for i in range(5)],
        },
        geometry=[
            shapely.box(121.50 + i * 0.01, 31.28, 121.505 + i * 0.01, 31.285) for i in range(5)
        ],
        crs="EPSG:4326",
    )
    return Layer(id="zoning", title="Zoning plan", data=frame)


def titles(panel) -> list[str]:
    tree = panel.tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def check_indicator_centre(tree, item):
    option = QStyleOptionViewItem()
    option.rect = tree.visualItemRect(item)
    option.features = (
        QStyleOptionViewItem.HasCheckIndicator
        | QStyleOptionViewItem.HasDecoration
        | QStyleOptionViewItem.HasDisplay
    )
    return tree.style().subElementRect(QStyle.SE_ItemViewItemCheckIndicator, option, tree).center()


def click_layer(qtbot, panel, layer_id):
    item = panel.tree.layer_item(layer_id)
    rect = panel.tree.visualItemRect(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.LeftButton, pos=rect.center())
    assert panel.current_layer_id() == layer_id


def choose_in_combo(qtbot, combo, text):
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    model_index = view.model().index(index, 0)
    view.scrollTo(model_index)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(model_index).center())


def test_layers_are_listed_topmost_first_with_their_legend(panel, project):
    assert titles(panel) == [layer.title for layer in reversed(project.layers)]
    sites = panel.tree.layer_item("sites")
    legend = [sites.child(i).text(0) for i in range(sites.childCount())]
    assert legend == [value for value, _ in project.layer("sites").style.categories]
    assert not sites.icon(0).isNull()


def test_clicking_the_checkbox_hides_the_layer_and_announces_it(qtbot, panel, project):
    changed = []
    project.layer_changed.connect(changed.append)
    item = panel.tree.layer_item("river")
    qtbot.mouseClick(
        panel.tree.viewport(), Qt.LeftButton, pos=check_indicator_centre(panel.tree, item)
    )
    assert project.layer("river").visible is False
    assert changed == [project.layer("river")]
    qtbot.mouseClick(
        panel.tree.viewport(), Qt.LeftButton, pos=check_indicator_centre(panel.tree, item)
    )
    assert project.layer("river").visible is True
    assert len(changed) == 2


def test_space_toggles_the_current_layer(qtbot, panel, project):
    click_layer(qtbot, panel, "riverside")
    qtbot.keyClick(panel.tree, Qt.Key_Space)
    assert project.layer("riverside").visible is False


def test_move_buttons_reorder_the_project(qtbot, panel, project):
    click_layer(qtbot, panel, "districts")
    assert not panel.down_button.isEnabled()
    qtbot.mouseClick(panel.up_button, Qt.LeftButton)
    assert [layer.id for layer in project.layers] == ["river", "districts", "riverside", "sites"]
    assert titles(panel)[2] == "Districts"
    assert panel.current_layer_id() == "districts"


def test_dropping_a_layer_above_another_moves_it_there(qtbot, panel, project):
    tree = panel.tree
    click_layer(qtbot, panel, "districts")
    target = tree.visualItemRect(tree.layer_item("sites"))
    mime = tree.model().mimeData([tree.indexFromItem(tree.layer_item("districts"))])
    drop = QDropEvent(
        QPointF(target.center().x(), target.top() + 2),
        Qt.MoveAction,
        mime,
        Qt.LeftButton,
        Qt.NoModifier,
    )
    # A synthetic drop carries no drag source, so it is handed to the view's handler directly.
    tree.dropEvent(drop)
    qtbot.waitUntil(lambda: project.layers[-1].id == "districts")
    assert [layer.id for layer in project.layers] == ["river", "riverside", "sites", "districts"]
    assert titles(panel)[0] == "Districts"
    assert tree.topLevelItemCount() == 4


def test_changing_colours_and_width_updates_the_style(qtbot, panel, project, monkeypatch):
    click_layer(qtbot, panel, "sites")
    editor = panel.editor
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args, **kwargs: QColor("#123456"))
    qtbot.mouseClick(editor.fill_button, Qt.LeftButton)
    assert project.layer("sites").style.fill == "#123456"
    assert editor.fill_button.text() == "#123456"
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args, **kwargs: QColor("#abcdef"))
    qtbot.mouseClick(editor.stroke_button, Qt.LeftButton)
    assert project.layer("sites").style.stroke == "#abcdef"

    spin = editor.stroke_width_spin
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(spin, "3.5")
    qtbot.keyClick(spin, Qt.Key_Return)
    assert project.layer("sites").style.stroke_width == 3.5


def test_cancelling_the_colour_dialog_changes_nothing(qtbot, panel, project, monkeypatch):
    click_layer(qtbot, panel, "river")
    before = project.layer("river").style
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args, **kwargs: QColor())
    qtbot.mouseClick(panel.editor.fill_button, Qt.LeftButton)
    assert project.layer("river").style == before


def test_opacity_sliders_follow_the_keyboard(qtbot, panel, project):
    click_layer(qtbot, panel, "sites")
    editor = panel.editor
    editor.opacity_slider.setFocus()
    qtbot.keyClick(editor.opacity_slider, Qt.Key_PageDown)
    assert project.layer("sites").opacity == pytest.approx(0.9)
    assert editor.opacity_label.text() == "90%"
    qtbot.keyClick(editor.fill_opacity_slider, Qt.Key_PageUp)
    assert project.layer("sites").style.fill_opacity == pytest.approx(0.45)


def test_colouring_by_a_field_gives_one_legend_entry_per_value(qtbot, panel, project):
    project.add_layer(zoning_layer())
    click_layer(qtbot, panel, "zoning")
    choose_in_combo(qtbot, panel.editor.category_combo, "zone")
    assert panel.editor.category_combo.currentText() == "zone"
    style = project.layer("zoning").style
    assert style.category_field == "zone"
    item = panel.tree.layer_item("zoning")
    legend = sorted(item.child(i).text(0) for i in range(item.childCount()))
    assert legend == sorted(["R2", "C1", "M1", "(empty)"])
    colours = {
        item.child(i).icon(0).pixmap(16, 16).toImage().pixelColor(8, 8).name()
        for i in range(item.childCount())
    }
    assert len(colours) == 4

    choose_in_combo(qtbot, panel.editor.category_combo, "Single colour")
    assert project.layer("zoning").style.category_field is None
    assert panel.tree.layer_item("zoning").childCount() == 0


def test_a_field_with_too_many_values_is_refused_with_a_message(qtbot, panel, project):
    layer = zoning_layer()
    many = gpd.GeoDataFrame(
        {"code": [f"id-{i}" for i in range(60)]},
        geometry=[shapely.Point(121.5 + i * 0.001, 31.28) for i in range(60)],
        crs="EPSG:4326",
    )
    layer.data = many
    project.add_layer(layer)
    click_layer(qtbot, panel, "zoning")
    choose_in_combo(qtbot, panel.editor.category_combo, "code")
    assert project.layer("zoning").style.category_field is None
    assert panel.editor.message.isVisible()
    assert "60 different values" in panel.editor.message.text()
    assert panel.editor.category_combo.currentText() == "Single colour"


def test_removing_asks_first(qtbot, panel, project, monkeypatch):
    click_layer(qtbot, panel, "riverside")
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.Cancel)
    qtbot.mouseClick(panel.remove_button, Qt.LeftButton)
    assert "riverside" in [layer.id for layer in project.layers]
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.Yes)
    qtbot.mouseClick(panel.remove_button, Qt.LeftButton)
    assert "riverside" not in [layer.id for layer in project.layers]
    assert "Riverside" not in titles(panel)


def test_the_panel_follows_changes_made_elsewhere(panel, project):
    project.add_layer(zoning_layer())
    assert titles(panel)[0] == "Zoning plan"
    project.update_layer("river", visible=False)
    assert panel.tree.layer_item("river").checkState(0) == Qt.Unchecked
    panel.tree.layer_item("sites").setExpanded(False)
    project.update_layer("sites", visible=False)
    assert not panel.tree.layer_item("sites").isExpanded()
    panel.select_layer("sites")
    project.update_layer("sites", opacity=0.25)
    assert panel.editor.opacity_slider.value() == 25


def test_zoom_and_table_requests_carry_the_layer_id(qtbot, panel):
    click_layer(qtbot, panel, "sites")
    with qtbot.waitSignal(panel.zoom_to_layer_requested) as zoom:
        qtbot.mouseClick(panel.zoom_button, Qt.LeftButton)
    assert zoom.args == ["sites"]
    with qtbot.waitSignal(panel.open_attribute_table_requested) as table:
        qtbot.mouseClick(panel.table_button, Qt.LeftButton)
    assert table.args == ["sites"]
    item_rect = panel.tree.visualItemRect(panel.tree.layer_item("river"))
    qtbot.mouseClick(panel.tree.viewport(), Qt.LeftButton, pos=item_rect.center())
    with qtbot.waitSignal(panel.zoom_to_layer_requested) as zoom:
        qtbot.mouseDClick(panel.tree.viewport(), Qt.LeftButton, pos=item_rect.center())
    assert zoom.args == ["river"]


def test_a_deleted_panel_stops_listening_to_the_project(qtbot, project):
    panel = LayersPanel(project)
    listeners = len(project.layers_changed._slots)
    assert listeners >= 1
    shiboken6.delete(panel)
    project.add_layer(zoning_layer())
    project.update_layer("zoning", visible=False)
    assert len(project.layers_changed._slots) == listeners - 1
