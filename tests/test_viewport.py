"""Viewport arithmetic: pixels and map coordinates, zoom, pan, fit and map scale."""

from __future__ import annotations

import numpy as np
import pytest
from pyproj import Geod

from yangpu_gis.model import crs
from yangpu_gis.model.project import YANGPU_EXTENT
from yangpu_gis.render.viewport import MAX_SCALE, MIN_SCALE, Viewport

GEOD = Geod(ellps="WGS84")
YANGPU_DISPLAY = crs.transform_bounds(YANGPU_EXTENT)


@pytest.fixture
def vp() -> Viewport:
    return Viewport.fit_wgs84(YANGPU_EXTENT, 1000, 700)


def test_corners_and_centre(vp):
    x0, y0, x1, y1 = vp.extent
    assert vp.pixel_to_map(0, 0) == pytest.approx((x0, y1))
    assert vp.pixel_to_map(vp.width, vp.height) == pytest.approx((x1, y0))
    assert vp.map_to_pixel(vp.center_x, vp.center_y) == pytest.approx((500, 350))
    assert (x1 - x0) == pytest.approx(vp.width * vp.scale)
    assert (y1 - y0) == pytest.approx(vp.height * vp.scale)
    # Pixel y grows downwards.
    assert vp.pixel_to_map(0, 10)[1] < vp.pixel_to_map(0, 0)[1]


def test_pixel_map_round_trip_on_scalars_and_arrays(vp):
    rng = np.random.default_rng(1)
    px, py = rng.uniform(-200, 1200, 500), rng.uniform(-200, 900, 500)
    x, y = vp.pixel_to_map(px, py)
    back = vp.map_to_pixel(x, y)
    assert np.allclose(back[0], px, atol=1e-6) and np.allclose(back[1], py, atol=1e-6)
    assert vp.map_to_pixel(*vp.pixel_to_map(123.5, 456.25)) == pytest.approx((123.5, 456.25))


def test_wgs84_pixel_round_trip(vp):
    lon, lat = 121.5096, 31.3051
    px, py = vp.wgs84_to_pixel(lon, lat)
    assert 0 < px < vp.width and 0 < py < vp.height
    assert vp.pixel_to_wgs84(px, py) == pytest.approx((lon, lat), abs=1e-9)
    # North is up and east is right.
    assert vp.wgs84_to_pixel(lon + 0.01, lat)[0] > px
    assert vp.wgs84_to_pixel(lon, lat + 0.01)[1] < py


@pytest.mark.parametrize("factor", [2.0, 0.5, 1.25, 10.0])
@pytest.mark.parametrize("anchor", [(0, 0), (500, 350), (137.5, 612.0), (1000, 700)])
def test_zoom_keeps_the_anchor_fixed(vp, factor, anchor):
    before = vp.pixel_to_map(*anchor)
    zoomed = vp.zoomed(factor, anchor)
    assert zoomed.scale == pytest.approx(vp.scale / factor)
    assert zoomed.pixel_to_map(*anchor) == pytest.approx(before, abs=1e-6)
    assert zoomed.map_to_pixel(*before) == pytest.approx(anchor, abs=1e-6)


def test_zoom_without_anchor_keeps_the_centre(vp):
    zoomed = vp.zoomed(3.0)
    assert (zoomed.center_x, zoomed.center_y) == (vp.center_x, vp.center_y)
    assert zoomed.scale == pytest.approx(vp.scale / 3)


def test_zoom_in_then_out_returns(vp):
    back = vp.zoomed(2.0, (100, 200)).zoomed(0.5, (100, 200))
    assert back.scale == pytest.approx(vp.scale)
    assert (back.center_x, back.center_y) == pytest.approx((vp.center_x, vp.center_y))


def test_zoom_is_clamped_and_the_anchor_still_holds(vp):
    anchor = (250, 100)
    before = vp.pixel_to_map(*anchor)
    closest = vp.zoomed(1e9, anchor)
    assert closest.scale == MIN_SCALE
    assert closest.pixel_to_map(*anchor) == pytest.approx(before, abs=1e-6)
    farthest = vp.zoomed(1e-9, anchor)
    assert farthest.scale == MAX_SCALE
    assert farthest.pixel_to_map(*anchor) == pytest.approx(before, abs=1e-3)


def test_pan_moves_the_content_with_the_pointer(vp):
    point = vp.pixel_to_map(300, 200)
    moved = vp.panned(40, -25)
    assert moved.map_to_pixel(*point) == pytest.approx((340, 175))
    assert moved.scale == vp.scale
    back = moved.panned(-40, 25)
    assert (back.center_x, back.center_y) == pytest.approx((vp.center_x, vp.center_y))
    assert vp.panned(0, 0) == vp


def test_resized_keeps_centre_and_scale(vp):
    resized = vp.resized(400, 300)
    assert (resized.width, resized.height) == (400, 300)
    assert (resized.center_x, resized.center_y, resized.scale) == (
        vp.center_x,
        vp.center_y,
        vp.scale,
    )


def contains(outer, inner) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and outer[2] >= inner[2]
        and outer[3] >= inner[3]
    )


@pytest.mark.parametrize("size", [(1000, 700), (300, 900), (1920, 200), (64, 48)])
@pytest.mark.parametrize(
    "extent",
    [
        YANGPU_DISPLAY,
        (0.0, 0.0, 50_000.0, 1_000.0),  # wide
        (0.0, 0.0, 1_000.0, 50_000.0),  # tall
    ],
)
def test_fit_contains_the_extent_centred(size, extent):
    vp = Viewport.fit(extent, *size)
    assert contains(vp.extent, extent)
    assert vp.center_x == pytest.approx((extent[0] + extent[2]) / 2)
    assert vp.center_y == pytest.approx((extent[1] + extent[3]) / 2)
    # Snug: the limiting side fills the view but for the margin.
    shown_w, shown_h = vp.extent[2] - vp.extent[0], vp.extent[3] - vp.extent[1]
    used = max((extent[2] - extent[0]) / shown_w, (extent[3] - extent[1]) / shown_h)
    assert 0.85 < used <= 1.0


def test_fit_a_single_point_zooms_in_as_far_as_allowed():
    vp = Viewport.fit((100.0, 200.0, 100.0, 200.0), 800, 600)
    assert vp.scale == MIN_SCALE
    assert (vp.center_x, vp.center_y) == (100.0, 200.0)


def test_fit_wgs84_shows_yangpu(vp):
    assert contains(vp.extent, YANGPU_DISPLAY)
    lon0, lat0, lon1, lat1 = vp.extent_wgs84
    assert lon0 <= YANGPU_EXTENT[0] and lat0 <= YANGPU_EXTENT[1]
    assert lon1 >= YANGPU_EXTENT[2] and lat1 >= YANGPU_EXTENT[3]


def test_ground_metres_per_pixel_and_scale_denominator(vp):
    # Measure one pixel on the ground independently: a geodesic across the view's middle row.
    lon0, lat0 = vp.pixel_to_wgs84(0, vp.height / 2)
    lon1, lat1 = vp.pixel_to_wgs84(vp.width, vp.height / 2)
    ground = GEOD.inv(lon0, lat0, lon1, lat1)[2] / vp.width
    assert vp.ground_metres_per_pixel() == pytest.approx(ground, rel=0.005)
    # Mercator metres are stretched by about 1/cos(31.3°) here.
    assert vp.ground_metres_per_pixel() / vp.scale == pytest.approx(
        np.cos(np.radians(31.3)), rel=0.01
    )
    # 1:N at 96 dpi: a screen pixel is 0.0254/96 m.
    expected = ground / (0.0254 / 96)
    assert vp.scale_denominator() == pytest.approx(expected, rel=0.005)
    # Yangpu's ~10 km in 1000 px is a city-district map of roughly 1:40,000-1:70,000.
    assert 30_000 < vp.scale_denominator() < 80_000
    assert vp.scale_denominator(192) == pytest.approx(2 * vp.scale_denominator())
    assert vp.zoomed(2).scale_denominator() == pytest.approx(vp.scale_denominator() / 2)
