"""The active basemap's attribution, drawn in the map's bottom-right corner.

Drawn into the finished map image, so the canvas, `render` PNGs and the printed page all
carry it, as tile licences (OSM's ODbL among them) ask.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from yangpu_gis.render.fonts import label_font

PAPER = QColor(255, 255, 255, 200)
INK = QColor("#333333")


def basemap_attribution(spec) -> str:
    """What a source asks to be credited with (its metadata), else its name."""
    from yangpu_gis.model.basemap.spec import BasemapError
    from yangpu_gis.render.tile_store import store_for

    try:
        text = store_for(spec).info.attribution
    except BasemapError:
        text = ""
    return text or f"Basemap: {spec.display_name}"


def draw_attribution(painter: QPainter, text: str, width: float, height: float, scale: float):
    """A one-line label with a pale box, at the bottom right of a width x height map."""
    font = label_font(10.5 * scale)
    metrics = QFontMetricsF(font)
    text = metrics.elidedText(text, Qt.TextElideMode.ElideLeft, max(width * 0.8, 40 * scale))
    pad = 3 * scale
    w = metrics.horizontalAdvance(text) + 2 * pad
    h = metrics.height() + pad
    box = QRectF(width - w, height - h, w, h)
    painter.save()
    painter.setOpacity(1.0)
    painter.fillRect(box, PAPER)
    painter.setFont(font)
    painter.setPen(INK)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()
