"""A map layer: features in WGS84, how they look, and indexes for drawing and picking."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cached_property

import geopandas as gpd
import numpy as np
import shapely

from yangpu_gis.model import crs
from yangpu_gis.model.style import Style

_SLICE = 20_000  # features per GIL-holding step when preparing a layer
NAME_FIELDS = ("name_en", "name", "Name", "NAME", "title", "名称", "name_zh")
_ids = itertools.count(1)


def new_layer_id(prefix: str = "layer") -> str:
    return f"{prefix}-{next(_ids)}"


@dataclass(eq=False)
class Layer:
    """Features are immutable once loaded; style, visibility and opacity are not."""

    id: str
    title: str
    data: gpd.GeoDataFrame
    kind: str = "user"  # district | river | riverside | site | notes | user
    style: Style = field(default_factory=Style)
    visible: bool = True
    opacity: float = 1.0
    source: str | None = None  # file path, or "embedded:<name>"
    source_layer: str | None = None  # layer name inside a multi-layer file
    declared_crs: str | None = None  # what the user said the file's CRS was, if anything
    info: dict = field(default_factory=dict)  # encoding, original CRS, load warnings

    def __post_init__(self) -> None:
        if self.data.crs is not None and not self.data.crs.equals(crs.WGS84):
            raise ValueError(f"layer {self.title!r} must be held in WGS84, got {self.data.crs}")
        if not 0.0 <= self.opacity <= 1.0:
            raise ValueError("opacity must be between 0 and 1")

    # --- what it holds -----------------------------------------------------------------

    @property
    def feature_count(self) -> int:
        return len(self.data)

    @cached_property
    def geometry_type(self) -> str:
        """Polygon, LineString, Point, or Mixed; multi-parts count as their single type."""
        kinds = {t.removeprefix("Multi") for t in self.data.geom_type.dropna().unique()}
        if not kinds:
            return "None"
        return kinds.pop() if len(kinds) == 1 else "Mixed"

    @cached_property
    def bounds(self) -> tuple[float, float, float, float]:
        return tuple(float(v) for v in self.data.total_bounds)

    @cached_property
    def name_field(self) -> str | None:
        return next((f for f in NAME_FIELDS if f in self.data.columns), None)

    def feature_name(self, index: int) -> str:
        if self.name_field is None:
            return f"{self.title} #{index + 1}"
        value = self.data.iloc[index][self.name_field]
        return f"{self.title} #{index + 1}" if value is None or value != value else str(value)

    # --- derived, cached for drawing and picking ---------------------------------------

    def prepare_display(self) -> Layer:
        """Build the display geometries, index, bounds and geometry type now (on the calling
        thread, e.g. the file reader's), not on first use by the UI."""
        _ = self.display_index, self.display_bounds, self.bounds, self.geometry_type
        return self

    @cached_property
    def display_geometries(self) -> np.ndarray:
        """Geometries in the display CRS (Web Mercator), computed once.

        Done in slices: each slice is one C call that holds the GIL, and a big layer is
        prepared on a worker thread while the UI thread must keep getting turns.
        """
        geometries = self.data.geometry.values.to_numpy()
        slices = [crs.transform_geometries(geometries[i:i + _SLICE], crs.WGS84, crs.DISPLAY)
                  for i in range(0, len(geometries), _SLICE)]
        return np.concatenate(slices) if len(slices) > 1 else (
            slices[0] if slices else np.array([], dtype=object))

    @cached_property
    def display_index(self) -> shapely.STRtree:
        return shapely.STRtree(self.display_geometries)

    @cached_property
    def display_bounds(self) -> tuple[float, float, float, float]:
        return tuple(float(v) for v in shapely.total_bounds(self.display_geometries))

    def features_at(self, x: float, y: float, tolerance: float = 0.0) -> np.ndarray:
        """Row positions of features within tolerance of display-CRS point (x, y)."""
        probe = shapely.Point(x, y)
        if tolerance > 0:
            hits = self.display_index.query(probe, predicate="dwithin", distance=tolerance)
        else:
            hits = self.display_index.query(probe, predicate="intersects")
        return np.sort(hits)

    def features_in(self, bbox: tuple[float, float, float, float]) -> np.ndarray:
        """Row positions of features whose envelope meets a display-CRS rectangle."""
        return np.sort(self.display_index.query(shapely.box(*bbox)))
