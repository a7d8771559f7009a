"""Review notes in the app: the store on disk, its layer on the map, and the commands."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox

from yangpu_gis.model.facts import date_text
from yangpu_gis.model.identify import Hit
from yangpu_gis.model.notes import Note, NoteNotFoundError, NotesError, NoteStore
from yangpu_gis.model.project import Project
from yangpu_gis.ui.note_dialog import NoteDialog

NOTES_LAYER_ID = "notes"


class NotesController(QObject):
    """Keeps the notes layer on top of the map in step with the store after every change."""

    notes_changed = Signal()
    problem = Signal(str)  # one line for the message bar

    def __init__(self, project: Project, parent=None, store: NoteStore | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.store: NoteStore | None = None
        try:
            self.store = store or NoteStore()
        except NotesError as exc:
            self._problem = str(exc)
        else:
            self._problem = "; ".join(self.store.warnings)
        self.refresh_layer()

    @property
    def startup_problem(self) -> str:
        return self._problem

    # --- the layer --------------------------------------------------------------------

    def refresh_layer(self) -> None:
        if self.store is None:
            return
        try:
            layer = self.store.to_layer()
        except NotesError as exc:
            self.problem.emit(str(exc))
            return
        previous = next((lyr for lyr in self.project.layers if lyr.id == NOTES_LAYER_ID), None)
        if previous is not None:
            layer.visible, layer.opacity, layer.style = (
                previous.visible, previous.opacity, previous.style)
            self.project.layers.remove(previous)
        if layer.feature_count or previous is not None:
            self.project.add_layer(layer)  # on top, where points stay visible
        self.notes_changed.emit()

    # --- commands -----------------------------------------------------------------------

    def add_at(self, lon: float, lat: float, parent=None) -> Note | None:
        site = self._site_at(lon, lat)
        where = f"At {lon:.6f}, {lat:.6f}" + (f" — {site.name}" if site else "")
        return self._add(where, lon, lat, site.properties.get("id") if site else None, parent)

    def add_on_site(self, hit: Hit, parent=None) -> Note | None:
        point = hit.geometry.representative_point()
        site_id = hit.properties.get("id") if hit.layer.kind == "site" else None
        return self._add(f"On {hit.name}", point.x, point.y, site_id, parent)

    def _add(self, where: str, lon: float, lat: float, site_id, parent) -> Note | None:
        if self.store is None:
            self.problem.emit(f"Review notes are unavailable: {self._problem}")
            return None
        dialog = NoteDialog(where, parent)
        if dialog.exec() != QDialog.Accepted:
            return None
        return self._store_call(lambda: self.store.add(lon=lon, lat=lat, site_id=site_id,
                                                        **dialog.values()))

    def set_status(self, note_id: int, status: str) -> Note | None:
        return self._store_call(lambda: self.store.update(note_id, status=status))

    def edit(self, note_id: int, parent=None) -> Note | None:
        note = self._store_call(lambda: self.store.get(note_id), refresh=False)
        if note is None:
            return None
        dialog = NoteDialog(f"Note {note.id}", parent, text=note.text, author=note.author,
                            status=note.status, category=note.category)
        if dialog.exec() != QDialog.Accepted:
            return None
        return self._store_call(lambda: self.store.update(note_id, **dialog.values()))

    def delete(self, note_id: int, parent=None, confirm: bool = True) -> bool:
        if confirm and QMessageBox.question(
            parent, "Delete review note", "Delete this note? This cannot be undone."
        ) != QMessageBox.Yes:
            return False
        self._store_call(lambda: self.store.delete(note_id))
        return True

    def run(self, command: str, note_id: int, parent=None) -> None:
        if command in ("resolve", "reopen"):
            self.set_status(note_id, "resolved" if command == "resolve" else "open")
        elif command == "edit":
            self.edit(note_id, parent)
        elif command == "delete":
            self.delete(note_id, parent)

    def export(self, path: str) -> int | None:
        exporter = self.store.export_csv if path.lower().endswith(".csv") else self.store.export_geojson
        return self._store_call(lambda: exporter(path), refresh=False)

    def _store_call(self, call, refresh: bool = True):
        try:
            result = call()
        except (NotesError, NoteNotFoundError, ValueError, OSError) as exc:
            self.problem.emit(f"Review notes: {exc}")
            return None
        if refresh:
            self.refresh_layer()
        return result

    # --- reading ------------------------------------------------------------------------

    def notes_for_site(self, site_id: str) -> list[Note]:
        if self.store is None:
            return []
        try:
            return self.store.list(site_id=site_id)
        except NotesError as exc:
            self.problem.emit(str(exc))
            return []

    def _site_at(self, lon: float, lat: float) -> Hit | None:
        from yangpu_gis.model.identify import identify

        sites = [layer for layer in self.project.layers if layer.kind == "site"]
        hits = identify(sites, lon, lat)
        return hits[0] if hits else None


def notes_html(notes: list[Note]) -> str:
    """The 'Review notes' section of a site's facts."""
    if not notes:
        return "<h3>Review notes</h3><p class='muted'>No notes yet.</p>"
    items = "".join(
        f"<li><b>{escape(n.status)}</b> · {escape(n.author)} · "
        f"{escape(date_text(n.created[:10]))}"
        f"{' · ' + escape(n.category) if n.category else ''}<br>{escape(n.text)}</li>"
        for n in notes
    )
    return f"<h3>Review notes</h3><ul>{items}</ul>"
