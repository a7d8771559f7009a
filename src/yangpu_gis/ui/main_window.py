"""The main window: wires the project, the map canvas and the docks together."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from yangpu_gis.model.identify import Hit
from yangpu_gis.model.layer import LayerKind
from yangpu_gis.model.project import Project, Selection
from yangpu_gis.ui import i18n
from yangpu_gis.ui.basemap_menu import install_basemaps
from yangpu_gis.ui.canvas import MapCanvas
from yangpu_gis.ui.dock_registry import install_docks
from yangpu_gis.ui.export_actions import ExportActions
from yangpu_gis.ui.file_loader import FileLoader
from yangpu_gis.ui.layer_edits import LayerEdits
from yangpu_gis.ui.message_bar import MessageBar
from yangpu_gis.ui.notes_controller import NotesController
from yangpu_gis.ui.open_queue import OpenQueue
from yangpu_gis.ui.panels.about_dialog import AboutDialog
from yangpu_gis.ui.panels.search_box import SearchBox
from yangpu_gis.ui.postgis_dialog import install_postgis
from yangpu_gis.ui.project_controller import ProjectController
from yangpu_gis.ui.window_actions import build_actions
from yangpu_gis.ui.window_layout import install_layout

if TYPE_CHECKING:
    from yangpu_gis.ui.panels.attribute_table import AttributeTable
    from yangpu_gis.ui.panels.bookmarks_panel import BookmarksPanel
    from yangpu_gis.ui.panels.district_panel import DistrictPanel
    from yangpu_gis.ui.panels.facts_panel import FactsPanel
    from yangpu_gis.ui.panels.layers_panel import LayersPanel
    from yangpu_gis.ui.panels.notes_list import NotesList

PROJECT_PATTERNS = "*.ygis.json *.json"
# Windows built again in another language (apply_language), kept alive here.
_OPEN_WINDOWS: list[QMainWindow] = []


class MainWindow(QMainWindow):
    # The registered docks and their panels, set by install_docks (ui.dock_registry).
    layers_dock: QDockWidget
    layers_panel: LayersPanel
    facts_dock: QDockWidget
    facts_panel: FactsPanel
    district_dock: QDockWidget
    district_panel: DistrictPanel
    table_dock: QDockWidget
    attribute_table: AttributeTable
    bookmarks_dock: QDockWidget
    bookmarks_panel: BookmarksPanel
    notes_dock: QDockWidget
    notes_list: NotesList

    def __init__(self, project: Project | None = None) -> None:
        super().__init__()
        self.project = project or Project.with_embedded_map()
        self.setWindowTitle(self.tr("Yangpu GIS"))
        self.setAcceptDrops(True)
        self.resize(1400, 880)
        self.remember_session = True

        self.canvas = MapCanvas(self.project)
        self.message_bar = MessageBar()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.message_bar)
        column.addWidget(self.canvas, 1)
        self.setCentralWidget(central)

        self.layer_edits = LayerEdits(self.project, parent=self)  # the undo stack
        self.search_box = SearchBox(self.project)
        self.notes = NotesController(self.project, self)
        # Every dock and its panel (ui.dock_registry): self.layers_dock, self.facts_panel...
        self._docks = install_docks(self)

        self._build_status_bar()
        self.loader = FileLoader(self)
        self.open_queue = OpenQueue(self)  # after the status bar's progress and cancel
        self.facts_panel.site_notes_html = self.notes.site_notes_html
        self.facts_panel.site_title = self.notes.site_title
        self.facts_panel.watch_layers(self.project)
        self.projects = ProjectController(self)
        self.exports = ExportActions(self)
        build_actions(self)
        install_layout(self)  # the docks' sizes, the selection in the status bar
        self._connect()
        self.basemaps = install_basemaps(self)
        self.postgis = install_postgis(self)  # the Database menu; PostGIS layers per view
        self.projects.restore_window()
        self._restore_ui_state()
        self.projects.update_title()

    # --- construction -------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.measure_label = QLabel()
        self.coordinates_label = QLabel("—")
        self.coordinates_label.setMinimumWidth(190)
        self.scale_label = QLabel()
        self.scale_label.setMinimumWidth(110)
        self.render_label = QLabel()
        self.render_label.setMinimumWidth(90)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(180)
        self.progress.hide()
        self.cancel_load_button = QToolButton()
        self.cancel_load_button.setText(self.tr("Cancel"))
        self.cancel_load_button.hide()
        bar.addWidget(self.measure_label, 1)
        for widget in (
            self.progress,
            self.cancel_load_button,
            self.coordinates_label,
            self.scale_label,
            self.render_label,
        ):
            bar.addPermanentWidget(widget)

    def _connect(self) -> None:
        c = self.canvas
        c.features_identified.connect(self.show_hits)
        c.cursor_moved.connect(
            lambda lon, lat: self.coordinates_label.setText(f"{lon:.6f}, {lat:.6f}")
        )
        c.scale_changed.connect(lambda n: self.scale_label.setText(f"1:{n:,.0f}"))
        c.render_state.connect(self._show_render_state)
        self.search_box.feature_chosen.connect(self.go_to_feature)
        self.layers_panel.zoom_to_layer_requested.connect(c.zoom_to_layer)
        self.layers_panel.open_attribute_table_requested.connect(self.open_attribute_table)
        self.attribute_table.zoom_to_selection_requested.connect(c.zoom_to_selection)
        self.facts_panel.zoom_to_requested.connect(self._zoom_to_hit)
        self.facts_panel.add_note_requested.connect(lambda hit: self.notes.add_on_site(hit, self))
        self.facts_panel.note_command.connect(lambda cmd, nid: self.notes.run(cmd, nid, self))
        self.notes.notes_changed.connect(self._notes_changed)
        self.notes.problem.connect(lambda text: self.message_bar.show_message(text, "error"))
        if self.notes.startup_problem:
            self.message_bar.show_message(self.notes.startup_problem, "warning", seconds=0)

    # --- review notes -------------------------------------------------------------------

    def _notes_changed(self) -> None:
        hit = self.facts_panel.current_hit
        if hit is None:
            return
        if hit.layer.kind == LayerKind.NOTES:  # the notes layer was rebuilt: find the note again
            again = self.notes.note_hit(hit.properties.get("id"))
            if again is not None:
                self.facts_panel.show_hits([again])
            else:
                self.facts_panel.clear()
        else:
            self.facts_panel.refresh()

    def export_notes_dialog(self) -> None:
        self.exports.export_notes()

    # --- identify, search ---------------------------------------------------------------

    @Slot(list)
    def show_hits(self, hits: list[Hit]) -> None:
        self.facts_panel.show_hits(hits)
        if hits:
            self.facts_dock.show()
            self.facts_dock.raise_()

    @Slot(str, int)
    def go_to_feature(self, layer_id: str, row: int) -> None:
        layer = self.project.layer(layer_id)
        self.project.select(Selection(layer_id, (row,)))
        self.canvas.zoom_to_wgs84(layer.geometry(row).bounds)
        self.show_hits([Hit(layer, row)])

    def _zoom_to_hit(self, hit: Hit) -> None:
        self.canvas.zoom_to_wgs84(hit.geometry.bounds)

    def open_attribute_table(self, layer_id: str) -> None:
        self.attribute_table.show_layer(layer_id)
        self.table_dock.show()
        self.table_dock.raise_()

    def _show_render_state(self, busy: bool, last_ms: float) -> None:
        self.render_label.setText(
            self.tr("Rendering…")
            if busy
            else self.tr("Drawn in {ms} ms").format(ms=f"{last_ms:.0f}")
        )

    # --- opening files (ui.open_queue: one at a time, progress, cancel) -------------

    def open_files_dialog(self) -> None:
        self.open_queue.ask()

    def open_files(self, paths, declared_crs: str | None = None) -> None:
        self.open_queue.add(paths, declared_crs)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_files(paths)

    # --- projects (ui.project_controller: one window, unsaved changes, recent) ---------

    def open_project(self, path: str) -> bool:
        return self.projects.open_project(path)

    def save_project(self) -> bool:
        return self.projects.save_project()

    def save_project_as(self) -> bool:
        return self.projects.save_project_as()

    def _save_to(self, path) -> bool:
        return self.projects.save_to(path)

    # --- exports (ui.export_actions) ---------------------------------------------------

    def export_html_dialog(self) -> None:
        self.exports.export_html()

    def export_image_dialog(self) -> None:
        self.exports.export_image()

    # --- session ------------------------------------------------------------------------

    def _capture_ui_state(self) -> None:
        self.projects.capture_ui_state()

    def _restore_ui_state(self) -> None:
        self.projects.restore_ui_state()
        self.view_restored = False

    def restore_view_soon(self) -> None:
        self.view_restored = False
        QTimer.singleShot(0, self._restore_view)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.view_restored:
            # Once the docks have their restored sizes, show exactly the saved view.
            QTimer.singleShot(0, self._restore_view)

    def _restore_view(self) -> None:
        from yangpu_gis.model import crs
        from yangpu_gis.render.viewport import Viewport

        extent = crs.transform_bounds(self.project.view_extent)
        canvas = self.canvas
        canvas.set_viewport(
            Viewport.fit(extent, canvas.width(), canvas.height(), margin=0), record_history=False
        )
        self.view_restored = True

    def docks(self) -> list[QDockWidget]:
        """Every dock, in the registry's order (ui.dock_registry)."""
        return list(self._docks)

    def save_session(self) -> None:
        self.projects.save_session()

    # --- misc ---------------------------------------------------------------------------

    def _project_filter(self) -> str:
        return self.tr("Yangpu GIS project ({patterns})").format(patterns=PROJECT_PATTERNS)

    def apply_language(self, language: str) -> MainWindow:
        """Show the interface in language from now on, and remember it.

        Every widget takes its words from tr() when it is built, so the window is built
        again around the same project: layers, styles, selection, the view and the dock
        layout carry over, as when a project is opened. Keeping a retranslate method in
        step in every panel, chart and dialog would say the same thing twice.
        """
        i18n.save_language(language)
        if language == i18n.current_language():
            return self
        i18n.install(language)
        self._capture_ui_state()
        window = MainWindow(self.project)
        window.setGeometry(self.geometry())
        window.show()
        _OPEN_WINDOWS.append(window)
        self.remember_session = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.close()
        return window

    def show_about(self) -> None:
        AboutDialog(self).exec()

    def _last_dir(self) -> str:
        return str(QSettings().value("last_dir", str(Path.home())))

    def _remember_dir(self, path: str) -> None:
        QSettings().setValue("last_dir", str(Path(path).parent))

    def closeEvent(self, event) -> None:
        # (A window rebuilt in another language hands its project on: nothing to ask.)
        if self.remember_session and not self.projects.may_close():
            event.ignore()
            return
        self.projects.remember_window()
        if self.loader.busy:
            self.loader.cancel()
        if self.remember_session:
            self.save_session()
        event.accept()
