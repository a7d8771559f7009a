"""The layers dock: layers topmost first, with visibility, legend, order and style."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QMenu,
    QMessageBox,
    QStyle,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yangpu_gis.model.layer import Layer, LayerKind
from yangpu_gis.model.project import Project
from yangpu_gis.model.terms import display_title
from yangpu_gis.ui.i18n import current_language
from yangpu_gis.ui.layer_edits import LayerEdits
from yangpu_gis.ui.panels.class_colours import legend_entries
from yangpu_gis.ui.panels.class_editor import class_colour, with_class_colour
from yangpu_gis.ui.panels.layer_style_editor import LayerStyleEditor
from yangpu_gis.ui.panels.legend_swatch import category_icon, layer_icon
from yangpu_gis.ui.panels.model_link import connect_while_alive
from yangpu_gis.ui.words import geometry_type_text

LAYER_ID = Qt.ItemDataRole.UserRole


class LayerTree(QTreeWidget):
    """Layers as top-level rows (topmost first), categories as their children.

    Dropping never moves items itself: it reports the wanted position, the project
    reorders, and the tree is rebuilt from the project.
    """

    layer_dropped = Signal(str, int)  # layer id, new position counted from the top

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setIndentation(14)
        self.setExpandsOnDoubleClick(False)  # double-click zooms to the layer
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlternatingRowColors(False)
        self.invisibleRootItem().setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled)

    def layer_item(self, layer_id: str) -> QTreeWidgetItem | None:
        for row in range(self.topLevelItemCount()):
            item = self.topLevelItem(row)
            if item is not None and item.data(0, LAYER_ID) == layer_id:
                return item
        return None

    def dropEvent(self, event) -> None:
        dragged = self.currentItem()
        if dragged is None or dragged.parent() is not None:
            event.ignore()
            return
        position = self._drop_position(event.position().toPoint(), dragged)
        # Not a move as far as Qt is concerned, or the view would delete the dragged rows.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        layer_id = dragged.data(0, LAYER_ID)
        QTimer.singleShot(0, lambda: self.layer_dropped.emit(layer_id, position))

    def _drop_position(self, point: QPoint, dragged: QTreeWidgetItem) -> int:
        """Where the dragged layer lands, counted from the top once it is taken out."""
        order = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        target = self.itemAt(point)
        if target is None:
            return len(order) - 1
        parent = target.parent()
        if parent is not None:  # a legend row: its layer
            target = parent
        rect = self.visualItemRect(target)
        below = point.y() > rect.center().y()
        others = [item for item in order if item is not dragged]
        if target is dragged:
            return order.index(dragged)
        return others.index(target) + (1 if below else 0)


class LayersPanel(QWidget):
    zoom_to_layer_requested = Signal(str)
    open_attribute_table_requested = Signal(str)

    def __init__(
        self, project: Project, parent: QWidget | None = None, edits: LayerEdits | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        # Every change made here goes through edits, an undo stack's commands.
        self.edits = edits if edits is not None else LayerEdits(project, parent=self)
        self._updating = False

        self.tree = LayerTree()
        self.editor = LayerStyleEditor(project, edits=self.edits)
        icons = self.style()
        self.up_button = _tool_button(
            icons.standardIcon(QStyle.StandardPixmap.SP_ArrowUp), self.tr("Move layer up")
        )
        self.down_button = _tool_button(
            icons.standardIcon(QStyle.StandardPixmap.SP_ArrowDown), self.tr("Move layer down")
        )
        self.zoom_button = _tool_button(None, self.tr("Zoom to layer"), self.tr("Zoom to"))
        self.table_button = _tool_button(
            None, self.tr("Open the attribute table"), self.tr("Table")
        )
        self.remove_button = _tool_button(
            icons.standardIcon(QStyle.StandardPixmap.SP_TrashIcon), self.tr("Remove layer…")
        )

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(2)
        for button in (self.up_button, self.down_button, self.zoom_button, self.table_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        divider = QFrame()
        divider.setFrameShape(QFrame.Shape.HLine)
        divider.setFrameShadow(QFrame.Shadow.Sunken)

        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.setSpacing(6)
        column.addLayout(buttons)
        column.addWidget(self.tree, 1)
        column.addWidget(divider)
        column.addWidget(self.editor)

        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemDoubleClicked.connect(self._item_double_clicked)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.layer_dropped.connect(self._move_to_position)
        self.up_button.clicked.connect(lambda: self._move_current(-1))
        self.down_button.clicked.connect(lambda: self._move_current(+1))
        self.zoom_button.clicked.connect(self._zoom_current)
        self.table_button.clicked.connect(self._table_current)
        self.remove_button.clicked.connect(self._remove_current)
        connect_while_alive(project.layers_changed, self._rebuild)
        connect_while_alive(project.layer_changed, self._layer_changed)
        self._rebuild()

    # --- public -------------------------------------------------------------------------

    def current_layer_id(self) -> str | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        parent = item.parent()
        return (parent if parent is not None else item).data(0, LAYER_ID)

    def select_layer(self, layer_id: str) -> None:
        item = self.tree.layer_item(layer_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    def remove_layer(self, layer_id: str) -> bool:
        """Ask, then remove; True when the layer went."""
        layer = self.project.layer(layer_id)
        answer = QMessageBox.question(
            self,
            self.tr("Remove layer"),
            self.tr("Remove “{layer}” from the map?\nThe file on disk is not touched.").format(
                layer=display_title(layer, current_language())
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.edits.remove(layer_id)
        return True

    def rename_layer(self, layer_id: str) -> bool:
        """Ask for a new title; True when the layer got one."""
        layer = self.project.layer(layer_id)
        title, ok = QInputDialog.getText(
            self, self.tr("Rename layer"), self.tr("Title of the layer:"), text=layer.title
        )
        return bool(ok) and self.edits.rename(layer_id, title)

    # --- from the project ---------------------------------------------------------------

    def _rebuild(self) -> None:
        current = self.current_layer_id()
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        collapsed = {
            item.data(0, LAYER_ID) for item in items if item is not None and not item.isExpanded()
        }
        self._updating = True
        try:
            self.tree.clear()
            for layer in reversed(self.project.layers):
                item = QTreeWidgetItem()
                item.setData(0, LAYER_ID, layer.id)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsDragEnabled
                )
                self.tree.addTopLevelItem(item)
                self._show_layer(item, layer)
                item.setExpanded(layer.id not in collapsed)
        finally:
            self._updating = False
        if current is not None and self.tree.layer_item(current) is not None:
            self.select_layer(current)
        else:
            self._current_changed(self.tree.currentItem(), None)
        self._update_buttons()

    def _show_layer(self, item: QTreeWidgetItem, layer: Layer) -> None:
        title = display_title(layer, current_language())
        item.setText(0, title)
        item.setIcon(0, layer_icon(layer))
        item.setCheckState(0, Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked)
        tip = self.tr("{title}\n%Ln feature(s) ({geometry})", "", layer.feature_count).format(
            title=title, geometry=geometry_type_text(layer.geometry_type)
        )
        item.setToolTip(0, tip + (f"\n{layer.source}" if layer.source else ""))
        item.takeChildren()
        for text, colour, tip in legend_entries(layer):
            child = QTreeWidgetItem([text])
            child.setIcon(0, category_icon(layer, colour))
            child.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            child.setToolTip(0, tip)
            item.addChild(child)

    def _layer_changed(self, layer: Layer) -> None:
        item = self.tree.layer_item(layer.id)
        if item is None:
            return
        # A legend the user folded stays folded; a legend that just appeared is shown.
        expanded = item.isExpanded() or item.childCount() == 0
        self._updating = True
        try:
            self._show_layer(item, layer)
            item.setExpanded(expanded)
        finally:
            self._updating = False
        if self.editor.layer is layer:
            self.editor.refresh()

    # --- from the user ------------------------------------------------------------------

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._updating or item.parent() is not None:
            return
        layer_id = item.data(0, LAYER_ID)
        visible = item.checkState(0) == Qt.CheckState.Checked
        if self.project.layer(layer_id).visible != visible:
            self.edits.set_visible(layer_id, visible)

    def _current_changed(self, current, _previous) -> None:
        if self._updating:  # the tree is being rebuilt: its items name the old layers
            return
        layer_id = self.current_layer_id()
        known = layer_id is not None and self.project.has_layer(layer_id)
        self.editor.set_layer(self.project.layer(layer_id) if known and layer_id else None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        layer_id = self.current_layer_id()
        count = len(self.project.layers)
        position = self._position_from_top(layer_id) if layer_id else -1
        self.up_button.setEnabled(layer_id is not None and position > 0)
        self.down_button.setEnabled(layer_id is not None and position < count - 1)
        for button in (self.zoom_button, self.table_button, self.remove_button):
            button.setEnabled(layer_id is not None)
        if layer_id is not None and self.project.layer(layer_id).kind == LayerKind.BASEMAP:
            self.zoom_button.setEnabled(False)  # tiles have no extent or attributes
            self.table_button.setEnabled(False)

    def _position_from_top(self, layer_id: str) -> int:
        ids = [layer.id for layer in reversed(self.project.layers)]
        return ids.index(layer_id)

    def _move_to_position(self, layer_id: str, position_from_top: int) -> None:
        index = len(self.project.layers) - 1 - position_from_top
        self.edits.move(layer_id, index)
        self.select_layer(layer_id)

    def _move_current(self, step: int) -> None:
        layer_id = self.current_layer_id()
        if layer_id is None:
            return
        target = self._position_from_top(layer_id) + step
        if 0 <= target < len(self.project.layers):
            self._move_to_position(layer_id, target)

    def _zoom_current(self) -> None:
        if (layer_id := self.current_layer_id()) is not None:
            self.zoom_to_layer_requested.emit(layer_id)

    def _table_current(self) -> None:
        if (layer_id := self.current_layer_id()) is not None:
            self.open_attribute_table_requested.emit(layer_id)

    def _remove_current(self) -> None:
        if (layer_id := self.current_layer_id()) is not None:
            self.remove_layer(layer_id)

    def rename_current(self) -> None:
        if (layer_id := self.current_layer_id()) is not None:
            self.rename_layer(layer_id)

    def _item_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        parent = item.parent()
        if parent is None:
            self.zoom_to_layer_requested.emit(item.data(0, LAYER_ID))
            return
        # A category or class of the legend: its colour.
        layer = self.project.layer(parent.data(0, LAYER_ID))
        index = parent.indexOfChild(item)
        current = class_colour(layer.style, index)
        if current is None:
            return
        chosen = QColorDialog.getColor(QColor(current), self, self.tr("Class colour"))
        if chosen.isValid():
            self.edits.set_style(layer.id, with_class_colour(layer.style, index, chosen.name()))

    def _context_menu(self, point: QPoint) -> None:
        item = self.tree.itemAt(point)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        menu = QMenu(self)
        for text, slot in (
            (self.tr("Zoom to layer"), self._zoom_current),
            (self.tr("Open attribute table"), self._table_current),
            (None, None),
            (self.tr("Move up"), lambda: self._move_current(-1)),
            (self.tr("Move down"), lambda: self._move_current(+1)),
            (None, None),
            (self.tr("Rename…"), self.rename_current),
            (self.tr("Remove layer…"), self._remove_current),
        ):
            if text is None:
                menu.addSeparator()
                continue
            action = QAction(text, menu)
            action.triggered.connect(slot)
            menu.addAction(action)
        menu.exec(self.tree.viewport().mapToGlobal(point))


def _tool_button(icon, tip: str, text: str | None = None) -> QToolButton:
    button = QToolButton()
    button.setToolTip(tip)
    button.setAutoRaise(True)
    if icon is not None:
        button.setIcon(icon)
    if text is not None:
        button.setText(text)
        button.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextOnly
            if icon is None
            else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        )
    return button
