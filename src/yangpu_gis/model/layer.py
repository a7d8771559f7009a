"""A map layer: features in WGS84, how they look, and indexes for drawing and picking."""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, cast

import numpy as np
import shapely

from yangpu_gis.model.display import DisplayData
from yangpu_gis.model.feature_table import WGS84, FeatureTable
from yangpu_gis.model.flat_features import type_names
from yangpu_gis.model.style import Style

if TYPE_CHECKING:
    import geopandas as gpd

NAME_FIELDS = ("name_en", "name", "Name", "NAME", "title", "名称", "name_zh")
_ids = itertools.count(1)
_frame_lock = threading.Lock()


class LayerKind(StrEnum):
    """What a layer is. A StrEnum, so kinds saved in projects as text read back as kinds."""

    DISTRICT = "district"
    RIVER = "river"
    RIVERSIDE = "riverside"
    SITE = "site"
    NOTES = "notes"  # the review notes: its features live in the notes store
    USER = "user"  # a planner's own file
    BASEMAP = "basemap"  # tiles drawn under every vector layer

    @property
    def drawn_above_labels(self) -> bool:
        """Markers (the review-note pins) go over the labels, so no label hides one."""
        return self is LayerKind.NOTES

    @property
    def labels_placed_last(self) -> bool:
        """A district holds the other features: their labels are placed first and its
        name goes where they leave room, so it never takes a site's place."""
        return self is LayerKind.DISTRICT

    @property
    def embedded(self) -> bool:
        """One of the layers of the embedded Yangpu map."""
        return self in (LayerKind.DISTRICT, LayerKind.RIVER, LayerKind.RIVERSIDE, LayerKind.SITE)


def new_layer_id(prefix: str = "layer") -> str:
    return f"{prefix}-{next(_ids)}"


@dataclass(eq=False)
class Layer:
    """Features are immutable once loaded; style, visibility and opacity are not.

    `data` is a GeoDataFrame in WGS84, or a FeatureTable: then the GeoDataFrame is built
    the first time `data` is read, and drawing, which reads only `geometries` and
    `column()`, never builds it.
    """

    id: str
    title: str
    data: gpd.GeoDataFrame | FeatureTable = field(repr=False)
    kind: str = LayerKind.USER  # a LayerKind; plain text compares equal
    style: Style = field(default_factory=Style)
    visible: bool = True
    opacity: float = 1.0
    source: str | None = None  # file path, or "embedded:<name>"
    source_layer: str | None = None  # layer name inside a multi-layer file
    declared_crs: str | None = None  # what the user said the file's CRS was, if anything
    info: dict = field(default_factory=dict)  # encoding, original CRS, load warnings

    def __post_init__(self) -> None:
        self._table: FeatureTable | None = None
        if isinstance(self.data, FeatureTable):
            self._table = self.data
            del self.data  # read through __getattr__, which builds the GeoDataFrame
        else:
            if self.data.crs is not None and not self.data.crs.equals(WGS84):
                raise ValueError(f"layer {self.title!r} must be held in WGS84, got {self.data.crs}")
        if not 0.0 <= self.opacity <= 1.0:
            raise ValueError("opacity must be between 0 and 1")

    def __getattr__(self, name: str):
        # Only reached when normal lookup fails: `data` of a layer made from a FeatureTable.
        table = self.__dict__.get("_table")
        if name != "data" or table is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        with _frame_lock:
            if "data" not in self.__dict__:
                self.__dict__["data"] = table.to_frame()
        return self.__dict__["data"]

    @property
    def drawn_above_labels(self) -> bool:
        """Whether the renderer draws this layer over the labels (see LayerKind)."""
        return self._kind_says("drawn_above_labels")

    @property
    def labels_placed_last(self) -> bool:
        """Whether its labels are placed after every other layer's (see LayerKind)."""
        return self._kind_says("labels_placed_last")

    def _kind_says(self, flag: str) -> bool:
        try:
            return bool(getattr(LayerKind(self.kind), flag))
        except ValueError:  # a kind this version does not know: drawn as a map layer
            return False

    # --- what it holds -----------------------------------------------------------------

    @property
    def feature_count(self) -> int:
        return len(self._table) if self._table is not None else len(self.data)

    @property
    def _flat(self):
        """The features as read from WKB (model.flat_features), when they were."""
        return self._table.flat if self._table is not None else None

    @cached_property
    def geometries(self) -> np.ndarray:
        """The WGS84 shapely geometries, one per row (decoded now if read as WKB)."""
        if self._table is not None:
            return self._table.geometries
        return np.asarray(self._frame.geometry.values.to_numpy(), dtype=object)

    @cached_property
    def column_names(self) -> tuple[str, ...]:
        """Attribute columns, in order (not the geometry)."""
        if self._table is not None:
            return self._table.column_names
        geometry = self._frame.geometry.name
        return tuple(c for c in self._frame.columns if c != geometry)

    def column(self, name: str) -> np.ndarray:
        """One attribute column's values; KeyError if the layer has no such column."""
        if self._table is not None:
            return self._table.column(name)
        if name not in self.column_names:
            raise KeyError(name)
        return self._frame[name].to_numpy()

    @cached_property
    def geometry_type(self) -> str:
        """Polygon, LineString, Point, or Mixed; multi-parts count as their single type.
        A layer read by extent holds part of its file: the file's type, as it declares."""
        if self.info.get("file_geometry_type"):
            return str(self.info["file_geometry_type"])
        flat = self._flat
        if "display" in self.__dict__:  # built already: it knows
            ids = self.display.type_ids
        elif flat is not None:
            ids = flat.flat.type_ids
        else:
            ids = shapely.get_type_id(self.geometries)
        kinds = {name.removeprefix("Multi") for name in type_names(ids)}
        if not kinds:
            return "None"
        return kinds.pop() if len(kinds) == 1 else "Mixed"

    @cached_property
    def bounds(self) -> tuple[float, float, float, float]:
        if self.feature_count == 0:
            return (np.nan,) * 4
        if "display" in self.__dict__ or self._flat is not None:
            return self.display.total_bounds_wgs84
        with np.errstate(invalid="ignore"):
            x0, y0, x1, y1 = (float(v) for v in shapely.total_bounds(self.geometries))
        return (x0, y0, x1, y1)

    @cached_property
    def name_field(self) -> str | None:
        return next((f for f in NAME_FIELDS if f in self.column_names), None)

    def values(self, rows, name: str) -> list:
        """One column's values at some rows, touching only those rows: picking a few of a
        million features must not convert a whole column (that took 60 ms a name)."""
        if self._table is not None:
            return self._table.values(rows, name)
        if name not in self.column_names:
            raise KeyError(name)
        return self._frame[name].iloc[[int(r) for r in rows]].tolist()

    def value(self, row: int, name: str):
        return self.values([row], name)[0]

    def row(self, index: int) -> dict:
        """One feature's attributes by column name (not the geometry), read for it alone."""
        if self._table is not None:
            return self._table.row(index)
        frame = self._frame
        return {name: frame[name].iat[int(index)] for name in self.column_names}

    def to_frame(self) -> gpd.GeoDataFrame:
        """The layer as a GeoDataFrame (WGS84), for work that needs pandas: sorting a
        table by each column's dtype, an export's typed columns. A layer read on the lean
        path builds it once, then keeps it; everything else reads through the methods
        above, which touch only the rows and columns they need."""
        return self._frame

    @property
    def _frame(self) -> gpd.GeoDataFrame:
        # `data` is always a GeoDataFrame when read: a FeatureTable given to the layer is
        # kept as _table and `data` is built from it on first use (__getattr__).
        return cast("gpd.GeoDataFrame", self.data)

    def geometry(self, index: int):
        """One feature's WGS84 geometry."""
        if self._table is not None:
            return self._table.geometry(index)
        return self._frame.geometry.iat[int(index)]

    def feature_name(self, index: int) -> str:
        return self.feature_names([index])[0]

    def file_rows(self, rows) -> list[int]:
        """Rows' places in the whole file's table: the rows themselves, unless the layer
        holds only the features of a view (read by extent)."""
        if self._table is not None:
            return self._table.file_rows(rows)
        return [int(r) for r in rows]

    def feature_names(self, rows) -> list[str]:
        """The names of some features (their name field, else "title #n"), read per row."""
        rows = [int(r) for r in rows]
        values = self.values(rows, self.name_field) if self.name_field else [None] * len(rows)
        numbers = self.file_rows(rows)
        return [
            f"{self.title} #{number + 1}" if value is None or value != value else str(value)
            for number, value in zip(numbers, values, strict=True)
        ]

    # --- derived, cached for drawing and picking ---------------------------------------

    def prepare_display(self, *, index: bool = True) -> Layer:
        """Build the display data (coordinates, bounds, and with `index` the spatial
        index) now, on the calling thread, rather than on first use: a file reader does
        it for big layers off the UI thread. A big layer draws and answers clicks before
        its index exists (model.display), so a reader may build the index afterwards."""
        _ = self.display, self.bounds, self.geometry_type
        if index:
            self.display.build_index()
        return self

    @cached_property
    def display(self) -> DisplayData:
        """Display-CRS coordinates, bounds and spatial index for drawing and picking."""
        flat = self._flat
        if flat is not None:
            table = self._table
            assert table is not None  # flat features come only from a table
            return DisplayData.from_flat(flat.flat, flat.others, lambda: table.geometries)
        return DisplayData(self.geometries)

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
