"""The Bookmarks dock put into the main window, beside the Facts and Yangpu District tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from yangpu_gis.model import crs
from yangpu_gis.render.viewport import Viewport
from yangpu_gis.ui.panels.bookmarks_panel import BookmarksPanel, bookmark_dock_title


def install_bookmarks(window) -> QDockWidget:
    canvas = window.canvas

    def go_to(extent) -> None:
        # Exactly the saved view (no margin), as a restored session shows it.
        view = Viewport.fit(crs.transform_bounds(extent), canvas.width(), canvas.height(), margin=0)
        canvas.set_viewport(view)

    window.bookmarks_panel = BookmarksPanel(
        window.project,
        lambda: canvas.viewport.extent_wgs84,
        go_to,
        window.layer_edits.stack,
    )
    dock = QDockWidget(bookmark_dock_title(), window)
    dock.setObjectName("bookmarks_dock")  # keys the saved window state
    dock.setWidget(window.bookmarks_panel)
    # Beside the layers, as QGIS's Spatial Bookmarks panel: a third tab beside Facts and
    # the district cut all three titles short in a right dock of 190 px.
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    window.tabifyDockWidget(window.layers_dock, dock)
    window.layers_dock.raise_()
    window.bookmarks_dock = dock
    window.extra_docks.append(dock)
    return dock
