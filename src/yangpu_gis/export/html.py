"""Export the map as one self-contained HTML file that works offline: `export_html`.

The page is our own small template rather than folium's. folium's page loads Leaflet,
jQuery, Bootstrap and Font Awesome from CDNs; taking it offline means rewriting asset
lists that folium keeps on its classes (shared by every map in the process) and working
around branca's embedding, and it would still write every feature as GeoJSON carrying
all its properties and its own style. Our page inlines Leaflet from xstatic-leaflet,
draws with a short script of our own (html_map.js), and carries the data compactly
(html_geometry, html_layers), which makes the file several times smaller and faster to
write, with nothing left that could reach for the network.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from yangpu_gis.export.html_geometry import COORDINATE_SCALE
from yangpu_gis.export.html_layers import EMBEDDED_KINDS, LayerExport, layer_payload
from yangpu_gis.export.html_leaflet import leaflet_assets
from yangpu_gis.export.html_packing import pack_big_layer
from yangpu_gis.export.html_page import render_page
from yangpu_gis.model.atomic_file import check_destination, write_atomically
from yangpu_gis.model.attribution import short_attribution, short_source_name
from yangpu_gis.model.facts import COMPUTED_SOURCE, fact_book
from yangpu_gis.model.language import ENGLISH, LANGUAGES
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.outputs import HTML_MAP, source_files
from yangpu_gis.model.page_words import html_words, word
from yangpu_gis.model.project import YANGPU_EXTENT

DEFAULT_TITLE = word("html_title", ENGLISH)
# Above this many features a layer is drawn by the page's own canvas layer, and when
# the other layers together have more, Leaflet draws those on a canvas, not as SVG paths.
CANVAS_THRESHOLD = 5000
MERCATOR_MAX_LAT = 85.05


@dataclass(frozen=True)
class Basemap:
    url: str
    origin: str  # what the page's security policy lets images load from
    attribution: str
    max_zoom: int
    note: str


BASEMAPS = {
    "osm": Basemap(
        url="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        origin="https://tile.openstreetmap.org",
        attribution="© OpenStreetMap contributors",
        max_zoom=19,
        note="The OpenStreetMap basemap loads its tiles from tile.openstreetmap.org and "
        "needs an internet connection; the layers work without one.",
    ),
}


@dataclass(frozen=True)
class ExportReport:
    path: Path
    size: int  # bytes
    feature_counts: dict[str, int]  # layer id -> features drawn in the page
    notes: tuple[str, ...]
    dropped: dict[str, int] = field(default_factory=dict)  # layer id -> features not drawn


def check_bounds(bounds) -> tuple[float, float, float, float]:
    """WGS84 (minlon, minlat, maxlon, maxlat) clipped to the world Web Mercator shows.

    A view zoomed far out reaches past the antimeridian or the poles; that is clipped,
    not refused. Bounds that are not four numbers, or are empty once clipped, are.
    """
    try:
        minlon, minlat, maxlon, maxlat = (float(v) for v in bounds)
    except (TypeError, ValueError):
        raise ValueError(
            "view bounds must be four numbers: minlon, minlat, maxlon, maxlat"
        ) from None
    given = (minlon, minlat, maxlon, maxlat)
    clipped = (
        min(max(minlon, -180.0), 180.0),
        min(max(minlat, -MERCATOR_MAX_LAT), MERCATOR_MAX_LAT),
        min(max(maxlon, -180.0), 180.0),
        min(max(maxlat, -MERCATOR_MAX_LAT), MERCATOR_MAX_LAT),
    )
    if any(math.isnan(v) for v in given) or not (
        clipped[0] < clipped[2] and clipped[1] < clipped[3]
    ):
        raise ValueError(
            f"view bounds {given} are not a WGS84 extent (minlon, minlat, maxlon, maxlat)"
        )
    return clipped


def _basemap(name, bounds):
    """The page's basemap (export.html_basemap): "osm", a SOURCE, or a BasemapSpec."""
    if name is None:
        return None
    from yangpu_gis.export.html_basemap import page_basemap

    return page_basemap(name, bounds)


def _split_basemap(basemap, layers):
    """A basemap layer among the layers (the app's project) becomes the page's basemap."""
    from yangpu_gis.model.basemap.layer import is_basemap, spec_of

    shown = next((lyr for lyr in layers if is_basemap(lyr) and lyr.visible), None)
    if basemap is None and shown is not None:
        basemap = spec_of(shown)
    return basemap, [lyr for lyr in layers if not is_basemap(lyr)]


def _sources(exports: Sequence[LayerExport], language: str = ENGLISH) -> dict[str, dict]:
    book = fact_book()
    used = sorted(set().union(*(e.source_ids for e in exports))) if exports else []
    return {
        sid: {
            "name": short_source_name(sid, book.sources.get(sid), language),
            "citation": book.citation(sid, language),
        }
        for sid in used
    }


def _notes(
    layers: Sequence[Layer], exports: Sequence[LayerExport], basemap: Basemap | None
) -> list[str]:
    notes = [basemap.note] if basemap else []
    for layer, exported in zip(layers, exports, strict=True):
        if exported.dropped:
            notes.append(
                f"{layer.title}: {exported.dropped:,} feature(s) without a drawable "
                "geometry (missing or empty) left out"
            )
        if not exported.drawn:
            notes.append(f"{layer.title}: empty; listed in the layer control, marked empty")
        if not layer.visible:
            notes.append(f"{layer.title}: hidden; exported unchecked in the layer control")
    return notes


def export_html(
    layers: Sequence[Layer],
    out_path,
    *,
    title: str | None = None,
    view_bounds_wgs84=None,
    basemap: str | None = None,
    inputs: Sequence = (),
    language: str = ENGLISH,
) -> ExportReport:
    """Write the layers (bottom to top, as Project.layers) as one offline HTML map.

    Hidden layers are included, unchecked in the layer control. The page opens fitted to
    view_bounds_wgs84 (default: Yangpu). basemap="osm" adds online OpenStreetMap tiles.
    Raises ValueError for bad arguments and OSError when the file cannot be written;
    model.atomic_file.OutputRefused (both) for a name that is not .html, a destination
    that is not a regular file, or one of the layers' files or of `inputs`. language
    ("en" or "zh") is the page's: its lang, controls, legend, popups, scale and credits.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r}: choose from {', '.join(LANGUAGES)}")
    path = Path(out_path)
    guard = dict(suffixes=HTML_MAP.suffixes, inputs=[*source_files(layers), *inputs])
    check_destination(path, what=HTML_MAP.what, **guard)  # before the page is built
    bounds = check_bounds(YANGPU_EXTENT if view_bounds_wgs84 is None else view_bounds_wgs84)
    basemap, layers = _split_basemap(basemap, layers)
    chosen = _basemap(basemap, bounds)
    title = (title or "").strip() or word("html_title", language)
    exports = [layer_payload(layer, language) for layer in layers]
    for exported in exports:  # drawn by the page's own canvas layer (html_canvas.js)
        exported.payload["big"] = exported.drawn > CANVAS_THRESHOLD
        if exported.payload["big"]:
            pack_big_layer(exported.payload)
    drawn = sum(e.drawn for e in exports if e.drawn <= CANVAS_THRESHOLD)
    notes = _notes(layers, exports, chosen)
    data = {
        "coordinateScale": COORDINATE_SCALE,
        "computedSource": COMPUTED_SOURCE,
        "bounds": list(bounds),
        "renderer": "canvas" if drawn > CANVAS_THRESHOLD else "svg",
        "basemap": None if chosen is None else chosen.payload(),
        "attribution": [short_attribution(language)]
        if any(layer.kind in EMBEDDED_KINDS for layer in layers)
        else [],
        "sources": _sources(exports, language),
        "markerImages": leaflet_assets().marker_images,
        "layers": [e.payload for e in exports],
        "words": html_words(language),
    }
    page_notes = [chosen.note] if chosen else []
    page = render_page(title, page_notes, data, chosen.origin if chosen else None, language)
    write_atomically(path, page, what=HTML_MAP.what, **guard)
    return ExportReport(
        path=path,
        size=path.stat().st_size,
        feature_counts={layer.id: e.drawn for layer, e in zip(layers, exports, strict=True)},
        notes=tuple(notes),
        dropped={layer.id: e.dropped for layer, e in zip(layers, exports, strict=True)},
    )
