"""The Notes dock as a reviewer uses it: every note listed, filtered by status, site and
author; a click zooms the map to the note; resolve and reopen from the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_canvas import wait_for_render

from yangpu_gis.model.notes import NoteStore
from yangpu_gis.model.user_data import notes_path


def test_lists_filters_zooms_and_resolves(qtbot):
    from conftest import close_windows

    from yangpu_gis.model.project import Project
    from yangpu_gis.ui.main_window import MainWindow

    store = NoteStore(notes_path())
    a = store.add("入口需要无障碍坡道", "王工", 121.5265, 31.2905, site_id="changbai-228")
    b = store.add("Check the riverside path width", "Li", 121.5400, 31.2560)
    c = store.add("退线距离核对", "王工", 121.5110, 31.3040, status="resolved")
    window = MainWindow(Project.with_embedded_map())
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    try:
        panel = window.notes_list
        window.notes_dock.show()
        window.notes_dock.raise_()
        qtbot.waitUntil(panel.tree.isVisible)
        assert sorted(panel.shown_ids()) == sorted([a.id, b.id, c.id])
        assert "3 notes shown of 3" in panel.count_label.text()

        panel.status_filter.setCurrentIndex(panel.status_filter.findData("open"))
        assert sorted(panel.shown_ids()) == sorted([a.id, b.id])
        panel.author_filter.setCurrentIndex(panel.author_filter.findData("王工"))
        assert panel.shown_ids() == [a.id]
        panel.author_filter.setCurrentIndex(0)
        panel.site_filter.setCurrentIndex(panel.site_filter.findData("changbai-228"))
        assert panel.shown_ids() == [a.id]
        # The site is listed by its name, not its id.
        assert "228" in panel.site_filter.currentText()
        assert panel.site_filter.currentText() != "changbai-228"
        panel.site_filter.setCurrentIndex(0)

        # A click on a note zooms the map to it and shows it in the Facts dock.
        wait_for_render(qtbot, window.canvas)
        window.canvas.zoom_full()
        item = panel.tree.topLevelItem(panel.shown_ids().index(b.id))
        rect = panel.tree.visualItemRect(item)
        qtbot.mouseClick(panel.tree.viewport(), Qt.LeftButton, pos=rect.center())
        west, south, east, north = window.canvas.viewport.extent_wgs84
        assert west < b.lon < east and south < b.lat < north
        assert east - west < 0.05  # zoomed in, not the whole district
        assert window.facts_panel.current_hit is not None
        assert window.facts_panel.current_hit.properties.get("id") == b.id

        # Resolve from the list: the store has it, the open filter drops it; reopen it.
        qtbot.mouseClick(panel.resolve_button, Qt.LeftButton)
        assert NoteStore(notes_path()).get(b.id).status == "resolved"
        qtbot.waitUntil(lambda: panel.shown_ids() == [a.id])
        panel.status_filter.setCurrentIndex(panel.status_filter.findData("resolved"))
        assert sorted(panel.shown_ids()) == sorted([b.id, c.id])
        assert panel.choose(b.id)
        qtbot.mouseClick(panel.reopen_button, Qt.LeftButton)
        assert NoteStore(notes_path()).get(b.id).status == "open"
        qtbot.waitUntil(lambda: panel.shown_ids() == [c.id])
    finally:
        close_windows(window)
