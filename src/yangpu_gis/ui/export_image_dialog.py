"""Choosing how an exported map page looks: its title, and for a PDF the paper and its orientation."""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from yangpu_gis.model.page_words import default_title
from yangpu_gis.ui.i18n import current_language

IMAGE_SUFFIXES = (".png", ".pdf")


@dataclass(frozen=True)
class ImageOptions:
    title: str
    paper: str | None = None  # PDF only
    orientation: str = "landscape"

    def export_arguments(self) -> dict:
        """Keyword arguments for export.image.export_image."""
        arguments = {"title": self.title, "orientation": self.orientation}
        if self.paper is not None:
            arguments["paper"] = self.paper
        return arguments


def with_suffix(path: str, selected_filter: str) -> str:
    """The path with the suffix of the chosen file type when the name has neither .png nor
    .pdf; the type is read from the filter's pattern, which is the same in every language."""
    if os.path.splitext(path)[1].lower() in IMAGE_SUFFIXES:
        return path
    return path + (".pdf" if "*.pdf" in selected_filter.lower() else ".png")


class ExportImageDialog(QDialog):
    def __init__(self, is_pdf: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export PDF map") if is_pdf else self.tr("Export PNG map"))
        self.is_pdf = is_pdf
        form = QFormLayout(self)
        self.title_edit = QLineEdit(default_title(current_language()))
        self.title_edit.setMinimumWidth(320)
        form.addRow(self.tr("Title"), self.title_edit)
        self.paper = QComboBox()
        self.paper.addItems(["A4", "A3"])
        self.orientation = QComboBox()
        self.orientation.addItem(self.tr("Landscape"), "landscape")
        self.orientation.addItem(self.tr("Portrait"), "portrait")
        if is_pdf:
            form.addRow(self.tr("Paper"), self.paper)
            form.addRow(self.tr("Orientation"), self.orientation)
        else:
            self.paper.hide()
            self.orientation.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.title_edit.textChanged.connect(
            lambda text: buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
                bool(text.strip())
            )
        )
        form.addRow(buttons)

    def options(self) -> ImageOptions:
        if not self.is_pdf:
            return ImageOptions(self.title_edit.text().strip())
        return ImageOptions(
            self.title_edit.text().strip(), self.paper.currentText(), self.orientation.currentData()
        )


def ask_image_options(parent: QWidget | None, path: str) -> ImageOptions | None:
    """The options for exporting to path, or None if the user cancelled."""
    dialog = ExportImageDialog(path.lower().endswith(".pdf"), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.options()
