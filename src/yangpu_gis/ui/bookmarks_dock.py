"""The Bookmarks dock's panel, wired to the window's map (registered in ui/dock_registry.py)."""

from __future__ import annotations

from yangpu_gis.model import crs
from yangpu_gis.render.viewport import Viewport
from yangpu_gis.ui.panels.bookmarks_panel import BookmarksPanel


def bookmarks_panel(window) -> BookmarksPanel:
    canvas = window.canvas

    def go_to(extent) -> None:
        # Exactly the saved view (no margin), as a restored session shows it.
        view = Viewport.fit(crs.transform_bounds(extent), canvas.width(), canvas.height(), margin=0)
        canvas.set_viewport(view)

    return BookmarksPanel(
        window.project,
        lambda: canvas.viewport.extent_wgs84,
        go_to,
        window.layer_edits.stack,
    )
