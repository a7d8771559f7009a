"""Fonts for the desktop UI: widget text falls back to the map's CJK family for Chinese."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from yangpu_gis.render.fonts import label_family


def cjk_family() -> str | None:
    """The installed family the app uses for Chinese, shared with the map labels."""
    return label_family()


def ui_font(point_size: float | None = None, bold: bool = False) -> QFont:
    """The application font, falling back to the CJK family for Chinese characters."""
    font = QFont(QApplication.font())
    family = cjk_family()
    if family is not None:
        font.setFamilies([font.family(), family])
    if point_size is not None:
        font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def css_font_families() -> str:
    """The same choice as a CSS font-family list, for rich text."""
    families = [QApplication.font().family()]
    cjk = cjk_family()
    if cjk is not None:
        families.append(cjk)
    return ", ".join(f"'{family}'" for family in families) + ", sans-serif"
