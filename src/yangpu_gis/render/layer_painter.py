"""Paints one layer's features into a transparent image of the viewport.

Only features whose envelope meets the view are drawn (the layer's index finds them).
Each is sorted by its size on screen: under a pixel it becomes a single pixel written
straight into the image; simple shapes under STAMP_PX are stamped into the image with
NumPy (the pixels their outline crosses, and their middle); under SMALL_PX they are drawn
without antialiasing and with a one-pixel outline; larger ones are antialiased (and
simplified to about a pixel when they have many vertices). Simple features (one ring or
line of a few vertices: footprints, parcels) go from the layer's flat display coordinates
to Qt with no shapely object made; the others are reprojected shapely geometries.
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
STAMP_PX = 4.0
STAMP_CHUNK = 32_768  # shapes stamped per NumPy pass
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
    stamps: int = 0  # small simple features stamped with NumPy (also counted as small)
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


def visible_rows(prepared: PreparedLayer, viewport: Viewport, margin_px: float) -> np.ndarray:
    x0, y0, x1, y1 = viewport.extent
    m = margin_px * viewport.scale
    return prepared.display.query((x0 - m, y0 - m, x1 + m, y1 + m))


def visible_parts(
    layer: LayerSnapshot,
    prepared: PreparedLayer,
    viewport: Viewport,
    margin_px: float,
    rows: np.ndarray | None = None,
) -> VisibleParts:
    """Single parts of the given rows (default: every row in view) as shapely geometries."""
    if rows is None:
        rows = visible_rows(prepared, viewport, margin_px)
    geometries = prepared.geometries(rows)
    geometries = _clip_oversized(geometries, prepared.bounds[rows], viewport)
    geometries, rows = _explode(geometries, rows)
    keep = ~shapely.is_empty(geometries)
    geometries, rows = geometries[keep], rows[keep]
    kinds = shapely.get_type_id(geometries)
    kinds = np.where(kinds == 2, LINE, kinds)
    return VisibleParts(geometries, rows, shapely.bounds(geometries), kinds)


def _safe_box(viewport: Viewport):
    x0, y0, x1, y1 = viewport.extent
    w, h = x1 - x0, y1 - y0
    return (x0 - w, y0 - h, x1 + w, y1 + h)


def _oversized(bounds, viewport: Viewport) -> np.ndarray:
    safe = _safe_box(viewport)
    return (
        (bounds[:, 0] < safe[0])
        | (bounds[:, 1] < safe[1])
        | (bounds[:, 2] > safe[2])
        | (bounds[:, 3] > safe[3])
    )


def _clip_oversized(geometries, bounds, viewport: Viewport):
    """Cut features reaching far beyond the view to a box one view-size around it: their
    pixel coordinates would otherwise grow huge when zoomed in, which rasterisers dislike."""
    safe = _safe_box(viewport)
    over = _oversized(bounds, viewport)
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
        self.image = QImage(vp.width, vp.height, QImage.Format.Format_ARGB32_Premultiplied)
        self.image.fill(0)
        style = self.layer.style
        margin = max(style.stroke_width, style.point_size) * self.device_pixel_ratio + 2
        display = self.prepared.display
        rows = visible_rows(self.prepared, vp, margin)
        self.stats.features = len(rows)
        if len(rows) == 0:
            return self.image
        codes, fills = self.prepared.fill_codes(style, self.layer.category_values)
        flat = display.simple[rows] & ~_oversized(self.prepared.bounds[rows], vp)
        flat_rows = rows[flat]
        parts = visible_parts(self.layer, self.prepared, vp, margin, rows[~flat])

        flat_size = _size_px(self.prepared.bounds[flat_rows], vp.scale)
        part_size = _size_px(parts.bounds, vp.scale)
        flat_codes, part_codes = codes[flat_rows], codes[parts.rows]
        flat_kind = np.where(display.is_polygon[flat_rows], POLYGON, LINE)
        part_tiny = (part_size < TINY_PX) & (parts.kinds != POINT)
        flat_tiny = flat_size < TINY_PX
        stamped = ~flat_tiny & (flat_size < STAMP_PX)
        try:  # a cancel while stamping is a cancel too, not an error to log
            self._paint_dots(
                np.concatenate(
                    [parts.bounds[part_tiny], self.prepared.bounds[flat_rows[flat_tiny]]]
                ),
                np.concatenate([part_codes[part_tiny], flat_codes[flat_tiny]]),
                fills,
            )
            self._paint_stamps(flat_rows[stamped], flat_codes[stamped], flat_kind[stamped], fills)
        except Cancelled:
            return None

        self._budgets: dict[str, int] = {}
        self._last_progress = time.perf_counter()
        painter = QPainter(self.image)
        try:
            for kind in (POLYGON, LINE):
                for is_small in (True, False):
                    in_class = (flat_size < SMALL_PX) if is_small else (flat_size >= SMALL_PX)
                    chosen_flat = (flat_kind == kind) & ~flat_tiny & ~stamped & in_class
                    in_class = (part_size < SMALL_PX) if is_small else (part_size >= SMALL_PX)
                    chosen = (parts.kinds == kind) & ~part_tiny & in_class
                    for code in _codes_present(
                        np.concatenate([flat_codes[chosen_flat], part_codes[chosen]])
                    ):
                        group = flat_rows[chosen_flat & (flat_codes == code)]
                        if len(group):
                            self._draw(
                                painter, self._flat_outlines(group), kind, fills[code], is_small
                            )
                        shapes = parts.geometries[chosen & (part_codes == code)]
                        if len(shapes):
                            self._paint_shapes(painter, shapes, kind, fills[code], is_small)
            points = parts.kinds == POINT
            for code in _codes_present(part_codes[points]):
                self._paint_markers(
                    painter, parts.geometries[points & (part_codes == code)], fills[code]
                )
        except Cancelled:
            return None
        finally:
            painter.end()
        return self.image

    # --- single pixels and stamps -------------------------------------------------------

    def _pixels(self) -> np.ndarray:
        return np.frombuffer(self.image.bits(), np.uint32).reshape(
            self.viewport.height, self.image.bytesPerLine() // 4
        )

    def _outline_values(self, fills) -> np.ndarray:
        """Per fill code, the pixel value of a feature too small to show more than its edge."""
        style = self.layer.style
        return np.array(
            [
                pens.premultiplied_argb(style.stroke)
                if style.stroke
                else pens.premultiplied_argb(fill, style.fill_opacity)
                if fill
                else 0
                for fill in fills
            ],
            np.uint32,
        )

    def _put(self, px: np.ndarray, py: np.ndarray, values: np.ndarray) -> int:
        px, py = np.floor(px), np.floor(py)
        inside = (px >= 0) & (py >= 0) & (px < self.viewport.width) & (py < self.viewport.height)
        pixels = self._pixels()
        # One flat index rather than two: NumPy's 1-D fancy assignment is much the faster.
        at = py[inside].astype(np.int64) * pixels.shape[1] + px[inside].astype(np.int64)
        pixels.reshape(-1)[at] = values[inside]
        return len(at)

    def _paint_dots(self, bounds: np.ndarray, codes: np.ndarray, fills) -> None:
        if len(bounds) == 0:
            return
        b = bounds
        px, py = self.viewport.map_to_pixel((b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2)
        # A sub-pixel feature shows mostly as its outline; fall back to its fill.
        self.stats.dots += self._put(px, py, self._outline_values(fills)[codes])

    def _paint_stamps(self, rows: np.ndarray, codes: np.ndarray, kinds: np.ndarray, fills) -> None:
        """Shapes of one to STAMP_PX pixels, drawn as Qt would without antialiasing: the
        middle pixel in the fill, then every pixel the outline passes through."""
        # In chunks: small temporaries stay in the processor's cache and the allocator's
        # pool (whole-layer arrays cost more in fresh memory than in arithmetic).
        for first in range(0, len(rows), STAMP_CHUNK):
            self._check_cancel()
            chunk = slice(first, first + STAMP_CHUNK)
            self._stamp(rows[chunk], codes[chunk], kinds[chunk], fills)
        self.stats.stamps += len(rows)
        self.stats.small += len(rows)

    def _stamp(self, rows: np.ndarray, codes: np.ndarray, kinds: np.ndarray, fills) -> None:
        style = self.layer.style
        display, vp = self.prepared.display, self.viewport
        b = self.prepared.bounds[rows]
        polygons = kinds == POLYGON
        if style.stroke and polygons.any():
            fill_values = np.array(
                [pens.premultiplied_argb(f, style.fill_opacity) if f else 0 for f in fills],
                np.uint32,
            )[codes[polygons]]
            bp = b[polygons]
            cx, cy = vp.map_to_pixel((bp[:, 0] + bp[:, 2]) / 2, (bp[:, 1] + bp[:, 3]) / 2)
            # The middle pixel; shapes of two pixels and more have room inside: the four
            # pixels around the middle.
            roomy = _size_px(bp, vp.scale) >= 2.5
            has_fill = fill_values != 0
            one = has_fill & ~roomy
            self._put(cx[one], cy[one], fill_values[one])
            four = has_fill & roomy
            cx, cy, fill_values = cx[four], cy[four], fill_values[four]
            for sx, sy in ((-0.5, -0.5), (0.5, -0.5), (-0.5, 0.5), (0.5, 0.5)):
                self._put(cx + sx, cy + sy, fill_values)
        index, lengths = _vertex_index(display.offsets, rows)
        px, py = vp.map_to_pixel(display.x[index], display.y[index])
        values = np.repeat(self._outline_values(fills)[codes], lengths)
        # Points along each edge, at most a pixel apart (edges here are under STAMP_PX long).
        last = np.zeros(len(index), bool)
        last[np.cumsum(lengths) - 1] = True
        dx, dy = np.diff(px, append=0.0), np.diff(py, append=0.0)
        steps = np.where(last, 0, np.ceil(np.fmax(np.abs(dx), np.abs(dy)))).astype(np.int64)
        xs, ys, vs = [px], [py], [values]
        longer = np.flatnonzero(steps > 1)  # most edges here are a pixel or less
        for k in range(1, int(min(steps.max(initial=0), 8))):
            longer = longer[steps[longer] > k]
            t = k / steps[longer]
            xs.append(px[longer] + dx[longer] * t)
            ys.append(py[longer] + dy[longer] * t)
            vs.append(values[longer])
        self._put(np.concatenate(xs), np.concatenate(ys), np.concatenate(vs))

    # --- polygons and lines -------------------------------------------------------------

    def _flat_outlines(self, rows: np.ndarray) -> paths.Outlines:
        """Pixel outlines of simple features straight from the layer's flat coordinates
        (rings there already run one way round, as the winding fill rule wants)."""
        display = self.prepared.display
        index, lengths = _vertex_index(display.offsets, rows)
        x, y = self.viewport.map_to_pixel(display.x[index], display.y[index])
        offsets = np.zeros(len(rows) + 1, np.int64)
        np.cumsum(lengths, out=offsets[1:])
        starts = np.zeros(len(index), bool)
        starts[offsets[:-1]] = True
        return paths.Outlines(x, y, starts, offsets)

    def _paint_shapes(
        self, painter: QPainter, geometries, kind: int, fill: str | None, small: bool
    ) -> None:
        if not small:
            geometries = _simplified(geometries, SIMPLIFY_PX * self.viewport.scale)
        snap = 0.5 if small else 0.1
        if kind == POLYGON:
            outlines = paths.polygon_outlines(geometries, self.viewport, snap)
        else:
            outlines = paths.line_outlines(geometries, self.viewport, snap)
        self._draw(painter, outlines, kind, fill, small)

    def _draw(
        self, painter: QPainter, outlines: paths.Outlines, kind: int, fill: str | None, small: bool
    ) -> None:
        style = self.layer.style
        if kind == LINE and style.colour_field is not None and fill is not None:
            style = style.with_(stroke=fill)  # lines show their category or class colour
        brush = pens.fill_brush(fill, style) if kind == POLYGON else QBrush(Qt.BrushStyle.NoBrush)
        pen = pens.stroke_pen(style, self.device_pixel_ratio, thin=small)
        if small:
            passes = [(False, pen, brush)]
            mode = "small"
            self.stats.small += outlines.shape_count
        else:
            # Antialiased filling is what costs; where a solid outline covers the edge, a
            # plain fill underneath looks the same and is several times faster.
            if kind == POLYGON and pens.hides_fill_edge(style, self.device_pixel_ratio):
                passes = [
                    (False, QPen(Qt.PenStyle.NoPen), brush),
                    (True, pen, QBrush(Qt.BrushStyle.NoBrush)),
                ]
            else:
                passes = [(True, pen, brush)]
            mode = "wide" if pens.has_wide_stroke(style, self.device_pixel_ratio) else "large"
            self.stats.large += outlines.shape_count
        self.stats.vertices += outlines.vertex_count
        first = 0
        while first < outlines.shape_count:
            self._check_cancel()
            end = outlines.end_for(first, self._budget(mode))
            path = outlines.path(first, end)
            started = time.perf_counter()
            for antialias, pass_pen, pass_brush in passes:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialias)
                painter.setPen(pass_pen)
                painter.setBrush(pass_brush)
                painter.drawPath(path)
            self._adapt(
                mode,
                int(outlines.offsets[end] - outlines.offsets[first]),
                time.perf_counter() - started,
            )
            first = end

    # --- point markers ------------------------------------------------------------------

    def _paint_markers(self, painter: QPainter, points, fill: str | None) -> None:
        """Round markers drawn as wide round-capped points: one Qt call per chunk."""
        style = self.layer.style
        x, y = paths.point_pixels(points, self.viewport)
        diameter = max(style.point_size * self.device_pixel_ratio, 1.0)
        outline = style.stroke_width * self.device_pixel_ratio if style.stroke else 0.0
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, len(x) < 50_000)
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
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
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


def _size_px(bounds: np.ndarray, scale: float) -> np.ndarray:
    return np.fmax(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1]) / scale


def _vertex_index(offsets: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions in the flat coordinate arrays of the given rows' vertices, and the count
    per row."""
    starts, lengths = offsets[rows], offsets[rows + 1] - offsets[rows]
    firsts = np.cumsum(lengths) - lengths
    index = np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(starts - firsts, lengths)
    return index, lengths


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


def _codes_present(codes: np.ndarray) -> np.ndarray:
    """The distinct fill codes (small non-negative ints), ascending. np.unique would do,
    but imports numpy.ma on first use: 40 ms of every `render` command."""
    return np.flatnonzero(np.bincount(codes)) if len(codes) else codes
