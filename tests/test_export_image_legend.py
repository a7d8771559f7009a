"""The printed legend: which rows it has, and how they are laid out in columns."""

from dataclasses import replace

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, box

from yangpu_gis.export.layout import format_scale
from yangpu_gis.export.legend import (
    CATEGORY,
    FIELD,
    LAYER,
    MORE,
    NO_VALUE,
    OTHER_VALUES,
    Legend,
    LegendItem,
    legend_items,
)
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.style import Style, categorised


def layer(title, geometries, style=None, **columns):
    data = gpd.GeoDataFrame(columns, geometry=geometries, crs="EPSG:4326")
    return Layer(id=title, title=title, data=data, style=style or Style())


def test_embedded_legend_lists_layers_topmost_first_with_their_categories(embedded_layers):
    items = legend_items(embedded_layers)
    titles = [item.text for item in items if item.kind == LAYER]
    assert titles == [layer.title for layer in reversed(embedded_layers)]
    sites = next(layer for layer in embedded_layers if layer.kind == "site")
    start = [item.text for item in items].index(sites.title)
    assert items[start].swatch is False  # its categories carry the swatches
    assert items[start + 1].kind == FIELD and items[start + 1].text == sites.style.category_field
    categories = items[start + 2 : start + 2 + len(sites.style.categories)]
    assert [(c.kind, c.text, c.fill) for c in categories] == [
        (CATEGORY, value, colour) for value, colour in sites.style.categories
    ]
    river = next(item for item in items if item.text == "Huangpu River")
    river_layer = next(each for each in embedded_layers if each.kind == "river")
    assert river.swatch and river.fill == river_layer.style.fill


def test_hidden_layers_are_left_out_and_opacity_is_kept(embedded_layers):
    changed = [
        replace(
            each, visible=each.kind != "river", opacity=0.5 if each.kind == "riverside" else 1.0
        )
        for each in embedded_layers
    ]
    items = legend_items(changed)
    assert "Huangpu River" not in [item.text for item in items]
    riverside = next(item for item in items if item.kind == LAYER and item.text == "Riverside")
    assert riverside.opacity == 0.5 and riverside.geometry_type == "LineString"


def test_values_outside_the_categories_get_an_other_values_row():
    style = Style(category_field="use", categories=(("park", "#74c476"), ("", "#cccccc")))
    parcels = layer(
        "Parcels",
        [box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 3, 1)],
        style,
        use=["park", None, "school"],
    )
    rows = [(item.kind, item.text, item.fill) for item in legend_items([parcels])]
    assert rows == [
        (LAYER, "Parcels", None),
        (FIELD, "use", None),
        (CATEGORY, "park", "#74c476"),
        (CATEGORY, NO_VALUE, "#cccccc"),
        (CATEGORY, OTHER_VALUES, style.fill),
    ]
    covered = layer("Parcels", [box(0, 0, 1, 1)], style, use=["park"])
    assert OTHER_VALUES not in [item.text for item in legend_items([covered])]


def test_a_category_field_missing_from_the_data_gives_one_plain_row():
    style = Style(category_field="absent", categories=(("a", "#111111"),))
    points = layer("Points", [Point(0, 0)], style, name=["x"])
    (item,) = legend_items([points])
    assert item.kind == LAYER and item.swatch and item.geometry_type == "Point"


def test_categorised_user_layer_lists_each_value():
    lines = layer(
        "Roads",
        [LineString([(0, 0), (1, 1)]), LineString([(1, 1), (2, 0)])],
        rank=["主干路", "次干路"],
    )
    lines.style = categorised(lines.style, "rank", lines.data["rank"])
    texts = [item.text for item in legend_items([lines]) if item.kind == CATEGORY]
    assert texts == ["主干路", "次干路"]


# --- fitting ------------------------------------------------------------------------------------


def many_items(count: int) -> list[LegendItem]:
    items = []
    for i in range(count):
        items += [
            LegendItem(LAYER, f"Layer {i}", swatch=False),
            LegendItem(FIELD, "kind", swatch=False),
        ]
        items += [
            LegendItem(CATEGORY, f"value {i}.{j}", Style(), "Polygon", "#74c476") for j in range(3)
        ]
    return items


def test_columns_never_end_with_a_title_or_field_row(qapp):
    legend = Legend(many_items(7), pt=300 / 72)
    height = 7 * 5 * legend.row_height(legend.items[2], 1.0) / 3 + legend.header_height(1.0)
    plan = legend.plan(width=4000, height=height, max_columns=4)
    assert len(plan.columns) > 1
    assert plan.shown == len(legend.items)
    for column in plan.columns:
        assert column[-1].kind == CATEGORY
    assert plan.height <= height + 1e-6


def test_a_legend_too_long_shrinks_then_cuts_with_a_note(qapp):
    legend = Legend(many_items(30), pt=300 / 72)
    height = 900.0
    plan = legend.plan(width=700, height=height, max_columns=1)
    assert plan.shrink == pytest.approx(0.7)
    assert plan.columns[-1][-1].kind == MORE and "more layers" in plan.columns[-1][-1].text
    assert 0 < plan.shown < len(legend.items)
    used = legend.header_height(plan.shrink) + sum(
        legend.row_height(item, plan.shrink) for item in plan.columns[0]
    )
    assert used <= height + 1e-6


def test_a_legend_that_fits_keeps_full_size_text(qapp, embedded_layers):
    legend = Legend(legend_items(embedded_layers), pt=1.0)
    plan = legend.plan(width=legend.natural_width(), height=2000, max_columns=1)
    assert plan.shrink == 1.0 and plan.shown == len(legend.items) and len(plan.columns) == 1


@pytest.mark.parametrize(
    "value, text",
    [(73475.6, "1:73,500"), (9876.0, "1:9,880"), (512.3, "1:512"), (1_234_567, "1:1,230,000")],
)
def test_scale_is_rounded_to_three_figures(value, text):
    assert format_scale(value) == text
