"""Bookmarks as a planner uses them: add the current view under a name, save the project,
open it again, go to the bookmark; rename, delete, undo."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from test_canvas import wait_for_render
from test_panels_search import type_chinese


def close_to(a, b, tolerance) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def open_editor(panel) -> QLineEdit:
    """The line editor the list opened on its row (the row's name is edited in place)."""
    editors = [e for e in panel.list.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    return editors[0]


def name_the_new_bookmark(qtbot, panel, name: str) -> None:
    editor = open_editor(panel)
    editor.selectAll()
    type_chinese(editor, name)
    qtbot.keyClick(editor, Qt.Key_Return)


def test_add_save_reopen_and_go_to_a_bookmark(qtbot, window, tmp_path):
    panel = window.bookmarks_panel
    window.bookmarks_dock.show()
    window.bookmarks_dock.raise_()
    qtbot.waitUntil(panel.list.isVisible)
    site = window.project.layer("sites")
    window.canvas.zoom_to_wgs84(site.geometry(0).bounds)
    wait_for_render(qtbot, window.canvas)
    saved_view = window.canvas.viewport.extent_wgs84
    qtbot.mouseClick(panel.add_button, Qt.LeftButton)
    name_the_new_bookmark(qtbot, panel, "长白228街坊")
    qtbot.waitUntil(lambda: panel.names() == ["长白228街坊"])
    assert panel.list.item(0).text() == "长白228街坊"
    assert window.layer_edits.stack.canUndo()  # the project has unsaved changes

    path = tmp_path / "plan.ygis.json"
    assert window.projects.save_to(path)
    doc = json.loads(path.read_text("utf-8"))
    assert doc["bookmarks"][0]["name"] == "长白228街坊"

    window.canvas.zoom_full()
    window.project.set_bookmarks([])
    assert window.open_project(str(path))
    qtbot.waitUntil(lambda: panel.names() == ["长白228街坊"])
    window.canvas.zoom_full()
    wait_for_render(qtbot, window.canvas)
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.go_button, Qt.LeftButton)
    width = saved_view[2] - saved_view[0]
    assert close_to(window.canvas.viewport.extent_wgs84, saved_view, width * 0.02)


def test_rename_delete_and_undo(qtbot, window):
    panel = window.bookmarks_panel
    window.bookmarks_dock.show()
    window.bookmarks_dock.raise_()
    qtbot.waitUntil(panel.list.isVisible)
    panel.add_current_view("Riverside")
    panel.add_current_view("Riverside")  # a second of the same name is told apart
    assert panel.names() == ["Riverside", "Riverside (2)"]
    panel.list.setCurrentRow(1)
    qtbot.mouseClick(panel.rename_button, Qt.LeftButton)
    editor = open_editor(panel)
    editor.selectAll()
    qtbot.keyClicks(editor, "Yangpu Bridge")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: panel.names() == ["Riverside", "Yangpu Bridge"])
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.delete_button, Qt.LeftButton)
    assert panel.names() == ["Yangpu Bridge"]
    assert panel.list.count() == 1
    window.undo_action.trigger()
    assert panel.names() == ["Riverside", "Yangpu Bridge"]
    assert [panel.list.item(i).text() for i in range(2)] == ["Riverside", "Yangpu Bridge"]


def test_bookmarks_survive_the_session(qtbot, window):
    from yangpu_gis.model.project import Project
    from yangpu_gis.model.user_data import session_path

    window.bookmarks_panel.add_current_view("Fudan")
    window.save_session()
    restored, report = Project.load(session_path())
    assert [b.name for b in restored.bookmarks] == ["Fudan"]
    assert not report.damaged
