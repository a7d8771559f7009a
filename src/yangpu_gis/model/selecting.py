"""Selecting features by shape and summing what is selected: plain Python, no Qt.

The select tools (ui/select_tools.py) hand a rectangle or polygon in the display CRS; the
features of one layer that meet it become, join or leave the selection. The status bar's
figures (count, geodesic area) come from `summary()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import shapely

from yangpu_gis.model import geodesy
from yangpu_gis.model.layer import Layer, LayerKind
from yangpu_gis.model.project import Project, Selection


class Mode(StrEnum):
    REPLACE = "replace"  # the new rows are the selection
    ADD = "add"  # the new rows join the selection (shift)
    TOGGLE = "toggle"  # each new row joins or leaves it (ctrl)


def selectable(layer: Layer) -> bool:
    return layer.visible and layer.kind != LayerKind.BASEMAP and layer.feature_count > 0


def target_layer(project: Project, preferred_id: str | None = None) -> Layer | None:
    """The layer a rectangle or polygon selects from.

    The layer the planner has chosen in the layers panel, if it can be selected from;
    else the layer of the current selection; else the topmost visible layer of their own
    (a file they opened), else the topmost visible layer at all.
    """
    candidates = []
    if preferred_id is not None and project.has_layer(preferred_id):
        candidates.append(project.layer(preferred_id))
    if project.selection is not None and project.has_layer(project.selection.layer_id):
        candidates.append(project.layer(project.selection.layer_id))
    top_down = list(reversed(project.layers))
    candidates += [layer for layer in top_down if layer.kind == LayerKind.USER]
    candidates += top_down
    return next((layer for layer in candidates if selectable(layer)), None)


def rows_meeting(layer: Layer, shape) -> np.ndarray:
    """Rows (ascending) of layer's features that meet a display-CRS shapely geometry."""
    if shape is None or shape.is_empty:
        return np.empty(0, np.int64)
    rows = layer.features_in(shape.bounds)
    if len(rows) == 0:
        return rows
    keep = shapely.intersects(layer.display.geometries(rows), shape)
    return rows[keep]


def combine(current: Selection | None, layer_id: str, rows, mode: Mode) -> Selection | None:
    """The selection after rows of layer_id are selected in the given mode."""
    new = np.unique(np.asarray(list(rows), dtype=np.int64))
    if mode == Mode.REPLACE or current is None or current.layer_id != layer_id:
        return Selection(layer_id, tuple(int(r) for r in new)) if len(new) else None
    old = np.asarray(current.rows, dtype=np.int64)
    if mode == Mode.ADD:
        result = np.union1d(old, new)
    else:
        result = np.setxor1d(old, new)
    return Selection(layer_id, tuple(int(r) for r in result)) if len(result) else None


@dataclass(frozen=True)
class Summary:
    count: int
    area_m2: float  # geodesic, summed over the selected polygons; 0 for points and lines
    has_area: bool  # whether any selected feature is a polygon


def summary(layer: Layer, rows) -> Summary:
    area = 0.0
    has_area = False
    geometries = layer.geometries
    for row in rows:
        geometry = geometries[int(row)]
        if geometry is None or geometry.is_empty:
            continue
        if geometry.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
            part = geodesy.area_m2(geometry)
            has_area = has_area or part > 0
            area += part
    return Summary(len(rows), area, has_area)


def selection_bounds(layer: Layer, rows) -> tuple[float, float, float, float] | None:
    """WGS84 bounds of the selected features, or None when none has a geometry."""
    geometries = [layer.geometries[int(r)] for r in rows]
    geometries = [g for g in geometries if g is not None and not g.is_empty]
    if not geometries:
        return None
    x0, y0, x1, y1 = (float(v) for v in shapely.total_bounds(np.array(geometries, dtype=object)))
    return x0, y0, x1, y1
