"""The Basemap menu: none, a file or tile folder, a recent source, OpenStreetMap, a custom
XYZ/WMTS URL (WGS84 or GCJ-02), and the basemap's opacity.

The chosen basemap is a layer of the project (kind basemap, at the bottom), so it is saved
with the session and project files and listed in the layers panel like any other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSlider,
    QWidget,
    QWidgetAction,
)

from yangpu_gis.model.basemap.layer import basemap_layer, is_basemap, spec_of
from yangpu_gis.model.basemap.readers import open_reader
from yangpu_gis.model.basemap.spec import BasemapError, BasemapSpec, parse_spec
from yangpu_gis.ui.model_messages import message_text

if TYPE_CHECKING:
    from yangpu_gis.ui.basemap_watcher import BasemapWatcher

RECENT_KEY = "basemap/recent"
RECENT_LIMIT = 8


class BasemapUrlDialog(QDialog):
    """A tile URL with {z}/{x}/{y} (or a WMTS GetTile URL) and the datum of its tiles."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Online basemap"))
        form = QFormLayout(self)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://…/{z}/{x}/{y}.png")
        self.url_edit.setMinimumWidth(460)
        form.addRow(self.tr("Tile URL:"), self.url_edit)
        self.datum_box = QComboBox()
        self.datum_box.addItem(self.tr("WGS84 (OpenStreetMap, Tianditu…)"), "wgs84")
        self.datum_box.addItem(self.tr("GCJ-02 (Amap/Gaode, Tencent)"), "gcj02")
        form.addRow(self.tr("Tiles drawn in:"), self.datum_box)
        note = QLabel(
            self.tr(
                "Tiles are fetched from the internet while this basemap is on. "
                "WMTS: paste a KVP GetTile URL (with your key); the tile matrix, row "
                "and column are filled in."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b22222")
        self.error_label.setWordWrap(True)
        form.addRow(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.spec: BasemapSpec | None = None

    def accept(self) -> None:
        try:
            self.spec = parse_spec(self.url_edit.text(), self.datum_box.currentData())
        except BasemapError as exc:
            self.error_label.setText(message_text(exc))
            return
        super().accept()


class BasemapController(QObject):
    """Puts the planner's choice of basemap into the project; builds the menu."""

    problem = Signal(str)
    menu: QMenu  # set by install_basemaps
    watcher: BasemapWatcher

    def __init__(self, project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.window = parent

    # --- the project's basemap ----------------------------------------------------------

    def current(self):
        return next((layer for layer in self.project.layers if is_basemap(layer)), None)

    def set_basemap(self, spec: BasemapSpec | None) -> bool:
        """Show spec under the map (None: no basemap); False with a message if unusable."""
        if spec is not None and not spec.online:
            try:
                open_reader(spec).close()
            except BasemapError as exc:
                reason = message_text(exc)
                self.problem.emit(
                    self.tr("Cannot use this basemap: {reason}").format(reason=reason)
                )
                return False
        old = self.current()
        opacity = old.opacity if old is not None else 1.0
        if old is not None:
            self.project.remove_layer(old.id)
        if spec is not None:
            self.project.add_layer(basemap_layer(spec, opacity=opacity), 0)
            self._remember(spec)
        return True

    def set_opacity(self, opacity: float) -> None:
        layer = self.current()
        if layer is not None:
            self.project.update_layer(layer.id, opacity=max(0.0, min(1.0, opacity)))

    # --- recent sources ------------------------------------------------------------------

    def recent(self) -> list[BasemapSpec]:
        values: Any = QSettings().value(RECENT_KEY, []) or []
        if isinstance(values, str):
            values = [values]
        specs = []
        for value in values:
            source, _, datum = str(value).rpartition("|")
            try:
                specs.append(BasemapSpec(source, datum or "wgs84"))
            except BasemapError:
                continue
        return specs

    def _remember(self, spec: BasemapSpec) -> None:
        saved = spec.to_dict()
        entry = f"{saved['source']}|{spec.datum}"
        values = [entry] + [
            f"{s.to_dict()['source']}|{s.datum}"
            for s in self.recent()
            if f"{s.to_dict()['source']}|{s.datum}" != entry
        ]
        QSettings().setValue(RECENT_KEY, values[:RECENT_LIMIT])

    # --- the menu -------------------------------------------------------------------------

    def build_menu(self, menu: QMenu) -> None:
        self.recent_menu = QMenu(self.tr("&Recent"), menu)
        self.recent_menu.setObjectName("basemap_recent")
        menu.aboutToShow.connect(lambda: self._fill(menu))
        self._fill(menu)

    def _fill(self, menu: QMenu) -> None:
        menu.clear()
        current = self.current()
        spec = spec_of(current) if current is not None else None
        group = QActionGroup(menu)
        none = self._choice(
            menu, group, self.tr("&None"), spec is None, lambda: self.set_basemap(None)
        )
        none.setObjectName("basemap_none")
        osm = self._choice(
            menu,
            group,
            self.tr("&OpenStreetMap (online)"),
            spec is not None and spec.kind == "osm",
            lambda: self.set_basemap(BasemapSpec("osm")),
        )
        osm.setObjectName("basemap_osm")
        menu.addSeparator()
        menu.addAction(
            self.tr("Open basemap &file (MBTiles, PMTiles, GeoPackage)…"), self.open_file_dialog
        )
        menu.addAction(self.tr("Open tile &folder ({z}/{x}/{y})…"), self.open_folder_dialog)
        menu.addAction(self.tr("Online &tile URL (XYZ, WMTS)…"), self.open_url_dialog)
        recent = self.recent_menu
        recent.clear()
        menu.addMenu(recent)  # one submenu, refilled: a new one each time would pile up
        for entry in self.recent():
            label = (
                f"{entry.display_name} ({entry.datum})"
                if entry.datum != "wgs84"
                else entry.display_name
            )
            action = recent.addAction(label)
            action.triggered.connect(lambda _checked=False, e=entry: self.set_basemap(e))
            action.setToolTip(entry.source)
        recent.setEnabled(bool(recent.actions()))
        menu.addSeparator()
        slider_action = QWidgetAction(menu)
        slider_action.setDefaultWidget(self._opacity_row(current))
        menu.addAction(slider_action)

    def _choice(self, menu, group, text, checked, slot) -> QAction:
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setChecked(checked)
        group.addAction(action)
        action.triggered.connect(slot)
        return action

    def _opacity_row(self, current) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(24, 2, 8, 2)
        layout.addWidget(QLabel(self.tr("Opacity")))
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setObjectName("basemap_opacity")
        slider.setRange(0, 100)
        slider.setValue(round((current.opacity if current is not None else 1.0) * 100))
        slider.setEnabled(current is not None)
        slider.valueChanged.connect(lambda value: self.set_opacity(value / 100))
        layout.addWidget(slider)
        return row

    # --- dialogs ----------------------------------------------------------------------------

    def open_file_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open basemap"),
            "",
            self.tr("Tile files (*.mbtiles *.pmtiles *.gpkg);;All files (*)"),
        )
        if path:
            self.set_basemap(BasemapSpec(path))

    def open_folder_dialog(self) -> None:
        path = QFileDialog.getExistingDirectory(self.window, self.tr("Open tile folder"))
        if path:
            self.set_basemap(BasemapSpec(path))

    def open_url_dialog(self) -> None:
        dialog = BasemapUrlDialog(self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.spec is not None:
            self.set_basemap(dialog.spec)


def install_basemaps(window) -> BasemapController:
    """Add the Basemap menu (before Language) and the tile watcher to a main window."""
    from yangpu_gis.ui.basemap_watcher import BasemapWatcher

    controller = BasemapController(window.project, window)
    menu = QMenu(QCoreApplication.translate("BasemapController", "&Basemap"), window)
    menu.setObjectName("basemap_menu")
    bar = window.menuBar()
    before = getattr(window, "language_menu", None)
    if before is not None:
        bar.insertMenu(before.menuAction(), menu)
    else:
        bar.addMenu(menu)
    controller.build_menu(menu)
    controller.menu = menu
    controller.watcher = BasemapWatcher(window.project, window.canvas, controller)

    def say(text: str) -> None:
        window.message_bar.show_message(
            QCoreApplication.translate(
                "BasemapController", "Basemap tiles are missing: {problem}"
            ).format(problem=text),
            "warning",
        )

    controller.problem.connect(lambda text: window.message_bar.show_message(text, "error"))
    controller.watcher.problem.connect(say)

    def slow(count: int, waited: float) -> None:
        window.message_bar.show_message(
            QCoreApplication.translate(
                "BasemapController",
                "The basemap's server is slow: {count} tiles still loading after {seconds} s",
            ).format(count=count, seconds=round(waited)),
            "info",
            seconds=3,
        )

    controller.watcher.slow.connect(slow)
    return controller
