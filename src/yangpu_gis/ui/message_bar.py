"""A non-modal message strip above the map, like a desktop GIS's message bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

_LEVEL_STYLES = {
    "info": "background:#e8f1fb; border:1px solid #9cc3e6; color:#12395c;",
    "warning": "background:#fff4d6; border:1px solid #e6c36a; color:#5c4300;",
    "error": "background:#fde4e1; border:1px solid #e39a8f; color:#6b1a10;",
}


class MessageBar(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel()
        # Messages quote file names and data: shown as typed, never as HTML.
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.dismiss)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.hide)
        self._errors: list[str] = []  # files that failed in the current batch of opens
        self.hide()

    def begin_batch(self) -> None:
        """A new batch of files is being opened: failures listed from here on."""
        self._errors = []

    def add_error(self, text: str) -> None:
        """One more file failed: every failure of the batch stays listed, not the last only."""
        self._errors.append(text)
        self.show_message(self._errors_text(), "error", seconds=0)

    def _errors_text(self) -> str:
        if len(self._errors) == 1:
            return self._errors[0]
        heading = self.tr("%n files could not be opened:", "", len(self._errors))
        return "\n".join([heading, *(f"• {text}" for text in self._errors)])

    def dismiss(self) -> None:
        self._errors = []
        self.hide()

    def show_message(self, text: str, level: str = "info", seconds: float = 12.0) -> None:
        errors = self._errors_text() if self._errors else ""
        if errors and text != errors:  # a later message must not hide the failures
            text, level, seconds = f"{errors}\n{text}", "error", 0
        self.setStyleSheet(f"MessageBar {{ {_LEVEL_STYLES[level]} }} QLabel {{ border: none; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label.setText(text)
        self.show()
        if seconds > 0:
            self._timer.start(int(seconds * 1000))
        else:
            self._timer.stop()

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""
