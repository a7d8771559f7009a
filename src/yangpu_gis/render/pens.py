"""Qt pens, brushes and colours from a layer's Style."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen

from yangpu_gis.model.style import Style

DASH_PATTERN = (4.0, 3.0)  # in pen widths


def colour(hex_colour: str | None, alpha: float = 1.0) -> QColor:
    """A style colour with an alpha; no colour (None) is transparent."""
    if hex_colour is None:
        return QColor(Qt.GlobalColor.transparent)
    c = QColor(hex_colour)
    c.setAlphaF(max(0.0, min(1.0, alpha)))
    return c


def premultiplied_argb(hex_colour: str, alpha: float = 1.0) -> int:
    """The 32-bit pixel value a premultiplied ARGB image stores for this colour."""
    c = QColor(hex_colour)
    a = max(0.0, min(1.0, alpha))
    return (
        (round(a * 255) << 24)
        | (round(c.red() * a) << 16)
        | (round(c.green() * a) << 8)
        | round(c.blue() * a)
    )


def fill_brush(fill: str | None, style: Style) -> QBrush:
    if fill is None or style.fill_opacity <= 0:
        return QBrush(Qt.BrushStyle.NoBrush)
    return QBrush(colour(fill, style.fill_opacity))


def stroke_pen(style: Style, device_pixel_ratio: float = 1.0, *, thin: bool = False) -> QPen:
    """The outline pen. thin: a one-pixel cosmetic pen, which Qt draws far faster than a wide one."""
    if style.stroke is None or style.stroke_width <= 0:
        return QPen(Qt.PenStyle.NoPen)
    pen = QPen(colour(style.stroke))
    width = style.stroke_width * device_pixel_ratio
    pen.setWidthF(1.0 if thin else max(width, 0.5))
    pen.setCosmetic(thin or width <= 1.0)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    if style.dashed:
        pen.setDashPattern(list(DASH_PATTERN))
    return pen


def has_wide_stroke(style: Style, device_pixel_ratio: float = 1.0) -> bool:
    return style.stroke is not None and style.stroke_width * device_pixel_ratio > 1.0


def hides_fill_edge(style: Style, device_pixel_ratio: float = 1.0) -> bool:
    """Whether the outline is solid and at least a pixel wide, so it covers the fill's edge."""
    return (
        style.stroke is not None
        and not style.dashed
        and style.stroke_width * device_pixel_ratio >= 1.0
    )
