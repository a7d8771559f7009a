"""A map layer: features in WGS84, how they look, and indexes for drawing and picking."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cached_property

import geopandas as gpd
import numpy as np
import shapely

from yangpu_gis.model import crs
from yangpu_gis.model.display import DisplayData
from yangpu_gis.model.style import Style

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
        """Build the display data (coordinates, bounds, index) now, on the calling thread,
        rather than on first use: a file reader does it for big layers off the UI thread."""
        _ = self.display, self.bounds, self.geometry_type
        return self

    @cached_property
    def display(self) -> DisplayData:
        """Display-CRS coordinates, bounds and spatial index for drawing and picking."""
        return DisplayData(self.data.geometry.values.to_numpy())

    @cached_property
    def display_geometries(self) -> np.ndarray:
        """Every geometry in the display CRS (Web Mercator) as shapely objects.

        Drawing and picking do not need this whole copy (see display); it is made on first
        use, in slices, so a worker making it leaves the UI thread its turns.
        """
        return self.display.all_geometries()

    @cached_property
    def display_index(self) -> shapely.STRtree:
        """An STRtree of display_geometries, for callers that want shapely's predicates."""
        return shapely.STRtree(self.display_geometries)

    @property
    def display_bounds(self) -> tuple[float, float, float, float]:
        return self.display.total_bounds

    def features_at(self, x: float, y: float, tolerance: float = 0.0) -> np.ndarray:
        """Row positions of features within tolerance of display-CRS point (x, y)."""
        return self.display.near(x, y, tolerance)

    def features_in(self, bbox: tuple[float, float, float, float]) -> np.ndarray:
        """Row positions of features whose envelope meets a display-CRS rectangle."""
        return self.display.query(bbox)
