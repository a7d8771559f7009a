"""GCJ-02 and BD-09: forward formulas, iterative inverses, and their behaviour on arrays."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import Polygon

from yangpu_gis.model import chinese_crs as cc

GEOD = Geod(ellps="WGS84")
# The spec for a usable round trip is half a metre; the module promises far better
# (sub-millimetre closure), and a one-step approximate inverse would miss this bound.
ROUND_TRIP_LIMIT_M = 0.5
CLOSURE_LIMIT_M = 0.001

YANGPU = (121.526, 31.285)  # near the middle of the district


def distances_m(lon1, lat1, lon2, lat2) -> np.ndarray:
    lon1, lat1, lon2, lat2 = (
        np.broadcast_to(np.asarray(v, float), np.shape(lon1)).ravel()
        for v in (lon1, lat1, lon2, lat2)
    )
    return np.asarray(GEOD.inv(lon1, lat1, lon2, lat2)[2])


def shanghai_grid(n: int = 40) -> tuple[np.ndarray, np.ndarray]:
    lon, lat = np.meshgrid(np.linspace(120.85, 122.20, n), np.linspace(30.67, 31.88, n))
    return lon, lat


def random_china(count: int = 5000, seed: int = 20231117) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(73.7, 134.9, count), rng.uniform(18.2, 53.4, count)


# --- GCJ-02 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "points", [shanghai_grid, random_china], ids=["shanghai-grid", "china-random"]
)
def test_gcj02_round_trip_closes(points):
    lon, lat = points()
    glon, glat = cc.wgs84_to_gcj02(lon, lat)
    # The offset is real: a round trip through an identity would also "close".
    offsets = distances_m(lon, lat, glon, glat)
    assert offsets.min() > 1 and np.median(offsets) > 100
    wlon, wlat = cc.gcj02_to_wgs84(glon, glat)
    err = distances_m(lon, lat, wlon, wlat)
    assert err.max() < ROUND_TRIP_LIMIT_M
    assert err.max() < CLOSURE_LIMIT_M, f"worst round trip {err.max():.6f} m"


def test_gcj02_inverse_then_forward_returns_the_gcj_point():
    # Start from GCJ-02 positions (what a web map hands out) rather than from WGS84.
    glon, glat = random_china(2000, seed=7)
    flon, flat = cc.wgs84_to_gcj02(*cc.gcj02_to_wgs84(glon, glat))
    assert distances_m(glon, glat, flon, flat).max() < CLOSURE_LIMIT_M


def test_gcj02_offset_at_yangpu():
    lon, lat = YANGPU
    glon, glat = cc.wgs84_to_gcj02(lon, lat)
    offset = distances_m(lon, lat, glon, glat)[0]
    assert 400 < offset < 550
    # In Shanghai GCJ-02 lies east and a little south of WGS84.
    assert 0.0038 < float(glon) - lon < 0.0048
    assert -0.0026 < float(glat) - lat < -0.0016


def test_gcj02_offset_over_the_whole_district_grid():
    lon, lat = np.meshgrid(np.linspace(121.48, 121.58, 11), np.linspace(31.25, 31.34, 11))
    glon, glat = cc.wgs84_to_gcj02(lon, lat)
    offsets = distances_m(lon, lat, glon, glat)
    assert offsets.min() > 400 and offsets.max() < 550
    assert np.all(glon - lon > 0) and np.all(glat - lat < 0)


def test_gcj02_inverse_moves_back_west_and_north():
    glon, glat = YANGPU
    wlon, wlat = cc.gcj02_to_wgs84(glon, glat)
    assert float(wlon) < glon and float(wlat) > glat
    assert 400 < distances_m(glon, glat, wlon, wlat)[0] < 550


# Published test vectors (WGS84 -> GCJ-02): googollee/eviltransform go/transform_test.go,
# given there as (lat, lon); written here as (lon, lat).
EVILTRANSFORM_VECTORS = [
    ((121.5272106, 31.1774276), (121.531541859215, 31.17530398364597)),  # Shanghai
    ((113.912316, 22.543847), (113.9171764808363, 22.540796131694766)),  # Shenzhen
    ((116.377817, 39.911954), (116.38404722455657, 39.91334545536069)),  # Beijing
]


@pytest.mark.parametrize(
    ("wgs", "gcj"), EVILTRANSFORM_VECTORS, ids=["shanghai", "shenzhen", "beijing"]
)
def test_published_wgs84_to_gcj02_vectors(wgs, gcj):
    glon, glat = cc.wgs84_to_gcj02(*wgs)
    assert float(glon) == pytest.approx(gcj[0], abs=1e-9)
    assert float(glat) == pytest.approx(gcj[1], abs=1e-9)
    # Their exact-inverse test: back within half a metre of the WGS84 point.
    wlon, wlat = cc.gcj02_to_wgs84(*gcj)
    assert distances_m(wlon, wlat, *wgs)[0] < ROUND_TRIP_LIMIT_M


# Published results for the input (116.404, 39.915): wandergis/coordtransform test/app.js.
# The forward ones are the exact formulas; their inverses are one-step approximations,
# so ours must land within a metre of them and close better than they do.
COORDTRANSFORM_INPUT = (116.404, 39.915)
COORDTRANSFORM = {
    "wgs84togcj02": (116.41024449916938, 39.91640428150164),
    "gcj02tobd09": (116.41036949371029, 39.92133699351021),
    "bd09togcj02": (116.39762729119315, 39.90865673957631),
    "gcj02towgs84": (116.39775550083061, 39.91359571849836),
}


def test_published_forward_vectors():
    for func, key in ((cc.wgs84_to_gcj02, "wgs84togcj02"), (cc.gcj02_to_bd09, "gcj02tobd09")):
        lon, lat = func(*COORDTRANSFORM_INPUT)
        assert float(lon) == pytest.approx(COORDTRANSFORM[key][0], abs=1e-9), key
        assert float(lat) == pytest.approx(COORDTRANSFORM[key][1], abs=1e-9), key


@pytest.mark.parametrize(
    ("inverse", "forward", "key"),
    [
        (cc.gcj02_to_wgs84, cc.wgs84_to_gcj02, "gcj02towgs84"),
        (cc.bd09_to_gcj02, cc.gcj02_to_bd09, "bd09togcj02"),
    ],
    ids=["gcj02-to-wgs84", "bd09-to-gcj02"],
)
def test_published_inverse_vectors(inverse, forward, key):
    ours = inverse(*COORDTRANSFORM_INPUT)
    published = COORDTRANSFORM[key]
    assert distances_m(*ours, *published)[0] < 1.0
    ours_closure = distances_m(*forward(*ours), *COORDTRANSFORM_INPUT)[0]
    published_closure = distances_m(*forward(*published), *COORDTRANSFORM_INPUT)[0]
    assert ours_closure < CLOSURE_LIMIT_M
    assert ours_closure < published_closure


# --- BD-09 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "points", [shanghai_grid, random_china], ids=["shanghai-grid", "china-random"]
)
def test_bd09_round_trip_closes(points):
    lon, lat = points()
    blon, blat = cc.wgs84_to_bd09(lon, lat)
    wlon, wlat = cc.bd09_to_wgs84(blon, blat)
    err = distances_m(lon, lat, wlon, wlat)
    assert err.max() < ROUND_TRIP_LIMIT_M
    assert err.max() < CLOSURE_LIMIT_M, f"worst round trip {err.max():.6f} m"


def test_bd09_gcj02_round_trip_closes():
    lon, lat = random_china(2000, seed=3)
    glon, glat = cc.bd09_to_gcj02(*cc.gcj02_to_bd09(lon, lat))
    assert distances_m(lon, lat, glon, glat).max() < CLOSURE_LIMIT_M


def test_bd09_offset_at_yangpu_is_about_a_kilometre():
    lon, lat = YANGPU
    blon, blat = cc.wgs84_to_bd09(lon, lat)
    assert 900 < distances_m(lon, lat, blon, blat)[0] < 1300
    # BD-09 adds its own north-east shift on top of GCJ-02's.
    glon, glat = cc.wgs84_to_gcj02(lon, lat)
    assert float(blon) > float(glon) and float(blat) > float(glat)


# --- outside China, arrays, geometries ---------------------------------------------------

OUTSIDE = [
    (2.3522, 48.8566),  # Paris
    (-74.006, 40.7128),  # New York
    (139.6917, 35.6895),  # Tokyo, east of the box
    (151.2093, -33.8688),  # Sydney
    (0.0, 0.0),
    (121.5, 56.5),  # north of the box
    (71.5, 39.0),  # west of the box
]


@pytest.mark.parametrize(("lon", "lat"), OUTSIDE)
def test_gcj02_leaves_points_outside_china_unchanged(lon, lat):
    assert tuple(map(float, cc.wgs84_to_gcj02(lon, lat))) == (lon, lat)
    assert tuple(map(float, cc.gcj02_to_wgs84(lon, lat))) == (lon, lat)


def test_mixed_array_converts_only_the_points_inside_china():
    lon = np.array([OUTSIDE[0][0], YANGPU[0], OUTSIDE[2][0]])
    lat = np.array([OUTSIDE[0][1], YANGPU[1], OUTSIDE[2][1]])
    glon, glat = cc.wgs84_to_gcj02(lon, lat)
    assert glon[0] == lon[0] and glat[0] == lat[0]
    assert glon[2] == lon[2] and glat[2] == lat[2]
    assert glon[1] != lon[1] and glat[1] != lat[1]
    wlon, wlat = cc.gcj02_to_wgs84(glon, glat)
    assert distances_m(lon, lat, wlon, wlat).max() < CLOSURE_LIMIT_M


@pytest.mark.parametrize(
    "func",
    [
        cc.wgs84_to_gcj02,
        cc.gcj02_to_wgs84,
        cc.gcj02_to_bd09,
        cc.bd09_to_gcj02,
        cc.wgs84_to_bd09,
        cc.bd09_to_wgs84,
    ],
)
def test_arrays_match_scalars_and_keep_their_shape(func):
    lon, lat = shanghai_grid(6)
    lon[0, 0], lat[0, 0] = OUTSIDE[0]
    out_lon, out_lat = func(lon, lat)
    assert out_lon.shape == lon.shape and out_lat.shape == lat.shape
    for idx in np.ndindex(lon.shape):
        slon, slat = func(float(lon[idx]), float(lat[idx]))
        assert float(slon) == pytest.approx(out_lon[idx], abs=1e-9)
        assert float(slat) == pytest.approx(out_lat[idx], abs=1e-9)


def test_inputs_are_not_modified_and_lists_are_accepted():
    lon, lat = shanghai_grid(5)
    before = lon.copy(), lat.copy()
    cc.gcj02_to_wgs84(lon, lat)
    cc.bd09_to_wgs84(lon, lat)
    assert np.array_equal(lon, before[0]) and np.array_equal(lat, before[1])
    from_list = cc.wgs84_to_gcj02(list(lon.ravel()), list(lat.ravel()))
    from_array = cc.wgs84_to_gcj02(lon.ravel(), lat.ravel())
    assert np.array_equal(from_list[0], from_array[0])
    assert np.array_equal(from_list[1], from_array[1])


def test_empty_arrays_and_a_nan_do_not_spoil_the_rest():
    empty = cc.gcj02_to_wgs84(np.array([]), np.array([]))
    assert empty[0].shape == (0,) and empty[1].shape == (0,)
    lon = np.array([YANGPU[0], np.nan, 116.4])
    lat = np.array([YANGPU[1], 31.0, 39.9])
    wlon, wlat = cc.gcj02_to_wgs84(lon, lat)
    assert np.isnan(wlon[1])
    ok = [0, 2]
    flon, flat = cc.wgs84_to_gcj02(wlon[ok], wlat[ok])
    assert distances_m(flon, flat, lon[ok], lat[ok]).max() < CLOSURE_LIMIT_M


def test_geometry_conversion_moves_every_vertex_like_the_arrays():
    ring = [(121.50, 31.26), (121.56, 31.26), (121.56, 31.31), (121.50, 31.31)]
    hole = [(121.52, 31.28), (121.53, 31.28), (121.53, 31.29)]
    polygon = Polygon(ring, [hole])
    gcj = cc.geometries_wgs84_to_gcj02(polygon)
    assert gcj.geom_type == "Polygon" and len(gcj.interiors) == 1
    xy = shapely.get_coordinates(polygon)
    expected = np.column_stack(cc.wgs84_to_gcj02(xy[:, 0], xy[:, 1]))
    assert np.allclose(shapely.get_coordinates(gcj), expected, rtol=0, atol=1e-12)
    back = cc.geometries_gcj02_to_wgs84(gcj)
    back_xy = shapely.get_coordinates(back)
    assert distances_m(xy[:, 0], xy[:, 1], back_xy[:, 0], back_xy[:, 1]).max() < CLOSURE_LIMIT_M

    bd = cc.geometries_wgs84_to_bd09(np.array([polygon, shapely.Point(121.5, 31.3)]))
    assert len(bd) == 2
    restored = cc.geometries_bd09_to_wgs84(bd)
    for original, result in zip([polygon, shapely.Point(121.5, 31.3)], restored, strict=True):
        a, b = shapely.get_coordinates(original), shapely.get_coordinates(result)
        assert distances_m(a[:, 0], a[:, 1], b[:, 0], b[:, 1]).max() < CLOSURE_LIMIT_M
