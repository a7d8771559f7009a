"""The small form a planner fills in to write or edit a review note.

Save hands the values to a `save` callable; if that fails (a locked notes file, a text
that is too long) the form stays open with the reason and everything typed, so a note is
never lost to a passing problem.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from yangpu_gis.model.note_fields import MAX_SHORT, STATUSES, Note
from yangpu_gis.ui.panels.notes_section import status_text

AUTHOR_SETTING = "notes/author"


class NoteDialog(QDialog):
    def __init__(
        self,
        where: str,
        parent=None,
        *,
        save: Callable[[dict], Note] | None = None,
        text: str = "",
        author: str | None = None,
        status: str = "open",
        category: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review note"))
        self.setMinimumWidth(420)
        self._save = save
        self.saved: Note | None = None  # what save returned, once it worked
        self.where_label = QLabel(where)
        self.where_label.setWordWrap(True)
        self.text_edit = QPlainTextEdit(text)
        self.text_edit.setPlaceholderText(self.tr("What needs attention here?"))
        self.text_edit.setTabChangesFocus(True)
        self.author_edit = QLineEdit(
            author if author is not None else str(QSettings().value(AUTHOR_SETTING, "") or "")
        )
        self.author_edit.setMaxLength(MAX_SHORT)
        self.author_edit.setPlaceholderText(self.tr("your name"))
        self.status_box = QComboBox()
        for value in STATUSES:
            self.status_box.addItem(status_text(value), value)
        self.status_box.setCurrentIndex(max(0, self.status_box.findData(status)))
        self.category_edit = QLineEdit(category or "")
        self.category_edit.setMaxLength(MAX_SHORT)
        self.category_edit.setPlaceholderText(self.tr("optional, e.g. public space, heritage"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b22222")
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("Note"), self.text_edit)
        form.addRow(self.tr("Author"), self.author_edit)
        form.addRow(self.tr("Status"), self.status_box)
        form.addRow(self.tr("Category"), self.category_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        column = QVBoxLayout(self)
        column.addWidget(self.where_label)
        column.addLayout(form)
        column.addWidget(self.error_label)
        column.addWidget(self.buttons)
        self.text_edit.textChanged.connect(self._update_save)
        self.author_edit.textChanged.connect(self._update_save)
        self._update_save()
        self.text_edit.setFocus()

    def _update_save(self) -> None:
        self.save_button.setEnabled(self._ready())

    def _ready(self) -> bool:
        return bool(self.text_edit.toPlainText().strip() and self.author_edit.text().strip())

    def values(self) -> dict:
        return {
            "text": self.text_edit.toPlainText().strip(),
            "author": self.author_edit.text().strip(),
            "status": self.status_box.currentData(),
            "category": self.category_edit.text().strip() or None,
        }

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def accept(self) -> None:
        if not self._ready():
            return
        QSettings().setValue(AUTHOR_SETTING, self.author_edit.text().strip())
        if self._save is not None:
            try:
                self.saved = self._save(self.values())
            except NoteNotSaved as exc:
                self.show_error(
                    self.tr(
                        "Not saved: {problem}\nYour note is still here: try Save again, or Cancel."
                    ).format(problem=exc)
                )
                return
        super().accept()


class NoteNotSaved(Exception):
    """Raised by a save callable: the note could not be written; the message says why."""
