"""A basemap as a map layer: no features of its own, its tiles named by a BasemapSpec.

Being a Layer (kind BASEMAP) it takes part in what layers do: it is listed, shown or
hidden, faded with its opacity, saved with the project and taken along by the exports;
the renderer draws it from its tiles under every vector layer.
"""

from __future__ import annotations

from yangpu_gis.model.basemap.spec import BasemapSpec
from yangpu_gis.model.feature_table import FeatureTable
from yangpu_gis.model.layer import Layer, LayerKind, new_layer_id

SPEC_KEY = "basemap"  # where a basemap layer keeps its spec in Layer.info


def basemap_layer(spec: BasemapSpec, *, opacity: float = 1.0, layer_id: str | None = None) -> Layer:
    return Layer(
        id=layer_id or new_layer_id("basemap"),
        title=spec.display_name,
        data=FeatureTable([], []),
        kind=LayerKind.BASEMAP,
        opacity=opacity,
        source=spec.source,
        info={SPEC_KEY: spec},
    )


def is_basemap(layer) -> bool:
    return layer.kind == LayerKind.BASEMAP


def spec_of(layer) -> BasemapSpec:
    return layer.info[SPEC_KEY]


def basemap_of(layers) -> Layer | None:
    """The visible basemap among layers (the lowest, if there are several)."""
    return next((layer for layer in layers if is_basemap(layer) and layer.visible), None)
