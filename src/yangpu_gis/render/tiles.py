"""Draws a basemap's tiles into an image of the viewport, under the vector layers.

The zoom is the one whose tiles come closest to their own size; beyond the source's
zooms its nearest tiles are scaled. A tile not yet loaded is stood in for by a loaded
tile of a lower zoom, scaled (as web maps do), and drawn for real when it arrives.

GCJ-02 sources (Amap, Tencent) have their tiles laid on the GCJ-02 grid, whose lon/lat
are WGS84 moved by a few hundred metres. Each tile is cut into cells whose corners are
taken back to WGS84 (model.chinese_crs) and the cell drawn onto that quadrilateral, so
the streets meet the WGS84 data; see `gcj_residual_px` for how close that is.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPolygonF, QTransform

from yangpu_gis.model import chinese_crs
from yangpu_gis.model.basemap import tilemath
from yangpu_gis.model.basemap.spec import BasemapSpec
from yangpu_gis.render.tile_store import TileStore, store_for
from yangpu_gis.render.viewport import Viewport

MAX_TILES = 600  # a frame wanting more (a source without small zooms, zoomed out) is skipped
FALLBACK_LEVELS = 6
ONLINE_WAIT_S = 20.0


@dataclass
class TileFrame:
    image: QImage | None  # None: cancelled
    zoom: int
    wanted: int  # tiles the frame needs
    drawn: int  # drawn at their own zoom
    stand_ins: int  # drawn from a lower zoom while theirs load
    complete: bool  # every wanted tile is loaded (or known missing)
    note: str | None = None  # why nothing was drawn, for the status line


def basemap_zoom(store: TileStore, vp: Viewport) -> int:
    z = tilemath.zoom_for_scale(vp.scale)
    return min(max(z, store.info.min_zoom), store.info.max_zoom)


def wanted_tiles(spec: BasemapSpec, vp: Viewport, z: int) -> list[tuple[int, int, int]]:
    extent = vp.extent
    if spec.datum == "gcj02":
        extent = _gcj_extent(extent)
    cols, rows = tilemath.tiles_covering(extent, z)
    # Centre first: the middle of the view arrives first.
    cx, cy = (cols.start + cols.stop - 1) / 2, (rows.start + rows.stop - 1) / 2
    tiles = [(z, x, y) for y in rows for x in cols]
    tiles.sort(key=lambda t: (t[1] - cx) ** 2 + (t[2] - cy) ** 2)
    return tiles


def paint_basemap(
    spec: BasemapSpec,
    vp: Viewport,
    *,
    wait_for_tiles: bool = True,
    cancelled: Callable[[], bool] = lambda: False,
    store: TileStore | None = None,
) -> TileFrame:
    """The basemap in vp (device pixels). Offline sources are always waited for (this
    runs on a worker); online ones only when wait_for_tiles (exports, the command line)."""
    store = store or store_for(spec)
    z = basemap_zoom(store, vp)
    tiles = wanted_tiles(spec, vp, z)
    if len(tiles) > MAX_TILES:
        return TileFrame(None, z, len(tiles), 0, 0, True, note="zoom in to see the basemap")
    px = _vector_px(store, vp, z)
    keys = [(*t, px) for t in tiles]
    futures = store.request(keys)
    if futures and (wait_for_tiles or not store.online):
        deadline = time.monotonic() + (ONLINE_WAIT_S if store.online else 120.0)
        pending = set(futures)
        while pending and time.monotonic() < deadline:
            if cancelled():
                return TileFrame(None, z, len(tiles), 0, 0, False)
            _done, pending = wait(pending, timeout=0.05, return_when=FIRST_COMPLETED)
    image = QImage(vp.width, vp.height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    drawn = stand_ins = 0
    complete = True
    try:
        if store.info.vector:
            _fill_land(painter, store, spec, vp)
        for key in keys:
            if cancelled():
                return TileFrame(None, z, len(tiles), drawn, stand_ins, False)
            tile = store.cached(key)
            if tile is False:
                complete = False
                if _draw_stand_in(painter, store, spec, vp, key):
                    stand_ins += 1
            elif tile is not None:
                _draw_tile(painter, tile, spec, vp, key[:3])
                drawn += 1
    finally:
        painter.end()
    return TileFrame(image, z, len(tiles), drawn, stand_ins, complete)


def _fill_land(painter: QPainter, store: TileStore, spec, vp: Viewport) -> None:
    """Vector sources leave out tiles with nothing in them: their land is painted first,
    over the area the source covers, so such tiles do not show as holes."""
    from yangpu_gis.render.vector_style import LAND

    bounds = store.info.bounds_wgs84
    if bounds is None:
        painter.fillRect(QRectF(0, 0, vp.width, vp.height), QColor(LAND))
        return
    x0, y0, x1, y1 = tilemath.lonlat_bounds_to_mercator(bounds)
    if spec.datum == "gcj02":  # near enough for a plain fill: the corners moved back
        lon, lat = tilemath.mercator_to_lonlat([x0, x1], [y0, y1])
        wlon, wlat = chinese_crs.gcj02_to_wgs84(lon, lat)
        (x0, x1), (y0, y1) = tilemath.lonlat_to_mercator(wlon, wlat)
    left, top = vp.map_to_pixel(x0, y1)
    right, bottom = vp.map_to_pixel(x1, y0)
    painter.fillRect(QRectF(left, top, right - left, bottom - top), QColor(LAND))


def _vector_px(store: TileStore, vp: Viewport, z: int) -> int:
    """Vector tiles are drawn at their size on screen (in 32 px steps, so nearby scales
    share them); raster tiles are kept as they come (0)."""
    if not store.info.vector:
        return 0
    side = tilemath.tile_metres(z) / vp.scale
    return int(min(max(round(side / 32) * 32, 128), 2048))


def _draw_stand_in(painter, store, spec, vp, key) -> bool:
    z, x, y, px = key
    for up in range(1, FALLBACK_LEVELS + 1):
        pz = z - up
        if pz < store.info.min_zoom:
            return False
        parent = store.cached((pz, x >> up, y >> up, px))
        if parent:
            n = 1 << up
            side_w, side_h = parent.width() / n, parent.height() / n
            src = QRectF((x % n) * side_w, (y % n) * side_h, side_w, side_h)
            _draw_tile(painter, parent, spec, vp, (z, x, y), src)
            return True
    return False


def _draw_tile(painter: QPainter, image: QImage, spec, vp: Viewport, zxy, src=None) -> None:
    z, x, y = zxy
    src = src or QRectF(0, 0, image.width(), image.height())
    if spec.datum != "gcj02":
        x0, y0, x1, y1 = tilemath.tile_bounds(z, x, y)
        left, top = vp.map_to_pixel(x0, y1)
        right, bottom = vp.map_to_pixel(x1, y0)
        painter.drawImage(QRectF(left, top, right - left, bottom - top), image, src)
        return
    cells = gcj_cells(z)
    corners = gcj_tile_corners_px(vp, z, x, y, cells)
    cw, ch = src.width() / cells, src.height() / cells
    for row in range(cells):
        for col in range(cells):
            quad = QPolygonF(
                [
                    QPointF(*corners[row, col]),
                    QPointF(*corners[row, col + 1]),
                    QPointF(*corners[row + 1, col + 1]),
                    QPointF(*corners[row + 1, col]),
                ]
            )
            cell = QRectF(src.left() + col * cw, src.top() + row * ch, cw, ch)
            transform = QTransform()
            if not QTransform.quadToQuad(QPolygonF(cell), quad, transform):
                continue
            painter.save()
            painter.setTransform(transform, True)
            painter.drawImage(cell, image, cell)
            painter.restore()


def gcj_cells(z: int) -> int:
    """Cells per tile side: the GCJ-02 offset bends slowly, so big (low zoom) tiles are cut
    finer to keep each cell's corners close to the curve."""
    return 1 if z >= 15 else 2 if z >= 12 else 4


def gcj_tile_corners_px(vp: Viewport, z: int, x: int, y: int, cells: int) -> np.ndarray:
    """The (cells+1)^2 grid of a GCJ-02 tile's cell corners, in vp's pixels: [row, col, xy]."""
    x0, y0, x1, y1 = tilemath.tile_bounds(z, x, y)
    gx = np.linspace(x0, x1, cells + 1)
    gy = np.linspace(y1, y0, cells + 1)
    mx, my = np.meshgrid(gx, gy)
    glon, glat = tilemath.mercator_to_lonlat(mx, my)
    wlon, wlat = chinese_crs.gcj02_to_wgs84(glon, glat)
    wx, wy = tilemath.lonlat_to_mercator(wlon, wlat)
    px, py = vp.map_to_pixel(wx, wy)
    return np.stack([px, py], axis=-1)


def gcj_residual_px(z: int, x: int, y: int, samples: int = 17) -> float:
    """The largest distance, in pixels at zoom z, between where the cell drawing puts a
    point of a GCJ-02 tile and where the exact inverse of the forward formula puts it."""
    cells = gcj_cells(z)
    res = tilemath.resolution(z)
    x0, y0, x1, y1 = tilemath.tile_bounds(z, x, y)
    vp = Viewport((x0 + x1) / 2, (y0 + y1) / 2, res, 4 * tilemath.TILE_PX, 4 * tilemath.TILE_PX)
    corners = gcj_tile_corners_px(vp, z, x, y, cells)
    worst = 0.0
    side = tilemath.TILE_PX / cells
    for row in range(cells):
        for col in range(cells):
            quad = QPolygonF([QPointF(*corners[r, c]) for r, c in _ring(row, col)])
            cell = QRectF(col * side, row * side, side, side)
            transform = QTransform()
            QTransform.quadToQuad(QPolygonF(cell), quad, transform)
            for u in np.linspace(0, 1, samples):
                for v in np.linspace(0, 1, samples):
                    sx, sy = cell.left() + u * side, cell.top() + v * side
                    drawn = transform.map(QPointF(sx, sy))
                    mx, my = x0 + sx * res, y1 - sy * res
                    glon, glat = tilemath.mercator_to_lonlat(mx, my)
                    wlon, wlat = chinese_crs.gcj02_to_wgs84(glon, glat)
                    ex, ey = vp.map_to_pixel(*tilemath.lonlat_to_mercator(wlon, wlat))
                    worst = max(worst, float(np.hypot(drawn.x() - ex, drawn.y() - ey)))
    return worst


def _ring(row: int, col: int):
    return ((row, col), (row, col + 1), (row + 1, col + 1), (row + 1, col))


def _gcj_extent(extent):
    """The GCJ-02 Web Mercator extent covering a WGS84 one (its corners and edge middles)."""
    x0, y0, x1, y1 = extent
    xs = np.array([x0, (x0 + x1) / 2, x1] * 3)
    ys = np.repeat([y0, (y0 + y1) / 2, y1], 3)
    lon, lat = tilemath.mercator_to_lonlat(xs, ys)
    glon, glat = chinese_crs.wgs84_to_gcj02(lon, lat)
    gx, gy = tilemath.lonlat_to_mercator(glon, glat)
    pad = (x1 - x0) * 0.01
    return gx.min() - pad, gy.min() - pad, gx.max() + pad, gy.max() + pad
