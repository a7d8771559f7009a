"""The Notes dock: every review note in a list, filtered by status, site and author.

A click on a note zooms the map to it and shows it in the Facts dock; *Mark resolved*
and *Reopen* act on the chosen note through the notes controller (so a shared store is
written the same way as from the Facts dock). The list follows every change to the notes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yangpu_gis.model.note_fields import Note
from yangpu_gis.ui.fonts import ui_font
from yangpu_gis.ui.panels.notes_section import status_text

ALL = None  # the filters' "any" choice


class NotesList(QWidget):
    def __init__(self, controller, zoom_to: Callable[[Note], None], parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.zoom_to = zoom_to
        self.notes: list[Note] = []
        self.setFont(ui_font())

        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("Any status"), ALL)
        for status in ("open", "resolved"):
            self.status_filter.addItem(status_text(status), status)
        self.site_filter = QComboBox()
        self.author_filter = QComboBox()
        for combo in (self.site_filter, self.author_filter):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)

        self.tree = QTreeWidget()
        self.tree.setObjectName("notes_list")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels(
            [self.tr("No."), self.tr("Status"), self.tr("Site"), self.tr("Author"), self.tr("Note")]
        )
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #666666;")
        self.resolve_button = QToolButton()
        self.resolve_button.setText(self.tr("Mark resolved"))
        self.reopen_button = QToolButton()
        self.reopen_button.setText(self.tr("Reopen"))
        self.zoom_button = QToolButton()
        self.zoom_button.setText(self.tr("Zoom to"))

        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for row, (text, combo) in enumerate(
            (
                (self.tr("Status"), self.status_filter),
                (self.tr("Site"), self.site_filter),
                (self.tr("Author"), self.author_filter),
            )
        ):
            # One row: the dock sits under the map, where height is short.
            filters.addWidget(QLabel(text), 0, 2 * row)
            filters.addWidget(combo, 0, 2 * row + 1)
            filters.setColumnStretch(2 * row + 1, 1)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.resolve_button)
        bar.addWidget(self.reopen_button)
        bar.addStretch(1)
        bar.addWidget(self.zoom_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.addLayout(filters)
        column.addWidget(self.count_label)
        column.addWidget(self.tree, 1)
        column.addLayout(bar)

        for combo in (self.status_filter, self.site_filter, self.author_filter):
            combo.currentIndexChanged.connect(lambda _i: self._show())
        self.tree.itemClicked.connect(lambda _item, _col: self._zoom_current())
        self.tree.itemActivated.connect(lambda _item, _col: self._zoom_current())
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.zoom_button.clicked.connect(self._zoom_current)
        self.resolve_button.clicked.connect(lambda: self._set_status("resolved"))
        self.reopen_button.clicked.connect(lambda: self._set_status("open"))
        controller.notes_changed.connect(self.refresh)
        self.refresh()

    # --- public -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the notes again (after any change), keeping the filters and the choice."""
        self.notes = self.controller.all_notes()
        self._refill(self.site_filter, self.tr("Any site"), self._sites())
        authors = sorted({n.author for n in self.notes})
        self._refill(self.author_filter, self.tr("Any author"), [(a, a) for a in authors])
        self._show()

    def _items(self) -> list[QTreeWidgetItem]:
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in items if item is not None]

    def shown_ids(self) -> list[int]:
        return [int(item.data(0, Qt.ItemDataRole.UserRole)) for item in self._items()]

    def choose(self, note_id: int) -> bool:
        for item in self._items():
            if item.data(0, Qt.ItemDataRole.UserRole) == note_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def current_note(self) -> Note | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        note_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((n for n in self.notes if n.id == note_id), None)

    # --- internal -----------------------------------------------------------------------

    def _site_name(self, site_id: str | None) -> str:
        if not site_id:
            return self.tr("(no site)")
        return self.controller.site_title(site_id) or site_id

    def _sites(self) -> list[tuple[str, str]]:
        ids = sorted({n.site_id or "" for n in self.notes})
        return [(self._site_name(i or None), i) for i in ids]

    def _refill(self, combo: QComboBox, any_text: str, choices) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(any_text, ALL)
        for text, value in choices:
            combo.addItem(text, value)
        index = combo.findData(chosen)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)

    def _matching(self) -> list[Note]:
        status, site, author = (
            self.status_filter.currentData(),
            self.site_filter.currentData(),
            self.author_filter.currentData(),
        )
        return [
            n
            for n in self.notes
            if (status is ALL or n.status == status)
            and (site is ALL or (n.site_id or "") == site)
            and (author is ALL or n.author == author)
        ]

    def _show(self) -> None:
        chosen = self.current_note()
        self.tree.clear()
        shown = self._matching()
        for note in shown:
            first_line = note.text.splitlines()[0] if note.text else ""
            item = QTreeWidgetItem(
                [
                    str(note.id),
                    status_text(note.status),
                    self._site_name(note.site_id),
                    note.author,
                    first_line,
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, note.id)
            item.setToolTip(4, note.text)
            self.tree.addTopLevelItem(item)
        if chosen is not None:
            self.choose(chosen.id)
        self.count_label.setText(
            self.tr("%n note(s) shown of {total}", "", len(shown)).format(total=len(self.notes))
        )
        self._update_buttons()

    def _zoom_current(self) -> None:
        note = self.current_note()
        if note is not None:
            self.zoom_to(note)

    def _set_status(self, status: str) -> None:
        note = self.current_note()
        if note is not None and note.status != status:
            self.controller.run("resolve" if status == "resolved" else "reopen", note.id, self)

    def _update_buttons(self) -> None:
        note = self.current_note()
        self.resolve_button.setEnabled(note is not None and note.status == "open")
        self.reopen_button.setEnabled(note is not None and note.status == "resolved")
        self.zoom_button.setEnabled(note is not None)
