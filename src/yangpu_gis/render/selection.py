"""The selected features' highlight: a bright outline over everything else."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from yangpu_gis.render import paths, pens
from yangpu_gis.render.layer_painter import LINE, POINT, POLYGON, visible_parts, visible_rows
from yangpu_gis.render.prepared import PreparedLayer
from yangpu_gis.render.snapshot import LayerSnapshot
from yangpu_gis.render.viewport import Viewport

GLOW = ("#ffe414", 6.0, 0.95)  # colour, width px, alpha
EDGE = ("#202020", 1.4, 1.0)
MAX_RINGS = 2000  # selected points beyond this are marked with one call, not rings


def paint_selection(
    painter: QPainter,
    layer: LayerSnapshot,
    prepared: PreparedLayer,
    viewport: Viewport,
    device_pixel_ratio: float = 1.0,
) -> int:
    """Outline the layer's selected rows that are in view; returns how many parts were drawn."""
    if not layer.selected_rows:
        return 0
    margin = GLOW[1] * device_pixel_ratio
    rows = visible_rows(prepared, viewport, margin)
    rows = rows[np.isin(rows, np.asarray(layer.selected_rows))]
    if len(rows) == 0:
        return 0
    parts = visible_parts(layer, prepared, viewport, margin, rows)
    if len(parts.rows) == 0:
        return 0
    geometries, kinds = parts.geometries, parts.kinds
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    shapes = []
    if (kinds == POLYGON).any():
        shapes.append(paths.polygon_outlines(geometries[kinds == POLYGON], viewport, 0.1))
    if (kinds == LINE).any():
        shapes.append(paths.line_outlines(geometries[kinds == LINE], viewport, 0.1))
    point_xy = paths.point_pixels(geometries[kinds == POINT], viewport)
    marker = (layer.style.point_size + 6) * device_pixel_ratio
    for colour, width, alpha in (GLOW, EDGE):
        pen = QPen(pens.colour(colour, alpha))
        pen.setWidthF(width * device_pixel_ratio)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for outlines in shapes:
            for path in outlines.chunks(8192):
                painter.drawPath(path)
        if len(point_xy[0]) <= MAX_RINGS:
            for x, y in zip(*point_xy, strict=True):
                painter.drawEllipse(QRectF(x - marker / 2, y - marker / 2, marker, marker))
        elif colour == GLOW[0]:  # very many: one call marks them all
            pen.setWidthF(marker)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawPoints(paths.polygon_f(*point_xy))
    return len(parts.rows)
