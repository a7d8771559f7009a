"""Answering the app's modal dialogs as a planner would, from inside a test."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox


def when_a_dialog_opens(respond: Callable, seen: list | None = None, tries: int = 500) -> None:
    """Call respond(dialog) once the next modal dialog is open (its exec() is running)."""

    def look(left: int = tries) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if left:
                QTimer.singleShot(10, lambda: look(left - 1))
            return
        if seen is not None:
            seen.append(dialog)
        respond(dialog)

    QTimer.singleShot(0, look)


def press(button: QMessageBox.StandardButton, seen: list | None = None) -> None:
    """Click button of the next message box."""

    def respond(box) -> None:
        assert isinstance(box, QMessageBox), box
        box.button(button).click()

    when_a_dialog_opens(respond, seen)


def type_text(text: str) -> None:
    """Type text into the next input dialog and press OK."""

    def respond(dialog) -> None:
        assert isinstance(dialog, QInputDialog), dialog
        dialog.setTextValue(text)
        dialog.accept()

    when_a_dialog_opens(respond)
