"""Map furniture drawn over the map: a scale bar and a north arrow.

Coordinates are the painter's logical pixels, so the same code serves the canvas, the
command line and image exports at any pixel ratio.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from yangpu_gis.render.fonts import label_font
from yangpu_gis.render.viewport import Viewport

INK = QColor("#333333")
PAPER = QColor(255, 255, 255, 215)
MARGIN = 14.0


def nice_length(max_metres: float) -> float:
    """The longest 1, 2 or 5 times a power of ten that is at most max_metres."""
    if max_metres <= 0 or not math.isfinite(max_metres):
        return 0.0
    power = 10.0 ** math.floor(math.log10(max_metres))
    for step in (5.0, 2.0, 1.0):
        if step * power <= max_metres * (1 + 1e-9):
            return step * power
    return power


_UNITS_ZH = {"km": "千米", "m": "米", "cm": "厘米"}


def format_distance(metres: float, language: str = "en") -> str:
    def unit(name: str) -> str:
        return _UNITS_ZH[name] if language == "zh" else name

    if metres >= 1000:
        km = metres / 1000
        return f"{km:g} {unit('km')}"
    if metres >= 1:
        return f"{metres:g} {unit('m')}"
    return f"{metres * 100:g} {unit('cm')}"


def scale_bar(
    viewport: Viewport, max_px: float = 120.0, language: str = "en"
) -> tuple[float, float, str]:
    """(ground metres, length in pixels, label) of the bar that fits in max_px."""
    per_px = viewport.ground_metres_per_pixel()
    metres = nice_length(max_px * per_px)
    return metres, metres / per_px, format_distance(metres, language)


def draw_scale_bar(
    painter: QPainter,
    viewport: Viewport,
    bottom_left: QPointF,
    max_px: float = 120.0,
    size: float = 1.0,
    language: str = "en",
) -> QRectF:
    """A bar with end ticks and its length, on a light plate; returns the plate's rectangle."""
    metres, length, text = scale_bar(viewport, max_px * size, language)
    font = label_font(11 * size)
    metrics = QFontMetricsF(font)
    pad = 5 * size
    tick = 5 * size
    plate = QRectF(
        bottom_left.x(),
        bottom_left.y() - (metrics.height() + tick + 3 * pad),
        max(length, metrics.horizontalAdvance(text)) + 2 * pad,
        metrics.height() + tick + 3 * pad,
    )
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(PAPER)
    painter.drawRoundedRect(plate, 3 * size, 3 * size)
    x0, x1 = plate.left() + pad, plate.left() + pad + length
    y = plate.bottom() - pad
    pen = QPen(INK, 1.6 * size)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(pen)
    painter.drawLine(QPointF(x0, y), QPointF(x1, y))
    painter.drawLine(QPointF(x0, y + pen.widthF() / 2), QPointF(x0, y - tick))
    painter.drawLine(QPointF(x1, y + pen.widthF() / 2), QPointF(x1, y - tick))
    painter.setFont(font)
    painter.drawText(
        QRectF(x0, plate.top() + pad, length, metrics.height()),
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextDontClip,
        text,
    )
    painter.restore()
    return plate


def draw_north_arrow(painter: QPainter, top_right: QPointF, size: float = 1.0) -> QRectF:
    """A split arrowhead with an N above it. The display CRS keeps north straight up."""
    font = label_font(12 * size, bold=True)
    metrics = QFontMetricsF(font)
    w, h = 16 * size, 22 * size
    pad = 5 * size
    plate = QRectF(
        top_right.x() - w - 2 * pad, top_right.y(), w + 2 * pad, h + metrics.height() + 2 * pad
    )
    cx = plate.center().x()
    tip_y = plate.top() + pad + metrics.height()
    base_y = tip_y + h
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(PAPER)
    painter.drawRoundedRect(plate, 3 * size, 3 * size)
    left = QPolygonF(
        [QPointF(cx, tip_y), QPointF(cx - w / 2, base_y), QPointF(cx, base_y - h * 0.28)]
    )
    right = QPolygonF(
        [QPointF(cx, tip_y), QPointF(cx + w / 2, base_y), QPointF(cx, base_y - h * 0.28)]
    )
    painter.setBrush(INK)
    painter.drawPolygon(left)
    painter.setBrush(QColor("#ffffff"))
    painter.setPen(QPen(INK, 1.0 * size))
    painter.drawPolygon(right)
    text = QPainterPath()
    text.addText(
        QPointF(cx - metrics.horizontalAdvance("N") / 2, plate.top() + pad + metrics.ascent()),
        font,
        "N",
    )
    painter.fillPath(text, INK)
    painter.restore()
    return plate


def draw_decorations(
    painter: QPainter,
    viewport: Viewport,
    width: float,
    height: float,
    size: float = 1.0,
    language: str = "en",
) -> None:
    """Scale bar bottom left, north arrow top right, of a width x height logical area."""
    margin = MARGIN * size
    draw_scale_bar(
        painter, viewport, QPointF(margin, height - margin), size=size, language=language
    )
    draw_north_arrow(painter, QPointF(width - margin, margin), size=size)
