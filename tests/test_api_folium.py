"""`Map.to_folium()`: a real folium.Map with the app's layers, styles, popups and legend."""

from __future__ import annotations

import folium
import folium.plugins
import geopandas as gpd
import shapely

import yangpu_gis as yg
from yangpu_gis.model.style import categorised


def geojson_layers(fmap: folium.Map) -> dict[str, folium.GeoJson]:
    return {
        child.layer_name: child
        for child in fmap._children.values()
        if isinstance(child, folium.GeoJson)
    }


def child(parent, kind):
    return next(c for c in parent._children.values() if isinstance(c, kind))


def test_the_folium_map_has_every_visible_layer_with_its_features():
    m = yg.Map()
    fmap = m.to_folium()
    assert isinstance(fmap, folium.Map)
    layers = geojson_layers(fmap)
    assert list(layers) == [layer.title for layer in m.layers]
    sites = layers["Renewal and innovation sites"].data["features"]
    assert len(sites) == 8
    assert {f["properties"]["_name"] for f in sites} >= {
        "Changbai Community",
        "Knowledge Innovative Community",
    }
    assert any(isinstance(c, folium.LayerControl) for c in fmap._children.values())
    assert fmap.options.get("tiles") is None or not any(
        isinstance(c, folium.TileLayer) for c in fmap._children.values()
    )  # no basemap, so no request to a tile server unless asked


def test_styles_popups_and_tooltips_follow_the_app():
    m = yg.Map()
    fmap = m.to_folium()
    districts = geojson_layers(fmap)["Districts"]
    feature = districts.data["features"][0]
    style = districts.style_function(feature)
    app_style = next(layer for layer in m._layers if layer.id == "districts").style
    assert style["color"] == app_style.stroke
    sites = geojson_layers(fmap)["Renewal and innovation sites"]
    assert child(sites, folium.GeoJsonTooltip).fields == ["_name"]
    popup = child(sites, folium.GeoJsonPopup)
    assert "Area" in popup.aliases  # the computed figures, as in the facts panel
    kic = next(
        f for f in sites.data["features"] if f["properties"]["_name"].startswith("Knowledge")
    )
    values = [kic["properties"][key] for key in popup.fields[1:]]
    assert "创智天地" in values
    page = fmap.get_root().render()
    assert "yangpu-legend" in page and "Renewal and innovation sites" in page


def test_a_categorised_layer_gets_its_category_colours_and_legend():
    frame = gpd.GeoDataFrame(
        {"名称": ["a", "b", "c"], "类别": ["更新社区", "创新园区", "更新社区"]},
        geometry=[
            shapely.box(121.50 + i / 100, 31.28, 121.505 + i / 100, 31.285) for i in range(3)
        ],
        crs=4326,
    )
    m = yg.Map(embedded=False)
    info = m.add_frame(frame, "Plans")
    layer = m._find(info.id)
    layer.style = categorised(layer.style, "类别", frame["类别"])
    colours = dict(layer.style.categories)
    fmap = m.to_folium()
    plans = geojson_layers(fmap)["Plans"]
    fills = [plans.style_function(f)["fillColor"] for f in plans.data["features"]]
    assert fills == [colours["更新社区"], colours["创新园区"], colours["更新社区"]]
    page = fmap.get_root().render()
    assert "更新社区" in page and "创新园区" in page


def test_text_from_data_is_escaped_in_popups_tooltips_and_legend():
    hostile = '<img src=x onerror="alert(1)">'
    frame = gpd.GeoDataFrame(
        {"name": [hostile], hostile: ["<script>alert(2)</script>"]},
        geometry=[shapely.box(121.5, 31.28, 121.51, 31.29)],
        crs=4326,
    )
    m = yg.Map(embedded=False)
    m.add_frame(frame, "<b>bold</b>")
    page = m.to_folium().get_root().render()
    assert "<img src=x" not in page and "<script>alert(2)" not in page and "<b>bold</b>" not in page
    # escaped for HTML, then for JSON by folium: shown as text, never parsed
    assert "\\u0026lt;img src=x" in page


def test_folium_plugins_can_be_added():
    fmap = yg.Map().to_folium(tiles="OpenStreetMap")
    folium.plugins.MiniMap().add_to(fmap)
    folium.plugins.Fullscreen().add_to(fmap)
    page = fmap.get_root().render()
    assert "MiniMap" in page and "fullscreen" in page.lower()
    assert any(isinstance(c, folium.TileLayer) for c in fmap._children.values())


def test_folium_titles_and_values_match_the_offline_page(tmp_path):
    import geopandas as gpd
    from shapely.geometry import box

    from yangpu_gis.export.folium_map import folium_map
    from yangpu_gis.model.layer import Layer

    data = gpd.GeoDataFrame(
        {"id": [4711], "code": [310110123456789012]},
        geometry=[box(121.50, 31.28, 121.51, 31.29)],
        crs="EPSG:4326",
    )
    fmap = folium_map([Layer(id="p", title="Plots", data=data)])
    page = fmap.get_root().render()
    assert "Plots 4711" in page and "Plots #1" not in page  # titled by the id
    assert '"310110123456789012"' in page  # every digit, as text


def test_the_folium_map_speaks_the_language_asked_for_as_export_html_does(monkeypatch):
    m = yg.Map()
    chinese = m.to_folium(lang="zh")
    layers = geojson_layers(chinese)
    assert list(layers) == ["区界", "黄浦江", "滨江岸线", "城市更新与创新地块"]
    sites = layers["城市更新与创新地块"]
    popup = child(sites, folium.GeoJsonPopup)
    assert {"类别", "概况", "定位依据", "定位可信度", "面积"} <= set(popup.aliases)
    assert not {"Category", "Summary", "Position basis", "Area"} & set(popup.aliases)
    changbai = next(f for f in sites.data["features"] if f["properties"]["_name"] == "长白新村")
    shown = dict(
        zip(popup.aliases[1:], [changbai["properties"][k] for k in popup.fields[1:]], strict=True)
    )
    assert shown["英文名称"] == "Changbai Community"
    assert shown["类别"] == "城市更新" and shown["面积"].endswith("公顷")
    assert shown["概况"].startswith("上海第一代工人新村之一")
    river = geojson_layers(chinese)["黄浦江"].data["features"][0]["properties"]
    assert "是" in river.values() and "True" not in river.values()
    page = chinese.get_root().render()
    legend = page[page.index("yangpu-legend") :]
    assert "区界" in legend and "杨浦区" in legend and "Districts" not in legend
    assert "信息来源：SHINE，2023年8月17日" in legend  # the credits in Chinese
    english = geojson_layers(m.to_folium(lang="en"))
    assert "Renewal and innovation sites" in english
    assert (
        "Position basis"
        in child(english["Renewal and innovation sites"], folium.GeoJsonPopup).aliases
    )
    # Without lang, the locale's language, as export-html without --lang.
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert "城市更新与创新地块" in geojson_layers(m.to_folium())
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert "Districts" in geojson_layers(m.to_folium())


def test_the_folium_map_refuses_a_language_it_cannot_write():
    import pytest

    with pytest.raises(ValueError, match="language 'fr'"):
        yg.Map().to_folium(lang="fr")
