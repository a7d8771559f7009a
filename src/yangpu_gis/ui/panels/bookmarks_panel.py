"""The Bookmarks dock: named views of the map (model.bookmarks), kept in the project.

*Add* remembers the current view under a name typed in place; a double-click or *Go to*
shows it again; *Rename* edits the name in place; *Delete* removes it. Every change is an
undoable command on the window's undo stack, so it also marks the project as changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from yangpu_gis.model.bookmarks import Bookmark, unique_name
from yangpu_gis.model.project import Project
from yangpu_gis.ui.fonts import ui_font
from yangpu_gis.ui.panels.model_link import connect_while_alive

Extent = tuple[float, float, float, float]


class SetBookmarks(QUndoCommand):
    def __init__(self, project: Project, bookmarks, text: str) -> None:
        super().__init__(text)
        self.project = project
        self.before = project.bookmarks
        self.after = tuple(bookmarks)

    def redo(self) -> None:
        self.project.set_bookmarks(self.after)

    def undo(self) -> None:
        self.project.set_bookmarks(self.before)


class BookmarksPanel(QWidget):
    def __init__(
        self,
        project: Project,
        current_extent: Callable[[], Extent],
        go_to: Callable[[Extent], None],
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.current_extent = current_extent
        self.go_to = go_to
        self.undo_stack = undo_stack
        self._filling = False
        self._renaming = False
        self.setFont(ui_font())

        self.list = QListWidget()
        self.list.setObjectName("bookmarks_list")
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.add_button = QToolButton()
        self.add_button.setText(self.tr("Add"))
        self.add_button.setToolTip(self.tr("Remember the current view as a bookmark"))
        self.go_button = QToolButton()
        self.go_button.setText(self.tr("Go to"))
        self.go_button.setToolTip(self.tr("Show this bookmark's view (or double-click it)"))
        self.rename_button = QToolButton()
        self.rename_button.setText(self.tr("Rename"))
        self.delete_button = QToolButton()
        self.delete_button.setText(self.tr("Delete"))

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.go_button, self.rename_button, self.delete_button):
            bar.addWidget(button)
        bar.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.addLayout(bar)
        column.addWidget(self.list, 1)

        self.add_button.clicked.connect(lambda: self.add_current_view())
        self.go_button.clicked.connect(self.go_to_current)
        self.rename_button.clicked.connect(self._edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.list.itemDoubleClicked.connect(lambda _item: self.go_to_current())
        self.list.itemActivated.connect(lambda _item: self.go_to_current())
        self.list.itemChanged.connect(self._item_renamed)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        connect_while_alive(project.events.bookmarks_changed, self._bookmarks_changed)
        self._fill()

    # --- public -------------------------------------------------------------------------

    def names(self) -> list[str]:
        return [b.name for b in self.project.bookmarks]

    def add_current_view(self, name: str | None = None) -> Bookmark:
        """Remember the map's view; the new row's name is then edited in place."""
        bookmarks = list(self.project.bookmarks)
        default = name or self.tr("View {number}").format(number=len(bookmarks) + 1)
        bookmark = Bookmark(unique_name(default, bookmarks), self.current_extent())
        self._push(bookmarks + [bookmark], self.tr("Add bookmark “{name}”"), bookmark.name)
        self.list.setCurrentRow(len(bookmarks))
        if name is None:
            self.list.editItem(self.list.item(len(bookmarks)))
        return bookmark

    def go_to_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.project.bookmarks):
            self.go_to(self.project.bookmarks[row].extent)

    def rename(self, row: int, name: str) -> bool:
        bookmarks = list(self.project.bookmarks)
        name = name.strip()
        if not (0 <= row < len(bookmarks)) or not name or name == bookmarks[row].name:
            QTimer.singleShot(0, self._fill)  # an empty name puts the old one back
            return False
        old = bookmarks[row].name
        bookmarks[row] = bookmarks[row].renamed(unique_name(name, bookmarks, ignore=row))
        self._push(bookmarks, self.tr("Rename bookmark “{name}”"), old)
        return True

    def delete_current(self) -> None:
        row = self.list.currentRow()
        bookmarks = list(self.project.bookmarks)
        if 0 <= row < len(bookmarks):
            gone = bookmarks.pop(row)
            self._push(bookmarks, self.tr("Delete bookmark “{name}”"), gone.name)

    # --- internal -----------------------------------------------------------------------

    def _push(self, bookmarks, text: str, name: str) -> None:
        self.undo_stack.push(SetBookmarks(self.project, bookmarks, text.format(name=name)))

    def _fill(self) -> None:
        row = self.list.currentRow()
        self._filling = True
        try:
            self.list.clear()
            for bookmark in self.project.bookmarks:
                item = QListWidgetItem(bookmark.name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                w, s, e, n = bookmark.extent
                item.setToolTip(f"{w:.5f}, {s:.5f} – {e:.5f}, {n:.5f}")
                self.list.addItem(item)
            if self.list.count():
                self.list.setCurrentRow(min(max(row, 0), self.list.count() - 1))
        finally:
            self._filling = False
        self._update_buttons()

    def _bookmarks_changed(self) -> None:
        if self._renaming:
            # Not while the list is still delivering the edited item's change.
            QTimer.singleShot(0, self._fill)
        else:
            self._fill()

    def _item_renamed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        self._renaming = True
        try:
            self.rename(self.list.row(item), item.text())
        finally:
            self._renaming = False

    def _edit_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    def _update_buttons(self) -> None:
        chosen = 0 <= self.list.currentRow() < len(self.project.bookmarks)
        for button in (self.go_button, self.rename_button, self.delete_button):
            button.setEnabled(chosen)


def bookmark_dock_title() -> str:
    return QCoreApplication.translate("BookmarksPanel", "Bookmarks")
