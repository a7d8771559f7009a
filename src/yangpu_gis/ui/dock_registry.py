"""Every dock of the main window, registered once: its panel, title, place and tabs.

`install_docks(window)` builds them in this order, keeps each dock and its panel as
attributes of the window (`window.layers_dock`, `window.layers_panel`...), and
`MainWindow.docks()` lists them for the View menu and the saved open panels. Adding a
panel is a widget in `ui/panels/` (listening to `project.events`) and one
`DockRegistration` here; the window wires its signals in `_connect()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget, QWidget

from yangpu_gis.ui.bookmarks_dock import bookmarks_panel
from yangpu_gis.ui.notes_dock import notes_list_panel
from yangpu_gis.ui.panels.attribute_table import AttributeTable
from yangpu_gis.ui.panels.bookmarks_panel import bookmark_dock_title
from yangpu_gis.ui.panels.district_panel import DistrictPanel
from yangpu_gis.ui.panels.facts_panel import FactsPanel
from yangpu_gis.ui.panels.layers_panel import LayersPanel

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


@dataclass(frozen=True)
class DockRegistration:
    name: str  # the dock's object name: it keys the saved window state and open panels
    dock: str  # the window's attribute holding the dock
    panel: str  # the window's attribute holding its widget
    title: Callable[[], str]  # the title in the interface language
    make: Callable[..., QWidget]  # window -> the panel
    area: Qt.DockWidgetArea
    tab_beside: str = ""  # the `dock` of an earlier one it is tabbed with (kept in front)
    hidden: bool = False  # closed until asked for


DOCKS: tuple[DockRegistration, ...] = (
    DockRegistration(
        "layers_dock",
        "layers_dock",
        "layers_panel",
        lambda: QCoreApplication.translate("MainWindow", "Layers"),
        lambda window: LayersPanel(window.project, edits=window.layer_edits),
        LEFT,
    ),
    DockRegistration(
        "facts_dock",
        "facts_dock",
        "facts_panel",
        lambda: QCoreApplication.translate("MainWindow", "Facts"),
        lambda window: FactsPanel(),
        RIGHT,
    ),
    DockRegistration(
        "yangpu_district_dock",
        "district_dock",
        "district_panel",
        lambda: QCoreApplication.translate("MainWindow", "Yangpu District"),
        lambda window: DistrictPanel(),
        RIGHT,
        tab_beside="facts_dock",
    ),
    DockRegistration(
        "attribute_table_dock",
        "table_dock",
        "attribute_table",
        lambda: QCoreApplication.translate("MainWindow", "Attribute table"),
        lambda window: AttributeTable(window.project),
        BOTTOM,
        hidden=True,
    ),
    # Beside the layers, as QGIS's Spatial Bookmarks panel: a third tab beside Facts and
    # the district cut all three titles short in a right dock of 190 px.
    DockRegistration(
        "bookmarks_dock",
        "bookmarks_dock",
        "bookmarks_panel",
        bookmark_dock_title,
        bookmarks_panel,
        LEFT,
        tab_beside="layers_dock",
    ),
    DockRegistration(
        "notes_list_dock",
        "notes_dock",
        "notes_list",
        lambda: QCoreApplication.translate("NotesList", "Review notes"),
        notes_list_panel,
        BOTTOM,
        tab_beside="table_dock",
        hidden=True,
    ),
)


def install_docks(window) -> list[QDockWidget]:
    """Build every registered dock into the window, in order; the docks, in that order."""
    docks = []
    for registration in DOCKS:
        panel = registration.make(window)
        setattr(window, registration.panel, panel)
        dock = QDockWidget(registration.title(), window)
        dock.setObjectName(registration.name)
        dock.setWidget(panel)
        window.addDockWidget(registration.area, dock)
        if registration.tab_beside:
            front = getattr(window, registration.tab_beside)
            window.tabifyDockWidget(front, dock)
            if not registration.hidden:
                front.raise_()
        if registration.hidden:
            dock.hide()
        setattr(window, registration.dock, dock)
        docks.append(dock)
    return docks
