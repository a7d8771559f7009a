"""The basemap of an HTML export: online tiles by URL, or a file's tiles embedded.

An online source (osm, an XYZ template, a WMTS GetTile URL) stays online: the page loads
its tiles, and its security policy lets images come from that one origin only. A file
(MBTiles, PMTiles, GeoPackage, a tile folder) has the tiles that cover the exported view
embedded in the page as data: URIs, zoom level after zoom level while they fit in a size
budget (stated on the page), so the page works offline; Leaflet enlarges the closest
embedded zoom beyond it. Raster tiles go in as they are; vector and GCJ-02 tiles are
drawn first (render.tiles), as the app draws them, onto the WGS84 tile grid.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from yangpu_gis.model.basemap import tilemath
from yangpu_gis.model.basemap.http_source import _wmts_url
from yangpu_gis.model.basemap.spec import BasemapError, BasemapSpec, parse_spec

BUDGET_BYTES = 8 * 1024 * 1024  # tile bytes embedded at most (the page grows by 4/3 of it)
FIRST_ZOOM_PX = 512  # the first embedded zoom shows the view about this wide
MAX_EMBED_ZOOM = 18
MIME = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}


@dataclass(frozen=True)
class PageBasemap:
    url: str  # a Leaflet URL template; "" when the tiles are embedded
    origin: str | None  # what the page's security policy lets images load from
    attribution: str
    max_zoom: int
    note: str
    tiles: dict[str, str] = field(default_factory=dict)  # "z/x/y": data URI
    min_native_zoom: int | None = None
    max_native_zoom: int | None = None

    def payload(self) -> dict:
        doc = {"url": self.url, "attribution": self.attribution, "maxZoom": self.max_zoom}
        if self.tiles:
            doc.update(
                tiles=self.tiles,
                minNativeZoom=self.min_native_zoom,
                maxNativeZoom=self.max_native_zoom,
            )
        return doc


def page_basemap(basemap, bounds_wgs84, budget_bytes: int = BUDGET_BYTES) -> PageBasemap:
    """basemap: "osm", a SOURCE as the command line takes it, or a BasemapSpec.
    ValueError (one line) for a source that cannot be used."""
    spec = basemap if isinstance(basemap, BasemapSpec) else parse_spec(str(basemap))
    if spec.online:
        return _online(spec)
    return _embedded(spec, bounds_wgs84, budget_bytes)


def _online(spec: BasemapSpec) -> PageBasemap:
    if spec.datum == "gcj02":
        raise BasemapError(
            "an online GCJ-02 basemap cannot be shifted onto WGS84 in a web page; "
            "export it from a tile file (it is then embedded, shifted)"
        )
    if spec.kind == "osm":
        from yangpu_gis.export.html import BASEMAPS

        osm = BASEMAPS["osm"]
        return PageBasemap(osm.url, osm.origin, osm.attribution, osm.max_zoom, osm.note)
    if spec.kind == "wmts":
        url = _wmts_url(spec.source, "{z}", "{x}", "{y}")
        attribution, max_zoom = f"Tiles: {urlsplit(url).hostname}", 18
    else:
        url, attribution, max_zoom = spec.source, f"Tiles: {urlsplit(spec.source).hostname}", 19
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    note = (
        f"The {spec.display_name} basemap loads its tiles from {parts.hostname} and needs an "
        "internet connection; the layers work without one."
    )
    return PageBasemap(url, origin, attribution, max_zoom, note)


def _embedded(spec: BasemapSpec, bounds, budget_bytes: int) -> PageBasemap:
    from yangpu_gis.render.offscreen import ensure_gui_application
    from yangpu_gis.render.tile_store import store_for

    ensure_gui_application()
    store = store_for(spec)  # BasemapError for an unreadable file
    info = store.info
    redraw = info.vector or spec.datum == "gcj02"
    if info.vector:  # tile workers draw them: the label font is looked up on this thread
        from yangpu_gis.render import fonts, vector_tiles  # noqa: F401

        fonts.label_family()
    top = MAX_EMBED_ZOOM if info.vector else info.max_zoom
    width_m = _width_m(bounds)
    first = int(math.floor(math.log2(tilemath.tile_metres(0) / width_m * FIRST_ZOOM_PX / 256)))
    first = min(max(first, info.min_zoom if not redraw else 0), top)
    tiles: dict[str, str] = {}
    used = 0
    last = None
    for z in range(first, top + 1):
        wanted = tilemath.tiles_for_bounds(bounds, z)
        if tiles and used / max(len(tiles), 1) * len(wanted) > budget_bytes - used:
            break  # this zoom would not fit: the page enlarges the one before
        level = {}
        for _, x, y in wanted:
            data, fmt = _tile_bytes(spec, store, z, x, y, redraw)
            if data:
                level[f"{z}/{x}/{y}"] = f"data:{MIME[fmt]};base64," + base64.b64encode(data).decode(
                    "ascii"
                )
                used += len(data)
        if used > budget_bytes and tiles:
            break
        tiles.update(level)
        if level:
            last = z
    if last is None or not tiles:
        raise BasemapError(f"{spec.display_name}: it has no tiles over the exported view")
    note = (
        f"The basemap ({spec.display_name}) is embedded for zooms {first} to {last}: "
        f"{len(tiles)} tiles, {_size(used)}, within the export's {_size(budget_bytes)} "
        f"budget for basemap tiles; closer in, the zoom {last} tiles are shown enlarged."
    )
    from yangpu_gis.render.attribution import basemap_attribution

    return PageBasemap(
        url="",
        origin=None,
        attribution=basemap_attribution(spec),
        max_zoom=20,
        note=note,
        tiles=tiles,
        min_native_zoom=first,
        max_native_zoom=last,
    )


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(n / 1024, 1):.0f} kB"


def _width_m(bounds) -> float:
    x0, _, x1, _ = tilemath.lonlat_bounds_to_mercator(bounds)
    return max(x1 - x0, 1.0)


def _tile_bytes(spec, store, z, x, y, redraw) -> tuple[bytes | None, str]:
    if not redraw:
        if not store.info.min_zoom <= z <= store.info.max_zoom:
            return None, "png"
        data = store.reader.tile(z, x, y)
        fmt = store.info.tile_format if store.info.tile_format in MIME else "png"
        return data, fmt
    return _drawn_tile(spec, store, z, x, y), "png"


def _drawn_tile(spec, store, z, x, y) -> bytes | None:
    """A WGS84 grid tile drawn from the source (vector styling, GCJ-02 shift)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from yangpu_gis.render.tiles import paint_basemap
    from yangpu_gis.render.viewport import Viewport

    x0, y0, x1, y1 = tilemath.tile_bounds(z, x, y)
    vp = Viewport((x0 + x1) / 2, (y0 + y1) / 2, tilemath.resolution(z), 256, 256)
    frame = paint_basemap(spec, vp, store=store)
    if frame.image is None or frame.drawn + frame.stand_ins == 0:
        return None
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    frame.image.save(buffer, "PNG")  # type: ignore[call-overload]  # PySide6 takes str, its stubs say bytes
    return bytes(data.data())
