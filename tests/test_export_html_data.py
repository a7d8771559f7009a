"""What the HTML export puts in the page: geometry, facts, styles, popup fields, values."""

from __future__ import annotations

import json
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import (
    LinearRing,
    LineString,
    MultiLineString,
    MultiPoint,
    MultiPolygon,
    Point,
    Polygon,
    box,
)

from yangpu_gis.export.html_facts import facts_payload
from yangpu_gis.export.html_geometry import COORDINATE_SCALE, encode_geometries
from yangpu_gis.export.html_layers import fill_colours, legend_entries, popup_layout, style_payload
from yangpu_gis.export.html_page import script_safe_json
from yangpu_gis.export.html_values import json_column, page_column
from yangpu_gis.model.facts import COMPUTED_SOURCE, Fact, date_text
from yangpu_gis.model.identify import Hit
from yangpu_gis.model.layer import Layer
from yangpu_gis.model.style import Style, categorised

SQUARE_WITH_HOLE = Polygon(
    [(121.50, 31.28), (121.52, 31.28), (121.52, 31.30), (121.50, 31.30)],
    [[(121.505, 31.285), (121.51, 31.285), (121.51, 31.29), (121.505, 31.29)]],
)
GEOMETRIES = [
    SQUARE_WITH_HOLE,
    MultiPolygon([box(121.53, 31.25, 121.54, 31.26), SQUARE_WITH_HOLE]),
    LineString([(121.5, 31.25), (121.51234567, 31.26), (121.53, 31.251)]),
    MultiLineString([[(121.5, 31.25), (121.51, 31.26)], [(121.52, 31.27), (121.55, 31.3)]]),
    Point(121.5123456789, 31.2987654321),
    MultiPoint([(121.5, 31.25), (121.51, 31.26)]),
    LinearRing([(121.5, 31.25), (121.51, 31.25), (121.51, 31.26)]),
    Polygon(),
    None,
    shapely.GeometryCollection([Point(121.5, 31.25)]),
    Point(121.5, 31.25, 12.0),
]


def user_layer(geometries, kind="user", **columns) -> Layer:
    data = gpd.GeoDataFrame(
        columns or {"name": [f"f{i}" for i in range(len(geometries))]},
        geometry=list(geometries),
        crs="EPSG:4326",
    )
    return Layer(id="test", title="Test layer", data=data, kind=kind)


# --- geometry -------------------------------------------------------------------------------


def decode(part: dict) -> list:
    """The page's decoding (html_map.js decodeLatLngs + nest), as (lon, lat) tuples."""
    flat, x, y, points = part["coords"], 0, 0, []
    for k in range(0, len(flat), 2):
        x += flat[k]
        y += flat[k + 1]
        points.append((x / COORDINATE_SCALE, y / COORDINATE_SCALE))
    items = points
    for sizes in part["counts"]:
        grouped, start = [], 0
        for size in sizes:
            grouped.append(items[start : start + size])
            start += size
        items = grouped
    return items


def expected_shape(geometry) -> list:
    """What Leaflet should get: rounded (lon, lat), rings without their closing vertex."""

    def ring(coords, closed):
        pts = [(round(x, 6), round(y, 6)) for x, y, *_ in coords]
        return pts[:-1] if closed else pts

    def polygon(p):
        return [ring(p.exterior.coords, True)] + [ring(r.coords, True) for r in p.interiors]

    kind = geometry.geom_type
    if kind == "Polygon":
        return polygon(geometry)
    if kind == "MultiPolygon":
        return [polygon(p) for p in geometry.geoms]
    if kind in ("LineString", "LinearRing"):
        return ring(geometry.coords, False)
    if kind == "MultiLineString":
        return [ring(line.coords, False) for line in geometry.geoms]
    if kind == "Point":
        return ring(geometry.coords, False)[0]
    return [ring(p.coords, False)[0] for p in geometry.geoms]


def test_geometries_survive_the_compact_encoding_rounded_to_a_micro_degree():
    encoded = encode_geometries(np.array(GEOMETRIES, dtype=object))
    # Single and multi parts of one family travel together, as the multi type.
    assert [p["type"] for p in encoded.parts] == ["MULTIPOLYGON", "MULTILINESTRING", "MULTIPOINT"]
    decoded = {}
    for part in encoded.parts:
        rows = part["rows"] if part["rows"] is not None else range(len(GEOMETRIES))
        for row, shape in zip(rows, decode(part), strict=True):
            decoded[row] = shape
    drawable = [0, 1, 2, 3, 4, 5, 6, 10]
    assert sorted(decoded) == drawable == encoded.drawn_rows.tolist()
    assert encoded.left_out == 3  # the empty polygon, the missing geometry, the collection
    for row in drawable:
        geometry = GEOMETRIES[row]
        want = expected_shape(geometry)
        if not geometry.geom_type.startswith("Multi"):
            want = [want]
        assert _rounded(decoded[row]) == _rounded(want), row


def _rounded(nested):
    """Nested lists with every number to 7 decimals, to compare structure and values."""
    if isinstance(nested, float | int):
        return round(nested, 7)
    return [_rounded(item) for item in nested]


def test_a_single_geometry_family_leaves_rows_implicit_and_numbers_short():
    squares = [box(121.5 + i * 1e-3, 31.28, 121.5005 + i * 1e-3, 31.2805) for i in range(50)]
    (part,) = encode_geometries(np.array(squares, dtype=object)).parts
    assert part["rows"] is None and part["type"] == "POLYGON"
    assert part["counts"] == [[4] * 50, [1] * 50]
    # After the first vertex every number is a small delta, not a full coordinate.
    assert max(abs(v) for v in part["coords"][2:]) < COORDINATE_SCALE


# --- facts ----------------------------------------------------------------------------------


def facts_from_payload(payload, row: int) -> list[tuple]:
    sourced = payload.sourced[row] if payload.sourced else []
    facts = [(label, figure) for label, figure, *_ in sourced]
    for column in payload.computed:
        value = column["values"][row]
        if value is not None:
            fact = Fact(
                column.get("id", ""), column["label"], value, column["unit"], None, COMPUTED_SOURCE
            )
            facts.append((column["label"], fact.display_value()))
    return facts


def facts_from_hit(layer: Layer, row: int) -> list[tuple]:
    return [(f.label, f.display_value()) for f in Hit(layer, row).facts()]


def test_every_embedded_feature_gets_the_facts_of_its_hit(embedded_layers):
    for layer in embedded_layers:
        payload = facts_payload(layer)
        for row in range(layer.feature_count):
            assert facts_from_payload(payload, row) == facts_from_hit(layer, row), (layer.id, row)


def test_user_layer_facts_match_hits_row_by_row():
    layer = user_layer(GEOMETRIES)
    payload = facts_payload(layer)
    assert payload.sourced is None and payload.source_ids == {COMPUTED_SOURCE}
    for row in range(layer.feature_count):
        assert facts_from_payload(payload, row) == facts_from_hit(layer, row), row


def test_sourced_facts_travel_with_date_and_source(embedded_layers):
    sites = next(layer for layer in embedded_layers if layer.kind == "site")
    row = sites.data.index[sites.data["id"] == "changbai-community"][0]
    payload = facts_payload(sites)
    un = next(f for f in payload.sourced[row] if "UN-Habitat" in f[0])
    assert un[1:4] == ["2023", "2023", "shine-2023-08-17"]
    assert {"shine-2023-08-17", "places", COMPUTED_SOURCE} <= payload.source_ids


def test_the_228_blocks_dated_facts_travel_to_the_popup(embedded_layers):
    sites = next(layer for layer in embedded_layers if layer.kind == "site")
    row = sites.data.index[sites.data["id"] == "changbai-228"][0]
    rows = {f[0]: f[1:4] for f in facts_payload(sites).sourced[row]}
    source = "zhwiki-changbai-228"
    assert rows["Built as"][1:] == ["1953", source]
    assert rows["Residents' relocation completed"][1:] == ["Jun 2016", source]
    assert rows["Renewal works began"] == ["2 buildings kept, 10 rebuilt", "Dec 2019", source]
    assert rows["Opened after renewal"][1:] == ["26 Apr 2023", source]
    assert rows["Land area of the block"] == ["2.20 ha", "", source]
    assert rows["Floor area after renewal"] == ["4.30 ha", "Apr 2023", source]


@pytest.mark.parametrize(
    "iso, text",
    [
        ("2023-08-17", "17 Aug 2023"),
        ("2023-08", "Aug 2023"),
        ("2023", "2023"),
        ("2023-01/2023-06", "Jan 2023 – Jun 2023"),
        (None, ""),
        ("2023-13", "2023-13"),
    ],
)
def test_dates_read_as_in_the_facts_panel(iso, text):
    assert date_text(iso) == text


# --- styles, legend, popup fields -----------------------------------------------------------


def test_categorised_fills_follow_style_fill_for():
    layer = user_layer([Point(121.5, 31.3)] * 5, use=["a", "b", None, "zzz", "a"])
    layer.style = categorised(Style(fill="#111111"), "use", ["a", "b", None])
    palette, index = fill_colours(layer)
    for row, value in enumerate(layer.data["use"]):
        assert palette[index[row]] == layer.style.fill_for(None if pd.isna(value) else value)
    labels = [label for label, _ in legend_entries(layer)]
    assert labels == ["(no value)", "a", "b", "other values"]  # "zzz" falls back to the fill


def test_boolean_categories_match_their_string_keys(embedded_layers):
    embedded = next(layer for layer in embedded_layers if layer.kind == "district")
    districts = Layer(
        id="focus",
        title="Focus",
        data=embedded.data,
        style=Style(category_field="focus", categories=(("True", "#f6f1e1"), ("False", "#e2e0da"))),
    )
    palette, index = fill_colours(districts)
    for row, focus in enumerate(districts.data["focus"]):
        assert palette[index[row]] == districts.style.fill_for(focus)
    assert legend_entries(districts) == [["True", "#f6f1e1"], ["False", "#e2e0da"]]


def test_style_carries_opacity_and_qt_dash_pattern():
    layer = user_layer([Point(121.5, 31.3)])
    layer.style = Style(
        fill="#123456",
        fill_opacity=0.5,
        stroke="#654321",
        stroke_width=2,
        dashed=True,
        point_size=9,
    )
    layer.opacity = 0.5
    assert style_payload(layer) == {
        "fill": "#123456",
        "fillOpacity": 0.25,
        "stroke": "#654321",
        "weight": 2,
        "opacity": 0.5,
        "dashArray": "8 4",
        "radius": 4.5,
    }


def test_site_popups_place_their_fields_like_the_facts_panel(embedded_layers):
    sites = next(layer for layer in embedded_layers if layer.kind == "site")
    columns, layout = popup_layout(sites)
    named = {key: columns[i] for key, i in layout.items() if isinstance(i, int) and i >= 0}
    assert named == {
        "name": "name_en",
        "nameZh": "name_zh",
        "category": "category",
        "summary": "summary",
    }
    assert layout["attributes"] == []  # every site field has its own place
    assert [label for label, _ in layout["position"]] == ["Position basis", "Position confidence"]
    assert "parent" not in columns and "id" not in columns


def test_user_popups_list_every_attribute():
    layer = user_layer([Point(121.5, 31.3)], name=["a"], height=[3.5], name_zh=["甲"])
    columns, layout = popup_layout(layer)
    assert [label for label, _ in layout["attributes"]] == ["name", "height", "name_zh"]
    assert layout["nameZh"] == -1 and columns[layout["name"]] == "name"


# --- values and JSON ------------------------------------------------------------------------


def test_columns_become_plain_json_scalars():
    frame = pd.DataFrame(
        {
            "f": [1.5, np.nan, np.inf],
            "i": np.array([1, 2, 3], dtype=np.int64),
            "b": [True, False, True],
            "t": pd.to_datetime(["2023-08-17", None, "2023-01-01"]),
            "o": [b"\xe6\x9d\xa8", None, {"k": 1}],
        }
    )
    assert json_column(frame["f"]) == [1.5, None, "inf"]
    assert json_column(frame["i"]) == [1, 2, 3] and type(json_column(frame["i"])[0]) is int
    assert json_column(frame["b"]) == [True, False, True]
    assert json_column(frame["t"]) == ["2023-08-17", None, "2023-01-01"]
    assert json_column(frame["o"]) == ["杨", None, "{'k': 1}"]
    json.dumps([json_column(frame[c]) for c in frame], allow_nan=False)


def test_integers_a_javascript_number_cannot_hold_travel_as_text():
    codes = pd.Series([310110123456789012, 2**53, -(2**53) - 1, 7], dtype=np.int64)
    values = json_column(codes)
    assert values == ["310110123456789012", 2**53, str(-(2**53) - 1), 7]
    # JSON.parse of what the page carries gives the same digits back.
    assert json.loads(script_safe_json(values))[0] == "310110123456789012"
    assert json_column(pd.Series([2**64 - 1], dtype=np.uint64)) == [str(2**64 - 1)]


def test_times_travel_as_iso_text_in_their_own_zone():
    utc = pd.Series(pd.to_datetime(["2023-08-17T00:00:00+00:00", None], utc=True))
    shanghai = pd.Series(pd.to_datetime(["2023-08-17 09:30"]).tz_localize("Asia/Shanghai"))
    naive = pd.Series(pd.to_datetime(["2023-08-17 09:30:15", "2023-08-18 00:00:00"]))
    assert page_column(utc) == {"time": ["2023-08-17T00:00Z", None]}
    assert page_column(shanghai) == {"time": ["2023-08-17T09:30+08:00"]}
    assert page_column(naive) == {"time": ["2023-08-17T09:30:15", "2023-08-18"]}  # a date
    assert page_column(pd.Series(["2023-08-17"])) == ["2023-08-17"]  # text stays text


def test_popup_title_field_is_the_id_when_there_is_no_name():
    data = gpd.GeoDataFrame(
        {"id": [4711, 4712], "use": ["park", "school"]},
        geometry=[box(0, 0, 1, 1), box(1, 1, 2, 2)],
        crs="EPSG:4326",
    )
    columns, layout = popup_layout(Layer(id="p", title="Plots", data=data))
    assert columns[layout["id"]] == "id" and layout["name"] == -1
    assert ["id", columns.index("id")] in layout["attributes"]  # listed as well


def test_script_safe_json_cannot_close_or_open_tags_and_round_trips():
    doc = {"name": "</script><script>alert(1)</script><!-- & -->", "zh": "长白新村", "n": 1.5}
    text = script_safe_json(doc)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "长白新村" in text  # UTF-8, not \\u escapes, for everything else
    assert json.loads(text) == doc
    with pytest.raises(ValueError):
        script_safe_json({"x": math.nan})
