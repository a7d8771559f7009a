"""The small form a planner fills in to write or edit a review note."""

from __future__ import annotations

from PySide6.QtCore import QSettings
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

from yangpu_gis.model.notes import STATUSES

AUTHOR_SETTING = "notes/author"


class NoteDialog(QDialog):
    def __init__(self, where: str, parent=None, *, text: str = "", author: str | None = None,
                 status: str = "open", category: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Review note")
        self.text_edit = QPlainTextEdit(text)
        self.text_edit.setPlaceholderText("What needs attention here?")
        self.author_edit = QLineEdit(author if author is not None
                                     else str(QSettings().value(AUTHOR_SETTING, "")))
        self.status_box = QComboBox()
        self.status_box.addItems(STATUSES)
        self.status_box.setCurrentText(status)
        self.category_edit = QLineEdit(category or "")
        self.category_edit.setPlaceholderText("optional, e.g. public space, heritage")
        form = QFormLayout()
        form.addRow("Note", self.text_edit)
        form.addRow("Author", self.author_edit)
        form.addRow("Status", self.status_box)
        form.addRow("Category", self.category_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(QLabel(where))
        column.addLayout(form)
        column.addWidget(self.buttons)
        self.text_edit.textChanged.connect(self._update_save)
        self.author_edit.textChanged.connect(self._update_save)
        self._update_save()

    def _update_save(self) -> None:
        ready = bool(self.text_edit.toPlainText().strip() and self.author_edit.text().strip())
        self.buttons.button(QDialogButtonBox.Save).setEnabled(ready)

    def values(self) -> dict:
        return {
            "text": self.text_edit.toPlainText().strip(),
            "author": self.author_edit.text().strip(),
            "status": self.status_box.currentText(),
            "category": self.category_edit.text().strip() or None,
        }

    def accept(self) -> None:
        QSettings().setValue(AUTHOR_SETTING, self.author_edit.text().strip())
        super().accept()
