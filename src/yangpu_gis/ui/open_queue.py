"""Files waiting to be opened: one at a time through the reader, with progress and cancel.

File ▸ Open, a drop and `yangpu-gis open FILE` queue paths here; each goes to the
`FileLoader` (`ui/file_loader.py`) in turn, its layers are added to the project (each one
undoable), a file with no coordinate system asks for one, and errors gather in the
window's message bar.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog

from yangpu_gis.model.file_formats import REGISTRY, SUPPORTED_SUFFIXES
from yangpu_gis.model.new_layer_look import give_new_looks
from yangpu_gis.ui import crs_dialog
from yangpu_gis.ui.model_messages import joined, message_text

# Every format the readers know (model.file_formats.REGISTRY), so none is hidden.
OPEN_PATTERNS = " ".join(f"*{suffix}" for suffix in SUPPORTED_SUFFIXES)


def format_filters() -> list[str]:
    """One filter per registered format, named in the interface language
    ("GeoJSON (*.geojson *.json)"), as QGIS's Open dialog lists its drivers."""
    return [
        f"{QCoreApplication.translate('FileFormats', fmt.label)} ({fmt.patterns})"
        for fmt in REGISTRY
    ]


class OpenQueue(QObject):
    """The paths still to open, in order, each with the coordinate system declared for it."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.pending: list[tuple[str, str | None]] = []
        loader = window.loader
        loader.progress.connect(self._show_progress)
        loader.loaded.connect(self._add_loaded_layers)
        loader.failed.connect(self._failed)
        loader.cancelled.connect(self._cancelled)
        window.cancel_load_button.clicked.connect(loader.cancel)

    def open_filter(self) -> str:
        """Every readable file first, then each format on its own, then any file."""
        every = self.tr("GIS files ({patterns})").format(patterns=OPEN_PATTERNS)
        return ";;".join([every, *format_filters(), self.tr("All files (*)")])

    def ask(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, self.tr("Open data"), self.window._last_dir(), self.open_filter()
        )
        self.add(paths)

    def add(self, paths, declared_crs: str | None = None) -> None:
        if not self.window.loader.busy and not self.pending:
            self.window.message_bar.begin_batch()
        self.pending.extend((str(p), declared_crs) for p in paths)
        self._load_next()

    def _load_next(self) -> None:
        window = self.window
        if window.loader.busy or not self.pending:
            if not self.pending and not window.loader.busy:
                window.progress.hide()
                window.cancel_load_button.hide()
            return
        path, declared_crs = self.pending.pop(0)
        window._remember_dir(path)
        window.progress.setValue(0)
        window.progress.setFormat(f"{Path(path).name} %p%")
        window.progress.show()
        window.cancel_load_button.show()
        window.loader.load(path, declared_crs)

    def _show_progress(self, fraction: float, message: str) -> None:
        self.window.progress.setValue(int(fraction * 1000))
        self.window.progress.setToolTip(message)

    def _add_loaded_layers(self, path: str, prepared: list) -> None:
        window = self.window
        loaded_layers = [loaded for loaded, _ in prepared]
        # Each file's layers a colour of their own and a label field (model.new_layer_look).
        give_new_looks([layer for _, layer in prepared], window.project.layers)
        added = [window.layer_edits.add(layer) for _, layer in prepared]  # each undoable
        if added:
            window.projects.recent_files.add(path)
        warnings = [message_text(w) for loaded in loaded_layers for w in loaded.warnings]
        names = ", ".join(layer.title for layer in added)
        text = self.tr("Opened {names}").format(names=names)
        if warnings:
            window.message_bar.show_message(
                self.tr("Opened {names}. Note: {warnings}").format(
                    names=names, warnings=joined(warnings)
                ),
                "warning",
            )
        else:
            window.statusBar().showMessage(text, 6000)
        if added and len(added) == len(loaded_layers) and self.pending == []:
            window.canvas.zoom_to_layer(added[-1].id)
        self._load_next()

    def _failed(self, path: str, message: str, crs_question: str) -> None:
        if crs_question:
            choice = crs_dialog.ask_crs(self.window, message, Path(path).name, crs_question)
            if choice:
                self.pending.insert(0, (path, choice))
                self._load_next()
                return
        self.window.message_bar.add_error(message)
        self._load_next()

    def _cancelled(self, path: str) -> None:
        self.window.statusBar().showMessage(
            self.tr("Opening {file} was cancelled").format(file=Path(path).name), 6000
        )
        self._load_next()
