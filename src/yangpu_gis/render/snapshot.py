"""What the renderer draws, frozen on the UI thread so worker threads never see a half-made change.

Style, opacity, visibility, order and selection are copied. Features are immutable once
loaded, so their display geometries and index are read from the layer itself; that lets a
worker build them for a big new layer instead of stalling the UI thread.
"""

from __future__ import annotations

import itertools
import weakref
from dataclasses import dataclass, field, replace

import numpy as np

from yangpu_gis.model.display import DisplayData
from yangpu_gis.model.layer import Layer, LayerKind
from yangpu_gis.model.project import Project, Selection
from yangpu_gis.model.style import Style
from yangpu_gis.render import fonts

_version_counter = itertools.count(1)
_versions: dict[int, tuple[weakref.ref, int]] = {}


def data_version(data) -> int:
    """A number that changes whenever a layer's display data is a different object."""
    key = id(data)
    entry = _versions.get(key)
    if entry is not None and entry[0]() is data:
        return entry[1]
    version = next(_version_counter)

    def released(_ref) -> None:
        _release(key, version)

    _versions[key] = (weakref.ref(data, released), version)
    _live.add(version)
    return version


def _release(key: int, version: int) -> None:
    _live.discard(version)
    entry = _versions.get(key)
    if entry is not None and entry[1] == version:
        del _versions[key]


def live_version(version: int) -> bool:
    """Whether the display data a data_version named still exists (a cached image of data
    that is gone can never be asked for again)."""
    return version in _live


_live: set[int] = set()


@dataclass(frozen=True, eq=False)
class LayerSnapshot:
    id: str
    title: str
    kind: str
    style: Style
    opacity: float
    label_values: np.ndarray | None  # one value per feature, or None without a label field
    category_values: np.ndarray | None  # per feature, the value its fill follows (categorised
    # or graduated: Style.colour_field), or None
    selected_rows: tuple[int, ...] = ()
    above_labels: bool = False  # drawn over the labels (Layer.drawn_above_labels)
    labels_last: bool = False  # labelled after the others (Layer.labels_placed_last)
    _layer: Layer = field(repr=False, kw_only=True)

    @property
    def display(self) -> DisplayData:
        """Display-CRS coordinates, bounds and index of the features (model.display)."""
        return self._layer.display

    @property
    def geometries(self) -> np.ndarray:
        """Every display-CRS (Web Mercator) geometry; drawing uses display instead."""
        return self._layer.display_geometries

    @property
    def basemap(self):
        """The BasemapSpec of a basemap layer (drawn from tiles), None for a vector layer."""
        return self._layer.info.get("basemap") if self.kind == LayerKind.BASEMAP else None

    @property
    def data_version(self) -> int:
        return data_version(self.display)

    @property
    def feature_count(self) -> int:
        return self._layer.feature_count

    @property
    def image_key(self) -> tuple:
        """What the layer's own image depends on (opacity and selection are applied later)."""
        return (self.id, self.style, self.data_version)


@dataclass(frozen=True)
class MapSnapshot:
    layers: tuple[LayerSnapshot, ...]  # visible layers, bottom to top
    selection: Selection | None = None
    label_family: str | None = None  # looked up here: the font database wants the UI thread
    # Online basemap tiles: wait for them (exports, the command line) or draw what has
    # arrived and let the canvas redraw as the rest comes (render.tiles).
    wait_for_tiles: bool = True

    def layer(self, layer_id: str) -> LayerSnapshot | None:
        return next((layer for layer in self.layers if layer.id == layer_id), None)


def snapshot_layer(
    layer: Layer, selection: Selection | None = None, language: str = "en"
) -> LayerSnapshot:
    style = layer.style
    selected = selection.rows if selection is not None and selection.layer_id == layer.id else ()
    return LayerSnapshot(
        id=layer.id,
        title=layer.title,
        kind=layer.kind,
        style=style,
        opacity=layer.opacity,
        label_values=_label_column(layer, style, language),
        category_values=_column(layer, style.colour_field),
        selected_rows=tuple(int(r) for r in selected),
        above_labels=layer.drawn_above_labels,
        labels_last=layer.labels_placed_last,
        _layer=layer,
    )


def snapshot_layers(
    layers, selection: Selection | None = None, language: str = "en"
) -> MapSnapshot:
    """Visible layers, bottom to top, as they are at this moment."""
    snapshots = tuple(
        snapshot_layer(layer, selection, language) for layer in layers if layer.visible
    )
    if any(layer.kind == LayerKind.BASEMAP for layer in snapshots):
        snapshots = tuple(_over_basemap(layer) for layer in snapshots)
        # Vector tiles are drawn on tile workers: their module (brushes) and the label font
        # family (the font database wants the UI thread) are made ready here.
        from yangpu_gis.render import vector_tiles  # noqa: F401

        fonts.label_family()
    labelled = any(layer.label_values is not None for layer in snapshots)
    return MapSnapshot(
        layers=snapshots,
        selection=selection,
        label_family=fonts.label_family() if labelled else None,
    )


# Over a basemap, area fills are thinned so the streets show through them.
_FILL_OVER_BASEMAP: dict[str, float] = {
    LayerKind.DISTRICT: 0.12,
    LayerKind.RIVER: 0.3,
    LayerKind.RIVERSIDE: 0.3,
}


def _over_basemap(layer: LayerSnapshot) -> LayerSnapshot:
    cap = _FILL_OVER_BASEMAP.get(layer.kind)
    if cap is None or layer.style.fill_opacity <= cap:
        return layer
    return replace(layer, style=layer.style.with_(fill_opacity=cap))


def take_snapshot(
    project: Project, *, wait_for_tiles: bool = True, language: str = "en"
) -> MapSnapshot:
    snapshot = snapshot_layers(project.layers, project.selection, language)
    return snapshot if wait_for_tiles else replace(snapshot, wait_for_tiles=False)


def _label_column(layer: Layer, style, language: str = "en") -> np.ndarray | None:
    """Label text per feature; with a sublabel field, its value goes on a second line
    (in Chinese the Chinese name goes first: Style.label_lines)."""
    top, bottom = style.label_lines(language)
    first = _column(layer, top)
    second = _column(layer, bottom)
    if first is None or second is None:
        return first if first is not None else second
    return np.array([_join_lines(a, b) for a, b in zip(first, second, strict=True)], dtype=object)


def _join_lines(first, second):
    lines = [str(v) for v in (first, second) if v is not None and v == v and str(v).strip()]
    return "\n".join(lines) or None


def _column(layer: Layer, name: str | None) -> np.ndarray | None:
    if name is None or name not in layer.column_names:
        return None
    return layer.column(name)
