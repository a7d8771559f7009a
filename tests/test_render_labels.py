"""Labels: Chinese glyphs (not boxes), no overlaps, biggest features first."""

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPainterPath

from yangpu_gis.model import crs
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.project import YANGPU_EXTENT
from yangpu_gis.model.style import Style
from yangpu_gis.render import fonts
from yangpu_gis.render.labels import Candidate, LabelLook, LabelPlacer
from yangpu_gis.render.renderer import Renderer
from yangpu_gis.render.snapshot import snapshot_layers, take_snapshot
from yangpu_gis.render.viewport import Viewport

LOOK = LabelLook(12, "#000000", "#ffffff")
NOT_A_CHARACTER = "\ue000"  # private use: no font draws it, so it shows as the missing-glyph box


def glyph_outline(font, text: str) -> QPainterPath:
    path = QPainterPath()
    path.addText(QPointF(0, 40), font, text)
    return path


def test_the_label_font_has_every_chinese_character_of_the_site_names(qapp, project):
    family = fonts.label_family()
    assert family is not None, "no CJK font installed: Chinese labels would be boxes"
    font = fonts.label_font(16)
    assert font.families()[0] == family
    for name in project.layer("sites").data["name_zh"]:
        assert fonts.covers(font, name), name


def test_chinese_characters_draw_as_distinct_glyphs_not_boxes(qapp):
    font = fonts.label_font(32)
    box = glyph_outline(font, NOT_A_CHARACTER)
    outlines = [glyph_outline(font, ch) for ch in "杨浦长白"]
    shapes = {(p.elementCount(), round(p.boundingRect().width(), 1)) for p in outlines}
    assert len(shapes) == 4  # boxes would all be alike
    for outline in outlines:
        assert outline.elementCount() != box.elementCount()


def test_rendered_chinese_labels_differ_from_missing_glyph_boxes(qapp, project):
    view = Viewport.fit_wgs84(YANGPU_EXTENT, 1000, 700)

    def label_image(texts):
        sites = project.layer("sites")
        data = sites.data.assign(label=texts)
        layer = Layer(
            id="named",
            title="named",
            data=data,
            kind="site",
            style=sites.style.with_(label_field="label"),
        )
        renderer = Renderer()
        snapshot = snapshot_layers([layer])
        image = renderer.label_image(snapshot, view, 1.0, lambda: False)
        return np.frombuffer(image.constBits(), np.uint32).reshape(700, -1)[:, :1000].copy()

    names = list(project.layer("sites").data["name_zh"])
    chinese = label_image(names)
    boxes = label_image([NOT_A_CHARACTER * len(n) for n in names])
    assert (chinese >> 24).astype(bool).sum() > 500  # plenty of ink
    assert (chinese != boxes).mean() > 0.005


def test_a_label_that_would_overlap_a_placed_one_moves_or_is_skipped(qapp):
    placer = LabelPlacer(400, 300)
    placer.add(
        [
            Candidate("Yangpu", 200, 150),
            Candidate("Hongkou", 202, 151),
            Candidate("Baoshan", 199, 149),
            Candidate("Pudong", 200, 150),
            Candidate("Changbai", 60, 40),
        ],
        LOOK,
    )
    placed = {label.text: label.box for label in placer.placed}
    assert list(placed) == ["Yangpu", "Hongkou", "Baoshan", "Changbai"]  # Pudong found no room
    assert placed["Yangpu"].center().y() == pytest.approx(150, abs=1)
    assert placed["Hongkou"].bottom() <= placed["Yangpu"].top()  # moved above
    assert placed["Baoshan"].top() >= placed["Yangpu"].bottom()  # and below
    boxes = list(placed.values())
    assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_labels_off_the_image_are_skipped(qapp):
    placer = LabelPlacer(200, 100)
    placer.add([Candidate("far out", 400, 50), Candidate("edge", 2, 50)], LOOK)
    assert placer.placed == []


def test_embedded_map_labels_never_overlap_and_the_biggest_sites_win(qapp, project):
    view = Viewport.fit_wgs84(YANGPU_EXTENT, 900, 600)
    snapshot = take_snapshot(project)
    renderer = Renderer()
    placer = LabelPlacer(view.width, view.height, 1.0, snapshot.label_family)
    from yangpu_gis.render.labels import layer_candidates, look_for

    for layer in reversed(snapshot.layers):
        placer.add(layer_candidates(layer, renderer.prepared(layer), view), look_for(layer))
    boxes = [label.box for label in placer.placed]
    assert len(boxes) >= 6
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.intersects(b)
    texts = [label.text for label in placer.placed]
    assert texts[0].startswith("Yangpu Riverside Headquarters Zone")  # the largest site on screen
    assert any(text.startswith("Huangpu River") for text in texts)


def test_point_labels_sit_beside_the_marker(qapp):
    data = gpd.GeoDataFrame(
        {"name": ["Wujiaochang"]}, geometry=[shapely.Point(121.514, 31.299)], crs="EPSG:4326"
    )
    layer = Layer(
        id="pt",
        title="pt",
        data=data,
        style=Style(fill="#ff0000", point_size=10, label_field="name"),
    )
    view = Viewport.fit_wgs84(YANGPU_EXTENT, 800, 600)
    renderer = Renderer()
    snapshot = snapshot_layers([layer])
    from yangpu_gis.render.labels import layer_candidates

    [candidate] = layer_candidates(snapshot.layers[0], renderer.prepared(snapshot.layers[0]), view)
    px, py = view.wgs84_to_pixel(121.514, 31.299)
    assert (candidate.x, candidate.y) == pytest.approx((px, py))
    assert candidate.beside >= 5
    image = renderer.label_image(snapshot, view, 1.0, lambda: False)
    assert isinstance(image, QImage)


@pytest.mark.parametrize("kind, pin_shows", [("notes", True), ("user", False)])
def test_review_note_pins_are_drawn_over_labels(qapp, kind, pin_shows):
    """A label over a review note's pin must not hide it; an ordinary point layer keeps
    the usual order (labels on top)."""
    lon, lat = 121.52, 31.29
    area = gpd.GeoDataFrame(
        {"name": ["WWWWWWWWWWWW"]},
        geometry=[shapely.box(lon - 0.02, lat - 0.01, lon + 0.02, lat + 0.01)],
        crs="EPSG:4326",
    )
    district = Layer(
        id="area",
        title="area",
        data=area,
        kind="district",
        style=Style(fill="#ffffff", fill_opacity=1.0, stroke=None, label_field="name"),
    )
    pin = gpd.GeoDataFrame({"text": ["check"]}, geometry=[shapely.Point(lon, lat)], crs="EPSG:4326")
    pins = Layer(
        id="pins",
        title="pins",
        data=pin,
        kind=kind,
        style=Style(fill="#00ff00", fill_opacity=1.0, stroke=None, point_size=9),
    )
    view = Viewport.fit_wgs84((lon - 0.03, lat - 0.015, lon + 0.03, lat + 0.015), 400, 200)
    image = Renderer().render(snapshot_layers([district, pins]), view)
    x, y = (round(float(v)) for v in view.map_to_pixel(*crs.transform_xy(lon, lat)))
    # The label is centred on the pin: either the pin's green or the label shows there.
    assert (QImage(image).pixelColor(x, y).name() == "#00ff00") is pin_shows


def test_a_district_is_labelled_after_what_it_holds_even_when_drawn_on_top(qapp, project):
    from yangpu_gis.model.layer import LayerKind
    from yangpu_gis.render.labels import label_order

    [district] = [layer for layer in project.layers if layer.kind == LayerKind.DISTRICT]
    project.move_layer(district.id, len(project.layers))  # the planner drags it to the top
    order = [snap.kind for snap in label_order(list(take_snapshot(project).layers))]
    assert order[0] != LayerKind.DISTRICT
    assert order[-1] == LayerKind.DISTRICT and order.count(LayerKind.DISTRICT) == 1
