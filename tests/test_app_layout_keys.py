"""The window at a small size and its keys, as a planner meets them: the map gets the
room at 1024×700, Ctrl+F goes to the search box, F1 lists the shortcuts, a letter typed in
a text box stays a letter, toolbar buttons have icons and tips with their keys, and the
CRS question fits the screen and leads with what the numbers look like."""

from __future__ import annotations

import io_fixtures as fx
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QInputDialog, QToolButton
from test_canvas import click


def test_at_1024_by_700_the_map_gets_the_room(qtbot, window):
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    # The empty Facts dock shrinks and the map keeps more than half the window.
    qtbot.waitUntil(lambda: window.canvas.width() >= 0.55 * 1024, timeout=3000)
    assert window.facts_dock.width() < 240
    # Identified, the facts get a readable width, and the map still the larger share.
    site = window.project.layer("sites")
    x, y = window.canvas.viewport.wgs84_to_pixel(*site.geometry(0).representative_point().coords[0])
    click(window.canvas, QPointF(x, y))
    qtbot.waitUntil(lambda: window.facts_dock.width() >= 260, timeout=3000)
    assert window.canvas.width() >= 0.45 * 1024
    # Every toolbar action is in sight: none fell into the overflow menu.
    toolbar = window.map_toolbar
    for action in toolbar.actions():
        if not action.isSeparator():
            assert toolbar.widgetForAction(action).isVisible(), action.text()


def test_toolbar_buttons_have_icons_text_under_and_tips_with_keys(window):
    toolbar = window.map_toolbar
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon
    for action in toolbar.actions():
        if action.isSeparator():
            continue
        assert not action.icon().isNull(), action.text()
        assert isinstance(toolbar.widgetForAction(action), QToolButton)
    assert window.tool_actions["zoom_box"].toolTip() == "Zoom to box (Z)"
    assert window.tool_actions["select"].toolTip() == "Select features (S)"
    assert window.find_action.toolTip() == "Find site (Ctrl+F)"


def test_ctrl_f_goes_to_the_search_box_and_letters_stay_letters(qtbot, window):
    window.canvas.setFocus()
    qtbot.waitUntil(window.canvas.hasFocus)
    qtbot.keyClick(window.canvas, Qt.Key_F, Qt.ControlModifier)
    qtbot.waitUntil(window.search_box.hasFocus)
    qtbot.keyClicks(window.search_box, "z")
    assert window.search_box.text() == "z"
    assert window.canvas.tool.name == "browse"
    # The same letter with the map focused picks the tool.
    window.canvas.setFocus()
    qtbot.waitUntil(window.canvas.hasFocus)
    qtbot.keyClick(window.canvas, Qt.Key_Z)
    assert window.canvas.tool.name == "zoom_box"
    assert window.tool_actions["zoom_box"].isChecked()
    qtbot.keyClick(window.canvas, Qt.Key_S)
    assert window.canvas.tool.name == "select"


def test_f1_lists_the_shortcuts(qtbot, window):
    seen = []

    def read_and_close():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "shortcuts_help":
            QTimer.singleShot(50, read_and_close)
            return
        seen.append(dialog.browser.toPlainText())
        dialog.reject()

    QTimer.singleShot(50, read_and_close)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_F1)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    text = seen[0]
    for expected in ("Ctrl+F", "Find site", "Zoom to box", "Select by polygon", "Arrow keys"):
        assert expected in text


def test_the_crs_question_fits_the_screen_and_offers_projected_systems_first(
    qtbot, window, tmp_path
):
    path = fx.shapefile_without_prj(tmp_path)
    asked = {}

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(50, answer)
            return
        screen = dialog.screen().availableGeometry()
        asked["width"], asked["screen"] = dialog.frameGeometry().width(), screen.width()
        combo = dialog.findChild(QComboBox)
        asked["items"] = [combo.itemText(i) for i in range(combo.count())]
        asked["label"] = dialog.labelText()
        dialog.setTextValue("EPSG:4549 (CGCS2000 GK CM 120E)")
        dialog.accept()

    QTimer.singleShot(50, answer)
    before = len(window.project.layers)
    window.open_files([str(path)])
    qtbot.waitUntil(lambda: len(window.project.layers) == before + 1, timeout=20000)
    assert asked["width"] <= asked["screen"]
    assert "projected metres" in asked["label"]
    assert asked["items"][0].startswith("EPSG:4549")
    assert asked["items"].index("EPSG:4326 (WGS84)") > 2
    x0, y0, x1, y1 = window.project.layers[-1].bounds
    assert 121.3 < x0 < x1 < 121.7 and 31.1 < y0 < y1 < 31.5


def test_a_long_crs_question_wraps_within_a_narrow_screen(qtbot, window):
    from yangpu_gis.ui.crs_dialog import crs_dialog

    problem = "parcels_without_a_prj_file.shp: " + "the file does not say which CRS " * 12
    dialog = crs_dialog(window, problem, "parcels_without_a_prj_file.shp", "lonlat")
    qtbot.addWidget(dialog)
    dialog.show()
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().width() <= screen.width()
    assert dialog.findChild(QComboBox).itemText(0) == "EPSG:4326 (WGS84)"
    dialog.reject()
    assert isinstance(dialog, QDialog)


def test_at_1024_by_700_the_search_box_is_wide_enough_for_its_prompt(qtbot, window):
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    box = window.search_box
    prompt = box.fontMetrics().horizontalAdvance(box.placeholderText())
    toolbar = window.map_toolbar
    tools = [toolbar.widgetForAction(a) for a in toolbar.actions() if not a.isSeparator()]
    # On a row of its own below the map tools when both do not fit side by side, with
    # the tools still all in sight.
    qtbot.waitUntil(lambda: all(tool.isVisible() for tool in tools), timeout=3000)
    assert box.isVisible() and window.search_toolbar.isVisible()
    assert box.width() >= max(200, prompt + 24)
    assert window.search_toolbar.y() > toolbar.y()
    qtbot.keyClicks(box, "Fudan")
    assert box.text() == "Fudan"
    # Wide, the search box goes back beside the tools, on the same row.
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.width() == 1600)
    qtbot.waitUntil(lambda: window.search_toolbar.y() == toolbar.y(), timeout=3000)
    assert all(tool.isVisible() for tool in tools) and box.width() >= 200
