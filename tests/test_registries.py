"""The map-tool and dock registries (ui/tool_registry.py, ui/dock_registry.py) are the one
place a tool or a panel is declared: the window's menus, toolbar, keys and docks follow
them, each tool is an instance installed on the canvas, and what a tool produces it emits
itself and the window shows."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QMenu
from test_canvas import click

from yangpu_gis.ui.dock_registry import DOCKS
from yangpu_gis.ui.tool_registry import MAP_TOOLS


def _menu(window, title: str) -> QMenu:
    [menu] = [
        action.menu()
        for action in window.menuBar().actions()
        if action.menu() and action.text().replace("&", "") == title
    ]
    return menu


def test_every_registered_tool_is_installed_and_has_its_action_key_and_button(qtbot, window):
    canvas = window.canvas
    assert list(canvas.tools) == [tool.name for tool in MAP_TOOLS]
    assert list(window.tool_actions) == [tool.name for tool in MAP_TOOLS]
    tools_menu = [a for a in _menu(window, "Tools").actions() if not a.isSeparator()]
    assert tools_menu == list(window.tool_actions.values())
    toolbar = window.map_toolbar.actions()
    canvas.setFocus()
    qtbot.waitUntil(canvas.hasFocus)
    for registration in MAP_TOOLS:
        action = window.tool_actions[registration.name]
        assert action in toolbar
        assert action.shortcut().toString() == registration.key
        installed = canvas.tools[registration.name]
        qtbot.keyClick(canvas, getattr(Qt.Key, f"Key_{registration.key}"))
        # The installed instance itself becomes the canvas's tool, not a new one.
        assert canvas.tool is installed, registration.name
        assert action.isChecked()
        assert installed.parent() is canvas


def test_the_measure_tools_own_signal_reaches_the_status_bar(qtbot, window):
    canvas = window.canvas
    window.tool_actions["measure_line"].trigger()
    tool = canvas.tool
    heard = []
    tool.measure_changed.connect(heard.append)
    click(canvas, QPointF(200, 200))
    click(canvas, QPointF(420, 200))
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert heard and heard[-1].endswith((" m", " km"))
    assert window.measure_label.text() == heard[-1]
    # Another tool clears the measurement, and the status bar with it.
    window.tool_actions["browse"].trigger()
    assert window.measure_label.text() == ""


def test_every_registered_dock_is_in_the_window_and_the_view_menu(window):
    docks = window.docks()
    assert [dock.objectName() for dock in docks] == [r.name for r in DOCKS]
    view_menu = _menu(window, "View").actions()
    for registration, dock in zip(DOCKS, docks, strict=True):
        assert getattr(window, registration.dock) is dock
        assert dock.widget() is getattr(window, registration.panel)
        assert dock.windowTitle() == registration.title()
        assert window.dockWidgetArea(dock) == registration.area
        assert dock.toggleViewAction() in view_menu
        assert dock.isHidden() == registration.hidden, registration.name
        if registration.tab_beside and not registration.hidden:
            assert dock in window.tabifiedDockWidgets(getattr(window, registration.tab_beside))


def test_tabbed_docks_keep_the_first_in_front(window):
    window.show()
    assert not window.layers_dock.visibleRegion().isEmpty()
    assert window.bookmarks_dock.visibleRegion().isEmpty()
    assert not window.facts_dock.visibleRegion().isEmpty()
    assert window.district_dock.visibleRegion().isEmpty()
