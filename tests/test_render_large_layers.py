"""Layers of many features: single pixels, unantialiased small shapes, chunked paths, partial images.

rectangles_layer is also used by the canvas tests.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtGui import QImage

from yangpu_gis.model.layer import Layer
from yangpu_gis.model.project import YANGPU_EXTENT
from yangpu_gis.model.style import Style
from yangpu_gis.render import layer_painter
from yangpu_gis.render.renderer import Renderer, render_map
from yangpu_gis.render.snapshot import snapshot_layers
from yangpu_gis.render.viewport import Viewport

STYLE = Style(fill="#74a9cf", fill_opacity=0.7, stroke="#2b8cbe", stroke_width=1.0)


def rotated_rectangles(count: int, seed: int = 7, sides_m=(7.5, 40.0), extent=YANGPU_EXTENT):
    """count rectangles with sides in sides_m metres, at random angles, in WGS84."""
    rng = np.random.default_rng(seed)
    lon0, lat0, lon1, lat1 = extent
    cx = rng.uniform(lon0, lon1, count)
    cy = rng.uniform(lat0, lat1, count)
    half_w = rng.uniform(*sides_m, count) / 2 / 94_900  # metres to degrees of longitude here
    half_h = rng.uniform(*sides_m, count) / 2 / 110_900
    angle = rng.uniform(0, np.pi, count)
    corners = np.array([(-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)], float)
    dx = corners[None, :, 0] * half_w[:, None]
    dy = corners[None, :, 1] * half_h[:, None]
    cos, sin = np.cos(angle)[:, None], np.sin(angle)[:, None]
    x = cx[:, None] + dx * cos - dy * sin
    y = cy[:, None] + dx * sin + dy * cos
    return shapely.polygons(np.stack([x, y], axis=-1))


def rectangles_layer(
    count: int, seed: int = 7, layer_id: str = "blocks", sides_m=(7.5, 40.0)
) -> Layer:
    geometries = rotated_rectangles(count, seed, sides_m)
    data = gpd.GeoDataFrame(
        {"name": [f"block {i}" for i in range(count)]}, geometry=geometries, crs="EPSG:4326"
    )
    return Layer(id=layer_id, title="Synthetic blocks", data=data, style=STYLE)


def alpha(image: QImage) -> np.ndarray:
    array = np.frombuffer(image.constBits(), np.uint32).reshape(image.height(), -1)[
        :, : image.width()
    ]
    return (array >> 24).astype(np.uint8)


def paint(layer: Layer, viewport: Viewport):
    renderer = Renderer()
    snapshot = snapshot_layers([layer]).layers[0]
    image = renderer.layer_image(snapshot, viewport, 1.0, lambda: False)
    return image, renderer.stats.last_layer[layer.id]


@pytest.fixture
def yangpu_view():
    return Viewport.fit_wgs84(YANGPU_EXTENT, 1600, 1000)


def test_features_under_a_pixel_are_written_as_single_pixels(qapp, yangpu_view):
    layer = rectangles_layer(5000, sides_m=(1.0, 3.0))  # a pixel here is about 16 m
    image, stats = paint(layer, yangpu_view)
    assert stats.dots == stats.features == 5000
    assert stats.small == stats.large == 0
    drawn = alpha(image) > 0
    assert 4500 < drawn.sum() <= 5000  # a few share a pixel
    assert set(np.unique(alpha(image))) == {0, 255}


def test_small_features_are_drawn_without_antialiasing(qapp, yangpu_view):
    layer = rectangles_layer(20_000, sides_m=(20.0, 45.0))  # 2 to 5 pixels
    image, stats = paint(layer, yangpu_view)
    assert stats.small > 19_000 and stats.large == 0
    levels = np.unique(alpha(image))
    # Without antialiasing a pixel is either untouched, outline, or the fill laid down k
    # times (once per chunk that covers it); antialiased edges would add partial shades.
    clear = 1 - STYLE.fill_opacity
    possible = {0, 255} | {round(255 * (1 - clear**k)) for k in range(1, 8)}
    assert all(any(abs(int(level) - p) <= 1 for p in possible) for level in levels), levels


def test_large_features_are_antialiased(qapp, yangpu_view):
    layer = rectangles_layer(300, sides_m=(150.0, 300.0))  # 10 to 20 pixels
    image, stats = paint(layer, yangpu_view)
    assert stats.large == 300
    assert len(np.unique(alpha(image))) > 20


def test_many_features_go_to_qt_in_chunks_not_one_gigantic_path(qapp, yangpu_view):
    layer = rectangles_layer(100_000)
    _, stats = paint(layer, yangpu_view.zoomed(4.0))  # a sixteenth of Yangpu, antialiased
    assert stats.large > 10_000
    assert stats.qt_calls >= 4


def test_a_slow_layer_reports_partial_images_as_it_goes(qapp, yangpu_view, monkeypatch):
    monkeypatch.setattr(layer_painter, "PROGRESS_INTERVAL_S", 0.0)
    monkeypatch.setattr(layer_painter, "CALL_BUDGET_S", 0.0)  # smallest chunks
    layer = rectangles_layer(3000, sides_m=(150.0, 300.0))
    partial: list[QImage] = []
    view = yangpu_view.resized(800, 500).zoomed(0.5)
    final = render_map(
        snapshot_layers([layer]),
        view,
        renderer=Renderer(),
        background=None,
        on_partial=partial.append,
    )
    assert len(partial) >= 3
    inked = [int((alpha(image) > 0).sum()) for image in [*partial, final]]
    assert inked[0] < inked[len(inked) // 2] < inked[-1]


def test_detailed_outlines_are_simplified_to_about_a_pixel(qapp, yangpu_view):
    centre = shapely.Point(121.52, 31.29)
    circle = shapely.Polygon(shapely.get_coordinates(centre.buffer(0.004, quad_segs=5000)))
    data = gpd.GeoDataFrame(geometry=[circle], crs="EPSG:4326")
    layer = Layer(id="round", title="round", data=data, style=STYLE)
    assert len(circle.exterior.coords) > 20_000
    image, stats = paint(layer, yangpu_view)  # about 50 pixels across
    assert stats.large == 1
    assert stats.vertices < 300
    x, y = yangpu_view.wgs84_to_pixel(121.52, 31.29)
    a = alpha(image)
    assert a[int(y), int(x)] > 0 and a[int(y), int(x) + 40] == 0


def test_stamped_shapes_cover_about_the_pixels_qt_would_draw(qapp, yangpu_view, monkeypatch):
    layer = rectangles_layer(3000, sides_m=(20.0, 35.0))  # 1 to 4 pixels: stamped
    stamped, stats = paint(layer, yangpu_view)
    assert stats.stamps == stats.features == 3000
    monkeypatch.setattr(layer_painter, "STAMP_PX", layer_painter.TINY_PX)  # all to Qt
    drawn, qt_stats = paint(layer, yangpu_view)
    assert qt_stats.stamps == 0 and qt_stats.small == 3000
    a, b = alpha(stamped) > 0, alpha(drawn) > 0
    overlap = (a & b).sum() / (a | b).sum()
    assert overlap > 0.6, overlap
    assert 0.75 < a.sum() / b.sum() < 1.33
