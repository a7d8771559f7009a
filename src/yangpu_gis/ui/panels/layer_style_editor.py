"""Edit one layer's look: opacity, fill, outline, and colouring by a field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from yangpu_gis.model.categories import category_codes
from yangpu_gis.model.classify import is_numeric
from yangpu_gis.model.layer import Layer, LayerKind
from yangpu_gis.model.project import Project
from yangpu_gis.model.style import GRADUATED, SINGLE, Style, categorised, graduated
from yangpu_gis.model.terms import display_title
from yangpu_gis.model.translatable import QT_TRANSLATE_NOOP
from yangpu_gis.ui.i18n import current_language
from yangpu_gis.ui.layer_edits import LayerEdits
from yangpu_gis.ui.panels.class_editor import ClassEditor, with_class_colour
from yangpu_gis.ui.panels.legend_swatch import swatch_pixmap

SINGLE_COLOUR = QT_TRANSLATE_NOOP("LayerStyleEditor", "Single colour")
NO_LABEL = QT_TRANSLATE_NOOP("LayerStyleEditor", "No label")
MAX_CATEGORIES = 40


class ColourButton(QPushButton):
    """Shows a colour as a swatch and its hex code; clicking asks for a new one."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.colour: str | None = None
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("text-align: left; padding: 3px 8px;")

    def show_colour(self, colour: str | None) -> None:
        self.colour = colour
        swatch = Style(fill=colour, fill_opacity=1.0, stroke="#808080", stroke_width=1.0)
        self.setIcon(swatch_pixmap(swatch, "Polygon"))
        self.setText(colour.upper() if colour else self.tr("None"))

    def ask(self) -> str | None:
        """A colour the user picked, or None if they cancelled."""
        initial = QColor(self.colour) if self.colour else QColor("#ffffff")
        chosen = QColorDialog.getColor(initial, self, self.title)
        return chosen.name() if chosen.isValid() else None


def _percent_slider() -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, 100)
    slider.setSingleStep(5)
    slider.setPageStep(10)
    return slider


class LayerStyleEditor(QWidget):
    def __init__(
        self, project: Project, parent: QWidget | None = None, edits: LayerEdits | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.edits = edits if edits is not None else LayerEdits(project, parent=self)
        self.layer: Layer | None = None
        self._loading = False

        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 600;")
        self.opacity_slider = _percent_slider()
        self.opacity_label = QLabel()
        self.fill_button = ColourButton(self.tr("Fill colour"))
        self.fill_opacity_slider = _percent_slider()
        self.fill_opacity_label = QLabel()
        self.stroke_button = ColourButton(self.tr("Outline colour"))
        self.stroke_width_spin = QDoubleSpinBox()
        self.stroke_width_spin.setRange(0.0, 20.0)
        self.stroke_width_spin.setSingleStep(0.5)
        self.stroke_width_spin.setDecimals(1)
        self.stroke_width_spin.setSuffix(self.tr(" px"))
        self.stroke_width_spin.setKeyboardTracking(False)
        self.category_combo = QComboBox()
        self.category_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.category_combo.setMinimumContentsLength(10)
        self.label_combo = QComboBox()
        self.label_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.label_combo.setMinimumContentsLength(10)
        self.classes = ClassEditor()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a15c00;")
        self.message.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Opacity"), _with_value(self.opacity_slider, self.opacity_label))
        form.addRow(self.tr("Fill"), self.fill_button)
        form.addRow(
            self.tr("Fill opacity"), _with_value(self.fill_opacity_slider, self.fill_opacity_label)
        )
        form.addRow(self.tr("Outline"), self.stroke_button)
        form.addRow(self.tr("Outline width"), self.stroke_width_spin)
        form.addRow(self.tr("Label"), self.label_combo)
        form.addRow(self.tr("Colour by"), self.category_combo)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addLayout(form)
        column.addWidget(self.classes)
        column.addWidget(self.message)

        self.opacity_slider.valueChanged.connect(self._opacity_changed)
        self.fill_opacity_slider.valueChanged.connect(self._fill_opacity_changed)
        self.fill_button.clicked.connect(self._pick_fill)
        self.stroke_button.clicked.connect(self._pick_stroke)
        self.stroke_width_spin.valueChanged.connect(self._stroke_width_changed)
        self.category_combo.activated.connect(self._category_field_chosen)
        self.label_combo.activated.connect(self._label_field_chosen)
        self.classes.classes_wanted.connect(self._classes_wanted)
        self.classes.colours.colour_chosen.connect(self._class_colour_chosen)
        self.set_layer(None)

    # --- showing a layer ----------------------------------------------------------------

    def set_layer(self, layer: Layer | None) -> None:
        changed = layer is not self.layer
        self.layer = layer
        self.setEnabled(layer is not None)
        if changed:
            self.message.hide()
            self._fill_field_choices()
        self.refresh()

    def refresh(self) -> None:
        """Show the current layer's values without writing them back."""
        layer = self.layer
        self._loading = True
        try:
            if layer is None:
                self.heading.setText(self.tr("Select a layer to edit its style"))
                self.classes.show_style(None)
                return
            style = layer.style
            self.heading.setText(display_title(layer, current_language()))
            # Only what differs is set, so a value being typed is not rewritten under the user.
            _set_if_different(self.opacity_slider, round(layer.opacity * 100))
            self.opacity_label.setText(f"{round(layer.opacity * 100)}%")
            self.fill_button.show_colour(style.fill)
            _set_if_different(self.fill_opacity_slider, round(style.fill_opacity * 100))
            self.fill_opacity_label.setText(f"{round(style.fill_opacity * 100)}%")
            self.stroke_button.show_colour(style.stroke)
            _set_if_different(self.stroke_width_spin, style.stroke_width)
            has_area = layer.geometry_type != "LineString"
            self.fill_button.setEnabled(has_area)
            self.fill_opacity_slider.setEnabled(has_area)
            field = style.colour_field
            index = self.category_combo.findText(field) if field else 0
            self.category_combo.setCurrentIndex(max(0, index))
            label = style.label_field
            self.label_combo.setCurrentIndex(
                max(0, self.label_combo.findText(label) if label else 0)
            )
            self.classes.show_style(layer)
            if field is not None and field in layer.column_names:
                self.classes.set_numeric(is_numeric(layer.column(field)))
            self.fill_button.setToolTip(
                self.tr("One colour for the whole layer")
                if style.renderer == SINGLE
                else self.tr(
                    "Choosing a fill colours the whole layer with it, in place of its classes"
                )
            )
            # A basemap is tiles: only its opacity is the planner's to set here.
            tiles = layer.kind == LayerKind.BASEMAP
            for widget in (
                self.fill_button,
                self.fill_opacity_slider,
                self.stroke_button,
                self.stroke_width_spin,
                self.category_combo,
                self.label_combo,
            ):
                widget.setEnabled(not tiles and (widget is not self.fill_button or has_area))
        finally:
            self._loading = False

    def _fill_field_choices(self) -> None:
        self.category_combo.clear()
        self.category_combo.addItem(self.tr(SINGLE_COLOUR))
        self.label_combo.clear()
        self.label_combo.addItem(self.tr(NO_LABEL))
        if self.layer is not None and self.layer.kind != LayerKind.BASEMAP:
            for column in self.layer.column_names:
                self.category_combo.addItem(str(column))
                self.label_combo.addItem(str(column))

    # --- writing changes ----------------------------------------------------------------

    def _set_style(self, merge_key: str | None = None, **changes) -> None:
        # merge_key: steps of one slider or spin box in a row undo as one change
        if self.layer is not None and not self._loading:
            self.edits.set_style(self.layer.id, self.layer.style.with_(**changes), merge_key)

    def _opacity_changed(self, value: int) -> None:
        self.opacity_label.setText(f"{value}%")
        if self.layer is not None and not self._loading:
            self.edits.set_opacity(self.layer.id, value / 100)

    def _fill_opacity_changed(self, value: int) -> None:
        self.fill_opacity_label.setText(f"{value}%")
        self._set_style("fill_opacity", fill_opacity=value / 100)

    def _stroke_width_changed(self, value: float) -> None:
        self._set_style("stroke_width", stroke_width=value)

    def _pick_fill(self) -> None:
        colour = self.fill_button.ask()
        if colour is None or self.layer is None:
            return
        style = self.layer.style
        if style.renderer == SINGLE:
            self._set_style(fill=colour)
            return
        # A fill colours the whole layer: its classes would hide it everywhere.
        self._set_style(fill=colour, category_field=None, categories=(), graduated=None)
        self.message.setText(
            self.tr(
                "The whole layer is now {colour}; its colours by “{field}” were set aside "
                "(Edit ▸ Undo brings them back)."
            ).format(colour=colour.upper(), field=style.colour_field)
        )
        self.message.show()

    def _label_field_chosen(self, index: int) -> None:
        field = self.label_combo.itemText(index) if index > 0 else None
        if self.layer is not None and field != self.layer.style.label_field:
            # A chosen label replaces a two-line one (the embedded names' Chinese line).
            self._set_style(label_field=field, sublabel_field=None)

    def _pick_stroke(self) -> None:
        colour = self.stroke_button.ask()
        if colour is not None:
            self._set_style(stroke=colour)

    def _category_field_chosen(self, index: int) -> None:
        if self.layer is None:
            return
        self.message.hide()
        style = self.layer.style
        if index <= 0:
            self.edits.set_style(
                self.layer.id, style.with_(category_field=None, categories=(), graduated=None)
            )
            return
        field = self.category_combo.itemText(index)
        values = self.layer.column(field)
        numeric = is_numeric(values)
        self.classes.set_numeric(numeric)
        distinct = len(category_codes(values)[1])
        if numeric and (distinct > MAX_CATEGORIES or self.classes.mode == GRADUATED):
            self._make_graduated(field)
            return
        self._make_categorised(field, distinct)

    def _class_colour_chosen(self, index: int, colour: str) -> None:
        if self.layer is not None:
            self.edits.set_style(self.layer.id, with_class_colour(self.layer.style, index, colour))

    def _classes_wanted(self) -> None:
        layer = self.layer
        field = layer.style.colour_field if layer is not None else None
        if layer is None or field is None:
            return
        self.message.hide()
        if self.classes.mode == GRADUATED:
            self._make_graduated(field)
        else:
            self._make_categorised(field, len(category_codes(layer.column(field))[1]))

    def _make_graduated(self, field: str) -> None:
        assert self.layer is not None
        values = self.layer.column(field)
        c = self.classes
        try:
            style = graduated(self.layer.style, field, values, c.scheme, c.k, c.ramp)
        except ValueError:  # no numbers in it at all
            self.message.setText(
                self.tr("“{field}” has no numbers to classify.").format(field=field)
            )
            self.message.show()
            self.refresh()
            return
        self.edits.set_style(self.layer.id, style)
        if style.graduated is not None and style.graduated.k < c.k:
            self.message.setText(
                self.tr(
                    "“{field}” has too few different values for {asked} classes: {made}."
                ).format(field=field, asked=c.k, made=style.graduated.k)
            )
            self.message.show()

    def _make_categorised(self, field: str, distinct: int) -> None:
        assert self.layer is not None
        if distinct > MAX_CATEGORIES:
            self.message.setText(
                self.tr(
                    "“{field}” has {count} different values; colouring works for up to {most}."
                ).format(field=field, count=f"{distinct:,}", most=MAX_CATEGORIES)
            )
            self.message.show()
            self.refresh()
            return
        plain = [None if _missing(v) else v for v in self.layer.column(field).tolist()]
        self.edits.set_style(self.layer.id, categorised(self.layer.style, field, plain))


def _set_if_different(widget, value) -> None:
    if widget.value() != value:
        widget.setValue(value)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _with_value(slider: QSlider, label: QLabel) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(slider, 1)
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance("100%") + 4)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    row.addWidget(label)
    return box
