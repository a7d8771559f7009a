"""Paints one layer's features into a transparent image of the viewport.

Only features whose envelope meets the view are drawn (the layer's STRtree finds them).
Each is sorted by its size on screen: under a pixel it becomes a single pixel written
straight into the image; under SMALL_PX it is drawn without antialiasing and with a
one-pixel outline; larger ones are simplified to about a pixel and antialiased.
Features of one fill colour go into shared paths, cut into chunks sized so each Qt call
takes about CALL_BUDGET_S: the call holds the interpreter lock, so short calls keep the
UI thread answering while a worker draws.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import shapely
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QImage, QPainter, QPen

from yangpu_gis.render import paths, pens
from yangpu_gis.render.prepared import PreparedLayer
from yangpu_gis.render.snapshot import LayerSnapshot
from yangpu_gis.render.viewport import Viewport

TINY_PX = 1.0
SMALL_PX = 6.0
SIMPLIFY_MIN_VERTICES = 24
SIMPLIFY_PX = 0.5
CALL_BUDGET_S = 0.012
PROGRESS_INTERVAL_S = 0.25
POINT, LINE, POLYGON = 0, 1, 3  # shapely type ids of single parts (a LinearRing, 2, is a line)
_ELEMENT_LIMITS = (128, 262_144)


class Cancelled(Exception):
    pass


@dataclass
class PaintStats:
    features: int = 0
    dots: int = 0
    small: int = 0
    large: int = 0
    markers: int = 0
    vertices: int = 0  # handed to Qt, after simplification
    qt_calls: int = 0


@dataclass
class VisibleParts:
    """Single-part geometries meeting the view, with the feature row each came from."""

    geometries: np.ndarray
    rows: np.ndarray
    bounds: np.ndarray
    kinds: np.ndarray  # POINT, LINE or POLYGON


def visible_parts(layer: LayerSnapshot, prepared: PreparedLayer, viewport: Viewport,
                  margin_px: float) -> VisibleParts:
    x0, y0, x1, y1 = viewport.extent
    m = margin_px * viewport.scale
    rows = np.sort(layer.index.query(shapely.box(x0 - m, y0 - m, x1 + m, y1 + m)))
    geometries = prepared.geometries[rows]
    geometries = _clip_oversized(geometries, prepared.bounds[rows], viewport)
    geometries, rows = _explode(geometries, rows)
    keep = ~shapely.is_empty(geometries)
    geometries, rows = geometries[keep], rows[keep]
    kinds = shapely.get_type_id(geometries)
    kinds = np.where(kinds == 2, LINE, kinds)
    return VisibleParts(geometries, rows, shapely.bounds(geometries), kinds)


def _clip_oversized(geometries, bounds, viewport: Viewport):
    """Cut features reaching far beyond the view to a box one view-size around it: their
    pixel coordinates would otherwise grow huge when zoomed in, which rasterisers dislike."""
    x0, y0, x1, y1 = viewport.extent
    w, h = x1 - x0, y1 - y0
    safe = (x0 - w, y0 - h, x1 + w, y1 + h)
    over = (bounds[:, 0] < safe[0]) | (bounds[:, 1] < safe[1]) | (bounds[:, 2] > safe[2]) | (bounds[:, 3] > safe[3])
    if not over.any():
        return geometries
    geometries = geometries.copy()
    geometries[over] = shapely.clip_by_rect(geometries[over], *safe)
    return geometries


def _explode(geometries, rows):
    for _ in range(3):  # multi-parts, and collections holding multi-parts
        multi = shapely.get_type_id(geometries) >= 4
        if not multi.any():
            break
        parts, owner = shapely.get_parts(geometries[multi], return_index=True)
        geometries = np.concatenate([geometries[~multi], parts])
        rows = np.concatenate([rows[~multi], rows[multi][owner]])
        order = np.argsort(rows, kind="stable")  # keep the layer's drawing order
        geometries, rows = geometries[order], rows[order]
    return geometries, rows


@dataclass
class LayerPainter:
    layer: LayerSnapshot
    prepared: PreparedLayer
    viewport: Viewport  # in device pixels
    device_pixel_ratio: float = 1.0
    cancel: Callable[[], bool] = lambda: False
    on_progress: Callable[[QImage], None] | None = None
    stats: PaintStats = field(default_factory=PaintStats)

    def paint(self) -> QImage | None:
        """The layer's image, or None if cancelled part way."""
        vp = self.viewport
        self.image = QImage(vp.width, vp.height, QImage.Format_ARGB32_Premultiplied)
        self.image.fill(0)
        style = self.layer.style
        margin = max(style.stroke_width, style.point_size) * self.device_pixel_ratio + 2
        parts = visible_parts(self.layer, self.prepared, vp, margin)
        self.stats.features = _distinct_count(parts.rows)
        if len(parts.rows) == 0:
            return self.image
        codes, fills = self.prepared.fill_codes(style, self.layer.category_values)
        part_codes = codes[parts.rows]
        size_px = np.fmax(parts.bounds[:, 2] - parts.bounds[:, 0],
                          parts.bounds[:, 3] - parts.bounds[:, 1]) / vp.scale
        tiny = (size_px < TINY_PX) & (parts.kinds != POINT)
        self._paint_dots(parts, tiny, part_codes, fills)

        self._budgets: dict[str, int] = {}
        self._last_progress = time.perf_counter()
        painter = QPainter(self.image)
        try:
            for kind in (POLYGON, LINE):
                for is_small in (True, False):
                    size_class = (size_px < SMALL_PX) if is_small else (size_px >= SMALL_PX)
                    chosen = (parts.kinds == kind) & ~tiny & size_class
                    for code in np.unique(part_codes[chosen]):
                        group = chosen & (part_codes == code)
                        self._paint_shapes(painter, parts.geometries[group], kind, fills[code], is_small)
            points = parts.kinds == POINT
            for code in np.unique(part_codes[points]):
                self._paint_markers(painter, parts.geometries[points & (part_codes == code)], fills[code])
        except Cancelled:
            return None
        finally:
            painter.end()
        return self.image

    # --- single pixels ------------------------------------------------------------------

    def _paint_dots(self, parts: VisibleParts, tiny: np.ndarray, codes, fills) -> None:
        if not tiny.any():
            return
        style = self.layer.style
        b = parts.bounds[tiny]
        px, py = self.viewport.map_to_pixel((b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2)
        px, py = np.floor(px).astype(np.int64), np.floor(py).astype(np.int64)
        inside = (px >= 0) & (py >= 0) & (px < self.viewport.width) & (py < self.viewport.height)
        # A sub-pixel feature shows mostly as its outline; fall back to its fill.
        values = np.array([
            pens.premultiplied_argb(style.stroke) if style.stroke else
            pens.premultiplied_argb(fill, style.fill_opacity) if fill else 0
            for fill in fills
        ], np.uint32)[codes[tiny]]
        pixels = np.frombuffer(self.image.bits(), np.uint32).reshape(
            self.viewport.height, self.image.bytesPerLine() // 4)
        pixels[py[inside], px[inside]] = values[inside]
        self.stats.dots += int(inside.sum())

    # --- polygons and lines -------------------------------------------------------------

    def _paint_shapes(self, painter: QPainter, geometries, kind: int, fill: str | None,
                      small: bool) -> None:
        style = self.layer.style
        if not small:
            geometries = _simplified(geometries, SIMPLIFY_PX * self.viewport.scale)
        snap = 0.5 if small else 0.1
        if kind == POLYGON:
            outlines = paths.polygon_outlines(geometries, self.viewport, snap)
            brush = pens.fill_brush(fill, style)
        else:
            outlines = paths.line_outlines(geometries, self.viewport, snap)
            brush = QBrush(Qt.NoBrush)
        pen = pens.stroke_pen(style, self.device_pixel_ratio, thin=small)
        if small:
            passes = [(False, pen, brush)]
            mode = "small"
            self.stats.small += len(geometries)
        else:
            # Antialiased filling is what costs; where a solid outline covers the edge, a
            # plain fill underneath looks the same and is several times faster.
            if kind == POLYGON and pens.hides_fill_edge(style, self.device_pixel_ratio):
                passes = [(False, QPen(Qt.NoPen), brush), (True, pen, QBrush(Qt.NoBrush))]
            else:
                passes = [(True, pen, brush)]
            mode = "wide" if pens.has_wide_stroke(style, self.device_pixel_ratio) else "large"
            self.stats.large += len(geometries)
        self.stats.vertices += outlines.vertex_count
        first = 0
        while first < outlines.shape_count:
            self._check_cancel()
            end = outlines.end_for(first, self._budget(mode))
            path = outlines.path(first, end)
            started = time.perf_counter()
            for antialias, pass_pen, pass_brush in passes:
                painter.setRenderHint(QPainter.Antialiasing, antialias)
                painter.setPen(pass_pen)
                painter.setBrush(pass_brush)
                painter.drawPath(path)
            self._adapt(mode, int(outlines.offsets[end] - outlines.offsets[first]),
                        time.perf_counter() - started)
            first = end

    # --- point markers ------------------------------------------------------------------

    def _paint_markers(self, painter: QPainter, points, fill: str | None) -> None:
        """Round markers drawn as wide round-capped points: one Qt call per chunk."""
        style = self.layer.style
        x, y = paths.point_pixels(points, self.viewport)
        diameter = max(style.point_size * self.device_pixel_ratio, 1.0)
        outline = style.stroke_width * self.device_pixel_ratio if style.stroke else 0.0
        painter.setRenderHint(QPainter.Antialiasing, len(x) < 50_000)
        layers = []
        if outline > 0:
            layers.append((style.stroke, diameter + 2 * outline))
        if fill is not None:  # markers are opaque: a translucent fill would show the outline
            layers.append((fill, diameter))
        self.stats.markers += len(x)
        first = 0
        while first < len(x):
            self._check_cancel()
            end = min(len(x), first + self._budget("markers"))
            started = time.perf_counter()
            polygon = paths.polygon_f(x[first:end], y[first:end])
            for colour, width in layers:
                pen = QPen(pens.colour(colour))
                pen.setWidthF(width)
                pen.setCapStyle(Qt.RoundCap)
                painter.setPen(pen)
                painter.drawPoints(polygon)
            self._adapt("markers", end - first, time.perf_counter() - started)
            first = end

    # --- pacing -------------------------------------------------------------------------

    def _budget(self, mode: str) -> int:
        initial = {"small": 65_536, "large": 8192, "wide": 2048, "markers": 4096}[mode]
        return self._budgets.setdefault(mode, initial)

    def _adapt(self, mode: str, elements: int, seconds: float) -> None:
        """Aim the next call of this kind at CALL_BUDGET_S, changing at most fourfold."""
        self.stats.qt_calls += 1
        current = self._budget(mode)
        if elements >= current // 2:
            wanted = elements * CALL_BUDGET_S / max(seconds, 1e-5)
            lo, hi = _ELEMENT_LIMITS
            self._budgets[mode] = int(min(max(wanted, current / 4, lo), current * 4, hi))
        self._report_progress()

    def _report_progress(self) -> None:
        if self.on_progress is None:
            return
        now = time.perf_counter()
        if now - self._last_progress >= PROGRESS_INTERVAL_S:
            self._last_progress = now
            self.on_progress(self.image.copy())

    def _check_cancel(self) -> None:
        if self.cancel():
            raise Cancelled


def _distinct_count(sorted_rows: np.ndarray) -> int:
    return int(len(sorted_rows) and 1 + np.count_nonzero(np.diff(sorted_rows)))


def _simplified(geometries, tolerance: float):
    """Douglas-Peucker to about a pixel, only for shapes with enough vertices to gain."""
    many = shapely.get_num_coordinates(geometries) > SIMPLIFY_MIN_VERTICES
    if not many.any():
        return geometries
    geometries = geometries.copy()
    simplified = shapely.simplify(geometries[many], tolerance, preserve_topology=False)
    # A ring simplified to nothing would vanish; keep the original instead.
    geometries[many] = np.where(shapely.is_empty(simplified), geometries[many], simplified)
    return geometries
