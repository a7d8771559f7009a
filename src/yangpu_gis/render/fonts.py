"""Fonts for map labels: Chinese names need a family that has CJK glyphs, or they draw as boxes."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF

CJK_FAMILIES = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimHei",
    "Droid Sans Fallback",
)
CJK_PROBE = "杨浦区长白街坊"


@cache
def label_family() -> str | None:
    """The first installed family that covers Chinese, or None to let Qt fall back."""
    installed = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in installed and covers(QFont(family), CJK_PROBE):
            return family
    return None


def covers(font: QFont, text: str) -> bool:
    """Whether the font itself has a glyph for every character of text."""
    metrics = QFontMetricsF(font)
    return all(metrics.inFontUcs4(ord(ch)) for ch in text if not ch.isspace())


def label_font(
    pixel_size: float, *, bold: bool = False, italic: bool = False, family: str | None = None
) -> QFont:
    """A font for map labels: the CJK family first so Latin and Chinese share one look."""
    font = QFont()
    chosen = family if family is not None else label_family()
    if chosen is not None:
        font.setFamilies([chosen])
    font.setPixelSize(max(1, round(pixel_size)))
    font.setBold(bold)
    font.setItalic(italic)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font
