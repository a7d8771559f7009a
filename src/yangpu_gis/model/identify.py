"""What lies at a point: features of visible layers, topmost first, with their facts."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely

from yangpu_gis.model import crs
from yangpu_gis.model.facts import Fact, fact_book, geometry_figures
from yangpu_gis.model.language import ENGLISH
from yangpu_gis.model.layer import Layer


@dataclass(frozen=True)
class Hit:
    layer: Layer
    row: int

    @property
    def name(self) -> str:
        return self.layer.feature_name(self.row)

    @property
    def properties(self) -> dict:
        return {k: _plain(v) for k, v in self.layer.row(self.row).items()}

    @property
    def geometry(self):
        return self.layer.geometry(self.row)

    def facts(self) -> list[Fact]:
        """Sourced facts for embedded sites and districts, then the computed figures."""
        props = self.properties
        book = fact_book()
        sourced: list[Fact] = []
        if self.layer.kind == "site":
            sourced = book.site_facts(str(props.get("id")))
        elif self.layer.kind == "district":
            sourced = book.district_facts(str(props.get("adcode")))
        return sourced + geometry_figures(self.geometry)

    def to_dict(self, language: str = ENGLISH) -> dict:
        """The hit as JSON: its raw properties and facts, and its fact sheet in the
        language (model.fact_sheet: what the facts panel and the popups show)."""
        from yangpu_gis.model.fact_sheet import fact_sheet  # it builds on Hit

        book = fact_book()
        facts = self.facts()
        used = sorted({f.source for f in facts})
        return {
            "layer": self.layer.id,
            "layer_title": self.layer.title,
            "row": self.layer.file_rows([self.row])[0],  # as in the file, if read by extent
            "name": self.name,
            "properties": self.properties,
            "facts": [f.to_dict() for f in facts],
            "sources": {s: book.citation(s) for s in used},
            "sheet": fact_sheet(self, language).to_dict(),
        }


def _plain(value):
    """NumPy and pandas scalars as JSON-friendly Python values."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def ground_to_display(metres: float, lat: float) -> float:
    """Web Mercator stretches distances by 1/cos(lat); convert a ground distance."""
    return metres / math.cos(math.radians(lat))


def identify(
    layers: Sequence[Layer], lon: float, lat: float, tolerance_m: float = 0.0
) -> list[Hit]:
    """Hits under a WGS84 point in the given layers, the last (topmost) layer first."""
    x, y = crs.transform_xy(lon, lat)
    tolerance = ground_to_display(tolerance_m, lat)
    hits: list[Hit] = []
    for layer in reversed(layers):
        if not layer.visible:
            continue
        rows = layer.features_at(float(x), float(y), tolerance)
        hits.extend(Hit(layer, int(r)) for r in _smallest_first(layer, rows))
    return hits


def _smallest_first(layer: Layer, rows):
    # Within one layer a nested feature (a street block in its community) is the likelier target.
    if len(rows) < 2:
        return rows.tolist()
    areas = shapely.area(layer.display.geometries(rows))
    return rows[np.argsort(areas, kind="stable")].tolist()
