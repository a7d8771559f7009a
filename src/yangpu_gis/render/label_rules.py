"""Labels that do not lie: a label sits on or beside its own feature, never on another's.

Every labelled feature on screen is kept here with its geometry (clipped to the view, in
the display CRS). A label box is accepted only if its centre lies on its own area or on one that holds it,
and if, of the features that do not contain its own,

- none holds the box's centre, so the label never reads as another's name (a district's
  name inside a site), unless the centre is on its own area and that one is bigger (a
  river's name on the river where the district's outline reaches into it);
- it covers at most COVER_SHARE of any smaller one (a community's name never covers the
  block inside it, nor a site's name a neighbouring site);
- it covers no point marker, nor a review note's pin (drawn over the labels, it would
  hide their text).

Areas that contain its feature (the district around a site) it may cover freely.

Features inside others are labelled before them (the block before the community around
it), so the bigger one's label goes around the smaller's. Where the first places around
the feature's centre fail, the free part of the area (the
area less the smaller features inside it) offers another spot.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import shapely
from shapely import STRtree

from yangpu_gis.render.viewport import Viewport

CONTAINS_SHARE = 0.98  # an area holding this share of another's area contains it
COVER_SHARE = 0.15  # a label may cover this share of a smaller feature it is not on
MAX_INSIDE = 300  # an area with more features inside it on screen is not searched for room


class FeatureSpace:
    """The labelled features on screen and the checks a label box must pass."""

    def __init__(
        self,
        viewport: Viewport,
        geometries: Sequence,
        areas: Sequence[bool],
        sizes: Sequence[float] | None = None,
        markers: Sequence = (),
    ) -> None:
        """markers: shapes no label may touch, after the labelled features (pins' discs)."""
        self.viewport = viewport
        labelled = len(geometries)
        self.geometries = np.empty(labelled + len(markers), dtype=object)
        self.geometries[:labelled] = list(geometries)
        self.geometries[labelled:] = list(markers)
        self.is_area = np.zeros(len(self.geometries), dtype=bool)
        self.is_area[:labelled] = np.asarray(areas, dtype=bool)
        self.is_point = np.asarray(
            [g is not None and shapely.get_type_id(g) in (0, 4) for g in self.geometries], bool
        )
        self.is_point[labelled:] = True
        if sizes is not None:
            sizes = [*sizes, *([0.0] * len(markers))]
        self.area = np.where(self.is_area, shapely.area(self.geometries), 0.0)
        self.bounds = shapely.bounds(self.geometries)
        # Whole areas, not clipped to the view: two areas filling the view are told apart.
        self.size = self.area if sizes is None else np.asarray(sizes, float)
        obstacles = self.is_area | self.is_point
        self._ids = np.flatnonzero(obstacles)
        self._tree = STRtree(self.geometries[self._ids]) if len(self._ids) else None
        self._containers: dict[int, set[int]] = {}

    def map_box(self, left: float, top: float, right: float, bottom: float):
        x0, y1 = self.viewport.pixel_to_map(left, top)
        x1, y0 = self.viewport.pixel_to_map(right, bottom)
        return shapely.box(x0, y0, x1, y1)

    def _touching(self, shape) -> np.ndarray:
        if self._tree is None:
            return np.empty(0, int)
        return self._ids[self._tree.query(shape, predicate="intersects")]

    def _contains(self, outer: int, inner: int) -> bool:
        if not self.is_area[outer]:
            return False
        bi, bo = self.bounds[inner], self.bounds[outer]
        if bo[0] > bi[0] or bo[1] > bi[1] or bo[2] < bi[2] or bo[3] < bi[3]:
            return False
        g_in, g_out = self.geometries[inner], self.geometries[outer]
        if self.is_area[inner]:
            if self.size[outer] <= self.size[inner]:
                return False
            shared = shapely.area(shapely.intersection(g_out, g_in))
            return bool(shared >= CONTAINS_SHARE * self.area[inner])
        return bool(shapely.covers(g_out, g_in))

    def containers(self, index: int) -> set[int]:
        found = self._containers.get(index)
        if found is None:
            found = {
                int(j)
                for j in self._touching(self.geometries[index])
                if j != index and self._contains(int(j), index)
            }
            self._containers[index] = found
        return found

    def honest(self, index: int, left: float, top: float, right: float, bottom: float) -> bool:
        """True if a box at these device pixels reads as feature `index`'s label."""
        if index < 0:
            return True
        box = self.map_box(left, top, right, bottom)
        box_bounds = shapely.bounds(box)
        cx, cy = self.viewport.pixel_to_map((left + right) / 2, (top + bottom) / 2)
        allowed = self.containers(index)
        if self.is_area[index] and not any(
            shapely.intersects_xy(self.geometries[j], cx, cy) for j in (index, *allowed)
        ):
            return False  # an area's label is centred on it or beside it, on what holds it
        on_own = self.is_area[index] and shapely.intersects_xy(self.geometries[index], cx, cy)
        touching = [int(j) for j in self._touching(box) if int(j) != index]
        strangers = [j for j in touching if j not in allowed]
        for j in strangers:
            if self.is_point[j]:
                return False  # it would hide another feature's marker
            if shapely.intersects_xy(self.geometries[j], cx, cy) and not (
                on_own and self.size[j] > self.size[index]
            ):
                # It would read as that area's name; on its own area over a bigger one
                # that overlaps it (a river over a district's edge) it reads as its own.
                return False
            if self.size[j] <= self.size[index] or not self.is_area[index]:
                limit = COVER_SHARE * self.area[j]
                if _overlap(box_bounds, self.bounds[j]) <= limit:
                    continue  # the envelopes' overlap bounds what the box covers
                covered = shapely.area(shapely.intersection(box, self.geometries[j]))
                if covered > limit:
                    return False  # it would hide a smaller feature
        return True

    def free_spots(self, index: int) -> Iterator[tuple[float, float]]:
        """Pixel spots inside the part of area `index` that no smaller feature covers."""
        if not self.is_area[index]:
            return
        own = self.geometries[index]
        allowed = self.containers(index)
        others = [
            self.geometries[j]
            for j in self._touching(own)
            if int(j) != index and int(j) not in allowed
        ]
        if not others or len(others) > MAX_INSIDE:
            return  # nothing inside it (its usual places were all there is), or a crowd
        # Markers take a few pixels around them.
        grown = shapely.buffer(shapely.union_all(others), self.viewport.scale * 3, quad_segs=1)
        free = shapely.difference(own, grown)
        if shapely.is_empty(free):
            return
        spots = [shapely.point_on_surface(free)]
        try:
            tolerance = max(self.viewport.scale * 4, shapely.area(free) ** 0.5 / 16)
            circle = shapely.maximum_inscribed_circle(free, tolerance)
            spots.insert(0, shapely.get_point(circle, 0))
        except shapely.errors.GEOSException:
            pass
        for spot in spots:
            if spot is None or shapely.is_empty(spot):
                continue
            x, y = shapely.get_x(spot), shapely.get_y(spot)
            px, py = self.viewport.map_to_pixel(x, y)
            yield float(px), float(py)


def _overlap(a, b) -> float:
    """The area two envelopes (x0, y0, x1, y1) share."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(w, 0.0) * max(h, 0.0)
