"""Attribute filters (model.attribute_filter): parsing what a planner types, and matching."""

import geopandas as gpd
import numpy as np
import pytest
import shapely

from yangpu_gis.model import attribute_filter as af
from yangpu_gis.model.layer import Layer

FIELDS = ["名称", "类别", "面积", "floors", "land use"]


def sites() -> Layer:
    frame = gpd.GeoDataFrame(
        {
            "名称": ["长白社区", "228街坊", "杨浦滨江", "复旦大学", "定海社区"],
            "类别": ["更新社区", "更新社区", "滨江", "校园", None],
            "面积": [12.5, 2.0, 5.0, 104.0, None],
            "floors": ["3", "12", "7", "", "25"],  # numbers as text, as from a CSV
        },
        geometry=[shapely.Point(121.5 + i * 1e-3, 31.28) for i in range(5)],
        crs="EPSG:4326",
    )
    return Layer(id="sites", title="Sites", data=frame)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("面积 > 5", af.Condition("面积", ">", "5")),
        ("面积>=5", af.Condition("面积", "≥", "5")),
        ("面积 ≤ 5", af.Condition("面积", "≤", "5")),
        ("类别 = 更新社区", af.Condition("类别", "=", "更新社区")),
        ("类别 != 滨江", af.Condition("类别", "≠", "滨江")),
        ("名称 contains 社区", af.Condition("名称", "contains", "社区")),
        ("名称 包含 社区", af.Condition("名称", "contains", "社区")),
        ('land use = "R2 housing"', af.Condition("land use", "=", "R2 housing")),
        ("FLOORS < 10", af.Condition("floors", "<", "10")),
    ],
)
def test_parses_what_a_planner_types(text, expected):
    assert af.parse(text, FIELDS) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "empty"), ("面积 5", "no_operator"), ("高度 > 5", "unknown_field")],
)
def test_refuses_what_it_cannot_read(text, reason):
    with pytest.raises(af.FilterError) as caught:
        af.parse(text, FIELDS)
    assert caught.value.reason == reason


def test_code_is_never_run():
    # A value is text compared with text: nothing is evaluated.
    condition = af.parse("名称 = __import__('os').system('true')", FIELDS)
    assert condition.value == "__import__('os').system('true')"
    assert af.matching_rows(sites(), condition).tolist() == []


def test_numeric_field_compares_as_numbers():
    layer = sites()
    assert af.matching_rows(layer, af.parse("面积 > 5", FIELDS)).tolist() == [0, 3]
    assert af.matching_rows(layer, af.parse("面积 ≥ 5", FIELDS)).tolist() == [0, 2, 3]
    assert af.matching_rows(layer, af.parse("面积 = 5.0", FIELDS)).tolist() == [2]
    # An empty value is not "not 5": it is unknown.
    assert af.matching_rows(layer, af.parse("面积 ≠ 5", FIELDS)).tolist() == [0, 1, 3]


def test_numbers_held_as_text_compare_as_numbers():
    # As text "12" < "7"; as numbers it is not.
    rows = af.matching_rows(sites(), af.parse("floors < 10", FIELDS)).tolist()
    assert rows == [0, 2]


def test_text_fields_and_contains():
    layer = sites()
    assert af.matching_rows(layer, af.parse("类别 = 更新社区", FIELDS)).tolist() == [0, 1]
    assert af.matching_rows(layer, af.parse("名称 contains 社区", FIELDS)).tolist() == [0, 4]
    assert af.matching_rows(layer, af.parse("类别 ≠ 更新社区", FIELDS)).tolist() == [2, 3, 4]


def test_a_number_is_needed_for_a_numeric_field():
    with pytest.raises(af.FilterError) as caught:
        af.matching_rows(sites(), af.parse("面积 > 大", FIELDS))
    assert caught.value.reason == "not_a_number"


def test_matches_a_plain_array():
    mask = af.matches(np.array([1, 2, 3]), af.Condition("x", "≥", "2"))
    assert mask.tolist() == [False, True, True]
