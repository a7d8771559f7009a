"""Feature labels: where they go, which ones fit, and how they are drawn.

Candidates come from every labelled visible layer, topmost layer first (districts last,
so the smaller features inside them win) and, within a layer, the biggest feature on
screen first. A label that would overlap one already placed is skipped, and so is one
that would read as another feature's (render.label_rules). A label near the edge of the
map is moved inwards while it still lies on its feature. Text is drawn as outlines with a
halo so it reads on any fill.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPen

from yangpu_gis.model.layer import LayerKind
from yangpu_gis.render import pens
from yangpu_gis.render.fonts import label_font
from yangpu_gis.render.label_rules import FeatureSpace
from yangpu_gis.render.prepared import PreparedLayer
from yangpu_gis.render.snapshot import LayerSnapshot
from yangpu_gis.render.viewport import Viewport

MIN_FEATURE_PX = 4.0  # smaller features are not labelled
MAX_CANDIDATES = 1500  # per layer, biggest first
MAX_CHARS = 48
HALO_PX = 3.0  # the halo's pen width: it reaches half of it beyond the glyphs
# A label's box is its text and its halo: two labels' halos may touch, never their text.
BOX_PAD_PX = HALO_PX / 2
GRID_PX = 64
MAX_MOVED = 2  # labels a left-over label may move out of its way


@dataclass(frozen=True)
class LabelLook:
    pixel_size: float
    colour: str
    halo: str
    bold: bool = False
    italic: bool = False


LOOKS: dict[str, LabelLook] = {  # by LayerKind (a StrEnum: kinds as text match)
    LayerKind.DISTRICT: LabelLook(15, "#7a7263", "#f7f3e8", bold=True),
    LayerKind.RIVER: LabelLook(13, "#2c6c9c", "#e4eff7", italic=True),
    LayerKind.SITE: LabelLook(12, "#3d2410", "#ffffff", bold=True),
}
DEFAULT_LOOK = LabelLook(12, "#2b2b2b", "#ffffff")


@dataclass(frozen=True)
class Candidate:
    text: str
    x: float  # anchor, device pixels
    y: float
    beside: float = 0.0  # > 0: put the text right of the anchor by this much (point markers)
    geometry: object = None  # the feature clipped to the view, display CRS
    is_area: bool = False
    source: tuple = ()  # (layer id, row)
    size: float = 0.0  # the whole area (not clipped to the view)
    feature: int = -1  # index in the placer's FeatureSpace
    extent: tuple = ()  # an area's (left, top, right, bottom) on screen, device pixels


@dataclass(frozen=True)
class PlacedLabel:
    text: str
    baseline: QPointF  # of the first line
    box: QRectF
    look: LabelLook
    lines: tuple[tuple[str, QPointF], ...] = ()  # each line with its baseline, centred
    source: tuple = ()  # (layer id, row) of the feature it names


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
    whole = np.zeros(len(rows))
    whole[polygons] = shapely.area(geometries[polygons])
    weight[lines] = shapely.length(clipped[lines]) * viewport.scale
    anchors = shapely.centroid(clipped)
    anchors[polygons] = shapely.point_on_surface(clipped[polygons])
    anchors[lines] = shapely.line_interpolate_point(clipped[lines], 0.5, normalized=True)
    anchors[points] = shapely.centroid(geometries[points])
    clipped[points] = geometries[points]
    order = np.argsort(-weight, kind="stable")[:MAX_CANDIDATES]
    xy = (
        shapely.get_coordinates(anchors[order], include_z=False) if len(order) else np.empty((0, 2))
    )
    valid = ~shapely.is_empty(anchors[order])
    px, py = viewport.map_to_pixel(xy[:, 0], xy[:, 1])
    # Each area's extent on screen (y down): a label wider than its area may go beside it.
    extents = shapely.bounds(clipped[order])
    ex0, ey0 = viewport.map_to_pixel(extents[:, 0], extents[:, 3])
    ex1, ey1 = viewport.map_to_pixel(extents[:, 2], extents[:, 1])
    beside = (layer.style.point_size / 2 + 4) * device_pixel_ratio
    result, k = [], 0
    for n, (i, is_valid) in enumerate(zip(order, valid, strict=True)):
        if not is_valid:
            continue
        extent = (float(ex0[n]), float(ey0[n]), float(ex1[n]), float(ey1[n]))
        result.append(
            Candidate(
                texts[i],
                float(px[k]),
                float(py[k]),
                beside if points[i] else 0.0,
                clipped[i],
                bool(polygons[i]),
                (layer.id, int(rows[i])),
                float(whole[i]),
                extent=extent if polygons[i] else (),
            )
        )
        k += 1
    return result


def label_order(labelled: list[LayerSnapshot]) -> list[LayerSnapshot]:
    """The order labels are placed in: topmost layer first, and the layers whose labels
    go last (the districts: LayerKind.labels_placed_last) after the rest."""
    top_first = list(reversed(labelled))
    return [la for la in top_first if not la.labels_last] + [
        la for la in top_first if la.labels_last
    ]


def marker_shapes(
    layers: list[LayerSnapshot],
    prepared_of: Callable[[LayerSnapshot], PreparedLayer],
    viewport: Viewport,
    device_pixel_ratio: float = 1.0,
) -> list:
    """The pins drawn over the labels (review notes) in view, as discs in the display
    CRS a pixel wider than drawn: labels keep off them rather than lie under them."""
    shapes: list = []
    for layer in layers:
        if not layer.above_labels:
            continue
        prepared = prepared_of(layer)
        rows = prepared.display.query(viewport.extent)
        if len(rows) == 0:
            continue
        radius = (layer.style.point_size / 2 + 1) * device_pixel_ratio * viewport.scale
        discs = shapely.buffer(prepared.geometries(rows), radius, quad_segs=2)
        shapes.extend(d for d in discs if d is not None and not shapely.is_empty(d))
    return shapes


def place_labels(
    placer: LabelPlacer,
    layers: list[tuple[LayerSnapshot, list[Candidate]]],
    viewport: Viewport,
    markers: list | tuple = (),
) -> None:
    """Place every layer's candidates (in label_order) with the honesty rules, off the
    markers (marker_shapes)."""
    flat = [c for _, candidates in layers for c in candidates]
    placer.space = FeatureSpace(
        viewport,
        [c.geometry for c in flat],
        [c.is_area for c in flat],
        [c.size for c in flat],
        markers,
    )
    k = 0
    for layer, candidates in layers:
        numbered = [replace(c, feature=k + i) for i, c in enumerate(candidates)]
        k += len(candidates)
        # A feature inside another is named first, so the outer one's label goes around it.
        depth = [len(placer.space.containers(c.feature)) if c.is_area else 0 for c in numbered]
        order = sorted(range(len(numbered)), key=lambda i: -depth[i])
        placer.add([numbered[i] for i in order], look_for(layer))


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


def _beside_area(c: Candidate, width: float, height: float, pad: float):
    """Top-left corners right, left, above and below an area, on what holds it
    (FeatureSpace.honest): a small site whose name finds no room on it gets it beside."""
    left, top, right, bottom = c.extent
    gap = pad + 2
    yield right + gap, c.y - height / 2
    yield left - gap - width, c.y - height / 2
    yield c.x - width / 2, top - gap - height
    yield c.x - width / 2, bottom + gap


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
        self.space: FeatureSpace | None = None
        self._grid: dict[tuple[int, int], list[QRectF]] = {}
        self._fonts: dict[LabelLook, tuple] = {}
        self._origins: dict[int, Candidate] = {}  # id of a placed label: its candidate

    def font_for(self, look: LabelLook):
        if look not in self._fonts:
            font = label_font(
                look.pixel_size * self.dpr, bold=look.bold, italic=look.italic, family=self.family
            )
            self._fonts[look] = (font, QFontMetricsF(font))
        return self._fonts[look]

    def add(self, candidates: list[Candidate], look: LabelLook) -> None:
        """Place each candidate on its feature if it can; then, for those left without
        a place, beside their area (so no label beside one feature takes the place a
        smaller feature's label had on it), or where the labels in the way can move."""
        left_over = [c for c in candidates if not self._place(c, look, self._on_feature)]
        for c in left_over:
            if c.extent and self.space is not None and c.feature >= 0:
                if not self._place(c, look, self._beside):
                    self._make_room(c, look)

    def _measure(self, c: Candidate, look: LabelLook):
        _, metrics = self.font_for(look)
        texts = c.text.split("\n")
        widths = [metrics.horizontalAdvance(t) for t in texts]
        return texts, widths, max(widths), (metrics.ascent() + metrics.descent()) * len(texts)

    def _on_feature(self, c: Candidate, width: float, height: float):
        return self._tries(c, width, height, BOX_PAD_PX * self.dpr)

    def _beside(self, c: Candidate, width: float, height: float):
        if not c.extent:
            return
        pad = BOX_PAD_PX * self.dpr
        for x, y in _beside_area(c, width, height, pad):
            yield self._inwards(x, y, width, height, pad)

    def _place(self, c: Candidate, look: LabelLook, where, skip=None) -> bool:
        """Put c's label at the first of where(c, width, height) that is free and honest."""
        _, metrics = self.font_for(look)
        pad = BOX_PAD_PX * self.dpr
        texts, widths, width, height = self._measure(c, look)
        line_height = height / len(texts)
        for left, top in where(c, width, height):
            box = QRectF(left - pad, top - pad, width + 2 * pad, height + 2 * pad)
            if box == skip or not self._inside(box) or self._collides(box):
                continue
            if self._honest(c, box):
                self._remember(box)
                lines = tuple(
                    (t, QPointF(left + (width - w) / 2, top + i * line_height + metrics.ascent()))
                    for i, (t, w) in enumerate(zip(texts, widths, strict=True))
                )
                self.placed.append(PlacedLabel(c.text, lines[0][1], box, look, lines, c.source))
                self._origins[id(self.placed[-1])] = c
                return True
        return False

    def _make_room(self, c: Candidate, look: LabelLook) -> bool:
        """Place c where at most MAX_MOVED labels are in its way if each of those finds
        another place: two neighbouring sites both keep their names where the first one
        placed would otherwise take the only spot the second had."""
        pad = BOX_PAD_PX * self.dpr
        _, _, width, height = self._measure(c, look)
        spots = [*self._on_feature(c, width, height), *self._beside(c, width, height)]
        for left, top in spots:
            box = QRectF(left - pad, top - pad, width + 2 * pad, height + 2 * pad)
            if not self._inside(box) or not self._honest(c, box):
                continue
            blocking = [label for label in self.placed if label.box.intersects(box)]
            if not 0 < len(blocking) <= MAX_MOVED:
                continue
            if any(id(label) not in self._origins for label in blocking):
                continue
            for label in blocking:
                self._forget(label)
            kept = len(self.placed)
            self._place(c, look, lambda *_, spot=(left, top): [spot])
            if all(
                self._place(self._origins[id(label)], label.look, self._on_feature, label.box)
                or self._place(self._origins[id(label)], label.look, self._beside)
                for label in blocking
            ):
                return True
            for label in self.placed[kept:]:  # undo: the labels in the way go back
                self._forget(label)
            for label in blocking:
                self.placed.append(label)
                self._remember(label.box)
        return False

    def _forget(self, label: PlacedLabel) -> None:
        self.placed.remove(label)
        for cell in self._cells(label.box):
            boxes = self._grid.get(cell, [])
            if label.box in boxes:
                boxes.remove(label.box)

    def _tries(self, c: Candidate, width: float, height: float, pad: float):
        """Where to try a label: its usual places, then for an area the free part of it,
        each moved inwards from the map's edge."""
        starts = list(_positions(c, width, height, pad))
        if self.space is None or not c.is_area or c.feature < 0:
            yield from starts
            return
        # An area's label keeps to its own area (FeatureSpace.honest), so it may be moved.
        for left, top in starts:
            yield self._inwards(left, top, width, height, pad)
        for x, y in self.space.free_spots(c.feature):  # only if the usual places failed
            yield self._inwards(x - width / 2, y - height / 2, width, height, pad)

    def _inwards(self, left: float, top: float, width: float, height: float, pad: float):
        edge = 2 * self.dpr + pad
        left = min(max(left, edge), self.width - edge - width)
        top = min(max(top, edge), self.height - edge - height)
        return left, top

    def _honest(self, c: Candidate, box: QRectF) -> bool:
        if self.space is None or c.feature < 0:
            return True
        return self.space.honest(c.feature, box.left(), box.top(), box.right(), box.bottom())

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
