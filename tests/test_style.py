"""Layer styles: validation, categorised colouring, and the dict form used in project files."""

from __future__ import annotations

import dataclasses
import json

import pytest

from yangpu_gis.model.embedded import EMBEDDED_LAYERS
from yangpu_gis.model.style import CATEGORY_PALETTE, Style, categorised

BAD_COLOURS = [
    "red",
    "#fff",
    "#ggg000",
    "aabbcc",
    "#aabbcc\n",
    " #aabbcc",
    "#aabbccdd",
    "",
    "#12345",
    0x123456,
]


def test_default_style_is_valid():
    style = Style()
    assert style.fill.startswith("#") and 0 <= style.fill_opacity <= 1
    assert style.category_field is None and style.categories == ()


@pytest.mark.parametrize("colour", ["#000000", "#FFFFFF", "#a1B2c3", None])
def test_good_colours(colour):
    style = Style(fill=colour, stroke=colour)
    assert style.fill == colour and style.stroke == colour


@pytest.mark.parametrize("colour", BAD_COLOURS)
@pytest.mark.parametrize("field", ["fill", "stroke"])
def test_bad_colours_are_rejected(field, colour):
    with pytest.raises(ValueError, match="#rrggbb"):
        Style(**{field: colour})


@pytest.mark.parametrize("colour", BAD_COLOURS)
def test_bad_category_colours_are_rejected(colour):
    with pytest.raises(ValueError):
        Style(category_field="kind", categories=(("a", "#112233"), ("b", colour)))


@pytest.mark.parametrize("opacity", [0.0, 0.5, 1.0, 1])
def test_good_opacities(opacity):
    assert Style(fill_opacity=opacity).fill_opacity == opacity


@pytest.mark.parametrize("opacity", [-0.01, 1.01, 255, float("nan"), float("inf")])
def test_bad_opacities_are_rejected(opacity):
    with pytest.raises(ValueError, match="fill_opacity"):
        Style(fill_opacity=opacity)


@pytest.mark.parametrize("field", ["stroke_width", "point_size"])
@pytest.mark.parametrize("value", [-1.0, float("nan"), float("inf")])
def test_bad_widths_and_sizes_are_rejected(field, value):
    with pytest.raises(ValueError):
        Style(**{field: value})


def test_zero_width_is_allowed():
    assert Style(stroke_width=0, point_size=0).stroke_width == 0


def test_style_is_immutable_and_with_validates():
    style = Style()
    with pytest.raises(dataclasses.FrozenInstanceError):
        style.fill = "#000000"
    changed = style.with_(fill="#000000", dashed=True)
    assert changed.fill == "#000000" and changed.dashed and style.fill != "#000000"
    with pytest.raises(ValueError):
        style.with_(stroke="blue")


def test_fill_for():
    plain = Style(fill="#101010")
    assert plain.fill_for("anything") == "#101010"
    style = Style(
        fill="#101010",
        category_field="kind",
        categories=(("park", "#00ff00"), ("", "#777777"), ("3", "#333333")),
    )
    assert style.fill_for("park") == "#00ff00"
    assert style.fill_for("lake") == "#101010"  # unmatched values keep the plain fill
    assert style.fill_for(None) == "#777777"
    assert style.fill_for(3) == "#333333"


# --- categorised -----------------------------------------------------------------------------


def test_categorised_gives_one_colour_per_distinct_value():
    base = Style(fill="#101010", stroke="#202020", stroke_width=2.0)
    values = ["university", "innovation", "university", None, "urban renewal", "innovation"]
    style = categorised(base, "category", values)
    keys = [key for key, _ in style.categories]
    assert keys == sorted({"university", "innovation", "urban renewal", ""})
    colours = [colour for _, colour in style.categories]
    assert len(set(colours)) == len(colours) == 4
    assert set(colours) <= set(CATEGORY_PALETTE)
    assert style.category_field == "category"
    for value in values:
        assert style.fill_for(value) in colours
    assert style.fill_for("university") != style.fill_for("innovation")
    # Only the categories changed.
    assert style.with_(category_field=None, categories=()) == base


def test_categorised_is_stable_whatever_the_order():
    values = ["b", "a", "c", "a"]
    assert categorised(Style(), "f", values) == categorised(Style(), "f", reversed(values))


def test_categorised_on_real_site_categories(embedded_layers):
    sites = next(layer for layer in embedded_layers if layer.id == "sites")
    style = categorised(sites.style, "category", sites.data["category"])
    distinct = set(sites.data["category"])
    assert {key for key, _ in style.categories} == distinct
    fills = {style.fill_for(v) for v in distinct}
    assert len(fills) == len(distinct)


def test_categorised_with_more_values_than_colours():
    values = [f"v{i:02d}" for i in range(len(CATEGORY_PALETTE) + 5)]
    style = categorised(Style(), "f", values)
    assert len(style.categories) == len(values)
    colours = [colour for _, colour in style.categories]
    # The palette is used whole before any colour repeats.
    assert len(set(colours[: len(CATEGORY_PALETTE)])) == len(CATEGORY_PALETTE)
    assert all(style.fill_for(v) in CATEGORY_PALETTE for v in values)


def test_categorised_with_no_values():
    style = categorised(Style(fill="#101010"), "f", [])
    assert style.categories == () and style.fill_for("x") == "#101010"


# --- dict form -------------------------------------------------------------------------------


def full_style() -> Style:
    return Style(
        fill=None,
        fill_opacity=0.35,
        stroke="#a63603",
        stroke_width=1.5,
        dashed=True,
        point_size=9.0,
        label_field="name_zh",
        category_field="category",
        categories=(("innovation", "#fd8d3c"), ("university", "#74c476")),
    )


def test_to_dict_from_dict_round_trip():
    style = full_style()
    d = style.to_dict()
    assert d["categories"] == [["innovation", "#fd8d3c"], ["university", "#74c476"]]
    assert Style.from_dict(d) == style
    assert Style.from_dict(json.loads(json.dumps(d))) == style


@pytest.mark.parametrize("spec", EMBEDDED_LAYERS, ids=lambda s: s.name)
def test_embedded_styles_round_trip_through_json(spec):
    assert Style.from_dict(json.loads(json.dumps(spec.style.to_dict()))) == spec.style


def test_from_dict_ignores_unknown_keys_and_fills_defaults():
    style = Style.from_dict({"fill": "#123456", "future_option": True})
    assert style == Style(fill="#123456")


def test_from_dict_validates():
    with pytest.raises(ValueError):
        Style.from_dict({**full_style().to_dict(), "stroke": "blue"})
    with pytest.raises(ValueError):
        Style.from_dict({**full_style().to_dict(), "fill_opacity": 2})
