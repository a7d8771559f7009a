"""How styles come out on the image: categories, opacity, dashes, points, lines, multi-parts;
and the map furniture (scale bar, north arrow)."""

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Geod
from PySide6.QtGui import QColor, QImage, QPainter

from yangpu_gis.model.layer import Layer
from yangpu_gis.model.project import YANGPU_EXTENT
from yangpu_gis.model.style import Style
from yangpu_gis.render.decorations import draw_decorations, format_distance, nice_length, scale_bar
from yangpu_gis.render.renderer import Renderer, render_map
from yangpu_gis.render.snapshot import snapshot_layers
from yangpu_gis.render.viewport import Viewport

VIEW = Viewport.fit_wgs84((121.50, 31.27, 121.54, 31.30), 800, 600)


def layer_of(geometries, style: Style, **columns) -> Layer:
    data = gpd.GeoDataFrame(columns, geometry=list(geometries), crs="EPSG:4326")
    return Layer(id="test", title="test", data=data, style=style)


def draw(layer: Layer, view: Viewport = VIEW) -> QImage:
    return render_map(
        snapshot_layers([layer]), view, background="#ffffff", labels=False, renderer=Renderer()
    )


def rgb(image: QImage, lon: float, lat: float) -> tuple[int, int, int]:
    c = QColor(image.pixel(*(int(v) for v in VIEW.wgs84_to_pixel(lon, lat))))
    return c.red(), c.green(), c.blue()


def near(actual, hex_colour: str, alpha: float = 1.0, tolerance: int = 4) -> bool:
    c = QColor(hex_colour)
    expected = [v * alpha + 255 * (1 - alpha) for v in (c.red(), c.green(), c.blue())]
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def test_categorised_fills_and_their_fallback(qapp):
    boxes = [shapely.box(121.505 + 0.01 * i, 31.28, 121.512 + 0.01 * i, 31.287) for i in range(3)]
    style = Style(
        fill="#777777",
        fill_opacity=1.0,
        stroke=None,
        category_field="kind",
        categories=(("park", "#31a354"), ("water", "#3182bd")),
    )
    image = draw(layer_of(boxes, style, kind=["park", "water", "unknown"]))
    assert near(rgb(image, 121.5085, 31.2835), "#31a354")
    assert near(rgb(image, 121.5185, 31.2835), "#3182bd")
    assert near(rgb(image, 121.5285, 31.2835), "#777777")


def test_fill_opacity_and_layer_opacity_multiply(qapp):
    box = shapely.box(121.51, 31.28, 121.52, 31.29)
    layer = layer_of([box], Style(fill="#000000", fill_opacity=0.5, stroke=None))
    assert near(rgb(draw(layer), 121.515, 31.285), "#000000", alpha=0.5)
    layer.opacity = 0.5
    assert near(rgb(draw(layer), 121.515, 31.285), "#000000", alpha=0.25)


def test_multipolygon_parts_and_holes_are_all_drawn(qapp):
    outer = shapely.box(121.505, 31.275, 121.515, 31.285)
    with_hole = outer.difference(shapely.box(121.508, 31.278, 121.512, 31.282))
    other = shapely.box(121.525, 31.285, 121.535, 31.295)
    image = draw(
        layer_of(
            [shapely.MultiPolygon([with_hole, other])],
            Style(fill="#e6550d", fill_opacity=1.0, stroke=None),
        )
    )
    assert near(rgb(image, 121.506, 31.276), "#e6550d")
    assert near(rgb(image, 121.530, 31.290), "#e6550d")
    assert near(rgb(image, 121.510, 31.280), "#ffffff")  # the hole


def test_dashed_lines_have_gaps_and_solid_lines_do_not(qapp):
    line = shapely.LineString([(121.502, 31.285), (121.538, 31.285)])
    y = int(VIEW.wgs84_to_pixel(121.52, 31.285)[1])
    x0 = int(VIEW.wgs84_to_pixel(121.505, 31.285)[0])
    x1 = int(VIEW.wgs84_to_pixel(121.535, 31.285)[0])

    def inked(style):
        image = draw(layer_of([line], style))
        return np.array([QColor(image.pixel(x, y)).red() < 128 for x in range(x0, x1)])

    solid = inked(Style(fill=None, stroke="#000000", stroke_width=2.0))
    dashed = inked(Style(fill=None, stroke="#000000", stroke_width=2.0, dashed=True))
    assert solid.all()
    assert 0.3 < dashed.mean() < 0.8
    assert np.count_nonzero(np.diff(dashed.astype(int))) > 20  # many dashes


def test_points_are_round_markers_with_an_outline(qapp):
    point = shapely.Point(121.52, 31.285)
    style = Style(fill="#e31a1c", stroke="#000000", stroke_width=1.0, point_size=12)
    image = draw(layer_of([point], style))
    px, py = VIEW.wgs84_to_pixel(121.52, 31.285)
    assert near(rgb(image, 121.52, 31.285), "#e31a1c")
    edge = QColor(image.pixel(int(px + 6.5), int(py)))
    assert edge.red() < 100  # the outline ring
    assert QColor(image.pixel(int(px + 5), int(py + 5))).name() == "#ffffff"  # round, not square


def test_polygon_outlines_use_the_stroke_colour_and_width(qapp):
    box = shapely.box(121.51, 31.28, 121.52, 31.29)
    image = draw(layer_of([box], Style(fill=None, stroke="#0000ff", stroke_width=4.0)))
    x, y = VIEW.wgs84_to_pixel(121.51, 31.285)
    run = [
        QColor(image.pixel(int(x) + dx, int(y))).blue() > 200
        and QColor(image.pixel(int(x) + dx, int(y))).red() < 60
        for dx in range(-4, 5)
    ]
    assert 3 <= sum(run) <= 5


# --- decorations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "limit, expected", [(1234, 1000), (999, 500), (260, 200), (7.3, 5), (0.3, 0.2)]
)
def test_scale_bar_lengths_are_1_2_5_steps(limit, expected):
    assert nice_length(limit) == pytest.approx(expected)


def test_distances_read_naturally():
    assert [format_distance(m) for m in (0.5, 20, 500, 1000, 2000)] == [
        "50 cm",
        "20 m",
        "500 m",
        "1 km",
        "2 km",
    ]


@pytest.mark.parametrize(
    "bounds", [YANGPU_EXTENT, (121.53, 31.28, 121.54, 31.29), (0.0, 59.0, 0.1, 60.0)]
)
def test_the_scale_bar_measures_true_ground_distance(bounds):
    view = Viewport.fit_wgs84(bounds, 1000, 700)
    metres, length_px, label = scale_bar(view, max_px=120)
    assert 48 <= length_px <= 120
    # Measure the bar on the ellipsoid, centred in the view.
    left = view.pixel_to_wgs84(500 - length_px / 2, 350)
    right = view.pixel_to_wgs84(500 + length_px / 2, 350)
    ground = Geod(ellps="WGS84").inv(*left, *right)[2]
    assert ground == pytest.approx(metres, rel=0.005)
    assert label == format_distance(metres)


def test_decorations_draw_a_scale_bar_and_a_north_arrow(qapp):
    image = QImage(600, 400, QImage.Format_ARGB32_Premultiplied)
    image.fill(QColor("#88aa88"))
    painter = QPainter(image)
    draw_decorations(painter, VIEW.resized(600, 400), 600, 400)
    painter.end()
    array = np.frombuffer(image.constBits(), np.uint32).reshape(400, 600)
    bottom_left, top_right = array[300:, :200], array[:100, 450:]
    background = QColor("#88aa88").rgba()
    for corner in (bottom_left, top_right):
        dark = (corner & 0xFF) < 0x50
        assert (corner != background).mean() > 0.02 and dark.sum() > 20
    assert (array[120:280, 200:400] == background).all()  # the middle stays clear
