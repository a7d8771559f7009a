"""The main window's actions, its File, View, Tools, Language and Help menus and its toolbar.

The Edit and Layer menus and the recent-files submenus are in `ui/window_menus.py`. The
words keep the main window's translation context: they are its menus.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from yangpu_gis.ui import tool_icons, window_menus
from yangpu_gis.ui.language_menu import add_language_actions
from yangpu_gis.ui.shortcuts_help import ShortcutsDialog, with_shortcut_tip
from yangpu_gis.ui.tool_registry import DEFAULT_TOOL, MAP_TOOLS


def _action(window, text: str, slot, shortcut=None, checkable=False, tip=None) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.setCheckable(checkable)
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    return action


def _fill(container, actions) -> None:
    """Add actions in order to a menu or toolbar; None puts a separator."""
    for action in actions:
        container.addSeparator() if action is None else container.addAction(action)


def build_actions(window) -> None:
    """Make the window's actions (as attributes of it), its menus and its map toolbar."""

    def a(text: str, slot, shortcut=None, checkable=False, tip=None) -> QAction:
        return _action(window, text, slot, shortcut, checkable, tip)

    canvas = window.canvas
    window.open_action = a(
        QCoreApplication.translate("MainWindow", "&Open data…"),
        window.open_files_dialog,
        QKeySequence.StandardKey.Open,
        tip=QCoreApplication.translate(
            "MainWindow", "Add GeoJSON, Shapefile, GeoPackage, KML, CSV… as layers"
        ),
    )
    window.new_project_action = a(
        QCoreApplication.translate("MainWindow", "&New project"),
        window.projects.new_project,
        QKeySequence.StandardKey.New,
    )
    window.open_project_action = a(
        QCoreApplication.translate("MainWindow", "Open &project…"),
        window.projects.open_project_dialog,
        "Ctrl+Shift+O",
    )
    window.save_project_action = a(
        QCoreApplication.translate("MainWindow", "&Save project"),
        window.save_project,
        QKeySequence.StandardKey.Save,
    )
    window.save_project_as_action = a(
        QCoreApplication.translate("MainWindow", "Save project &as…"),
        window.save_project_as,
        "Ctrl+Shift+S",
    )
    window.export_html_action = a(
        QCoreApplication.translate("MainWindow", "Export &HTML map…"),
        window.export_html_dialog,
        "Ctrl+E",
    )
    window.export_image_action = a(
        QCoreApplication.translate("MainWindow", "Export &image (PNG/PDF)…"),
        window.export_image_dialog,
        "Ctrl+Shift+E",
    )
    quit_action = a(
        QCoreApplication.translate("MainWindow", "&Quit"),
        window.close,
        QKeySequence.StandardKey.Quit,
    )

    window.zoom_full_action = a(
        QCoreApplication.translate("MainWindow", "Zoom to &Yangpu"), canvas.zoom_full, "Ctrl+0"
    )
    window.zoom_selection_action = a(
        QCoreApplication.translate("MainWindow", "Zoom to &selection"),
        canvas.zoom_to_selection,
        "Ctrl+J",
    )
    window.back_action = a(
        QCoreApplication.translate("MainWindow", "&Back"), canvas.back, "Alt+Left"
    )
    window.forward_action = a(
        QCoreApplication.translate("MainWindow", "&Forward"), canvas.forward, "Alt+Right"
    )
    zoom_in = a(
        QCoreApplication.translate("MainWindow", "Zoom &in"),
        lambda: canvas.set_viewport(canvas.viewport.zoomed(2.0)),
        QKeySequence.StandardKey.ZoomIn,
    )
    zoom_out = a(
        QCoreApplication.translate("MainWindow", "Zoom &out"),
        lambda: canvas.set_viewport(canvas.viewport.zoomed(0.5)),
        QKeySequence.StandardKey.ZoomOut,
    )

    tools = QActionGroup(window)
    window.tool_actions = {}
    for tool in MAP_TOOLS:  # ui.tool_registry: every tool, in order
        action = a(
            QCoreApplication.translate("MainWindow", tool.text),
            lambda _=False, n=tool.name: canvas.set_tool(n),
            tool.key,
            checkable=True,
        )
        # A single letter is the map's key: typed in a text box it stays a letter.
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        canvas.addAction(action)
        tools.addAction(action)
        window.tool_actions[tool.name] = action
        tool.wire(window, canvas.tools[tool.name])
    window.tool_actions[DEFAULT_TOOL].setChecked(True)
    window.about_action = a(
        QCoreApplication.translate("MainWindow", "&About Yangpu GIS"), window.show_about
    )
    window.find_action = a(
        QCoreApplication.translate("MainWindow", "&Find site…"),
        window.search_box.focus_search,
        QKeySequence.StandardKey.Find,
    )
    window.shortcuts_action = a(
        QCoreApplication.translate("MainWindow", "&Keyboard shortcuts"),
        lambda: ShortcutsDialog(list(window.findChildren(QAction)), window).exec(),
        QKeySequence.StandardKey.HelpContents,
    )
    window.export_notes_action = a(
        QCoreApplication.translate("MainWindow", "Export review n&otes…"),
        window.export_notes_dialog,
    )

    menu = window.menuBar()
    file_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    _fill(
        file_menu,
        (
            window.new_project_action,
            window.open_action,
            window.open_project_action,
            window.save_project_action,
            window.save_project_as_action,
            None,
            window.export_html_action,
            window.export_image_action,
            window.export_notes_action,
            None,
            quit_action,
        ),
    )
    window_menus.add_recent_menus(window, file_menu, window.save_project_action)
    window_menus.add_edit_menu(window)
    view_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&View"))
    _fill(
        view_menu,
        (
            window.zoom_full_action,
            window.zoom_selection_action,
            zoom_in,
            zoom_out,
            window.back_action,
            window.forward_action,
            None,
            window.find_action,
            None,
        ),
    )
    for dock in window.docks():
        view_menu.addAction(dock.toggleViewAction())
    window_menus.add_layer_menu(window)
    tools_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&Tools"))
    _fill(tools_menu, window.tool_actions.values())
    window.language_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&Language"))
    window.language_actions = add_language_actions(window.language_menu, window.apply_language)
    help_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    _fill(help_menu, (window.shortcuts_action, None, window.about_action))

    toolbar = window.addToolBar(QCoreApplication.translate("MainWindow", "Map"))
    toolbar.setObjectName("map_toolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
    window.map_toolbar = toolbar
    icons = {
        "open": window.open_action,
        "zoom_full": window.zoom_full_action,
        "zoom_in": zoom_in,
        "zoom_out": zoom_out,
        "back": window.back_action,
        "forward": window.forward_action,
    }
    for name, action in icons.items():
        action.setIcon(tool_icons.icon(name))
        action.setIconText(_short_text(name))
    for tool in MAP_TOOLS:
        action = window.tool_actions[tool.name]
        action.setIcon(tool_icons.icon(tool.name))
        action.setIconText(QCoreApplication.translate("MainWindow", tool.short_text))
    _fill(
        toolbar,
        (
            window.open_action,
            None,
            window.zoom_full_action,
            zoom_in,
            zoom_out,
            window.back_action,
            window.forward_action,
            None,
            *window.tool_actions.values(),
            None,
        ),
    )
    window.search_box.setMaximumWidth(320)
    window.search_box.setPlaceholderText(
        QCoreApplication.translate("MainWindow", "Search sites (English or 中文)")
    )
    search_bar = window.addToolBar(QCoreApplication.translate("MainWindow", "Search"))
    search_bar.setObjectName("search_toolbar")
    window.search_toolbar = search_bar
    search_bar.addWidget(window.search_box)
    for action in window.findChildren(QAction):
        if action.text() and not action.menu():
            with_shortcut_tip(action)


def _short_text(name: str) -> str:
    """The words under a toolbar icon: short, as the menus hold the full ones."""
    return {
        "open": QCoreApplication.translate("MainWindow", "Open"),
        "zoom_full": QCoreApplication.translate("MainWindow", "Yangpu"),
        "zoom_in": QCoreApplication.translate("MainWindow", "Zoom in"),
        "zoom_out": QCoreApplication.translate("MainWindow", "Zoom out"),
        "back": QCoreApplication.translate("MainWindow", "Back"),
        "forward": QCoreApplication.translate("MainWindow", "Forward"),
    }[name]
