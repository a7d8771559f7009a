"""Choosing how an exported map page looks: its title; for a PNG its size in pixels and its
resolution (changing the resolution scales the size, so the picture stays the same, sharper);
for a PDF the paper, its orientation and the resolution of what is drawn as an image."""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from yangpu_gis.export.image import (
    DEFAULT_PNG_SIZE,
    DPI_RANGE,
    LAYOUT_MIN_SIZE,
    PNG_SIDE_RANGE,
    PRINT_DPI,
    SCREEN_DPI,
)
from yangpu_gis.model.page_words import default_title
from yangpu_gis.ui.i18n import current_language

IMAGE_SUFFIXES = (".png", ".pdf")


@dataclass(frozen=True)
class ImageOptions:
    title: str
    paper: str | None = None  # PDF only
    orientation: str = "landscape"
    size: tuple[int, int] | None = None  # PNG only, in pixels
    dpi: int | None = None

    def export_arguments(self) -> dict:
        """Keyword arguments for export.image.export_image."""
        arguments: dict = {"title": self.title, "orientation": self.orientation}
        if self.paper is not None:
            arguments["paper"] = self.paper
        if self.size is not None:
            arguments["size"] = self.size
        if self.dpi is not None:
            arguments["dpi"] = self.dpi
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
        self.width_spin = _spin(*PNG_SIDE_RANGE, DEFAULT_PNG_SIZE[0])
        self.height_spin = _spin(*PNG_SIDE_RANGE, DEFAULT_PNG_SIZE[1])
        self.width_spin.setMinimum(LAYOUT_MIN_SIZE[0])
        self.height_spin.setMinimum(LAYOUT_MIN_SIZE[1])
        self.dpi_spin = _spin(*DPI_RANGE, PRINT_DPI if is_pdf else SCREEN_DPI)
        self.dpi_spin.setSuffix(self.tr(" dpi"))
        self._dpi = self.dpi_spin.value()
        if is_pdf:
            form.addRow(self.tr("Paper"), self.paper)
            form.addRow(self.tr("Orientation"), self.orientation)
            self.dpi_spin.setToolTip(
                self.tr(
                    "Basemap tiles, and a map of more than 50,000 features, are images at this resolution"
                )
            )
            self.width_spin.hide()
            self.height_spin.hide()
        else:
            self.paper.hide()
            self.orientation.hide()
            size_row = QHBoxLayout()
            size_row.addWidget(self.width_spin, 1)
            size_row.addWidget(QLabel("×"))
            size_row.addWidget(self.height_spin, 1)
            size_row.addWidget(QLabel(self.tr("pixels")))
            form.addRow(self.tr("Size"), size_row)
            self.dpi_spin.setToolTip(
                self.tr("Changing the resolution scales the size: the same picture, sharper")
            )
            self.dpi_spin.valueChanged.connect(self._dpi_changed)
        form.addRow(self.tr("Resolution"), self.dpi_spin)
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

    def _dpi_changed(self, dpi: int) -> None:
        factor = dpi / self._dpi
        self._dpi = dpi
        for spin in (self.width_spin, self.height_spin):
            spin.setValue(round(spin.value() * factor))

    def options(self) -> ImageOptions:
        if not self.is_pdf:
            return ImageOptions(
                self.title_edit.text().strip(),
                size=(self.width_spin.value(), self.height_spin.value()),
                dpi=self.dpi_spin.value(),
            )
        return ImageOptions(
            self.title_edit.text().strip(),
            self.paper.currentText(),
            self.orientation.currentData(),
            dpi=self.dpi_spin.value(),
        )


def _spin(lowest: int, highest: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(lowest, highest)
    spin.setValue(value)
    spin.setKeyboardTracking(False)
    return spin


def ask_image_options(parent: QWidget | None, path: str) -> ImageOptions | None:
    """The options for exporting to path, or None if the user cancelled."""
    dialog = ExportImageDialog(path.lower().endswith(".pdf"), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.options()
