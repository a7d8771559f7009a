"""Graduated styles and a new layer's first look: validation, project files, the printed
and HTML legends, the map's colours, the palette and the label field."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage
from shapely.geometry import LineString, Point, box

from yangpu_gis.cli import main
from yangpu_gis.export.html_layers import fill_colours, legend_entries
from yangpu_gis.export.legend import CATEGORY, FIELD, NO_VALUE, legend_items
from yangpu_gis.model.colours import DISTINCT_DELTA_E, LAYER_PALETTE, delta_e, ramp_colours
from yangpu_gis.model.embedded import load_embedded_layers
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.new_layer_look import (
    AUTO_LABEL_MAX_FEATURES,
    colours_of,
    give_new_looks,
    label_field_for,
)
from yangpu_gis.model.project import Project
from yangpu_gis.model.style import GRADUATED, Style, graduated


def plots(n=10, **extra) -> Layer:
    columns = {"面积": [float(i + 1) for i in range(n)], **extra}
    frame = gpd.GeoDataFrame(
        columns,
        geometry=[box(121.50 + i * 0.002, 31.28, 121.5015 + i * 0.002, 31.2815) for i in range(n)],
        crs="EPSG:4326",
    )
    return Layer(id=f"plots-{n}", title="plots", data=frame)


def test_graduated_style_round_trips_and_colours_by_class():
    style = graduated(Style(), "面积", list(range(1, 11)), "equal_interval", 3, "Blues")
    g = style.graduated
    assert style.renderer == GRADUATED and style.colour_field == "面积"
    assert g.edges == (1.0, 4.0, 7.0, 10.0) and g.colours == ramp_colours("Blues", 3)
    assert g.labels() == ["1 – 4", "4 – 7", "7 – 10"]
    assert [style.fill_for(v) for v in (1, 4, 4.5, 10, None, "x")] == [
        g.colours[0], g.colours[0], g.colours[1], g.colours[2], style.fill, style.fill
    ]  # fmt: skip
    assert Style.from_dict(json.loads(json.dumps(style.to_dict()))) == style
    assert "graduated" not in Style().to_dict()  # older files' form for other styles


@pytest.mark.parametrize(
    "graduated_entry, message",
    [
        ({"field": "a", "edges": [3, 1], "colours": ["#000000"]}, "increasing"),
        ({"field": "a", "edges": [1, 2, 3], "colours": ["#000000"]}, "2 classes"),
        ({"field": "a", "edges": [1, 2], "colours": ["red"]}, "colour"),
        ({"field": "a", "edges": [1, "x"], "colours": ["#000000"]}, "numbers"),
        ({"field": "a", "edges": [1, 2], "colours": ["#000000"], "scheme": "x"}, "scheme"),
        ({"field": "a", "edges": [1, 2], "colours": ["#000000"], "ramp": "x"}, "ramp"),
        ({"edges": [1, 2], "colours": ["#000000"]}, "lacks"),
        ("quantiles", "object"),
    ],
)
def test_a_damaged_graduated_style_is_named_in_the_project_warning(
    tmp_path, graduated_entry, message
):
    source = tmp_path / "p.geojson"
    source.write_text(
        json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"a": 1},
             "geometry": {"type": "Point", "coordinates": [121.5, 31.28]}}]}),
        "utf-8",
    )  # fmt: skip
    doc = {
        "format": "yangpu-gis-project",
        "version": 1,
        "layers": [{"id": "p", "title": "P", "source": str(source),
                    "style": {"graduated": graduated_entry}}],
    }  # fmt: skip
    path = tmp_path / "bad.ygis.json"
    path.write_text(json.dumps(doc), "utf-8")
    project, report = Project.load(path)
    assert not project.has_layer("p")
    (warning,) = report.warnings
    assert "“P”" in warning and "style" in warning and message in warning


def test_project_keeps_the_graduated_style(tmp_path):
    layer = plots()
    source = tmp_path / "plots.geojson"
    layer.data.to_file(source, driver="GeoJSON")
    project = Project.with_embedded_map()
    project.add_layer(Layer(id="plots", title="plots", data=layer.data, source=str(source)))
    style = graduated(Style(), "面积", layer.column("面积"), "natural_breaks", 4, "Greens")
    project.update_layer("plots", style=style)
    project.save(tmp_path / "g.ygis.json")
    again, report = Project.load(tmp_path / "g.ygis.json")
    assert report.warnings == [] and again.layer("plots").style == style


def test_printed_and_html_legends_list_the_classes():
    layer = plots(8, note=[None] * 8)
    layer.style = graduated(Style(), "面积", layer.column("面积"), "quantiles", 4, "YlOrRd")
    items = legend_items([layer])
    assert [i.kind for i in items[1:]] == [FIELD, CATEGORY, CATEGORY, CATEGORY, CATEGORY]
    assert [i.text for i in items[2:]] == layer.style.graduated.labels()
    assert [i.fill for i in items[2:]] == list(layer.style.graduated.colours)
    html = legend_entries(layer)
    assert html == [
        list(p)
        for p in zip(layer.style.graduated.labels(), layer.style.graduated.colours, strict=True)
    ]
    palette, index = fill_colours(layer)
    assert [palette[i] for i in index] == [layer.style.fill_for(v) for v in layer.column("面积")]
    # A feature without a number: a "no value" row in its fill colour.
    gaps = plots(8)
    gaps.data.loc[3, "面积"] = None
    gaps.style = graduated(Style(), "面积", gaps.column("面积"), "quantiles", 4, "YlOrRd")
    last = legend_items([gaps])[-1]
    assert last.text == NO_VALUE and last.fill == gaps.style.fill
    assert legend_entries(gaps)[-1][1] == gaps.style.fill


def test_the_map_draws_each_class_in_its_colour(tmp_path, qapp):
    from yangpu_gis.render.map_image import render_map_image

    layer = plots(12)
    layer.style = graduated(
        Style(fill_opacity=1.0, stroke=None),
        "面积",
        layer.column("面积"),
        "equal_interval",
        3,
        "Purples",
    )
    image = render_map_image([layer], (600, 200), bbox_wgs84=(121.499, 31.279, 121.525, 31.283))
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    a = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)[:, :600, 2::-1]
    for colour in layer.style.graduated.colours:
        c = QColor(colour)
        near = (np.abs(a.astype(int) - [c.red(), c.green(), c.blue()]).max(axis=2) <= 3).sum()
        assert near > 500, colour


# --- a new layer's first look -------------------------------------------------------------


def test_each_new_layer_takes_a_colour_far_from_the_map_and_from_earlier_files():
    embedded = load_embedded_layers()
    new = [plots(3) for _ in range(8)]
    give_new_looks(new, embedded)
    taken = [c for layer in embedded for c in colours_of(layer.style)]
    fills = [layer.style.fill for layer in new]
    assert len(set(fills)) == 8 and set(fills) <= set(LAYER_PALETTE)
    for i, fill in enumerate(fills):
        assert min(delta_e(fill, c) for c in taken + fills[:i]) >= DISTINCT_DELTA_E
    # A ninth and tenth still get a palette colour, the least close one.
    more = [plots(3), plots(3)]
    give_new_looks(more, embedded + new)
    assert all(layer.style.fill in LAYER_PALETTE for layer in more)


def test_lines_get_the_colour_as_their_stroke_and_embedded_layers_keep_theirs():
    frame = gpd.GeoDataFrame(
        {"name": ["a"]}, geometry=[LineString([(121.5, 31.28), (121.51, 31.28)])], crs=4326
    )
    line = Layer(id="l", title="l", data=frame)
    embedded = load_embedded_layers()
    before = [layer.style for layer in embedded]
    give_new_looks([line, *embedded], [])
    assert [layer.style for layer in embedded] == before
    assert line.style.fill is None and line.style.stroke == LAYER_PALETTE[0]
    assert line.style.stroke_width >= 2 and line.style.label_field == "name"


@pytest.mark.parametrize(
    "columns, field",
    [
        (["id", "名称", "name"], "名称"),
        (["id", "NAME", "title"], "NAME"),
        (["code", "地块名称"], "地块名称"),
        (["code", "site_name"], "site_name"),
        (["code", "项目名"], None),
        (["id", "area", "名称_备注x"], None),
        (["名字"], "名字"),
        (["title"], "title"),
    ],
)
def test_the_label_field_is_a_name_like_one(columns, field):
    assert label_field_for(columns) == field


def test_a_big_layer_is_not_labelled_unasked():
    frame = gpd.GeoDataFrame(
        {"name": ["x"] * (AUTO_LABEL_MAX_FEATURES + 1)},
        geometry=[Point(121.5, 31.28)] * (AUTO_LABEL_MAX_FEATURES + 1),
        crs=4326,
    )
    big = Layer(id="b", title="b", data=frame)
    give_new_looks([big], [])
    assert big.style.label_field is None and big.style.fill == LAYER_PALETTE[0]


def test_render_and_export_html_of_two_files_show_two_colours(tmp_path, qapp, capsys):
    paths = []
    for i, x in enumerate((121.50, 121.53)):
        frame = gpd.GeoDataFrame(
            {"名称": [f"地块{i}"]}, geometry=[box(x, 31.28, x + 0.01, 31.29)], crs=4326
        )
        paths.append(tmp_path / f"f{i}.geojson")
        frame.to_file(paths[-1], driver="GeoJSON")
    out = tmp_path / "two.html"
    assert main(["export-html", str(out), "--file", str(paths[0]), "--file", str(paths[1])]) == 0
    page = out.read_text("utf-8")
    assert LAYER_PALETTE[0] in page and LAYER_PALETTE[1] in page
    assert re.search("地块0", page) and re.search("地块1", page)  # labelled by 名称


def test_lines_coloured_by_a_field_draw_in_their_colours(qapp):
    from yangpu_gis.model.style import categorised
    from yangpu_gis.render.map_image import render_map_image

    frame = gpd.GeoDataFrame(
        {"kind": ["road", "rail"]},
        geometry=[
            LineString([(121.500, 31.280), (121.520, 31.280)]),
            LineString([(121.500, 31.282), (121.520, 31.282)]),
        ],
        crs=4326,
    )
    lines = Layer(id="l", title="l", data=frame, style=Style(fill=None, stroke_width=4.0))
    lines.style = categorised(lines.style, "kind", ["road", "rail"])
    image = render_map_image([lines], (400, 200), bbox_wgs84=(121.499, 31.279, 121.521, 31.283))
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    a = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)[:, :400, 2::-1]
    for _, colour in lines.style.categories:
        c = QColor(colour)
        assert (np.abs(a.astype(int) - [c.red(), c.green(), c.blue()]).max(axis=2) <= 3).sum() > 300


def test_the_python_api_styles_a_layer_as_the_editor_does(tmp_path, qapp):
    import yangpu_gis as yg

    path = tmp_path / "plots.geojson"
    plots(8, 类别=["a", "b"] * 4).data.to_file(path, driver="GeoJSON")
    m = yg.Map()
    (info,) = m.add_file(path)
    m.set_style(info.id, by="面积", scheme="natural_breaks", k=3, ramp="Blues")
    style = m._find(info.id).style
    assert style.graduated.k == 3 and style.graduated.ramp == "Blues"
    page = m.export_html(tmp_path / "m.html")
    text = page.read_text("utf-8")
    for colour in style.graduated.colours:
        assert colour in text  # the page's legend and colours
    m.set_style(info.id, by="类别", label="类别")
    style = m._find(info.id).style
    assert style.category_field == "类别" and style.label_field == "类别"
    m.set_style(info.id, fill="#112233", label=None)
    style = m._find(info.id).style
    assert style.renderer == "single" and style.fill == "#112233" and style.label_field is None
    with pytest.raises(ValueError, match="no field"):
        m.set_style(info.id, by="高度")


def test_big_and_database_layers_keep_the_fast_one_pixel_outline_and_no_labels():
    n = AUTO_LABEL_MAX_FEATURES + 1
    frame = gpd.GeoDataFrame(
        {"name": ["x"] * n},
        geometry=[LineString([(121.5, 31.28), (121.51, 31.28)])] * n,
        crs=4326,
    )
    lines = Layer(id="l", title="l", data=frame)
    small = plots(3)
    remote = plots(3, name=["a", "b", "c"])  # a view of 3 rows of a 100,000-row table
    remote.source = "postgresql://planner@db/plans?table=parcels"
    remote.info["feature_count"] = 100_000
    give_new_looks([lines, small, remote], [])
    assert lines.style.stroke_width == 1.0 and lines.style.label_field is None
    assert small.style.stroke_width == 1.0  # polygons: a 1 px outline
    assert remote.style.label_field is None  # labels would read the names every frame
