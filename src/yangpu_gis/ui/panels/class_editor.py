"""How a layer coloured by a field is classified: categories (one colour per value) or
graduated classes of a numeric field (a scheme, a number of classes and a colour ramp).
Below them the classes with their colours (ui.panels.class_colours): a click on one
changes its colour, as a double-click on it in the layers tree's legend does."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from yangpu_gis.model.classify import (
    EQUAL_INTERVAL,
    MAX_CLASSES,
    MIN_CLASSES,
    NATURAL_BREAKS,
    QUANTILES,
)
from yangpu_gis.model.colours import RAMPS, ramp_colours
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.style import CATEGORISED, GRADUATED, Graduated, Style
from yangpu_gis.ui.panels.class_colours import ClassColours

CONTEXT = "ClassEditor"
MODES = (
    (CATEGORISED, QT_TRANSLATE_NOOP("ClassEditor", "Categories (one colour per value)")),
    (GRADUATED, QT_TRANSLATE_NOOP("ClassEditor", "Graduated (classes of a number)")),
)
SCHEMES = (
    (QUANTILES, QT_TRANSLATE_NOOP("ClassEditor", "Quantiles (equal count)")),
    (EQUAL_INTERVAL, QT_TRANSLATE_NOOP("ClassEditor", "Equal interval")),
    (NATURAL_BREAKS, QT_TRANSLATE_NOOP("ClassEditor", "Natural breaks (Jenks)")),
)
RAMP_NAMES = {
    "YlOrRd": QT_TRANSLATE_NOOP("ClassEditor", "Yellow to red"),
    "Blues": QT_TRANSLATE_NOOP("ClassEditor", "Blues"),
    "Greens": QT_TRANSLATE_NOOP("ClassEditor", "Greens"),
    "Purples": QT_TRANSLATE_NOOP("ClassEditor", "Purples"),
    "YlGnBu": QT_TRANSLATE_NOOP("ClassEditor", "Yellow to blue"),
}
DEFAULT_CLASSES = 5


def ramp_icon(ramp: str, width: int = 48, height: int = 12) -> QIcon:
    pixmap = QPixmap(width, height)
    painter = QPainter(pixmap)
    colours = ramp_colours(ramp, 7)
    step = width / len(colours)
    for i, colour in enumerate(colours):
        painter.fillRect(round(i * step), 0, round(step) + 1, height, QColor(colour))
    painter.end()
    return QIcon(pixmap)


class ClassEditor(QWidget):
    """Shows how the current style classifies; says when the planner asks for other classes."""

    # the mode, scheme, classes or ramp chosen: the owner recomputes the classes
    classes_wanted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layer: Layer | None = None
        self._loading = False
        self.mode_combo = QComboBox()
        for mode, text in MODES:
            self.mode_combo.addItem(QCoreApplication.translate(CONTEXT, str(text)), mode)
        self.scheme_combo = QComboBox()
        for scheme, text in SCHEMES:
            self.scheme_combo.addItem(QCoreApplication.translate(CONTEXT, str(text)), scheme)
        self.classes_spin = QSpinBox()
        self.classes_spin.setRange(MIN_CLASSES, MAX_CLASSES)
        self.classes_spin.setValue(DEFAULT_CLASSES)
        self.classes_spin.setKeyboardTracking(False)
        self.ramp_combo = QComboBox()
        for ramp in RAMPS:
            name = QCoreApplication.translate(CONTEXT, str(RAMP_NAMES[ramp]))
            self.ramp_combo.addItem(ramp_icon(ramp), name, ramp)
        self.colours = ClassColours()
        self.hint = QLabel(self.tr("Click a class to change its colour."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666666;")

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("Classify as"), self.mode_combo)
        form.addRow(self.tr("Scheme"), self.scheme_combo)
        form.addRow(self.tr("Classes"), self.classes_spin)
        form.addRow(self.tr("Colour ramp"), self.ramp_combo)
        self._form = form
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        column.addWidget(self.hint)
        column.addWidget(self.colours)

        self.mode_combo.activated.connect(self._wanted)
        self.scheme_combo.activated.connect(self._wanted)
        self.ramp_combo.activated.connect(self._wanted)
        self.classes_spin.valueChanged.connect(self._wanted)

    # --- what is chosen -----------------------------------------------------------------

    @property
    def mode(self) -> str:
        return self.mode_combo.currentData()

    @property
    def scheme(self) -> str:
        return self.scheme_combo.currentData()

    @property
    def ramp(self) -> str:
        return self.ramp_combo.currentData()

    @property
    def k(self) -> int:
        return self.classes_spin.value()

    def set_numeric(self, numeric: bool) -> None:
        """Graduated classes are offered for a numeric field only."""
        item = self.mode_combo.model().item(1)  # type: ignore[attr-defined]
        item.setEnabled(numeric)

    # --- showing a style ----------------------------------------------------------------

    def show_style(self, layer: Layer | None) -> None:
        self.layer = layer
        style = layer.style if layer is not None else None
        self._loading = True
        try:
            graduated = style is not None and style.graduated is not None
            self.setVisible(style is not None and style.colour_field is not None)
            self.mode_combo.setCurrentIndex(1 if graduated else 0)
            for widget in (self.scheme_combo, self.classes_spin, self.ramp_combo):
                widget.setVisible(graduated)
                label = self._form.labelForField(widget)
                if label is not None:
                    label.setVisible(graduated)
            if style is not None and style.graduated is not None:
                chosen = style.graduated
                self.scheme_combo.setCurrentIndex(self.scheme_combo.findData(chosen.scheme))
                self.ramp_combo.setCurrentIndex(self.ramp_combo.findData(chosen.ramp))
                self.classes_spin.setValue(chosen.k)
            self.colours.show_layer(layer)
        finally:
            self._loading = False

    # --- changes ------------------------------------------------------------------------

    def _wanted(self, *_args) -> None:
        if not self._loading:
            self.classes_wanted.emit()


def class_colour(style: Style, index: int) -> str | None:
    """The colour of a style's index-th category or class (as the legend lists them)."""
    if style.graduated is not None:
        colours = style.graduated.colours
        return colours[index] if 0 <= index < len(colours) else None
    return style.categories[index][1] if 0 <= index < len(style.categories) else None


def with_class_colour(style: Style, index: int, colour: str) -> Style:
    """The style with one category's or class's colour changed."""
    if style.graduated is not None:
        g = style.graduated
        colours = tuple(colour if i == index else c for i, c in enumerate(g.colours))
        return style.with_(graduated=Graduated(g.field, g.edges, colours, g.scheme, g.ramp))
    pairs = tuple(
        (value, colour if i == index else old) for i, (value, old) in enumerate(style.categories)
    )
    return style.with_(categories=pairs)
