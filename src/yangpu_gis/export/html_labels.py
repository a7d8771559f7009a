"""What the page needs to label a layer as the desktop does (render.labels): each
labelled feature's text (the label field, the sublabel, e.g. the Chinese name, on a
second line), an anchor (a point on a polygon's surface, a line's midpoint, the point
itself) and its extent, by which the page puts the biggest features' labels first and
leaves out features too small to label at the current zoom.

The rules are the desktop's, restated here because render.labels paints with Qt and the
export must not need it: labels of at most 48 characters a line, whitespace collapsed.
"""

from __future__ import annotations

import numpy as np
import shapely

from yangpu_gis.export.html_geometry import COORDINATE_SCALE
from yangpu_gis.model.layer import Layer

MAX_CHARS = 48  # render.labels.MAX_CHARS


def _line(value) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    lines = [" ".join(part.split()) for part in str(value).splitlines()]
    lines = [t if len(t) <= MAX_CHARS else t[: MAX_CHARS - 1] + "…" for t in lines if t]
    return "\n".join(lines) or None


def label_texts(layer: Layer, language: str = "en") -> list[str | None] | None:
    """Per feature the label, bilingual where both fields have a value (in Chinese the
    Chinese name first: Style.label_lines); None when the layer's style labels nothing."""
    fields = [f for f in layer.style.label_lines(language) if f in layer.column_names]
    if not fields:
        return None
    columns = [layer.column(f) for f in fields]
    texts = []
    for values in zip(*columns, strict=True):
        lines = list(dict.fromkeys(t for t in (_line(v) for v in values) if t))
        texts.append("\n".join(lines) or None)
    return texts


def labels_payload(layer: Layer, language: str = "en") -> dict | None:
    """{"rows", "text", "anchor" (x, y), "box" (minx, miny, maxx, maxy)} in integer
    micro-degrees, for the labelled features with a drawable geometry."""
    texts = label_texts(layer, language)
    if texts is None:
        return None
    geometries = np.asarray(layer.geometries, dtype=object)
    has = np.array([t is not None for t in texts], bool)
    has &= ~shapely.is_missing(geometries)
    has[has] &= ~shapely.is_empty(geometries[has])
    rows = np.flatnonzero(has)
    chosen = geometries[rows]
    types = shapely.get_type_id(chosen)
    anchors = shapely.centroid(chosen)
    polygons = (types == 3) | (types == 6)
    lines = (types == 1) | (types == 2) | (types == 5)
    if polygons.any():
        anchors[polygons] = shapely.point_on_surface(chosen[polygons])
    if lines.any():
        anchors[lines] = shapely.line_interpolate_point(chosen[lines], 0.5, normalized=True)
    xy = shapely.get_coordinates(anchors) if len(rows) else np.empty((0, 2))
    boxes = shapely.bounds(chosen) if len(rows) else np.empty((0, 4))

    def micro(a: np.ndarray) -> list[int]:
        return np.rint(a * COORDINATE_SCALE).astype(np.int64).ravel().tolist()

    return {
        "rows": rows.tolist(),
        "text": [texts[r] for r in rows],
        "anchor": micro(xy),
        "box": micro(boxes),
    }
