"""Small legend pictures: how a layer, or one category of it, looks on the map."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPen, QPixmap

from yangpu_gis.model.layer import Layer
from yangpu_gis.model.style import Style
from yangpu_gis.render.pens import colour

SIZE = 16


def swatch_pixmap(
    style: Style, geometry_type: str, fill: str | None = None, size: int = SIZE
) -> QPixmap:
    """A size x size picture of the style; fill overrides the style's fill (for categories)."""
    category_colour = fill
    fill = style.fill if fill is None else fill
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    # Legends stay legible: very thin or very thick strokes are drawn 1 to 3 px wide.
    width = max(1.0, min(3.0, style.stroke_width))
    pen = QPen(colour(style.stroke), width)
    pen.setStyle(Qt.PenStyle.DashLine if style.dashed else Qt.PenStyle.SolidLine)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    if style.stroke is None or style.stroke_width == 0:
        pen = QPen(Qt.PenStyle.NoPen)
    if geometry_type == "LineString":
        line_colour = category_colour or style.stroke or fill
        pen = QPen(colour(line_colour), max(1.5, min(4.0, style.stroke_width)))
        pen.setStyle(Qt.PenStyle.DashLine if style.dashed else Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(1, size - 4), QPointF(size - 1, 4))
    else:
        painter.setPen(pen)
        painter.setBrush(colour(fill, style.fill_opacity))
        inset = width / 2 + 1
        box = QRectF(inset, inset, size - 2 * inset, size - 2 * inset)
        if geometry_type == "Point":
            painter.drawEllipse(box.adjusted(1, 1, -1, -1))
        else:
            painter.drawRoundedRect(box, 2, 2)
    painter.end()
    return pixmap


def layer_icon(layer: Layer) -> QIcon:
    return QIcon(swatch_pixmap(layer.style, layer.geometry_type))


def category_icon(layer: Layer, colour: str) -> QIcon:
    return QIcon(swatch_pixmap(layer.style, layer.geometry_type, fill=colour))
