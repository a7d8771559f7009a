"""File ▸ Export: the HTML map, the PNG/PDF image and the review notes, asked for and written.

Each asks where to save (`ui/save_dialog.py`, which never offers an input as the output),
writes through the headless exporters (`export/`) and reports in the status bar, or in
the message bar when writing failed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication

from yangpu_gis.ui import i18n
from yangpu_gis.ui.model_messages import message_text, os_problem


class ExportActions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window

    def export_notes(self) -> None:
        from yangpu_gis.model.outputs import NOTES_CSV, NOTES_GEOJSON
        from yangpu_gis.ui.save_dialog import ask_save_path

        window = self.window
        chosen = ask_save_path(
            window,
            self.tr("Export review notes"),
            window._last_dir(),
            [
                (self.tr("GeoJSON (*.geojson)"), NOTES_GEOJSON),
                (self.tr("CSV for Excel (*.csv)"), NOTES_CSV),
            ],
        )
        if chosen:
            written = window.notes.export(str(chosen[0]))
            if written is not None:
                count, target = written
                window.statusBar().showMessage(
                    self.tr("Exported %n review note(s) to {path}", "", count).format(path=target),
                    8000,
                )

    def export_html(self) -> None:
        from yangpu_gis.model.outputs import HTML_MAP
        from yangpu_gis.ui.save_dialog import ask_save_path

        window = self.window
        chosen = ask_save_path(
            window,
            self.tr("Export HTML map"),
            window._last_dir(),
            [(self.tr("HTML map (*.html)"), HTML_MAP)],
        )
        if chosen is None:
            return
        path = chosen[0]
        from yangpu_gis.export.html import export_html

        try:
            report = export_html(
                window.project.layers,
                path,
                view_bounds_wgs84=window.canvas.viewport.extent_wgs84,
                language=i18n.current_language(),
            )
        except OSError as exc:
            window.message_bar.show_message(
                self.tr("Could not write {path}: {problem}").format(
                    path=path, problem=os_problem(exc)
                ),
                "error",
            )
            return
        window.statusBar().showMessage(self.tr("Exported {path}").format(path=report.path), 8000)

    def export_image(self) -> None:
        from yangpu_gis.model.outputs import PDF_PAGE, PNG_IMAGE
        from yangpu_gis.ui.export_image_dialog import ask_image_options
        from yangpu_gis.ui.save_dialog import ask_save_path

        window = self.window
        chosen = ask_save_path(
            window,
            self.tr("Export image"),
            window._last_dir(),
            [
                (self.tr("PNG image (*.png)"), PNG_IMAGE),
                (self.tr("PDF document (*.pdf)"), PDF_PAGE),
            ],
        )
        if chosen is None:
            return
        path = str(chosen[0])
        options = ask_image_options(window, path)
        if options is None:
            return
        from yangpu_gis.export.image import export_image

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            export_image(
                window.project.layers,
                path,
                viewport=window.canvas.viewport,
                language=i18n.current_language(),
                **options.export_arguments(),
            )
        except (OSError, ValueError) as exc:
            window.message_bar.show_message(
                self.tr("Could not export {path}: {problem}").format(
                    path=path, problem=message_text(exc)
                ),
                "error",
            )
            return
        finally:
            QApplication.restoreOverrideCursor()
        window.statusBar().showMessage(self.tr("Exported {path}").format(path=path), 8000)
