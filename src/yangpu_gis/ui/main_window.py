"""The main window: wires the project, the map canvas and the docks together."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
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
from yangpu_gis.ui import i18n, window_menus
from yangpu_gis.ui.basemap_menu import install_basemaps
from yangpu_gis.ui.canvas import MapCanvas
from yangpu_gis.ui.file_loader import FileLoader
from yangpu_gis.ui.language_menu import add_language_actions
from yangpu_gis.ui.layer_edits import LayerEdits
from yangpu_gis.ui.message_bar import MessageBar
from yangpu_gis.ui.notes_controller import NotesController
from yangpu_gis.ui.panels.about_dialog import AboutDialog
from yangpu_gis.ui.panels.attribute_table import AttributeTable
from yangpu_gis.ui.panels.district_panel import DistrictPanel
from yangpu_gis.ui.panels.facts_panel import FactsPanel
from yangpu_gis.ui.panels.layers_panel import LayersPanel
from yangpu_gis.ui.panels.search_box import SearchBox
from yangpu_gis.ui.postgis_dialog import install_postgis
from yangpu_gis.ui.project_controller import ProjectController

OPEN_PATTERNS = "*.geojson *.json *.shp *.zip *.gpkg *.kml *.kmz *.fgb *.parquet *.csv *.xlsx"
PROJECT_PATTERNS = "*.ygis.json *.json"
# Windows built again in another language (apply_language), kept alive here.
_OPEN_WINDOWS: list[QMainWindow] = []
CRS_CHOICES = [
    "EPSG:4326 (WGS84)",
    "EPSG:4490 (CGCS2000)",
    "EPSG:4549 (CGCS2000 GK CM 120E)",
    "EPSG:4550 (CGCS2000 GK CM 123E)",
    "EPSG:32651 (UTM 51N)",
    "gcj02",
    "bd09",
]


class MainWindow(QMainWindow):
    def __init__(self, project: Project | None = None) -> None:
        super().__init__()
        self.project = project or Project.with_embedded_map()
        self.setWindowTitle(self.tr("Yangpu GIS"))
        self.setAcceptDrops(True)
        self.resize(1400, 880)
        self._pending_files: list[tuple[str, str | None]] = []
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
        self.layers_panel = LayersPanel(self.project, edits=self.layer_edits)
        self.facts_panel = FactsPanel()
        self.district_panel = DistrictPanel()
        self.attribute_table = AttributeTable(self.project)
        self.search_box = SearchBox(self.project)
        self.layers_dock = self._dock(
            "layers_dock",
            self.tr("Layers"),
            self.layers_panel,
            Qt.DockWidgetArea.LeftDockWidgetArea,
        )
        self.facts_dock = self._dock(
            "facts_dock", self.tr("Facts"), self.facts_panel, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.district_dock = self._dock(
            "yangpu_district_dock",
            self.tr("Yangpu District"),
            self.district_panel,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.tabifyDockWidget(self.facts_dock, self.district_dock)
        self.facts_dock.raise_()
        self.table_dock = self._dock(
            "attribute_table_dock",
            self.tr("Attribute table"),
            self.attribute_table,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        self.table_dock.hide()

        self.loader = FileLoader(self)
        self.notes = NotesController(self.project, self)
        self.facts_panel.site_notes_html = self.notes.site_notes_html
        self.facts_panel.site_title = self.notes.site_title
        self.facts_panel.watch_layers(self.project)
        self.projects = ProjectController(self)
        self._build_status_bar()
        self._build_actions()
        self._connect()
        self.basemaps = install_basemaps(self)
        self.postgis = install_postgis(self)  # the Database menu; PostGIS layers per view
        self.projects.restore_window()
        self._restore_ui_state()
        self.projects.update_title()

    # --- construction -------------------------------------------------------------------

    def _dock(self, name: str, title: str, widget: QWidget, area) -> QDockWidget:
        # The object name, not the (translated) title, keys the saved window state.
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

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
        for widget in (self.measure_label,):
            bar.addWidget(widget, 1)
        for widget in (
            self.progress,
            self.cancel_load_button,
            self.coordinates_label,
            self.scale_label,
            self.render_label,
        ):
            bar.addPermanentWidget(widget)

    def _action(self, text: str, slot, shortcut=None, checkable=False, tip=None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.open_action = a(
            self.tr("&Open data…"),
            self.open_files_dialog,
            QKeySequence.StandardKey.Open,
            tip=self.tr("Add GeoJSON, Shapefile, GeoPackage, KML, CSV… as layers"),
        )
        self.new_project_action = a(
            self.tr("&New project"), self.projects.new_project, QKeySequence.StandardKey.New
        )
        self.open_project_action = a(
            self.tr("Open &project…"), self.projects.open_project_dialog, "Ctrl+Shift+O"
        )
        self.save_project_action = a(
            self.tr("&Save project"), self.save_project, QKeySequence.StandardKey.Save
        )
        self.save_project_as_action = a(
            self.tr("Save project &as…"), self.save_project_as, "Ctrl+Shift+S"
        )
        self.export_html_action = a(self.tr("Export &HTML map…"), self.export_html_dialog, "Ctrl+E")
        self.export_image_action = a(
            self.tr("Export &image (PNG/PDF)…"), self.export_image_dialog, "Ctrl+Shift+E"
        )
        quit_action = a(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        self.zoom_full_action = a(self.tr("Zoom to &Yangpu"), self.canvas.zoom_full, "Ctrl+0")
        self.zoom_selection_action = a(
            self.tr("Zoom to &selection"), self.canvas.zoom_to_selection, "Ctrl+J"
        )
        self.back_action = a(self.tr("&Back"), self.canvas.back, "Alt+Left")
        self.forward_action = a(self.tr("&Forward"), self.canvas.forward, "Alt+Right")
        zoom_in = a(
            self.tr("Zoom &in"),
            lambda: self.canvas.set_viewport(self.canvas.viewport.zoomed(2.0)),
            QKeySequence.StandardKey.ZoomIn,
        )
        zoom_out = a(
            self.tr("Zoom &out"),
            lambda: self.canvas.set_viewport(self.canvas.viewport.zoomed(0.5)),
            QKeySequence.StandardKey.ZoomOut,
        )

        tools = QActionGroup(self)
        self.tool_actions = {}
        for name, text, key in (
            ("browse", self.tr("&Browse and identify"), "B"),
            ("zoom_box", self.tr("&Zoom to box"), "Z"),
            ("measure_line", self.tr("Measure &distance"), "D"),
            ("measure_area", self.tr("Measure &area"), "A"),
            ("add_note", self.tr("Add review &note"), "N"),
        ):
            action = a(text, lambda _=False, n=name: self.canvas.set_tool(n), key, checkable=True)
            tools.addAction(action)
            self.tool_actions[name] = action
        self.tool_actions["browse"].setChecked(True)
        self.about_action = a(self.tr("&About Yangpu GIS"), self.show_about)
        self.export_notes_action = a(self.tr("Export review n&otes…"), self.export_notes_dialog)

        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        for action in (
            self.new_project_action,
            self.open_action,
            self.open_project_action,
            self.save_project_action,
            self.save_project_as_action,
            None,
            self.export_html_action,
            self.export_image_action,
            self.export_notes_action,
            None,
            quit_action,
        ):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        window_menus.add_recent_menus(self, file_menu, self.save_project_action)
        window_menus.add_edit_menu(self)
        view_menu = menu.addMenu(self.tr("&View"))
        for action in (
            self.zoom_full_action,
            self.zoom_selection_action,
            zoom_in,
            zoom_out,
            self.back_action,
            self.forward_action,
            None,
        ):
            view_menu.addSeparator() if action is None else view_menu.addAction(action)
        for dock in (self.layers_dock, self.facts_dock, self.district_dock, self.table_dock):
            view_menu.addAction(dock.toggleViewAction())
        window_menus.add_layer_menu(self)
        tools_menu = menu.addMenu(self.tr("&Tools"))
        for action in self.tool_actions.values():
            tools_menu.addAction(action)
        self.language_menu = menu.addMenu(self.tr("&Language"))
        self.language_actions = add_language_actions(self.language_menu, self.apply_language)
        menu.addMenu(self.tr("&Help")).addAction(self.about_action)

        toolbar = self.addToolBar(self.tr("Map"))
        toolbar.setObjectName("map_toolbar")
        for action in (
            self.open_action,
            None,
            self.zoom_full_action,
            zoom_in,
            zoom_out,
            self.back_action,
            self.forward_action,
            None,
            *self.tool_actions.values(),
            None,
        ):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)
        self.search_box.setMaximumWidth(320)
        self.search_box.setPlaceholderText(self.tr("Search sites (English or 中文)"))
        toolbar.addWidget(self.search_box)

    def _connect(self) -> None:
        c = self.canvas
        c.features_identified.connect(self.show_hits)
        c.cursor_moved.connect(
            lambda lon, lat: self.coordinates_label.setText(f"{lon:.6f}, {lat:.6f}")
        )
        c.scale_changed.connect(lambda n: self.scale_label.setText(f"1:{n:,.0f}"))
        c.render_state.connect(self._show_render_state)
        c.measure_changed.connect(self.measure_label.setText)
        self.search_box.feature_chosen.connect(self.go_to_feature)
        self.layers_panel.zoom_to_layer_requested.connect(c.zoom_to_layer)
        self.layers_panel.open_attribute_table_requested.connect(self.open_attribute_table)
        self.attribute_table.zoom_to_selection_requested.connect(c.zoom_to_selection)
        self.facts_panel.zoom_to_requested.connect(self._zoom_to_hit)
        self.loader.progress.connect(self._show_load_progress)
        self.loader.loaded.connect(self._add_loaded_layers)
        self.loader.failed.connect(self._load_failed)
        self.loader.cancelled.connect(self._load_cancelled)
        self.cancel_load_button.clicked.connect(self.loader.cancel)
        c.note_requested.connect(lambda lon, lat: self.notes.add_at(lon, lat, self))
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
        from yangpu_gis.model.outputs import NOTES_CSV, NOTES_GEOJSON
        from yangpu_gis.ui.save_dialog import ask_save_path

        chosen = ask_save_path(
            self,
            self.tr("Export review notes"),
            self._last_dir(),
            [
                (self.tr("GeoJSON (*.geojson)"), NOTES_GEOJSON),
                (self.tr("CSV for Excel (*.csv)"), NOTES_CSV),
            ],
        )
        if chosen:
            written = self.notes.export(str(chosen[0]))
            if written is not None:
                count, target = written
                self.statusBar().showMessage(
                    self.tr("Exported %n review note(s) to {path}", "", count).format(path=target),
                    8000,
                )

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
        self.canvas.zoom_to_wgs84(layer.data.geometry.iloc[row].bounds)
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

    # --- opening files ------------------------------------------------------------------

    def open_files_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Open data"), self._last_dir(), self._open_filter()
        )
        self.open_files(paths)

    def open_files(self, paths, declared_crs: str | None = None) -> None:
        if not self.loader.busy and not self._pending_files:
            self.message_bar.begin_batch()
        self._pending_files.extend((str(p), declared_crs) for p in paths)
        self._load_next()

    def _load_next(self) -> None:
        if self.loader.busy or not self._pending_files:
            if not self._pending_files and not self.loader.busy:
                self.progress.hide()
                self.cancel_load_button.hide()
            return
        path, declared_crs = self._pending_files.pop(0)
        self._remember_dir(path)
        self.progress.setValue(0)
        self.progress.setFormat(f"{Path(path).name} %p%")
        self.progress.show()
        self.cancel_load_button.show()
        self.loader.load(path, declared_crs)

    def _show_load_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.progress.setToolTip(message)

    def _add_loaded_layers(self, path: str, prepared: list) -> None:
        loaded_layers = [loaded for loaded, _ in prepared]
        added = [self.layer_edits.add(layer) for _, layer in prepared]  # each undoable
        if added:
            self.projects.recent_files.add(path)
        warnings = [w for loaded in loaded_layers for w in loaded.warnings]
        names = ", ".join(layer.title for layer in added)
        text = self.tr("Opened {names}").format(names=names)
        if warnings:
            self.message_bar.show_message(
                self.tr("Opened {names}. Note: {warnings}").format(
                    names=names, warnings="; ".join(warnings)
                ),
                "warning",
            )
        else:
            self.statusBar().showMessage(text, 6000)
        if added and len(added) == len(loaded_layers) and self._pending_files == []:
            self.canvas.zoom_to_layer(added[-1].id)
        self._load_next()

    def _load_failed(self, path: str, message: str, needs_crs: bool) -> None:
        if needs_crs:
            choice, ok = QInputDialog.getItem(
                self,
                self.tr("Coordinate system needed"),
                self.tr("{problem}\n\nWhich coordinate system is {file} in?").format(
                    problem=message, file=Path(path).name
                ),
                CRS_CHOICES,
                0,
                True,
            )
            if ok and choice.strip():
                self._pending_files.insert(0, (path, choice.split(" ")[0]))
                self._load_next()
                return
        self.message_bar.add_error(message)
        self._load_next()

    def _load_cancelled(self, path: str) -> None:
        self.statusBar().showMessage(
            self.tr("Opening {file} was cancelled").format(file=Path(path).name), 6000
        )
        self._load_next()

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

    # --- exports ------------------------------------------------------------------------

    def export_html_dialog(self) -> None:
        from yangpu_gis.model.outputs import HTML_MAP
        from yangpu_gis.ui.save_dialog import ask_save_path

        chosen = ask_save_path(
            self,
            self.tr("Export HTML map"),
            self._last_dir(),
            [(self.tr("HTML map (*.html)"), HTML_MAP)],
        )
        if chosen is None:
            return
        path = chosen[0]
        from yangpu_gis.export.html import export_html

        try:
            report = export_html(
                self.project.layers,
                path,
                view_bounds_wgs84=self.canvas.viewport.extent_wgs84,
                language=i18n.current_language(),
            )
        except OSError as exc:
            self.message_bar.show_message(
                self.tr("Could not write {path}: {problem}").format(
                    path=path, problem=exc.strerror or exc
                ),
                "error",
            )
            return
        self.statusBar().showMessage(self.tr("Exported {path}").format(path=report.path), 8000)

    def export_image_dialog(self) -> None:
        from yangpu_gis.model.outputs import PDF_PAGE, PNG_IMAGE
        from yangpu_gis.ui.export_image_dialog import ask_image_options
        from yangpu_gis.ui.save_dialog import ask_save_path

        chosen = ask_save_path(
            self,
            self.tr("Export image"),
            self._last_dir(),
            [
                (self.tr("PNG image (*.png)"), PNG_IMAGE),
                (self.tr("PDF document (*.pdf)"), PDF_PAGE),
            ],
        )
        if chosen is None:
            return
        path = str(chosen[0])
        options = ask_image_options(self, path)
        if options is None:
            return
        from yangpu_gis.export.image import export_image

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            export_image(
                self.project.layers,
                path,
                viewport=self.canvas.viewport,
                language=i18n.current_language(),
                **options.export_arguments(),
            )
        except (OSError, ValueError) as exc:
            self.message_bar.show_message(
                self.tr("Could not export {path}: {problem}").format(path=path, problem=exc),
                "error",
            )
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.statusBar().showMessage(self.tr("Exported {path}").format(path=path), 8000)

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
        return [self.layers_dock, self.facts_dock, self.district_dock, self.table_dock]

    def save_session(self) -> None:
        self.projects.save_session()

    # --- misc ---------------------------------------------------------------------------

    def _open_filter(self) -> str:
        return self.tr("GIS files ({patterns});;All files (*)").format(patterns=OPEN_PATTERNS)

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
