"""The select tools: a click or a dragged rectangle, and a polygon of clicked vertices.

A click selects the feature under it (Ctrl+click adds or removes it, as in QGIS); a drag
selects every feature of the target layer (model.selecting.target_layer) that meets the
rectangle; Shift adds to the selection and Ctrl toggles. The polygon tool takes vertices
by clicks and closes on a double-click or Enter; Esc drops it, Backspace the last vertex;
dragging still pans.
"""

from __future__ import annotations

import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF

from yangpu_gis.model import selecting
from yangpu_gis.model.selecting import Mode
from yangpu_gis.ui.map_tools import MIN_BOX_PX, RUBBER_BAND, _DragTool

SELECT_INK = QColor("#e6550d")


def mode_of(modifiers) -> Mode:
    if modifiers & Qt.KeyboardModifier.ControlModifier:
        return Mode.TOGGLE
    if modifiers & Qt.KeyboardModifier.ShiftModifier:
        return Mode.ADD
    return Mode.REPLACE


def _target(canvas):
    current = getattr(canvas, "current_layer_id", None)  # the layers panel's, when wired
    preferred = current() if callable(current) else None
    return selecting.target_layer(canvas.project, preferred)


def select_shape(canvas, shape, mode: Mode) -> None:
    """Select the target layer's features meeting a display-CRS shape."""
    project = canvas.project
    layer = _target(canvas)
    if layer is None:
        if mode == Mode.REPLACE:
            project.select(None)
        return
    rows = selecting.rows_meeting(layer, shape)
    project.select(selecting.combine(project.selection, layer.id, rows, mode))


def select_at(canvas, pos: QPointF, mode: Mode) -> None:
    """Select the target layer's feature under pos (the smallest), or add or remove it.

    As in QGIS, the select tools work on one layer: a click beside that layer's features
    clears the selection rather than picking the district underneath."""
    project = canvas.project
    layer = _target(canvas)
    hits = [h for h in canvas.hits_at(QPointF(pos)) if layer is not None and h.layer is layer]
    if not hits:
        if mode == Mode.REPLACE:
            project.select(None)
        return
    project.select(selecting.combine(project.selection, hits[0].layer.id, [hits[0].row], mode))


class SelectTool(_DragTool):
    """A click selects what is under it; a drag selects what meets the rectangle."""

    name = "select"
    cursor = Qt.CursorShape.ArrowCursor

    def _drags_box(self, event) -> bool:
        return True

    def press(self, event) -> None:
        self._mode = mode_of(event.modifiers())
        super().press(event)

    def release(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._start is None:
            return
        start, dragging = self._start, self._dragging
        mode = getattr(self, "_mode", Mode.REPLACE)
        self._reset()
        self.canvas.setCursor(self.cursor)
        pos = event.position()
        rect = QRectF(start, pos).normalized()
        if not dragging or rect.width() < MIN_BOX_PX or rect.height() < MIN_BOX_PX:
            select_at(self.canvas, pos, mode)
        else:
            vp = self.canvas.viewport
            x0, y0 = vp.pixel_to_map(rect.left(), rect.bottom())
            x1, y1 = vp.pixel_to_map(rect.right(), rect.top())
            select_shape(self.canvas, shapely.box(x0, y0, x1, y1), mode)
        self.canvas.update()


class SelectPolygonTool(_DragTool):
    """Click the vertices of a polygon; a double-click or Enter selects what meets it."""

    name = "select_polygon"
    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, canvas) -> None:
        super().__init__(canvas)
        self.vertices: list[tuple[float, float]] = []  # display CRS
        self.hover: tuple[float, float] | None = None
        self._mode = Mode.REPLACE

    def _drags_box(self, event) -> bool:
        return False

    def press(self, event) -> None:
        if not self.vertices:
            self._mode = mode_of(event.modifiers())
        super().press(event)

    def click(self, pos: QPointF) -> None:
        self.vertices.append(self.canvas.viewport.pixel_to_map(pos.x(), pos.y()))
        self.canvas.update()

    def move(self, event) -> None:
        super().move(event)
        if self.vertices and not self._dragging:
            pos = event.position()
            self.hover = self.canvas.viewport.pixel_to_map(pos.x(), pos.y())
            self.canvas.update()

    def double_click(self, event) -> None:
        self.finish()  # the double-click's first click already added its vertex

    def key_press(self, event) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()
        elif event.key() == Qt.Key.Key_Escape:
            self.clear()
        elif event.key() == Qt.Key.Key_Backspace and self.vertices:
            self.vertices.pop()
        else:
            return False
        self.canvas.update()
        return True

    def finish(self) -> None:
        # Vertices a double-click put on top of each other count once.
        points: list[tuple[float, float]] = []
        for point in self.vertices:
            if not points or points[-1] != point:
                points.append(point)
        mode = self._mode
        self.clear()
        if len(points) >= 3:
            shape = shapely.make_valid(shapely.Polygon(points))
            select_shape(self.canvas, shape, mode)

    def clear(self) -> None:
        self.vertices, self.hover = [], None
        self.canvas.update()

    def deactivate(self) -> None:
        super().deactivate()
        self.clear()

    def paint(self, painter: QPainter) -> None:
        points = self.vertices + ([self.hover] if self.hover is not None else [])
        if not points:
            return
        vp = self.canvas.viewport
        pixels = [QPointF(*vp.map_to_pixel(x, y)) for x, y in points]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        fill = QColor(RUBBER_BAND)
        fill.setAlphaF(0.12)
        painter.setPen(QPen(RUBBER_BAND, 1.5, Qt.PenStyle.DashLine))
        painter.setBrush(fill)
        painter.drawPolygon(QPolygonF(pixels))
        painter.setPen(QPen(RUBBER_BAND, 1.5))
        painter.setBrush(QColor("#ffffff"))
        for p in pixels[: len(self.vertices)]:
            painter.drawEllipse(p, 3.5, 3.5)
