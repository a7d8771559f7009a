"""Keeping the features of a view from a layer read in WGS84 (model.io with a bbox).

GDAL's spatial filter (model.ogr_reader) hands over the features near the view, or a
reader without one (tables, GeoParquet) every feature; what is kept is exactly the
features whose WGS84 envelope meets the view, in file order. A layer read by extent
holds part of its file, but looks as the whole file would (model.new_layer_look: the
label threshold, the line width): so it carries the whole layer's count and kind, as the
file declares them or, when it was read whole, as counted.
"""

from __future__ import annotations

import numpy as np
import shapely

from yangpu_gis.model.flat_features import type_names
from yangpu_gis.model.view_box import Box, meets

_KINDS = {"point": "Point", "linestring": "LineString", "polygon": "Polygon"}


def declared_kind(geometry_type: str | None) -> str | None:
    """The kind a layer declares for every feature ("MultiPolygon Z", "POLYGON": Polygon);
    None for a generic or mixed declaration."""
    name = str(geometry_type or "").split(" ")[0].lower().removeprefix("multi")
    return _KINDS.get(name)


def geometry_kind(type_ids: np.ndarray) -> str:
    """Polygon, LineString, Point, Mixed or None (as Layer.geometry_type says it)."""
    kinds = {name.removeprefix("Multi") for name in type_names(type_ids)}
    if not kinds:
        return "None"
    return kinds.pop() if len(kinds) == 1 else "Mixed"


def in_view(frame, bbox_wgs84: Box, file_count: int | None, file_kind: str | None):
    """(the rows of a WGS84 GeoDataFrame meeting the view, numbered 0..n-1,
    (the whole layer's count, its kind))."""
    geometries = frame.geometry.values.to_numpy()
    if file_count is None:  # read whole: count it
        file_count, file_kind = len(frame), geometry_kind(shapely.get_type_id(geometries))
    with np.errstate(invalid="ignore"):
        keep = meets(shapely.bounds(geometries), bbox_wgs84)
    return frame[keep].reset_index(drop=True), (file_count, file_kind)
