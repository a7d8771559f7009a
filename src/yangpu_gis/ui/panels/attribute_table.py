"""The attribute table dock: one layer's features as rows, linked both ways to the selection."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from yangpu_gis.model.layer import Layer
from yangpu_gis.model.project import Project, Selection
from yangpu_gis.model.terms import display_title
from yangpu_gis.ui.fonts import ui_font
from yangpu_gis.ui.i18n import current_language
from yangpu_gis.ui.panels.attribute_filter_bar import AttributeFilterBar
from yangpu_gis.ui.panels.feature_table_model import FeatureSortProxy, FeatureTableModel
from yangpu_gis.ui.panels.model_link import connect_while_alive


class AttributeTable(QWidget):
    zoom_to_selection_requested = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._syncing = False
        self.setFont(ui_font())

        self.layer_combo = QComboBox()
        self.layer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #666666;")
        self.zoom_button = QToolButton()
        self.zoom_button.setText(self.tr("Zoom to selection"))
        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("Clear selection"))

        self.model = FeatureTableModel(self)
        self.proxy = FeatureSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setCornerButtonEnabled(False)
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        columns = self.view.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setHighlightSections(False)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        columns.setStretchLastSection(True)
        columns.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        columns.setSortIndicatorClearable(True)
        self.view.setSortingEnabled(True)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel(self.tr("Layer")))
        bar.addWidget(self.layer_combo)
        bar.addSpacing(8)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(self.clear_button)
        bar.addWidget(self.zoom_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.setSpacing(4)
        column.addLayout(bar)
        self.filter_bar = AttributeFilterBar(project)
        column.addWidget(self.filter_bar)
        column.addWidget(self.view, 1)

        self.layer_combo.activated.connect(lambda i: self.show_layer(self.layer_combo.itemData(i)))
        self.view.selectionModel().selectionChanged.connect(self._view_selection_changed)
        self.view.doubleClicked.connect(lambda _index: self.zoom_to_selection_requested.emit())
        self.zoom_button.clicked.connect(self.zoom_to_selection_requested.emit)
        self.clear_button.clicked.connect(lambda: self.project.select(None))
        self._pending: tuple[str | None] | None = None  # a layer to show once visible
        connect_while_alive(project.layers_changed, self._layers_changed)
        connect_while_alive(project.selection_changed, self._project_selection_changed)
        self._layers_changed()

    # --- public -------------------------------------------------------------------------

    @property
    def layer(self) -> Layer | None:
        self._show_pending()
        return self.model.layer

    def show_layer(self, layer_id: str | None) -> None:
        self._pending = None
        layer = None
        if layer_id is not None:
            try:
                layer = self.project.layer(layer_id)
            except KeyError:
                layer = None
        if layer is not self.model.layer:
            self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            self._syncing = True
            try:
                self.model.set_layer(layer)
            finally:
                self._syncing = False
            self.view.resizeColumnsToContents()
            for section in range(self.model.columnCount()):
                if self.view.columnWidth(section) > 320:
                    self.view.setColumnWidth(section, 320)
        self.filter_bar.set_layer(layer)
        index = self.layer_combo.findData(layer.id if layer else None)
        self.layer_combo.setCurrentIndex(index)
        self._project_selection_changed(self.project.selection)

    def selected_rows(self) -> list[int]:
        """Data rows selected in the table, in layer order."""
        # The proxy neither filters nor reorders, so a block of proxy rows is a block of
        # source rows: map its ends, not every row.
        chunks = []
        selection = self.view.selectionModel().selection()
        for block in (selection.at(i) for i in range(selection.count())):
            top = self.proxy.mapToSource(self.proxy.index(block.top(), 0)).row()
            bottom = self.proxy.mapToSource(self.proxy.index(block.bottom(), 0)).row()
            chunks.append(self.model.order[top : bottom + 1])
        if not chunks:
            return []
        return np.unique(np.concatenate(chunks)).tolist()

    # --- from the project ---------------------------------------------------------------

    def _layers_changed(self) -> None:
        shown = self.model.layer.id if self.model.layer else None
        if self._pending is not None:
            shown = self._pending[0]
        self.layer_combo.clear()
        for layer in reversed(self.project.layers):
            self.layer_combo.addItem(display_title(layer, current_language()), layer.id)
        ids = [layer.id for layer in self.project.layers]
        if shown not in ids:
            shown = self._default_layer_id()
        if self.isVisible():
            self._pending = None
            self.show_layer(shown)
        else:
            # Filling the table builds the layer's attribute frame (pandas): wait until
            # the table is shown or asked for, so a hidden table costs the window nothing.
            self._pending = (shown,)
            self.model.set_layer(None)
            self.filter_bar.set_layer(None)
            self.layer_combo.setCurrentIndex(self.layer_combo.findData(shown))

    def _show_pending(self) -> None:
        if self._pending is not None:
            (layer_id,), self._pending = self._pending, None
            self.show_layer(layer_id)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._show_pending()
        super().showEvent(event)

    def _default_layer_id(self) -> str | None:
        if self.project.selection is not None:
            return self.project.selection.layer_id
        return self.project.layers[-1].id if self.project.layers else None

    def _project_selection_changed(self, selection: Selection | None) -> None:
        self._update_labels(selection)
        if self._syncing:
            return
        self._syncing = True
        try:
            selection_model = self.view.selectionModel()
            layer = self.model.layer
            if selection is None or layer is None or selection.layer_id != layer.id:
                selection_model.clearSelection()
                return
            rows = [r for r in selection.rows if 0 <= r < self.model.rowCount()]
            table_rows = np.sort(
                np.fromiter(
                    (self.model.table_row(r) for r in rows), dtype=np.int64, count=len(rows)
                )
            )
            wanted = QItemSelection()
            last_column = max(0, self.model.columnCount() - 1)
            for start, end in _runs(table_rows):
                top = self.proxy.mapFromSource(self.model.index(start, 0))
                bottom = self.proxy.mapFromSource(self.model.index(end, last_column))
                wanted.select(top, bottom)
            selection_model.select(
                wanted,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            if len(table_rows):
                first = self.proxy.mapFromSource(self.model.index(int(table_rows[0]), 0))
                self.view.scrollTo(first, QAbstractItemView.ScrollHint.PositionAtCenter)
        finally:
            self._syncing = False

    # --- from the user ------------------------------------------------------------------

    def _view_selection_changed(self, *_args) -> None:
        if self._syncing or self.model.layer is None:
            return
        rows = self.selected_rows()
        self._syncing = True
        try:
            self.project.select(Selection(self.model.layer.id, tuple(rows)) if rows else None)
        finally:
            self._syncing = False
        self._update_labels(self.project.selection)

    def _update_labels(self, selection: Selection | None) -> None:
        layer = self.model.layer
        if layer is None:
            self.count_label.setText(self.tr("No layer"))
            self.zoom_button.setEnabled(False)
            self.clear_button.setEnabled(False)
            return
        selected = len(selection.rows) if selection and selection.layer_id == layer.id else 0
        text = self.tr("%Ln feature(s)", "", layer.feature_count)
        if selected:
            text = self.tr("{features} · %Ln selected", "", selected).format(features=text)
        self.count_label.setText(text)
        self.zoom_button.setEnabled(selected > 0)
        self.clear_button.setEnabled(selection is not None)


def _runs(sorted_rows: np.ndarray):
    """(first, last) of each run of consecutive numbers."""
    if len(sorted_rows) == 0:
        return
    breaks = np.flatnonzero(np.diff(sorted_rows) != 1)
    starts = np.r_[0, breaks + 1]
    ends = np.r_[breaks, len(sorted_rows) - 1]
    for s, e in zip(starts, ends, strict=True):
        yield int(sorted_rows[s]), int(sorted_rows[e])
