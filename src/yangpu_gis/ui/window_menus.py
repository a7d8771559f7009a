"""The main window's Edit and Layer menus and its recent-files submenus."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from yangpu_gis.ui.recent_files import fill_menu


def add_edit_menu(window) -> None:
    """Undo and Redo name the change they undo ("Undo Remove “Districts”")."""
    stack = window.layer_edits.stack
    window.undo_action = stack.createUndoAction(
        window, QCoreApplication.translate("MainWindow", "Undo")
    )
    window.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    window.redo_action = stack.createRedoAction(
        window, QCoreApplication.translate("MainWindow", "Redo")
    )
    # Ctrl+Shift+Z on every system, and Ctrl+Y as Windows programs have it.
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
    menu.addAction(window.undo_action)
    menu.addAction(window.redo_action)


def add_layer_menu(window) -> None:
    edits = window.layer_edits
    menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Layer"))
    window.add_embedded_menu = menu.addMenu(
        QCoreApplication.translate("MainWindow", "Add &embedded layer")
    )
    window.add_embedded_menu.aboutToShow.connect(lambda: _fill_embedded(window))
    _fill_embedded(window)
    window.reset_embedded_action = QAction(
        QCoreApplication.translate("MainWindow", "&Reset to the embedded map"), window
    )
    window.reset_embedded_action.setStatusTip(
        QCoreApplication.translate(
            "MainWindow", "Put every embedded layer back, looking as shipped; your own layers stay"
        )
    )
    window.reset_embedded_action.triggered.connect(edits.reset_embedded_map)
    menu.addAction(window.reset_embedded_action)
    menu.addSeparator()
    window.rename_layer_action = QAction(
        QCoreApplication.translate("MainWindow", "Re&name layer…"), window
    )
    window.rename_layer_action.setShortcut(QKeySequence("F2"))
    window.rename_layer_action.triggered.connect(window.layers_panel.rename_current)
    window.remove_layer_action = QAction(
        QCoreApplication.translate("MainWindow", "Re&move layer…"), window
    )
    window.remove_layer_action.triggered.connect(window.layers_panel._remove_current)
    menu.addAction(window.rename_layer_action)
    menu.addAction(window.remove_layer_action)


def _fill_embedded(window) -> None:
    menu: QMenu = window.add_embedded_menu
    menu.clear()
    missing = window.layer_edits.missing_embedded()
    for spec in missing:
        action = QAction(spec.title, menu)
        action.setObjectName(f"add_embedded_{spec.name}")
        action.triggered.connect(lambda _=False, n=spec.name: window.layer_edits.add_embedded(n))
        menu.addAction(action)
    if not missing:
        action = QAction(
            QCoreApplication.translate("MainWindow", "Every embedded layer is on the map"), menu
        )
        action.setEnabled(False)
        menu.addAction(action)


def add_recent_menus(window, file_menu: QMenu, before: QAction) -> None:
    """File > Open recent file and Open recent project, filled as they open."""
    projects = window.projects
    window.recent_files_menu = QMenu(
        QCoreApplication.translate("MainWindow", "Open &recent file"), file_menu
    )
    window.recent_projects_menu = QMenu(
        QCoreApplication.translate("MainWindow", "Open recent pro&ject"), file_menu
    )
    file_menu.insertMenu(before, window.recent_files_menu)
    file_menu.insertMenu(before, window.recent_projects_menu)
    window.recent_files_menu.aboutToShow.connect(
        lambda: fill_menu(
            window.recent_files_menu,
            projects.recent_files,
            lambda path: window.open_files([path]),
            projects.recent_missing,
            QCoreApplication.translate("MainWindow", "No recent files"),
        )
    )
    window.recent_projects_menu.aboutToShow.connect(
        lambda: fill_menu(
            window.recent_projects_menu,
            projects.recent_projects,
            projects.open_project,
            projects.recent_missing,
            QCoreApplication.translate("MainWindow", "No recent projects"),
        )
    )
