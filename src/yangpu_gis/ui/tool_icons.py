"""The toolbar's icons, drawn with QPainter so they need no image files or icon set.

Each is a few strokes on a 24-unit grid, drawn at the sizes a toolbar asks for (and twice
that for high-DPI screens) in the palette's text colour, with one accent colour.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

INK = QColor("#30363d")
ACCENT = QColor("#1f78b4")
NOTE = QColor("#e6550d")


def _pen(colour: QColor = INK, width: float = 1.8) -> QPen:
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _magnifier(p: QPainter, sign: str) -> None:
    p.setPen(_pen())
    p.drawEllipse(QPointF(10, 10), 6, 6)
    p.drawLine(QPointF(14.5, 14.5), QPointF(21, 21))
    p.setPen(_pen(ACCENT, 2.0))
    if sign in "+-":
        p.drawLine(QPointF(7, 10), QPointF(13, 10))
    if sign == "+":
        p.drawLine(QPointF(10, 7), QPointF(10, 13))
    if sign == "box":
        p.drawRect(QRectF(7, 7.5, 6, 5))


def _arrow(p: QPainter, left: bool) -> None:
    p.setPen(_pen(ACCENT, 2.2))
    a, b = (19.0, 5.0) if left else (5.0, 19.0)
    p.drawLine(QPointF(a, 12), QPointF(b, 12))
    tip = 1 if left else -1
    p.drawLine(QPointF(b, 12), QPointF(b + 6 * tip, 6))
    p.drawLine(QPointF(b, 12), QPointF(b + 6 * tip, 18))


def _open(p: QPainter) -> None:
    p.setPen(_pen())
    p.setBrush(QColor("#f4d03f"))
    p.drawPolygon(
        QPolygonF([QPointF(*xy) for xy in ((3, 6), (9, 6), (11, 8), (21, 8), (21, 19), (3, 19))])
    )
    p.setPen(_pen(ACCENT, 2.0))
    p.drawLine(QPointF(15, 16), QPointF(15, 11))
    p.drawLine(QPointF(12.5, 13.5), QPointF(17.5, 13.5))


def _full(p: QPainter) -> None:
    p.setPen(_pen())
    p.setBrush(QColor("#d9ead3"))
    p.drawPolygon(
        QPolygonF([QPointF(*xy) for xy in ((6, 4), (17, 5), (20, 13), (14, 20), (5, 17))])
    )
    p.setPen(_pen(ACCENT, 2.0))
    for x, y, dx, dy in ((2, 2, 1, 1), (22, 2, -1, 1), (2, 22, 1, -1), (22, 22, -1, -1)):
        p.drawLine(QPointF(x, y), QPointF(x + 4 * dx, y))
        p.drawLine(QPointF(x, y), QPointF(x, y + 4 * dy))


def _hand(p: QPainter) -> None:
    p.setPen(_pen())
    p.setBrush(QColor("#ffffff"))
    path = QPainterPath()
    path.moveTo(4, 3)
    path.lineTo(4, 19)
    path.lineTo(8.5, 15)
    path.lineTo(11.5, 21)
    path.lineTo(14, 20)
    path.lineTo(11, 14)
    path.lineTo(17, 14)
    path.closeSubpath()
    p.drawPath(path)
    p.setPen(_pen(ACCENT, 2.0))
    p.drawText(QRectF(14, 1, 10, 12), Qt.AlignmentFlag.AlignCenter, "i")


def _ruler(p: QPainter, area: bool) -> None:
    p.setPen(_pen(NOTE, 2.0))
    if area:
        p.setBrush(QColor(230, 85, 13, 60))
        p.drawPolygon(QPolygonF([QPointF(*xy) for xy in ((4, 18), (8, 5), (19, 8), (20, 19))]))
    else:
        p.drawPolyline(QPolygonF([QPointF(*xy) for xy in ((3, 19), (10, 7), (20, 13))]))
    p.setBrush(QColor("#ffffff"))
    p.setPen(_pen(NOTE, 1.5))
    for xy in ((4, 18), (8, 5), (19, 8), (20, 19)) if area else ((3, 19), (10, 7), (20, 13)):
        p.drawEllipse(QPointF(*xy), 2, 2)


def _note(p: QPainter) -> None:
    p.setPen(_pen())
    p.setBrush(NOTE)
    path = QPainterPath()
    path.addEllipse(QPointF(12, 9), 6, 6)
    path.moveTo(7, 12)
    path.lineTo(12, 22)
    path.lineTo(17, 12)
    p.drawPath(path.simplified())
    p.setBrush(QColor("#ffffff"))
    p.drawEllipse(QPointF(12, 9), 2.2, 2.2)


def _select(p: QPainter, polygon: bool) -> None:
    fill = QColor(ACCENT)
    fill.setAlphaF(0.2)
    dashed = _pen(ACCENT, 1.6)
    dashed.setStyle(Qt.PenStyle.DashLine)
    p.setPen(dashed)
    p.setBrush(fill)
    if polygon:
        p.drawPolygon(
            QPolygonF([QPointF(*xy) for xy in ((3, 8), (12, 3), (21, 9), (17, 20), (6, 18))])
        )
    else:
        p.drawRect(QRectF(3, 4, 17, 13))
    p.setPen(_pen())
    p.setBrush(QColor("#ffffff"))
    cursor = QPainterPath()
    cursor.moveTo(12, 10)
    cursor.lineTo(12, 22)
    cursor.lineTo(15, 19)
    cursor.lineTo(17.5, 23)
    cursor.lineTo(19.5, 22)
    cursor.lineTo(17, 18)
    cursor.lineTo(21, 18)
    cursor.closeSubpath()
    p.drawPath(cursor)


DRAWINGS: dict[str, Callable[[QPainter], None]] = {
    "open": _open,
    "zoom_full": _full,
    "zoom_in": lambda p: _magnifier(p, "+"),
    "zoom_out": lambda p: _magnifier(p, "-"),
    "zoom_box": lambda p: _magnifier(p, "box"),
    "back": lambda p: _arrow(p, left=True),
    "forward": lambda p: _arrow(p, left=False),
    "browse": _hand,
    "measure_line": lambda p: _ruler(p, area=False),
    "measure_area": lambda p: _ruler(p, area=True),
    "add_note": _note,
    "select": lambda p: _select(p, polygon=False),
    "select_polygon": lambda p: _select(p, polygon=True),
}


def pixmap(name: str, size: int) -> QPixmap:
    image = QPixmap(size, size)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.scale(size / 24.0, size / 24.0)
    DRAWINGS[name](painter)
    painter.end()
    return image


def icon(name: str) -> QIcon:
    """The toolbar icon called name (a key of DRAWINGS)."""
    result = QIcon()
    for size in (16, 24, 32, 48):
        result.addPixmap(pixmap(name, size))
    return result
