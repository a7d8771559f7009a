"""The Notes dock put into the main window, tabbed with the attribute table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget

from yangpu_gis.ui.panels.notes_list import NotesList


def install_notes_list(window) -> QDockWidget:
    def zoom_to(note) -> None:
        window.canvas.zoom_to_wgs84((note.lon, note.lat, note.lon, note.lat))
        hit = window.notes.note_hit(note.id)
        if hit is not None:
            window.project.select(None)
            window.show_hits([hit])

    window.notes_list = NotesList(window.notes, zoom_to)
    dock = QDockWidget(QCoreApplication.translate("NotesList", "Review notes"), window)
    dock.setObjectName("notes_list_dock")  # keys the saved window state
    dock.setWidget(window.notes_list)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.tabifyDockWidget(window.table_dock, dock)
    dock.hide()
    window.notes_dock = dock
    window.extra_docks.append(dock)
    return dock
