"""Shapely geometry arrays to Qt paths in pixel space, without a Python loop per vertex or feature.

Qt reads a QPainterPath from a QDataStream in one call. The stream layout is an int32
element count, then per element an int32 type (0 move-to, 1 line-to) and two float64
coordinates, then an int32 "current subpath start" and an int32 fill rule. We lay the
vertices out in exactly that shape in a NumPy buffer and let Qt parse it. QPolygonF (for
point markers) is a uint32 count followed by float64 x, y pairs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import shapely
from PySide6.QtCore import QByteArray, QDataStream
from PySide6.QtGui import QPainterPath, QPolygonF

from yangpu_gis.render.viewport import Viewport

ELEMENT = np.dtype([("type", "<i4"), ("x", "<f8"), ("y", "<f8")])
MOVE_TO, LINE_TO = 0, 1
ODD_EVEN_FILL, WINDING_FILL = 0, 1
_HEADER, _TRAILER = 4, 8


def painter_path(
    x: np.ndarray, y: np.ndarray, starts: np.ndarray, fill_rule: int = WINDING_FILL
) -> QPainterPath:
    """One path from pixel coordinates; starts is True where a subpath begins."""
    n = len(x)
    path = QPainterPath()
    if n == 0:
        return path
    buffer = np.empty(_HEADER + n * ELEMENT.itemsize + _TRAILER, np.uint8)
    buffer[:_HEADER] = np.array([n], "<i4").view(np.uint8)
    elements = buffer[_HEADER : _HEADER + n * ELEMENT.itemsize].view(ELEMENT)
    elements["type"] = np.where(starts, MOVE_TO, LINE_TO)
    elements["x"] = x
    elements["y"] = y
    buffer[-_TRAILER:] = np.array([0, fill_rule], "<i4").view(np.uint8)
    _read(buffer, path)
    return path


def polygon_f(x: np.ndarray, y: np.ndarray) -> QPolygonF:
    """A QPolygonF of the given points, for drawPoints and friends."""
    n = len(x)
    buffer = np.empty(4 + n * 16, np.uint8)
    buffer[:4] = np.array([n], "<u4").view(np.uint8)
    xy = buffer[4:].view("<f8").reshape(n, 2)
    xy[:, 0] = x
    xy[:, 1] = y
    polygon = QPolygonF()
    _read(buffer, polygon)
    return polygon


def _read(buffer: np.ndarray, target) -> None:
    stream = QDataStream(QByteArray(buffer.tobytes()))
    stream.setByteOrder(QDataStream.ByteOrder.LittleEndian)
    stream >> target


@dataclass(frozen=True)
class Outlines:
    """Vertices of many shapes in pixel space, each shape's vertices contiguous."""

    x: np.ndarray
    y: np.ndarray
    starts: np.ndarray  # True where a ring or line begins
    offsets: np.ndarray  # shape i owns vertices offsets[i]:offsets[i + 1]

    @property
    def shape_count(self) -> int:
        return len(self.offsets) - 1

    @property
    def vertex_count(self) -> int:
        return len(self.x)

    def followed_by(self, other: Outlines) -> Outlines:
        return Outlines(
            np.concatenate([self.x, other.x]),
            np.concatenate([self.y, other.y]),
            np.concatenate([self.starts, other.starts]),
            np.concatenate([self.offsets, other.offsets[1:] + self.offsets[-1]]),
        )

    def path(self, first: int, last: int, fill_rule: int = WINDING_FILL) -> QPainterPath:
        """Shapes first..last-1 as one path."""
        a, b = self.offsets[first], self.offsets[last]
        return painter_path(self.x[a:b], self.y[a:b], self.starts[a:b], fill_rule)

    def end_for(self, first: int, max_elements: int) -> int:
        """The shape after the last one that fits, with first, in max_elements vertices."""
        limit = self.offsets[first] + max(1, max_elements)
        end = int(np.searchsorted(self.offsets, limit, side="right")) - 1
        return min(max(end, first + 1), self.shape_count)

    def chunks(self, max_elements: int) -> Iterator[QPainterPath]:
        """Paths of whole shapes, each at most about max_elements vertices (so the
        rasteriser never gets one gigantic path, and no ring is split from its holes)."""
        first = 0
        while first < self.shape_count:
            end = self.end_for(first, max_elements)
            yield self.path(first, end)
            first = end


def polygon_outlines(polygons: np.ndarray, viewport: Viewport, snap: float = 0.25) -> Outlines:
    """Rings of single-part polygons (display CRS) as pixel outlines, one shape per polygon."""
    holed = shapely.get_num_interior_rings(polygons) > 0
    # A polygon without holes is one ring: its coordinates need no ring split, which saves
    # building a geometry object per ring (most of the cost for many small shapes).
    count = int((~holed).sum())
    plain = _outlines(
        polygons[~holed], np.arange(count), count, viewport, snap, exterior=np.ones(count, bool)
    )
    if not holed.any():
        return plain
    rings, ring_owner = shapely.get_rings(polygons[holed], return_index=True)
    first_ring = np.ones(len(rings), bool)
    first_ring[1:] = ring_owner[1:] != ring_owner[:-1]
    with_holes = _outlines(rings, ring_owner, int(holed.sum()), viewport, snap, exterior=first_ring)
    return plain.followed_by(with_holes)


def line_outlines(lines: np.ndarray, viewport: Viewport, snap: float = 0.25) -> Outlines:
    """Single-part lines (display CRS) as pixel outlines, one shape per line."""
    return _outlines(lines, np.arange(len(lines)), len(lines), viewport, snap)


def _outlines(
    pieces,
    piece_owner,
    shape_count: int,
    viewport: Viewport,
    snap: float,
    exterior: np.ndarray | None = None,
) -> Outlines:
    coords, vertex_piece = shapely.get_coordinates(pieces, return_index=True)
    x, y = viewport.map_to_pixel(coords[:, 0], coords[:, 1])
    starts = np.ones(len(x), bool)
    starts[1:] = vertex_piece[1:] != vertex_piece[:-1]
    if snap > 0 and len(x):
        # Vertices closer than `snap` pixels to the previous one add nothing visible: drop
        # them, keeping every piece's first and last vertex so rings stay closed.
        qx, qy = np.round(x / snap), np.round(y / snap)
        ends = np.ones(len(x), bool)
        ends[:-1] = starts[1:]
        moved = np.ones(len(x), bool)
        moved[1:] = (qx[1:] != qx[:-1]) | (qy[1:] != qy[:-1])
        keep = starts | ends | moved
        x, y, starts, vertex_piece = x[keep], y[keep], starts[keep], vertex_piece[keep]
    if exterior is not None and len(x):
        x, y = _wound(x, y, starts, exterior[vertex_piece[starts]])
    vertex_shape = np.asarray(piece_owner)[vertex_piece]
    offsets = np.zeros(shape_count + 1, np.int64)
    np.cumsum(np.bincount(vertex_shape, minlength=shape_count), out=offsets[1:])
    return Outlines(np.ascontiguousarray(x), np.ascontiguousarray(y), starts, offsets)


def _wound(x: np.ndarray, y: np.ndarray, starts: np.ndarray, exterior: np.ndarray):
    """Ring vertices reordered so exterior rings run one way round and holes the other.

    With the winding fill rule that both punches holes and fills features that overlap in
    one path as a union (the odd-even rule would punch a hole where two features overlap).
    """
    ring_start = np.flatnonzero(starts)
    ring_end = np.append(ring_start[1:], len(x))
    cross = np.zeros(len(x))
    cross[:-1] = x[:-1] * y[1:] - x[1:] * y[:-1]
    cross[ring_end - 1] = 0.0  # the step from one ring into the next is no edge
    flip = (np.add.reduceat(cross, ring_start) > 0) != exterior
    if not flip.any():
        return x, y
    ring_of_vertex = np.repeat(np.arange(len(ring_start)), ring_end - ring_start)
    order = np.arange(len(x))
    moving = flip[ring_of_vertex]
    rings = ring_of_vertex[moving]
    order[moving] = ring_start[rings] + ring_end[rings] - 1 - order[moving]
    return x[order], y[order]


def point_pixels(points: np.ndarray, viewport: Viewport) -> tuple[np.ndarray, np.ndarray]:
    coords = shapely.get_coordinates(points)
    return viewport.map_to_pixel(coords[:, 0], coords[:, 1])
