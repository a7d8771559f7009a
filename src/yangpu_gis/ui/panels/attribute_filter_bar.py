"""The attribute table's filter: field, operator and value, or an expression typed whole.

`面积 > 5` or `类别 = 更新社区` typed in the box (or a value with the field and operator
picked from the lists) selects the matching features, on the map and in the table. The
words are matched by model.attribute_filter, never evaluated as code.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from yangpu_gis.model import attribute_filter as af
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.project import Project, Selection


class AttributeFilterBar(QWidget):
    applied = Signal(int)  # how many features matched

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.layer: Layer | None = None

        self.field_combo = QComboBox()
        self.field_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.field_combo.setToolTip(self.tr("The field to compare"))
        self.operator_combo = QComboBox()
        for code in af.OPERATORS:
            self.operator_combo.addItem(self.tr("contains") if code == "contains" else code, code)
        self.operator_combo.setToolTip(self.tr("How to compare"))
        self.value_edit = QLineEdit()
        self.value_edit.setObjectName("attribute_filter")
        self.value_edit.setClearButtonEnabled(True)
        self.value_edit.setPlaceholderText(self.tr("Value, or a filter such as area > 5"))
        self.value_edit.setToolTip(
            self.tr(
                "Type a value to compare the chosen field with, or a whole filter:"
                " field, operator (= ≠ < ≤ > ≥ contains), value. Enter selects the matches."
            )
        )
        self.select_button = QToolButton()
        self.select_button.setText(self.tr("Select matches"))
        self.message = QLabel()
        self.message.setObjectName("attribute_filter_message")
        self.message.setWordWrap(True)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Filter")))
        row.addWidget(self.field_combo)
        row.addWidget(self.operator_combo)
        row.addWidget(self.value_edit, 1)
        row.addWidget(self.select_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.message)
        self.message.hide()

        self.value_edit.returnPressed.connect(self.apply)
        self.select_button.clicked.connect(self.apply)

    def set_layer(self, layer: Layer | None) -> None:
        if layer is self.layer:
            return
        self.layer = layer
        self.field_combo.clear()
        if layer is not None:
            for name in layer.column_names:
                self.field_combo.addItem(name, name)
        self.setEnabled(layer is not None)
        self._say("")

    def condition(self) -> af.Condition:
        """What the box and lists say; FilterError when it cannot be read."""
        assert self.layer is not None
        text = self.value_edit.text().strip()
        fields = self.layer.column_names
        try:
            return af.parse(text, fields)
        except af.FilterError as error:
            if error.reason not in ("no_operator", "empty") or self.field_combo.currentIndex() < 0:
                raise
        return af.Condition(self.field_combo.currentData(), self.operator_combo.currentData(), text)

    def apply(self) -> int:
        """Select the matching features; returns how many (-1 when the filter is wrong)."""
        if self.layer is None:
            return -1
        try:
            condition = self.condition()
            rows = af.matching_rows(self.layer, condition)
        except af.FilterError as error:
            self._say(self._problem(error), error=True)
            return -1
        self.project.select(
            Selection(self.layer.id, tuple(int(r) for r in rows)) if len(rows) else None
        )
        self._show_condition(condition)
        self._say(self.tr("%n feature(s) match", "", len(rows)))
        self.applied.emit(len(rows))
        return len(rows)

    def _show_condition(self, condition: af.Condition) -> None:
        index = self.field_combo.findData(condition.field)
        if index >= 0:
            self.field_combo.setCurrentIndex(index)
        self.operator_combo.setCurrentIndex(self.operator_combo.findData(condition.operator))

    def _problem(self, error: af.FilterError) -> str:
        if error.reason == "unknown_field":
            return self.tr("This layer has no field “{field}”").format(field=error.part)
        if error.reason == "not_a_number":
            return self.tr("“{value}” is not a number, and the field holds numbers").format(
                value=error.part
            )
        if error.reason == "empty":
            return self.tr("Type a value or a filter such as area > 5")
        return self.tr("Cannot read the filter “{text}”: use field, operator, value").format(
            text=error.part
        )

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "color: #666666;")
        self.message.setVisible(bool(text))
