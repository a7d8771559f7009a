"""The Python API: the app's map, facts, exports and review notes for scripts and notebooks.

Everything here runs without a window. It reuses the model (reading files in any CRS,
the embedded map, identify, facts), the renderer (PNG/PDF pages) and the exporters (the
offline HTML page, and a `folium.Map` for notebooks), so a script sees exactly what the
desktop app shows. Reached as `yangpu_gis.Map` and friends; see the package docstring.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import folium
    import geopandas as gpd

    from yangpu_gis.model.layer import Layer

BBox = tuple[float, float, float, float]


class _Unset:
    """An argument not given (None means something of its own)."""


@dataclass(frozen=True)
class Hit:
    """One feature under a point: what the facts panel shows for it.

    `facts` are dicts with label, value, unit, date, source and note (sourced facts of
    the embedded sites and districts first, then the computed area, perimeter or length);
    `sources` maps each cited source id to its full citation."""

    name: str
    layer: str  # the layer's title
    layer_id: str
    row: int
    properties: dict[str, Any]
    facts: list[dict[str, Any]]
    sources: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LayerInfo:
    """A layer of the map, as listed by `Map.layers`."""

    id: str
    title: str
    kind: str
    geometry_type: str
    feature_count: int
    visible: bool
    source: str | None


class Map:
    """The Yangpu map: the embedded layers (district and neighbours, the Huangpu, the
    riverside, the sites), plus whatever files are added, bottom to top.

    >>> import yangpu_gis as yg
    >>> m = yg.Map()
    >>> [layer.title for layer in m.layers][:2]
    ['Districts', 'Huangpu River']
    """

    def __init__(self, *, embedded: bool = True) -> None:
        from yangpu_gis.model.embedded import load_embedded_layers

        self._layers: list[Layer] = load_embedded_layers() if embedded else []

    # --- layers ----------------------------------------------------------------------------

    def add_file(
        self, path: str | os.PathLike, *, crs: str | None = None, layer: str | None = None
    ) -> list[LayerInfo]:
        """Add every layer of a file (GeoJSON, Shapefile, GeoPackage, KML, CSV, ... in any
        CRS; `crs` declares it when the file has none: EPSG:n, gcj02 or bd09) on top.

        `layer` keeps only the named layer of a multi-layer file. Raises
        `yangpu_gis.LoadError` with a one-line reason for a file that cannot be read."""
        from yangpu_gis.model.io import read_file
        from yangpu_gis.model.open_layers import layer_from_loaded

        loaded = read_file(os.fspath(path), declared_crs=crs)
        if layer is not None:
            loaded = [one for one in loaded if layer in (one.source_layer, one.name)]
            if not loaded:
                raise LookupError(f"{os.fspath(path)} has no layer named {layer!r}")
        from yangpu_gis.model.new_layer_look import give_new_looks

        added = [layer_from_loaded(one, crs) for one in loaded]
        give_new_looks(added, self._layers)  # a colour of its own, labelled by its name field
        self._layers.extend(added)
        return [_info(one) for one in added]

    def add_frame(self, frame: gpd.GeoDataFrame, title: str = "Layer") -> LayerInfo:
        """Add a GeoDataFrame (any CRS; it is held in WGS84) as a layer on top."""
        from yangpu_gis.model.layer import Layer, LayerKind, new_layer_id

        if frame.crs is None:
            raise ValueError("the GeoDataFrame has no CRS: set one with .set_crs()")
        added = Layer(
            id=new_layer_id("frame"),
            title=str(title),
            data=frame.to_crs(4326),
            kind=LayerKind.USER,
        )
        from yangpu_gis.model.new_layer_look import give_new_looks

        give_new_looks([added], self._layers)
        self._layers.append(added)
        return _info(added)

    @property
    def layers(self) -> list[LayerInfo]:
        """The layers, bottom to top."""
        return [_info(one) for one in self._layers]

    def layer(self, key: str) -> gpd.GeoDataFrame:
        """A layer's features as a GeoDataFrame in WGS84, by id or title (a copy)."""
        return self._find(key).to_frame().copy()

    def remove_layer(self, key: str) -> None:
        self._layers.remove(self._find(key))

    def set_visible(self, key: str, visible: bool) -> None:
        """Hidden layers are not identified, rendered or shown in folium; the HTML page
        keeps them, unchecked in its layer control."""
        self._find(key).visible = bool(visible)

    def set_style(
        self,
        key: str,
        *,
        fill: str | None = None,
        label: str | None | type[_Unset] = _Unset,
        by: str | None = None,
        scheme: str | None = None,
        k: int = 5,
        ramp: str = "YlOrRd",
    ) -> None:
        """Restyle a layer, as the app's style editor does. `fill` (#rrggbb) colours the
        whole layer; `label` names the field it is labelled by (None: no labels); `by`
        colours it by a field: one colour per value, or with `scheme` ("quantiles",
        "equal_interval" or "natural_breaks", as `GeoDataFrame.explore(scheme=)`) k
        classes of a numeric field along a ColorBrewer `ramp` ("YlOrRd", "Blues",
        "Greens", "Purples", "YlGnBu"). ValueError for a field the layer lacks or a
        field without numbers to classify."""
        from yangpu_gis.model.style import categorised, graduated

        layer = self._find(key)
        style = layer.style
        for name in (by, None if label is _Unset else label):
            if name is not None and name not in layer.column_names:
                raise ValueError(f"{layer.title!r} has no field {name!r}")
        if fill is not None:
            style = style.with_(fill=fill, category_field=None, categories=(), graduated=None)
        if label is not _Unset:
            style = style.with_(label_field=label, sublabel_field=None)
        if by is not None and scheme is not None:
            style = graduated(style, by, layer.column(by), scheme, k, ramp)
        elif by is not None:
            style = categorised(style, by, layer.column(by).tolist())
        layer.style = style

    def _find(self, key: str) -> Layer:
        for one in reversed(self._layers):
            if key in (one.id, one.title):
                return one
        known = ", ".join(repr(one.title) for one in self._layers) or "none"
        raise KeyError(f"no layer {key!r} (layers: {known})")

    @property
    def bounds(self) -> BBox:
        """The WGS84 extent of the visible layers' features."""
        return _union_bounds(one for one in self._layers if one.visible)

    # --- questions -------------------------------------------------------------------------

    def identify(self, lon: float, lat: float, *, tolerance_m: float = 0.0) -> list[Hit]:
        """The features of the visible layers under a WGS84 point, topmost first."""
        from yangpu_gis.model.identify import identify

        return [_hit(one) for one in identify(self._layers, lon, lat, tolerance_m)]

    # --- outputs ---------------------------------------------------------------------------

    def render(
        self,
        path: str | os.PathLike,
        *,
        size: tuple[int, int] = (1600, 1000),
        bbox: BBox | None = None,
        title: str | None = None,
        layout: bool | None = None,
        **page: Any,
    ) -> Path:
        """Draw the map to a PNG (the plain map, or with `layout=True` or a `title` a map
        page) or a PDF page (A4 landscape by default; `paper`, `orientation`, `dpi` and
        `date` as for `yangpu-gis render`). The view is `bbox` (WGS84), else the added
        files' extent, else Yangpu. Returns the path written."""
        from yangpu_gis.export.image import export_image

        out = Path(os.fspath(path))
        if layout is None:
            layout = out.suffix.lower() == ".pdf" or title is not None or bool(page)
        report = export_image(
            self._layers,
            out,
            bbox_wgs84=bbox if bbox is not None else self._default_view(),
            title=title,
            size=None if out.suffix.lower() == ".pdf" or page.get("paper") else size,
            layout=layout,
            **page,
        )
        return Path(report.path)

    def export_html(
        self,
        path: str | os.PathLike,
        *,
        title: str | None = None,
        bbox: BBox | None = None,
        **options: Any,
    ) -> Path:
        """Write the offline single-file HTML map (Leaflet and the data inside it) and
        return its path. The page opens on `bbox`, else the added files, else Yangpu."""
        from yangpu_gis.export.html import export_html

        report = export_html(
            self._layers,
            os.fspath(path),
            title=title,
            view_bounds_wgs84=bbox if bbox is not None else self._default_view(),
            **options,
        )
        return Path(report.path)

    def to_folium(self, *, lang: str | None = None, **map_options: Any) -> folium.Map:
        """A `folium.Map` with the visible layers, their styles, name tooltips and fact
        popups, a layer control and a legend: shown inline in Jupyter, open to folium
        plugins. It has no basemap unless asked (`tiles="OpenStreetMap"`), since tiles
        come from the internet; the offline page is `export_html`. `lang` ("zh" or "en")
        is the language of its layer names, popups, legend and credits, as export-html's
        --lang; by default the locale's (LANG=zh_CN.UTF-8 gives "zh")."""
        from yangpu_gis.export.folium_map import folium_map
        from yangpu_gis.model.language import system_language

        language = lang or system_language()
        return folium_map(self._layers, self._default_view(), language, **map_options)

    def _default_view(self) -> BBox | None:
        user = [one for one in self._layers if not _embedded(one) and one.feature_count]
        if not user:
            return None
        from yangpu_gis.model.view_extent import viewable_bounds

        return viewable_bounds(_union_bounds(user))


# --- the embedded facts and the review notes ------------------------------------------------


def sites() -> list[dict[str, Any]]:
    """The renewal and innovation sites as records: their properties, facts and sources."""
    from yangpu_gis.model.embedded import EMBEDDED_LAYERS, load_embedded_layer
    from yangpu_gis.model.identify import Hit as ModelHit
    from yangpu_gis.model.layer import LayerKind

    layer = load_embedded_layer(next(s for s in EMBEDDED_LAYERS if s.kind == LayerKind.SITE))
    records = []
    for row in range(layer.feature_count):
        described = ModelHit(layer, row).to_dict()
        records.append(
            {
                **described["properties"],
                "facts": described["facts"],
                "sources": described["sources"],
            }
        )
    return records


def notes(
    *, site: str | None = None, status: str | None = None, path: str | os.PathLike | None = None
) -> list[dict[str, Any]]:
    """The review notes (of the per-user notes store, or the GeoPackage at `path`), as
    dicts; `site` and `status` ("open" or "resolved") filter them."""
    from yangpu_gis.model.notes_postgres import open_note_store

    store = open_note_store(path=path)  # YANGPU_GIS_NOTES_URL when no path is given
    return [note.to_dict() for note in store.list(site_id=site, status=status)]


def add_note(
    text: str,
    *,
    author: str,
    at: tuple[float, float],
    site: str | None = None,
    category: str | None = None,
    path: str | os.PathLike | None = None,
) -> dict[str, Any]:
    """Add a review note at a WGS84 (lon, lat), optionally on a site; returns it."""
    from yangpu_gis.model.notes_postgres import open_note_store

    lon, lat = at
    note = open_note_store(path=path).add(
        text=text, author=author, lon=lon, lat=lat, site_id=site, category=category
    )
    return note.to_dict()


# --- helpers ---------------------------------------------------------------------------------


def _embedded(layer: Layer) -> bool:
    return str(layer.source or "").startswith("embedded:")


def _info(layer: Layer) -> LayerInfo:
    return LayerInfo(
        id=layer.id,
        title=layer.title,
        kind=str(layer.kind),
        geometry_type=layer.geometry_type,
        feature_count=layer.feature_count,
        visible=layer.visible,
        source=layer.source,
    )


def _hit(hit) -> Hit:
    described = hit.to_dict()
    return Hit(
        name=described["name"],
        layer=described["layer_title"],
        layer_id=described["layer"],
        row=described["row"],
        properties=described["properties"],
        facts=described["facts"],
        sources=described["sources"],
    )


def _union_bounds(layers: Iterable[Layer]) -> BBox:
    import math

    boxes: Sequence[BBox] = [
        one.bounds for one in layers if one.feature_count and not math.isnan(one.bounds[0])
    ]
    if not boxes:
        raise ValueError("no features to take an extent from")
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
