"""Review notes in the app: the store on disk, its layer on the map, and the commands."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from yangpu_gis.model.fact_sheet import feature_title
from yangpu_gis.model.identify import Hit
from yangpu_gis.model.layer import LayerKind
from yangpu_gis.model.note_fields import Note, NoteNotFoundError, NotesError
from yangpu_gis.model.notes import NOTES_STYLE, NoteStore
from yangpu_gis.model.project import LayerLook, Project, Selection
from yangpu_gis.ui.i18n import current_language
from yangpu_gis.ui.model_messages import message_text
from yangpu_gis.ui.note_dialog import NoteDialog, NoteNotSaved
from yangpu_gis.ui.panels.model_link import connect_while_alive
from yangpu_gis.ui.panels.notes_section import site_notes_html

NOTES_URL_SETTING = "notes/url"  # postgresql://... : the team's shared notes table
SHARED_POLL_MS = 1000  # a window asks for the others' changes every other tick
TOLD_CHECK_MS = 100  # how often the window looks whether the server told of a change
LISTEN_RETRY_S = 3.0  # after the listening link broke (polling goes on meanwhile)
LOCK_WAIT_SECONDS = 2.0  # how long a save waits for another program's lock before saying so
EXPORT_SUFFIXES = (".geojson", ".json", ".csv")
# Amber pins with a dark rim stand out on the beige district and the orange sites;
# resolved notes turn a quieter green.
MAP_STYLE = NOTES_STYLE.with_(
    fill="#ffb000",
    stroke="#5c3300",
    stroke_width=2.0,
    point_size=14.0,
    categories=(("open", "#ffb000"), ("resolved", "#8bc48a")),
)
_STORE_ERRORS = (NotesError, NoteNotFoundError, ValueError, OSError)


class NotesController(QObject):
    """Keeps the notes layer on top of the map in step with the store after every change."""

    notes_changed = Signal()
    problem = Signal(str)  # one line for the message bar

    def __init__(self, project: Project, parent=None, store: NoteStore | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.store = store
        self._startup_problems: list[str] = []
        self._reported: set[str] = set()
        self._starting = True
        self._revision = None
        self._polling = False
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(SHARED_POLL_MS)
        self._poll_timer.timeout.connect(self._poll_shared)
        self._poll_answer: list = []
        # The server's notifications, heard on a worker: it only sets `_told`, which this
        # thread reads on a short timer (no signal crosses into a window that may close).
        self._told = threading.Event()
        self._stop_listening = threading.Event()
        self._told_timer = QTimer(self)
        self._told_timer.setInterval(TOLD_CHECK_MS)
        self._told_timer.timeout.connect(self._on_told)
        if self.store is None:
            self._open_store()
        self.refresh_layer()
        self._starting = False
        connect_while_alive(project.layers_changed, self._keep_on_top)
        connect_while_alive(project.events.replaced, self.refresh_layer)

    @property
    def startup_problem(self) -> str:
        """What went wrong while opening the notes, for the message bar once it exists."""
        return " ".join(self._startup_problems)

    # --- the store ----------------------------------------------------------------------

    def _open_store(self) -> bool:
        """Open the store, again after an earlier failure (a lock may have gone since)."""
        from yangpu_gis.model.notes_postgres import open_note_store

        url = QSettings().value(NOTES_URL_SETTING, "") or None
        try:
            self.store = open_note_store(str(url) if url else None)
        except NotesError as exc:
            self._report(
                self.tr("Review notes are unavailable: {problem}").format(problem=message_text(exc))
            )
            return False
        self.store.timeout = LOCK_WAIT_SECONDS
        self._report_warnings()
        if hasattr(self.store, "revision"):  # shared: others' notes appear within seconds
            try:
                self._revision = self.store.revision()
            except NotesError:
                self._revision = None
            self._poll_timer.start()
            self._listen(self.store)
        return True

    def _listen(self, store) -> None:
        """Hear the others' changes as the server announces them (LISTEN/NOTIFY)."""
        stop = self._stop_listening = threading.Event()
        self.destroyed.connect(lambda *_: stop.set())
        told = self._told

        def run() -> None:
            while not stop.is_set():
                try:
                    store.listen(told.set, stop)
                except NotesError:
                    stop.wait(LISTEN_RETRY_S)  # the polling carries on meanwhile

        threading.Thread(target=run, name="notes-listen", daemon=True).start()
        self._told_timer.start()

    def _on_told(self) -> None:
        if self._told.is_set():
            self._told.clear()
            self._revision = None  # the next poll takes the revision without reloading
            self.refresh_layer()

    def reopen_store(self) -> None:
        """Open the store the settings now name (shared or local) and show its notes."""
        self._poll_timer.stop()
        self._told_timer.stop()
        self._stop_listening.set()
        self._revision = None
        self.store = None
        if self._open_store():
            self.refresh_layer()

    def _poll_shared(self) -> None:
        """Every tick: take the revision a worker read (if any), else start one. The
        worker only stores its answer; this thread reads it, so no signal crosses
        threads into a window that may be closing."""
        store = self.store
        if store is None or not hasattr(store, "revision"):
            return
        if self._polling:
            if self._poll_answer:
                self._polling = False
                self._on_revision(self._poll_answer.pop())
            return
        self._polling = True
        answer = self._poll_answer = []

        def ask() -> None:
            try:
                answer.append(store.revision())
            except NotesError:
                answer.append(None)  # unreachable for now: the next poll tries again

        threading.Thread(target=ask, name="notes-poll", daemon=True).start()

    def _on_revision(self, revision) -> None:
        if revision is None:
            return
        if self._revision is not None and revision != self._revision:
            self.refresh_layer()
        self._revision = revision

    def _report(self, text: str) -> None:
        if self._starting:
            self._startup_problems.append(text)
        else:
            self.problem.emit(text)

    def _report_warnings(self) -> None:
        for warning in [] if self.store is None else self.store.warnings:
            if warning not in self._reported:
                self._reported.add(warning)
                self._report(message_text(warning))

    def _store_call(self, call: Callable[[NoteStore], object], refresh: bool = True):
        """call(store), with any failure reported in one line; None when it failed."""
        if self.store is None and not self._open_store():
            return None
        store = self.store
        assert store is not None  # opened just now, or kept
        try:
            result = call(store)
        except _STORE_ERRORS as exc:
            self._report(self.tr("Review notes: {problem}").format(problem=message_text(exc)))
            return None
        finally:
            self._report_warnings()
        if refresh:
            self.refresh_layer()
        return result

    def _saver(self, write: Callable[[NoteStore, dict], Note]) -> Callable[[dict], Note]:
        """What a note form calls on Save: write, or raise NoteNotSaved with the reason."""

        def save(values: dict) -> Note:
            if self.store is None and not self._open_store():
                raise NoteNotSaved(self.tr("the notes file cannot be opened."))
            store = self.store
            assert store is not None  # opened just now, or kept
            try:
                note = write(store, values)
            except _STORE_ERRORS as exc:
                reason = message_text(exc)
                self._report(self.tr("Review notes: {problem}").format(problem=reason))
                raise NoteNotSaved(reason) from None
            finally:
                self._report_warnings()
            self.refresh_layer()
            return note

        return save

    # --- the layer ----------------------------------------------------------------------

    def layer(self):
        """The notes layer on the map, if there is one."""
        return next(
            (lyr for lyr in reversed(self.project.layers) if lyr.kind == LayerKind.NOTES), None
        )

    def refresh_layer(self) -> None:
        """Rebuild the notes layer from the store and put it on top of the map."""
        if self.store is None:
            return
        try:
            layer = self.store.to_layer()
        except NotesError as exc:
            self._report(self.tr("Review notes: {problem}").format(problem=message_text(exc)))
            return
        finally:
            self._report_warnings()
        previous = self.layer()
        selected_ids = self._selected_note_ids(previous)
        if previous is not None:
            layer.id = previous.id
            LayerLook.of(previous).apply_to(layer)
            self.project.replace_layer(previous.id, layer)  # then kept on top
        else:
            layer.style = MAP_STYLE
            if self.project.notes_look is not None:  # as it looked when last saved
                self.project.notes_look.apply_to(layer)
            if layer.feature_count:
                self.project.add_layer(layer)  # on top, where the pins stay visible
        if selected_ids is not None and layer in self.project.layers:
            rows = tuple(int(r) for r in np.flatnonzero(np.isin(layer.column("id"), selected_ids)))
            self.project.select(Selection(layer.id, rows) if rows else None)
        self.notes_changed.emit()

    def _selected_note_ids(self, layer) -> list | None:
        selection = self.project.selection
        if layer is None or selection is None or selection.layer_id != layer.id:
            return None
        rows = [r for r in selection.rows if 0 <= r < layer.feature_count]
        return layer.values(rows, "id")

    def _keep_on_top(self) -> None:
        layer = self.layer()
        if layer is not None and self.project.layers[-1] is not layer:
            self.project.move_layer(layer.id, len(self.project.layers))

    def note_hit(self, note_id) -> Hit | None:
        """The note with this id on the map, to show in the facts panel."""
        layer = self.layer()
        if layer is None:
            return None
        rows = np.flatnonzero(layer.column("id") == note_id)
        return Hit(layer, int(rows[0])) if len(rows) else None

    # --- commands -----------------------------------------------------------------------

    def add_at(self, lon: float, lat: float, parent=None) -> Note | None:
        """Ask for a note at a clicked point; inside a site, the note is that site's."""
        site = self._site_at(lon, lat)
        site_id = str(site.properties.get("id")) if site is not None else None
        point = f"{lon:.6f}, {lat:.6f}"
        if site is not None:
            where = self.tr("New note at {point}, on {site}").format(
                point=point, site=feature_title(site, current_language())
            )
        else:
            where = self.tr("New note at {point}").format(point=point)
        return self._add(where, lon, lat, site_id, parent)

    def add_on_site(self, hit: Hit, parent=None) -> Note | None:
        """Ask for a note on a site, placed at the site's representative point."""
        point = hit.geometry.representative_point()
        site_id = str(hit.properties.get("id")) if hit.layer.kind == LayerKind.SITE else None
        where = self.tr("New note on {site}").format(site=feature_title(hit, current_language()))
        return self._add(where, point.x, point.y, site_id, parent)

    def _add(self, where: str, lon: float, lat: float, site_id, parent) -> Note | None:
        dialog = NoteDialog(
            where,
            parent,
            save=self._saver(
                lambda store, values: store.add(lon=lon, lat=lat, site_id=site_id, **values)
            ),
        )
        dialog.exec()
        return dialog.saved

    def set_status(self, note_id: int, status: str) -> Note | None:
        return self._store_call(lambda store: store.update(note_id, status=status))

    def edit(self, note_id: int, parent=None) -> Note | None:
        note = self._store_call(lambda store: store.get(note_id), refresh=False)
        if note is None:
            return None
        site = self.site_title(note.site_id) if note.site_id else None
        dialog = NoteDialog(
            (
                self.tr("Note {number} on {site}").format(number=note.id, site=site)
                if site
                else self.tr("Note {number}").format(number=note.id)
            ),
            parent,
            save=self._saver(lambda store, values: store.update(note_id, expected=note, **values)),
            text=note.text,
            author=note.author,
            status=note.status,
            category=note.category,
        )
        dialog.exec()
        return dialog.saved

    def delete(self, note_id: int, parent=None, confirm: bool = True) -> bool:
        note = self._store_call(lambda store: store.get(note_id), refresh=False)
        if note is None:
            return False
        text = note.text if len(note.text) <= 160 else note.text[:159] + "…"
        if (
            confirm
            and QMessageBox.question(
                parent,
                self.tr("Delete review note"),
                self.tr(
                    "Delete note {number} by {author}?\n\n{text}\n\nThis cannot be undone."
                ).format(number=note.id, author=note.author, text=text),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            != QMessageBox.StandardButton.Yes
        ):
            return False

        def delete(store: NoteStore) -> bool:
            store.delete(note_id)
            return True

        return self._store_call(delete) is not None

    def run(self, command: str, note_id: int, parent=None) -> None:
        """A button of the facts panel: resolve, reopen, edit or delete."""
        if command in ("resolve", "reopen"):
            self.set_status(note_id, "resolved" if command == "resolve" else "open")
        elif command == "edit":
            self.edit(note_id, parent)
        elif command == "delete":
            self.delete(note_id, parent)

    def export(self, path: str, chosen_filter: str = "") -> tuple[int, str] | None:
        """Write every note to GeoJSON or CSV, by the file's suffix (or the chosen filter
        when it has none); how many were written and where."""
        target = Path(path)
        if not target.suffix:
            target = target.with_name(
                target.name + (".csv" if "csv" in chosen_filter.lower() else ".geojson")
            )
        suffix = target.suffix.lower()
        if suffix not in EXPORT_SUFFIXES:
            self._report(
                self.tr(
                    "Review notes: cannot export to {file}: choose a .geojson or a .csv file name"
                ).format(file=target.name)
            )
            return None
        from yangpu_gis.model.outputs import source_files

        inputs = source_files(self.project.layers)  # no export replaces an open file
        count = self._store_call(
            lambda store: (store.export_csv if suffix == ".csv" else store.export_geojson)(
                target, inputs=inputs
            ),
            refresh=False,
        )
        return None if count is None else (count, str(target))

    # --- reading ------------------------------------------------------------------------

    def all_notes(self) -> list[Note]:
        """Every note in the store (the Notes dock's list); [] when it cannot be read."""
        return self._store_call(lambda store: store.list(), refresh=False) or []

    def notes_for_site(self, site_id: str) -> list[Note]:
        notes = self._store_call(lambda store: store.list(site_id=site_id), refresh=False)
        return notes or []

    def site_notes_html(self, hit: Hit) -> str:
        """The 'Review notes' section for a site's facts."""
        return site_notes_html(self.notes_for_site(str(hit.properties.get("id"))))

    def site_title(self, site_id: str) -> str | None:
        """The name of the site with this id, as the map shows it."""
        for layer in self.project.layers:
            if layer.kind == LayerKind.SITE and "id" in layer.column_names:
                rows = np.flatnonzero(layer.column("id").astype(str) == site_id)
                if len(rows):
                    return feature_title(Hit(layer, int(rows[0])), current_language())
        return None

    def _site_at(self, lon: float, lat: float) -> Hit | None:
        from yangpu_gis.model.identify import identify

        sites = [
            layer for layer in self.project.layers if layer.kind == LayerKind.SITE and layer.visible
        ]
        hits = identify(sites, lon, lat)
        return hits[0] if hits else None
