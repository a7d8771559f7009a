"""GCJ-02 tiles (Amap, Tencent) drawn so that WGS84 data lies on their streets.

A real tile server on 127.0.0.1 lays its tiles on the GCJ-02 grid: it marks a known place
at that place's GCJ-02 position. Rendered with --basemap-crs gcj02, the mark must land on
the place's WGS84 position within a pixel at zoom 18."""

from __future__ import annotations

import numpy as np
import pytest
from basemap_fixtures import TileServer, png_tile
from PySide6.QtGui import QImage

from yangpu_gis.model import chinese_crs
from yangpu_gis.model.basemap import tilemath
from yangpu_gis.model.basemap.layer import basemap_layer
from yangpu_gis.model.basemap.spec import BasemapSpec, parse_spec
from yangpu_gis.render.map_image import render_map_image
from yangpu_gis.render.tile_store import forget_store
from yangpu_gis.render.tiles import gcj_residual_px
from yangpu_gis.render.viewport import Viewport

Z = 18


def known_place():
    """A place in Yangpu whose GCJ-02 position is the centre of a zoom-18 tile pixel, so
    the server's 3x3 mark is centred exactly on it."""
    glon, glat = chinese_crs.wgs84_to_gcj02(121.5262, 31.2990)
    gx, gy = tilemath.lonlat_to_mercator(glon, glat)
    res = tilemath.resolution(Z)
    col = np.floor((gx + tilemath.ORIGIN) / res)
    row = np.floor((tilemath.ORIGIN - gy) / res)
    gx, gy = -tilemath.ORIGIN + (col + 0.5) * res, tilemath.ORIGIN - (row + 0.5) * res
    glon, glat = tilemath.mercator_to_lonlat(gx, gy)
    wlon, wlat = chinese_crs.gcj02_to_wgs84(glon, glat)
    return (float(glon), float(glat)), (float(wlon), float(wlat))


def gcj_server():
    (glon, glat), _ = known_place()
    gx, gy = tilemath.lonlat_to_mercator(glon, glat)
    res = tilemath.resolution(Z)

    def tile(z, x, y):
        x0, _, _, y1 = tilemath.tile_bounds(z, x, y)
        px, py = (gx - x0) / tilemath.resolution(z), (y1 - gy) / tilemath.resolution(z)
        if z == Z and 0 <= px < 256 and 0 <= py < 256:
            return png_tile("#ffffff", (float(px), float(py)))
        return png_tile("#ffffff")

    assert res > 0
    return TileServer(tile)


def red_centroid(image: QImage) -> tuple[float, float] | None:
    image = image.convertToFormat(QImage.Format_RGB32)
    ptr = image.constBits()
    a = np.frombuffer(ptr, dtype=np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    b, g, r = (a[:, : image.width(), i].astype(float) for i in range(3))
    weight = np.clip(r - np.maximum(g, b), 0, None)
    weight[weight < 40] = 0
    if weight.sum() == 0:
        return None
    ys, xs = np.indices(weight.shape)
    # +0.5: a pixel's centre
    return float((xs * weight).sum() / weight.sum() + 0.5), float(
        (ys * weight).sum() / weight.sum() + 0.5
    )


@pytest.fixture
def server():
    srv = gcj_server()
    yield srv
    for datum in ("wgs84", "gcj02"):
        forget_store(BasemapSpec(srv.template, datum))
    srv.close()


def test_a_gcj02_mark_lands_on_the_wgs84_point_within_a_pixel_at_zoom_18(qapp, server):
    _, (wlon, wlat) = known_place()
    cx, cy = tilemath.lonlat_to_mercator(wlon, wlat)
    # A view at exactly zoom 18's resolution, the place off-centre.
    vp = Viewport(
        float(cx) + 37.3 * tilemath.resolution(Z), float(cy), tilemath.resolution(Z), 400, 300
    )
    spec = parse_spec(server.template, "gcj02")
    image = render_map_image([basemap_layer(spec)], (400, 300), viewport=vp, decorations=False)
    found = red_centroid(image)
    assert found is not None
    want = vp.wgs84_to_pixel(wlon, wlat)
    error = float(np.hypot(found[0] - want[0], found[1] - want[1]))
    assert error < 1.0, (found, want)
    print(f"GCJ-02 mark off the WGS84 point by {error:.3f} px at zoom 18")


def test_the_same_tiles_drawn_as_wgs84_are_hundreds_of_metres_off(qapp, server):
    _, (wlon, wlat) = known_place()
    cx, cy = tilemath.lonlat_to_mercator(wlon, wlat)
    vp = Viewport(float(cx), float(cy), tilemath.resolution(Z), 2400, 2400)
    spec = parse_spec(server.template)  # tiles taken for WGS84: the mark is misplaced
    image = render_map_image([basemap_layer(spec)], (2400, 2400), viewport=vp, decorations=False)
    found = red_centroid(image)
    want = vp.wgs84_to_pixel(wlon, wlat)
    metres = np.hypot(found[0] - want[0], found[1] - want[1]) * tilemath.resolution(Z)
    assert 300 < metres / np.cos(np.radians(wlat)) < 900  # GCJ-02's shift in Shanghai


@pytest.mark.parametrize("z", [12, 15, 18])
def test_the_cell_drawing_follows_the_formula_to_a_small_fraction_of_a_pixel(qapp, z):
    ((_, x, y),) = tilemath.tiles_for_bounds((121.52, 31.29, 121.5201, 31.2901), z)
    assert gcj_residual_px(z, x, y, samples=9) < 0.1
