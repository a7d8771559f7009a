"""Geometry arrays to Qt paths through one QDataStream read per path."""

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPointF
from PySide6.QtGui import QGuiApplication, QPainterPath

from yangpu_gis.render import paths
from yangpu_gis.render.viewport import Viewport


@pytest.fixture(scope="module", autouse=True)
def gui_app():
    return QGuiApplication.instance() or QGuiApplication([])


# One display metre per pixel, pixel (0, 0) at map (0, 100): pixel y = 100 - map y.
VIEW = Viewport(center_x=50, center_y=50, scale=1.0, width=100, height=100)


def test_painter_path_reads_every_vertex_with_its_move_or_line_type():
    x = np.array([1.0, 5.0, 5.0, 1.0, 20.0, 30.0])
    y = np.array([1.0, 1.0, 5.0, 1.0, 20.0, 25.0])
    starts = np.array([True, False, False, False, True, False])
    path = paths.painter_path(x, y, starts, paths.ODD_EVEN_FILL)
    assert path.elementCount() == 6
    types = [path.elementAt(i).type for i in range(6)]
    assert types == [
        QPainterPath.MoveToElement,
        QPainterPath.LineToElement,
        QPainterPath.LineToElement,
        QPainterPath.LineToElement,
        QPainterPath.MoveToElement,
        QPainterPath.LineToElement,
    ]
    assert (path.elementAt(5).x, path.elementAt(5).y) == (30.0, 25.0)
    assert path.fillRule().name == "OddEvenFill"


def test_empty_input_gives_an_empty_path():
    assert paths.painter_path(np.empty(0), np.empty(0), np.empty(0, bool)).isEmpty()


@pytest.mark.parametrize("reverse_rings", [False, True])
def test_a_hole_stays_a_hole_whichever_way_its_rings_run(reverse_rings):
    shell = [(10, 10), (90, 10), (90, 90), (10, 90), (10, 10)]
    hole = [(40, 40), (60, 40), (60, 60), (40, 60), (40, 40)]
    if reverse_rings:
        shell, hole = shell[::-1], hole[::-1]
    outlines = paths.polygon_outlines(np.array([shapely.Polygon(shell, [hole])]), VIEW, snap=0)
    path = outlines.path(0, 1)
    assert path.contains(QPointF(20, 20))
    assert not path.contains(QPointF(50, 50))  # pixel (50, 50) is map (50, 50): in the hole


def test_overlapping_features_in_one_path_fill_as_a_union():
    a = shapely.box(10, 10, 60, 60)
    b = shapely.box(40, 40, 90, 90).reverse()  # opposite ring direction on purpose
    path = paths.polygon_outlines(np.array([a, b]), VIEW, snap=0).path(0, 2)
    for px, py in ((20, 80), (50, 50), (80, 20)):  # only a, both, only b
        assert path.contains(QPointF(px, py))


def test_lines_become_open_subpaths_in_pixel_space():
    lines = np.array(
        [
            shapely.LineString([(0, 100), (10, 90), (20, 100)]),
            shapely.LineString([(50, 50), (60, 50)]),
        ]
    )
    outlines = paths.line_outlines(lines, VIEW, snap=0)
    assert outlines.shape_count == 2
    path = outlines.path(0, 2)
    assert path.elementCount() == 5
    first, second_start = path.elementAt(0), path.elementAt(3)
    assert (first.x, first.y) == (0.0, 0.0)
    assert second_start.type == QPainterPath.MoveToElement
    assert (second_start.x, second_start.y) == (50.0, 50.0)


def test_vertices_closer_than_the_snap_distance_are_dropped_but_ends_kept():
    xs = np.linspace(0, 10, 1001)  # 0.01 px apart
    line = shapely.LineString(np.column_stack([xs, np.full_like(xs, 50)]))
    outlines = paths.line_outlines(np.array([line]), VIEW, snap=0.5)
    assert outlines.vertex_count <= 22
    assert outlines.x[0] == 0 and outlines.x[-1] == 10


def test_chunks_hold_whole_shapes_and_cover_all_of_them():
    boxes = shapely.box(np.arange(200.0) % 90, 5, np.arange(200.0) % 90 + 3, 8)
    outlines = paths.polygon_outlines(boxes, VIEW, snap=0)
    chunks = list(outlines.chunks(max_elements=42))
    assert len(chunks) > 1
    assert sum(c.elementCount() for c in chunks) == outlines.vertex_count == 200 * 5
    assert all(c.elementCount() % 5 == 0 and c.elementCount() <= 42 for c in chunks)


def test_polygon_f_carries_the_points():
    polygon = paths.polygon_f(np.array([1.5, 2.5, 3.5]), np.array([4.0, 5.0, 6.0]))
    assert polygon.count() == 3
    assert (polygon.at(2).x(), polygon.at(2).y()) == (3.5, 6.0)
