"""Draws one MVT vector tile with the built-in street style (render.vector_style).

Decoding uses mapbox-vector-tile; drawing is QPainter paths per layer and class, in the
order a street map wants: land cover and parks, water, buildings, road casings, roads,
rail, then names (Chinese, English below) placed so that they do not overlap in the tile.
Runs on the tile store's worker threads: QImage and QPainter only, no widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPainterPathStroker, QPen

from yangpu_gis.render import vector_style as vs
from yangpu_gis.render.fonts import label_font

LABEL_PX = 11.0
# Made once at import, which snapshot_layers does on the UI thread: PySide resolves the
# QBrush/QPen constructors' overloads lazily, and three tile workers doing that at the
# same moment have failed ("QGradient has no attribute Preset").
HALO_BRUSH = QBrush(QColor(vs.HALO))
_WARM = (
    QPen(
        QColor(vs.TEXT),
        1.0,
        Qt.PenStyle.SolidLine,
        Qt.PenCapStyle.RoundCap,
        Qt.PenJoinStyle.RoundJoin,
    ),
    QPainterPathStroker(),
)


def decode(data: bytes) -> dict:
    import mapbox_vector_tile

    return mapbox_vector_tile.decode(data, default_options={"y_coord_down": True})


def draw_vector_tile(data: bytes, px: int, z: int) -> QImage:
    layers = {vs.LAYER_ALIASES.get(name, name): layer for name, layer in decode(data).items()}
    image = QImage(px, px, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(vs.LAND))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    unit = px / 256.0  # style pixels per tile pixel
    try:
        _areas(painter, layers, px, z)
        _roads(painter, layers.get("transportation"), px, z, unit)
        _labels(painter, layers, px, z, unit)
    finally:
        painter.end()
    return image


def _scale(layer: dict, px: int) -> float:
    return px / float(layer.get("extent", 4096))


def _path(geometry: dict, k: float) -> QPainterPath:
    path = QPainterPath()
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Polygon":
        polygons = [coords]
    elif kind == "MultiPolygon":
        polygons = coords
    elif kind == "LineString":
        polygons = [[coords]]
    elif kind == "MultiLineString":
        polygons = [[line] for line in coords]
    else:
        return path
    for polygon in polygons:
        for ring in polygon:
            if len(ring) < 2:
                continue
            path.moveTo(ring[0][0] * k, ring[0][1] * k)
            for x, y in ring[1:]:
                path.lineTo(x * k, y * k)
            if kind in ("Polygon", "MultiPolygon"):
                path.closeSubpath()
    return path


def _areas(painter: QPainter, layers: dict, px: int, z: int) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    for name in ("landcover", "landuse", "park"):
        layer = layers.get(name)
        if not layer:
            continue
        k = _scale(layer, px)
        for feature in layer["features"]:
            cls = str(feature["properties"].get("class") or feature["properties"].get("kind") or "")
            colour = vs.GREEN.get(cls) or (vs.GREEN["park"] if name == "park" else None)
            if colour:
                painter.setBrush(QColor(colour))
                painter.drawPath(_path(feature["geometry"], k))
    water = layers.get("water")
    if water:
        painter.setBrush(QColor(vs.WATER))
        k = _scale(water, px)
        for feature in water["features"]:
            painter.drawPath(_path(feature["geometry"], k))
    waterway = layers.get("waterway")
    if waterway:
        k = _scale(waterway, px)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        width = max(1.0, 3.0 * 1.4 ** (z - 16)) * px / 256
        painter.setPen(
            QPen(
                QColor(vs.WATER_LINE),
                width,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            )
        )
        for feature in waterway["features"]:
            painter.drawPath(_path(feature["geometry"], k))
    building = layers.get("building")
    if building and z >= 14:
        k = _scale(building, px)
        painter.setBrush(QColor(vs.BUILDING))
        painter.setPen(QPen(QColor(vs.BUILDING_LINE), 0.6 * px / 256))
        path = QPainterPath()
        for feature in building["features"]:
            path.addPath(_path(feature["geometry"], k))
        painter.drawPath(path)


def _roads(painter: QPainter, layer: dict | None, px: int, z: int, unit: float) -> None:
    if not layer:
        return
    k = _scale(layer, px)
    by_class: dict[str, QPainterPath] = {}
    rails: dict[str, QPainterPath] = {}
    for feature in layer["features"]:
        cls = vs.road_class(feature["properties"])
        if cls in vs.RAIL:
            rails.setdefault(cls, QPainterPath()).addPath(_path(feature["geometry"], k))
        elif cls in vs.ROADS and z >= vs.ROADS[cls].min_zoom:
            by_class.setdefault(cls, QPainterPath()).addPath(_path(feature["geometry"], k))
    order = [c for c in reversed(list(vs.ROADS)) if c in by_class]  # minor first, motorway on top
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for cls in order:
        road = vs.ROADS[cls]
        if road.cased:
            width = vs.road_width(road, z) * unit
            painter.setPen(
                QPen(
                    QColor(vs.CASING),
                    width + 1.6 * unit,
                    Qt.PenStyle.SolidLine,
                    Qt.PenCapStyle.RoundCap,
                    Qt.PenJoinStyle.RoundJoin,
                )
            )
            painter.drawPath(by_class[cls])
    for cls in order:
        road = vs.ROADS[cls]
        pen = QPen(
            QColor(road.colour),
            vs.road_width(road, z) * unit,
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
        if road.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawPath(by_class[cls])
    for cls, path in rails.items():
        colour, width, min_zoom = vs.RAIL[cls]
        if z < min_zoom:
            continue
        painter.setPen(
            QPen(QColor(colour), width * unit, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
        )
        painter.drawPath(path)
        dash = QPen(
            QColor("#ffffff"),
            width * 0.5 * unit,
            Qt.PenStyle.CustomDashLine,
            Qt.PenCapStyle.FlatCap,
        )
        dash.setDashPattern([4, 4])
        painter.setPen(dash)
        painter.drawPath(path)


def _labels(painter: QPainter, layers: dict, px: int, z: int, unit: float) -> None:
    placed: list[QRectF] = []
    font = label_font(LABEL_PX * unit)
    painter.setFont(font)
    metrics = painter.fontMetrics()
    candidates = []
    for name, minimum in (("place", 10), ("water_name", 12), ("transportation_name", 14)):
        layer = layers.get(name)
        if not layer or z < minimum:
            continue
        k = _scale(layer, px)
        for feature in layer["features"]:
            text = vs.label_text(feature["properties"])
            anchor = _anchor(feature["geometry"], k)
            if text and anchor is not None:
                colour = vs.WATER_TEXT if name == "water_name" else vs.TEXT
                candidates.append((text, anchor, colour))
    for text, (x, y), colour in candidates:
        lines = text.split("\n")
        w = max(metrics.horizontalAdvance(line) for line in lines) + 4
        h = metrics.height() * len(lines)
        box = QRectF(x - w / 2, y - h / 2, w, h)
        if box.left() < 0 or box.top() < 0 or box.right() > px or box.bottom() > px:
            continue  # names that would cross the tile's edge would be cut there
        if any(box.intersects(other) for other in placed):
            continue
        placed.append(box)
        path = QPainterPath()
        for i, line in enumerate(lines):
            lw = metrics.horizontalAdvance(line)
            path.addText(
                QPointF(x - lw / 2, box.top() + metrics.ascent() + i * metrics.height()), font, line
            )
        stroker = QPainterPathStroker()
        stroker.setWidth(2.5 * unit)
        painter.fillPath(stroker.createStroke(path), HALO_BRUSH)
        painter.fillPath(path, QColor(colour))


def _anchor(geometry: dict, k: float):
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        return coords[0] * k, coords[1] * k
    if kind == "MultiPoint" and coords:
        return coords[0][0] * k, coords[0][1] * k
    lines = coords if kind == "MultiLineString" else [coords] if kind == "LineString" else []
    if not lines:
        return None
    line = max(lines, key=len)
    mid = line[len(line) // 2]
    return mid[0] * k, mid[1] * k
