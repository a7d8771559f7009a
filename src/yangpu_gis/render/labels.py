"""Feature labels: where they go, which ones fit, and how they are drawn.

Candidates come from every labelled visible layer, topmost layer first and, within a
layer, the biggest feature on screen first. A label that would overlap one already placed
is skipped. Text is drawn as outlines with a halo so it reads on any fill.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPen

from yangpu_gis.render import pens
from yangpu_gis.render.fonts import label_font
from yangpu_gis.render.prepared import PreparedLayer
from yangpu_gis.render.snapshot import LayerSnapshot
from yangpu_gis.render.viewport import Viewport

MIN_FEATURE_PX = 4.0  # smaller features are not labelled
MAX_CANDIDATES = 1500  # per layer, biggest first
MAX_CHARS = 48
HALO_PX = 3.0
GRID_PX = 64


@dataclass(frozen=True)
class LabelLook:
    pixel_size: float
    colour: str
    halo: str
    bold: bool = False
    italic: bool = False


LOOKS = {
    "district": LabelLook(15, "#7a7263", "#f7f3e8", bold=True),
    "river": LabelLook(13, "#2c6c9c", "#e4eff7", italic=True),
    "site": LabelLook(12, "#3d2410", "#ffffff", bold=True),
}
DEFAULT_LOOK = LabelLook(12, "#2b2b2b", "#ffffff")


@dataclass(frozen=True)
class Candidate:
    text: str
    x: float  # anchor, device pixels
    y: float
    beside: float = 0.0  # > 0: put the text right of the anchor by this much (point markers)


@dataclass(frozen=True)
class PlacedLabel:
    text: str
    baseline: QPointF  # of the first line
    box: QRectF
    look: LabelLook
    lines: tuple[tuple[str, QPointF], ...] = ()  # each line with its baseline, centred


def layer_candidates(
    layer: LayerSnapshot,
    prepared: PreparedLayer,
    viewport: Viewport,
    device_pixel_ratio: float = 1.0,
) -> list[Candidate]:
    if layer.label_values is None:
        return []
    x0, y0, x1, y1 = viewport.extent
    rows = prepared.display.query((x0, y0, x1, y1))
    if len(rows) == 0:
        return []
    b = prepared.bounds[rows]
    size_px = np.fmax(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]) / viewport.scale
    types = prepared.display.type_ids[rows]
    points = (types == 0) | (types == 4)
    keep = points | (size_px >= MIN_FEATURE_PX)
    rows, types, points, size_px = rows[keep], types[keep], points[keep], size_px[keep]
    if len(rows) > 4 * MAX_CANDIDATES:  # only the biggest can win places: skip the rest early
        biggest = np.sort(np.argpartition(-size_px, 4 * MAX_CANDIDATES)[: 4 * MAX_CANDIDATES])
        rows, types, points = rows[biggest], types[biggest], points[biggest]
    texts = [_text(v) for v in layer.label_values[rows]]
    has_text = np.array([t is not None for t in texts], bool)
    rows, types, points = rows[has_text], types[has_text], points[has_text]
    texts = [t for t in texts if t is not None]
    if len(rows) == 0:
        return []
    geometries = prepared.geometries(rows)
    clipped = shapely.clip_by_rect(geometries, x0, y0, x1, y1)
    polygons = (types == 3) | (types == 6)
    lines = (types == 1) | (types == 2) | (types == 5)
    weight = np.zeros(len(rows))
    weight[polygons] = shapely.area(clipped[polygons])
    weight[lines] = shapely.length(clipped[lines]) * viewport.scale
    anchors = shapely.centroid(clipped)
    anchors[polygons] = shapely.point_on_surface(clipped[polygons])
    anchors[lines] = shapely.line_interpolate_point(clipped[lines], 0.5, normalized=True)
    anchors[points] = shapely.centroid(geometries[points])
    order = np.argsort(-weight, kind="stable")[:MAX_CANDIDATES]
    xy = (
        shapely.get_coordinates(anchors[order], include_z=False) if len(order) else np.empty((0, 2))
    )
    valid = ~shapely.is_empty(anchors[order])
    px, py = viewport.map_to_pixel(xy[:, 0], xy[:, 1])
    beside = (layer.style.point_size / 2 + 4) * device_pixel_ratio
    result, k = [], 0
    for i, is_valid in zip(order, valid, strict=True):
        if not is_valid:
            continue
        result.append(Candidate(texts[i], float(px[k]), float(py[k]), beside if points[i] else 0.0))
        k += 1
    return result


def _positions(c: Candidate, width: float, height: float, pad: float):
    """Top-left corners to try, best first: centred on a shape (then just above or below
    the centre), or right, left, above or below a point marker."""
    step = height + 2 * pad + 1  # clear of a label at the centre, halos included
    if c.beside:
        yield c.x + c.beside, c.y - height / 2
        yield c.x - c.beside - width, c.y - height / 2
        yield c.x - width / 2, c.y - c.beside - height
        yield c.x - width / 2, c.y + c.beside
    else:
        yield c.x - width / 2, c.y - height / 2
        yield c.x - width / 2, c.y - height / 2 - step
        yield c.x - width / 2, c.y - height / 2 + step


def _text(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    lines = [" ".join(line.split()) for line in str(value).splitlines()]
    lines = [
        line if len(line) <= MAX_CHARS else line[: MAX_CHARS - 1] + "…" for line in lines if line
    ]
    return "\n".join(lines) or None


class LabelPlacer:
    """First come, first placed: a label that would overlap one already placed is skipped."""

    def __init__(
        self,
        width: float,
        height: float,
        device_pixel_ratio: float = 1.0,
        font_family: str | None = None,
    ) -> None:
        self.width, self.height = width, height
        self.dpr = device_pixel_ratio
        self.family = font_family
        self.placed: list[PlacedLabel] = []
        self._grid: dict[tuple[int, int], list[QRectF]] = {}
        self._fonts: dict[LabelLook, tuple] = {}

    def font_for(self, look: LabelLook):
        if look not in self._fonts:
            font = label_font(
                look.pixel_size * self.dpr, bold=look.bold, italic=look.italic, family=self.family
            )
            self._fonts[look] = (font, QFontMetricsF(font))
        return self._fonts[look]

    def add(self, candidates: list[Candidate], look: LabelLook) -> None:
        _, metrics = self.font_for(look)
        pad = HALO_PX * self.dpr
        line_height = metrics.ascent() + metrics.descent()
        for c in candidates:
            texts = c.text.split("\n")
            widths = [metrics.horizontalAdvance(t) for t in texts]
            width = max(widths)
            height = line_height * len(texts)
            for left, top in _positions(c, width, height, pad):
                box = QRectF(left - pad, top - pad, width + 2 * pad, height + 2 * pad)
                if self._inside(box) and not self._collides(box):
                    self._remember(box)
                    lines = tuple(
                        (
                            t,
                            QPointF(
                                left + (width - w) / 2, top + i * line_height + metrics.ascent()
                            ),
                        )
                        for i, (t, w) in enumerate(zip(texts, widths, strict=True))
                    )
                    self.placed.append(PlacedLabel(c.text, lines[0][1], box, look, lines))
                    break

    def _inside(self, box: QRectF) -> bool:
        margin = 2 * self.dpr
        return (
            box.left() >= margin
            and box.top() >= margin
            and box.right() <= self.width - margin
            and box.bottom() <= self.height - margin
        )

    def _cells(self, box: QRectF):
        size = GRID_PX * self.dpr
        for gx in range(int(box.left() // size), int(box.right() // size) + 1):
            for gy in range(int(box.top() // size), int(box.bottom() // size) + 1):
                yield gx, gy

    def _collides(self, box: QRectF) -> bool:
        return any(
            box.intersects(other) for cell in self._cells(box) for other in self._grid.get(cell, ())
        )

    def _remember(self, box: QRectF) -> None:
        for cell in self._cells(box):
            self._grid.setdefault(cell, []).append(box)


def paint_labels(
    painter: QPainter,
    placer: LabelPlacer,
    cancel: Callable[[], bool] = lambda: False,
    batch: int = 48,
) -> bool:
    """Draw the placed labels, halo first; False if cancelled part way."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    by_look: dict[LabelLook, list[PlacedLabel]] = {}
    for label in placer.placed:
        by_look.setdefault(label.look, []).append(label)
    for look, labels in by_look.items():
        font, _ = placer.font_for(look)
        halo = QPen(pens.colour(look.halo, 0.92))
        halo.setWidthF(HALO_PX * placer.dpr)
        halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        fill = pens.colour(look.colour)
        for start in range(0, len(labels), batch):
            if cancel():
                return False
            # One path per label: antialiased stroking cost grows with the area a path
            # spans, and one path for many labels spread over the map took four times as
            # long. Placed labels never overlap, so their halos look the same either way.
            for label in labels[start : start + batch]:
                path = QPainterPath()
                for text, baseline in label.lines or ((label.text, label.baseline),):
                    path.addText(baseline, font, text)
                painter.strokePath(path, halo)
                painter.fillPath(path, fill)
    return True


def look_for(layer: LayerSnapshot) -> LabelLook:
    return LOOKS.get(layer.kind, DEFAULT_LOOK)
