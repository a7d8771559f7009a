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
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str, level: str = "info", seconds: float = 12.0) -> None:
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
