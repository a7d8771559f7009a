"""The Notes dock's panel, wired to the window (registered in ui/dock_registry.py)."""

from __future__ import annotations

from yangpu_gis.ui.panels.notes_list import NotesList


def notes_list_panel(window) -> NotesList:
    def zoom_to(note) -> None:
        window.canvas.zoom_to_wgs84((note.lon, note.lat, note.lon, note.lat))
        hit = window.notes.note_hit(note.id)
        if hit is not None:
            window.project.select(None)
            window.show_hits([hit])

    return NotesList(window.notes, zoom_to)
