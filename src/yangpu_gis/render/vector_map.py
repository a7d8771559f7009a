"""The map drawn as vector paths and text on any QPainter device: what a printed PDF's map
frame holds when its features are few enough, so it prints sharp at any size and its
labels are text a reader can select, search and copy.

The same styles, order and label placement as the raster renderer (render.renderer):
layers bottom to top, the labels, then the layers drawn above them (review-note pins).
A basemap stays the tiles' image. Outlines are simplified to a tenth of a device pixel.
"""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen

from yangpu_gis.render import paths, pens
from yangpu_gis.render.labels import (
    HALO_PX,
    LabelPlacer,
    label_order,
    layer_candidates,
    marker_shapes,
    place_labels,
)
from yangpu_gis.render.layer_painter import LINE, POINT, POLYGON, visible_parts, visible_rows
from yangpu_gis.render.renderer import Renderer
from yangpu_gis.render.snapshot import LayerSnapshot, MapSnapshot
from yangpu_gis.render.viewport import Viewport

# Above this many features in view, a PDF's map is drawn as an image instead: a vector
# page of a million footprints would be hundreds of megabytes and slow in every viewer.
VECTOR_MAX_FEATURES = 50_000
SIMPLIFY_DEVICE_PX = 0.1


def features_in_view(snapshot: MapSnapshot, extent) -> int:
    """How many features of the snapshot's vector layers meet a display-CRS extent."""
    return sum(
        len(layer.display.query(tuple(extent)))
        for layer in snapshot.layers
        if layer.basemap is None
    )


def paint_vector_map(
    painter: QPainter,
    snapshot: MapSnapshot,
    vp: Viewport,
    device_pixel_ratio: float,
    renderer: Renderer,
    background: str | None,
) -> None:
    """Draw the map of vp (device pixels) at the painter's origin, within vp's size."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if background:
        painter.fillRect(QRectF(0, 0, vp.width, vp.height), QColor(background))
    basemaps = [layer for layer in snapshot.layers if layer.basemap is not None]
    for layer in basemaps:
        image = renderer.basemap_image(layer, vp, lambda: False, snapshot.wait_for_tiles)
        if isinstance(image, QImage) and not image.isNull():
            painter.setOpacity(layer.opacity)
            painter.drawImage(QRectF(0, 0, vp.width, vp.height), image)
    vectors = [layer for layer in snapshot.layers if layer.basemap is None]
    for above_labels in (False, True):
        if above_labels:
            painter.setOpacity(1.0)
            _paint_labels(painter, snapshot, vp, device_pixel_ratio, renderer)
        for layer in vectors:
            if layer.above_labels == above_labels:
                painter.setOpacity(layer.opacity)
                _paint_layer(painter, layer, renderer, vp, device_pixel_ratio)
    painter.restore()
    if basemaps:
        from yangpu_gis.render.attribution import basemap_attribution, draw_attribution

        text = " | ".join(basemap_attribution(layer.basemap) for layer in basemaps)
        draw_attribution(painter, text, vp.width, vp.height, device_pixel_ratio)


def _paint_layer(
    painter: QPainter, layer: LayerSnapshot, renderer: Renderer, vp: Viewport, dpr: float
) -> None:
    prepared = renderer.prepared(layer)
    style = layer.style
    margin = max(style.stroke_width, style.point_size) * dpr + 2
    rows = visible_rows(prepared, vp, margin)
    if len(rows) == 0:
        return
    codes, fills = prepared.fill_codes(style, layer.category_values)
    parts = visible_parts(layer, prepared, vp, margin, rows)
    part_codes = codes[parts.rows]
    tolerance = SIMPLIFY_DEVICE_PX * vp.scale
    for kind in (POLYGON, LINE):
        for code in np.unique(part_codes[parts.kinds == kind]).tolist():
            shapes = parts.geometries[(parts.kinds == kind) & (part_codes == code)]
            simplified = shapely.simplify(shapes, tolerance, preserve_topology=True)
            shapes = np.where(shapely.is_empty(simplified), shapes, simplified)
            if kind == POLYGON:
                outlines = paths.polygon_outlines(shapes, vp, snap=0.01)
            else:
                outlines = paths.line_outlines(shapes, vp, snap=0.01)
            fill = fills[code]
            drawn = style
            if kind == LINE and style.colour_field is not None and fill is not None:
                drawn = style.with_(stroke=fill)  # as the raster painter: the class colour
            pen = pens.stroke_pen(drawn, dpr)
            pen.setCosmetic(False)  # widths in device pixels of the page, not of a printer
            brush = pens.fill_brush(fill, style) if kind == POLYGON else QBrush()
            painter.setPen(pen)
            painter.setBrush(brush)
            painter.drawPath(outlines.path(0, outlines.shape_count))
    points = parts.kinds == POINT
    for code in np.unique(part_codes[points]).tolist():
        _paint_markers(
            painter, parts.geometries[points & (part_codes == code)], fills[code], layer, vp, dpr
        )


def _paint_markers(painter: QPainter, points, fill: str | None, layer, vp: Viewport, dpr: float):
    style = layer.style
    x, y = paths.point_pixels(points, vp)
    radius = max(style.point_size * dpr, 1.0) / 2
    path = QPainterPath()
    for px, py in zip(x.tolist(), y.tolist(), strict=True):
        path.addEllipse(QPointF(px, py), radius, radius)
    outline = style.stroke_width * dpr if style.stroke else 0.0
    pen = QPen(pens.colour(style.stroke), outline) if outline > 0 else QPen(Qt.PenStyle.NoPen)
    painter.setPen(pen)
    painter.setBrush(QBrush(pens.colour(fill)) if fill is not None else QBrush())
    painter.drawPath(path)


def _paint_labels(
    painter: QPainter, snapshot: MapSnapshot, vp: Viewport, dpr: float, renderer: Renderer
) -> None:
    """Labels placed as on the screen; each a halo (an outline) under real text."""
    labelled = [layer for layer in snapshot.layers if layer.label_values is not None]
    if not labelled:
        return
    placer = LabelPlacer(vp.width, vp.height, dpr, snapshot.label_family)
    groups = [
        (layer, layer_candidates(layer, renderer.prepared(layer), vp, dpr))
        for layer in label_order(labelled)
    ]
    pins = [layer for layer in snapshot.layers if layer.above_labels]
    place_labels(placer, groups, vp, marker_shapes(pins, renderer.prepared, vp, dpr))
    for label in placer.placed:
        font, _ = placer.font_for(label.look)
        halo = QPen(pens.colour(label.look.halo, 0.92))
        halo.setWidthF(HALO_PX * dpr)
        halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        lines = label.lines or ((label.text, label.baseline),)
        outline = QPainterPath()
        for text, baseline in lines:
            outline.addText(baseline, font, text)
        painter.strokePath(outline, halo)
        painter.setFont(font)
        painter.setPen(pens.colour(label.look.colour))
        for text, baseline in lines:
            painter.drawText(baseline, text)
