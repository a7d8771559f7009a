"""The map canvas: shows the project's map, follows its changes, and lets the user move about.

Rendering happens on a worker (render.job); the canvas keeps showing the last finished
image, moved and scaled to the current view, until a new one arrives. Drags move that
image and render once when they end; wheel zooms scale it at once and render after a
short pause, so a burst of wheel steps costs one render.
"""

from __future__ import annotations

import math
import time

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QMenu, QToolTip, QWidget

from yangpu_gis.model import crs
from yangpu_gis.model.identify import Hit, identify
from yangpu_gis.model.project import YANGPU_EXTENT, Project, Selection
from yangpu_gis.model.view_extent import MIN_VIEW_GROUND_M
from yangpu_gis.render.decorations import draw_decorations
from yangpu_gis.render.fonts import label_font
from yangpu_gis.render.job import RenderQueue
from yangpu_gis.render.renderer import BACKGROUND
from yangpu_gis.render.snapshot import take_snapshot
from yangpu_gis.render.viewport import Viewport
from yangpu_gis.ui.i18n import current_language
from yangpu_gis.ui.map_tools import MapTool
from yangpu_gis.ui.memory import release_freed_memory_soon
from yangpu_gis.ui.panels.model_link import connect_while_alive
from yangpu_gis.ui.tool_registry import DEFAULT_TOOL, install_map_tools

IDENTIFY_MM = 2.0  # how near a click must be to a feature, on screen
MIN_ZOOM_EXTENT_M = MIN_VIEW_GROUND_M  # zooming to a point shows at least this much ground
WHEEL_STEP = 2**0.5  # zoom factor per wheel notch
WHEEL_RENDER_DELAY_MS = 220
KEY_RENDER_DELAY_MS = 120
RESIZE_RENDER_DELAY_MS = 80
PAN_KEY_FRACTION = 0.2
HISTORY_LIMIT = 100


_qt_warmed_up = False


def _warm_up_qt(project: Project) -> None:
    """Draw a tiny map once on the UI thread before any render worker starts.

    PySide builds the Python class of a Qt enum (brush styles, gradient presets…) the
    first time an overload needs it; two threads doing that at once crashed the process
    now and then (a segmentation fault during the first render). Painting here first
    builds them on one thread."""
    global _qt_warmed_up
    if _qt_warmed_up:
        return
    _qt_warmed_up = True
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QBrush, QImage, QPen

    from yangpu_gis.render.renderer import Renderer

    image = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    painter.fillRect(QRect(0, 0, 8, 8), QColor(BACKGROUND))
    painter.setPen(QPen(QColor("#000000")))
    painter.setBrush(QBrush(QColor("#ffffff")))
    painter.drawImage(QRectF(0, 0, 4, 4), image.copy())
    painter.end()
    extent = crs.transform_bounds(project.view_extent)
    Renderer(cache_bytes=0).render(take_snapshot(project), Viewport.fit(extent, 16, 16))


class MapCanvas(QWidget):
    features_identified = Signal(list)  # list[Hit], topmost first
    cursor_moved = Signal(float, float)  # lon, lat
    scale_changed = Signal(float)  # 1:N
    render_state = Signal(bool, float)  # busy, last render in ms
    viewport_changed = Signal(object)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _warm_up_qt(project)
        self.project = project
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(160, 120)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

        self.render_queue = RenderQueue(parent=self)
        self.render_queue.finished.connect(self._on_rendered)
        self.render_queue.partial.connect(self._on_partial)
        self.render_queue.failed.connect(self._on_render_failed)
        self.render_queue.busy_changed.connect(self._on_busy_changed)
        self._image: QImage | None = None
        self._image_viewport: Viewport | None = None
        self._last_render_ms = 0.0
        self._busy = False
        self._render_error: str | None = None
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.timeout.connect(self._start_render)
        self._uncommitted = False  # a wheel or key zoom not yet in the history

        self._fit_target = crs.transform_bounds(project.view_extent)
        self._viewport = Viewport.fit(self._fit_target, max(self.width(), 1), max(self.height(), 1))
        self._history: list[Viewport] = [self._viewport]
        self._history_pos = 0
        self.tools: dict[str, MapTool] = install_map_tools(self)  # each registered tool
        self.tool: MapTool = self.tools[DEFAULT_TOOL]
        self.setCursor(self.tool.cursor)

        slots = (
            (project.layers_changed, self._on_project_changed),
            (project.layer_changed, self._on_project_changed),
            (project.selection_changed, self._on_project_changed),
            (project.events.replaced, self._on_project_replaced),
            (project.events.layer_removed, self._on_layer_removed),
        )
        for signal, slot in slots:  # the project can outlive this widget: weak links
            connect_while_alive(signal, slot)
        self.schedule_render()

    def _on_layer_removed(self, layer, _index) -> None:
        self.render_queue.renderer.forget_layer(layer.id)
        release_freed_memory_soon()

    # --- the view -------------------------------------------------------------------------

    @property
    def viewport(self) -> Viewport:
        return self._viewport

    def set_viewport(self, vp: Viewport, record_history: bool = True) -> None:
        self._fit_target = None
        self._apply(self._sized(vp), record=record_history)

    def zoom_full(self) -> None:
        self.zoom_to_wgs84(YANGPU_EXTENT)

    def zoom_to_wgs84(self, bounds) -> None:
        self._zoom_to_extent(crs.transform_bounds(tuple(float(v) for v in bounds)))

    def zoom_to_layer(self, layer_id: str) -> None:
        layer = self.project.layer(layer_id)
        if layer.feature_count:
            # From the WGS84 bounds: the display geometries of a big new layer are left for
            # the render worker to build.
            self._zoom_to_extent(crs.transform_bounds(layer.bounds))

    def zoom_to_selection(self) -> None:
        selection = self.project.selection
        if selection is None or not selection.rows:
            return
        layer = self.project.layer(selection.layer_id)
        rows = np.asarray(selection.rows)
        b = layer.display.bounds[rows]
        self._zoom_to_extent(
            (float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 2].max()), float(b[:, 3].max()))
        )

    def zoom_at(self, factor: float, pos: QPointF) -> None:
        self._fit_target = None
        self._apply(self._viewport.zoomed(factor, (pos.x(), pos.y())), record=True)

    def zoom_to_pixel_rect(self, rect: QRectF) -> None:
        x0, y1 = self._viewport.pixel_to_map(rect.left(), rect.top())
        x1, y0 = self._viewport.pixel_to_map(rect.right(), rect.bottom())
        self._fit_target = None
        self._apply(
            Viewport.fit((x0, y0, x1, y1), self.width(), self.height(), margin=0.0), record=True
        )

    def back(self) -> None:
        self._commit_pending()
        if self._history_pos > 0:
            self._history_pos -= 1
            self._fit_target = None
            self._apply(self._sized(self._history[self._history_pos]), record=False)

    def forward(self) -> None:
        self._commit_pending()
        if self._history_pos < len(self._history) - 1:
            self._history_pos += 1
            self._fit_target = None
            self._apply(self._sized(self._history[self._history_pos]), record=False)

    @property
    def can_go_back(self) -> bool:
        return self._history_pos > 0 or self._uncommitted

    @property
    def can_go_forward(self) -> bool:
        return self._history_pos < len(self._history) - 1

    def _zoom_to_extent(self, extent) -> None:
        """Fit a display-CRS extent, showing at least MIN_ZOOM_EXTENT_M of ground across."""
        x0, y0, x1, y1 = extent
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        _, lat = crs.transform_xy(cx, cy, crs.DISPLAY, crs.WGS84)
        # Web Mercator metres are longer than ground metres by 1 / cos(latitude).
        half = MIN_ZOOM_EXTENT_M / 2 / math.cos(math.radians(float(lat)))
        self._fit_target = (
            min(x0, cx - half),
            min(y0, cy - half),
            max(x1, cx + half),
            max(y1, cy + half),
        )
        self._apply(Viewport.fit(self._fit_target, self.width(), self.height()), record=True)

    def _sized(self, vp: Viewport) -> Viewport:
        if (vp.width, vp.height) != (self.width(), self.height()):
            return vp.resized(self.width(), self.height())
        return vp

    def _apply(self, vp: Viewport, *, record: bool, render_delay: int | None = 0) -> None:
        """Show vp now; record it in the history; render after render_delay ms (None: not yet)."""
        changed = vp != self._viewport
        self._viewport = vp
        if record:
            self._commit_pending()
            self._record()
        if changed:
            self.viewport_changed.emit(vp)
            self.scale_changed.emit(self.scale_denominator())
        self.update()
        if render_delay is not None:
            self.schedule_render(render_delay)

    def _record(self) -> None:
        if self._history[self._history_pos] == self._viewport:
            return
        del self._history[self._history_pos + 1 :]
        self._history.append(self._viewport)
        if len(self._history) > HISTORY_LIMIT:
            del self._history[0]
        self._history_pos = len(self._history) - 1

    def _commit_pending(self) -> None:
        if self._uncommitted:
            self._uncommitted = False
            self._record()

    def scale_denominator(self) -> float:
        return self._viewport.scale_denominator(self.logicalDpiX())

    # --- gestures, used by the tools ----------------------------------------------------------

    def pan_preview(self, dx: float, dy: float) -> None:
        """Move the map by (dx, dy) pixels without rendering: the last image moves along."""
        self._fit_target = None
        self._apply(self._viewport.panned(dx, dy), record=False, render_delay=None)

    def end_gesture(self) -> None:
        """A drag ended: remember the view and render it."""
        self._apply(self._viewport, record=True)

    def identify_tolerance_px(self) -> float:
        return IDENTIFY_MM / 25.4 * self.logicalDpiX()

    def hits_at(self, pos: QPointF) -> list[Hit]:
        lon, lat = self._viewport.pixel_to_wgs84(pos.x(), pos.y())
        tolerance_m = self.identify_tolerance_px() * self._viewport.ground_metres_per_pixel()
        return identify(self.project.layers, lon, lat, tolerance_m)

    def identify_at(self, pos: QPointF) -> list[Hit]:
        """Features of visible layers near pos, topmost first; selects the first one."""
        hits = self.hits_at(QPointF(pos))
        self.project.select(Selection(hits[0].layer.id, (hits[0].row,)) if hits else None)
        self.features_identified.emit(hits)
        return hits

    def copy_coordinates(self, pos: QPointF) -> str:
        lon, lat = self._viewport.pixel_to_wgs84(pos.x(), pos.y())
        text = f"{lon:.6f}, {lat:.6f}"
        QGuiApplication.clipboard().setText(text)
        return text

    def set_tool(self, name: str) -> None:
        """Make the installed tool called name the one the mouse and keys go to."""
        tool = self.tools[name]  # a KeyError names an unregistered tool
        self.tool.deactivate()
        self.tool = tool
        self.setCursor(tool.cursor)
        self.update()

    # --- rendering ----------------------------------------------------------------------------

    def schedule_render(self, delay_ms: int = 0) -> None:
        self._render_timer.start(delay_ms)

    def _start_render(self) -> None:
        if self.tool.gesture_active:
            return  # the gesture's end renders
        self._commit_pending()
        self._render_error = None
        # Online basemap tiles are drawn as they arrive (ui.basemap_watcher redraws).
        self.render_queue.start(
            take_snapshot(self.project, wait_for_tiles=False, language=current_language()),
            self._viewport,
            device_pixel_ratio=self.devicePixelRatioF(),
        )

    def render_now(self):
        """Render on this thread and show the result; returns the image."""
        self._render_timer.stop()
        self.render_queue.cancel()
        started = time.perf_counter()
        snapshot = take_snapshot(self.project, language=current_language())
        dpr = self.devicePixelRatioF()
        image = self.render_queue.renderer.render(snapshot, self._viewport, device_pixel_ratio=dpr)
        self._last_render_ms = (time.perf_counter() - started) * 1000
        self._image, self._image_viewport = image, self._viewport
        self.render_state.emit(False, self._last_render_ms)
        self.update()
        return image

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def image(self):
        """The last map image shown (it may be of an earlier view until the next render)."""
        return self._image

    def _on_rendered(self, image, viewport, _generation, ms: float) -> None:
        self._image, self._image_viewport = image, viewport
        self._last_render_ms = ms
        self.update()

    def _on_partial(self, image, viewport, _generation) -> None:
        self._image, self._image_viewport = image, viewport
        self.update()

    def _on_render_failed(self, message: str) -> None:
        self._render_error = message
        self.update()

    def _on_busy_changed(self, busy: bool) -> None:
        self._busy = busy
        self.render_state.emit(busy, self._last_render_ms)
        self.update()

    def _on_project_changed(self, *_args) -> None:
        self.schedule_render()

    def _on_project_replaced(self) -> None:
        """Another project's content: drop what was drawn of the old layers, show the new
        project's saved view, and start a fresh history."""
        self.render_queue.cancel()
        self.render_queue.renderer.clear_cache()
        self._image = self._image_viewport = None
        target = crs.transform_bounds(self.project.view_extent)
        width, height = max(self.width(), 1), max(self.height(), 1)
        self._apply(Viewport.fit(target, width, height, margin=0), record=False)
        self._history, self._history_pos = [self._viewport], 0
        self.schedule_render()
        release_freed_memory_soon()

    # --- painting -----------------------------------------------------------------------------

    def image_rect(self) -> QRectF | None:
        """Where the last image goes on screen: it was drawn for another view, perhaps."""
        if self._image is None or self._image_viewport is None:
            return None
        shown, now = self._image_viewport, self._viewport
        x0, _, _, y1 = shown.extent
        left, top = now.map_to_pixel(x0, y1)
        ratio = shown.scale / now.scale
        return QRectF(left, top, shown.width * ratio, shown.height * ratio)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(BACKGROUND))
        target = self.image_rect()
        if target is not None and self._image is not None:
            painter.setRenderHint(
                QPainter.RenderHint.SmoothPixmapTransform, not self.tool.gesture_active
            )
            painter.drawImage(target, self._image)
        self.tool.paint(painter)
        draw_decorations(
            painter, self._viewport, self.width(), self.height(), language=current_language()
        )
        if self._busy or self._render_error:
            self._paint_status(painter)
        painter.end()

    def _paint_status(self, painter: QPainter) -> None:
        text = self.tr("Rendering…") if self._busy else self.tr("Could not draw the map")
        font = label_font(11)
        painter.setFont(font)
        rect = QRectF(10, 10, painter.fontMetrics().horizontalAdvance(text) + 16, 22)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 200))
        painter.drawRoundedRect(rect, 11, 11)
        painter.setPen(QColor("#555555") if self._busy else QColor("#b22222"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    # --- events -------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        w, h = max(self.width(), 1), max(self.height(), 1)
        if self._fit_target is not None:
            vp = Viewport.fit(self._fit_target, w, h)
        else:
            vp = self._viewport.resized(w, h)
        self._viewport = vp
        self._history[self._history_pos] = vp
        self.viewport_changed.emit(vp)
        self.scale_changed.emit(self.scale_denominator())
        self.schedule_render(RESIZE_RENDER_DELAY_MS)

    def mousePressEvent(self, event) -> None:
        self.tool.press(event)

    def mouseMoveEvent(self, event) -> None:
        pos = event.position()
        lon, lat = self._viewport.pixel_to_wgs84(pos.x(), pos.y())
        self.cursor_moved.emit(lon, lat)
        self.tool.move(event)

    def mouseReleaseEvent(self, event) -> None:
        self.tool.release(event)

    def mouseDoubleClickEvent(self, event) -> None:
        self.tool.double_click(event)

    def wheelEvent(self, event) -> None:
        notches = event.angleDelta().y() / 120
        if notches == 0:
            return
        pos = event.position()
        self._fit_target = None
        self._uncommitted = True
        self._apply(
            self._viewport.zoomed(WHEEL_STEP**notches, (pos.x(), pos.y())),
            record=False,
            render_delay=WHEEL_RENDER_DELAY_MS,
        )
        event.accept()

    def keyPressEvent(self, event) -> None:
        if self.tool.key_press(event):
            return
        key, w, h = event.key(), self.width(), self.height()
        moves = {
            Qt.Key.Key_Left: (w * PAN_KEY_FRACTION, 0),
            Qt.Key.Key_Right: (-w * PAN_KEY_FRACTION, 0),
            Qt.Key.Key_Up: (0, h * PAN_KEY_FRACTION),
            Qt.Key.Key_Down: (0, -h * PAN_KEY_FRACTION),
        }
        if key in moves:
            vp = self._viewport.panned(*moves[key])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            vp = self._viewport.zoomed(2.0)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            vp = self._viewport.zoomed(0.5)
        else:
            super().keyPressEvent(event)
            return
        self._fit_target = None
        self._uncommitted = True
        self._apply(vp, record=False, render_delay=KEY_RENDER_DELAY_MS)

    def context_menu(self, pos: QPointF) -> QMenu:
        pos = QPointF(pos)
        menu = QMenu(self)
        menu.addAction(self.tr("Identify here"), lambda: self.identify_at(pos))
        menu.addAction(self.tr("Zoom in here"), lambda: self.zoom_at(2.0, pos))
        menu.addAction(self.tr("Copy coordinates"), lambda: self.copy_coordinates(pos))
        return menu

    def contextMenuEvent(self, event) -> None:
        menu = self.context_menu(QPointF(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            self._show_feature_tip(event.pos(), event.globalPos())
            return True
        return super().event(event)

    def _show_feature_tip(self, pos: QPoint, global_pos: QPoint) -> None:
        hits = self.hits_at(QPointF(pos))
        if hits:
            QToolTip.showText(global_pos, hits[0].name, self)
        elif self._render_error:
            QToolTip.showText(global_pos, self._render_error, self)
        else:
            QToolTip.hideText()

    def leaveEvent(self, event) -> None:
        QToolTip.hideText()
        super().leaveEvent(event)
