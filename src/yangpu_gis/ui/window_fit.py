"""Keep a dialog or window inside the screen it is shown on."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SCREEN_MARGIN_PX = 40


def available_size(widget: QWidget) -> tuple[int, int]:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    return area.width(), area.height()


def fit_to_screen(widget: QWidget) -> None:
    """Shrink widget (and cap its maximum) to the available screen less a margin."""
    width, height = available_size(widget)
    max_w, max_h = max(200, width - SCREEN_MARGIN_PX), max(200, height - SCREEN_MARGIN_PX)
    widget.setMaximumSize(max_w, max_h)
    hint = widget.sizeHint()
    widget.resize(
        min(max(widget.width(), hint.width()), max_w),
        min(max(widget.height(), hint.height()), max_h),
    )
