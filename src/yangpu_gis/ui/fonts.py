"""Fonts for the desktop UI: Chinese names need a CJK-capable family installed."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

CJK_FAMILIES = (
    "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
    "Microsoft YaHei", "PingFang SC", "SimHei",
)


@cache
def cjk_family() -> str | None:
    installed = set(QFontDatabase.families())
    return next((family for family in CJK_FAMILIES if family in installed), None)


def ui_font(point_size: float | None = None, bold: bool = False) -> QFont:
    """The application font, falling back to a CJK family for Chinese characters."""
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
    if cjk_family() is not None:
        families.append(cjk_family())
    return ", ".join(f"'{family}'" for family in families) + ", sans-serif"
