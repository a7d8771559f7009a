"""The map canvas driven as a user drives it: clicks, drags, wheel, keys, tools, menus."""

import re
import time

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Geod
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QHelpEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip
from test_render_large_layers import rectangles_layer

from yangpu_gis.model.layer import Layer
from yangpu_gis.model.project import YANGPU_EXTENT, Selection
from yangpu_gis.render.viewport import Viewport
from yangpu_gis.ui import canvas as canvas_module
from yangpu_gis.ui.canvas import MapCanvas

GEOD = Geod(ellps="WGS84")


@pytest.fixture
def canvas(qtbot, project):
    widget = MapCanvas(project)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.zoom_full()
    wait_for_render(qtbot, widget)
    yield widget
    widget.render_queue.cancel()
    widget.render_queue.wait()


def wait_for_render(qtbot, widget, timeout=15_000):
    qtbot.waitUntil(
        lambda: (
            widget.image is not None and not widget.busy and not widget._render_timer.isActive()
        ),
        timeout=timeout,
    )


def mouse(widget, kind, pos, button=Qt.LeftButton, buttons=None, modifiers=Qt.NoModifier):
    pos = QPointF(pos)
    if buttons is None:
        buttons = Qt.NoButton if kind == QEvent.MouseButtonRelease else button
    event = QMouseEvent(kind, pos, QPointF(widget.mapToGlobal(pos)), button, buttons, modifiers)
    QApplication.sendEvent(widget, event)


def drag(widget, start, end, steps=8, modifiers=Qt.NoModifier, release=True):
    start, end = QPointF(start), QPointF(end)
    mouse(widget, QEvent.MouseButtonPress, start, modifiers=modifiers)
    for i in range(1, steps + 1):
        mouse(
            widget,
            QEvent.MouseMove,
            start + (end - start) * (i / steps),
            Qt.NoButton,
            Qt.LeftButton,
            modifiers,
        )
    if release:
        mouse(widget, QEvent.MouseButtonRelease, end, modifiers=modifiers)


def click(widget, pos):
    mouse(widget, QEvent.MouseButtonPress, pos)
    mouse(widget, QEvent.MouseButtonRelease, pos)


def wheel(widget, pos, notches=1):
    pos = QPointF(pos)
    event = QWheelEvent(
        pos,
        QPointF(widget.mapToGlobal(pos)),
        QPoint(0, 0),
        QPoint(0, int(120 * notches)),
        Qt.NoButton,
        Qt.NoModifier,
        Qt.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def site_pixel(widget, project, site_id):
    sites = project.layer("sites")
    row = int(np.flatnonzero(sites.data["id"] == site_id)[0])
    point = sites.data.geometry.iloc[row].representative_point()
    return QPointF(*widget.viewport.wgs84_to_pixel(point.x, point.y)), row


def corner(widget):
    """Where the top-left corner of the shown image is on screen."""
    rect = widget.image_rect()
    return rect.left(), rect.top()


def number(text: str) -> float:
    return float(re.match(r"[\d,.]+", text).group(0).replace(",", ""))


# --- identify ------------------------------------------------------------------------------


def test_clicking_the_228_block_identifies_it_first_and_selects_it(qtbot, canvas, project):
    pos, row = site_pixel(canvas, project, "changbai-228")
    with qtbot.waitSignal(canvas.features_identified, timeout=2000) as signal:
        click(canvas, pos)
    hits = signal.args[0]
    assert hits[0].layer.id == "sites"
    assert hits[0].properties["id"] == "changbai-228"
    assert [h.layer.id for h in hits][-1] == "districts"  # topmost layer first
    assert project.selection == Selection("sites", (row,))


def test_clicking_empty_space_clears_the_selection(qtbot, canvas, project):
    project.select(Selection("sites", (0,)))
    canvas.zoom_to_wgs84((121.60, 31.40, 121.61, 31.41))  # outside every district
    with qtbot.waitSignal(canvas.features_identified, timeout=2000) as signal:
        click(canvas, QPointF(500, 350))
    assert signal.args[0] == []
    assert project.selection is None


def test_hidden_layers_are_not_identified(qtbot, canvas, project):
    project.update_layer("sites", visible=False)
    pos, _ = site_pixel(canvas, project, "changbai-228")
    with qtbot.waitSignal(canvas.features_identified, timeout=2000) as signal:
        click(canvas, pos)
    assert all(hit.layer.id != "sites" for hit in signal.args[0])


def test_identify_reaches_about_two_millimetres(qtbot, canvas, project):
    riverside = project.layer("riverside").display_geometries[0]
    x, y = riverside.interpolate(0.5, normalized=True).coords[0]
    px, py = canvas.viewport.map_to_pixel(x, y)
    tolerance_px = 2.0 / 25.4 * canvas.logicalDpiX()
    near = canvas.hits_at(QPointF(px + 0.6 * tolerance_px, py))
    far = canvas.hits_at(QPointF(px + 3 * tolerance_px, py))
    assert "riverside" in [h.layer.id for h in near]
    assert "riverside" not in [h.layer.id for h in far]


def test_hovering_a_site_shows_its_name(qtbot, canvas, project):
    pos, row = site_pixel(canvas, project, "kic")
    point = pos.toPoint()
    QApplication.sendEvent(canvas, QHelpEvent(QEvent.ToolTip, point, canvas.mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert QToolTip.text() == project.layer("sites").feature_name(row)


# --- moving about --------------------------------------------------------------------------


def test_wheel_zoom_keeps_the_point_under_the_cursor(qtbot, canvas):
    pos = QPointF(270, 520)
    before = canvas.viewport
    under = before.pixel_to_map(pos.x(), pos.y())
    wheel(canvas, pos, notches=2)
    after = canvas.viewport
    assert after.scale == pytest.approx(before.scale / canvas_module.WHEEL_STEP**2)
    assert after.pixel_to_map(pos.x(), pos.y()) == pytest.approx(under, abs=1e-6)
    # The last image is scaled at once, around the cursor.
    target = canvas.image_rect()
    assert target.width() == pytest.approx(1000 * canvas_module.WHEEL_STEP**2)
    assert (target.left() - pos.x()) == pytest.approx(-pos.x() * canvas_module.WHEEL_STEP**2)
    wait_for_render(qtbot, canvas)
    assert canvas._image_viewport == after


def test_a_burst_of_wheel_steps_costs_one_render(qtbot, canvas):
    started = canvas.render_queue.jobs_started
    for _ in range(5):
        wheel(canvas, QPointF(500, 350))
    wait_for_render(qtbot, canvas)
    assert canvas.render_queue.jobs_started == started + 1


def test_dragging_moves_the_image_and_renders_only_after_release(qtbot, canvas):
    started = canvas.render_queue.jobs_started
    before = canvas.viewport
    drag(canvas, QPointF(400, 300), QPointF(550, 380), release=False)
    qtbot.wait(canvas_module.WHEEL_RENDER_DELAY_MS + 200)  # longer than any render delay
    assert canvas.render_queue.jobs_started == started, "a render started mid-drag"
    assert canvas.viewport.center_x == pytest.approx(before.center_x - 150 * before.scale)
    assert canvas.viewport.center_y == pytest.approx(before.center_y + 80 * before.scale)
    assert corner(canvas) == pytest.approx((150, 80))  # the old image moved along

    mouse(canvas, QEvent.MouseButtonRelease, QPointF(550, 380))
    qtbot.waitUntil(lambda: canvas.render_queue.jobs_started == started + 1, timeout=2000)
    wait_for_render(qtbot, canvas)
    assert corner(canvas) == pytest.approx((0, 0))


def test_a_drag_is_not_a_click(qtbot, canvas):
    identified = []
    canvas.features_identified.connect(identified.append)
    drag(canvas, QPointF(400, 300), QPointF(460, 300))
    click(canvas, QPointF(400, 300))
    assert len(identified) == 1


def test_arrow_keys_pan_and_plus_minus_zoom(qtbot, canvas):
    vp = canvas.viewport
    qtbot.keyClick(canvas, Qt.Key_Left)
    assert canvas.viewport.center_x == pytest.approx(vp.center_x - 1000 * 0.2 * vp.scale)
    qtbot.keyClick(canvas, Qt.Key_Up)
    assert canvas.viewport.center_y == pytest.approx(vp.center_y + 700 * 0.2 * vp.scale)
    qtbot.keyClick(canvas, Qt.Key_Plus)
    assert canvas.viewport.scale == pytest.approx(vp.scale / 2)
    qtbot.keyClick(canvas, Qt.Key_Minus)
    qtbot.keyClick(canvas, Qt.Key_Minus)
    assert canvas.viewport.scale == pytest.approx(vp.scale * 2)


def test_back_and_forward_walk_the_extent_history(qtbot, canvas):
    home = canvas.viewport
    canvas.set_viewport(home.zoomed(2.0))
    zoomed = canvas.viewport
    drag(canvas, QPointF(300, 300), QPointF(200, 250))
    panned = canvas.viewport
    wheel(canvas, QPointF(100, 100))
    wheeled = canvas.viewport

    canvas.back()
    assert canvas.viewport == panned
    canvas.back()
    assert canvas.viewport == zoomed
    canvas.back()
    assert canvas.viewport == home
    canvas.back()
    assert canvas.viewport == home
    canvas.forward()
    canvas.forward()
    canvas.forward()
    assert canvas.viewport == wheeled
    canvas.back()
    canvas.set_viewport(home.panned(10, 0))  # a new step drops the forward history
    assert not canvas.can_go_forward


def test_zoom_box_tool_and_shift_drag_zoom_to_the_box(qtbot, canvas):
    for tool, modifiers in (("zoom_box", Qt.NoModifier), ("browse", Qt.ShiftModifier)):
        canvas.zoom_full()
        canvas.set_tool(tool)
        before = canvas.viewport
        corner_a, corner_b = QPointF(200, 150), QPointF(400, 300)
        a = before.pixel_to_map(corner_a.x(), corner_a.y())
        b = before.pixel_to_map(corner_b.x(), corner_b.y())
        drag(canvas, corner_a, corner_b, modifiers=modifiers)
        after = canvas.viewport
        # The 200 x 150 box fills the 1000 x 700 view along its tighter side.
        assert after.scale == pytest.approx(before.scale * max(200 / 1000, 150 / 700))
        assert (after.center_x, after.center_y) == pytest.approx(
            ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        )
        x0, y0, x1, y1 = after.extent
        eps = 1e-6 * after.scale
        assert x0 - eps <= a[0] and b[0] <= x1 + eps and y0 - eps <= b[1] and a[1] <= y1 + eps


def test_zoom_box_click_zooms_in_there(qtbot, canvas):
    canvas.set_tool("zoom_box")
    before = canvas.viewport
    click(canvas, QPointF(300, 200))
    assert canvas.viewport.scale == pytest.approx(before.scale / 2)
    assert canvas.viewport.pixel_to_map(300, 200) == pytest.approx(before.pixel_to_map(300, 200))


def test_zoom_to_layer_and_to_selection(qtbot, canvas, project):
    canvas.zoom_to_layer("sites")
    x0, y0, x1, y1 = canvas.viewport.extent
    sx0, sy0, sx1, sy1 = project.layer("sites").display_bounds
    assert x0 <= sx0 and sx1 <= x1 and y0 <= sy0 and sy1 <= y1
    assert (x1 - x0) < 1.3 * (sx1 - sx0) or (y1 - y0) < 1.3 * (sy1 - sy0)

    project.select(Selection("sites", (1,)))
    canvas.zoom_to_selection()
    block = project.layer("sites").display_geometries[1]
    assert (
        canvas.viewport.extent[0] <= block.bounds[0]
        and block.bounds[2] <= canvas.viewport.extent[2]
    )
    assert canvas.viewport.scale < 3.0  # the 8 ha block fills the view


def test_zooming_to_a_single_point_still_shows_its_surroundings(qtbot, canvas, project):
    data = gpd.GeoDataFrame(geometry=[shapely.Point(121.52, 31.29)], crs="EPSG:4326")
    project.add_layer(Layer(id="spot", title="spot", data=data))
    canvas.zoom_to_layer("spot")
    vp = canvas.viewport
    assert vp.pixel_to_wgs84(500, 350) == pytest.approx((121.52, 31.29), abs=1e-6)
    shown_m = min(vp.width, vp.height) * vp.ground_metres_per_pixel()
    assert 250 <= shown_m < 400


# --- tools ---------------------------------------------------------------------------------


def points_apart(metres: float, azimuth: float = 90.0):
    lon, lat = 121.525, 31.290
    lon2, lat2, _ = GEOD.fwd(lon, lat, azimuth, metres)
    return (lon, lat), (lon2, lat2)


def test_measuring_a_line_gives_its_geodesic_length(qtbot, canvas):
    canvas.set_viewport(Viewport.fit_wgs84((121.515, 31.285, 121.540, 31.295), 1000, 700))
    (a, b) = points_apart(1500.0, azimuth=60.0)
    canvas.set_tool("measure_line")
    texts = []
    canvas.tool.measure_changed.connect(texts.append)
    click(canvas, QPointF(*canvas.viewport.wgs84_to_pixel(*a)))
    click(canvas, QPointF(*canvas.viewport.wgs84_to_pixel(*b)))
    qtbot.keyClick(canvas, Qt.Key_Return)
    assert texts[-1].endswith(" km")
    assert number(texts[-1]) == pytest.approx(1.50, abs=0.01)
    assert canvas.tool.measure() == pytest.approx(1500.0, rel=2e-3)


def test_measuring_an_area_in_hectares_and_square_metres(qtbot, canvas):
    canvas.set_viewport(Viewport.fit_wgs84((121.520, 31.286, 121.530, 31.294), 1000, 700))
    canvas.set_tool("measure_area")
    (sw, se) = points_apart(200.0, azimuth=90.0)
    ne = GEOD.fwd(*se, 0.0, 200.0)[:2]
    nw = GEOD.fwd(*sw, 0.0, 200.0)[:2]
    texts = []
    canvas.tool.measure_changed.connect(texts.append)
    for corner in (sw, se, ne):
        click(canvas, QPointF(*canvas.viewport.wgs84_to_pixel(*corner)))
    last = QPointF(*canvas.viewport.wgs84_to_pixel(*nw))
    click(canvas, last)
    mouse(canvas, QEvent.MouseButtonDblClick, last)  # a double-click finishes
    mouse(canvas, QEvent.MouseButtonRelease, last)
    assert canvas.tool.finished
    hectares, square_metres = re.match(r"([\d.,]+) ha \(([\d,]+) m²\)", texts[-1]).groups()
    assert float(hectares) == pytest.approx(4.0, abs=0.05)
    assert number(square_metres) == pytest.approx(40_000, rel=0.01)


def test_escape_clears_a_measurement(qtbot, canvas):
    canvas.set_tool("measure_line")
    texts = []
    canvas.tool.measure_changed.connect(texts.append)
    click(canvas, QPointF(100, 100))
    click(canvas, QPointF(300, 100))
    qtbot.keyClick(canvas, Qt.Key_Escape)
    assert texts[-1] == ""
    assert canvas.tool.points() == []


def test_measuring_does_not_identify_and_a_drag_still_pans(qtbot, canvas):
    canvas.set_tool("measure_line")
    identified = []
    canvas.features_identified.connect(identified.append)
    before = canvas.viewport
    drag(canvas, QPointF(500, 300), QPointF(520, 300))
    click(canvas, QPointF(500, 300))
    assert identified == []
    assert canvas.viewport.center_x == pytest.approx(before.center_x - 20 * before.scale)
    assert len(canvas.tool.vertices) == 1


# --- menu, signals -------------------------------------------------------------------------


def test_context_menu_copies_coordinates_and_zooms_in(qtbot, canvas):
    pos = QPointF(321, 234)
    menu = canvas.context_menu(pos)
    actions = {a.text(): a for a in menu.actions()}
    assert set(actions) == {"Identify here", "Zoom in here", "Copy coordinates"}
    actions["Copy coordinates"].trigger()
    lon, lat = canvas.viewport.pixel_to_wgs84(321, 234)
    assert QGuiApplication.clipboard().text() == f"{lon:.6f}, {lat:.6f}"
    scale = canvas.viewport.scale
    actions["Zoom in here"].trigger()
    assert canvas.viewport.scale == pytest.approx(scale / 2)
    with qtbot.waitSignal(canvas.features_identified, timeout=2000):
        actions["Identify here"].trigger()


def test_cursor_and_scale_signals(qtbot, canvas):
    with qtbot.waitSignal(canvas.cursor_moved, timeout=2000) as moved:
        mouse(canvas, QEvent.MouseMove, QPointF(500, 350), Qt.NoButton, Qt.NoButton)
    lon, lat = moved.args
    assert YANGPU_EXTENT[0] < lon < YANGPU_EXTENT[2] and YANGPU_EXTENT[1] < lat < YANGPU_EXTENT[3]
    with qtbot.waitSignal(canvas.scale_changed, timeout=2000) as scaled:
        canvas.set_viewport(canvas.viewport.zoomed(2.0))
    assert scaled.args[0] == pytest.approx(canvas.viewport.scale_denominator(canvas.logicalDpiX()))


def test_project_changes_redraw_the_map(qtbot, canvas, project):
    before = canvas.image.copy()
    with qtbot.waitSignal(canvas.render_queue.finished, timeout=5000):
        project.update_layer("river", visible=False)
    assert canvas.image != before
    with qtbot.waitSignal(canvas.render_queue.finished, timeout=5000):
        project.select(Selection("sites", (2,)))


def test_render_state_reports_busy_then_the_time_taken(qtbot, canvas):
    states = []
    canvas.render_state.connect(lambda busy, ms: states.append((busy, ms)))
    canvas.set_viewport(canvas.viewport.zoomed(1.5))
    wait_for_render(qtbot, canvas)
    assert states[0][0] is True
    assert states[-1][0] is False and states[-1][1] > 0


def test_render_now_draws_synchronously(qtbot, canvas):
    canvas.set_viewport(canvas.viewport.panned(30, 0))
    image = canvas.render_now()
    assert image.width() == round(canvas.width() * canvas.devicePixelRatioF())
    assert canvas.image is image and corner(canvas) == pytest.approx((0, 0))


def test_the_ui_keeps_answering_while_100k_polygons_render(qtbot, canvas, project):
    layer = rectangles_layer(100_000)
    # Reprojection to the display CRS is the model's, done once per layer; this is about painting.
    assert len(layer.display_index) == 100_000
    ticks = []
    timer = QTimer()
    timer.setInterval(2)  # the render takes tens of ms now: tick often enough to see it
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    started = time.perf_counter()
    with qtbot.waitSignal(canvas.render_queue.finished, timeout=60_000):
        project.add_layer(layer)
    finished = time.perf_counter()
    timer.stop()
    stamps = [started, *ticks, finished]
    gaps = np.diff(stamps)
    assert canvas.render_queue.renderer.stats.last_layer["blocks"].features == 100_000
    assert len(ticks) >= 5, "the render was too quick to tell"
    assert gaps.max() < 0.25, f"the event loop stalled for {gaps.max() * 1000:.0f} ms"
