"""Internal fields of the embedded layers stay out of the facts panel and HTML popups;
a planner's own layers show every field, whatever it is called."""

import geopandas as gpd
import shapely

from yangpu_gis.export.html_layers import popup_layout
from yangpu_gis.model.embedded import EMBEDDED_LAYERS, load_embedded_layer
from yangpu_gis.model.fact_sheet import fact_sheet
from yangpu_gis.model.field_roles import attribute_fields, is_internal, position_fields
from yangpu_gis.model.identify import Hit
from yangpu_gis.model.layer import Layer


def embedded(kind):
    return load_embedded_layer(next(s for s in EMBEDDED_LAYERS if s.kind == kind))


def popup_attribute_names(layer):
    _columns, layout = popup_layout(layer)
    return [name for name, _index in layout["attributes"]]


def test_district_facts_and_popups_leave_out_styling_fields():
    districts = embedded("district")
    row = districts.column("name_en").tolist().index("Yangpu District")
    sheet = fact_sheet(Hit(districts, row))
    names = [name for name, _value in sheet.attributes]
    assert "role" not in names and "focus" not in names
    assert "adcode" in names and sheet.title == "Yangpu District"
    assert sheet.name_zh == "杨浦区"
    popup = popup_attribute_names(districts)
    assert "role" not in popup and "focus" not in popup and "adcode" in popup


def position_rows(layer):
    _columns, layout = popup_layout(layer)
    return [label for label, _index in layout["position"]]


def test_river_and_riverside_say_they_are_approximate_under_position_not_as_raw_fields():
    river = embedded("river")
    assert popup_attribute_names(river) == []
    assert fact_sheet(Hit(river, 0)).attributes == []
    assert position_rows(river) == ["Approximate"]
    assert fact_sheet(Hit(river, 0)).position == [("Approximate", "yes")]
    riverside = embedded("riverside")
    assert popup_attribute_names(riverside) == []
    assert position_rows(riverside) == ["Approximate"]
    for row in range(riverside.feature_count):
        sheet = fact_sheet(Hit(riverside, row))
        assert sheet.attributes == [] and sheet.position == [("Approximate", "yes")]


def test_the_model_says_which_fields_are_internal():
    assert is_internal("district", "role") and is_internal("district", "focus")
    assert is_internal("river", "width_m") and is_internal("site", "parent")
    assert is_internal("site", "id") and is_internal("notes", "site_id")
    assert not is_internal("district", "adcode") and not is_internal("river", "approximate")
    assert not is_internal("site", "position_basis")
    assert not is_internal("user", "role") and not is_internal("user", "id")
    assert attribute_fields(
        "district", ["id", "adcode", "name_en", "name_zh", "focus", "role"]
    ) == ["adcode"]
    assert attribute_fields(
        "notes", ["id", "text", "author", "created", "status", "category", "site_id"]
    ) == ["text", "author", "created", "status", "category"]
    assert [label for _field, label in position_fields("site")] == [
        "Position basis",
        "Position confidence",
    ]
    assert position_fields("user") == ()


def test_every_internal_field_of_the_embedded_layers_exists_and_is_kept_as_data():
    """The declarations name real fields; hiding them drops nothing from the layer."""
    for spec in EMBEDDED_LAYERS:
        layer = load_embedded_layer(spec)
        internal = [c for c in layer.column_names if is_internal(layer.kind, c)]
        assert internal, spec.kind
        assert not set(internal) & set(attribute_fields(layer.kind, layer.column_names))
    districts = embedded("district")
    assert districts.style.category_field == "role"
    assert set(districts.column("role").tolist()) == {"Yangpu", "neighbour"}
    assert "changbai-community" in embedded("site").column("parent").tolist()


def test_site_popups_show_no_parent_id():
    sites = embedded("site")
    assert "parent" in sites.column_names
    assert "parent" not in popup_attribute_names(sites)
    assert "id" not in popup_attribute_names(sites)
    assert position_rows(sites) == ["Position basis", "Position confidence"]
    _columns, layout = popup_layout(sites)
    assert layout["name"] >= 0 and layout["nameZh"] >= 0


def test_a_planners_layer_shows_every_field_even_one_called_role():
    frame = gpd.GeoDataFrame(
        {"role": ["school"], "focus": [True], "id": [7]},
        geometry=[shapely.Point(121.52, 31.29)],
        crs="EPSG:4326",
    )
    layer = Layer(id="mine", title="mine", data=frame)
    assert popup_attribute_names(layer) == ["role", "focus", "id"]
    assert [n for n, _ in fact_sheet(Hit(layer, 0)).attributes] == ["role", "focus", "id"]
    assert attribute_fields("user", ["role"]) == ["role"]
    assert attribute_fields("notes", ["text", "site_id"]) == ["text"]


def test_the_popup_and_the_sheet_fill_the_same_places_from_one_layout(project):
    """popup_layout() packs the layout fact_sheet() fills (model.sheet_layout): the same
    attributes in the same order, the same position labels, the same Chinese name."""
    plots = gpd.GeoDataFrame(
        {"用途": ["教育"], "role": ["a planner's own"], "area": [1.5], "name": ["A"]},
        geometry=[shapely.Point(121.5, 31.3)],
        crs="EPSG:4326",
    )
    for layer in [*project.layers, Layer(id="plots", title="Plots", data=plots)]:
        for language in ("en", "zh"):
            columns, layout = popup_layout(layer, language)
            for row in range(min(layer.feature_count, 5)):
                sheet = fact_sheet(Hit(layer, row), language)
                listed = [columns[index] for _label, index in layout["attributes"]]
                assert listed == [name for name, _value in sheet.attributes], layer.id
                popup_positions = {label: columns[index] for label, index in layout["position"]}
                for label, _value in sheet.position:
                    assert label in popup_positions, (layer.id, label)
                if sheet.name_zh:  # in Chinese it holds the English name, the title swapped
                    assert columns[layout["nameZh"]] == "name_zh", layer.id
