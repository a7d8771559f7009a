"""The embedded Yangpu map, read from the geodata/ folder shipped inside the package."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import shapely.geometry

from yangpu_gis.model.feature_table import FeatureTable
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.style import Style
from yangpu_gis.paths import geodata_dir

YANGPU_ADCODE = "310110"


@dataclass(frozen=True)
class EmbeddedLayer:
    name: str
    filename: str
    kind: str
    title: str
    style: Style


# Bottom to top, as they are drawn.
EMBEDDED_LAYERS = (
    EmbeddedLayer(
        "districts",
        "districts.geojson",
        "district",
        "Districts",
        Style(
            fill="#e6e4dc",
            fill_opacity=1.0,
            stroke="#8a857a",
            stroke_width=1.2,
            label_field="name_en",
            sublabel_field="name_zh",
            category_field="role",
            categories=(("Yangpu", "#f6f1e1"), ("neighbour", "#e2e0da")),
        ),
    ),
    EmbeddedLayer(
        "river",
        "huangpu_river.geojson",
        "river",
        "Huangpu River",
        Style(
            fill="#a8cde6",
            fill_opacity=1.0,
            stroke="#7fb0d4",
            stroke_width=0.8,
            label_field="name_en",
            sublabel_field="name_zh",
        ),
    ),
    EmbeddedLayer(
        "riverside",
        "riverside.geojson",
        "riverside",
        "Riverside",
        Style(fill=None, stroke="#1d6fa5", stroke_width=3.0, dashed=False),
    ),
    EmbeddedLayer(
        "sites",
        "sites.geojson",
        "site",
        "Renewal and innovation sites",
        Style(
            fill="#e6550d",
            fill_opacity=0.35,
            stroke="#a63603",
            stroke_width=1.5,
            label_field="name_en",
            sublabel_field="name_zh",
            category_field="category",
            categories=(
                ("commercial centre", "#9e9ac8"),
                ("digital economy", "#6baed6"),
                ("industrial heritage", "#bcbddc"),
                ("innovation", "#fd8d3c"),
                ("university", "#74c476"),
                ("urban renewal", "#e6550d"),
            ),
        ),
    ),
)


def embedded_path(name: str):
    spec = next(s for s in EMBEDDED_LAYERS if s.name == name)
    return geodata_dir() / spec.filename


def _property_order(features: list[dict]) -> list[str]:
    """Property names in file order; one first seen in a later feature goes after the name
    it follows there, as GDAL orders them."""
    order: list[str] = []
    for feature in features:
        previous = None
        for name in feature.get("properties") or {}:
            if name not in order:
                order.insert(
                    order.index(previous) + 1 if previous is not None else len(order), name
                )
            previous = name
    return order


def read_geojson_table(path: Path) -> FeatureTable:
    """A small GeoJSON file we ship, read without GDAL (the embedded files are WGS84)."""
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    geometries = [
        shapely.geometry.shape(f["geometry"]) if f.get("geometry") else None for f in features
    ]
    names = _property_order(features)
    columns = {name: [(f.get("properties") or {}).get(name) for f in features] for name in names}
    return FeatureTable(geometries, names, columns)


def load_embedded_layer(spec: EmbeddedLayer) -> Layer:
    data = read_geojson_table(geodata_dir() / spec.filename)
    return Layer(
        id=spec.name,
        title=spec.title,
        data=data,
        kind=spec.kind,
        style=spec.style,
        source=f"embedded:{spec.name}",
    )


def load_embedded_layers() -> list[Layer]:
    return [load_embedded_layer(spec) for spec in EMBEDDED_LAYERS]
