"""A layer's categories or graduated classes, each with its colour: what the layers tree
shows as the layer's legend, and the style editor's list where one click on an entry
changes its colour."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QColorDialog, QListWidget, QListWidgetItem

from yangpu_gis.model.layer import Layer
from yangpu_gis.model.terms import category_text
from yangpu_gis.ui.i18n import current_language
from yangpu_gis.ui.panels.legend_swatch import category_icon

VISIBLE_ROWS = 8  # the list scrolls beyond this many classes


def legend_entries(layer: Layer) -> list[tuple[str, str, str]]:
    """(text, colour, tooltip) per category or class, in the legend's order."""
    style = layer.style
    if style.graduated is not None:
        classes = style.graduated
        return [
            (text, colour, f"{classes.field}: {text}")
            for text, colour in zip(classes.labels(), classes.colours, strict=True)
        ]
    if style.category_field is None:
        return []
    entries = []
    for value, colour in style.categories:
        shown = category_text(value, current_language()) if value != "" else None
        text = shown or QCoreApplication.translate("ClassColours", "(empty)")
        entries.append((text, colour, f"{style.category_field} = {shown or value}"))
    return entries


class ClassColours(QListWidget):
    """The classes of the layer's style; clicking one asks for its new colour."""

    colour_chosen = Signal(int, str)  # the class's index in the legend, its new colour

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(self.tr("Class colours"))
        self.setToolTip(self.tr("Click a class to change its colour"))
        self.itemClicked.connect(self._clicked)
        self.colours: list[str] = []

    def show_layer(self, layer: Layer | None) -> None:
        entries = legend_entries(layer) if layer is not None else []
        self.colours = [colour for _, colour, _ in entries]
        # The same classes are updated in place: a click's own item stays alive while
        # the colour it chose comes back through the project.
        if self.count() != len(entries):
            self.clear()
            self.addItems([text for text, _, _ in entries])
        for row, (text, colour, tip) in enumerate(entries):
            item = self.item(row)
            item.setText(text)
            item.setIcon(category_icon(layer, colour))  # type: ignore[arg-type]
            item.setToolTip(tip)
        rows = min(max(len(entries), 1), VISIBLE_ROWS)
        self.setFixedHeight(rows * max(self.sizeHintForRow(0), 18) + 2 * self.frameWidth() + 2)
        self.setVisible(bool(entries))

    def _clicked(self, item: QListWidgetItem) -> None:
        index = self.row(item)
        if not 0 <= index < len(self.colours):
            return
        chosen = QColorDialog.getColor(
            QColor(self.colours[index]),
            self,
            self.tr("Colour of “{name}”").format(name=item.text()),
        )
        if chosen.isValid():
            self.colour_chosen.emit(index, chosen.name())
