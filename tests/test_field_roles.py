"""Internal fields of the embedded layers stay out of the facts panel and HTML popups;
a planner's own layers show every field, whatever it is called."""

import geopandas as gpd
import shapely

from yangpu_gis.export.html_layers import popup_layout
from yangpu_gis.model.embedded import EMBEDDED_LAYERS, load_embedded_layer
from yangpu_gis.model.field_roles import attribute_fields
from yangpu_gis.model.identify import Hit
from yangpu_gis.model.layer import Layer
from yangpu_gis.ui.panels.fact_sheet import fact_sheet


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


def test_river_popup_leaves_out_the_drawn_width_but_says_it_is_approximate():
    river = embedded("river")
    assert popup_attribute_names(river) == ["approximate"]
    assert [n for n, _ in fact_sheet(Hit(river, 0)).attributes] == ["approximate"]


def test_site_popups_show_no_parent_id():
    sites = embedded("site")
    assert "parent" in sites.column_names
    assert "parent" not in popup_attribute_names(sites)
    _columns, layout = popup_layout(sites)
    assert layout["name"] >= 0 and layout["nameZh"] >= 0


def test_a_planners_layer_shows_every_field_even_one_called_role():
    frame = gpd.GeoDataFrame({"role": ["school"], "focus": [True], "id": [7]},
                             geometry=[shapely.Point(121.52, 31.29)], crs="EPSG:4326")
    layer = Layer(id="mine", title="mine", data=frame)
    assert popup_attribute_names(layer) == ["role", "focus", "id"]
    assert [n for n, _ in fact_sheet(Hit(layer, 0)).attributes] == ["role", "focus", "id"]
    assert attribute_fields("user", ["role"]) == ["role"]
    assert attribute_fields("notes", ["text", "site_id"]) == ["text"]
