"""The renderer on the embedded Yangpu map: colours where they belong, caching, cancelling."""

import threading

import numpy as np
import pytest
import shapely
from PySide6.QtGui import QColor, QImage

from yangpu_gis.model.project import YANGPU_EXTENT, Project, Selection
from yangpu_gis.render.renderer import BACKGROUND, Renderer, render_map
from yangpu_gis.render.snapshot import take_snapshot
from yangpu_gis.render.viewport import Viewport

SIZE = (1600, 1000)


@pytest.fixture
def yangpu_view():
    return Viewport.fit_wgs84(YANGPU_EXTENT, *SIZE)


def pixels(image: QImage) -> np.ndarray:
    """H x W x 4 (b, g, r, a) bytes of a 32-bit image."""
    image = image.convertToFormat(QImage.Format_ARGB32)
    array = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine() // 4, 4
    )
    return array[:, : image.width()].copy()


def rgb_at(image: QImage, x: float, y: float) -> np.ndarray:
    c = QColor(image.pixel(int(x), int(y)))
    return np.array([c.red(), c.green(), c.blue()])


def over(top: str, alpha: float, under) -> np.ndarray:
    t = QColor(top)
    return np.array([t.red(), t.green(), t.blue()]) * alpha + np.asarray(under, float) * (1 - alpha)


def hex_rgb(hex_colour: str) -> np.ndarray:
    c = QColor(hex_colour)
    return np.array([c.red(), c.green(), c.blue()])


def district_fill(districts, adcode: str) -> str:
    """The fill the districts layer's style gives the district with this code."""
    row = int(np.flatnonzero(districts.data["adcode"].astype(str) == adcode)[0])
    field = districts.style.category_field
    return districts.style.fill_for(districts.data[field].iloc[row] if field else None)


def inside_point(project: Project, layer_id: str, row: int):
    point = project.layer(layer_id).data.geometry.iloc[row].representative_point()
    return point.x, point.y


def test_the_embedded_map_is_not_blank(qapp, project, yangpu_view):
    image = render_map(take_snapshot(project), yangpu_view, renderer=Renderer())
    assert (image.width(), image.height()) == SIZE
    colours = np.unique(pixels(image)[::5, ::5, :3].reshape(-1, 3), axis=0)
    assert len(colours) > 50
    share_of_background = (pixels(image)[:, :, :3] == hex_rgb(BACKGROUND)[::-1]).all(axis=2).mean()
    assert share_of_background < 0.5


def test_the_river_is_water_and_the_228_block_has_its_site_colour(qapp, project, yangpu_view):
    image = render_map(take_snapshot(project), yangpu_view, labels=False, renderer=Renderer())
    river = project.layer("river").style
    water = rgb_at(image, *yangpu_view.wgs84_to_pixel(*inside_point(project, "river", 0)))
    assert np.abs(water - hex_rgb(river.fill)).max() <= 3
    assert water[2] > water[0] + 40  # plainly blue

    sites = project.layer("sites")
    row = int(np.flatnonzero(sites.data["id"] == "changbai-228")[0])
    assert sites.data["category"].iloc[row] == "urban renewal"
    block = rgb_at(image, *yangpu_view.wgs84_to_pixel(*inside_point(project, "sites", row)))
    yangpu_land = hex_rgb(district_fill(project.layer("districts"), "310110"))
    expected = over(sites.style.fill_for("urban renewal"), sites.style.fill_opacity, yangpu_land)
    assert np.abs(block - expected).max() <= 4
    assert block[0] > block[2] + 60  # plainly orange


def test_hiding_a_layer_changes_exactly_that_layers_pixels(qapp, project, yangpu_view):
    renderer = Renderer()
    before = render_map(take_snapshot(project), yangpu_view, labels=False, renderer=renderer)
    sites_snapshot = take_snapshot(project).layer("sites")
    own_image = renderer.layer_image(sites_snapshot, yangpu_view, 1.0, lambda: False)
    footprint = pixels(own_image)[:, :, 3] > 0
    project.update_layer("sites", visible=False)
    after = render_map(take_snapshot(project), yangpu_view, labels=False, renderer=renderer)

    changed = (pixels(before) != pixels(after)).any(axis=2)
    assert changed.sum() > 1000
    assert not (changed & ~footprint).any(), "pixels outside the sites layer changed"
    visible_footprint = pixels(own_image)[:, :, 3] >= 8
    assert changed[visible_footprint].mean() > 0.99


def test_layer_images_are_cached_so_untouched_layers_are_not_repainted(qapp, project, yangpu_view):
    renderer = Renderer()

    def render():
        return render_map(take_snapshot(project), yangpu_view, renderer=renderer)

    render()
    assert renderer.stats.layer_renders == 4
    render()
    assert renderer.stats.layer_renders == 4

    sites = project.layer("sites")
    project.update_layer("sites", style=sites.style.with_(stroke="#000000"))
    render()
    assert renderer.stats.layer_renders == 5  # only the restyled layer

    project.update_layer("river", visible=False)
    render()
    project.update_layer("river", visible=True)
    project.update_layer("districts", opacity=0.5)
    project.select(Selection("sites", (1,)))
    render()
    assert renderer.stats.layer_renders == 5  # visibility, opacity and selection reuse images

    render_map(take_snapshot(project), yangpu_view.zoomed(2.0), renderer=renderer)
    assert renderer.stats.layer_renders == 9  # a new view paints every layer


def test_cancelling_returns_none_and_leaves_no_half_painted_cache(qapp, project, yangpu_view):
    renderer = Renderer()
    snapshot = take_snapshot(project)
    assert render_map(snapshot, yangpu_view, cancel=lambda: True, renderer=renderer) is None
    stop = threading.Event()
    stop.set()
    assert render_map(snapshot, yangpu_view, cancel=stop, renderer=renderer) is None

    checks = []

    def cancel_after_a_few_checks():
        checks.append(1)
        return len(checks) > 3

    assert (
        render_map(snapshot, yangpu_view, cancel=cancel_after_a_few_checks, renderer=renderer)
        is None
    )
    complete = render_map(snapshot, yangpu_view, renderer=renderer)
    fresh = render_map(snapshot, yangpu_view, renderer=Renderer())
    assert (pixels(complete) == pixels(fresh)).all()


def test_a_selected_feature_gets_a_bright_outline(qapp, project, yangpu_view):
    sites = project.layer("sites")
    row = int(np.flatnonzero(sites.data["id"] == "riverside-hq")[0])
    renderer = Renderer()
    plain = pixels(render_map(take_snapshot(project), yangpu_view, labels=False, renderer=renderer))
    project.select(Selection("sites", (row,)))
    selected = pixels(
        render_map(take_snapshot(project), yangpu_view, labels=False, renderer=renderer)
    )

    boundary = sites.display_geometries[row].exterior
    # Two pixels outside the outline: in the glow, beside the thin dark edge.
    just_outside = sites.display_geometries[row].buffer(2.2 * yangpu_view.scale).exterior
    xs, ys = yangpu_view.map_to_pixel(
        *shapely.get_coordinates(shapely.segmentize(just_outside, 50)).T
    )
    b, g, r = (selected[ys.astype(int), xs.astype(int), i].astype(int) for i in range(3))
    yellow = (r > 200) & (g > 190) & (b < 120)
    assert yellow.mean() > 0.5
    changed = (plain != selected).any(axis=2)
    minx, miny, maxx, maxy = boundary.bounds
    left, top = yangpu_view.map_to_pixel(minx, maxy)
    right, bottom = yangpu_view.map_to_pixel(maxx, miny)
    rows, cols = np.nonzero(changed)
    assert left - 6 <= cols.min() and cols.max() <= right + 6  # nothing else changed
    assert top - 6 <= rows.min() and rows.max() <= bottom + 6


def test_high_density_rendering_doubles_the_pixels(qapp, project, yangpu_view):
    image = render_map(
        take_snapshot(project), yangpu_view, device_pixel_ratio=2.0, renderer=Renderer()
    )
    assert (image.width(), image.height()) == (SIZE[0] * 2, SIZE[1] * 2)
    assert image.devicePixelRatio() == 2.0
