"""What the mouse does on the map: browse (pan and identify), zoom to a box, measure.

A tool is a QObject installed on the canvas (as QGIS's QgsMapTool): while it is the
canvas's tool it gets the mouse and key events and may paint an overlay, and what it
produces it emits as its own signals (a measurement, a place for a note). Tools change
the view only through the canvas's methods, so history and rendering stay in one place.
Every tool is registered once, in `ui/tool_registry.py`.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from yangpu_gis.model import crs, geodesy
from yangpu_gis.render.fonts import label_font
from yangpu_gis.ui.i18n import current_language

CLICK_SLOP_PX = 4.0  # a press and release closer than this is a click, not a drag
MIN_BOX_PX = 6.0
RUBBER_BAND = QColor("#1f78b4")
MEASURE_INK = QColor("#d62728")


def format_area(square_metres: float, language: str = "en") -> str:
    """Hectares with square metres beside them, as a planner reads a site's size."""
    if square_metres >= 10_000:
        return QCoreApplication.translate("MapTools", "{hectares} ({square_metres})").format(
            hectares=geodesy.format_area(square_metres, language),
            square_metres=f"{square_metres:,.0f} {'平方米' if language == 'zh' else 'm²'}",
        )
    return geodesy.format_area(square_metres, language)


class MapTool(QObject):
    name = ""
    cursor = Qt.CursorShape.ArrowCursor

    def __init__(self, canvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas

    @property
    def gesture_active(self) -> bool:
        """True while a drag is under way: the canvas renders only when it ends."""
        return False

    def press(self, event) -> None: ...
    def move(self, event) -> None: ...
    def release(self, event) -> None: ...
    def double_click(self, event) -> None: ...

    def key_press(self, event) -> bool:
        return False

    def paint(self, painter: QPainter) -> None: ...

    def deactivate(self) -> None: ...


class _DragTool(MapTool):
    """Press, then either a click (moved less than CLICK_SLOP_PX) or a drag."""

    def __init__(self, canvas) -> None:
        super().__init__(canvas)
        self._reset()

    def _reset(self) -> None:
        self._start: QPointF | None = None
        self._last: QPointF | None = None
        self._dragging = False
        self._box = False

    @property
    def gesture_active(self) -> bool:
        return self._dragging

    def press(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._start = self._last = event.position()
        self._dragging = False
        self._box = self._drags_box(event)

    def _drags_box(self, event) -> bool:
        return bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)

    def move(self, event) -> None:
        if self._start is None or not (event.buttons() & Qt.MouseButton.LeftButton):
            return
        pos = event.position()
        if not self._dragging:
            if (pos - self._start).manhattanLength() <= CLICK_SLOP_PX:
                return
            self._dragging = True
            self.canvas.setCursor(
                Qt.CursorShape.CrossCursor if self._box else Qt.CursorShape.ClosedHandCursor
            )
        if self._box:
            self.canvas.update()
        else:
            delta = pos - self._last
            self.canvas.pan_preview(delta.x(), delta.y())
        self._last = pos

    def release(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._start is None:
            return
        start, dragging, box = self._start, self._dragging, self._box
        self._reset()
        self.canvas.setCursor(self.cursor)
        pos = event.position()
        if not dragging:
            self.click(pos)
        elif box:
            rect = QRectF(start, pos).normalized()
            if rect.width() >= MIN_BOX_PX and rect.height() >= MIN_BOX_PX:
                self.canvas.zoom_to_pixel_rect(rect)
            else:
                self.canvas.end_gesture()
        else:
            self.canvas.end_gesture()

    def click(self, pos: QPointF) -> None: ...

    def paint(self, painter: QPainter) -> None:
        if self._dragging and self._box and self._start is not None and self._last is not None:
            rect = QRectF(self._start, self._last).normalized()
            painter.setPen(QPen(RUBBER_BAND, 1.5, Qt.PenStyle.DashLine))
            fill = QColor(RUBBER_BAND)
            fill.setAlphaF(0.12)
            painter.setBrush(fill)
            painter.drawRect(rect)

    def deactivate(self) -> None:
        self._reset()


class BrowseTool(_DragTool):
    """Drag pans, shift-drag zooms to a box, a click identifies."""

    name = "browse"
    cursor = Qt.CursorShape.OpenHandCursor

    def click(self, pos: QPointF) -> None:
        self.canvas.identify_at(pos)


class ZoomBoxTool(_DragTool):
    """Drag a box to zoom to it; a click zooms in twofold there."""

    name = "zoom_box"
    cursor = Qt.CursorShape.CrossCursor

    def _drags_box(self, event) -> bool:
        return True

    def click(self, pos: QPointF) -> None:
        self.canvas.zoom_at(2.0, pos)


class MeasureTool(_DragTool):
    """Click vertices; double-click or Enter finishes, Esc clears, Backspace drops the last.

    Dragging still pans. Lengths and areas are geodesic, on the WGS84 ellipsoid.
    """

    cursor = Qt.CursorShape.CrossCursor
    measure_changed = Signal(str)  # the figure shown, "" when cleared

    def __init__(self, canvas, area: bool) -> None:
        super().__init__(canvas)
        self.area = area
        self.name = "measure_area" if area else "measure_line"
        self.vertices: list[tuple[float, float]] = []  # display CRS, so they stay put on pans
        self.hover: tuple[float, float] | None = None
        self.finished = False

    def _drags_box(self, event) -> bool:
        return False

    def click(self, pos: QPointF) -> None:
        if self.finished:
            self.vertices, self.finished = [], False
        self.vertices.append(self.canvas.viewport.pixel_to_map(pos.x(), pos.y()))
        self._report()

    def move(self, event) -> None:
        super().move(event)
        if not self.finished and not self._dragging:
            pos = event.position()
            self.hover = self.canvas.viewport.pixel_to_map(pos.x(), pos.y())
            if self.vertices:
                self._report()
                self.canvas.update()

    def double_click(self, event) -> None:
        # The double-click's first click already added its vertex.
        self.finish()

    def key_press(self, event) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()
        elif event.key() == Qt.Key.Key_Escape:
            self.clear()
        elif event.key() == Qt.Key.Key_Backspace and self.vertices and not self.finished:
            self.vertices.pop()
            self._report()
        else:
            return False
        self.canvas.update()
        return True

    def finish(self) -> None:
        if self.vertices:
            self.finished = True
            self.hover = None
            self._report()
            self.canvas.update()

    def clear(self) -> None:
        self.vertices, self.hover, self.finished = [], None, False
        self.measure_changed.emit("")
        self.canvas.update()

    def deactivate(self) -> None:
        super().deactivate()
        self.clear()

    # --- figures ------------------------------------------------------------------------

    def points(self) -> list[tuple[float, float]]:
        extra = [self.hover] if self.hover is not None and not self.finished else []
        return self.vertices + extra

    def measure(self) -> float:
        """Metres along the line, or square metres inside the polygon."""
        points = self.points()
        if not points:
            return 0.0
        xs, ys = zip(*points, strict=True)
        lons, lats = crs.transform_xy(np.array(xs), np.array(ys), crs.DISPLAY, crs.WGS84)
        if self.area:
            return geodesy.polygon_area_m2(lons, lats)
        return geodesy.polyline_length_m(lons, lats)

    def text(self) -> str:
        value = self.measure()
        language = current_language()
        return format_area(value, language) if self.area else geodesy.format_length(value, language)

    def _report(self) -> None:
        self.measure_changed.emit(self.text())

    # --- overlay ------------------------------------------------------------------------

    def paint(self, painter: QPainter) -> None:
        points = self.points()
        if not points:
            return
        vp = self.canvas.viewport
        pixels = [QPointF(*vp.map_to_pixel(x, y)) for x, y in points]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        halo = QPen(QColor(255, 255, 255, 220), 4.5)
        ink = QPen(MEASURE_INK, 2.0)
        if self.area and len(pixels) >= 3:
            fill = QColor(MEASURE_INK)
            fill.setAlphaF(0.15)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawPolygon(QPolygonF(pixels))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        outline = pixels + ([pixels[0]] if self.area and len(pixels) >= 3 else [])
        for pen in (halo, ink):
            painter.setPen(pen)
            painter.drawPolyline(QPolygonF(outline))
        painter.setPen(QPen(MEASURE_INK, 1.5))
        painter.setBrush(QColor("#ffffff"))
        for p in pixels[: len(self.vertices)]:
            painter.drawEllipse(p, 3.5, 3.5)
        if len(points) >= 2:
            self._paint_text(painter, pixels[-1], self.text())

    def _paint_text(self, painter: QPainter, at: QPointF, text: str) -> None:
        font = label_font(13, bold=True)
        metrics = QFontMetricsF(font)
        path = QPainterPath()
        path.addText(at + QPointF(10, -10 + metrics.ascent() / 2), font, text)
        painter.strokePath(path, QPen(QColor(255, 255, 255, 230), 3.5))
        painter.fillPath(path, MEASURE_INK)


class AddNoteTool(_DragTool):
    """A click asks for a review note there; dragging still pans."""

    name = "add_note"
    cursor = Qt.CursorShape.CrossCursor
    note_requested = Signal(float, float)  # lon, lat clicked

    def click(self, pos: QPointF) -> None:
        lon, lat = self.canvas.viewport.pixel_to_wgs84(pos.x(), pos.y())
        self.note_requested.emit(lon, lat)
