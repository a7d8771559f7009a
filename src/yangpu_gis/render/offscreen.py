"""A Qt GUI application for drawing without a window: fonts and painting need one."""

from __future__ import annotations

import os
import sys


def ensure_gui_application():
    """The running Qt application, or a new QGuiApplication (offscreen when there is no display)."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(sys.argv[:1] or ["yangpu-gis"])
