"""The embedded Yangpu map, read from the geodata/ folder shipped inside the package."""

from __future__ import annotations

from dataclasses import dataclass

import pyogrio

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
        "districts", "districts.geojson", "district", "Districts",
        Style(fill="#e6e4dc", fill_opacity=1.0, stroke="#8a857a", stroke_width=1.2,
              label_field="name_en", sublabel_field="name_zh", category_field="role",
              categories=(("Yangpu", "#f6f1e1"), ("neighbour", "#e2e0da"))),
    ),
    EmbeddedLayer(
        "river", "huangpu_river.geojson", "river", "Huangpu River",
        Style(fill="#a8cde6", fill_opacity=1.0, stroke="#7fb0d4", stroke_width=0.8,
              label_field="name_en", sublabel_field="name_zh"),
    ),
    EmbeddedLayer(
        "riverside", "riverside.geojson", "riverside", "Riverside",
        Style(fill=None, stroke="#1d6fa5", stroke_width=3.0, dashed=False),
    ),
    EmbeddedLayer(
        "sites", "sites.geojson", "site", "Renewal and innovation sites",
        Style(fill="#e6550d", fill_opacity=0.35, stroke="#a63603", stroke_width=1.5,
              label_field="name_en", sublabel_field="name_zh", category_field="category",
              categories=(
                  ("commercial centre", "#9e9ac8"),
                  ("digital economy", "#6baed6"),
                  ("industrial heritage", "#bcbddc"),
                  ("innovation", "#fd8d3c"),
                  ("university", "#74c476"),
                  ("urban renewal", "#e6550d"),
              )),
    ),
)


def embedded_path(name: str):
    spec = next(s for s in EMBEDDED_LAYERS if s.name == name)
    return geodata_dir() / spec.filename


def load_embedded_layer(spec: EmbeddedLayer) -> Layer:
    data = pyogrio.read_dataframe(geodata_dir() / spec.filename)
    return Layer(
        id=spec.name, title=spec.title, data=data, kind=spec.kind, style=spec.style,
        source=f"embedded:{spec.name}",
    )


def load_embedded_layers() -> list[Layer]:
    return [load_embedded_layer(spec) for spec in EMBEDDED_LAYERS]
