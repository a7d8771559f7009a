"""Labels that do not lie: each placed label box is checked against the features' shapes.

A label stays on or beside its own feature and never lies on another (a district's name
never inside a site, a community's name never over the block inside it); smaller features
win over a district; a label near the map's edge stays while its feature is visible."""

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import box as rect

from yangpu_gis.model import crs
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.project import Selection
from yangpu_gis.model.style import Style
from yangpu_gis.render.labels import (
    LabelPlacer,
    label_order,
    layer_candidates,
    marker_shapes,
    place_labels,
)
from yangpu_gis.render.renderer import Renderer
from yangpu_gis.render.snapshot import snapshot_layers
from yangpu_gis.render.viewport import Viewport


def placements(layers, vp: Viewport, selection=None):
    """The labels as the canvas, render and the PDF page place them."""
    renderer = Renderer()
    snapshot = snapshot_layers(layers, selection)
    labelled = [la for la in snapshot.layers if la.label_values is not None]
    placer = LabelPlacer(vp.width, vp.height)
    groups = [(la, layer_candidates(la, renderer.prepared(la), vp)) for la in label_order(labelled)]
    place_labels(placer, groups, vp, marker_shapes(snapshot.layers, renderer.prepared, vp))
    return placer.placed


def display_shapes(layers) -> dict[tuple[str, int], object]:
    shapes = {}
    for layer in layers:
        data = layer.data.to_crs(crs.DISPLAY)
        for row, geometry in enumerate(data.geometry):
            shapes[(layer.id, row)] = geometry
    return shapes


def map_box(vp: Viewport, box):
    x0, y1 = vp.pixel_to_map(box.left(), box.top())
    x1, y0 = vp.pixel_to_map(box.right(), box.bottom())
    return rect(x0, y0, x1, y1)


def contains(outer, inner) -> bool:
    return shapely.area(shapely.intersection(outer, inner)) >= 0.98 * shapely.area(inner)


def assert_honest(placed, shapes, vp: Viewport) -> None:
    """Each label's centre lies on its own area or on one holding it; of the features not
    holding its own, none holds the centre (but a bigger one under its own area may) and
    none smaller is covered by more than 15%."""
    assert placed, "nothing labelled"
    view = rect(*vp.extent)
    for label in placed:
        own = shapes[label.source]
        box = map_box(vp, label.box)
        centre = box.centroid
        holders = [
            g
            for key, g in shapes.items()
            if key != label.source and g.area > own.area and contains(g, own.intersection(view))
        ]
        if own.geom_type in ("Polygon", "MultiPolygon"):
            assert own.intersects(centre) or any(g.intersects(centre) for g in holders), (
                f"{label.text!r} is neither on its feature nor beside it"
            )
        for key, other in shapes.items():
            if key == label.source or not other.intersects(box):
                continue
            if any(other is g for g in holders):
                continue
            if not (own.intersects(centre) and other.area > own.area):
                assert not other.intersects(centre), f"{label.text!r} reads as {key}'s name"
            if other.area <= own.area:
                shown = other.intersection(view).area
                assert box.intersection(other).area <= 0.16 * shown, f"{label.text!r} hides {key}"


def site_layer(rows, name="sites"):
    data = gpd.GeoDataFrame(
        {"name_en": [r[0] for r in rows]}, geometry=[r[1] for r in rows], crs=crs.DISPLAY
    ).to_crs(crs.WGS84)
    return Layer(id=name, title=name, data=data, kind="site", style=Style(label_field="name_en"))


def district_layer(geometry, name="Yangpu District"):
    data = gpd.GeoDataFrame({"name_en": [name]}, geometry=[geometry], crs=crs.DISPLAY)
    data = data.to_crs(crs.WGS84)
    return Layer(
        id="districts",
        title="Districts",
        data=data,
        kind="district",
        style=Style(label_field="name_en"),
    )


# In metres, display CRS: a district holding a community, a block inside the community,
# and two sites that overlap each other.
X, Y = 13_527_000.0, 3_660_000.0
DISTRICT = rect(X - 4000, Y - 4000, X + 4000, Y + 4000)
COMMUNITY = rect(X - 900, Y - 700, X + 900, Y + 700)
BLOCK = rect(X - 250, Y - 180, X + 250, Y + 180)
EAST = rect(X + 1500, Y - 400, X + 2700, Y + 400)
EAST_OVERLAP = rect(X + 2300, Y - 200, X + 3400, Y + 600)


def overlapping_layers():
    sites = site_layer(
        [
            ("Community", COMMUNITY),
            ("Block", BLOCK),
            ("East Works", EAST),
            ("East Yard", EAST_OVERLAP),
        ]
    )
    return [district_layer(DISTRICT), sites]


# Ground metres per pixel: the whole district down to the block filling the view.
@pytest.mark.parametrize("scale", [14.0, 8.0, 4.0, 2.0, 1.0, 0.5])
def test_overlapping_sites_labels_lie_on_their_own_feature_at_every_zoom(qapp, scale):
    layers = overlapping_layers()
    vp = Viewport(X + 300, Y, scale, 900, 600)
    placed = placements(layers, vp)
    assert_honest(placed, display_shapes(layers), vp)
    texts = {label.text for label in placed}
    if scale <= 4.0:
        # Zoomed in, the block inside the community keeps its name and the community's
        # name moves off it rather than covering it.
        assert {"Block", "Community"} <= texts


def test_the_district_label_goes_where_no_site_is_and_sites_win(qapp):
    layers = overlapping_layers()
    vp = Viewport(X, Y, 1.5, 900, 600)  # the community and the block fill the view
    placed = placements(layers, vp)
    assert_honest(placed, display_shapes(layers), vp)
    texts = [label.text for label in placed]
    assert "Block" in texts and "Community" in texts
    for label in placed:
        if label.text == "Yangpu District":
            assert not map_box(vp, label.box).intersects(COMMUNITY)


def test_a_district_label_near_the_edge_stays_while_the_district_is_visible(qapp):
    # A narrow map showing a strip of the district at its right edge: the label's usual
    # place would cross the map's edge, so it moves inwards and stays on the district.
    layers = [district_layer(DISTRICT, "Hongkou District")]
    # The district fills the map's right 80 px, narrower than its name.
    vp = Viewport(X - 4000 - 160 * 2.0 + 120 * 2.0, Y, 2.0, 240, 500)
    visible = rect(*vp.extent).intersection(DISTRICT)
    assert 0 < visible.area < rect(*vp.extent).area
    placed = placements(layers, vp)
    assert [label.text for label in placed] == ["Hongkou District"]
    assert placed[0].box.width() > 80
    assert_honest(placed, display_shapes(layers), vp)


def test_embedded_map_labels_are_honest_around_changbai(qapp, project):
    layers = [la for la in project.layers if la.kind in ("district", "site", "river")]
    shapes = display_shapes(layers)
    block = shapes[("sites", 1)]
    cx, cy = block.centroid.x, block.centroid.y
    for scale in (8.0, 4.0, 2.0, 1.0):
        vp = Viewport(cx, cy, scale, 1000, 700)
        placed = placements(layers, vp, Selection("sites", (1,)))
        assert_honest(placed, shapes, vp)
        names = {label.source for label in placed}
        assert ("sites", 1) in names, f"228 Street Block unnamed at {scale} m/px"
        shown = block.intersection(rect(*vp.extent)).area
        for label in placed:
            if label.source != ("sites", 1):
                box = map_box(vp, label.box)
                assert not box.intersects(block.centroid), label.text
                assert box.intersection(block).area <= 0.16 * shown, label.text


def notes_layer(points):
    data = gpd.GeoDataFrame(
        {"text": ["check"] * len(points)}, geometry=list(points), crs=crs.DISPLAY
    ).to_crs(crs.WGS84)
    return Layer(id="notes", title="Notes", data=data, kind="notes", style=Style(point_size=9))


@pytest.mark.parametrize("scale", [8.0, 2.0])
def test_labels_keep_off_review_note_pins(qapp, scale):
    """Pins are drawn over the labels; a label under one would lose its text to it, so
    the labels move off the pins: one where the block's name goes, one at the district's
    free part, one at the east site's centre."""
    vp = Viewport(X + 300, Y, scale, 900, 600)
    before = {label.source: label for label in placements(overlapping_layers(), vp)}
    pins = [
        shapely.Point(*vp.pixel_to_map(label.box.center().x(), label.box.center().y()))
        for label in before.values()
    ]
    layers = [*overlapping_layers(), notes_layer(pins)]
    placed = placements(layers, vp)
    assert_honest(placed, display_shapes(layers[:2]), vp)
    for label in placed:
        box = map_box(vp, label.box)
        for pin in pins:
            assert box.distance(pin) >= 4.5 * scale, f"{label.text!r} under a pin"
    # Moved, not dropped: the sites keep their names where there is room.
    assert {"Block", "Community"} <= {label.text for label in placed}


@pytest.mark.parametrize("size", [(1600, 1000), (1100, 800), (800, 600)])
def test_the_overview_names_wujiaochang_beside_fudan(qapp, project, size):
    """At the overview the Wujiaochang circle sits between the Fudan and Knowledge
    Innovative Community sites, whose labels took every place on it: it is named beside
    itself, and Fudan keeps its name."""
    from yangpu_gis.model.project import YANGPU_EXTENT

    layers = [la for la in project.layers if la.kind in ("district", "site", "river")]
    vp = Viewport.fit_wgs84(YANGPU_EXTENT, *size)
    placed = placements(layers, vp)
    assert_honest(placed, display_shapes(layers), vp)
    names = {label.text.split("\n")[0] for label in placed}
    assert {"Wujiaochang Sub-centre", "Fudan University, Handan Campus"} <= names
    boxes = [label.box for label in placed]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.intersects(b)
