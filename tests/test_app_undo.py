"""Every layer change in the app undone and redone: Edit > Undo/Redo, the shortcuts, the
texts naming the change; the embedded layers always added back, even after a restart."""

from __future__ import annotations

from dialogs import press, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from yangpu_gis.model.embedded import EMBEDDED_LAYERS

EMBEDDED_IDS = [spec.name for spec in EMBEDDED_LAYERS]


def ids(window) -> list[str]:
    return [layer.id for layer in window.project.layers]


def select(qtbot, window, layer_id: str) -> None:
    tree = window.layers_panel.tree
    rect = tree.visualItemRect(tree.layer_item(layer_id))
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.layers_panel.current_layer_id() == layer_id


def shortcut(qtbot, window, key, modifiers) -> None:
    """Press a shortcut in the window, as a planner does (shortcuts need it active)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifiers)


def undo(qtbot, window) -> None:
    shortcut(qtbot, window, Qt.Key_Z, Qt.ControlModifier)


def redo(qtbot, window, key=Qt.Key_Z, modifiers=Qt.ControlModifier | Qt.ShiftModifier) -> None:
    shortcut(qtbot, window, key, modifiers)


def test_removing_districts_undoes_and_redoes_with_named_actions(qtbot, window):
    districts = window.project.layer("districts")
    select(qtbot, window, "districts")
    press(QMessageBox.Yes)
    qtbot.mouseClick(window.layers_panel.remove_button, Qt.LeftButton)
    assert "districts" not in ids(window)
    assert window.undo_action.text() == "Undo Remove “Districts”"
    assert window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    undo(qtbot, window)
    assert ids(window) == EMBEDDED_IDS
    assert window.project.layer("districts") is districts  # the same layer, at once
    assert window.redo_action.text() == "Redo Remove “Districts”"
    assert window.layers_panel.tree.layer_item("districts") is not None
    redo(qtbot, window)
    assert "districts" not in ids(window)
    window.undo_action.trigger()  # Edit > Undo
    redo(qtbot, window, Qt.Key_Y, Qt.ControlModifier)  # Ctrl+Y does the same
    assert "districts" not in ids(window)


def test_reorder_visibility_opacity_style_and_rename_all_undo(qtbot, window):
    panel = window.layers_panel
    river = window.project.layer("river")
    before = (ids(window), river.visible, river.opacity, river.style, river.title)

    select(qtbot, window, "river")
    qtbot.mouseClick(panel.up_button, Qt.LeftButton)  # up the list: drawn higher
    assert ids(window).index("river") == 2
    assert window.undo_action.text() == "Undo Move “Huangpu River”"

    item = panel.tree.layer_item("river")
    item.setCheckState(0, Qt.Unchecked)  # as a click on its box does
    assert river.visible is False
    assert window.undo_action.text() == "Undo Hide “Huangpu River”"

    select(qtbot, window, "river")
    slider = panel.editor.opacity_slider
    slider.setFocus()
    for _ in range(3):  # three key presses, one step to undo
        qtbot.keyClick(slider, Qt.Key_PageDown)
    assert river.opacity == 0.7
    assert window.undo_action.text() == "Undo Change the opacity of “Huangpu River”"

    spin = panel.editor.stroke_width_spin
    spin.setValue(2.5)
    spin.setValue(4.0)
    assert river.style.stroke_width == 4.0
    assert window.undo_action.text() == "Undo Change the style of “Huangpu River”"

    type_text("黄浦江 Huangpu")
    window.rename_layer_action.trigger()  # Layer > Rename layer… (F2)
    assert river.title == "黄浦江 Huangpu"
    assert panel.tree.layer_item("river").text(0) == "黄浦江 Huangpu"
    assert window.undo_action.text() == "Undo Rename “Huangpu River” to “黄浦江 Huangpu”"

    after = (ids(window), river.visible, river.opacity, river.style, river.title)
    stack = window.layer_edits.stack
    assert stack.count() == 5  # the slider's and the spin box's steps merged
    for _ in range(5):
        undo(qtbot, window)
    assert (ids(window), river.visible, river.opacity, river.style, river.title) == before
    assert panel.tree.layer_item("river").text(0) == "Huangpu River"
    assert panel.tree.layer_item("river").checkState(0) == Qt.Checked
    for _ in range(5):
        redo(qtbot, window)
    assert (ids(window), river.visible, river.opacity, river.style, river.title) == after


def test_an_opened_file_is_one_undoable_addition(qtbot, window, tmp_path):
    from test_main_window import write_geojson

    path = write_geojson(tmp_path / "plan.geojson", name="会议地点")
    window.open_files([str(path)])
    qtbot.waitUntil(lambda: len(window.project.layers) == 5, timeout=10000)
    added = window.project.layers[-1]
    assert window.undo_action.text() == f"Undo Add “{added.title}”"
    undo(qtbot, window)
    assert ids(window) == EMBEDDED_IDS
    redo(qtbot, window)
    assert window.project.layers[-1] is added


def test_add_embedded_layer_lists_only_what_is_missing_and_puts_it_in_its_place(qtbot, window):
    menu = window.add_embedded_menu
    menu.aboutToShow.emit()
    assert [a.text() for a in menu.actions()] == ["Every embedded layer is on the map"]
    assert not menu.actions()[0].isEnabled()
    window.layer_edits.remove("river")
    window.layer_edits.remove("districts")
    menu.aboutToShow.emit()
    assert [a.text() for a in menu.actions()] == ["Districts", "Huangpu River"]
    menu.actions()[1].trigger()  # the river goes back above the districts' place
    assert ids(window) == ["river", "riverside", "sites"]
    assert window.undo_action.text() == "Undo Add “Huangpu River”"
    menu.aboutToShow.emit()
    menu.actions()[0].trigger()
    assert ids(window) == EMBEDDED_IDS


def test_reset_to_the_embedded_map_is_one_step_and_keeps_the_planners_layers(qtbot, window):
    edits = window.layer_edits
    edits.remove("sites")
    edits.move("districts", 2)
    edits.set_visible("river", False)
    edits.rename("riverside", "Shore")
    edits.set_style("districts", window.project.layer("districts").style.with_(fill="#000000"))
    changed = ids(window), [lyr.title for lyr in window.project.layers]
    window.reset_embedded_action.trigger()
    assert ids(window) == EMBEDDED_IDS
    for spec, layer in zip(EMBEDDED_LAYERS, window.project.layers, strict=True):
        assert (layer.title, layer.style, layer.visible, layer.opacity) == (
            spec.title,
            spec.style,
            True,
            1.0,
        )
    assert window.undo_action.text() == "Undo Reset to the embedded map"
    undo(qtbot, window)
    assert (ids(window), [lyr.title for lyr in window.project.layers]) == changed


def test_districts_removed_then_restart_then_added_back_from_the_layer_menu(qtbot, window):
    from test_app_notes import restart

    select(qtbot, window, "districts")
    press(QMessageBox.Yes)
    window.remove_layer_action.trigger()  # Layer > Remove layer…
    assert "districts" not in ids(window)
    again, warnings = restart(qtbot, window)
    assert warnings == []
    assert "districts" not in ids(again)
    assert not again.undo_action.isEnabled()  # a new start: nothing to undo
    again.add_embedded_menu.aboutToShow.emit()
    (action,) = [a for a in again.add_embedded_menu.actions() if a.text() == "Districts"]
    action.trigger()
    assert ids(again)[0] == "districts"
    assert again.project.layer("districts").style == EMBEDDED_LAYERS[0].style
    undo(qtbot, again)
    assert "districts" not in ids(again)


def test_removed_big_layers_are_let_go_past_the_budget_and_read_again_on_undo(
    qtbot, window, tmp_path, monkeypatch
):
    from test_main_window import write_geojson

    from yangpu_gis.ui import layer_edits

    monkeypatch.setattr(layer_edits, "HELD_FEATURES", 0)  # every older removal let go
    paths = [write_geojson(tmp_path / f"plan{i}.geojson", name=f"地点{i}") for i in range(2)]
    window.open_files([str(p) for p in paths])
    qtbot.waitUntil(lambda: len(window.project.layers) == 6, timeout=10000)
    first, second = window.project.layers[-2:]
    window.layer_edits.set_opacity(first.id, 0.4)
    window.layer_edits.remove(first.id)
    window.layer_edits.remove(second.id)
    stack = window.layer_edits.stack
    older, newest = stack.command(stack.index() - 2), stack.command(stack.index() - 1)
    assert older.layer is None and newest.layer is second  # the newest is always held
    undo(qtbot, window)
    assert window.project.layers[-1] is second
    undo(qtbot, window)
    again = window.project.layer(first.id)
    assert again is not first and again.title == first.title and again.opacity == 0.4
    assert again.feature_count == first.feature_count
